#!/usr/bin/python3
"""Exactly-once under hard kills, in the style of Kafka's own transactions
system test: a seeded input topic (articles, syndicated copies, bad records)
on 4 partitions, two instances of the stage killed with SIGKILL at random
moments and restarted, then a separate read_committed verifier:

  - every good input id is on the output, or on the duplicates topic, exactly
    once (the stage routes duplicates, so each id has exactly one decision);
  - every bad record is on the dead-letter topic exactly once;
  - nothing else is anywhere;
  - within each output partition, records of one input partition keep their
    input order;
  - no article is marked a duplicate of itself (a retried batch finding its
    own fingerprints is the bug an aborted transaction must not leave behind).

Under at_least_once the same run must show duplicates (the verifier can see
them) and the report says how many.

    chaos.py --newsflow BIN --source-dir DIR --broker-state DIR --work-dir DIR
             [--guarantee exactly_once|at_least_once] [--kills 10] [--articles 20000] [--seed 7]
"""

import argparse
import json
import os
import random
import signal
import sys
import time
from collections import Counter

from nfkafka import (BackgroundProducer, Broker, Context, Produced, TestFailure, article_bytes, check, log,
                     make_articles, read_topic, syndicated_copy, wait_for)


BAD = [b'{"id": "cut', b"not json at all", b'["an", "array"]', b'{"id": "x", "title": "no body"}',
       b'{"id": "y", "body": "caf\xe9", "title": "latin-1"}', b'{"id": "z", "body": 42, "title": "t"}']


def build_input(n_articles, seed, prefix):
    rng = random.Random(seed)
    originals = make_articles(n_articles, seed, prefix)
    placed, good_ids, bad_keys = [], [], []  # (position, tie-break, record)
    for i, a in enumerate(originals):
        placed.append((i, 0, Produced(a["id"].encode(), article_bytes(a), [])))
        good_ids.append(a["id"])
        if i % 40 == 7:  # every 40th story is syndicated twice, up to a few hundred records later
            for n in (1, 2):
                c = syndicated_copy(a, n, rng)
                placed.append((i + rng.randint(1, 300), n, Produced(c["id"].encode(), article_bytes(c), [])))
                good_ids.append(c["id"])
        if i % 97 == 13:
            key = f"{prefix}-bad-{len(bad_keys)}"
            placed.append((i, 3, Produced(key.encode(), BAD[len(bad_keys) % len(BAD)], [])))
            bad_keys.append(key)
    placed.sort(key=lambda p: (p[0], p[1]))
    return [r for _, _, r in placed], good_ids, bad_keys


