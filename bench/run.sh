#!/usr/bin/env bash
# The benchmark, one command. Builds Intrapoll and the reference application (bench/reference: a JAX-RS no-op on
# the same Liberty, anonymous and behind Liberty's own BASIC login against the same 1,000 demo voters), times
# Intrapoll's starts, then measures every scenario the same way: WARMUP seconds of the same requests, then three
# rounds of ROUND seconds with wrk (2 threads, CONNECTIONS connections, loopback, the same two cores), medians
# reported, each as a ratio to the matching reference figure of this run. Writes bench/RESULTS.md and
# bench/results.svg; the raw figures and profiles stay in target/bench.
# Then signed-in browsers' results reads through HAProxy with and without its results cache (bench/haproxy.cfg), and
# About 35 minutes.
#   bench/run.sh                 WARMUP=60 ROUND=10 CONNECTIONS=32 SUBSCRIBERS=5000 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP="${WARMUP:-60}"; ROUND="${ROUND:-10}"; CONNECTIONS="${CONNECTIONS:-32}"; SUBSCRIBERS="${SUBSCRIBERS:-5000}"
SERVER=intrapoll-bench; PORT=9280; BASE="http://localhost:$PORT"
REFERENCE=bench-reference; REFERENCE_PORT=9380; REFERENCE_BASE="http://localhost:$REFERENCE_PORT"
OUT=target/bench; WLP=target/liberty/wlp; CDS_ARCHIVE="$PWD/$OUT/intrapoll-classes.jsa"
rm -rf "$OUT"; mkdir -p "$OUT/rounds"

for tool in wrk haproxy; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool"; }
done

echo "== build Intrapoll and the reference application; create both servers"
mvn -q -B -DskipTests package
mvn -q -B liberty:create liberty:install-feature liberty:deploy -Dliberty.server="$SERVER"
mvn -q -B -f bench/reference/pom.xml package
SERVER_DIR="$WLP/usr/servers/$SERVER"; REFERENCE_DIR="$WLP/usr/servers/$REFERENCE"
cat >> "$SERVER_DIR/bootstrap.properties" <<PROPS
default.http.port=$PORT
default.https.port=9643
intrapoll.broker.port=61636
intrapoll.bench.enabled=true
# wrk stands in for thousands of people from one loopback address: per-address budgets out of the way. The 1,000
# demo voters vote at up to thousands a second here, far beyond what one person's voting budget allows; every
# request still spends from both budgets, so the limiter's cost is measured.
intrapoll.rate.vote.per-address=100000000
intrapoll.rate.other.per-address=100000000
intrapoll.rate.vote.per-user=100000000
# The signed-in browsers' reads (200 sessions) outrun one person's budget for other calls (1,200 a minute) once they
# pass 4,000 reads a second: their 429s would be measured instead of the reads.
intrapoll.rate.other.per-user=100000000
PROPS
# The database is the embedded default's own (src/main/liberty/config/db/h2.xml): H2 in a file under the server's
# output directory, each commit written at once (WRITE_DELAY=0), so that a ballot the counting acknowledges to the
# broker is in the file. The run used to name its own URL without that setting: H2 then held commits for up to half
# a second and compacted its file in the background under load, neither of which the embedded default does.
rm -rf "$REFERENCE_DIR"; mkdir -p "$REFERENCE_DIR/apps"
cp bench/reference/server.xml src/main/liberty/config/security/demo-registry.xml "$REFERENCE_DIR/"
cp bench/reference/target/reference.war "$REFERENCE_DIR/apps/"
echo "default.http.port=$REFERENCE_PORT" > "$REFERENCE_DIR/bootstrap.properties"
# The heap the target allows: if a node needs more at peak, the run shows it (GC time, errors).
echo "-Xmx512m" > "$REFERENCE_DIR/jvm.options"
for server in "$SERVER" "$REFERENCE"; do "$WLP/bin/server" stop "$server" >/dev/null 2>&1 || true; done
rm -rf "$SERVER_DIR/artemis" "$SERVER_DIR/logs" "$SERVER_DIR/h2"
stop_all() { # a server that ran out of memory may not stop when asked
  for s in "$SERVER" "$REFERENCE"; do
    timeout 60 "$WLP/bin/server" stop "$s" >/dev/null 2>&1 || pkill -9 -f "ws-server.jar $s" || true
  done
}
trap stop_all EXIT

