"""Test harness for newsflow against a real Apache Kafka broker.

The broker is the one tests/integration/CMakeLists.txt starts for the whole
ctest run (scripts/kafka start, state in KAFKA_STATE_DIR). Clients are
ones nobody here wrote: confluent-kafka-python (librdkafka) and kcat. Every
wait is bounded; a failure raises TestFailure with the logs that explain it.
"""

import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

# Re-exported: the scenarios import everything from here.
from nfdata import (TRACEPARENT, OutputSchema, Schema, TestFailure, article_bytes, make_articles,  # noqa: F401
                    routing_set, syndicated_copy)


def check(condition, message):
    if not condition:
        raise TestFailure(message)


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def wait_for(condition, timeout, what, interval=0.25):
    """condition()'s first truthy value within timeout seconds, else a failure naming `what`."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    check(False, f"{what}: not within {timeout}s")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unique(prefix):
    return f"it-{prefix}-{uuid.uuid4().hex[:10]}"


# --------------------------------------------------------------------------- broker


class Broker:
    def __init__(self, state_dir):
        self.state_dir = state_dir
        path = os.path.join(state_dir, "bootstrap")
        if not os.path.exists(path):
            raise TestFailure(f"no broker: {path} is missing (the kafka_broker_start fixture failed?)\n"
                              + self.log_tail())
        with open(path) as f:
            self.bootstrap = f.read().strip()
        self.admin = AdminClient({"bootstrap.servers": self.bootstrap})
        try:
            md = self.admin.list_topics(timeout=15)
        except KafkaException as e:
            raise TestFailure(f"broker {self.bootstrap} does not answer: {e}\n" + self.log_tail())
        check(md.brokers, f"broker {self.bootstrap} lists no brokers\n" + self.log_tail())

    def log_tail(self, lines=60):
        path = os.path.join(self.state_dir, "broker.log")
        try:
            with open(path, errors="replace") as f:
                tail = f.readlines()[-lines:]
        except OSError:
            return f"(no broker log at {path})"
        return f"--- last {len(tail)} lines of {path}\n" + "".join(tail)

    def create_topics(self, partitions_by_topic, config_by_topic=None):
        config_by_topic = config_by_topic or {}
        new = [NewTopic(t, n, 1, config=config_by_topic.get(t, {})) for t, n in partitions_by_topic.items()]
        futures = self.admin.create_topics(new, operation_timeout=30)
        for topic, fut in futures.items():
            try:
                fut.result(timeout=60)
            except Exception as e:
                raise TestFailure(f"creating topic {topic} failed: {e}\n" + self.log_tail())
        # Metadata reaches the (single) broker asynchronously; wait until every
        # partition has a leader so the first produce does not race it.
        deadline = time.time() + 30
        while time.time() < deadline:
            md = self.admin.list_topics(timeout=10)
            if all(t in md.topics and len(md.topics[t].partitions) == n
                   and all(p.leader >= 0 for p in md.topics[t].partitions.values())
                   for t, n in partitions_by_topic.items()):
                return
            time.sleep(0.2)
        raise TestFailure(f"topics {list(partitions_by_topic)} have no leaders after 30s")

    def stage_topics(self, name, input_partitions=4, output_partitions=4):
        """Creates the uniquely named topics one newsflow stage uses."""
        t = StageTopics(unique(name))
        self.create_topics(
            {t.input: input_partitions, t.output: output_partitions, t.dlq: 1, t.duplicates: 1, t.changelog: 1},
            {t.changelog: {"cleanup.policy": "compact"}})
        return t

    def group_members(self, group):
        """([(member id, client id, set(partitions))], state) of a consumer group, from the coordinator."""
        for g in self.admin.list_groups(group, timeout=10):
            if g.id != group:
                continue
            return [(m.id, m.client_id, decode_assignment(m.assignment)) for m in g.members], g.state
        return [], "Dead"

    def partitions_by_client(self, group):
        """{client id: set(partitions)} once the group is stable, else None. Each
        worker derives its own client.id (<prefix>-<instance>-<worker>); the tests
        give an instance one with `-X client.id=NAME`, which all its workers
        (run.workers) then share, so their partitions add up under NAME."""
        members, state = self.group_members(group)
        if state != "Stable":
            return None
        out = {}
        for _, client, parts in members:
            out.setdefault(client, set()).update(parts)
        return out

    def committed(self, group, topic, partitions):
        # read_uncommitted: a read_committed client asks for stable offsets and
        # waits while a transaction (e.g. of a just-killed stage) is pending on
        # the group, up to transaction.timeout.ms; this asks what is committed now.
        c = Consumer({"bootstrap.servers": self.bootstrap, "group.id": group, "enable.auto.commit": False,
                      "isolation.level": "read_uncommitted"})
        try:
            tps = c.committed([TopicPartition(topic, p) for p in range(partitions)], timeout=15)
            return {tp.partition: tp.offset for tp in tps}
        finally:
            c.close()

    def end_offsets(self, topic, partitions):
        c = Consumer({"bootstrap.servers": self.bootstrap, "group.id": unique("wm")})
        try:
            return {p: c.get_watermark_offsets(TopicPartition(topic, p), timeout=15)[1] for p in range(partitions)}
        finally:
            c.close()


@dataclass
class StageTopics:
    base: str
    input: str = ""
    output: str = ""
    dlq: str = ""
    duplicates: str = ""
    changelog: str = ""
    group: str = ""

    def __post_init__(self):
        self.input = f"{self.base}.raw"
        self.output = f"{self.base}.enriched"
        self.dlq = f"{self.input}.dlq"
        self.duplicates = f"{self.output}.duplicates"
        self.group = f"{self.base}.group"
        self.changelog = f"{self.group}.dedup-changelog"


def decode_assignment(data):
    """Partitions in a ConsumerProtocolAssignment (version, [topic, [partition]], user data)."""
    out = set()
    if not data or len(data) < 6:
        return out
    pos = 2
    (n_topics,) = _unpack(">i", data, pos)
    pos += 4
    for _ in range(max(n_topics, 0)):
        (tlen,) = _unpack(">h", data, pos)
        pos += 2 + tlen
        (n_parts,) = _unpack(">i", data, pos)
        pos += 4
        for _ in range(max(n_parts, 0)):
            out.add(_unpack(">i", data, pos)[0])
            pos += 4
    return out


def _unpack(fmt, data, pos):
    return struct.unpack_from(fmt, data, pos)


# --------------------------------------------------------------------------- producing


@dataclass
class Produced:
    key: bytes
    value: bytes
    headers: list
    partition: int = -1
    offset: int = -1
    timestamp: int = -1


def produce(bootstrap, topic, records, timeout=60):
    """Produces Produced records; fills in partition/offset/timestamp from the
    delivery reports. Raises on any delivery failure."""
    p = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "linger.ms": 5})
    errors = []

    def report(rec):
        def cb(err, msg):
            if err:
                errors.append(err)
                return
            rec.partition, rec.offset, rec.timestamp = msg.partition(), msg.offset(), msg.timestamp()[1]
        return cb

    for rec in records:
        # A partition set beforehand is where the record goes.
        where = {"partition": rec.partition} if rec.partition >= 0 else {}
        while True:
            try:
                p.produce(topic, key=rec.key, value=rec.value, headers=rec.headers, on_delivery=report(rec), **where)
                break
            except BufferError:
                p.poll(0.1)
        p.poll(0)
    left = p.flush(timeout)
    check(left == 0 and not errors, f"producing to {topic}: {left} undelivered, errors {errors[:3]}")
    return records


def kcat_produce(bootstrap, topic, articles, headers):
    """Produces articles with kcat (key = id), every record carrying headers."""
    lines = b"".join(a["id"].encode() + b"\x1f" + article_bytes(a) + b"\n" for a in articles)
    cmd = ["kcat", "-P", "-b", bootstrap, "-t", topic, "-K", "\x1f", "-X", "enable.idempotence=true"]
    for k, v in headers:
        cmd += ["-H", f"{k}={v}"]
    r = subprocess.run(cmd, input=lines, capture_output=True, timeout=120)
    check(r.returncode == 0, f"kcat -P failed ({r.returncode}): {r.stderr.decode(errors='replace')}")


class BackgroundProducer(threading.Thread):
    """Produces articles (dicts, keyed by id) or Produced records at a steady
    rate while the stage runs, so a stop lands mid-stream rather than after
    the stage has caught up; or, given `schedule` instead of a rate, each
    (seconds from the start, article, partition) entry at its time to its
    partition."""

    def __init__(self, bootstrap, topic, articles=(), per_second=None, message_timeout_s=300, schedule=None):
        super().__init__(daemon=True)
        self.bootstrap, self.topic = bootstrap, topic
        if schedule is None:
            self.plan = [(i / per_second, a, None) for i, a in enumerate(articles)]
        else:
            self.plan = sorted(schedule, key=lambda entry: entry[0])
        # librdkafka's default (300 s): a fault test with a longer outage must
        # keep its own input records queued for longer than the outage.
        self.message_timeout_ms = int(message_timeout_s * 1000)
        self.sent = 0
        self.error = None

    def run(self):
        try:
            p = Producer({"bootstrap.servers": self.bootstrap, "enable.idempotence": True, "linger.ms": 5,
                          "message.timeout.ms": self.message_timeout_ms})
            failures = []
            start = time.time()
            for i, (at, a, partition) in enumerate(self.plan):
                # One clock reading: checking and then sleeping on two readings
                # can ask for a negative sleep when the producer falls behind.
                wait = start + at - time.time()
                if wait > 0:
                    time.sleep(wait)
                if isinstance(a, Produced):
                    key, value, headers = a.key, a.value, a.headers
                else:
                    key, value, headers = a["id"].encode(), article_bytes(a), [("traceparent", TRACEPARENT)]
                where = {} if partition is None else {"partition": partition}
                while True:
                    try:
                        p.produce(self.topic, key=key, value=value, headers=headers,
                                  on_delivery=lambda err, msg: failures.append(err) if err else None, **where)
                        break
                    except BufferError:
                        p.poll(0.1)
                p.poll(0)
                self.sent = i + 1
            left = p.flush(60)
            if left or failures:
                self.error = f"{left} undelivered, errors {failures[:3]}"
        except Exception as e:  # surfaced by finish()
            self.error = repr(e)

    def finish(self, timeout):
        self.join(timeout)
        check(not self.is_alive(), f"background producer still running after {timeout}s")
        check(self.error is None, f"background producer failed: {self.error}")


# --------------------------------------------------------------------------- consuming


@dataclass
class Record:
    key: bytes
    value: bytes
    headers: dict  # name -> list of values (bytes); Kafka allows repeats
    partition: int
    offset: int
    timestamp: int

    def header(self, name):
        values = self.headers.get(name)
        return values[-1] if values else None

    def json(self):
        return json.loads(self.value)


def read_topic(bootstrap, topic, until, timeout, what=None):
    """Reads the topic from the beginning of every partition (no group, no
    commits) until until(records) is true; then also to the end offsets seen
    at that moment so replays are counted. Returns the records."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": unique("reader"), "enable.auto.commit": False,
                  "enable.partition.eof": False, "isolation.level": "read_committed"})
    records = []
    try:
        md = c.list_topics(topic, timeout=15)
        check(topic in md.topics and not md.topics[topic].error, f"topic {topic} not found")
        partitions = sorted(md.topics[topic].partitions)
        c.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in partitions])
        deadline = time.time() + timeout
        satisfied = False
        while time.time() < deadline:
            for m in c.consume(500, 0.5):
                if m.error():
                    raise TestFailure(f"reading {topic}: {m.error()}")
                headers = {}
                for k, v in m.headers() or []:
                    headers.setdefault(k, []).append(v)
                records.append(Record(m.key(), m.value(), headers, m.partition(), m.offset(), m.timestamp()[1]))
            if until(records):
                satisfied = True
                break
        if not satisfied:
            raise TestFailure(f"reading {topic}: condition{' (' + what + ')' if what else ''} not met within "
                              f"{timeout}s; {len(records)} records read")
        ends = {p: c.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1] for p in partitions}

        def behind():
            # The position, not the last record seen: transaction markers and
            # aborted records take offsets a read_committed reader never gets.
            return [p for p in c.position([TopicPartition(topic, q) for q in partitions])
                    if ends[p.partition] > 0 and p.offset < ends[p.partition]]
        drain_deadline = time.time() + 30
        while behind() and time.time() < drain_deadline:
            for m in c.consume(500, 0.5):
                if m.error():
                    continue
                headers = {}
                for k, v in m.headers() or []:
                    headers.setdefault(k, []).append(v)
                records.append(Record(m.key(), m.value(), headers, m.partition(), m.offset(), m.timestamp()[1]))
        return records
    finally:
        c.close()


