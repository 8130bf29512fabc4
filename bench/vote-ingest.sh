#!/usr/bin/env bash
# A rough, bounded measurement of vote ingestion on one node (not yet the full benchmark of bench/'s issue):
# creates POLLS open polls on a running server, then runs wrk for DURATION seconds with distinct voters.
#   bench/vote-ingest.sh [base-url] [duration-seconds] [connections]
set -euo pipefail
base="${1:-http://localhost:9080}"; duration="${2:-20}"; connections="${3:-32}"; count="${POLLS_COUNT:-20}"
pairs=""
for i in $(seq 1 "$count"); do
  pair=$(curl -sf -u author:author -H 'Content-Type: application/json' \
    -d "{\"title\": \"bench $i\", \"type\": \"SINGLE\", \"options\": [\"a\", \"b\"], \"open\": true}" \
    "$base/api/v1/polls" | python3 -c 'import json,sys; p=json.load(sys.stdin); print(p["id"] + "=" + p["options"][0]["id"])')
  pairs="${pairs:+$pairs,}$pair"
done
THREADS=2 POLLS="$pairs" wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$(dirname "$0")/vote-load.lua" "$base"
