#!/usr/bin/env bash
# Checks of what the monitoring roles ship, without a cluster (.ci/run runs it; Debian's prometheus package has
# promtool): the alert rules are valid and pass their unit tests (promtool test rules), and every query of the
# Grafana dashboard is valid PromQL (each wrapped as a recording rule, checked by promtool check rules).
#   ansible/monitoring-test.sh
set -euo pipefail
cd "$(dirname "$0")"
command -v promtool >/dev/null || { echo "promtool is missing (Debian's prometheus package)" >&2; exit 1; }

promtool check rules roles/prometheus/files/intrapoll-alerts.yml
(cd roles/prometheus/tests && promtool test rules intrapoll-alerts.test.yml)

# The scaling alerts are a template (their thresholds are the inventory's): rendered with the role's defaults.
scaling=roles/prometheus/tests/intrapoll-scaling.yml
trap 'rm -f "$scaling"' EXIT
python3 - roles/prometheus/defaults/main.yml roles/prometheus/templates/intrapoll-scaling.yml.j2 >"$scaling" <<'PY'
import sys
import jinja2, yaml
defaults = yaml.safe_load(open(sys.argv[1]))
print(jinja2.Template(open(sys.argv[2]).read()).render(ansible_managed="rendered by monitoring-test.sh", **defaults))
PY
promtool check rules "$scaling"
(cd roles/prometheus/tests && promtool test rules intrapoll-scaling.test.yml)

queries=$(mktemp /tmp/intrapoll-dashboard-queries.XXXXXX.yml)
trap 'rm -f "$queries" "$scaling"' EXIT
python3 - roles/grafana/files/intrapoll-dashboard.json >"$queries" <<'PY'
import json, re, sys

# Grafana replaces its interval variables before Prometheus sees a query; a duration stands in for each here.
GRAFANA_INTERVALS = {"$__rate_interval": "1m", "$__interval": "15s", "$__range": "1h"}

def panels(items):
    for panel in items:
        yield panel
        yield from panels(panel.get("panels", []))  # a collapsed row holds its panels

dashboard = json.load(open(sys.argv[1]))
rules, problems = [], []
for panel in panels(dashboard["panels"]):
    if panel.get("type") == "row":
        continue
    targets = panel.get("targets") or []
    if not targets:
        problems.append("panel %r has no query" % panel.get("title"))
    for target in targets:
        expr = target.get("expr", "")
        for variable, duration in GRAFANA_INTERVALS.items():
            expr = expr.replace(variable, duration)
        if not expr.strip() or "$" in expr:
            problems.append("panel %r, query %s: %r" % (panel.get("title"), target.get("refId"), target.get("expr")))
            continue
        rules.append({"record": "dashboard:panel_%d_%s" % (panel["id"], target["refId"]), "expr": expr})
if problems:
    sys.exit("dashboard queries that cannot be checked:\n  " + "\n  ".join(problems))
# JSON is YAML: promtool reads it as a rules file.
json.dump({"groups": [{"name": "dashboard", "rules": rules}]}, sys.stdout, indent=2)
print("%d dashboard queries" % len(rules), file=sys.stderr)
PY
promtool check rules "$queries"
echo "monitoring checks passed"
