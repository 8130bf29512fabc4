#!/usr/bin/env bash
# Counting throughput on PostgreSQL, the ballot tables plain (the schema before partitioning, version 8) and
# partitioned by poll (the latest), in one run: for each, a fresh database and the bench's server on it, WARMUP
# seconds of votes counted as they come, then three rounds of: the counting MDB paused (Liberty's `server pause`),
# ROUND*2 seconds of first votes queued up, the MDB resumed and timed until PostgreSQL holds every accepted ballot.
# It ran once for issue 22 (bench/CHANGES.md); since schema 10 the code no longer starts on schema 8, so its "plain"
# half fails at start and bench/run.sh no longer calls it.
# Alone it needs the bench server made by run.sh.
#   bench/counting.sh            WARMUP=60 ROUND=10 CONNECTIONS=32 bench/counting.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP="${WARMUP:-60}"; ROUND="${ROUND:-10}"; CONNECTIONS="${CONNECTIONS:-32}"
SERVER=intrapoll-bench; PORT=9280; BASE="http://localhost:$PORT"
OUT=target/bench; WLP=target/liberty/wlp; SERVER_DIR="$WLP/usr/servers/$SERVER"
MDB="intrapoll#intrapoll.war#BallotAggregator"
[ -d "$SERVER_DIR" ] || { echo "no $SERVER_DIR: run bench/run.sh first" >&2; exit 1; }
mkdir -p "$OUT/counting"
sql() { PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAtX "$@"; }
cp "$SERVER_DIR/bootstrap.properties" "$OUT/counting/bootstrap.properties.saved"
restore() {
  "$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || true
  cp "$OUT/counting/bootstrap.properties.saved" "$SERVER_DIR/bootstrap.properties"
}
trap restore EXIT
"$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || true

load() { # mode polls seconds -> the RESULT line
  MODE="$1" POLLS="$2" THREADS=2 wrk -t2 -c"$CONNECTIONS" -d"${3}s" --latency -s bench/load.lua "$BASE" \
    | grep '^RESULT' | sed 's/^RESULT //'
}
accepted() { echo "$1" | tr ' ' '\n' | sed -n 's/^statuses=//p' | tr ',' '\n' | sed -n 's/^202://p'; }
ballots() { sql -d "$1" -c "SELECT count(*) FROM ballot"; }
await_ballots() { # database count [seconds]
  local deadline=$(( $(date +%s) + ${3:-300} ))
  until [ "$(ballots "$1")" -ge "$2" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "counting stalled at $(ballots "$1") of $2" >&2; exit 1; }
    sleep 0.05
  done
}

for schema in plain partitioned; do
  db="intrapoll_bench_$schema"
  sql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  cp "$OUT/counting/bootstrap.properties.saved" "$SERVER_DIR/bootstrap.properties"
  cat >> "$SERVER_DIR/bootstrap.properties" <<PROPS
intrapoll.db=postgresql
db.url=jdbc:postgresql://127.0.0.1:5432/$db
intrapoll.demo-settings.allowed=true
intrapoll.db.schema-target=$([ "$schema" = plain ] && echo 8 || echo latest)
PROPS
  rm -rf "$SERVER_DIR/artemis"
  "$WLP/bin/server" start "$SERVER" >/dev/null
  until curl -sf -o /dev/null "$BASE/health/ready"; do sleep 0.5; done
  kind=$(sql -d "$db" -c "SELECT relkind FROM pg_class WHERE relname = 'ballot'")
  [ "$kind" = "$([ "$schema" = plain ] && echo r || echo p)" ] || { echo "$db: ballot is relkind $kind" >&2; exit 1; }
  echo "-- counting on PostgreSQL, ballot tables $schema: ${WARMUP} s of votes counted as they come (warm-up)"
  load vote "$(python3 bench/polls.py "$BASE" 100 "counting warm-up")" "$WARMUP" >/dev/null
  await_ballots "$db" "$(sql -d "$db" -c "SELECT count(*) FROM participation")"
  for round in 1 2 3; do
    polls=$(python3 bench/polls.py "$BASE" 100 "counting round $round")
    before=$(ballots "$db")
    "$WLP/bin/server" pause "$SERVER" --target="$MDB" >/dev/null
    line=$(load vote "$polls" "$((ROUND * 2))")
    queued=$(accepted "$line")
    counted_meanwhile=$(( $(ballots "$db") - before ))
    [ "$counted_meanwhile" -eq 0 ] || { echo "the paused MDB counted $counted_meanwhile ballots" >&2; exit 1; }
    "$WLP/bin/server" resume "$SERVER" --target="$MDB" >/dev/null &
    # Timed from the first ballot counted (the resume command's own start is not counting) to the last.
    until [ "$(ballots "$db")" -gt "$before" ]; do sleep 0.02; done
    start_ms=$(date +%s%3N); first=$(ballots "$db")
    await_ballots "$db" "$((before + queued))"
    end_ms=$(date +%s%3N)
    wait
    echo "schema=$schema round=$round queued=$queued timed=$((before + queued - first)) seconds=$(python3 -c "print(($end_ms - $start_ms) / 1000)")" \
      | tee "$OUT/counting/$schema-$round.txt"
  done
  sql -d "$db" -c "SELECT (SELECT count(*) FROM ballot) || ' ballots, ' || pg_size_pretty(sum(pg_total_relation_size(c.oid)))
                   FROM pg_class c LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
                   WHERE c.relname = 'ballot' OR i.inhparent = 'ballot'::regclass" > "$OUT/counting/$schema-size.txt"
  "$WLP/bin/server" stop "$SERVER" >/dev/null
done
