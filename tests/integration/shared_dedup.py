#!/usr/bin/python3
"""Dedup state shared live between the instances of one group (issue 11):

  two_instances      two instances (one worker each); originals produced to
                     the partitions one owns, their syndicated copies (new id,
                     URL and chrome, changed title) 3 s later to partitions the
                     other owns. Every copy must be caught as with one instance
                     on the same data (within one article), no original marked
                     a copy, and the other instance's entries counted in
                     newsflow_dedup_remote_entries_total with the propagation
                     delay (newsflow_dedup_propagation_seconds) reported.
  three_instances    the same with three instances, a fourth joining in the
                     middle (a rebalance while originals and copies flow).
  simultaneous       the race: original and first copy at the same moment on
                     two instances (both stored as new); once both applied
                     each other's changelog entries, a second copy must point
                     to the original on either instance (the deterministic
                     tie-break), counted in newsflow_dedup_races_total.

The first two first run one instance over the same records (the baseline catch rate).

    shared_dedup.py SCENARIO --newsflow BIN --source-dir DIR --broker-state DIR --work-dir DIR
"""

import json
import random
import re
import signal
import time
from collections import Counter

from nfkafka import (BackgroundProducer, check, has_all_ids, ids_of, log, main, make_articles, read_topic,
                     syndicated_copy, wait_for)

COPY_LAG_S = 3.0   # a copy is produced this long after its original
RATE = 40          # originals per second


def pair_schedule(pairs, original_partitions, copy_partitions, lag_s=COPY_LAG_S):
    """Originals at RATE/s to original_partitions, each one's copy lag_s later
    to copy_partitions (round robin)."""
    op, cp = sorted(original_partitions), sorted(copy_partitions)
    schedule = []
    for i, (original, copy) in enumerate(pairs):
        schedule.append((i / RATE, original, op[i % len(op)]))
        schedule.append((i / RATE + lag_s, copy, cp[i % len(cp)]))
    return schedule


def make_pairs(n, seed, prefix):
    rng = random.Random(seed)
    originals = make_articles(n, seed, prefix)
    return [(a, syndicated_copy(a, 1, rng)) for a in originals]


def decisions(broker, topics, pairs):
    """(copies caught, originals marked as copies, total) from the output
    (dedup.on_duplicate=emit: every record is there with its dedup field)."""
    ids = [a["id"] for pair in pairs for a in pair]
    out = read_topic(broker.bootstrap, topics.output, has_all_ids(ids), timeout=180, what="every id on the output")
    counts = ids_of(out)
    twice = [k for k, v in counts.items() if v > 1]
    check(not twice, f"{len(twice)} ids on the output more than once under exactly-once: {twice[:3]}")
    by_id = {}
    for r in out:
        doc = r.json()
        by_id[doc["id"]] = doc.get("dedup", {})
    caught = sum(1 for a, c in pairs if by_id[c["id"]].get("status") in ("duplicate", "near_duplicate")
                 and by_id[c["id"]].get("duplicate_of") == a["id"])
    wrong = [a["id"] for a, _ in pairs if by_id[a["id"]].get("status") != "unique"]
    return caught, wrong


def histogram_quantile(text, name, q):
    """The q-quantile of a Prometheus histogram from /metrics text (upper bucket bound)."""
    buckets = []
    for line in text.splitlines():
        m = re.match(rf'^{name}_bucket\{{.*le="([^"]+)".*\}}\s+(\S+)', line)
        if m:
            buckets.append((float("inf") if m.group(1) == "+Inf" else float(m.group(1)), float(m.group(2))))
    buckets.sort()
    if not buckets or buckets[-1][1] == 0:
        return None
    total = buckets[-1][1]
    for bound, count in buckets:
        if count >= q * total:
            return bound
    return None


def stage_args(client):
    return ["-X", f"client.id={client}", "--set", "run.workers=1", "--set", "dedup.on_duplicate=emit"]


