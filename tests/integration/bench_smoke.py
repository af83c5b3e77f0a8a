#!/usr/bin/python3
"""scripts/bench-e2e as a smoke test: a few hundred articles, one round of
each kind of mode (the pass-through, the full stage exactly-once, the
Python peer) and one short paced latency run, on the shared broker. It
checks that every figure the README's speed section quotes is in the JSON
and that the plot was drawn, not how fast anything is: benchmarks are not
timed tests."""
import json
import os
import subprocess
import sys

from nfkafka import TestFailure, main


def bench_e2e(ctx):
    result_path = os.path.join(ctx.work_dir, "bench-e2e.json")
    plot_path = os.path.join(ctx.work_dir, "plot", "bench-e2e.png")  # a folder that does not exist yet
    for stale in (result_path, plot_path):
        if os.path.exists(stale):
            os.remove(stale)

    modes = ["passthrough", "full-eos", "peer"]
    run = subprocess.run([os.path.join(ctx.source_dir, "scripts", "bench-e2e"), "--articles", "400", "--rounds", "1",
                          "--latency-seconds", "3", "--latency-rate", "100", "--modes", ",".join(modes),
                          "--newsflow", ctx.newsflow, "--json", result_path, "--plot", plot_path],
                         env=dict(os.environ, KAFKA_STATE_DIR=ctx.broker_state), capture_output=True, text=True,
                         timeout=1200)
    sys.stdout.write(run.stdout[-6000:])
    sys.stderr.write(run.stderr[-6000:])
    failures = []
    if run.returncode != 0:
        failures.append(f"bench-e2e exited {run.returncode}")
    else:
        result = json.load(open(result_path))
        summary = result["summary"]
        for mode in modes:
            m = summary.get(mode)
            if m is None:
                failures.append(f"{mode}: no summary")
                continue
            for key in ("records_per_s", "mb_per_s", "cpu_s_per_1000", "peak_rss_mb"):
                if not m.get(key, 0) > 0:
                    failures.append(f"{mode}: {key} = {m.get(key)!r}")
            latency = m.get("latency_ms") or {}
            for key in ("p50", "p99", "p99.9"):
                if not latency.get(key, -1) >= 0:
                    failures.append(f"{mode}: latency {key} = {latency.get(key)!r}")
        for ratio in ("full-eos_over_passthrough", "full-eos_articles_per_cpu_s_over_peer"):
            if not result["ratios"].get(ratio, 0) > 0:
                failures.append(f"ratio {ratio} = {result['ratios'].get(ratio)!r}")
        for r in result["runs"]:
            # Every article of the throughput run went through dedup once: unique, duplicate or near-duplicate.
            if r["mode"] == "full-eos" and sum((r.get("dedup") or {}).values()) != 400:
                failures.append(f"full-eos dedup outcomes {r.get('dedup')} do not add up to the 400 articles")
        with open(plot_path, "rb") as f:
            if f.read(8) != b"\x89PNG\r\n\x1a\n":
                failures.append(f"{plot_path} is not a PNG")
    if failures:
        raise TestFailure("; ".join(failures))


if __name__ == "__main__":
    main({"bench_e2e": bench_e2e})