jvm_options() { # extra lines for Intrapoll's jvm.options
  { echo "-Xmx512m"; for line in "$@"; do echo "$line"; done; } > "$SERVER_DIR/jvm.options"
}
timed_start() { # server url -> seconds from `server start` to the url answering 2xx
  local start_ms ready_ms
  start_ms=$(date +%s%3N)
  "$WLP/bin/server" start "$1" >/dev/null
  until curl -sf -o /dev/null "$2" 2>/dev/null; do sleep 0.1; done
  ready_ms=$(date +%s%3N)
  python3 -c "print(f'{($ready_ms - $start_ms) / 1000:.1f}')"
}
# HotSpot's application class-data sharing: the first start of a new server (a deployment's "training" start)
# writes the classes it loaded to an archive; later starts map them instead of loading and verifying them again.
CDS_ON=(-XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent "-XX:SharedArchiveFile=$CDS_ARCHIVE")
echo "== starts: the first (writes the class archive), a restart without the archive, a restart with it"
jvm_options -XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent "-XX:ArchiveClassesAtExit=$CDS_ARCHIVE"
FIRST_START=$(timed_start "$SERVER" "$BASE/health/ready"); "$WLP/bin/server" stop "$SERVER" >/dev/null
jvm_options; RESTART_PLAIN=$(timed_start "$SERVER" "$BASE/health/ready"); "$WLP/bin/server" stop "$SERVER" >/dev/null
jvm_options "${CDS_ON[@]}"; RESTART=$(timed_start "$SERVER" "$BASE/health/ready"); "$WLP/bin/server" stop "$SERVER" >/dev/null
echo "first $FIRST_START s, restart $RESTART_PLAIN s without the archive, $RESTART s with it"
echo "first=$FIRST_START restart_plain=$RESTART_PLAIN restart=$RESTART" > "$OUT/starts.txt"
# JDK 25's AOT cache (JEPs 483 and 515: classes loaded and linked, and method profiles, from a training start) where
# a JDK 25 is on the machine (AOT_JDK, or Temurin's under /usr/lib/jvm): a training start writes it, a restart uses
# it. The rest of the run stays on the default JDK, the one the tests run on.
AOT_JDK="${AOT_JDK:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)}"
if [ -n "$AOT_JDK" ] && [ -x "$AOT_JDK/bin/java" ]; then
  AOT_CACHE="$PWD/$OUT/intrapoll.aot"
  echo "== on $AOT_JDK: a training start that writes its AOT cache, a restart with it"
  jvm_options "-XX:AOTCacheOutput=$AOT_CACHE"
  AOT_TRAINING=$(JAVA_HOME="$AOT_JDK" timed_start "$SERVER" "$BASE/health/ready")
  # The training JVM assembles its cache (about 200 MB) in a child process as it exits: on a slow machine `server
  # stop` gives up waiting (exit 21) before it is done. Wait for the JVM itself, then check the cache is there.
  training_pid=$(cat "$WLP/usr/servers/.pid/$SERVER.pid")
  JAVA_HOME="$AOT_JDK" "$WLP/bin/server" stop "$SERVER" >/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$training_pid" 2>/dev/null || break; sleep 1; done
  [ -s "$AOT_CACHE" ] || { echo "no AOT cache written at $AOT_CACHE"; exit 1; }
  jvm_options "-XX:AOTCache=$AOT_CACHE"
  AOT_RESTART=$(JAVA_HOME="$AOT_JDK" timed_start "$SERVER" "$BASE/health/ready")
  JAVA_HOME="$AOT_JDK" "$WLP/bin/server" stop "$SERVER" >/dev/null
  echo "training start $AOT_TRAINING s, restart $AOT_RESTART s with the AOT cache"
  echo "aot_jdk=$("$AOT_JDK/bin/java" -version 2>&1 | head -n 1 | tr -d '"' | tr ' ' '_') aot_training=$AOT_TRAINING aot_restart=$AOT_RESTART" \
    >> "$OUT/starts.txt"
fi
echo "== a fourth start, profiled with JFR (not timed: the recording slows it); the measurements run on it"
jvm_options "${CDS_ON[@]}" "-XX:StartFlightRecording=name=startup,settings=profile"
timed_start "$SERVER" "$BASE/health/ready" >/dev/null
jvm_options "${CDS_ON[@]}"
PID=$(cat "$WLP/usr/servers/.pid/$SERVER.pid")
jcmd "$PID" JFR.stop name=startup filename="$PWD/$OUT/startup.jfr" >/dev/null
# The recording can still be being written when jcmd returns (once, `jfr print` failed on it and ended the run).
for _ in $(seq 1 30); do jfr summary "$OUT/startup.jfr" >/dev/null 2>&1 && break; sleep 1; done
python3 bench/startup-profile.py "$OUT/startup.jfr" "$SERVER_DIR/logs/messages.log" > "$OUT/startup.md"
timed_start "$REFERENCE" "$REFERENCE_BASE/api/open/noop" >/dev/null
echo "ready: Intrapoll (pid $PID) and the reference"

