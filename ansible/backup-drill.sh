#!/usr/bin/env bash
# The backup drill, on the running local cluster (cluster-test.sh runs it before its teardown; by hand after
#   KEEP_CLUSTER=1 ansible/cluster-test.sh   with   ansible/backup-drill.sh).
# Polls and votes through HAProxy; a base backup (backup.yml); more polls and votes; at time T the API's polls,
# statuses, ballots and counts are written down; more again. Then restore.yml restores the database to T into a
# separate copy (port 5443): it must hold exactly what the API showed at T, and nothing written after T.
set -euo pipefail
cd "$(dirname "$0")"

inventory=inventories/local
lb=http://127.0.0.1:8480
live=(psql -h 127.0.0.1 -p 5442 -U postgres -d intrapoll_cluster -tAX -v ON_ERROR_STOP=1)
restored=(psql -h 127.0.0.1 -p 5443 -U postgres -d intrapoll_cluster -tAX -v ON_ERROR_STOP=1)
work=$(mktemp -d /tmp/intrapoll-backup-drill.XXXXXX)

log() { printf '%s %s\n' "$(date +%T)" "$*"; }
fail() { log "FAIL: $*" >&2; exit 1; }

# Prints "id optionA optionB" of a new open SINGLE poll.
new_poll() {
  curl -fsS -u author:author -H 'Content-Type: application/json' \
    -d "{\"title\": \"$1\", \"type\": \"SINGLE\", \"options\": [\"a\", \"b\"], \"open\": true}" "$lb/api/v1/polls" \
    | jq -r '"\(.id) \(.options[0].id) \(.options[1].id)"'
}

# Voters first..last vote in the poll (odd ones for a, even ones for b), then waits until all are counted.
vote() { # poll optionA optionB first last
  local i option before
  before=$(curl -fsS -u admin:admin "$lb/api/v1/polls/$1/results" | jq .totalBallots)
  for i in $(seq "$4" "$5"); do
    if (( i % 2 )); then option=$2; else option=$3; fi
    curl -fsS -o /dev/null -u "voter$i:voter$i" -H 'Content-Type: application/json' \
      -H "Idempotency-Key: backup-drill-$1-voter$i" -d "{\"optionIds\": [\"$option\"]}" "$lb/api/v1/polls/$1/votes" \
      || fail "voter$i's vote in $1 was not accepted"
  done
  await_ballots "$1" $((before + $5 - $4 + 1))
}

await_ballots() { # poll count
  local seen=""
  for _ in $(seq 1 60); do
    seen=$(curl -fsS -u admin:admin "$lb/api/v1/polls/$1/results" | jq .totalBallots) || seen=""
    [ "$seen" = "$2" ] && return 0
    sleep 1
  done
  fail "poll $1 counts $seen ballots, expected $2"
}

close() { curl -fsS -o /dev/null -u author:author -X POST "$lb/api/v1/polls/$1/close" || fail "closing $1"; }

# One line per poll, as the API shows it: id|title|status|ballots|ballots|option:votes,... (options by id).
api_state() {
  local page=0 total ids=()
  while :; do
    body=$(curl -fsS -u admin:admin "$lb/api/v1/polls?size=100&page=$page")
    mapfile -t -O "${#ids[@]}" ids < <(jq -r '.items[].id' <<<"$body")
    total=$(jq .total <<<"$body")
    (( ${#ids[@]} < total )) || break
    page=$((page + 1))
  done
  for id in "${ids[@]}"; do
    poll=$(curl -fsS -u admin:admin "$lb/api/v1/polls/$id")
    curl -fsS -u admin:admin "$lb/api/v1/polls/$id/results" | jq -r --argjson poll "$poll" \
      '"\($poll.id)|\($poll.title)|\($poll.status)|\(.totalBallots)|\(.totalBallots)|\(.options | sort_by(.id) | map("\(.id):\(.votes)") | join(","))"'
  done | sort
}

# The same from a database: the durable tally, the ballots themselves, and each option's count.
db_state() {
  "$@" -c "
    SELECT p.id || '|' || p.title || '|' || p.status || '|' || coalesce(t.ballots, 0) || '|'
           || (SELECT count(*) FROM ballot b WHERE b.poll_id = p.id) || '|'
           || (SELECT string_agg(o.option_id || ':' || coalesce(ot.votes, 0), ',' ORDER BY o.option_id)
                 FROM poll_option o
                 LEFT JOIN option_tally ot ON ot.poll_id = o.poll_id AND ot.option_id = o.option_id
                WHERE o.poll_id = p.id)
      FROM poll p LEFT JOIN poll_tally t ON t.poll_id = p.id" | sort
}

playbook() { # log file, playbook and its arguments
  local out=$1
  shift
  if ! ansible-playbook -i "$inventory" "$@" >"$out" 2>&1; then
    tail -n 30 "$out" >&2
    fail "$1 failed (see $out)"
  fi
}

log "backup drill: a poll and votes, then a base backup"
created=$(new_poll "Backup drill 1") || fail "creating poll 1"
read -r p1 p1a p1b <<<"$created"
vote "$p1" "$p1a" "$p1b" 1 20
playbook "$work/backup.log" backup.yml
log "   base backup $(grep -o '/[^"]*/base/[0-9TZ]*' "$work/backup.log" | tail -n 1)"

log "   more after the backup: a second poll, closed; more votes in the first"
created=$(new_poll "Backup drill 2") || fail "creating poll 2"
read -r p2 p2a p2b <<<"$created"
vote "$p2" "$p2a" "$p2b" 1 15
close "$p2"
vote "$p1" "$p1a" "$p1b" 21 40
api_state >"$work/at-T.txt"
target=$(date -u '+%Y-%m-%d %H:%M:%S.%N+00')
log "   T = $target: $(wc -l <"$work/at-T.txt") polls written down from the API"
sleep 1

log "   more after T: a third poll, more votes in the first, which is closed"
created=$(new_poll "Backup drill 3") || fail "creating poll 3"
read -r p3 p3a p3b <<<"$created"
vote "$p3" "$p3a" "$p3b" 1 10
vote "$p1" "$p1a" "$p1b" 41 60
close "$p1"
api_state >"$work/after-T.txt"
! cmp -s "$work/at-T.txt" "$work/after-T.txt" || fail "nothing changed after T"

# The segment holding the last writes is archived before the restore reads the archive.
switched=$("${live[@]}" -c "SELECT pg_walfile_name(pg_switch_wal())")
for _ in $(seq 1 60); do
  archived=$("${live[@]}" -c "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")
  [[ "$archived" > "$switched" || "$archived" == "$switched" ]] && break
  sleep 1
done
[[ "$archived" > "$switched" || "$archived" == "$switched" ]] || fail "WAL $switched was not archived (last: $archived)"

log "   restoring to T into a separate copy (restore.yml)"
playbook "$work/restore.log" restore.yml -e "postgresql_restore_target_time='$target'"
db_state "${restored[@]}" >"$work/restored.txt"
if ! diff "$work/at-T.txt" "$work/restored.txt" >"$work/diff.txt"; then
  cat "$work/diff.txt" >&2
  fail "the restored database differs from what the API showed at T (< API at T, > restored)"
fi
grep -q "^$p3|" "$work/restored.txt" && fail "poll $p3, created after T, is in the restored database"
db_state "${live[@]}" | cmp -s - "$work/after-T.txt" || fail "the live database differs from what the API shows now"
log "PASS: the copy restored to T holds the $(wc -l <"$work/restored.txt") polls, their statuses, ballots and counts as the API showed them at T, nothing after"