def ids_of(records):
    return Counter(r.key.decode(errors="replace") for r in records)


def has_all_ids(ids):
    wanted = set(ids)

    def until(records):
        return wanted <= {r.key.decode(errors="replace") for r in records}
    return until


# --------------------------------------------------------------------------- newsflow


class Newsflow:
    """One `newsflow run` process, configured by flags only (no config file)."""

    def __init__(self, binary, broker, topics, name, extra=(), work_dir=None, instance=None, env=None):
        self.binary, self.broker, self.topics, self.name = binary, broker, topics, name
        # The instance id names the transactional ids: a restart that should
        # fence its predecessor passes the same one.
        self.instance = instance or name
        self.extra_env = env or {}
        self.metrics_port = free_port()
        self.work_dir = work_dir or os.getcwd()
        self.log_path = os.path.join(self.work_dir, f"{name}.log")
        self.args = [binary, "run", "--brokers", broker.bootstrap, "--input-topic", topics.input,
                     "--output-topic", topics.output, "--dlq-topic", topics.dlq, "--group", topics.group,
                     "--metrics-address", f"127.0.0.1:{self.metrics_port}",
                     "--set", f"kafka.instance_id={self.instance}", *extra]
        self.proc = None
        self.log_file = None

    def start(self, ready_timeout=60):
        log(f"{self.name}: {' '.join(self.args[1:])}")
        self.log_file = open(self.log_path, "wb")
        # Flags only: a NEWSFLOW_* variable in the caller's environment (a
        # config file, a setting) must not change what is tested.
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
        env.update(self.extra_env)  # what a scenario sets on purpose
        self.proc = subprocess.Popen(self.args, stdin=subprocess.DEVNULL, stdout=self.log_file,
                                     stderr=subprocess.STDOUT, cwd=self.work_dir, env=env)
        deadline = time.time() + ready_timeout
        while time.time() < deadline:
            if "newsflow run: ready" in self.log():
                log(f"{self.name}: ready (pid {self.proc.pid})")
                return self
            if self.proc.poll() is not None:
                raise TestFailure(f"{self.name} exited with {self.proc.returncode} before it was ready\n"
                                  + self.log_tail())
            time.sleep(0.2)
        raise TestFailure(f"{self.name} did not log 'newsflow run: ready' within {ready_timeout}s\n"
                          + self.log_tail())

    def log(self):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def log_tail(self, lines=40):
        tail = self.log().splitlines()[-lines:]
        return f"--- last {len(tail)} lines of {self.log_path}\n" + "\n".join(tail)

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, sig=signal.SIGTERM, timeout=60):
        """Sends sig and waits for the exit; returns the exit code (negative: killed by a signal)."""
        check(self.running(), f"{self.name} is not running\n" + self.log_tail())
        log(f"{self.name}: sending {signal.Signals(sig).name}")
        self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
            raise TestFailure(f"{self.name} did not exit within {timeout}s of {signal.Signals(sig).name}\n"
                              + self.log_tail())
        self.log_file.close()
        log(f"{self.name}: exited with {rc}")
        return rc

    def metrics(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.metrics_port}/metrics", timeout=5) as r:
            return r.read().decode()

    def http_body(self, path):
        """Body of GET path on the metrics listener, whatever its status (503 while not ready)."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.metrics_port}{path}", timeout=5) as r:
                return r.read().decode()
        except urllib.error.HTTPError as e:
            return e.read().decode()

    def http_status(self, path):
        """Status code of GET path on the metrics listener (0: no answer)."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.metrics_port}{path}", timeout=5) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code
        except OSError:
            return 0

    def metric(self, name, labels=None):
        """Sum of the samples of one metric whose labels include labels."""
        total, found = 0.0, False
        for line in self.metrics().splitlines():
            if line.startswith("#"):
                continue
            m = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)", line)
            if not m or m.group(1) != name:
                continue
            have = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2) or ""))
            if all(have.get(k) == v for k, v in (labels or {}).items()):
                total += float(m.group(3))
                found = True
        return total if found else None

    def kill_if_running(self):
        if self.running():
            self.proc.kill()
            self.proc.wait(10)