load() { # base mode polls seconds connections [delay-ms] -> the RESULT line
  MODE="$2" POLLS="$3" THREADS=2 DELAY_MS="${6:-0}" BALLOT="${BALLOT:-options}" wrk -t2 -c"$5" -d"${4}s" --latency -s bench/load.lua "$1" \
    | grep '^RESULT' | sed 's/^RESULT //'
}
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
lag_ms() { curl -sf "$BASE/metrics" | awk '/^intrapoll_aggregation_lag_seconds/ {printf "%d", $2 * 1000; exit}'; }

# One scenario: a warm-up on the same requests, then three rounds, each with vmstat beside it. For votes each
# round has polls of its own, so every measured vote is a person's first in its poll; after each vote round the
# time until the aggregation lag is back to 0.
scenario() { # name base mode warm-up-polls round-polls...
  local name="$1" base="$2" mode="$3" warm="$4" round=0 polls
  shift 4
  warm_up "$name" "$base" "$mode" "$warm"
  for polls in "$@"; do
    round=$((round + 1))
    measure "$name" "$base" "$mode" "$polls" "$round"
  done
}
warm_up() { # name base mode polls
  echo "-- $1: ${WARMUP} s warm-up"
  load "$2" "$3" "$4" "$WARMUP" "$CONNECTIONS" >/dev/null
}
# One measured round. Round 2 of each vote scenario runs under a JFR recording (each type bears the same cost):
# the profiles that explain the figures.
measure() { # name base mode polls round
  local name="$1" base="$2" mode="$3" polls="$4" round="$5" profiled=""
  vmstat 1 "$((ROUND + 1))" > "$OUT/rounds/$name-$round.vmstat" & local vmstat=$!
  [[ "$name" = vote* ]] && [ "$round" -eq 2 ] && profiled=1 \
    && jcmd "$PID" JFR.start name=bench settings=profile filename="$PWD/$OUT/$name.jfr" >/dev/null
  load "$base" "$mode" "$polls" "$ROUND" "$CONNECTIONS" > "$OUT/rounds/$name-$round.txt"
  [ -n "$profiled" ] && jcmd "$PID" JFR.stop name=bench >/dev/null
  wait "$vmstat"
  if [[ "$name" = vote* ]]; then
    local ended; ended=$(date +%s%3N)
    until [ "$(lag_ms)" = 0 ]; do sleep 0.05; done
    python3 -c "print(f'{($(date +%s%3N) - $ended) / 1000:.2f}')" > "$OUT/rounds/$name-$round.drain"
  fi
  echo "   $name round $round: $(cat "$OUT/rounds/$name-$round.txt")"
}

heap_sampler() { # the largest heap in use while it runs, from the JVM's own gauge
  local max=0 used
  while kill -0 "$PID" 2>/dev/null && [ ! -f "$OUT/stop-sampling" ]; do
    # A scrape that fails (the server busy or restarting) is skipped: under set -e it ended the sampler at once.
    used=$(curl -sf "$BASE/metrics" | awk '/^memory_usedHeap_bytes/ {printf "%d", $2; exit}' || true)
    [ -n "$used" ] && [ "$used" -gt "$max" ] && max=$used && echo "$max" > "$OUT/heap-max"
    sleep 1
  done
}
heap_sampler & SAMPLER=$!

# The profiled start's JIT compilation goes on in the background for a minute or more, on the same two cores: the
# first reference scenario measured during it came out 8,600 to 19,200 req/s from one round to the next. Wait until
# Intrapoll's JVM is idle (under 5 % of a core for 5 s; two minutes at most) before measuring anything.
await_idle() { # pid
  local before after
  for _ in $(seq 1 24); do
    before=$(awk '{print $14 + $15}' "/proc/$1/stat")
    sleep 5
    after=$(awk '{print $14 + $15}' "/proc/$1/stat")
    [ $((after - before)) -lt $(( $(getconf CLK_TCK) / 4 )) ] && return 0
  done
  echo "   (Intrapoll's JVM still busy after two minutes)"
}
echo "== the reference application"
await_idle "$PID"
scenario ref-open "$REFERENCE_BASE" ref-open none=none none=none none=none none=none
scenario ref-get "$REFERENCE_BASE" ref-get none=none none=none none=none none=none
scenario ref-post "$REFERENCE_BASE" ref-post none=none none=none none=none none=none
"$WLP/bin/server" stop "$REFERENCE" >/dev/null