def baseline(ctx, pairs, partitions):
    """One instance over the same records: the catch rate to match."""
    broker = ctx.broker
    topics = broker.stage_topics("share-base", input_partitions=partitions, output_partitions=partitions)
    nf = ctx.stage(topics, "share-base", stage_args("share-base")).start()
    producer = BackgroundProducer(broker.bootstrap, topics.input,
                                  schedule=pair_schedule(pairs, range(partitions // 2), range(partitions // 2, partitions)))
    producer.start()
    producer.finish(600)
    caught, wrong = decisions(broker, topics, pairs)
    check(nf.stop(signal.SIGTERM) == 0, "baseline instance did not exit 0")
    log(f"baseline (one instance): {caught}/{len(pairs)} copies caught, {len(wrong)} originals marked copies")
    check(not wrong, f"one instance marked originals as copies: {wrong[:3]}")
    return caught


def report_sharing(instances):
    rows = []
    for nf in instances:
        if not nf.running():
            continue
        text = nf.metrics()
        remote = nf.metric("newsflow_dedup_remote_entries_total") or 0
        p50 = histogram_quantile(text, "newsflow_dedup_propagation_seconds", 0.5)
        p99 = histogram_quantile(text, "newsflow_dedup_propagation_seconds", 0.99)
        rows.append({"instance": nf.name, "remote_entries": remote, "propagation_p50_le_s": p50,
                     "propagation_p99_le_s": p99})
    return rows


def owned(broker, group, clients):
    def split():
        by_client = broker.partitions_by_client(group)
        if not by_client or set(by_client) != set(clients) or not all(by_client[c] for c in clients):
            return None
        return by_client
    return wait_for(split, 90, f"{', '.join(clients)} each holding partitions")


def run_shared(ctx, scenario, pairs, partitions, clients, joiner=None):
    broker = ctx.broker
    topics = broker.stage_topics(f"share-{scenario}", input_partitions=partitions, output_partitions=partitions)
    instances = [ctx.stage(topics, c, stage_args(c)).start() for c in clients]
    split = owned(broker, topics.group, clients)
    log(f"{scenario}: split {({k: sorted(v) for k, v in split.items()})}")
    producer = BackgroundProducer(broker.bootstrap, topics.input,
                                  schedule=pair_schedule(pairs, split[clients[0]], split[clients[1]]))
    producer.start()
    if joiner:
        time.sleep(len(pairs) / RATE / 2)
        log(f"{scenario}: {joiner} joins mid-stream ({producer.sent} records sent)")
        instances.append(ctx.stage(topics, joiner, stage_args(joiner)).start())
    producer.finish(600)
    caught, wrong = decisions(broker, topics, pairs)
    sharing = report_sharing(instances)
    for nf in instances:
        check(nf.stop(signal.SIGTERM) == 0, f"{nf.name} did not exit 0 on SIGTERM")
    return caught, wrong, sharing


def scenario(name, seed, n, partitions, clients, joiner=None):
    def run(ctx):
        pairs = make_pairs(n, seed=seed, prefix=f"share-{name}")
        base = baseline(ctx, pairs, partitions)
        caught, wrong, sharing = run_shared(ctx, name, pairs, partitions, clients, joiner)
        result = {"scenario": name, "pairs": len(pairs), "baseline_caught": base, "caught": caught,
                  "originals_marked_copies": len(wrong), "sharing": sharing}
        log(f"{name}: RESULT {json.dumps(result)}")
        check(not wrong, f"originals marked as copies: {wrong[:3]}")
        check(caught >= base - 1, f"{caught}/{len(pairs)} copies caught across instances, {base} by one instance")
        check(any(s["remote_entries"] > 0 for s in sharing), "no instance applied another's changelog entries")
    return run


def applied_everything(broker, topics, instances):
    """Waits until every instance has applied every changelog entry the
    others wrote (newsflow_dedup_remote_entries_total against the committed
    changelog, counted by its newsflow_writer header): only then is a race
    resolved on both sides."""
    entries = read_topic(broker.bootstrap, topics.changelog, lambda r: True, timeout=60)
    by_writer = Counter()
    for r in entries:
        for w in r.headers.get("newsflow_writer", []):
            by_writer[w.decode(errors="replace").split("/")[0]] += 1
    check(all(by_writer[nf.name] > 0 for nf in instances),
          f"an instance wrote no changelog entry: {dict(by_writer)}")

    def done():
        return all((nf.metric("newsflow_dedup_remote_entries_total") or 0)
                   >= sum(n for w, n in by_writer.items() if w != nf.name) for nf in instances)
    wait_for(done, 120, f"each instance applying the others' changelog entries ({dict(by_writer)})")
    return by_writer


def simultaneous(ctx):
    """The race: each original and its first copy produced at the same moment
    to two instances (inside each other's propagation delay), so both are
    first copies. Once each instance has applied the other's changelog
    entries, both resolve every race the same way (the smaller (time, id)
    stays the story), so a second copy produced after that is a copy of the
    original on either instance, and newsflow_dedup_races_total counts what
    happened. A pair that did not race (one instance saw the other's copy
    first and took its own as the duplicate) keeps that story everywhere. (A fixed delay before the second copies is not enough: on a
    loaded machine one instance can trail the other by more than any delay.)"""
    broker = ctx.broker
    rng = random.Random(47)
    pairs = make_pairs(160, seed=47, prefix="share-race")
    seconds = [syndicated_copy(a, 2, rng) for a, _ in pairs]
    topics = broker.stage_topics("share-race", input_partitions=4, output_partitions=4)
    clients = ["race-a", "race-b"]
    instances = [ctx.stage(topics, c, stage_args(c)).start() for c in clients]
    split = owned(broker, topics.group, clients)
    producer = BackgroundProducer(broker.bootstrap, topics.input,
                                  schedule=pair_schedule(pairs, split[clients[0]], split[clients[1]], lag_s=0))
    producer.start()
    producer.finish(600)
    firsts = [a["id"] for pair in pairs for a in pair]
    read_topic(broker.bootstrap, topics.output, has_all_ids(firsts), timeout=180, what="every first copy on the output")
    written = applied_everything(broker, topics, instances)
    log(f"simultaneous: both instances applied each other's entries {dict(written)}; second copies now")
    everywhere = sorted(split[clients[0]] | split[clients[1]])
    producer = BackgroundProducer(broker.bootstrap, topics.input,
                                  schedule=[(i / RATE, c, everywhere[i % len(everywhere)]) for i, c in enumerate(seconds)])
    producer.start()
    producer.finish(600)
    ids = firsts + [c["id"] for c in seconds]
    out = read_topic(broker.bootstrap, topics.output, has_all_ids(ids), timeout=180, what="every id on the output")
    by_id = {r.json()["id"]: r.json().get("dedup", {}) for r in out}
    # Per pair, the story both instances must agree on: in a race (both
    # stored as new) the original, by the tie-break; otherwise whichever was
    # stored, the other being its duplicate (on a loaded machine one instance
    # can trail the other enough to see the other's copy first: no race).
    raced, story_of, undecided = 0, {}, []
    for a, c in pairs:
        da, dc = by_id[a["id"]], by_id[c["id"]]
        if da.get("status") == "unique" and dc.get("status") == "unique":
            raced += 1
            story_of[a["id"]] = a["id"]
        elif da.get("status") == "unique" and dc.get("duplicate_of") == a["id"]:
            story_of[a["id"]] = a["id"]
        elif dc.get("status") == "unique" and da.get("duplicate_of") == c["id"]:
            story_of[a["id"]] = c["id"]
        else:
            undecided.append((a["id"], da, dc))
    check(not undecided, f"{len(undecided)} pairs without one story: {undecided[:2]}")
    wrong = [(c["id"], by_id[c["id"]]) for (a, _), c in zip(pairs, seconds)
             if by_id[c["id"]].get("duplicate_of") != story_of[a["id"]]]
    races = sum(nf.metric("newsflow_dedup_races_total") or 0 for nf in instances)
    sharing = report_sharing(instances)
    for nf in instances:
        check(nf.stop(signal.SIGTERM) == 0, f"{nf.name} did not exit 0 on SIGTERM")
    result = {"scenario": "simultaneous", "pairs": len(pairs), "first_copies_both_unique": raced,
              "first_copy_seen_first": sum(1 for a, _ in pairs if story_of[a["id"]] != a["id"]),
              "races_counted": races, "second_copies_not_pointing_to_the_story": len(wrong), "sharing": sharing}
    log(f"simultaneous: RESULT {json.dumps(result)}")
    check(raced > 0, "no pair raced: the test did not produce the race it is about")
    check(races >= raced, f"{raced} pairs raced but newsflow_dedup_races_total says {races}")
    check(not wrong, f"{len(wrong)} second copies not resolved to their pair's story: {wrong[:3]}")


if __name__ == "__main__":
    main({
        "two_instances": scenario("two_instances", 41, 240, 4, ["share-a", "share-b"]),
        "simultaneous": simultaneous,
        "three_instances": scenario("three_instances", 43, 240, 6, ["share-a", "share-b", "share-c"], joiner="share-d"),
    })
