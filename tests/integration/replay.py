#!/usr/bin/python3
"""`newsflow replay` against the real broker, one scenario per ctest test.

    replay.py NAME --newsflow BIN --source-dir DIR --broker-state DIR --work-dir DIR
"""

import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import time

from nfkafka import (Produced, article_bytes, check, free_port, has_all_ids, ids_of, log, main, make_articles,
                     produce, read_topic, syndicated_copy, unique)

# An hour ago, whole seconds: inside any retention, so the broker never
# deletes the timed records while a scenario reads them.
T0 = (int(time.time()) - 3600) * 1000


def iso(ms):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms / 1000)) + f".{ms % 1000:03d}Z"


def replay(ctx, topics, *flags, timeout=240, check_rc=0, env=None, progress="log"):
    cmd = [ctx.newsflow, "replay", "--brokers", ctx.broker.bootstrap, "--input-topic", topics.input,
           "--output-topic", topics.output, "--dlq-topic", topics.dlq, "--progress", progress,
           "--set", "kafka.instance_id=replay-it", *flags]
    log("replay: " + " ".join(cmd[2:]))
    # Only the NEWSFLOW_* variables a check sets on purpose.
    run_env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
    run_env.update(env or {})
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=run_env)
    if check_rc is not None:
        check(r.returncode == check_rc, f"replay exited {r.returncode}, expected {check_rc}\n{r.stderr[-3000:]}")
    return r


def with_timestamps(ctx, topics, n, partitions):
    """n articles on `partitions` partitions, article i with CreateTime T0 + i s."""
    articles = make_articles(n, seed=61, id_prefix=topics.base)
    from confluent_kafka import Producer
    p = Producer({"bootstrap.servers": ctx.broker.bootstrap, "enable.idempotence": True})
    for i, a in enumerate(articles):
        p.produce(topics.input, key=a["id"].encode(), value=article_bytes(a), partition=i % partitions,
                  timestamp=T0 + i * 1000)
    check(p.flush(60) == 0, "producing the timed input failed")
    return articles


