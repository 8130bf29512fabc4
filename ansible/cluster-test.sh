#!/usr/bin/env bash
# The cluster test, on this machine: the local inventory's three app nodes behind HAProxy, one of them killed
# with SIGKILL while votes flow. Every 202 must be counted exactly once, as every surviving node reports it.
# Prometheus meanwhile: promtool finds nothing to say about the nodes' intrapoll_* metrics, every dashboard query
# has data, and the node-down alert goes off for the killed node; the nodes log JSON events, one per request too.
# Then the primary broker of the Artemis pair is killed with SIGKILL while votes flow: the backup takes over and
# every 202 is again counted exactly once. The playbook brings the killed node and broker back, and a second run of
# it changes nothing; last the backup drill (backup-drill.sh) restores the database to a point in time.
#   ansible/cluster-test.sh
# Needs the build's target/intrapoll-server.zip and target/artemis-ra.rar, PostgreSQL's server binaries (the
# cluster runs its own instance on 127.0.0.1:5442), and
# Debian's ansible, curl and jq. VOTERS (600), PARALLEL (8) and VICTIM (node2) change the run;
# KEEP_CLUSTER=1 leaves the cluster running afterwards.
set -euo pipefail
cd "$(dirname "$0")"

inventory=inventories/local
lb=http://127.0.0.1:8480
nodes=(node1 node2 node3)
declare -A node_port=([node1]=9381 [node2]=9382 [node3]=9383)
nodes_home=/tmp/intrapoll-cluster/nodes
victim=${VICTIM:-node2}
voters=${VOTERS:-600}
parallel=${PARALLEL:-8}
work=$(mktemp -d /tmp/intrapoll-cluster-test.XXXXXX)

log() { printf '%s %s\n' "$(date +%T)" "$*"; }
fail() { log "FAIL: $*" >&2; exit 1; }

teardown() {
  local rc=$?
  if [ "${KEEP_CLUSTER:-0}" = 1 ]; then
    log "leaving the cluster running (KEEP_CLUSTER=1); logs in $work"
  else
    log "tearing down; logs in $work"
    ansible-playbook -i "$inventory" teardown.yml >"$work/teardown.log" 2>&1 \
      || log "teardown failed: see $work/teardown.log"
  fi
  exit "$rc"
}
trap teardown EXIT

converge() { # log file
  if ! ansible-playbook -i "$inventory" site.yml >"$1" 2>&1; then
    tail -n 40 "$1" >&2
    fail "site.yml failed (see $1)"
  fi
}

node_url() { printf 'http://127.0.0.1:%s' "${node_port[$1]}"; }

# Waits (up to 90 s) until every listed node sees the whole cluster.
await_members() {
  local node members
  for node in "$@"; do
    for _ in $(seq 1 90); do
      members=$(curl -fsS -u admin:admin "$(node_url "$node")/api/v1/admin/operations" | jq '.members | length') || members=0
      [ "$members" -eq "${#nodes[@]}" ] && break
      sleep 1
    done
    [ "$members" -eq "${#nodes[@]}" ] || fail "$node sees $members cluster members, not ${#nodes[@]}"
  done
}

