#!/usr/bin/python3
"""newsflow run against a real Apache Kafka broker, one scenario per ctest test.

    scenarios.py NAME --newsflow BIN --source-dir DIR --broker-state DIR --work-dir DIR
"""

import json
import os
import signal
import time
import zlib

from nfkafka import (TRACEPARENT, OutputSchema, Schema, Produced, BackgroundProducer, article_bytes, check, has_all_ids,
                     ids_of, kcat_produce, log, main, make_articles, produce, read_topic, routing_set, wait_for)
from nfrouting import Destinations, check_destinations, dedup_fields, run_process, state_summary


def commit_failed(nf):
    """Did this instance log a failed offset commit (records then replay)?"""
    return "offset commit failed" in nf.log()


def check_output_record(record, schema, input_headers):
    key = record.key.decode(errors="replace") if record.key else None
    check(key, f"output record at {record.partition}/{record.offset} has no key")
    errors = schema.errors(record.value)
    check(not errors, f"output record {key} does not validate against {schema.path}: {errors[:5]}")
    doc = record.json()
    check(doc.get("id") == key, f"output key {key!r} is not the record's id {doc.get('id')!r}")
    check(record.header("content-type") == b"application/json",
          f"output record {key}: content-type header is {record.header('content-type')!r}")
    check(record.header("newsflow.dedup.status") is not None,
          f"output record {key}: no newsflow.dedup.status header (headers: {sorted(record.headers)})")
    for name, value in input_headers:
        if name.startswith("ce_"):
            continue  # the output is a new event: its own ce_* attributes (below), not the input's
        check(record.header(name) == value.encode(),
              f"output record {key}: input header {name} not carried over (got {record.header(name)!r})")
    # CloudEvents on by default (the ops scenario checks them with the SDK).
    check(record.header("ce_specversion") == b"1.0", f"output record {key}: ce_specversion {record.header('ce_specversion')!r}")
    check(record.header("ce_type") == b"news.article.enriched", f"output record {key}: ce_type {record.header('ce_type')!r}")
    check(len(record.headers.get("ce_id", [])) == 1, f"output record {key}: ce_id {record.headers.get('ce_id')!r}")


def end_to_end(ctx):
    """kcat produces raw articles (half before the stage starts, half while it
    runs); a Python client reads the output: one record per article, keyed by
    id, headers present, every value valid against schemas/output.schema.json."""
    broker = ctx.broker
    topics = broker.stage_topics("e2e", input_partitions=3, output_partitions=3)
    schema = OutputSchema(ctx.source_dir)
    articles = make_articles(160, seed=11, id_prefix=topics.base)
    input_schema = Schema(ctx.source_dir, "input.schema.json")
    for a in articles:  # the generator's articles are what the stage promises to accept
        errors = input_schema.errors_in(a)
        check(not errors, f"test bug: generated article {a['id']} is not valid input: {errors[:3]}")
    headers = [("traceparent", TRACEPARENT), ("ce_id", "evt-1"), ("ce_source", "/newsflow/integration"),
               ("ce_type", "news.article.raw"), ("ce_specversion", "1.0")]
    kcat_produce(broker.bootstrap, topics.input, articles[:80], headers)
    nf = ctx.stage(topics, "e2e").start()
    kcat_produce(broker.bootstrap, topics.input, articles[80:], headers)

    ids = [a["id"] for a in articles]
    out = read_topic(broker.bootstrap, topics.output, has_all_ids(ids), timeout=120, what="every id on the output")
    counts = ids_of(out)
    check(set(counts) == set(ids), f"output has ids that were never produced: {sorted(set(counts) - set(ids))[:5]}")
    repeated = {k: v for k, v in counts.items() if v > 1}
    # A clean run repeats nothing, unless a commit failed (a rebalance between
    # the stage's two workers joining), which at-least-once allows.
    check(not repeated or commit_failed(nf),
          f"ids on the output more than once with no failed commit: {sorted(repeated.items())[:5]}")
    if repeated:
        log(f"e2e: {len(repeated)} ids repeated after a failed commit (at-least-once)")
    for record in out:
        check_output_record(record, schema, headers)
    by_id = {r.key.decode(): r.json() for r in out}
    for a in articles:
        check(by_id[a["id"]].get("url") == a["url"] or by_id[a["id"]].get("canonical_url"),
              f"output record {a['id']} lost its url")
    log(f"e2e: {len(out)} output records for {len(ids)} articles, all valid against {schema.path}")

    dlq_end = sum(broker.end_offsets(topics.dlq, 1).values())
    check(dlq_end == 0, f"{dlq_end} good articles went to the dead-letter topic")

    consumed = wait_for(lambda: (nf.metric("newsflow_records_consumed_total") or 0) >= len(ids) and
                        nf.metric("newsflow_records_consumed_total"), 30, "newsflow_records_consumed_total")
    produced = nf.metric("newsflow_records_produced_total", {"kind": "output"})
    check(nf.metric("newsflow_up") == 1, "newsflow_up is not 1 while running")
    check(produced is not None and produced >= len(ids), f"newsflow_records_produced_total{{kind=output}} = {produced}")
    log(f"e2e: metrics consumed={consumed:.0f} produced(output)={produced:.0f}")

    rc = nf.stop(signal.SIGTERM)
    check(rc == 0, f"newsflow run exited with {rc} on SIGTERM, expected 0")
    committed = broker.committed(topics.group, topics.input, 3)
    ends = broker.end_offsets(topics.input, 3)
    check(committed == ends, f"after a clean stop the committed offsets {committed} are not the end offsets {ends}")


