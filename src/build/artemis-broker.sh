#!/usr/bin/env bash
# The external Artemis broker of the integration tests, from the Maven Central distribution that the build
# unpacks (target/apache-artemis-*). Core protocol only, on 127.0.0.1 (the machine's 5672/1883 belong to others).
#   artemis-broker.sh start <instance-dir> <port>   create the instance if needed, start it, wait until it listens
#   artemis-broker.sh stop  <instance-dir>          stop it (SIGKILL after 20 s)
#   artemis-broker.sh kill  <instance-dir>          SIGKILL, as a crash would
set -euo pipefail
action="$1"; instance="$2"; port="${3:-61626}"
home="$(ls -d "$(dirname "$instance")"/apache-artemis-*/ 2>/dev/null | head -n 1)"
pidfile="$instance/broker.pid"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "$action" in
  start)
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      kill -KILL "$(cat "$pidfile")" 2>/dev/null || true   # left over from an interrupted run
      sleep 1
    fi
    if [ ! -d "$instance" ]; then
      "$home/bin/artemis" create "$instance" --silent --force --name intrapoll-test \
        --user intrapoll --password intrapoll --allow-anonymous --host 127.0.0.1 --default-port "$port" \
        --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor --no-web >/dev/null
      # Accepted ballots are redelivered until counted (backing off to every 30 s), never dead-lettered for a
      # passing failure; the same settings as the embedded broker (EmbeddedBroker).
      sed -i 's|<address-setting match="#">|<address-setting match="intrapoll.ballots">\
            <max-delivery-attempts>-1</max-delivery-attempts>\
            <redelivery-delay>500</redelivery-delay>\
            <redelivery-delay-multiplier>2</redelivery-delay-multiplier>\
            <max-redelivery-delay>30000</max-redelivery-delay>\
         </address-setting>\
         &|' "$instance/etc/broker.xml"
    fi
    nohup "$instance/bin/artemis" run >"$instance/log/console.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 120); do listening "$port" && { echo "Artemis listening on 127.0.0.1:$port"; exit 0; }; sleep 0.5; done
    echo "Artemis did not start; see $instance/log" >&2; exit 1 ;;
  stop|kill)
    [ -f "$pidfile" ] || exit 0
    pid="$(cat "$pidfile")"
    if [ "$action" = kill ]; then kill -KILL "$pid" 2>/dev/null || true; else kill "$pid" 2>/dev/null || true; fi
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    # the broker's JVM may outlive the launcher script
    pkill -KILL -f "artemis.instance=$instance" 2>/dev/null || true
    rm -f "$pidfile" ;;
  *) echo "usage: $0 start|stop|kill <instance-dir> [port]" >&2; exit 2 ;;
esac
