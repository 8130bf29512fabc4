#!/usr/bin/env bash
# The benchmark, one command: builds the app, starts it on the embedded default (H2, embedded Artemis) as the
# server "intrapoll-bench" with the bench-only yardsticks enabled, warms it up, measures with wrk on loopback,
# profiles the vote ingest with JFR, and writes bench/RESULTS.md and bench/results.svg. Bounded in time
# (about 11 minutes with the defaults).
#   bench/run.sh                 DURATION=20 CONNECTIONS=32 SUBSCRIBERS=5000 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-20}"; CONNECTIONS="${CONNECTIONS:-32}"; SUBSCRIBERS="${SUBSCRIBERS:-5000}"
SERVER=intrapoll-bench; PORT=9280; BASE="http://localhost:$PORT"; OUT=target/bench
WLP=target/liberty/wlp
mkdir -p "$OUT"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

echo "== build and create $SERVER"
mvn -q -B -DskipTests package
mvn -q -B liberty:create liberty:install-feature liberty:deploy -Dliberty.server="$SERVER"
# The heap the target allows: if the node needs more at peak, the run shows it (GC time, errors).
echo "-Xmx512m" > "$WLP/usr/servers/$SERVER/jvm.options"
cat >> "$WLP/usr/servers/$SERVER/bootstrap.properties" <<PROPS
default.http.port=$PORT
default.https.port=9643
intrapoll.broker.port=61636
intrapoll.bench.enabled=true
# wrk stands in for thousands of people from one loopback address: per-address budgets out of the way,
# per-user budgets (and the limiter's cost on every request) as deployed.
intrapoll.rate.vote.per-address=100000000
intrapoll.rate.other.per-address=100000000
PROPS
"$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || true
rm -rf "$WLP/usr/servers/$SERVER/artemis" "$WLP/usr/servers/$SERVER/logs"

timed_start() { # seconds from `server start` to /health/ready answering 200
  local start_ms ready_ms
  start_ms=$(date +%s%3N)
  "$WLP/bin/server" start "$SERVER" >/dev/null
  until curl -sf "$BASE/health/ready" >/dev/null 2>&1; do sleep 0.2; done
  ready_ms=$(date +%s%3N)
  python3 -c "print(f'{($ready_ms - $start_ms) / 1000:.1f}')"
}
echo "== cold start: the first start of a new server, then a restart (a new JVM each time)"
FIRST_START=$(timed_start)
"$WLP/bin/server" stop "$SERVER" >/dev/null
COLD_START=$(timed_start)
echo "first start $FIRST_START s, restart $COLD_START s"
echo "== a third start, profiled with JFR (not timed: the recording slows it); the measurements below run on it"
"$WLP/bin/server" stop "$SERVER" >/dev/null
cp "$WLP/usr/servers/$SERVER/jvm.options" "$OUT/jvm.options"
echo "-XX:StartFlightRecording=name=startup,settings=profile" >> "$WLP/usr/servers/$SERVER/jvm.options"
timed_start >/dev/null
cp "$OUT/jvm.options" "$WLP/usr/servers/$SERVER/jvm.options"
PID=$(cat "$WLP/usr/servers/.pid/$SERVER.pid")
trap '"$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || true' EXIT
jcmd "$PID" JFR.stop name=startup filename="$PWD/$OUT/startup.jfr" >/dev/null
python3 bench/startup-profile.py "$OUT/startup.jfr" "$WLP/usr/servers/$SERVER/logs/messages.log" > "$OUT/startup.md"
echo "ready (pid $PID)"

