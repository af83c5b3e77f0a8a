#!/usr/bin/env python3
"""Checks that the dashboard and the alerts use only the metric contract.

  deploy/metrics.txt                      the contract: names, types, labels, closed label values
                                          (`exporter` lines: `newsflow lag --serve`, not `run`)
  deploy/grafana/newsflow-dashboard.json  must parse; every metric of the contract on some panel
  deploy/prometheus/alerts.yml            every expression; every alert's runbook
                                          link is a heading of deploy/README.md

Every `newsflow_*` name must be in the contract (histograms may add _bucket,
_sum, _count), every other selected metric must be a Prometheus one (`up`),
label matchers and by() clauses may only name the metrics' labels (plus job,
instance, le), and matchers on closed labels must use listed values. All
expressions are also parsed by promtool (as recording rules).

With --exposition FILE (the text of a live /metrics page) it instead checks
that the running binary exposes every metric of the contract with its type
and labels, and nothing else under newsflow_.

Usage: check_metric_refs.py SOURCE_DIR WORK_DIR
       check_metric_refs.py SOURCE_DIR --exposition METRICS_TEXT
"""
import json
import os
import re
import shutil
import subprocess
import sys

PROMETHEUS_METRICS = {"up"}
TARGET_LABELS = {"job", "instance", "namespace", "pod"}
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def load_contract(path, exporter=False):
    """(metrics, values) of the contract: {name: (type, labels)} of what
    `newsflow run` exposes; with exporter=True also the `exporter` lines
    (`newsflow lag --serve`), which the dashboard and alerts may use too."""
    metrics, values = {}, {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if parts[0] == "exporter" and len(parts) == 4:
                if exporter:
                    metrics[parts[1]] = (parts[2], set() if parts[3] == "-" else set(parts[3].split(",")))
            elif parts[0] == "values" and len(parts) == 3:
                values[parts[1]] = set(parts[2].split(","))
            elif len(parts) == 3 and parts[1] in ("counter", "gauge", "histogram"):
                labels = set() if parts[2] == "-" else set(parts[2].split(","))
                metrics[parts[0]] = (parts[1], labels)
            else:
                raise SystemExit(f"{path}:{n}: cannot read '{line}'")
    return metrics, values


def alert_expressions(path):
    """expr values from a Prometheus rules file: `expr: X` or a `expr: |` block."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    exprs, alerts = [], 0
    i = 0
    while i < len(lines):
        m = re.match(r"^(\s*)(- )?(alert|expr):\s*(.*)$", lines[i])
        if m and m.group(3) == "alert":
            alerts += 1
        if m and m.group(3) == "expr":
            value = m.group(4).strip()
            if value in ("|", ">", "|-", ">-"):
                indent = len(m.group(1)) + (2 if m.group(2) else 0)
                block = []
                i += 1
                while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
                    block.append(lines[i].strip())
                    i += 1
                exprs.append(" ".join(b for b in block if b))
                continue
            exprs.append(value)
        i += 1
    if alerts != len(exprs):
        fail(f"{path}: {alerts} alerts but {len(exprs)} expressions read")
    return exprs


def dashboard_expressions(path):
    try:
        with open(path, encoding="utf-8") as f:
            dash = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"{path}: {e}")
        return []
    exprs = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("expr"), str):
                exprs.append(node["expr"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(dash.get("panels", []))
    for var in dash.get("templating", {}).get("list", []):
        if var.get("type") == "query":
            q = var.get("query")
            q = q.get("query") if isinstance(q, dict) else q
            m = re.match(r"label_values\((.*),\s*\w+\)$", q or "")
            if m:
                exprs.append(m.group(1))
    for p in dash.get("panels", []):
        if p.get("type") != "row" and not p.get("targets"):
            fail(f"{path}: panel '{p.get('title')}' has no queries")
    return exprs


def check_runbooks(alerts_path, readme_path):
    """Every alert names a runbook section of deploy/README.md that exists."""
    with open(alerts_path, encoding="utf-8") as f:
        alerts_text = f.read()
    with open(readme_path, encoding="utf-8") as f:
        anchors = {re.sub(r"[^a-z0-9_ -]", "", h.strip().lower()).replace(" ", "-")
                   for h in re.findall(r"^#+ (.+)$", f.read(), re.M)}
    for block in re.split(r"^\s*- alert: ", alerts_text, flags=re.M)[1:]:
        name = block.split("\n", 1)[0].strip()
        m = re.search(r'runbook: "deploy/README\.md#([^"]+)"', block)
        if not m:
            fail(f"alerts: {name} has no runbook annotation")
        elif m.group(1) not in anchors:
            fail(f"alerts: {name}'s runbook #{m.group(1)} is not a heading of deploy/README.md")


def grafana_to_promql(expr):
    return (expr.replace("$__rate_interval", "5m").replace("$__interval", "1m")
            .replace("$job", "newsflow").replace("$instance", ".*"))


def resolve(name, metrics):
    if name in metrics:
        return name
    for suffix in HISTOGRAM_SUFFIXES:
        base = name[: -len(suffix)]
        if name.endswith(suffix) and metrics.get(base, ("",))[0] == "histogram":
            return base
    return None


def check_expression(where, expr, metrics, values, used):
    promql = grafana_to_promql(expr)
    names = set(re.findall(r"\bnewsflow_[a-z0-9_]+\b", promql))
    allowed_labels = set(TARGET_LABELS)
    for name in names:
        base = resolve(name, metrics)
        if base is None:
            fail(f"{where}: {name} is not in deploy/metrics.txt")
            continue
        used.add(base)
        allowed_labels |= metrics[base][1]
        if name.endswith("_bucket"):
            allowed_labels.add("le")
    for name, matchers in re.findall(r"\b([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{([^}]*)\}", promql):
        if not name.startswith("newsflow_") and name not in PROMETHEUS_METRICS:
            fail(f"{where}: selects unknown metric {name}")
            continue
        base = resolve(name, metrics)
        own = set(TARGET_LABELS) | (metrics[base][1] if base else set()) | ({"le"} if name.endswith("_bucket") else set())
        for label, op, value in re.findall(r'(\w+)\s*(=~|!~|!=|=)\s*"([^"]*)"', matchers):
            if label not in own:
                fail(f"{where}: {name} has no label '{label}'")
            if op == "=" and label in values and value not in values[label]:
                fail(f"{where}: {label}=\"{value}\" is not one of {sorted(values[label])}")
    for clause in re.findall(r"\b(?:by|without)\s*\(([^)]*)\)", promql):
        for label in filter(None, (l.strip() for l in clause.split(","))):
            if label not in allowed_labels:
                fail(f"{where}: groups by '{label}', which none of its metrics has")


def promtool_parse(exprs, work_dir):
    promtool = shutil.which("promtool")
    if not promtool:
        fail("promtool not found (Debian package prometheus; scripts/install-deps installs it)")
        return
    path = os.path.join(work_dir, "dashboard-expressions.rules.yml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("groups:\n  - name: dashboard_expressions\n    rules:\n")
        for i, e in enumerate(exprs):
            f.write(f"      - record: dashboard:expr_{i}\n        expr: {json.dumps(grafana_to_promql(e))}\n")
    proc = subprocess.run([promtool, "check", "rules", path], capture_output=True, text=True)
    if proc.returncode != 0:
        fail("promtool cannot parse a dashboard expression:\n" + proc.stdout + proc.stderr)


def check_exposition(metrics, path):
    """Checks a live /metrics page against the contract."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    types = dict(re.findall(r"^# TYPE (\S+) (\S+)$", text, re.M))
    seen_labels = {}
    for name, labels in re.findall(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})? ", text, re.M):
        keys = set(re.findall(r'(\w+)="', labels))
        base = resolve(name, metrics) or name
        seen_labels.setdefault(base, set()).update(keys - {"le"})
    for name, (kind, labels) in metrics.items():
        if name not in types:
            if labels:
                # A labelled family shows only once it has a series (e.g.
                # consumer lag after the first statistics with an assignment).
                print(f"note: /metrics has no series of {name} yet")
            else:
                fail(f"/metrics: {name} missing")
            continue
        if types[name] != kind:
            fail(f"/metrics: {name} is a {types[name]}, contract says {kind}")
        extra = seen_labels.get(name, set()) - labels
        if extra:
            fail(f"/metrics: {name} has labels {sorted(extra)} not in the contract")
    for name in types:
        if name.startswith("newsflow_") and name not in metrics:
            fail(f"/metrics: {name} is not in deploy/metrics.txt")