# --------------------------------------------------------------------------- runner


def main(scenarios, broker_class=Broker):
    """Runs the scenario named on the command line:
       scenarios.py NAME --newsflow BIN --source-dir DIR --broker-state DIR --work-dir DIR"""
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", choices=sorted(scenarios))
    ap.add_argument("--newsflow", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--broker-state", required=True)
    ap.add_argument("--work-dir", required=True)
    args = ap.parse_args()
    os.makedirs(args.work_dir, exist_ok=True)
    ctx = Context(os.path.abspath(args.newsflow), os.path.abspath(args.source_dir), os.path.abspath(args.work_dir),
                  os.path.abspath(args.broker_state))
    started = time.time()
    try:
        ctx.broker = broker_class(args.broker_state)
        scenarios[args.scenario](ctx)
    except Exception as e:
        print(f"FAIL {args.scenario}: {e if isinstance(e, TestFailure) else repr(e)}", flush=True)
        if not isinstance(e, TestFailure):
            import traceback
            traceback.print_exc(file=sys.stdout)
        for nf in ctx.instances:
            print(nf.log_tail(), flush=True)
        sys.exit(1)
    finally:
        for nf in ctx.instances:
            nf.kill_if_running()
    print(f"PASS {args.scenario} in {time.time() - started:.1f}s", flush=True)


@dataclass
class Context:
    newsflow: str
    source_dir: str
    work_dir: str
    broker_state: str
    broker: Broker = None
    instances: list = field(default_factory=list)

    def stage(self, topics, name, extra=(), instance=None, env=None, broker=None):
        nf = Newsflow(self.newsflow, broker or self.broker, topics, name, extra, self.work_dir, instance, env)
        self.instances.append(nf)
        return nf