def verify(broker, topics, good_ids, bad_keys, input_order):
    """Reads everything back read_committed; returns (problems, report)."""
    everything = set(good_ids) | set(bad_keys)

    def covered(records_by_topic):
        seen = set()
        for recs in records_by_topic:
            seen |= {r.key.decode(errors="replace") for r in recs}
        return everything <= seen

    # Read until every id and bad key has arrived somewhere, then to the end.
    deadline = time.time() + 240
    while True:
        out = read_topic(broker.bootstrap, topics.output, lambda r: True, timeout=60)
        dup = read_topic(broker.bootstrap, topics.duplicates, lambda r: True, timeout=60)
        dlq = read_topic(broker.bootstrap, topics.dlq, lambda r: True, timeout=60)
        if covered([out, dup, dlq]) or time.time() > deadline:
            break
        time.sleep(2)

    problems = []
    decided = Counter(r.key.decode(errors="replace") for r in out + dup)
    dead = Counter(r.key.decode(errors="replace") for r in dlq)
    missing = [i for i in good_ids if decided[i] == 0]
    twice = {k: v for k, v in decided.items() if v > 1}
    dead_missing = [k for k in bad_keys if dead[k] == 0]
    dead_twice = {k: v for k, v in dead.items() if v > 1}
    strangers = (set(decided) - set(good_ids)) | (set(dead) - set(bad_keys))
    if missing:
        problems.append(f"{len(missing)} good ids never decided, e.g. {missing[:3]}")
    if dead_missing:
        problems.append(f"{len(dead_missing)} bad records missing from the dead-letter topic, e.g. {dead_missing[:3]}")
    if strangers:
        problems.append(f"{len(strangers)} records nobody produced, e.g. {sorted(strangers)[:3]}")

    self_dups = []
    order_breaks = 0
    last = {}  # (output topic, output partition, input partition) -> input offset
    first_seen = set()
    for tag, r in [("output", r) for r in out] + [("duplicates", r) for r in dup]:
        doc = r.json()
        # A repeat (at-least-once) comes again with an older offset; order
        # is about each record's first appearance.
        if doc.get("id") in first_seen:
            continue
        first_seen.add(doc.get("id"))
        d = doc.get("dedup") or {}
        if d.get("duplicate_of") and d.get("duplicate_of") == doc.get("id"):
            self_dups.append(doc.get("id"))
        origin = doc.get("origin") or {}
        key = (tag, r.partition, origin.get("partition"))
        if key in last and origin.get("offset", -1) <= last[key]:
            order_breaks += 1
        last[key] = origin.get("offset", -1)
    if self_dups:
        problems.append(f"{len(self_dups)} articles marked duplicates of themselves, e.g. {self_dups[:3]}")
    if order_breaks:
        problems.append(f"{order_breaks} records out of input order within an output partition")
    report = {"good_ids": len(good_ids), "bad_records": len(bad_keys), "output": len(out), "duplicates_topic": len(dup),
              "dead_letters": len(dlq), "ids_twice": len(twice), "extra_records": sum(v - 1 for v in twice.values()),
              "dead_letters_twice": len(dead_twice), "missing": len(missing), "self_duplicates": len(self_dups),
              "order_breaks": order_breaks}
    return problems, report, twice, dead_twice


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--newsflow", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--broker-state", required=True)
    ap.add_argument("--work-dir", required=True)
    ap.add_argument("--guarantee", default="exactly_once", choices=["exactly_once", "at_least_once"])
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rate", type=int, default=0, help="input records/s while killing (default: fit the kills)")
    args = ap.parse_args()
    os.makedirs(args.work_dir, exist_ok=True)
    ctx = Context(os.path.abspath(args.newsflow), os.path.abspath(args.source_dir), os.path.abspath(args.work_dir),
                  os.path.abspath(args.broker_state))
    rng = random.Random(args.seed)
    started = time.time()
    try:
        ctx.broker = broker = Broker(args.broker_state)
        topics = broker.stage_topics(f"chaos-{args.guarantee[:3]}", input_partitions=4, output_partitions=4)
        records, good_ids, bad_keys = build_input(args.articles, args.seed, topics.base)
        log(f"chaos: {len(records)} input records ({len(good_ids)} articles incl. syndicated copies, "
            f"{len(bad_keys)} bad), {args.kills} kills, {args.guarantee}")
        extra = ["--set", f"processing.guarantee={args.guarantee}", "--set", "dedup.on_duplicate=route",
                 "--set", "run.workers=1", "--set", "log.level=info",
                 # A killed member is noticed in seconds, not 45 s.
                 "--set", "kafka.consumer.session.timeout.ms=6000",
                 "--set", "kafka.consumer.heartbeat.interval.ms=1000"]
        # A third of the input waits before the first start; the rest arrives
        # while the stage is being killed, spread over the kill schedule.
        backlog = len(records) // 3
        from nfkafka import produce
        produce(broker.bootstrap, topics.input, records[:backlog])
        instances = {name: None for name in ("a", "b")}
        generation = Counter()

        def start(name):
            generation[name] += 1
            nf = ctx.stage(topics, f"chaos-{name}-{generation[name]}", extra, instance=f"chaos-{name}")
            instances[name] = nf.start(ready_timeout=90)

        for name in instances:
            start(name)
        # A kill and the restart that follows take about 8 s (group join included).
        kill_window = max(20.0, args.kills * 8.0)
        rate = args.rate or max(50, int((len(records) - backlog) / kill_window))
        producer = BackgroundProducer(broker.bootstrap, topics.input, records[backlog:], rate)
        producer.start()
        for k in range(args.kills):
            time.sleep(rng.uniform(1.0, 5.0))
            name = rng.choice(sorted(instances))
            nf = instances[name]
            check(nf.running(), f"{nf.name} died on its own\n" + nf.log_tail())
            # A kill is only a test while the victim works: on a loaded machine
            # a restarted instance can still be joining the group seconds later.
            wait_for(lambda: (nf.metric("newsflow_records_produced_total") or 0) > 0, 90,
                     f"{nf.name} producing records before kill {k + 1}")
            nf.proc.send_signal(signal.SIGKILL)
            nf.proc.wait(30)
            log(f"chaos: kill {k + 1}/{args.kills}: {nf.name} (SIGKILL), {producer.sent} records produced so far")
            start(name)
        producer.join(600)
        check(producer.error is None, f"input producer failed: {producer.error}")
        problems, report, twice, dead_twice = verify(broker, topics, good_ids, bad_keys, None)
        for nf in instances.values():
            rc = nf.stop(signal.SIGTERM, timeout=90)
            if rc != 0:
                problems.append(f"{nf.name} exited with {rc} on SIGTERM")
        report.update(guarantee=args.guarantee, kills=args.kills, seconds=round(time.time() - started, 1))
        with open(os.path.join(args.work_dir, f"chaos-{args.guarantee}.json"), "w") as f:
            json.dump(report, f, indent=1)
        log(f"chaos: RESULT {json.dumps(report)}")
        if args.guarantee == "exactly_once":
            if twice:
                problems.append(f"{len(twice)} ids decided more than once, e.g. {sorted(twice.items())[:3]}")
            if dead_twice:
                problems.append(f"{len(dead_twice)} bad records dead-lettered more than once")
        elif not twice and not dead_twice:
            problems.append(f"at_least_once after {args.kills} kills showed no duplicate at all: either the kills "
                            "missed every open batch or the verifier cannot see duplicates")
        check(not problems, "; ".join(problems))
    except Exception as e:
        print(f"FAIL chaos: {e if isinstance(e, TestFailure) else repr(e)}", flush=True)
        for nf in ctx.instances[-4:]:
            print(nf.log_tail(), flush=True)
        sys.exit(1)
    finally:
        for nf in ctx.instances:
            nf.kill_if_running()
    print(f"PASS chaos ({args.guarantee}, {args.kills} kills) in {time.time() - started:.1f}s", flush=True)


if __name__ == "__main__":
    main()
