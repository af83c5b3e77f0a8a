#!/usr/bin/env python3
"""The compose stack deploy/compose/, checked without Docker:

- compose.yaml against the Compose specification's JSON schema (the one
  `docker compose config` uses, from the Go module compose-go), after
  resolving `$$` escapes as Compose does;
- every bind-mounted file or directory exists; images are pinned (no
  `latest`); the build context holds the Dockerfile;
- the wiring: Prometheus scrapes job "newsflow" at the newsflow service's
  metrics port and loads the mounted alert rules; Grafana's data source is
  the prometheus service and its dashboard provider path is where the
  dashboard is mounted; newsflow's brokers are the kafka service's
  advertised listener; kafka-init creates every topic newsflow uses;
- `newsflow config` accepts newsflow.yaml, `promtool check config` the
  Prometheus file with the rules beside it.

Usage: check_compose.py NEWSFLOW_BINARY SOURCE_DIR WORK_DIR   (run with the test venv's python)
"""
import json
import os
import re
import shutil
import subprocess
import sys

import jsonschema
import yaml

COMPOSE_GO_MODULE = "github.com/compose-spec/compose-go/v2@v2.16.2"
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def go_binary():
    for candidate in (shutil.which("go"), "/usr/local/go/bin/go"):
        if candidate and os.path.exists(candidate):
            return candidate
    raise SystemExit("go not found (PATH or /usr/local/go/bin): the Compose schema comes from the Go module proxy")


def compose_schema():
    r = subprocess.run([go_binary(), "mod", "download", "-json", COMPOSE_GO_MODULE], capture_output=True, text=True,
                       env={**os.environ, "GOFLAGS": "-mod=mod"})
    info = json.loads(r.stdout or "{}")
    if r.returncode != 0 or "Dir" not in info:
        raise SystemExit(f"go mod download {COMPOSE_GO_MODULE} failed: {info.get('Error') or r.stderr}")
    with open(os.path.join(info["Dir"], "schema", "compose-spec.json"), encoding="utf-8") as f:
        return json.load(f)


def unescape(node):
    """Compose interpolation: `$$` is a literal `$`; no other variables are used."""
    if isinstance(node, dict):
        return {k: unescape(v) for k, v in node.items()}
    if isinstance(node, list):
        return [unescape(v) for v in node]
    if isinstance(node, str):
        if re.search(r"\$(?!\$)\{?[A-Za-z_]", node.replace("$$", "")):
            fail(f"compose.yaml: unescaped variable in {node[:60]!r} (the stack sets none)")
        return node.replace("$$", "$")
    return node


