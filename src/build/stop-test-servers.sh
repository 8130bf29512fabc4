#!/usr/bin/env bash
# Stops test servers left running by an interrupted earlier run (their stale JMX state would confuse
# Arquillian), and drops the copy of the application such a run left expanded: Liberty kept serving that copy's
# files after the next run deployed a newer WAR. Does nothing on a fresh checkout.
wlp="$1"; shift
for server in "$@"; do
  if [ -d "$wlp/usr/servers/$server/workarea" ]; then
    "$wlp/bin/server" stop "$server" >/dev/null 2>&1 || true
    rm -rf "$wlp/usr/servers/$server/logs/state" "$wlp/usr/servers/$server/apps/expanded"
  fi
done
exit 0