def time_range(ctx):
    """--from/--to as RFC 3339 times pick exactly the records whose timestamps
    fall in [from, to), per partition, boundaries included/excluded as
    specified; the live group's committed offsets are untouched."""
    broker = ctx.broker
    topics = broker.stage_topics("rp-time", input_partitions=2, output_partitions=2)
    articles = with_timestamps(ctx, topics, 200, 2)
    # A live group with committed offsets that a replay must not move.
    nf = ctx.stage(topics, "rp-live").start()
    read_topic(broker.bootstrap, topics.output, has_all_ids([a["id"] for a in articles]), timeout=120)
    check(nf.stop(signal.SIGTERM) == 0, "live stage did not stop cleanly")
    live_before = broker.committed(topics.group, topics.input, 2)

    out_topic = unique("rp-time-out")
    broker.create_topics({out_topic: 2})
    topics_out = type(topics)(topics.base)
    topics_out.output = out_topic
    # [T0 + 50 s, T0 + 120 s): articles 50..119; 50 included, 120 excluded.
    # Partition p holds articles p, p + 2, ...: offsets 25 .. 60 on both.
    window = ["--from", iso(T0 + 50_000), "--to", iso(T0 + 120_000)]
    r = replay(ctx, topics_out, *window, "--dry-run")
    for p in (0, 1):
        check(re.search(rf"partition {p}\s+offsets 25 \.\. 60\s+\(35 records\)", r.stderr),
              f"--dry-run does not print partition {p}'s offsets 25 .. 60 (35 records)\n" + r.stderr[-1500:])
    check("total 70 records" in r.stderr, "--dry-run does not print the total\n" + r.stderr[-1500:])
    time.sleep(1)
    check(sum(broker.end_offsets(out_topic, 2).values()) == 0, "--dry-run wrote to the output topic")
    # log.format from --set and from NEWSFLOW_LOG_FORMAT reaches replay; the
    # progress off a terminal (--progress auto, stderr a pipe) is plain lines.
    r = replay(ctx, topics_out, *window, "--set", "log.format=text", progress="auto",
               env={"NEWSFLOW_NO_SUCH_SETTING": "1"})
    lines = r.stderr.splitlines()
    check(not any(line.startswith("{") for line in lines), "--set log.format=text: replay still logs JSON\n"
          + r.stderr[-1500:])
    check(any(re.search(r"^\S+ info replay: 100%  70/70 records", line) for line in lines),
          "off a terminal, no plain progress line at 100 %\n" + r.stderr[-1500:])
    # The default replay group already carries the transactional id prefix.
    check(re.search(r"transactional\.id 'newsflow-replay-\d{8}T\d{6}-[0-9a-f]{8}-replay-it-0'", r.stderr),
          "the transactional id is not newsflow-replay-<time>-<hash>-<instance>-0\n" + r.stderr[-1500:])
    check(re.search(r"ignoring 1 environment variable.*NEWSFLOW_NO_SUCH_SETTING", r.stderr),
          "replay does not warn about an environment variable that names no setting\n" + r.stderr[-1500:])
    # (JSON is the default off a terminal: text shows the variable was read.)
    bad = replay(ctx, topics_out, "--from", "yesterday", env={"NEWSFLOW_LOG_FORMAT": "text"}, check_rc=2)
    check(re.search(r"^\S+ error replay: --from 'yesterday'", bad.stderr, re.M) and "{" not in bad.stderr,
          "NEWSFLOW_LOG_FORMAT=text: replay does not log text\n" + bad.stderr[-1500:])
    wanted = {a["id"] for a in articles[50:120]}
    out = read_topic(broker.bootstrap, out_topic, has_all_ids(wanted), timeout=60)
    got = ids_of(out)
    check(set(got) == wanted, f"time range: {len(set(got) - wanted)} extra, {len(wanted - set(got))} missing; "
          f"extra e.g. {sorted(set(got) - wanted)[:3]}")
    check(all(v == 1 for v in got.values()), "a record of the range came out twice")
    check("70 records in range" in r.stderr, "summary does not count the 70 records\n" + r.stderr[-1500:])
    live_after = broker.committed(topics.group, topics.input, 2)
    check(live_after == live_before, f"the live group's offsets moved: {live_before} -> {live_after}")
    log(f"time_range: 70 of 200 records replayed exactly; live group offsets unchanged {live_after}")

    # Empty, reversed, malformed and out-of-log ranges are refused with a message.
    for flags, text in [(["--from", iso(T0 + 500_000), "--to", iso(T0 + 600_000)], "holds no records"),
                        (["--from", "0:90", "--to", "0:20", "--partitions", "0"], "reversed"),
                        (["--from", iso(T0 + 100_000), "--to", iso(T0 + 60_000)], "the range is reversed: --from"),
                        (["--from", "-PT1H", "--to", "-PT2H"], "the range is reversed: --from"),
                        (["--from", "0:5000"], "outside the retained log"),
                        (["--from", "2026-13-01T00:00:00Z"], "is not a valid RFC 3339 time"),
                        (["--from", "-PT6X"], "is not a valid duration"),
                        (["--from", "yesterday"], "accepted: beginning, end, an RFC 3339 time")]:
        r = replay(ctx, topics_out, *flags, check_rc=2)
        check(text in r.stderr, f"{flags}: no clear message ('{text}')\n{r.stderr[-800:]}")

    # A topic the replay would write that does not exist is refused at once.
    missing = type(topics)(topics.base)
    missing.output = unique("rp-no-such-topic")
    r = replay(ctx, missing, *window, check_rc=2, timeout=90)
    check(f"topic '{missing.output}' does not exist: create it first" in r.stderr,
          "a missing output topic is not refused at start-up\n" + r.stderr[-800:])

    # Retention (here delete-records) moves partition 0's log start to offset
    # 30, whose record (article 60) is from T0 + 60 s.
    delete_records(ctx, topics.input, {0: 30})
    oldest = iso(T0 + 60_000)
    for flags, texts in [
            (["--from", iso(T0 + 10_000)], ["is before the retained log", "partition 0", "offset 30", oldest]),
            (["--from", iso(T0 + 10_000), "--to", iso(T0 + 40_000), "--partitions", "0"],
             ["wholly before the retained log", "partition 0", "offset 30", oldest])]:
        r = replay(ctx, topics_out, *flags, check_rc=2)
        check(all(t in r.stderr for t in texts), f"{flags}: the message lacks one of {texts}\n{r.stderr[-800:]}")
    # What is still kept replays: from the new log start, or from a later time.
    r = replay(ctx, topics_out, "--from", "beginning", "--partitions", "0", "--dry-run")
    check(re.search(r"partition 0\s+offsets 30 \.\. 100", r.stderr), "beginning is not the new log start\n" + r.stderr)
    r = replay(ctx, topics_out, "--from", iso(T0 + 80_000), "--dry-run")
    check(re.search(r"partition 0\s+offsets 40 \.\. 100", r.stderr), "a time after the log start\n" + r.stderr)
    log("time_range: empty, reversed, malformed and beyond-retention ranges refused with their messages")