def main():
    source_dir = sys.argv[1]
    contract_path = os.path.join(source_dir, "deploy", "metrics.txt")
    if len(sys.argv) == 4 and sys.argv[2] == "--exposition":
        check_exposition(load_contract(contract_path)[0], sys.argv[3])
    else:
        metrics, values = load_contract(contract_path, exporter=True)
        work_dir = sys.argv[2]
        os.makedirs(work_dir, exist_ok=True)
        dash_path = os.path.join(source_dir, "deploy", "grafana", "newsflow-dashboard.json")
        alerts_path = os.path.join(source_dir, "deploy", "prometheus", "alerts.yml")
        dash_exprs = dashboard_expressions(dash_path)
        alert_exprs = alert_expressions(alerts_path)
        used_by_dashboard, used_by_alerts = set(), set()
        for e in dash_exprs:
            check_expression("dashboard", e, metrics, values, used_by_dashboard)
        for e in alert_exprs:
            check_expression("alerts", e, metrics, values, used_by_alerts)
        for name in sorted(set(metrics) - used_by_dashboard):
            fail(f"dashboard: no panel shows {name}")
        promtool_parse(dash_exprs, work_dir)
        check_runbooks(alerts_path, os.path.join(source_dir, "deploy", "README.md"))
        print(f"{len(dash_exprs)} dashboard and {len(alert_exprs)} alert expressions, "
              f"{len(used_by_dashboard)}/{len(metrics)} contract metrics on the dashboard, "
              f"{len(used_by_alerts)} used by alerts")
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("metric references: all in the contract")
    return 0


if __name__ == "__main__":
    sys.exit(main())
