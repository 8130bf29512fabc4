#!/usr/bin/env bash
# Stops test servers left running by an interrupted earlier run (their stale JMX state would confuse
# Arquillian). Does nothing on a fresh checkout.
wlp="$1"; shift
for server in "$@"; do
  if [ -d "$wlp/usr/servers/$server/workarea" ]; then
    "$wlp/bin/server" stop "$server" >/dev/null 2>&1 || true
    rm -rf "$wlp/usr/servers/$server/logs/state"
  fi
done
exit 0