def main():
    binary, source_dir, work_dir = sys.argv[1:4]
    os.makedirs(work_dir, exist_ok=True)
    here = os.path.join(source_dir, "deploy", "compose")
    with open(os.path.join(here, "compose.yaml"), encoding="utf-8") as f:
        compose = unescape(yaml.safe_load(f))
    schema = compose_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)  # draft 2020-12
    for e in sorted(validator.iter_errors(compose), key=lambda e: list(e.absolute_path))[:10]:
        fail(f"compose.yaml: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    services = compose.get("services", {})
    for want in ("kafka", "kafka-init", "newsflow", "prometheus", "grafana"):
        if want not in services:
            fail(f"compose.yaml: no {want} service")
    if failures:
        return finish()

    mounts = {}  # (service, container path) -> host path
    for name, svc in services.items():
        image = svc.get("image", "")
        if image and (":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest")):
            fail(f"{name}: image {image} is not pinned to a tag")
        if "build" in svc:
            context = os.path.normpath(os.path.join(here, svc["build"]["context"]))
            if not os.path.exists(os.path.join(context, svc["build"]["dockerfile"])):
                fail(f"{name}: no {svc['build']['dockerfile']} in the build context {context}")
        for v in svc.get("volumes", []):
            host, container = v.split(":")[:2]
            path = os.path.normpath(os.path.join(here, host))
            if not os.path.exists(path):
                fail(f"{name}: mounted {host} does not exist ({path})")
            mounts[(name, container)] = path
        for dep, cond in (svc.get("depends_on") or {}).items() if isinstance(svc.get("depends_on"), dict) else []:
            if dep not in services:
                fail(f"{name}: depends on unknown service {dep}")

    # newsflow: its config, brokers and topics.
    config_host = mounts.get(("newsflow", "/etc/newsflow/newsflow.yaml"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
    r = subprocess.run([binary, "config", "-c", config_host], capture_output=True, text=True, env=env)
    if r.returncode != 0:
        return fail(f"newsflow config refuses {config_host}: {r.stderr.strip()}") or finish()
    settings = dict(line.split(" = ", 1) for line in r.stdout.splitlines() if " = " in line)
    advertised = services["kafka"]["environment"]["KAFKA_ADVERTISED_LISTENERS"].split("//", 1)[1]
    if settings["kafka.brokers"] != advertised:
        fail(f"newsflow brokers {settings['kafka.brokers']} are not kafka's advertised listener {advertised}")
    script = "\n".join(services["kafka-init"]["command"])
    topics = {settings["input.topic"], settings["output.topic"], settings["output.dlq_topic"] or settings["input.topic"] + ".dlq",
              settings["dedup.changelog_topic"] or settings["kafka.group_id"] + ".dedup-changelog"}
    for topic in topics:
        if f"--topic {topic} " not in script + " ":
            fail(f"kafka-init does not create {topic}")
    changelog = settings["dedup.changelog_topic"] or settings["kafka.group_id"] + ".dedup-changelog"
    if not re.search(rf"--topic {re.escape(changelog)} .*cleanup\.policy=compact", script):
        fail(f"kafka-init: {changelog} is not compacted")
    metrics_port = settings["metrics.address"].rsplit(":", 1)[1]
    if f"{metrics_port}:{metrics_port}" not in " ".join(services["newsflow"].get("ports", [])):
        fail(f"newsflow: port {metrics_port} is not published")

    # Prometheus: the newsflow target and the mounted rules.
    prom_host = mounts[("prometheus", "/etc/prometheus/prometheus.yml")]
    with open(prom_host, encoding="utf-8") as f:
        prom = yaml.safe_load(f)
    jobs = {j["job_name"]: j for j in prom.get("scrape_configs", [])}
    targets = [t for c in jobs.get("newsflow", {}).get("static_configs", []) for t in c["targets"]]
    if targets != [f"newsflow:{metrics_port}"]:
        fail(f"prometheus.yml: job newsflow scrapes {targets}, not newsflow:{metrics_port}")
    for rule_file in prom.get("rule_files", []):
        mounted = mounts.get(("prometheus", os.path.join("/etc/prometheus", rule_file)))
        if not mounted:
            fail(f"prometheus.yml loads {rule_file}, which compose.yaml does not mount beside it")
    check_dir = os.path.join(work_dir, "prometheus")
    os.makedirs(check_dir, exist_ok=True)
    for (svc, container), host in mounts.items():
        if svc == "prometheus" and container.startswith("/etc/prometheus/"):
            shutil.copy(host, os.path.join(check_dir, os.path.basename(container)))
    r = subprocess.run(["promtool", "check", "config", os.path.join(check_dir, "prometheus.yml")],
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"promtool check config: {r.stdout.strip()} {r.stderr.strip()}")

    # Grafana: data source and dashboard provisioning.
    provisioning = mounts[("grafana", "/etc/grafana/provisioning")]
    with open(os.path.join(provisioning, "datasources", "prometheus.yaml"), encoding="utf-8") as f:
        ds = yaml.safe_load(f)["datasources"][0]
    if ds["type"] != "prometheus" or not ds["url"].startswith("http://prometheus:9090"):
        fail(f"grafana data source {ds} is not the prometheus service")
    with open(os.path.join(provisioning, "dashboards", "newsflow.yaml"), encoding="utf-8") as f:
        provider = yaml.safe_load(f)["providers"][0]
    dash_dir = mounts.get(("grafana", provider["options"]["path"]))
    if not dash_dir or not os.path.exists(os.path.join(dash_dir, "newsflow-dashboard.json")):
        fail(f"grafana: the dashboard provider path {provider['options']['path']} holds no newsflow-dashboard.json")
    return finish()


def finish():
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("compose stack: valid against the Compose specification, wiring consistent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