def delete_records(ctx, topic, before):
    """Moves the log start of each partition to before[p], as retention or
    kafka-delete-records would (the broker's own Admin API, DeleteRecords.java)."""
    env = dict(os.environ, KAFKA_STATE_DIR=ctx.broker_state)
    libs = subprocess.run([os.path.join(ctx.source_dir, "scripts", "kafka"), "fetch"], capture_output=True, text=True,
                          env=env, timeout=600).stdout.strip().splitlines()[-1]
    java = os.path.join(os.path.dirname(os.path.abspath(__file__)), "DeleteRecords.java")
    r = subprocess.run(["java", "-Xmx128m", "-cp", os.path.join(libs, "*"), java, ctx.broker.bootstrap, topic,
                        *[f"{p}:{o}" for p, o in before.items()]], capture_output=True, text=True, timeout=120)
    check(r.returncode == 0 and "deleted" in r.stdout, f"delete-records failed\n{r.stdout}{r.stderr[-1500:]}")
    from confluent_kafka import Consumer, TopicPartition
    c = Consumer({"bootstrap.servers": ctx.broker.bootstrap, "group.id": unique("wm")})
    try:
        lows = {p: c.get_watermark_offsets(TopicPartition(topic, p), timeout=15)[0] for p in before}
    finally:
        c.close()
    check(lows == before, f"the log start did not move: {lows}, wanted {before}")


def replay_gauges(port):
    """The replay's gauges from its /metrics, {} while it is not serving."""
    import urllib.request
    try:
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2).read().decode()
    except OSError:
        return {}
    return {m.group(1): float(m.group(2))
            for m in re.finditer(r"^(newsflow_replay_records_(?:done|total))\s+(\S+)$", text, re.M)}