echo "== Intrapoll"
READS=$(python3 bench/polls.py "$BASE" 20 "reads")
WARM_VOTES=$(python3 bench/polls.py "$BASE" 200 "vote warm-up")
ROUND_VOTES=(); for round in 1 2 3; do ROUND_VOTES+=("$(python3 bench/polls.py "$BASE" 100 "vote round $round")"); done
# The other question types' ingest (issue 18): the same pipeline with a rating, and with a text whose words are
# counted as ballots are counted.
WARM_RATING=$(python3 bench/polls.py "$BASE" 200 "rating warm-up" RATING)
ROUND_RATING=(); for round in 1 2 3; do ROUND_RATING+=("$(python3 bench/polls.py "$BASE" 100 "rating round $round" RATING)"); done
WARM_TEXT=$(python3 bench/polls.py "$BASE" 200 "text warm-up" OPEN_TEXT)
ROUND_TEXT=(); for round in 1 2 3; do ROUND_TEXT+=("$(python3 bench/polls.py "$BASE" 100 "text round $round" OPEN_TEXT)"); done
scenario static "$BASE" static none=none none=none none=none none=none
scenario poll "$BASE" poll "$READS" "$READS" "$READS" "$READS"
scenario results "$BASE" results "$READS" "$READS" "$READS" "$READS"
# Where a read's time goes: one more round of each, not measured, under async-profiler (bench/profile.sh: every
# thread's Java and native frames, which JFR's few samples of Java frames cannot tell apart).
for mode in static poll results; do
  polls=$([ "$mode" = static ] && echo none=none || echo "$READS")
  bench/profile.sh "$mode" "$mode" "$polls" "$ROUND" "$SERVER" >/dev/null
  python3 bench/collapsed.py "$OUT/profiles/$mode.collapsed" --areas > "$OUT/$mode-profile.md"
done
# The three types' ingest is compared in the same conditions: each warmed up on polls of its own, then their rounds
# interleaved (SINGLE, RATING, OPEN_TEXT round 1, then round 2, ...). One after the other, each met a database and a
# machine the previous ones had changed: OPEN_TEXT's ballots went into a file holding twice as many as SINGLE's had.
warm_up vote "$BASE" vote "$WARM_VOTES"
BALLOT=rating warm_up vote-rating "$BASE" vote "$WARM_RATING"
BALLOT=text warm_up vote-text "$BASE" vote "$WARM_TEXT"
for round in 1 2 3; do
  measure vote "$BASE" vote "${ROUND_VOTES[$((round - 1))]}" "$round"
  BALLOT=rating measure vote-rating "$BASE" vote "${ROUND_RATING[$((round - 1))]}" "$round"
  BALLOT=text measure vote-text "$BASE" vote "${ROUND_TEXT[$((round - 1))]}" "$round"
done
# The group commits' sizes so far (warm-up included): ballots per broker write, and per counting transaction.
curl -sf "$BASE/metrics?scope=application" | python3 -c '
import re, sys
text = sys.stdin.read()
def mean(name):
    count = re.search(r"^%s_count\S* (\S+)" % name, text, re.M)
    total = re.search(r"^%s_sum\S* (\S+)" % name, text, re.M)
    return float(total.group(1)) / max(1.0, float(count.group(1))) if count and total else float("nan")
print("%.1f %.1f" % (mean("intrapoll_intake_group_size"), mean("intrapoll_aggregation_batch_size")))
' > "$OUT/batches.txt"

echo "== latency at half of peak ingest, with 200 results streams"
PEAK=$(for round in 1 2 3; do field "$(cat "$OUT/rounds/vote-$round.txt")" rps; done | sort -n | sed -n 2p)
HALF_RATE=$(python3 -c "print(max(1, int(float('$PEAK') / 2)))")
# wrk waits DELAY after each answer: the period per connection is the delay plus the answer's latency (about half
# of the peak's median), so each connection is paced to the asked rate's share.
PACED_CONNECTIONS=32
PEAK_P50=$(for round in 1 2 3; do field "$(cat "$OUT/rounds/vote-$round.txt")" p50; done | sort -n | sed -n 2p)
DELAY=$(python3 -c "print(max(1, int($PACED_CONNECTIONS * 1000 / $HALF_RATE - float('$PEAK_P50') / 2)))")
# Enough polls that every paced vote is a first vote (1,000 voters each, with half as many again to spare): 40 polls
# ran out after about 33 s of a 45 s round at 1,200 votes a second, and the rest were changes of vote.
HALF_POLLS=$(python3 -c "import math; print(max(40, math.ceil($HALF_RATE * ($ROUND * 3 + 15) * 1.5 / 1000)))")
HALF_VOTES=$(python3 bench/polls.py "$BASE" "$HALF_POLLS" "paced")
load "$BASE" vote "$HALF_VOTES" "$((ROUND * 3 + 15))" "$PACED_CONNECTIONS" "$DELAY" > "$OUT/half.txt" &
HALF_PID=$!
sleep 3
python3 bench/results-stream.py "$BASE" 200 60 > "$OUT/stream-half.txt" || echo "failed: see the log" >> "$OUT/stream-half.txt"
wait "$HALF_PID"; echo "half: $(cat "$OUT/half.txt")"; echo "$HALF_RATE" > "$OUT/half-rate.txt"
cat "$OUT/stream-half.txt"
until [ "$(lag_ms)" = 0 ]; do sleep 0.1; done

