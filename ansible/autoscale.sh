#!/usr/bin/env bash
# One scaling decision, taken from Prometheus's alerts; a timer runs it every minute on the Ansible control host
# (autoscale/intrapoll-autoscale.timer; README, "Scaling driven by metrics"):
#   IntrapollScaleOut firing  -> the first spare node of the inventory (group intrapoll_spare_nodes) joins through
#                                scale-out.yml, unless AUTOSCALE_MAX_NODES app nodes run already;
#   IntrapollScaleIn firing   -> the node it added last leaves through scale-in.yml (drained in HAProxy, then
#                                stopped); the inventory's own nodes never leave;
#   either, within AUTOSCALE_COOLDOWN_SECONDS of the last change -> nothing (a new node's start raises the load).
# The nodes it added are listed in $AUTOSCALE_STATE_DIR/nodes.ini, an inventory that puts them in intrapoll_nodes:
# give it to every other playbook run too (ansible.cfg's inventory list, or a second -i), or site.yml takes them
# out of HAProxy again.
#   INVENTORY=inventories/production PROMETHEUS_URL=https://10.0.4.41:9090 ansible/autoscale.sh
# Prints what it did in one line; exits non-zero only when a playbook failed.
set -euo pipefail
cd "$(dirname "$0")"
INVENTORY="${INVENTORY:-inventories/production}"
PROMETHEUS_URL="${PROMETHEUS_URL:?the Prometheus that evaluates the scaling alerts, e.g. https://10.0.4.41:9090}"
STATE="${AUTOSCALE_STATE_DIR:-/var/lib/intrapoll-autoscale}"
MAX_NODES="${AUTOSCALE_MAX_NODES:-6}"
COOLDOWN="${AUTOSCALE_COOLDOWN_SECONDS:-600}"
CURL_OPTIONS=(${PROMETHEUS_CA_FILE:+--cacert "$PROMETHEUS_CA_FILE"})

mkdir -p "$STATE"
exec 9>"$STATE/lock"
flock -n 9 || { echo "another decision is being carried out"; exit 0; }
[ -f "$STATE/nodes.ini" ] || printf '# Written by ansible/autoscale.sh: the app nodes it added.\n[intrapoll_nodes]\n' >"$STATE/nodes.ini"

firing() { # alert name -> "yes" when it fires
  curl -fsS "${CURL_OPTIONS[@]}" -G --data-urlencode "query=ALERTS{alertname=\"$1\", alertstate=\"firing\"}" \
      "$PROMETHEUS_URL/api/v1/query" | jq -r 'if (.data.result | length) > 0 then "yes" else "no" end'
}
group() { # group name -> its hosts, one per line, with the added nodes counted in
  ansible-inventory -i "$INVENTORY" -i "$STATE/nodes.ini" --list | jq -r --arg g "$1" '.[$g].hosts // [] | .[]'
}
added() { sed -n '/^\[intrapoll_nodes\]/,$p' "$STATE/nodes.ini" | grep -v '^\[' | grep -v '^#' | grep . || true; }
playbook() { # log name, playbook arguments...
  local log="$STATE/$1.log"; shift
  ansible-playbook -i "$INVENTORY" -i "$STATE/nodes.ini" "$@" >"$log" 2>&1 || { tail -n 30 "$log" >&2; return 1; }
}

last=$(cat "$STATE/last-change" 2>/dev/null || echo 0)
now=$(date +%s)
scale_out=$(firing IntrapollScaleOut)
scale_in=$(firing IntrapollScaleIn)
if [ "$scale_out" = no ] && [ "$scale_in" = no ]; then
  echo "no scaling alert fires"; exit 0
fi
if [ $((now - last)) -lt "$COOLDOWN" ]; then
  echo "cooling down: the last change was $((now - last)) s ago (cooldown ${COOLDOWN} s)"; exit 0
fi

if [ "$scale_out" = yes ]; then
  running=$(group intrapoll_nodes | wc -l)
  if [ "$running" -ge "$MAX_NODES" ]; then
    echo "IntrapollScaleOut fires, but $running app nodes run already (at most $MAX_NODES)"; exit 0
  fi
  spare=$(comm -23 <(group intrapoll_spare_nodes | sort) <(group intrapoll_nodes | sort) | head -n 1)
  [ -n "$spare" ] || { echo "IntrapollScaleOut fires, but no spare node is left in the inventory"; exit 0; }
  echo "$spare" >>"$STATE/nodes.ini"
  if ! playbook scale-out scale-out.yml -e "intrapoll_new_nodes=$spare"; then
    sed -i "/^$spare\$/d" "$STATE/nodes.ini"
    echo "scale-out of $spare failed: see $STATE/scale-out.log" >&2; exit 1
  fi
  date +%s >"$STATE/last-change"
  echo "scaled out: $spare joined ($((running + 1)) app nodes)"
else
  node=$(added | tail -n 1)
  [ -n "$node" ] || { echo "IntrapollScaleIn fires; no added node is left to take away"; exit 0; }
  playbook scale-in scale-in.yml -e "intrapoll_removed_nodes=$node" \
    || { echo "scale-in of $node failed: see $STATE/scale-in.log" >&2; exit 1; }
  sed -i "/^$node\$/d" "$STATE/nodes.ini"
  date +%s >"$STATE/last-change"
  echo "scaled in: $node drained and stopped ($(group intrapoll_nodes | wc -l) app nodes)"
fi
