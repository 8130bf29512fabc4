#!/usr/bin/env bash
# One scenario under async-profiler (CPU, 1 ms interval timer: every thread's Java and native frames, syscalls
# included), for when JFR's few samples (about 20 a second per busy thread) cannot tell where a request's time goes.
# Runs against a server bench/run.sh set up (or any Liberty server by its pid file), with bench/load.lua's modes:
#   bench/profile.sh NAME MODE [POLLS] [SECONDS] [SERVER]
#   bench/profile.sh static static
#   bench/profile.sh poll poll "$(python3 bench/polls.py http://localhost:9280 20 reads)"
# Writes target/bench/profiles/NAME.collapsed (one stack per line with its sample count: flame graph input) and
# NAME.md (bench/collapsed.py: inclusive and self shares). Warm the server up on the same requests first: a server
# that compiles still shows the JIT and one-off costs (Liberty's first login of each user signs an LTPA token).
set -euo pipefail
cd "$(dirname "$0")/.."
NAME="$1"; MODE="$2"; POLLS="${3:-none=none}"; SECONDS_="${4:-10}"; SERVER="${5:-intrapoll-bench}"
PORT="${PORT:-9280}"; VERSION=4.2
OUT=target/bench/profiles; TOOLS=target/bench-tools
mkdir -p "$OUT" "$TOOLS"
LIB="$PWD/$TOOLS/linux-x64/libasyncProfiler.so"
if ! [ -f "$LIB" ]; then # the agent ships inside the jar on Maven Central
  curl -sfL -o "$TOOLS/async-profiler.jar" \
    "https://repo1.maven.org/maven2/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION.jar"
  (cd "$TOOLS" && unzip -o -q async-profiler.jar linux-x64/libasyncProfiler.so)
fi
PID=$(cat "target/liberty/wlp/usr/servers/.pid/$SERVER.pid")
# jcmd reads key=value pairs itself: the agent's options go in double quotes to reach it whole.
jcmd "$PID" JVMTI.agent_load "$LIB" '"start,event=itimer,interval=1ms"' >/dev/null
MODE="$MODE" POLLS="$POLLS" THREADS=2 wrk -t2 -c"${CONNECTIONS:-32}" -d"${SECONDS_}s" --latency -s bench/load.lua \
  "http://localhost:$PORT" | grep '^RESULT' | tee "$OUT/$NAME.result"
jcmd "$PID" JVMTI.agent_load "$LIB" "\"stop,collapsed,file=$PWD/$OUT/$NAME.collapsed\"" >/dev/null
python3 bench/collapsed.py "$OUT/$NAME.collapsed" > "$OUT/$NAME.md"
echo "wrote $OUT/$NAME.collapsed and $OUT/$NAME.md"