def _restart(ctx, sig, name, backlog=1500, streamed=1500, rate=300):
    """Stops the stage with sig while it is busy (working through a backlog,
    with more articles still arriving), starts it again and checks that
    every input id reaches the output; reports how many were duplicated."""
    broker = ctx.broker
    topics = broker.stage_topics(name, input_partitions=4, output_partitions=4)
    total = backlog + streamed
    articles = make_articles(total, seed=zlib.crc32(name.encode()), id_prefix=topics.base)
    ids = [a["id"] for a in articles]
    # Replayed records must show up on the output to be counted: emit
    # duplicates (marked) instead of dropping them. A short session timeout
    # lets the broker notice a killed member in seconds instead of 45 s.
    extra = ["--set", "dedup.on_duplicate=emit", "--set", "kafka.consumer.session.timeout.ms=6000",
             "--set", "kafka.consumer.heartbeat.interval.ms=1000"]

    produce(broker.bootstrap, topics.input,
            [Produced(a["id"].encode(), article_bytes(a), [("traceparent", TRACEPARENT)]) for a in articles[:backlog]])
    first = ctx.stage(topics, f"{name}-1", extra, instance=name).start()
    producer = BackgroundProducer(broker.bootstrap, topics.input, articles[backlog:], per_second=rate)
    producer.start()
    # A third of the backlog on the output, or (a loaded machine: the stage
    # starts slowly) half of the stream sent with the stage consuming, so the
    # stop still comes while articles stream in. The producer's count is
    # read first: the broker and metrics queries can take a second when the
    # machine is slow, and the stream lasts only a few seconds.
    wait_for(lambda: (producer.sent >= streamed // 2 and (first.metric("newsflow_records_consumed_total") or 0) > 0)
             or sum(broker.end_offsets(topics.output, 4).values()) >= backlog // 3, 90,
             f"{backlog // 3} records on the output before the stop", interval=0.05)
    sent_at_stop = backlog + producer.sent
    check(producer.sent < streamed, "the producer finished before the stop; the stop was not mid-stream")
    rc = first.stop(sig)
    if sig == signal.SIGTERM:
        check(rc == 0, f"newsflow run exited with {rc} on SIGTERM, expected 0")
    else:
        check(rc == -signal.SIGKILL, f"expected death by SIGKILL, got {rc}")
    out_at_stop = sum(broker.end_offsets(topics.output, 4).values())
    committed = sum(max(o, 0) for o in broker.committed(topics.group, topics.input, 4).values())
    log(f"{name}: stopped with {sent_at_stop}/{total} produced, {out_at_stop} records on the output, "
        f"{committed} input offsets committed")

    second = ctx.stage(topics, f"{name}-2", extra, instance=name).start()
    producer.finish(120)
    out = read_topic(broker.bootstrap, topics.output, has_all_ids(ids), timeout=180, what="every id on the output")
    counts = ids_of(out)
    check(set(counts) <= set(ids), f"output has ids that were never produced: {sorted(set(counts) - set(ids))[:5]}")
    duplicated = sum(1 for v in counts.values() if v > 1)
    extra_records = sum(v - 1 for v in counts.values())
    log(f"{name}: RESULT {len(ids)} ids in, all {len(counts)} on the output; {duplicated} ids duplicated "
        f"({extra_records} extra records) after {signal.Signals(sig).name} mid-stream")
    with open(f"{ctx.work_dir}/{name}.result.json", "w") as f:
        json.dump({"ids": len(ids), "output_records": len(out), "duplicated_ids": duplicated,
                   "extra_records": extra_records, "stopped_after_produced": sent_at_stop,
                   "output_at_stop": out_at_stop, "committed_at_stop": committed}, f)
    # Exactly-once (the default): not one id twice, whether the stage was
    # stopped cleanly or killed mid-transaction.
    check(duplicated == 0, f"{duplicated} ids were produced twice under exactly-once after "
          f"{signal.Signals(sig).name} mid-stream")
    rc = second.stop(signal.SIGTERM)
    check(rc == 0, f"newsflow run exited with {rc} on SIGTERM, expected 0")


def restart_sigterm(ctx):
    _restart(ctx, signal.SIGTERM, "sigterm")


def restart_kill9(ctx):
    _restart(ctx, signal.SIGKILL, "kill9")


def bad_input(ctx):
    """Bad records go to the dead-letter topic with the original key, value,
    headers and timestamp plus the error headers; good records around them
    (before, between, after, and while running) reach the output."""
    broker = ctx.broker
    topics = broker.stage_topics("dlq", input_partitions=2, output_partitions=2)
    good = make_articles(120, seed=23, id_prefix=topics.base)

    def article(i, **fields):
        a = {"id": f"{topics.base}-bad-{i}", "url": f"https://news.example/bad/{i}", "title": "A bad record",
             "body": "The council approved the budget on Monday.", "published_at": "2026-09-01T10:00:00Z"}
        a.update(fields)
        return json.dumps({k: v for k, v in a.items() if v is not None}).encode()

    bad = [
        ("not_json", b'{"id": "truncated", "body": "The council appro'),
        ("not_json", b"plain text, not a JSON document"),
        ("not_json", b"nonsense that starts like null"),
        ("not_json", b"12 angry men"),
        ("not_object", b'["an", "array", "of", "strings"]'),
        ("invalid_utf8", b'{"id": "latin1", "body": "caf\xe9 au lait, served in Lyon", "title": "x"}'),
        ("missing_field", article(4, body=None)),
        ("missing_field", json.dumps({"title": "no id and no url", "body": "Some body text here."}).encode()),
        ("empty_body", article(6, body="   \n  ")),
        ("wrong_type", article(7, body=42)),
        ("wrong_type", article(8, title=["not", "a", "string"])),
        ("bad_value", article(9, published_at="yesterday afternoon")),
        ("body_too_large", article(10, body="word " * 40_000)),  # 200 KB > the 64 KiB set below
    ]
    extra = ["--set", "input.max_body_bytes=64KiB"]

    def bad_record(i, value):
        return Produced(f"bad-key-{i}".encode(), value, [("traceparent", TRACEPARENT), ("x-test-case", str(i))])

    def good_record(a):
        return Produced(a["id"].encode(), article_bytes(a), [("traceparent", TRACEPARENT)])

    # Bad records interleaved with good ones: before the stage starts...
    batch = []
    for i, a in enumerate(good[:60]):
        batch.append(good_record(a))
        if i % 6 == 3 and i // 6 < 6:
            n = i // 6
            batch.append(bad_record(n, bad[n][1]))
    produce(broker.bootstrap, topics.input, batch)
    nf = ctx.stage(topics, "dlq", extra).start()
    # ...and while it runs.
    later = []
    for i, a in enumerate(good[60:]):
        later.append(good_record(a))
        n = 6 + i // 6
        if i % 6 == 2 and n < len(bad):
            later.append(bad_record(n, bad[n][1]))
    produce(broker.bootstrap, topics.input, later)
    sent_bad = {r.key: (r, bad[int(r.key.decode().rsplit("-", 1)[1])][0]) for r in batch + later
                if r.key.startswith(b"bad-key-")}
    check(len(sent_bad) == len(bad), f"test bug: {len(sent_bad)} bad records sent, {len(bad)} defined")

    good_ids = [a["id"] for a in good]
    out = read_topic(broker.bootstrap, topics.output, has_all_ids(good_ids), timeout=120,
                     what="every good id on the output")
    check(set(ids_of(out)) == set(good_ids), f"unexpected ids on the output: {sorted(set(ids_of(out)) - set(good_ids))}")
    dlq = read_topic(broker.bootstrap, topics.dlq, lambda rs: len(rs) >= len(bad), timeout=60,
                     what=f"{len(bad)} dead letters")
    check(len(dlq) == len(bad), f"{len(dlq)} dead letters for {len(bad)} bad records")

    dlq_schema = Schema(ctx.source_dir, "dead-letter.schema.json")
    for d in dlq:
        headers = {k: v[-1].decode("utf-8", errors="replace") for k, v in d.headers.items()}
        errors = dlq_schema.errors_in(headers)
        check(not errors, f"dead letter {d.key!r}: headers do not validate against {dlq_schema.path}: {errors[:3]}")
        check(d.key in sent_bad, f"dead letter with key {d.key!r} matches no bad record (a good one?)")
        orig, expected_class = sent_bad[d.key]
        what = f"dead letter {d.key.decode()} ({expected_class})"
        check(d.value == orig.value, f"{what}: value is not the original bytes")
        check(d.timestamp == orig.timestamp, f"{what}: timestamp {d.timestamp} is not the original {orig.timestamp}")
        for name, value in orig.headers:
            check(d.header(name) == value.encode(), f"{what}: original header {name} missing or changed")
        error_class = (d.header("newsflow.error.class") or b"").decode()
        check(error_class == expected_class, f"{what}: newsflow.error.class is {error_class!r}")
        check(d.header("newsflow.error.message"), f"{what}: no newsflow.error.message")
        expected_origin = {"topic": topics.input, "partition": str(orig.partition), "offset": str(orig.offset),
                           "timestamp": str(orig.timestamp)}
        for k, v in expected_origin.items():
            got = (d.header(f"newsflow.origin.{k}") or b"").decode()
            check(got == v, f"{what}: newsflow.origin.{k} is {got!r}, expected {v!r}")
    classes = sorted(c for _, c in sent_bad.values())
    log(f"dlq: {len(good_ids)} good records on the output; {len(dlq)} dead letters with classes {classes}")

    for error_class in set(classes):
        want = classes.count(error_class)
        got = wait_for(lambda: nf.metric("newsflow_records_dead_lettered_total", {"error_class": error_class}),
                       15, f"newsflow_records_dead_lettered_total{{error_class={error_class}}}")
        check(got == want, f"newsflow_records_dead_lettered_total{{error_class={error_class}}} = {got}, expected {want}")
    rc = nf.stop(signal.SIGTERM)
    check(rc == 0, f"newsflow run exited with {rc} on SIGTERM, expected 0")


def fenced(ctx):
    """A second instance started with the first one's instance id (so the
    same transactional ids) fences the first: the fenced instance stops with
    one clear fatal line and a non-zero exit, the other carries on, and the
    output holds every id exactly once."""
    broker = ctx.broker
    topics = broker.stage_topics("fenced", input_partitions=2, output_partitions=2)
    articles = make_articles(1200, seed=53, id_prefix=topics.base)
    ids = [a["id"] for a in articles]
    extra = ["--set", "run.workers=1", "--set", "kafka.consumer.session.timeout.ms=6000",
             "--set", "kafka.consumer.heartbeat.interval.ms=1000"]
    first = ctx.stage(topics, "fenced-1", extra, instance="twin").start()
    producer = BackgroundProducer(broker.bootstrap, topics.input, articles[:600], per_second=200)
    producer.start()
    wait_for(lambda: sum(broker.end_offsets(topics.output, 2).values()) >= 200, 60, "200 records on the output")
    second = ctx.stage(topics, "fenced-2", extra, instance="twin").start()
    producer.finish(60)
    # The fenced instance learns it at its next transaction, so input must
    # still come once the twin holds the id (on a loaded machine the first
    # part can be consumed before the twin is ready).
    producer = BackgroundProducer(broker.bootstrap, topics.input, articles[600:], per_second=200)
    producer.start()
    try:
        rc = first.proc.wait(60)
    except Exception:
        check(False, "the fenced instance still runs 60 s after its transactional id was taken\n" + first.log_tail())
    text = first.log()
    check(rc != 0, f"the fenced instance exited with {rc}, expected non-zero")
    fatal = [l for l in text.splitlines() if "stopped on a fatal error" in l]
    check(len(fatal) == 1 and "fenced" in fatal[0].lower(),
          f"expected one fatal line naming the fencing, got {fatal}\n" + first.log_tail())
    log(f"fenced: first instance exited {rc}: {fatal[0][fatal[0].find('worker'):][:160]}")
    producer.finish(60)
    out = read_topic(broker.bootstrap, topics.output, has_all_ids(ids), timeout=120, what="every id on the output")
    twice = {k: v for k, v in ids_of(out).items() if v > 1}
    check(not twice, f"{len(twice)} ids twice after the fencing: {sorted(twice)[:3]}")
    check(second.stop(signal.SIGTERM) == 0, "the surviving instance did not exit 0 on SIGTERM")


def group_split(ctx):
    """Two instances in one group split the input partitions; stopping one
    moves its partitions to the other and no article is lost."""
    broker = ctx.broker
    partitions = 4
    topics = broker.stage_topics("group", input_partitions=partitions, output_partitions=partitions)
    articles = make_articles(2400, seed=31, id_prefix=topics.base)
    ids = [a["id"] for a in articles]
    # Two consumers per instance whatever the core count: with one per core on
    # a bigger machine, more members than partitions could leave an instance
    # with none. The client id tells the instances apart in the group.
    a = ctx.stage(topics, "group-a", ["-X", "client.id=group-a", "--set", "run.workers=2"]).start()
    b = ctx.stage(topics, "group-b", ["-X", "client.id=group-b", "--set", "run.workers=2"]).start()

    everything = set(range(partitions))

    def split():
        by_client = broker.partitions_by_client(topics.group)
        if not by_client or set(by_client) != {"group-a", "group-b"}:
            return None
        pa, pb = by_client["group-a"], by_client["group-b"]
        return by_client if pa and pb and not (pa & pb) and pa | pb == everything else None

    split_seen = wait_for(split, 60, "both instances holding a share of the partitions")
    log(f"group: split {({k: sorted(v) for k, v in split_seen.items()})}")

    # The first half, until both instances have consumed; then the second
    # half streams while one instance stops. (Waiting for a point inside one
    # stream missed it on a loaded machine, where the queries of the wait
    # took longer than the stream.)
    half = len(articles) // 2
    producer = BackgroundProducer(broker.bootstrap, topics.input, articles[:half], per_second=300)
    producer.start()
    wait_for(lambda: all(nf.metric("newsflow_records_consumed_total") for nf in (a, b)), 90,
             "both instances consuming while both are in the group", interval=0.1)
    producer.finish(120)
    producer = BackgroundProducer(broker.bootstrap, topics.input, articles[half:], per_second=300)
    producer.start()
    time.sleep(0.5)
    check(producer.sent < len(articles) - half, "the producer finished before the stop; the stop was not mid-stream")
    rc = a.stop(signal.SIGTERM)
    check(rc == 0, f"newsflow run exited with {rc} on SIGTERM, expected 0")

    def b_holds_all():
        by_client = broker.partitions_by_client(topics.group)
        return by_client == {"group-b": everything}

    wait_for(b_holds_all, 60, "the remaining instance taking every partition")
    log("group: the remaining instance holds every partition")
    producer.finish(120)
    out = read_topic(broker.bootstrap, topics.output, has_all_ids(ids), timeout=180, what="every id on the output")
    counts = ids_of(out)
    duplicated = sum(1 for v in counts.values() if v > 1)
    log(f"group: RESULT {len(ids)} ids in, all on the output; {duplicated} ids duplicated across the hand-over")
    # Exactly-once (the default): the revoke commits the leaving instance's
    # open transaction before its partitions move, so nothing repeats.
    check(duplicated == 0, f"{duplicated} ids twice on the read_committed output after the hand-over under "
          f"exactly-once: {sorted(k for k, v in counts.items() if v > 1)[:5]}")
    rc = b.stop(signal.SIGTERM)
    check(rc == 0, f"newsflow run exited with {rc} on SIGTERM, expected 0")


def _routing(ctx, policy):
    """dedup.on_duplicate=policy in Kafka mode on nfdata.routing_set: every
    copy dropped, routed to the duplicates topic or emitted marked, the bad
    records dead-lettered, the changelog holding every story and each copy
    count; and all of it the same as `newsflow process` gives on the same
    records (tests/property/duplicate_routing.py checks file mode alone)."""
    broker = ctx.broker
    topics = broker.stage_topics(f"routing-{policy}", input_partitions=2, output_partitions=2)
    records, expected = routing_set(topics.base)
    # A story's copies on its original's partition: they follow it there as
    # they follow it in the file (across partitions the order is not kept).
    produce(broker.bootstrap, topics.input,
            [Produced(f"rec-{n}".encode(), value, [("traceparent", TRACEPARENT)],
                      partition=0 if story is None else story % 2) for n, (value, story) in enumerate(records)])
    nf = ctx.stage(topics, f"routing-{policy}", ["--set", f"dedup.on_duplicate={policy}"]).start()
    on_output = expected["originals"] + (list(expected["copies"]) if policy == "emit" else [])
    read_topic(broker.bootstrap, topics.output, has_all_ids(on_output), timeout=120,
               what=f"the {len(on_output)} ids the output gets under {policy}")
    read_topic(broker.bootstrap, topics.dlq, lambda rs: len(rs) >= expected["bad"], timeout=60,
               what=f"{expected['bad']} dead letters")
    wait_for(lambda: (nf.metric("newsflow_records_consumed_total") or 0) >= len(records), 60,
             f"all {len(records)} records consumed")
    check(nf.stop(signal.SIGTERM) == 0, f"newsflow run exited non-zero on SIGTERM under {policy}")

    def everything(topic):  # to the end offsets, read_committed
        return read_topic(broker.bootstrap, topic, lambda rs: True, timeout=30)
    got = Destinations(output=[dedup_fields(r.value) for r in everything(topics.output)],
                       duplicates=[dedup_fields(r.value) for r in everything(topics.duplicates)],
                       dead_letters=len(everything(topics.dlq)),
                       state={r.key.decode(): r.value.decode() if r.value is not None else None
                              for r in everything(topics.changelog)})
    check_destinations(got, expected, policy, "newsflow run")
    # A state file left by an earlier run in this build tree would make every
    # story a duplicate: the comparison is with a fresh index.
    state_file = f"{ctx.work_dir}/routing-{policy}.state"
    if os.path.exists(state_file):
        os.remove(state_file)
    file_mode, _ = run_process(ctx.newsflow, ctx.work_dir, f"routing-{policy}", policy,
                               [value for value, _ in records], state=state_file)
    check_destinations(file_mode, expected, policy, "newsflow process")
    for what, kafka, file in (("output", got.output, file_mode.output), ("duplicates", got.duplicates,
                                                                         file_mode.duplicates)):
        check(sorted(kafka) == sorted(file), f"{policy}: the {what} differs between Kafka and file mode: "
              f"{sorted(set(kafka) ^ set(file))[:5]}")
    check(state_summary(got.state) == state_summary(file_mode.state),
          f"{policy}: the changelog and the --state file hold different stories or copy counts")
    log(f"routing {policy}: RESULT {len(got.output)} on the output, {len(got.duplicates)} on the duplicates topic, "
        f"{got.dead_letters} dead letters, {len(state_summary(got.state)[0])} stories and "
        f"{len(state_summary(got.state)[1])} copy counts in the changelog; the same as newsflow process")


def routing_drop(ctx):
    _routing(ctx, "drop")


def routing_route(ctx):
    _routing(ctx, "route")


def routing_emit(ctx):
    _routing(ctx, "emit")


if __name__ == "__main__":
    main({
        "end_to_end": end_to_end,
        "restart_sigterm": restart_sigterm,
        "restart_kill9": restart_kill9,
        "bad_input": bad_input,
        "group_split": group_split,
        "fenced": fenced,
        "routing_drop": routing_drop,
        "routing_route": routing_route,
        "routing_emit": routing_emit,
    })