def interrupt_resume(ctx):
    """SIGINT half-way: the batch commits, the exact --resume command is
    printed; running it finishes the range; every record of the range is on
    the output exactly once (read_committed)."""
    broker = ctx.broker
    topics = broker.stage_topics("rp-resume", input_partitions=3, output_partitions=3)
    articles = make_articles(6000, seed=67, id_prefix=topics.base)
    produce(broker.bootstrap, topics.input, [Produced(a["id"].encode(), article_bytes(a), []) for a in articles])
    cmd = [ctx.newsflow, "replay", "--brokers", broker.bootstrap, "--input-topic", topics.input,
           "--output-topic", topics.output, "--dlq-topic", topics.dlq, "--from", "beginning", "--to", "end",
           "--progress", "log", "--set", "kafka.instance_id=replay-it", "--set", "run.workers=1",
           "--set", "log.format=text"]
    port = free_port()
    proc = subprocess.Popen([*cmd, "--metrics-address", f"127.0.0.1:{port}"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    gauges = {}
    while sum(broker.end_offsets(topics.output, 3).values()) < 1500 and time.time() < deadline:
        gauges = replay_gauges(port) or gauges
        time.sleep(0.1)
    gauges = replay_gauges(port) or gauges
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    check(proc.returncode == 4, f"interrupted replay exited {proc.returncode}, expected 4\n{err[-2000:]}")
    # The dashboard's view: done and total of the range on /metrics.
    check(gauges.get("newsflow_replay_records_total") == 6000 and 0 < gauges.get("newsflow_replay_records_done", 0) <= 6000,
          f"replay gauges on /metrics: {gauges}")
    m = re.search(r"interrupted; (\d+) records? committed", err)
    check(m, "the interrupted run does not say how much it committed\n" + err[-2000:])
    committed_before = int(m.group(1))
    m = re.search(r"Continue with:\n\s+(.+)\n", err)
    check(m, "no resume command printed\n" + err[-2000:])
    resume = m.group(1)
    log(f"interrupt_resume: interrupted; resume command: {resume[:200]}...")
    check("--resume" in resume and "--replay-group" in resume, f"resume command lacks --resume/--replay-group: {resume}")
    r = subprocess.run(["bash", "-c", resume], capture_output=True, text=True, timeout=240)
    check(r.returncode == 0, f"resumed replay exited {r.returncode}\n{r.stderr[-2000:]}")
    # The resumed run did only the remainder: what the first one committed is
    # skipped, not replayed again and dropped by the transactions.
    m = re.search(r"resuming '[^']+': (\d+) offsets? of the range already committed", r.stderr)
    check(m and int(m.group(1)) == committed_before > 0,
          f"resume: committed before {committed_before}, the resumed run says\n" + r.stderr[-1500:])
    m = re.search(r"replay: (\d+) records? in range, (\d+) read, (\d+) output", r.stderr)
    check(m and int(m.group(1)) == int(m.group(2)) == int(m.group(3)) == 6000 - committed_before,
          f"the resumed run did not process exactly the {6000 - committed_before} records left\n" + r.stderr[-1500:])
    ids = [a["id"] for a in articles]
    out = read_topic(broker.bootstrap, topics.output, has_all_ids(ids), timeout=120)
    counts = ids_of(out)
    twice = {k: v for k, v in counts.items() if v > 1}
    check(not twice, f"{len(twice)} records twice after interrupt + resume: {sorted(twice)[:3]}")
    check(set(counts) == set(ids), "records missing or extra after resume")
    log(f"interrupt_resume: {len(ids)} records, each exactly once after SIGINT and --resume")


def dedup_modes(ctx):
    """--dedup live starts from the live changelog (read only): copies of
    stories the live stage already published are marked, as a replay of
    originals and copies together marks them; --dedup fresh over the copies
    alone marks none; --dedup off marks nothing at all; --dedup live with
    dedup.enabled=false is refused."""
    import random
    broker = ctx.broker
    topics = broker.stage_topics("rp-dedup", input_partitions=1, output_partitions=1)
    rng = random.Random(89)
    originals = make_articles(60, seed=89, id_prefix=topics.base)
    copies = [syndicated_copy(a, 1, rng) for a in originals]
    produce(broker.bootstrap, topics.input, [Produced(a["id"].encode(), article_bytes(a), []) for a in originals])
    nf = ctx.stage(topics, "rp-dedup-live").start()
    read_topic(broker.bootstrap, topics.output, has_all_ids([a["id"] for a in originals]), timeout=120)
    check(nf.stop(signal.SIGTERM) == 0, "live stage did not stop cleanly")
    changelog_before = sum(broker.end_offsets(topics.changelog, 1).values())
    produce(broker.bootstrap, topics.input, [Produced(a["id"].encode(), article_bytes(a), []) for a in copies])
    pairs = list(zip(originals, copies))

    def marked(mode, *flags):
        out = unique(f"rp-dedup-{mode}")
        broker.create_topics({out: 1})
        t = type(topics)(topics.base)
        t.output = out
        replay(ctx, t, "--dedup", mode, "--set", "dedup.on_duplicate=emit", "--set", f"kafka.group_id={topics.group}",
               *flags)
        wanted = [c["id"] for c in copies]
        docs = {r.json()["id"]: r.json() for r in read_topic(broker.bootstrap, out, has_all_ids(wanted), timeout=60)}
        caught = sum(1 for a, c in pairs if docs[c["id"]].get("dedup", {}).get("duplicate_of") == a["id"])
        any_marked = [k for k, d in docs.items() if d.get("dedup", {}).get("status") in ("duplicate", "near_duplicate")]
        return caught, any_marked

    copies_only = ["--from", f"0:{len(originals)}"]
    baseline, _ = marked("fresh", "--from", "beginning")  # originals and copies in one range
    live, _ = marked("live", *copies_only)
    fresh, fresh_marked = marked("fresh", *copies_only)
    _, off_marked = marked("off", "--from", "beginning")
    log(f"dedup_modes: copies marked: fresh over both {baseline}, live over copies {live}, "
        f"fresh over copies {len(fresh_marked)}, off over both {len(off_marked)} (of {len(copies)})")
    check(baseline > len(copies) // 2, f"a fresh replay of originals and copies marks only {baseline} copies")
    check(live == baseline, f"--dedup live marked {live} copies, the replay with the originals in range {baseline}")
    check(not fresh_marked, f"--dedup fresh over the copies alone marked {len(fresh_marked)}")
    check(not off_marked, f"--dedup off marked {len(off_marked)} records")
    check(sum(broker.end_offsets(topics.changelog, 1).values()) == changelog_before,
          "a replay wrote to the live changelog")
    r = replay(ctx, topics, "--dedup", "live", "--set", "dedup.enabled=false", *copies_only, check_rc=2)
    check("--dedup live needs dedup.enabled=true" in r.stderr, "--dedup live without dedup: no clear error\n"
          + r.stderr[-800:])


def deleted_while_reading(ctx):
    """Records of the range deleted while the replay reads them (retention or
    delete-records overtaking it) stop it with exit 1 and a message naming the
    partition and offset, not a silent skip to the end reported as done. The
    replay is paused (SIGSTOP) while the log start moves; a small fetch
    buffer keeps it from holding the deleted records already."""
    broker = ctx.broker
    topics = broker.stage_topics("rp-deleted", input_partitions=1, output_partitions=1)
    articles = make_articles(6000, seed=97, id_prefix=topics.base)
    produce(broker.bootstrap, topics.input, [Produced(a["id"].encode(), article_bytes(a), []) for a in articles])
    cmd = [ctx.newsflow, "replay", "--brokers", broker.bootstrap, "--input-topic", topics.input,
           "--output-topic", topics.output, "--dlq-topic", topics.dlq, "--from", "beginning", "--progress", "log",
           "--set", "kafka.instance_id=replay-del", "--set", "run.batch_size=50",
           "-X", "queued.max.messages.kbytes=64", "-X", "max.partition.fetch.bytes=32768"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 120
        while (sum(broker.end_offsets(topics.output, 1).values()) < 300 and time.time() < deadline
               and proc.poll() is None):
            time.sleep(0.05)
        check(proc.poll() is None, f"the replay ended before the deletion (exit {proc.returncode})")
        proc.send_signal(signal.SIGSTOP)
        delete_records(ctx, topics.input, {0: 5000})
    finally:
        proc.send_signal(signal.SIGCONT)
    _, err = proc.communicate(timeout=120)
    check(proc.returncode == 1, f"the replay exited {proc.returncode} after its records were deleted, expected 1\n"
          + err[-1500:])
    check(re.search(r"partition 0 of '[^']+': offset \d+ is no longer in the log", err),
          "no message naming the deleted offset\n" + err[-1500:])
    log("deleted_while_reading: exit 1, " + re.search(r"offset \d+ is no longer in the log", err).group(0))


def file_equals_topic(ctx):
    """A range exported to NDJSON (read back from the topic, as .ndjson and
    .ndjson.gz) and replayed with --from-file gives the same enriched records,
    apart from origin and processed_at, as the Kafka replay of the same range;
    a file's progress and summary count records, not bytes."""
    broker = ctx.broker
    topics = broker.stage_topics("rp-file", input_partitions=1, output_partitions=1)
    articles = make_articles(300, seed=71, id_prefix=topics.base)
    produce(broker.bootstrap, topics.input, [Produced(a["id"].encode(), article_bytes(a), []) for a in articles])
    replay(ctx, topics, "--from", "beginning", "--dedup", "fresh")
    from_topic = read_topic(broker.bootstrap, topics.output, has_all_ids([a["id"] for a in articles]), timeout=60)
    exported = read_topic(broker.bootstrap, topics.input, lambda recs: len(recs) >= len(articles), timeout=60)
    check(len(exported) == len(articles), f"the export read {len(exported)} records of {len(articles)}")
    plain = os.path.join(ctx.work_dir, "range.ndjson")
    with open(plain, "wb") as f:
        for rec in exported:
            f.write(rec.value + b"\n")
    archive = plain + ".gz"
    with open(plain, "rb") as f, gzip.open(archive, "wb") as g:
        g.write(f.read())

    def comparable(records):
        out = {}
        for r in records:
            d = r.json()
            d.pop("origin", None)
            d.pop("processed_at", None)
            out[d["id"]] = d
        return out
    a = comparable(from_topic)
    for path in (plain, archive):
        dry = replay(ctx, topics, "--from-file", path, "--dry-run")
        check(f"{len(articles)} records" in dry.stderr, f"--dry-run {path}: no record count\n" + dry.stderr[-800:])
        out2 = unique("rp-file-out")
        broker.create_topics({out2: 1})
        t2 = type(topics)(topics.base)
        t2.output = out2
        r = replay(ctx, t2, "--from-file", path)
        check(f"replay: {len(articles)} records in range, {len(articles)} read" in r.stderr and
              re.search(rf"replay: 100%  {len(articles)}/{len(articles)} records", r.stderr),
              f"{path}: progress or summary not in records\n" + r.stderr[-1500:])
        b = comparable(read_topic(broker.bootstrap, out2, has_all_ids([x["id"] for x in articles]), timeout=60))
        check(a.keys() == b.keys(), f"{path}: the two replays produced different ids")
        differ = [k for k in a if a[k] != b[k]]
        check(not differ, f"{path}: {len(differ)} records differ between topic and file replay, e.g. {differ[:2]}: "
              f"{json.dumps(a[differ[0]])[:300] if differ else ''} vs {json.dumps(b[differ[0]])[:300] if differ else ''}")
        log(f"file_equals_topic: {os.path.basename(path)}: {len(a)} records identical apart from origin and "
            "processed_at")


def end_snapshot(ctx):
    """--to end on a topic that keeps receiving records stops at the end
    offsets seen when the replay started."""
    broker = ctx.broker
    topics = broker.stage_topics("rp-end", input_partitions=2, output_partitions=2)
    first = make_articles(400, seed=73, id_prefix=topics.base + "-a")
    produce(broker.bootstrap, topics.input, [Produced(a["id"].encode(), article_bytes(a), []) for a in first])
    from nfkafka import BackgroundProducer
    later = make_articles(3000, seed=79, id_prefix=topics.base + "-b")
    producer = BackgroundProducer(broker.bootstrap, topics.input, later, per_second=300)
    time.sleep(0.5)
    ends = broker.end_offsets(topics.input, 2)
    producer.start()
    time.sleep(1.0)
    r = replay(ctx, topics, "--from", "beginning", "--to", "end")
    m = re.search(r"total (\d+) records", r.stderr)
    check(m, "no total in the replay's output\n" + r.stderr[-1500:])
    total = int(m.group(1))
    producer.finish(60)
    out = read_topic(broker.bootstrap, topics.output, lambda recs: len(recs) >= total, timeout=60)
    check(len(out) == total, f"replay wrote {len(out)} records, its snapshot had {total}")
    check(total >= sum(ends.values()) and total < 400 + 3000, f"snapshot {total} is not between {ends} and everything")
    log(f"end_snapshot: stopped at the {total} records present at start while the topic kept growing")


def in_tmux(ctx, command, name):
    """Runs a shell command in a detached tmux pane; returns its exit status,
    the pane captured every 0.25 s while it ran, and the final pane."""
    tmux = shutil.which("tmux")
    check(tmux, "tmux is not installed (scripts/install-deps installs it)")
    session = unique("nf")
    # A server of its own (-L): with the shared default one, a new session can
    # meet the server of the previous one exiting ("server exited
    # unexpectedly", seen under load).
    tmux = [tmux, "-L", session]
    done_file = os.path.join(ctx.work_dir, f"{name}.done")
    if os.path.exists(done_file):
        os.remove(done_file)  # a previous run's, in a reused work dir
    subprocess.run(tmux + ["new-session", "-d", "-s", session, "-x", "160", "-y", "20",
                    f"{command}; echo $? > {done_file}; sleep 30"], check=True)
    shots = []
    try:
        deadline = time.time() + 180
        while not os.path.exists(done_file) and time.time() < deadline:
            shots.append(subprocess.run(tmux + ["capture-pane", "-p", "-t", session], capture_output=True,
                                        text=True).stdout)
            time.sleep(0.25)
        time.sleep(0.5)
        final = subprocess.run(tmux + ["capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
    finally:
        subprocess.run(tmux + ["kill-server"], capture_output=True)
    rc = open(done_file).read().strip() if os.path.exists(done_file) else None
    return rc, shots, final


def progress_bar(ctx):
    """The progress bar as a person sees it: the replay runs in tmux, the pane
    is captured while it runs and at the end; the bar moves and ends at 100 %.
    Then --progress=partitions: one bar per partition and one for all, redrawn
    in place as one block, every one at 100 % at the end."""
    broker = ctx.broker
    topics = broker.stage_topics("rp-bar", input_partitions=2, output_partitions=2)
    articles = make_articles(8000, seed=83, id_prefix=topics.base)
    produce(broker.bootstrap, topics.input, [Produced(a["id"].encode(), article_bytes(a), []) for a in articles])
    base = (f"{ctx.newsflow} replay --brokers {broker.bootstrap} --input-topic {topics.input} "
            f"--output-topic {topics.output} --dlq-topic {topics.dlq} --from beginning "
            f"--set kafka.instance_id=replay-bar --set log.level=warn "
            f"--set processing.commit_interval=50ms --set run.batch_size=100")
    rc, shots, final = in_tmux(ctx, base, "bar")
    check(rc == "0", f"the replay in tmux did not exit 0 ({rc})\n" + final)
    percents = []
    for s in shots:
        m = re.findall(r"replay \[[#.]+\]\s+(\d+)%", s)
        if m:
            percents.append(int(m[-1]))
    check(len(set(percents)) >= 2, f"the bar did not move while the replay ran: {percents[:20]}\n" + final)
    check(percents == sorted(percents), f"the bar went backwards: {percents}")
    check(re.search(r"replay \[#{30}\]\s+100%  8,000/8,000 records", final),
          "the final screen shows no full bar at 100 %:\n" + final)
    check(final.count("replay [") == 1, "the bar was not redrawn in place (several bar lines on screen):\n" + final)
    log(f"progress_bar: the bar moved through {sorted(set(percents))[:8]}... and ended at 100 %")

    rc, shots, final = in_tmux(ctx, base + " --progress partitions --replay-group " + unique("rp-bar-parts"), "parts")
    check(rc == "0", f"the replay with --progress partitions did not exit 0 ({rc})\n" + final)
    percents = [int(m[-1]) for m in (re.findall(r"^all\s+\[[#.]+\]\s+(\d+)%", s, re.M) for s in shots) if m]
    check(len(set(percents)) >= 2, f"--progress partitions: the 'all' bar did not move: {percents[:20]}\n" + final)
    for p, count in ((0, "4,000/4,000"), (1, "4,000/4,000")):
        check(len(re.findall(rf"^partition {p}\s+\[#{{20}}\]\s+100%  {count} records", final, re.M)) == 1,
              f"--progress partitions: partition {p} is not shown once at 100 %:\n" + final)
    check(len(re.findall(r"^all\s+\[#{20}\]\s+100%  8,000/8,000 records", final, re.M)) == 1,
          "--progress partitions: no single 'all' line at 100 %:\n" + final)
    check(len(re.findall(r"^(?:partition \d+|all)\s+\[", final, re.M)) == 3,
          "the partition block was not redrawn in place (more than its 3 lines on screen):\n" + final)
    log(f"progress_bar: per-partition bars moved through {sorted(set(percents))[:8]}... and ended at 100 %")


if __name__ == "__main__":
    main({"time_range": time_range, "interrupt_resume": interrupt_resume, "file_equals_topic": file_equals_topic,
          "end_snapshot": end_snapshot, "progress_bar": progress_bar, "dedup_modes": dedup_modes,
          "deleted_while_reading": deleted_while_reading})
