#!/usr/bin/env python3
"""The Helm chart deploy/helm/newsflow, with the real tools, offline:

- `helm lint --strict` and `helm template` (Helm v3.22.0 built with
  `go install`, cached in ~/.cache/newsflow), with the default values and
  with KEDA, SASL and extra environment on;
- every rendered object against the Kubernetes schemas (PyPI
  kubernetes-validate, strict: unknown fields fail), the ScaledObject
  against KEDA's own CRD schema and the PodMonitor against the Prometheus
  Operator's (both from their Go modules, `go mod download`), strict too;
- the plain manifests of deploy/kubernetes/ against the same schemas;
- what the chart promises: probes on /healthz and /readyz at the metrics
  port, terminationGracePeriodSeconds = run.shutdown_timeout + 15 s, the
  ConfigMap accepted by `newsflow config -c`, run.workers = CPU request,
  app.kubernetes.io/* labels on every object, selectors that match the pods,
  the SASL Secret reference, no fixed replicas under KEDA, and a refusal to
  render when keda.maxReplicaCount x run.workers > input.partitions.

Usage: check_helm.py NEWSFLOW_BINARY SOURCE_DIR WORK_DIR   (run with the test venv's python)
"""
import json
import os
import re
import shutil
import subprocess
import sys

import jsonschema
import kubernetes_validate
import yaml

HELM_VERSION = "v3.22.0"
KEDA_MODULE = "github.com/kedacore/keda/v2@v2.21.0"
PROMETHEUS_OPERATOR_MODULE = "github.com/prometheus-operator/prometheus-operator@v0.85.0"
KUBE_VERSION = "1.31.0"
LABELS = ("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version",
          "app.kubernetes.io/component", "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def go_binary():
    for candidate in (shutil.which("go"), "/usr/local/go/bin/go"):
        if candidate and os.path.exists(candidate):
            return candidate
    raise SystemExit("go not found (PATH or /usr/local/go/bin): Helm and the CRD schemas come from the Go module proxy")


def helm_binary():
    cache = os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "newsflow",
                         f"helm-{HELM_VERSION}")
    helm = os.path.join(cache, "helm")
    if not os.path.exists(helm):
        print(f"building Helm {HELM_VERSION} with go install into {cache} (first run only)", flush=True)
        os.makedirs(cache, exist_ok=True)
        r = subprocess.run([go_binary(), "install", f"helm.sh/helm/v3/cmd/helm@{HELM_VERSION}"],
                           env={**os.environ, "GOBIN": cache}, capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"go install helm failed:\n{r.stderr[-3000:]}")
    return helm


def module_dir(module):
    r = subprocess.run([go_binary(), "mod", "download", "-json", module], capture_output=True, text=True,
                       env={**os.environ, "GOFLAGS": "-mod=mod"})
    info = json.loads(r.stdout or "{}")
    if r.returncode != 0 or "Dir" not in info:
        raise SystemExit(f"go mod download {module} failed: {info.get('Error') or r.stderr}")
    return info["Dir"]


def strict(schema):
    """Unknown fields fail, as with kubectl --validate=strict (CRD schemas allow them otherwise)."""
    if isinstance(schema, dict):
        if "properties" in schema and "additionalProperties" not in schema \
                and not schema.get("x-kubernetes-preserve-unknown-fields"):
            schema = {**schema, "additionalProperties": False}
        return {k: strict(v) for k, v in schema.items()}
    if isinstance(schema, list):
        return [strict(v) for v in schema]
    return schema


def crd_validator(path, version):
    with open(path, encoding="utf-8") as f:
        crd = yaml.safe_load(f)
    for v in crd["spec"]["versions"]:
        if v["name"] == version:
            schema = strict(v["schema"]["openAPIV3Schema"])
            # metadata is validated by the API server, not the CRD: any object.
            schema["properties"]["metadata"] = {"type": "object"}
            return jsonschema.Draft7Validator(schema)
    raise SystemExit(f"{path}: no version {version}")


def helm(helm_bin, *args):
    return subprocess.run([helm_bin, *args], capture_output=True, text=True)


def render(helm_bin, chart, name, values):
    r = helm(helm_bin, "template", "nf", chart, "--kube-version", KUBE_VERSION, *values)
    if r.returncode != 0:
        fail(f"helm template ({name}): {r.stderr.strip()}")
        return []
    return [d for d in yaml.safe_load_all(r.stdout) if d]


def seconds(duration):
    m = re.fullmatch(r"(\d+)(ms|s|m)?", str(duration))
    n, unit = int(m.group(1)), m.group(2) or "ms"
    return {"ms": n / 1000, "s": n, "m": n * 60}[unit]


