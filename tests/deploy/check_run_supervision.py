#!/usr/bin/env python3
"""`newsflow run` as the supervisors in deploy/ expect it to behave.

Against the broker of `newsflow demo --keep-running` (librdkafka's mock
cluster, loaded with the samples), with deploy/newsflow.yaml:
- logs `newsflow run: ready` once assigned (the systemd README tells operators
  to look for it);
- the Dockerfile's HEALTHCHECK command, run as written (port swapped for the
  test's), succeeds while the stage runs;
- SIGTERM ends it with exit 0 and `stopped (clean)` well inside
  run.shutdown_timeout, which terminationGracePeriodSeconds and
  TimeoutStopSec are sized from.

Usage: check_run_supervision.py NEWSFLOW_BINARY SOURCE_DIR WORK_DIR
"""
import json
import os
import re
import signal
import subprocess
import sys
import time

SHUTDOWN_TIMEOUT_S = 30  # run.shutdown_timeout in deploy/newsflow.yaml (checked by deploy_config_files)


def wait_for(path, pattern, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(path, "rb") as f:
            m = re.search(pattern, f.read())
        if m:
            return m
        time.sleep(0.1)
    return None


def healthcheck_command(dockerfile):
    """The exec-form CMD of the HEALTHCHECK instruction (continuation lines joined)."""
    instruction, lines = None, iter(dockerfile.splitlines())
    for line in lines:
        if line.startswith("HEALTHCHECK "):
            instruction = line
            while instruction.endswith("\\"):
                instruction = instruction[:-1] + next(lines, "")
            break
    m = re.search(r"\bCMD\s+(\[.*\])\s*$", instruction or "")
    return json.loads(m.group(1)) if m else None


def stop(proc, sig):
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main():
    binary, source_dir, work_dir = sys.argv[1:4]
    os.makedirs(work_dir, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
    samples = os.path.join(source_dir, "samples")
    failures = []
    demo_out = os.path.join(work_dir, "demo.out")
    run_log = os.path.join(work_dir, "run.log")
    with open(demo_out, "wb") as out, open(os.path.join(work_dir, "demo.err"), "wb") as err:
        demo = subprocess.Popen([binary, "demo", "--keep-running", "--set", "metrics.address=127.0.0.1:0",
                                 "--set", "run.workers=1",
                                 "--articles", os.path.join(samples, "articles.ndjson"),
                                 "--bad-articles", os.path.join(samples, "bad-articles.ndjson")],
                                stdout=out, stderr=err, env=env)
    run = None
    try:
        broker = wait_for(demo_out, rb"broker at (\S+)", 30)
        if not broker or not wait_for(demo_out, rb"until Ctrl-C", 90):
            print("FAIL: newsflow demo did not come up")
            return 1
        with open(run_log, "wb") as log:
            run = subprocess.Popen([binary, "run", "-c", os.path.join(source_dir, "deploy", "newsflow.yaml"),
                                    "--brokers", broker.group(1).decode(), "--group", "supervision-test",
                                    "--input-topic", "demo.articles.raw", "--output-topic", "supervision.out",
                                    "--metrics-address", "127.0.0.1:0", "--workers", "1"],
                                   stderr=log, stdout=log, env=env)
        port = wait_for(run_log, rb"metrics at http://127\.0\.0\.1:(\d+)/metrics", 30)
        if not wait_for(run_log, rb"newsflow run: ready", 60) or not port:
            failures.append("no 'newsflow run: ready' (or no metrics address) within 60 s")
        else:
            with open(os.path.join(source_dir, "deploy", "Dockerfile"), encoding="utf-8") as f:
                command = healthcheck_command(f.read())
            if not command:
                failures.append("Dockerfile: no HEALTHCHECK ... CMD [...] found")
            else:
                command = [c.replace("/9464", "/" + port.group(1).decode()) for c in command]
                health = subprocess.run(command, capture_output=True, timeout=10)
                if health.returncode != 0:
                    failures.append(f"HEALTHCHECK command failed on a running stage: {health.stderr!r}")
        started = time.monotonic()
        run.send_signal(signal.SIGTERM)
        try:
            code = run.wait(timeout=SHUTDOWN_TIMEOUT_S + 15)
        except subprocess.TimeoutExpired:
            code = None
        took = time.monotonic() - started
        if code != 0:
            failures.append(f"SIGTERM: exit {code}, expected 0")
        if took >= SHUTDOWN_TIMEOUT_S:
            failures.append(f"SIGTERM: took {took:.1f}s, run.shutdown_timeout is {SHUTDOWN_TIMEOUT_S}s")
        if not wait_for(run_log, rb"newsflow run: stopped \(clean\)", 1):
            failures.append("no 'newsflow run: stopped (clean)' log line")
        if not failures:
            print(f"newsflow run: ready, HEALTHCHECK ok, SIGTERM -> exit {code} in {took:.1f}s")
    finally:
        if run:
            stop(run, signal.SIGKILL)
        stop(demo, signal.SIGINT)
    for f in failures:
        print("FAIL:", f)
        with open(run_log, "rb") as log:
            print(log.read().decode(errors="replace")[-3000:])
        break
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