echo "== a surge: 1,000 distinct voters over 64 connections"
python3 bench/surge.py "$BASE" 1000 64 | tee "$OUT/surge.txt" || true

echo "== $SUBSCRIBERS results streams on one node"
# A warm-up with as many streams (the fan-out code is compiled for it). The server finds the closed warm-up streams
# out only when keep-alive writes to them fail, after the heartbeat interval (15 s) of quiet: the measured run
# waits until it has (up to a minute), so it does not run with twice the streams in the heap.
python3 bench/results-stream.py "$BASE" "$SUBSCRIBERS" 10 >/dev/null || echo "the warm-up's streams failed"
for _ in $(seq 1 60); do
  held=$(curl -sf "$BASE/metrics" | awk '/^intrapoll_results_stream_subscribers/ {printf "%d", $2}')
  [ "${held:-0}" -eq 0 ] && break
  sleep 1
done
python3 bench/results-stream.py "$BASE" "$SUBSCRIBERS" 30 > "$OUT/stream-many.txt" \
  || echo "failed: see the log" >> "$OUT/stream-many.txt"
cat "$OUT/stream-many.txt"

echo "== 2,000 subscribers of one event stream follow the presenter through 20 polls (issue 19)"
python3 bench/event-stream.py "$BASE" 2000 20 > "$OUT/event-stream.txt" || echo "failed: see the log" >> "$OUT/event-stream.txt"
cat "$OUT/event-stream.txt"

echo "== results at the edge: signed-in browsers' reads straight to the node, through HAProxy, through its cache"
# bench/haproxy.cfg: one HAProxy, two frontends (without and with the results cache of the Ansible role).
EDGE_PORT=9480; EDGE_CACHE_PORT=9481
python3 bench/sessions.py "$BASE" 200 > "$OUT/sessions.txt"
EDGE_PORT=$EDGE_PORT EDGE_CACHE_PORT=$EDGE_CACHE_PORT INTRAPOLL_PORT=$PORT \
  haproxy -D -p "$PWD/$OUT/haproxy.pid" -f bench/haproxy.cfg
export SESSIONS="$PWD/$OUT/sessions.txt"
scenario results-browser "$BASE" results-browser "$READS" "$READS" "$READS" "$READS"
scenario edge "http://localhost:$EDGE_PORT" results-browser "$READS" "$READS" "$READS" "$READS"
scenario edge-cache "http://localhost:$EDGE_CACHE_PORT" results-browser "$READS" "$READS" "$READS" "$READS"
curl -sf -o /dev/null -D "$OUT/edge-cache-headers.txt" -H "Cookie: $(head -1 "$OUT/sessions.txt")" \
  "http://localhost:$EDGE_CACHE_PORT/api/v1/polls/${READS%%=*}/results"
kill "$(cat "$OUT/haproxy.pid")"
touch "$OUT/stop-sampling"; wait "$SAMPLER" || true

echo "== profile"
for name in vote vote-text; do
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$OUT/$name.jfr" > "$OUT/$name-samples.txt"
  python3 bench/top-frames.py "$OUT/$name-samples.txt" > "$OUT/$name-profile.md"
done
"$WLP/bin/server" stop "$SERVER" >/dev/null
trap - EXIT; stop_all
# bench/counting.sh (plain vs partitioned ballot tables, issue 22) is no longer part of the run: its "plain" half
# starts the code at schema 8, and the entities need schema 10 (question types) since. Its one run is in CHANGES.md.
python3 bench/report.py --out "$OUT" --subscribers "$SUBSCRIBERS" --warmup "$WARMUP" --round "$ROUND" \
  --connections "$CONNECTIONS" \
  --commit "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench pom.xml || echo '+changes')" \
  --changes bench/CHANGES.md --markdown bench/RESULTS.md --chart bench/results.svg
echo "== wrote bench/RESULTS.md and bench/results.svg"