# One vote through HAProxy; prints "voterN <status> <node that answered>". The Idempotency-Key makes a retry
# after an unanswered request safe: it is the same ballot, never a second one.
vote() {
  local i=$1 option out status served
  if (( i % 2 )); then option=$option_a; else option=$option_b; fi
  out=$(curl -sS -o /dev/null --max-time 10 -w '%{http_code} %header{x-served-by}' \
          -u "voter$i:voter$i" -H 'Content-Type: application/json' \
          -H "Idempotency-Key: cluster-test-$poll_id-voter$i" \
          -d "{\"optionIds\": [\"$option\"]}" "$lb/api/v1/polls/$poll_id/votes" 2>/dev/null) || true
  status=${out%% *}
  served=${out#* }
  printf 'voter%s %s %s\n' "$i" "${status:-000}" "${served:--}"
}
export -f vote

for tool in ansible-playbook curl jq; do command -v "$tool" >/dev/null || fail "$tool is missing"; done
[ -f ../target/intrapoll-server.zip ] || fail "../target/intrapoll-server.zip is missing: build it first"

log "1. converging the local cluster (site.yml)"
converge "$work/site-1.log"
await_members "${nodes[@]}"

log "1b. TLS inside: the broker's certificate checks out against the local CA for its address; the database's too"
tls_check=$(openssl s_client -connect 127.0.0.1:61656 -CAfile /tmp/intrapoll-cluster/tls/ca.pem -verify_ip 127.0.0.1 \
              -verify_return_error -brief </dev/null 2>&1) || fail "TLS to broker1 failed: $tls_check"
grep -q 'Verification: OK' <<<"$tls_check" || fail "broker1's certificate did not verify: $tls_check"
grep -qx 'intrapoll.broker.tls=true' "$nodes_home/${nodes[0]}/wlp/usr/servers/intrapoll/bootstrap.properties" \
  || fail "${nodes[0]} does not connect to the broker with TLS"
log "   $(grep -m1 '^Protocol version' <<<"$tls_check"), $(grep -m1 '^Ciphersuite' <<<"$tls_check")"
# The nodes' database connections: TLS, the server's certificate checked (sslmode=verify-full).
db_tls=$(psql -h 127.0.0.1 -p 5442 -U postgres -d postgres -tAX -c \
  "SELECT count(*) FILTER (WHERE s.ssl), count(*) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)
   WHERE a.usename = 'intrapoll_cluster'")
[ "${db_tls%%|*}" -gt 0 ] && [ "${db_tls%%|*}" = "${db_tls##*|}" ] \
  || fail "the nodes' database connections are not all TLS (with TLS|all: $db_tls)"
log "   the nodes' database connections: ${db_tls%%|*} of ${db_tls##*|} over TLS"
# The console's pipeline figures ask the broker (Artemis management messages) over TLS as well.
consumers=$(curl -fsS -u admin:admin "$lb/api/v1/admin/operations" | jq -r .queueConsumers)
[[ "$consumers" =~ ^[1-9][0-9]*$ ]] || fail "the broker's management answered no consumer count over TLS: $consumers"
log "   the broker's management (over TLS) counts $consumers aggregator sessions"

log "2. creating a poll through HAProxy as author"
poll=$(curl -fsS -u author:author -H 'Content-Type: application/json' \
         -d '{"title": "Cluster test", "type": "SINGLE", "options": ["a", "b"], "open": true}' \
         "$lb/api/v1/polls")
poll_id=$(jq -r .id <<<"$poll")
option_a=$(jq -r '.options[0].id' <<<"$poll")
option_b=$(jq -r '.options[1].id' <<<"$poll")
export lb poll_id option_a option_b
log "   poll $poll_id, options $option_a and $option_b"
# Liberty refuses this address itself, in HTML, before the application sees it: HAProxy answers as the API does.
answer=$(curl -sS -o /dev/null -w '%{http_code} %{content_type}' -u author:author "$lb/api/v1/polls/%00")
[ "$answer" = "400 application/problem+json" ] || fail "GET /api/v1/polls/%00 through HAProxy answered $answer"

log "3. $voters voters through HAProxy, $parallel at a time; 4. $victim killed with SIGKILL meanwhile"
seq 1 "$voters" | xargs -P "$parallel" -I{} bash -c 'vote {}' >"$work/votes-1.txt" &
voting=$!
until [ "$(wc -l <"$work/votes-1.txt")" -ge $((voters / 3)) ]; do
  kill -0 "$voting" 2>/dev/null || fail "voting ended before a third of the votes"
  sleep 0.1
done
victim_pid=$(cat "$nodes_home/$victim/wlp/usr/servers/.pid/intrapoll.pid")
kill -9 "$victim_pid"
log "   killed $victim (pid $victim_pid) after $(wc -l <"$work/votes-1.txt") votes"
wait "$voting"

served_by=$(awk '$2 == 202 { print $3 }' "$work/votes-1.txt" | sort -u | paste -sd ' ')
log "   202s came from: $served_by"
for node in "${nodes[@]}"; do
  grep -qw "$node" <<<"$served_by" || fail "$node answered no vote (HAProxy's X-Served-By)"
done

# An unanswered vote (no response, 5xx, 429) is asked again with the same key until it gets an answer.
cp "$work/votes-1.txt" "$work/final.txt"
for round in $(seq 1 10); do
  awk '$2 !~ /^(202|4[0-9][0-9])$/ || $2 == 429 { sub("voter", "", $1); print $1 }' "$work/final.txt" >"$work/pending.txt"
  [ -s "$work/pending.txt" ] || break
  log "   retry round $round: $(wc -l <"$work/pending.txt") votes without an answer"
  sleep 2
  xargs -P "$parallel" -I{} bash -c 'vote {}' <"$work/pending.txt" >"$work/retry.txt"
  awk '{ last[$1] = $0 } END { for (v in last) print last[v] }' "$work/final.txt" "$work/retry.txt" >"$work/merged.txt"
  mv "$work/merged.txt" "$work/final.txt"
done

accepted=$(awk '$2 == 202' "$work/final.txt" | wc -l)
accepted_a=$(awk '$2 == 202 && substr($1, 6) % 2 == 1' "$work/final.txt" | wc -l)
accepted_b=$((accepted - accepted_a))
log "   answers: $(awk '{ print $2 }' "$work/final.txt" | sort | uniq -c | paste -sd ',')"
[ "$accepted" -gt 0 ] || fail "no vote was accepted"

log "5. results on every surviving node: $accepted ballots ($accepted_a for a, $accepted_b for b)"
for node in "${nodes[@]}"; do
  [ "$node" = "$victim" ] && continue
  seen=""
  for _ in $(seq 1 90); do
    seen=$(curl -fsS -u author:author "$(node_url "$node")/api/v1/polls/$poll_id/results" \
             | jq -r --arg a "$option_a" --arg b "$option_b" \
                 '"\(.totalBallots) \(.options[] | select(.id == $a) | .votes) \(.options[] | select(.id == $b) | .votes)"') || seen=""
    [ "$seen" = "$accepted $accepted_a $accepted_b" ] && break
    sleep 1
  done
  [ "$seen" = "$accepted $accepted_a $accepted_b" ] \
    || fail "$node reports ballots/a/b = '$seen', expected '$accepted $accepted_a $accepted_b'"
  log "   $node: $seen"
done

log "5b. metrics and alerts: promtool on a node's /metrics, the dashboard's queries and the node-down alert in Prometheus"
# Debian's prometheus package (the prometheus role installed it) brings promtool. It must find nothing to say about
# the application's own series (Liberty's base and vendor metrics are not ours to rename).
curl -fsS "$(node_url node1)/metrics" >"$work/metrics.txt"
grep -q '^intrapoll_aggregation_lag_seconds' "$work/metrics.txt" || fail "node1's /metrics has no intrapoll_aggregation_lag_seconds"
promtool check metrics <"$work/metrics.txt" >"$work/promtool-metrics.txt" 2>&1 || true
if grep intrapoll_ "$work/promtool-metrics.txt" >&2; then fail "promtool check metrics complains about intrapoll_* series"; fi
prometheus=http://127.0.0.1:9390
promql() { curl -fsS -G --data-urlencode "query=$1" "$prometheus/api/v1/query"; }
# Every panel's query answers with data from this cluster's Prometheus (so the dashboard names real series).
jq -r '.. | objects | select(has("expr")) | .expr | gsub("\\$__rate_interval"; "2m")' \
  roles/grafana/files/intrapoll-dashboard.json >"$work/dashboard-queries.txt"
while read -r query; do
  [ "$(promql "$query" | jq '.data.result | length')" -gt 0 ] || fail "the dashboard's query has no data: $query"
done <"$work/dashboard-queries.txt"
log "   $(wc -l <"$work/dashboard-queries.txt") dashboard queries answered; waiting for IntrapollNodeDown on $victim"
alert=""
for _ in $(seq 1 90); do
  alert=$(promql "ALERTS{alertname=\"IntrapollNodeDown\", node=\"$victim\"}" | jq -r '.data.result[0].metric.alertstate // empty')
  [ -n "$alert" ] && break
  sleep 1
done
[ -n "$alert" ] || fail "Prometheus raised no IntrapollNodeDown alert for $victim"
log "   IntrapollNodeDown for $victim is $alert"

log "5c. logs: a node writes JSON events, one per line, with an access-log event for each request"
node_log="$nodes_home/node1/logs/messages.log"
jq -c . "$node_log" >/dev/null 2>"$work/log-check.txt" \
  || fail "node1's messages.log has a line that is not JSON: $(head -c 300 "$work/log-check.txt")"
vote_lines=$(jq -r 'select(.type == "liberty_accesslog") | .ibm_requestFirstLine' "$node_log" \
  | grep -c '^POST /api/v1/polls/[^/]*/votes ' || true)
[ "$vote_lines" -gt 0 ] || fail "node1 logged no access-log event for a vote"
log "   $(wc -l <"$node_log") JSON lines, $vote_lines of them votes"

log "5d. the audit trail: the application's database role adds entries but cannot change one; the chain verifies"
denied=$(PGPASSWORD=intrapoll-cluster-demo psql -h 127.0.0.1 -p 5442 -U intrapoll_cluster -d intrapoll_cluster -tAX \
           -c "UPDATE audit_entry SET actor = 'someone-else' WHERE seq = 1" 2>&1 || true)
grep -q "permission denied" <<<"$denied" || fail "the application's role could change an audit entry: $denied"
# Nor drop the trail: the database and schema public belong to the administrator, the audit tables to their owner.
for statement in "DROP TABLE audit_entry" "DROP SCHEMA public CASCADE" "DROP DATABASE intrapoll_cluster"; do
  dropped=$(PGPASSWORD=intrapoll-cluster-demo psql -h 127.0.0.1 -p 5442 -U intrapoll_cluster -d intrapoll_cluster -tAX \
              -c "$statement" 2>&1 || true)
  grep -q "must be owner" <<<"$dropped" || fail "the application's role could $statement: $dropped"
done
intact=$(curl -fsS -u admin:admin "$lb/api/v1/admin/audit/verification" | jq -r '"\(.intact) \(.entries)"')
[ "${intact%% *}" = true ] || fail "the audit trail does not verify: $intact"
for path in /metrics /openapi; do
  answer=$(curl -sS -o /dev/null -w '%{http_code}' "$lb$path")
  [ "$answer" = 404 ] || fail "HAProxy's public frontend answered $path with $answer, not 404"
done
log "   UPDATE refused ($(head -c 60 <<<"$denied")), ${intact#* } entries intact; /metrics and /openapi 404 through HAProxy"

log "5e. results at the edge: a strong ETag and 304 through HAProxy; its cache serves browsers' repeated reads"
results="$lb/api/v1/polls/$poll_id/results"
jar="$work/browser.cookies"
signed_in=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -H "Origin: $lb" \
              --data 'username=voter1&password=voter1&next=/app/' "$lb/login")
[ "$signed_in" = 302 ] || fail "the browser's sign-in through HAProxy answered $signed_in"
read_results() { # curl options... -> "status etag cache-control hit"
  curl -sS -o /dev/null -w '%{http_code} %header{etag} %header{cache-control}|%header{x-cache-hit}' "$@"
}
first=$(read_results -b "$jar" "$results")
second=$(read_results -b "$jar" "$results")
etag=$(cut -d' ' -f2 <<<"$first")
[[ "$first" =~ ^200\ \"[^\"]+\"\ public,\ max-age=1\| ]] || fail "a browser's first read answered '$first'"
[ "${second##*|}" = 1 ] || fail "a browser's second read within the second was not served from HAProxy's cache: '$second'"
[ "$(cut -d' ' -f2 <<<"$second")" = "$etag" ] || fail "the cached copy has another ETag: '$second' after '$first'"
not_modified=$(read_results -b "$jar" -H "If-None-Match: $etag" "$results")
[ "${not_modified%% *}" = 304 ] || fail "If-None-Match with the current ETag answered '$not_modified'"
for _ in 1 2; do
  api=$(read_results -u voter1:voter1 "$results")
  [[ "$api" == 200*"|" ]] || fail "a request with an Authorization header was served from the cache: '$api'"
done
restricted=$(curl -fsS -u author:author -H 'Content-Type: application/json' \
  -d '{"title": "Edge: engineering only", "type": "SINGLE", "options": ["a", "b"], "open": true, "audienceGroups": ["engineering"]}' \
  "$lb/api/v1/polls" | jq -r .id)
read_results -b "$jar" "$lb/api/v1/polls/$restricted/results" >/dev/null
private=$(read_results -b "$jar" "$lb/api/v1/polls/$restricted/results")
[[ "$private" == "200 "*"private, max-age=1|" ]] || fail "results for one group were served from the shared cache or not private: '$private'"
# A counted vote reaches a browser's reads through the cache within its second.
extra=$((voters + 1))
[ "$(vote "$extra" | cut -d' ' -f2)" = 202 ] || fail "voter$extra's vote was not accepted"
for _ in $(seq 1 60); do
  [ "$(curl -fsS -u author:author "$results" | jq .totalBallots)" = $((accepted + 1)) ] && break
  sleep 0.5
done
sleep 1.1
fresh=$(curl -fsS -b "$jar" "$results" | jq .totalBallots)
[ "$fresh" = $((accepted + 1)) ] || fail "a browser read $fresh ballots through the cache a second after $((accepted + 1)) were counted"
accepted=$((accepted + 1)); accepted_a=$((accepted_a + extra % 2)); accepted_b=$((accepted - accepted_a))
log "   ETag $etag; the second read a cache hit, 304 on If-None-Match; Basic-auth reads and a group's poll never cached"

log "5f. receipts anyone can check: one signing key on every node, one certificate whichever node is asked"
cert_poll=$(curl -fsS -u author:author -H 'Content-Type: application/json' \
  -d '{"title": "Certified in the cluster", "type": "SINGLE", "options": ["a", "b"], "open": true}' "$lb/api/v1/polls")
cert_poll_id=$(jq -r .id <<<"$cert_poll")
cert_option=$(jq -r '.options[0].id' <<<"$cert_poll")
tracker=$(curl -fsS -u voter2:voter2 -H 'Content-Type: application/json' -d "{\"optionIds\": [\"$cert_option\"]}" \
            "$lb/api/v1/polls/$cert_poll_id/votes" | jq -r .tracker)
[[ "$tracker" =~ ^[A-Za-z0-9_-]{22}$ ]] || fail "a receipt carried no tracker: '$tracker'"
for _ in $(seq 1 60); do
  [ "$(curl -fsS -u author:author "$lb/api/v1/polls/$cert_poll_id/results" | jq .totalBallots)" = 1 ] && break
  sleep 0.5
done
curl -fsS -o /dev/null -u author:author -X POST "$lb/api/v1/polls/$cert_poll_id/close"
jws=""
for _ in $(seq 1 60); do
  jws=$(curl -fsS -u author:author "$lb/api/v1/polls/$cert_poll_id/certificate" 2>/dev/null | jq -er .jws) && break
  jws=""
  sleep 1
done
[ -n "$jws" ] || fail "no certificate for the closed poll"
header=$(cut -d. -f1 <<<"$jws" | tr '_-' '/+')
while (( ${#header} % 4 )); do header+="="; done
kid=$(base64 -d <<<"$header" | jq -r .kid)
commitment=$(printf '%s|%s' "$tracker" "$cert_option" | sha256sum | cut -d' ' -f1)
for node in "${nodes[@]}"; do
  [ "$node" = "$victim" ] && continue
  keys=$(curl -fsS "$(node_url "$node")/api/v1/keys" | jq -r '[.keys[].kid] | join(" ")')
  [ "$keys" = "$kid" ] || fail "$node publishes the keys '$keys', not the cluster's one key $kid"
  [ "$(curl -fsS -u author:author "$(node_url "$node")/api/v1/polls/$cert_poll_id/certificate" | jq -r .jws)" = "$jws" ] \
    || fail "$node shows another certificate"
  leaf=$(curl -fsS -u voter2:voter2 "$(node_url "$node")/api/v1/polls/$cert_poll_id/proof/$commitment" | jq -r .treeSize)
  [ "$leaf" = 1 ] || fail "$node has no proof for voter2's commitment"
done
log "   key $kid on every node; the same certificate from each; voter2's commitment proven"

# --- Broker failover: the pair's primary killed with SIGKILL while votes flow; the backup takes over.
brokers_home=/tmp/intrapoll-cluster/artemis
broker_primary=broker1
broker_backup=broker2
declare -A broker_port=([broker1]=61656 [broker2]=61657)

accepting() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Asks unanswered votes again (same Idempotency-Key) until each has an answer; the last answer of each voter is
# left in $2.
settle() { # votes file, final file
  cp "$1" "$2"
  local round
  for round in $(seq 1 15); do
    awk '$2 !~ /^(202|4[0-9][0-9])$/ || $2 == 429 { sub("voter", "", $1); print $1 }' "$2" >"$work/pending.txt"
    [ -s "$work/pending.txt" ] || return 0
    log "   retry round $round: $(wc -l <"$work/pending.txt") votes without an answer"
    sleep 2
    xargs -P "$parallel" -I{} bash -c 'vote {}' <"$work/pending.txt" >"$work/retry.txt"
    awk '{ last[$1] = $0 } END { for (v in last) print last[v] }' "$2" "$work/retry.txt" >"$work/merged.txt"
    mv "$work/merged.txt" "$2"
  done
}

# Waits (up to 90 s) until the node reports exactly these ballots for the poll: total, for a, for b.
expect_counts() { # node poll option_a option_b total a b
  local seen="" want="$5 $6 $7"
  for _ in $(seq 1 90); do
    seen=$(curl -fsS -u author:author "$(node_url "$1")/api/v1/polls/$2/results" \
             | jq -r --arg a "$3" --arg b "$4" \
                 '"\(.totalBallots) \(.options[] | select(.id == $a) | .votes) \(.options[] | select(.id == $b) | .votes)"') || seen=""
    [ "$seen" = "$want" ] && break
    sleep 1
  done
  [ "$seen" = "$want" ] || fail "$1 reports ballots/a/b = '$seen' for poll $2, expected '$want'"
  log "   $1: $seen"
}

log "6. broker failover: $voters voters on a second poll, $broker_primary (the primary) killed with SIGKILL meanwhile"
accepting "${broker_port[$broker_primary]}" || fail "$broker_primary is not active"
! accepting "${broker_port[$broker_backup]}" || fail "$broker_backup is active before any failover"
# Only a backup that holds all of the primary's journal may take over: wait until it says so.
for _ in $(seq 1 90); do
  grep -qs AMQ221024 "$brokers_home/$broker_backup"/log/*.log && break
  sleep 1
done
grep -qs AMQ221024 "$brokers_home/$broker_backup"/log/*.log || fail "$broker_backup never synchronized with $broker_primary"
first_poll_id=$poll_id
poll=$(curl -fsS -u author:author -H 'Content-Type: application/json' \
         -d '{"title": "Cluster test: broker failover", "type": "SINGLE", "options": ["a", "b"], "open": true}' \
         "$lb/api/v1/polls")
poll_id=$(jq -r .id <<<"$poll")
option_a=$(jq -r '.options[0].id' <<<"$poll")
option_b=$(jq -r '.options[1].id' <<<"$poll")
export poll_id option_a option_b
seq 1 "$voters" | xargs -P "$parallel" -I{} bash -c 'vote {}' >"$work/votes-2.txt" &
voting=$!
until [ "$(wc -l <"$work/votes-2.txt")" -ge $((voters / 3)) ]; do
  kill -0 "$voting" 2>/dev/null || fail "voting ended before a third of the votes"
  sleep 0.1
done
broker_pid=$(cat "$brokers_home/$broker_primary/data/artemis.pid")
kill -9 "$broker_pid"
log "   killed $broker_primary (pid $broker_pid) after $(wc -l <"$work/votes-2.txt") votes"
wait "$voting"
for _ in $(seq 1 60); do accepting "${broker_port[$broker_backup]}" && break; sleep 1; done
accepting "${broker_port[$broker_backup]}" || fail "$broker_backup did not take over"
cp "$brokers_home/$broker_backup"/log/artemis.log "$work/$broker_backup.log" 2>/dev/null || true
grep -qsE 'AMQ2210(07|10)' "$brokers_home/$broker_backup"/log/*.log || fail "$broker_backup does not say it is active"
log "   $broker_backup is active; answers before the retries: $(awk '{ print $2 }' "$work/votes-2.txt" | sort | uniq -c | paste -sd ',')"
settle "$work/votes-2.txt" "$work/final-2.txt"
accepted_2=$(awk '$2 == 202' "$work/final-2.txt" | wc -l)
accepted_2a=$(awk '$2 == 202 && substr($1, 6) % 2 == 1' "$work/final-2.txt" | wc -l)
accepted_2b=$((accepted_2 - accepted_2a))
log "   answers: $(awk '{ print $2 }' "$work/final-2.txt" | sort | uniq -c | paste -sd ',')"
[ "$accepted_2" -gt 0 ] || fail "no vote was accepted through the failover"
log "   results on every surviving node: $accepted_2 ballots ($accepted_2a for a, $accepted_2b for b)"
for node in "${nodes[@]}"; do
  [ "$node" = "$victim" ] && continue
  expect_counts "$node" "$poll_id" "$option_a" "$option_b" "$accepted_2" "$accepted_2a" "$accepted_2b"
done
! kill -0 "$broker_pid" 2>/dev/null || fail "$broker_primary is still running"

log "7. bringing $victim and $broker_primary back with the playbook, then a second run must change nothing"
converge "$work/site-2.log"
await_members "${nodes[@]}"
seen=$(curl -fsS -u author:author "$(node_url "$victim")/api/v1/polls/$first_poll_id/results" | jq -r .totalBallots)
[ "$seen" = "$accepted" ] || fail "$victim reports $seen ballots after its restart, expected $accepted"
expect_counts "$victim" "$poll_id" "$option_a" "$option_b" "$accepted_2" "$accepted_2a" "$accepted_2b"
converge "$work/site-3.log"
changed=$(awk '/^PLAY RECAP/ { recap = 1; next } recap && /changed=/ && !/changed=0 / { print $1 }' "$work/site-3.log")
[ -z "$changed" ] || fail "the second run changed something on: $changed (see $work/site-3.log)"

log "8. scaling driven by metrics: votes raise IntrapollScaleOut; ansible/autoscale.sh adds node4 while they flow"
export INVENTORY="$inventory" PROMETHEUS_URL="$prometheus" AUTOSCALE_STATE_DIR="$work/autoscale"
export AUTOSCALE_MAX_NODES=4 AUTOSCALE_COOLDOWN_SECONDS=20
first=$(bash autoscale.sh) || fail "autoscale.sh failed before any load"
[ "$first" = "no scaling alert fires" ] || log "   before the load: $first"
# 60 polls of 1,000 voters: first votes, each with its own Idempotency-Key, 12 at a time until told to stop.
scale_polls=()
for i in $(seq 1 60); do
  scale_polls+=("$(curl -fsS -u author:author -H 'Content-Type: application/json' \
    -d "{\"title\": \"Scaling $i\", \"type\": \"SINGLE\", \"options\": [\"a\", \"b\"], \"open\": true}" \
    "$lb/api/v1/polls" | jq -r '"\(.id) \(.options[0].id)"')")
done
scale_vote() { # poll option voter -> "poll voterN status node"
  local out
  out=$(curl -sS -o /dev/null --max-time 10 -w '%{http_code} %header{x-served-by}' -u "voter$3:voter$3" \
          -H 'Content-Type: application/json' -H "Idempotency-Key: scaling-$1-voter$3" \
          -d "{\"optionIds\": [\"$2\"]}" "$lb/api/v1/polls/$1/votes" 2>/dev/null) || true
  printf '%s voter%s %s %s\n' "$1" "$3" "${out%% *}" "${out#* }"
}
export -f scale_vote
for pair in "${scale_polls[@]}"; do
  for voter in $(seq 1 1000); do
    [ -f "$work/stop-load" ] && break 2
    echo "$pair $voter"
  done
done | xargs -P 12 -L 1 bash -c 'scale_vote "$0" "$1" "$2"' >"$work/scale-votes.txt" &
load=$!
scaled=""; trickle=""
for _ in $(seq 1 60); do
  # Once the alert fires, a trickle of votes (one at a time; GNU xargs takes one fewer per SIGUSR2) flows through
  # the join: the playbook needs the machine's two cores more than the votes do (at three at a time it took nine
  # minutes). If the alert is gone by the time autoscale.sh asks, the full load comes back (SIGUSR1) until it
  # fires again.
  if [ -z "$trickle" ] && [ "$(promql 'ALERTS{alertname="IntrapollScaleOut", alertstate="firing"}' | jq '.data.result | length')" -gt 0 ]; then
    for _ in $(seq 1 11); do kill -USR2 "$load" 2>/dev/null || true; sleep 0.05; done
    trickle=yes
  fi
  decision=$(bash autoscale.sh) || { touch "$work/stop-load"; fail "autoscale.sh failed: $decision"; }
  log "   autoscale.sh: $decision"
  [[ "$decision" == "scaled out: node4 joined"* ]] && { scaled=yes; break; }
  if [ -n "$trickle" ]; then
    for _ in $(seq 1 11); do kill -USR1 "$load" 2>/dev/null || true; sleep 0.05; done
    trickle=""
  fi
  kill -0 "$load" 2>/dev/null || break
  sleep 5
done
[ -n "$scaled" ] || { touch "$work/stop-load"; fail "no scale-out while votes flowed"; }
nodes=(node1 node2 node3 node4); node_port[node4]=9384
await_members "${nodes[@]}"
# Votes go on through the join, until node4 has answered some of them.
for _ in $(seq 1 60); do
  grep -q ' 202 node4$' "$work/scale-votes.txt" && break
  sleep 1
done
touch "$work/stop-load"; wait "$load" || true
grep -q ' 202 node4$' "$work/scale-votes.txt" || fail "node4 answered no vote after it joined"
# Unanswered votes (none expected) are asked again with the same key until they have an answer.
for round in $(seq 1 10); do
  awk '$3 !~ /^(202|4[0-9][0-9])$/ || $3 == 429' "$work/scale-votes.txt" >"$work/scale-pending.txt"
  [ -s "$work/scale-pending.txt" ] || break
  log "   retry round $round: $(wc -l <"$work/scale-pending.txt") votes without an answer"
  sleep 2
  while read -r poll voter _; do
    option=$(printf '%s\n' "${scale_polls[@]}" | awk -v p="$poll" '$1 == p { print $2 }')
    scale_vote "$poll" "$option" "${voter#voter}"
  done <"$work/scale-pending.txt" >"$work/scale-retry.txt"
  awk '{ last[$1 " " $2] = $0 } END { for (k in last) print last[k] }' "$work/scale-votes.txt" "$work/scale-retry.txt" \
    >"$work/scale-merged.txt"
  mv "$work/scale-merged.txt" "$work/scale-votes.txt"
done
awk '$3 == 202 { n[$1]++ } END { for (p in n) print p, n[p] }' "$work/scale-votes.txt" >"$work/scale-accepted.txt"
scale_total=$(awk '{ s += $2 } END { print s + 0 }' "$work/scale-accepted.txt")
log "   $scale_total votes accepted over $(wc -l <"$work/scale-accepted.txt") polls; answers: $(awk '{ print $3 }' "$work/scale-votes.txt" | sort | uniq -c | paste -sd ',')"
for node in "${nodes[@]}"; do
  while read -r poll expected; do
    seen=""
    for _ in $(seq 1 60); do
      seen=$(curl -fsS -u author:author "$(node_url "$node")/api/v1/polls/$poll/results" | jq -r .totalBallots) || seen=""
      [ "$seen" = "$expected" ] && break
      sleep 1
    done
    [ "$seen" = "$expected" ] || fail "$node counts $seen ballots in poll $poll, $expected were accepted"
  done <"$work/scale-accepted.txt"
done
log "   every node, node4 included, counts each of the $scale_total accepted votes once"

log "9. quiet again: IntrapollScaleIn fires; autoscale.sh drains node4 in HAProxy, stops it and takes it out"
scaled=""
for _ in $(seq 1 60); do
  decision=$(bash autoscale.sh) || fail "autoscale.sh failed: $decision"
  log "   autoscale.sh: $decision"
  [[ "$decision" == "scaled in: node4"* ]] && { scaled=yes; break; }
  sleep 5
done
[ -n "$scaled" ] || fail "no scale-in once the votes stopped"
grep -q 'TASK \[Stop sending new requests to the node (drain)\]' "$work/autoscale/scale-in.log" \
  && grep -A3 'TASK \[Stop sending new requests to the node (drain)\]' "$work/autoscale/scale-in.log" | grep -q 'node4' \
  || fail "scale-in.yml did not drain node4 in HAProxy (see $work/autoscale/scale-in.log)"
! curl -fsS "http://127.0.0.1:8481/;csv" | grep -q ',node4,' || fail "HAProxy still lists node4"
! curl -fsS -o /dev/null "$(node_url node4)/health/ready" 2>/dev/null || fail "node4 still answers after scale-in"
nodes=(node1 node2 node3)
await_members "${nodes[@]}"
[ "$(curl -fsS -u author:author "$lb/api/v1/polls/$first_poll_id/results" | jq -r .totalBallots)" = "$accepted" ] \
  || fail "the first poll's count changed through the scale-in"
log "   node4 drained, stopped and out of HAProxy and Prometheus; three nodes serve again"

log "10. the backup drill: base backup, more writes, restore to a point in time"
bash backup-drill.sh || fail "the backup drill failed"

log "PASS: $accepted accepted votes counted exactly once on every node, through the loss of $victim;" \
  "$accepted_2 through the loss of the primary broker $broker_primary"