def check_objects(docs, name, binary, work_dir, crds, values):
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
        what = f"{name}: {d['kind']} {d['metadata'].get('name')}"
        if d["kind"] in crds:
            errors = sorted(crds[d["kind"]].iter_errors(d), key=lambda e: list(e.absolute_path))
            for e in errors[:5]:
                fail(f"{what}: {'/'.join(map(str, e.absolute_path))}: {e.message} (CRD schema)")
        else:
            try:
                kubernetes_validate.validate(d, KUBE_VERSION, strict=True)
            except kubernetes_validate.ValidationError as e:
                fail(f"{what}: {e.message} at {'/'.join(map(str, e.path))}")
            except kubernetes_validate.SchemaNotFoundError as e:
                fail(f"{what}: no schema ({e})")
        labels = d["metadata"].get("labels", {})
        for label in LABELS:
            if label not in labels:
                fail(f"{what}: no {label} label")

    deployments = by_kind.get("Deployment", [])
    if len(deployments) != 1:
        fail(f"{name}: {len(deployments)} Deployments")
        return by_kind
    dep = deployments[0]
    pod = dep["spec"]["template"]
    container = pod["spec"]["containers"][0]
    selector = dep["spec"]["selector"]["matchLabels"]
    if not all(pod["metadata"]["labels"].get(k) == v for k, v in selector.items()):
        fail(f"{name}: the Deployment's selector {selector} does not match its pods")

    config_maps = by_kind.get("ConfigMap", [])
    config_path = os.path.join(work_dir, f"{name}-newsflow.yaml")
    with open(config_path, "w", encoding="utf-8") as f:
        f.write(config_maps[0]["data"]["newsflow.yaml"] if config_maps else "")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
    r = subprocess.run([binary, "config", "-c", config_path], capture_output=True, text=True, env=env)
    if r.returncode != 0:
        fail(f"{name}: newsflow config refuses the ConfigMap's newsflow.yaml: {r.stderr.strip()}")
        return by_kind
    settings = dict(line.split(" = ", 1) for line in r.stdout.splitlines() if " = " in line)
    port = int(settings["metrics.address"].rsplit(":", 1)[1])
    ports = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
    if ports.get("metrics") != port:
        fail(f"{name}: containerPort metrics {ports.get('metrics')} is not metrics.address's port {port}")
    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
        got = container.get(probe, {}).get("httpGet", {})
        if got.get("path") != path or got.get("port") not in ("metrics", port):
            fail(f"{name}: {probe} is {got}, expected GET {path} on the metrics port")
    grace = pod["spec"].get("terminationGracePeriodSeconds", 30)
    shutdown = seconds(settings["run.shutdown_timeout"])
    if grace != shutdown + 15:
        fail(f"{name}: terminationGracePeriodSeconds {grace} is not run.shutdown_timeout ({shutdown:g}s) + 15")
    cpu = str(container["resources"]["requests"]["cpu"])
    if settings["run.workers"] != cpu:
        fail(f"{name}: run.workers {settings['run.workers']} is not the CPU request {cpu}")
    env_names = {e["name"]: e for e in container.get("env", [])}
    sasl = values.get("kafka.saslPasswordSecret")
    if sasl:
        ref = env_names.get("NEWSFLOW_KAFKA_SASL_PASSWORD", {}).get("valueFrom", {}).get("secretKeyRef", {})
        if ref.get("name") != sasl or ref.get("key") != "sasl-password":
            fail(f"{name}: NEWSFLOW_KAFKA_SASL_PASSWORD does not come from Secret {sasl}: {ref}")
    elif "NEWSFLOW_KAFKA_SASL_PASSWORD" in env_names:
        fail(f"{name}: a SASL Secret reference without kafka.saslPasswordSecret")

    for kind in ("Service", "PodDisruptionBudget", "PodMonitor"):
        for obj in by_kind.get(kind, []):
            sel = obj["spec"]["selector"]
            sel = sel.get("matchLabels", sel)
            if sel != selector:
                fail(f"{name}: {kind} selector {sel} is not the Deployment's {selector}")
    for svc in by_kind.get("Service", []):
        if svc["spec"]["ports"][0]["port"] != port:
            fail(f"{name}: Service port {svc['spec']['ports'][0]['port']} is not {port}")

    scaled = by_kind.get("ScaledObject", [])
    if values.get("keda.enabled") == "true":
        if len(scaled) != 1:
            fail(f"{name}: keda.enabled but {len(scaled)} ScaledObjects")
        else:
            so = scaled[0]["spec"]
            trigger = so["triggers"][0]
            meta = trigger["metadata"]
            if so["scaleTargetRef"]["name"] != dep["metadata"]["name"]:
                fail(f"{name}: the ScaledObject targets {so['scaleTargetRef']['name']}")
            if trigger["type"] != "kafka":
                fail(f"{name}: trigger type {trigger['type']}")
            expected = {"consumerGroup": settings["kafka.group_id"], "topic": settings["input.topic"],
                        "bootstrapServers": settings["kafka.brokers"]}
            for k, v in expected.items():
                if meta.get(k) != v:
                    fail(f"{name}: ScaledObject {k} is {meta.get(k)!r}, the config says {v!r}")
            if int(so["maxReplicaCount"]) * int(settings["run.workers"]) > int(values.get("input.partitions", 12)):
                fail(f"{name}: maxReplicaCount x workers exceeds the partitions")
        if "replicas" in dep["spec"]:
            fail(f"{name}: the Deployment fixes replicas although KEDA scales it")
    elif scaled:
        fail(f"{name}: a ScaledObject without keda.enabled")
    return by_kind


