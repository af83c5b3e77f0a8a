#!/usr/bin/env python3
"""The live /metrics page of the Kafka path against the contract.

Runs `newsflow demo --keep-running` (the stage against librdkafka's mock
cluster, fed with samples/articles.ndjson and samples/bad-articles.ndjson),
scrapes its endpoint and checks:
- every metric of deploy/metrics.txt is exposed with its type and labels
  (check_metric_refs.py --exposition), nothing else under newsflow_;
- the dead-letter counters by error_class equal the classes listed in
  samples/bad-articles.expected, and consumed = all sample lines.

Usage: check_demo_metrics.py NEWSFLOW_BINARY SOURCE_DIR WORK_DIR
"""
import collections
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request


def main():
    binary, source_dir, work_dir = sys.argv[1:4]
    os.makedirs(work_dir, exist_ok=True)
    samples = os.path.join(source_dir, "samples")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
    # Port 0: other test runs on the machine may hold 9464.
    # stderr to a file: a full pipe nobody reads would block the demo.
    log = open(os.path.join(work_dir, "demo.log"), "w+b")
    # One worker: with two (the default on 2 cores) the group rebalances while
    # the first batch is in flight, and under load records are re-read.
    demo = subprocess.Popen([binary, "demo", "--keep-running", "--set", "metrics.address=127.0.0.1:0",
                             "--set", "run.workers=1",
                             "--articles", os.path.join(samples, "articles.ndjson"),
                             "--bad-articles", os.path.join(samples, "bad-articles.ndjson")],
                            stdout=subprocess.PIPE, stderr=log, env=env)
    endpoint = None
    deadline = time.monotonic() + 90
    try:
        for raw in demo.stdout:
            m = re.search(rb"metrics stay up at (\S+) until", raw)
            if m:
                endpoint = m.group(1).decode()
                break
            if time.monotonic() > deadline:
                break
        if not endpoint:
            print("FAIL: the demo did not finish with its metrics endpoint up")
            log.seek(0)
            print(log.read().decode(errors="replace")[-2000:])
            return 1
        text = urllib.request.urlopen(endpoint, timeout=10).read().decode()
    finally:
        time.sleep(0.5)  # narrows the window above
        demo.send_signal(signal.SIGINT)
        try:
            demo.wait(timeout=30)
        except subprocess.TimeoutExpired:
            demo.kill()
            demo.wait()
    path = os.path.join(work_dir, "metrics.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

    failures = 0
    # Exit 0 after Ctrl-C; a sanitizer report or crash on the way out shows
    # here. Killed by the SIGINT itself is let through: the demo prints its
    # "until Ctrl-C" line before blocking SIGINT, and its other threads never
    # block it, so a signal sent in that window takes the default action.
    if demo.returncode not in (0, -signal.SIGINT):
        log.seek(0)
        print(f"FAIL: newsflow demo exited {demo.returncode} after SIGINT")
        print(log.read().decode(errors="replace")[-4000:])
        failures += 1
    contract = subprocess.run([sys.executable, os.path.join(source_dir, "tests", "deploy", "check_metric_refs.py"),
                               source_dir, "--exposition", path])
    failures += contract.returncode != 0

    with open(os.path.join(samples, "bad-articles.expected"), encoding="utf-8") as f:
        expected = collections.Counter(line.strip() for line in f if line.strip())
    expected.pop("pass", None)
    exposed = {m.group(1): float(m.group(2)) for m in re.finditer(
        r'^newsflow_records_dead_lettered_total\{error_class="(\w+)"\} (\S+)$', text, re.M)}
    exposed = {k: int(v) for k, v in exposed.items() if v}
    with open(os.path.join(samples, "articles.ndjson"), "rb") as a, \
         open(os.path.join(samples, "bad-articles.ndjson"), "rb") as b:
        lines = sum(1 for line in a if line.strip()) + sum(1 for line in b if line.strip())
    m = re.search(r"^newsflow_records_consumed_total (\S+)$", text, re.M)
    consumed = int(float(m.group(1))) if m else 0
    # At-least-once: a rebalance before a commit re-reads records, so the
    # counts are exact only when nothing was re-read.
    redelivered = consumed > lines
    if consumed < lines:
        print(f"FAIL: consumed {consumed}, expected {lines}")
        failures += 1
    if set(exposed) != set(expected) or any(
            (exposed[c] < n) if redelivered else (exposed[c] != n) for c, n in expected.items()):
        print(f"FAIL: dead-lettered by class {exposed}, expected {dict(expected)}"
              + (f" (at least: {consumed - lines} records were re-read)" if redelivered else ""))
        failures += 1
    if failures:
        return 1
    print(f"demo /metrics: contract holds; dead letters by the expected classes; {consumed} consumed "
          f"for {lines} sample lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
