#!/usr/bin/env python3
"""Checks that the deployment files agree with the binary and with each other.

- deploy/newsflow.yaml and the ConfigMap's newsflow.yaml load with
  `newsflow config -c` (unknown keys and bad values fail), and the example
  shows every setting the binary declares (set, or commented out in place).
- Supervisors wait longer than the drain: Kubernetes
  terminationGracePeriodSeconds and systemd TimeoutStopSec > run.shutdown_timeout.
- The metrics port is the same in the ConfigMap, Deployment, Service, Dockerfile.
- The ConfigMap's run.workers equals the pod's CPU request (the default, one
  per core, would count the node's cores).
- The Deployment probes /healthz (liveness) and /readyz (readiness).
- systemd-analyze verify accepts the unit (Debian's systemd package).

Usage: check_deploy_config.py NEWSFLOW_BINARY SOURCE_DIR WORK_DIR
"""
import os
import re
import shutil
import subprocess
import sys

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def effective_settings(binary, config_path):
    """`newsflow config -c FILE` as {key: value}, or None if it refuses the file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
    proc = subprocess.run([binary, "config", "-c", config_path], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        fail(f"newsflow config -c {config_path}: exit {proc.returncode}: {proc.stderr.strip()}")
        return None
    return dict(line.split(" = ", 1) if " = " in line else (line.rstrip(" ="), "")
                for line in proc.stdout.splitlines() if line.strip())


def yaml_keys(text, commented=False):
    """Dotted keys of the scalar entries of a mapping-only YAML file. With
    commented=True, also keys shown commented out (`  # window: 7d`) at their
    place in the nesting."""
    keys, stack = set(), []
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            m = re.match(r"^( *)# ?([a-z_]+): \S", line) if commented else None
            if m:
                indent = len(m.group(1))
                parents = [k for i, k in stack if i < indent]
                keys.add(".".join(parents + [m.group(2)]))
            continue
        m = re.match(r"^( *)([A-Za-z0-9_.]+):(.*)$", line)
        if not m:
            continue
        indent, key, rest = len(m.group(1)), m.group(2), m.group(3).split(" #", 1)[0].strip()
        while stack and stack[-1][0] >= indent:
            stack.pop()
        dotted = ".".join([k for _, k in stack] + [key])
        if rest:
            keys.add(dotted)
        else:
            stack.append((indent, key))
    return keys


def seconds(duration):
    m = re.fullmatch(r"(\d+)(ms|s|m|h|d)?", duration.strip())
    if not m:
        raise ValueError(duration)
    scale = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 0.001}[m.group(2)]
    return int(m.group(1)) * scale


def main():
    binary, source_dir, work_dir = sys.argv[1:4]
    os.makedirs(work_dir, exist_ok=True)
    deploy = os.path.join(source_dir, "deploy")
    k8s = os.path.join(deploy, "kubernetes")

    example_path = os.path.join(deploy, "newsflow.yaml")
    example = effective_settings(binary, example_path)
    if example is not None:
        # A setting may be shown commented out (`# data_dir: ...`).
        missing = sorted(set(example) - yaml_keys(read(example_path), commented=True))
        for key in missing:
            fail(f"deploy/newsflow.yaml does not set '{key}' (every setting should be shown)")

    configmap = read(os.path.join(k8s, "configmap.yaml"))
    m = re.search(r"^  newsflow\.yaml: \|\n((?:    .*\n|\s*\n)+)", configmap, re.M)
    if not m:
        fail("configmap.yaml: no newsflow.yaml block")
        return finish()
    embedded = os.path.join(work_dir, "configmap-newsflow.yaml")
    with open(embedded, "w", encoding="utf-8") as f:
        f.write("\n".join(line[4:] for line in m.group(1).splitlines()) + "\n")
    settings = effective_settings(binary, embedded)
    if settings is None:
        return finish()
    shutdown = seconds(settings["run.shutdown_timeout"])
    metrics_port = settings["metrics.address"].rsplit(":", 1)[-1]
    if not settings["metrics.address"].startswith("0.0.0.0:"):
        fail("configmap: metrics.address must listen on all interfaces for probes and scrapes")

    deployment = read(os.path.join(k8s, "deployment.yaml"))
    grace = re.search(r"terminationGracePeriodSeconds:\s*(\d+)", deployment)
    if not grace or int(grace.group(1)) <= shutdown:
        fail(f"deployment.yaml: terminationGracePeriodSeconds must exceed run.shutdown_timeout ({shutdown:g}s)")
    cpu = re.search(r'requests:\s*\n\s*cpu:\s*"?(\d+)"?\s*\n', deployment)
    if not cpu or settings["run.workers"] != cpu.group(1):
        fail(f"configmap run.workers ({settings['run.workers']}) must equal the pod's CPU request "
             f"({cpu.group(1) if cpu else 'not a whole number'}): 0 would count the node's cores")
    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
        if not re.search(rf"{probe}:\s*\n\s*httpGet:\s*\n\s*path:\s*{path}\s*\n", deployment):
            fail(f"deployment.yaml: {probe} does not GET {path}")
    if not re.search(rf"containerPort:\s*{metrics_port}\b", deployment):
        fail(f"deployment.yaml: containerPort is not the metrics port {metrics_port}")
    if f'prometheus.io/port: "{metrics_port}"' not in deployment:
        fail(f"deployment.yaml: prometheus.io/port annotation is not {metrics_port}")
    if not re.search(rf"port:\s*{metrics_port}\b", read(os.path.join(k8s, "service.yaml"))):
        fail(f"service.yaml: port is not {metrics_port}")
    dockerfile = read(os.path.join(deploy, "Dockerfile"))
    if f"EXPOSE {metrics_port}" not in dockerfile or f"NEWSFLOW_METRICS_ADDRESS=0.0.0.0:{metrics_port}" not in dockerfile:
        fail(f"Dockerfile: EXPOSE / NEWSFLOW_METRICS_ADDRESS do not use port {metrics_port}")

    unit_path = os.path.join(deploy, "systemd", "newsflow.service")
    unit = read(unit_path)
    stop = re.search(r"^TimeoutStopSec=(\S+)$", unit, re.M)
    example_shutdown = seconds(example["run.shutdown_timeout"]) if example else shutdown
    if not stop or seconds(stop.group(1)) <= example_shutdown:
        fail(f"newsflow.service: TimeoutStopSec must exceed run.shutdown_timeout ({example_shutdown:g}s)")
    analyze = shutil.which("systemd-analyze")
    if analyze:
        # verify wants ExecStart to exist: point it at the binary under test.
        local_unit = os.path.join(work_dir, "newsflow.service")
        with open(local_unit, "w", encoding="utf-8") as f:
            f.write(unit.replace("/usr/bin/newsflow", os.path.abspath(binary)))
        proc = subprocess.run([analyze, "verify", local_unit], capture_output=True, text=True)
        if proc.returncode != 0 or proc.stderr.strip():
            fail(f"systemd-analyze verify: {proc.stderr.strip()}")
    else:
        fail("systemd-analyze not found: install the Debian package systemd (scripts/install-deps does)")
    return finish()


def finish():
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("deployment files: consistent with the binary and each other")
    return 0


if __name__ == "__main__":
    sys.exit(main())