def main():
    binary, source_dir, work_dir = sys.argv[1:4]
    os.makedirs(work_dir, exist_ok=True)
    chart = os.path.join(source_dir, "deploy", "helm", "newsflow")
    helm_bin = helm_binary()
    keda = module_dir(KEDA_MODULE)
    operator = module_dir(PROMETHEUS_OPERATOR_MODULE)
    crds = {"ScaledObject": crd_validator(os.path.join(keda, "config/crd/bases/keda.sh_scaledobjects.yaml"), "v1alpha1"),
            "PodMonitor": crd_validator(os.path.join(
                operator, "example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml"), "v1")}

    full = {"keda.enabled": "true", "kafka.saslPasswordSecret": "newsflow-kafka", "input.partitions": "12",
            "keda.maxReplicaCount": "6", "config.run.workers": "2", "resources.requests.cpu": "2",
            "config.run.shutdown_timeout": "45s", "config.metrics.address": "0.0.0.0:9500",
            "keda.authenticationRef": "kafka-sasl"}
    cases = {"defaults": {}, "keda-sasl": full}
    for name, values in cases.items():
        flags = [a for k, v in values.items() for a in ("--set-string" if k.endswith("cpu") else "--set", f"{k}={v}")]
        r = helm(helm_bin, "lint", "--strict", chart, "--kube-version", KUBE_VERSION, *flags)
        if r.returncode != 0:
            fail(f"helm lint --strict ({name}): {r.stdout.strip()} {r.stderr.strip()}")
        docs = render(helm_bin, chart, name, flags)
        by_kind = check_objects(docs, name, binary, work_dir, crds, values)
        print(f"{name}: {len(docs)} objects ({', '.join(sorted(by_kind))}) valid")

    # The plain manifests of deploy/kubernetes/ (kustomize) against the same schemas.
    k8s = os.path.join(source_dir, "deploy", "kubernetes")
    checked = 0
    for name in sorted(os.listdir(k8s)):
        if not name.endswith(".yaml") or name == "kustomization.yaml":
            continue
        with open(os.path.join(k8s, name), encoding="utf-8") as f:
            for d in yaml.safe_load_all(f):
                if not d:
                    continue
                checked += 1
                if d["kind"] in crds:
                    for e in list(crds[d["kind"]].iter_errors(d))[:5]:
                        fail(f"kubernetes/{name}: {'/'.join(map(str, e.absolute_path))}: {e.message} (CRD schema)")
                    continue
                try:
                    kubernetes_validate.validate(d, KUBE_VERSION, strict=True)
                except kubernetes_validate.ValidationError as e:
                    fail(f"kubernetes/{name}: {e.message} at {'/'.join(map(str, e.path))}")
    print(f"deploy/kubernetes: {checked} objects valid")

    # Refusals: settings that would leave group members without partitions.
    for name, flags, reason in [
            ("too many replicas", ["--set", "keda.enabled=true", "--set", "keda.maxReplicaCount=7",
                                   "--set", "config.run.workers=2", "--set", "input.partitions=12"], "exceeds input.partitions"),
            ("workers 0", ["--set", "config.run.workers=0"], "config.run.workers must be at least 1")]:
        r = helm(helm_bin, "template", "nf", chart, "--kube-version", KUBE_VERSION, *flags)
        if r.returncode == 0 or reason not in r.stderr:
            fail(f"helm template ({name}) should refuse with '{reason}': exit {r.returncode}, {r.stderr.strip()}")
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("helm chart: lint clean, renders valid objects for Kubernetes, KEDA and the Prometheus Operator")
    return 0


if __name__ == "__main__":
    sys.exit(main())
