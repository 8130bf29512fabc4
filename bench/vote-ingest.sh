#!/usr/bin/env bash
# A rough, bounded measurement of vote ingestion and counting on one running node: creates POLLS_COUNT open polls,
# runs wrk for DURATION seconds with distinct (voter, poll) pairs, then waits until every accepted ballot is
# counted and prints the end-to-end rate, the drain time and the pipeline's metrics (group sizes, lag).
#   bench/vote-ingest.sh [base-url] [duration-seconds] [connections]
set -euo pipefail
base="${1:-http://localhost:9080}"; duration="${2:-20}"; connections="${3:-32}"; count="${POLLS_COUNT:-20}"
here="$(dirname "$0")"
pairs=""; ids=""
for i in $(seq 1 "$count"); do
  pair=$(curl -sf -u author:author -H 'Content-Type: application/json' \
    -d "{\"title\": \"bench $i\", \"type\": \"SINGLE\", \"options\": [\"a\", \"b\"], \"open\": true}" \
    "$base/api/v1/polls" | python3 -c 'import json,sys; p=json.load(sys.stdin); print(p["id"] + "=" + p["options"][0]["id"])')
  pairs="${pairs:+$pairs,}$pair"; ids="$ids ${pair%%=*}"
done
counted() {
  local sum=0 n
  for id in $ids; do
    n=$(curl -sf -u author:author "$base/api/v1/polls/$id/results" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalBallots"])')
    sum=$((sum + n))
  done
  echo "$sum"
}
started=$(date +%s.%N)
out=$(MODE=vote THREADS=2 POLLS="$pairs" wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$here/load.lua" "$base")
ended=$(date +%s.%N)
echo "$out"
accepted=$(echo "$out" | grep -o 'statuses=[^ ]*' | tr ',' '\n' | sed -n 's/^\(statuses=\)\{0,1\}202://p'); accepted="${accepted:-0}"
# Every accepted ballot counted: the end-to-end figure, and how long counting lagged behind the load.
while [ "$(counted)" -lt "$accepted" ]; do sleep 0.5; done
drained=$(date +%s.%N)
python3 - "$started" "$ended" "$drained" "$accepted" <<'PY'
import sys
started, ended, drained, accepted = map(float, sys.argv[1:])
print(f"accepted {accepted:.0f} ballots in {ended - started:.1f} s: {accepted / (ended - started):.0f}/s accepted")
print(f"all counted {drained - ended:.1f} s after the load ended: {accepted / (drained - started):.0f}/s counted end to end")
PY
curl -sf "$base/metrics" | grep -E '^intrapoll_(intake_group_size|aggregation_batch_size|aggregation_lag)' | grep -v -E 'quantile="0\.(75|95|98|999)"' || true