new_poll() { # title -> "id=optionId"
  curl -sf -u author:author -H 'Content-Type: application/json' \
    -d "{\"title\": \"$1\", \"type\": \"SINGLE\", \"options\": [\"a\", \"b\"], \"allowVoteChange\": true, \"open\": true}" \
    "$BASE/api/v1/polls" | python3 -c 'import json,sys; p=json.load(sys.stdin); print(p["id"] + "=" + p["options"][0]["id"])'
}
# Warm-up and measured runs use different polls, so every measured vote is a first vote (no change of vote).
WARM=""; for i in $(seq 1 20); do WARM="${WARM:+$WARM,}$(new_poll "warm-up $i")"; done
MANY=""; for i in $(seq 1 20); do MANY="${MANY:+$MANY,}$(new_poll "bench $i")"; done
HALFPOLLS=""; for i in $(seq 1 20); do HALFPOLLS="${HALFPOLLS:+$HALFPOLLS,}$(new_poll "paced $i")"; done
HOT=$(new_poll "bench hot poll")
# The naive table's rows exist before the load (its first insert is not what is measured).
for pair in ${MANY//,/ } ${WARM//,/ } $HOT; do
  curl -sf -o /dev/null -u voter1:voter1 -H 'Content-Type: application/json' \
    -d "{\"optionIds\": [\"${pair#*=}\"]}" "$BASE/api/v1/bench/naive-votes/${pair%%=*}"
done

load() { # mode polls seconds connections [delay-ms] -> the RESULT line
  MODE="$1" POLLS="$2" THREADS=2 DELAY_MS="${5:-0}" wrk -t2 -c"$4" -d"${3}s" --latency -s bench/load.lua "$BASE" \
    | grep '^RESULT' | sed 's/^RESULT //'
}
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

echo "== warm-up (JIT), not measured"
load vote "$WARM" 15 "$CONNECTIONS" >/dev/null
load noop "$WARM" 5 "$CONNECTIONS" >/dev/null
load naive "$WARM" 5 "$CONNECTIONS" >/dev/null
load results "$WARM" 5 "$CONNECTIONS" >/dev/null

heap_sampler() { # the largest heap in use while it runs, from the JVM's own gauge
  local max=0 used
  while kill -0 "$PID" 2>/dev/null && [ ! -f "$OUT/stop-sampling" ]; do
    used=$(curl -sf "$BASE/metrics" | awk '/^memory_usedHeap_bytes/ {printf "%d", $2}')
    [ -n "$used" ] && [ "$used" -gt "$max" ] && max=$used && echo "$max" > "$OUT/heap-max"
    sleep 1
  done
}
rm -f "$OUT/stop-sampling" "$OUT/heap-max"; heap_sampler & SAMPLER=$!

echo "== measuring, $DURATION s each, $CONNECTIONS connections"
FLOOR=$(load noop "$MANY" "$DURATION" "$CONNECTIONS"); echo "floor:   $FLOOR"
jcmd "$PID" JFR.start name=bench settings=profile filename="$PWD/$OUT/ingest.jfr" >/dev/null
vmstat 2 "$((DURATION / 2))" > "$OUT/cpu.txt" &
INGEST=$(load vote "$MANY" "$DURATION" "$CONNECTIONS"); echo "ingest:  $INGEST"
jcmd "$PID" JFR.stop name=bench >/dev/null
# The group commits' sizes so far (warm-up included): ballots per broker write, and per counting transaction.
curl -sf "$BASE/metrics?scope=application" | python3 -c '
import re, sys
text = sys.stdin.read()
def mean(name):
    count = re.search(r"^%s_count\S* (\S+)" % name, text, re.M)
    total = re.search(r"^%s_sum\S* (\S+)" % name, text, re.M)
    return float(total.group(1)) / max(1.0, float(count.group(1))) if count and total else float("nan")
print("%.1f %.1f" % (mean("intrapoll_intake_group_size"), mean("intrapoll_aggregation_batch_size")))
' > "$OUT/batches.txt"; echo "mean ballots per broker write, per counting transaction: $(cat "$OUT/batches.txt")"
HOTRUN=$(load vote "$HOT" "$DURATION" "$CONNECTIONS"); echo "hot:     $HOTRUN"
NAIVE=$(load naive "$MANY" "$DURATION" "$CONNECTIONS"); echo "naive:   $NAIVE"
READS=$(load results "$MANY" "$DURATION" "$CONNECTIONS"); echo "results: $READS"

echo "== latency at half of peak ingest"
HALF_RATE=$(python3 -c "print(max(1, int(float('$(field "$INGEST" rps)') / 2)))")
PACED_CONNECTIONS=16
DELAY=$(python3 -c "print(max(1, int($PACED_CONNECTIONS * 1000 / $HALF_RATE)))")
load vote "$HALFPOLLS" "$((DURATION + 25))" "$PACED_CONNECTIONS" "$DELAY" > "$OUT/half.txt" &
HALF_PID=$!
sleep 3
python3 bench/results-stream.py "$BASE" 200 60 > "$OUT/stream-half.txt"
wait "$HALF_PID"; HALF=$(cat "$OUT/half.txt"); echo "half:    $HALF"
cat "$OUT/stream-half.txt"

echo "== $SUBSCRIBERS results streams on one node"
# A warm-up with as many streams (the fan-out code is compiled for it). The server finds the closed warm-up streams
# out only when keep-alive writes to them fail, after the heartbeat interval (15 s) of quiet: the measured run
# waits until it has (up to a minute), so it does not run with twice the streams in the heap.
python3 bench/results-stream.py "$BASE" "$SUBSCRIBERS" 10 >/dev/null
for _ in $(seq 1 60); do
  held=$(curl -sf "$BASE/metrics" | awk '/^intrapoll_results_stream_subscribers/ {printf "%d", $2}')
  [ "${held:-0}" -eq 0 ] && break
  sleep 1
done
python3 bench/results-stream.py "$BASE" "$SUBSCRIBERS" 30 > "$OUT/stream-many.txt"; cat "$OUT/stream-many.txt"
touch "$OUT/stop-sampling"; wait "$SAMPLER" || true
HEAP_MIB=$(python3 -c "print(round(int('$(cat "$OUT/heap-max" 2>/dev/null || echo 0)') / 1048576))")

echo "== profile"
jfr print --stack-depth 64 --events jdk.ExecutionSample "$OUT/ingest.jfr" > "$OUT/samples.txt"
python3 bench/top-frames.py "$OUT/samples.txt" > "$OUT/profile.md"

python3 bench/report.py \
  --floor "$FLOOR" --ingest "$INGEST" --hot "$HOTRUN" --naive "$NAIVE" --reads "$READS" --half "$HALF" \
  --stream-half "$OUT/stream-half.txt" --stream-many "$OUT/stream-many.txt" --subscribers "$SUBSCRIBERS" \
  --cold-start "$COLD_START" --first-start "$FIRST_START" --heap-mib "$HEAP_MIB" --profile "$OUT/profile.md" \
  --startup-profile "$OUT/startup.md" --batches "$(cat "$OUT/batches.txt")" \
  --duration "$DURATION" --connections "$CONNECTIONS" --half-rate "$HALF_RATE" \
  --commit "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench pom.xml || echo '+changes')" \
  --cpu "$OUT/cpu.txt" --changes bench/CHANGES.md \
  --markdown bench/RESULTS.md --chart bench/results.svg
echo "== wrote bench/RESULTS.md and bench/results.svg"
