#!/usr/bin/python3
"""Operating newsflow on a real broker, one scenario per ctest test:

  health_outage   /readyz and /healthz through a broker outage (its own broker,
                  stopped and started again on the same port and data)
  cloudevents     output headers read with the CloudEvents SDK's Kafka binding
  secrets         a SASL password set through every channel never reaches a
                  log line, /metrics or `newsflow config`; Kubernetes service
                  link variables are ignored with one warning; JSON log lines

    ops_scenarios.py NAME --newsflow BIN --source-dir DIR --broker-state DIR --work-dir DIR
"""

import datetime
import json
import os
import re
import signal
import subprocess
import time

from nfkafka import (TRACEPARENT, Broker, Produced, article_bytes, check, has_all_ids, ids_of, log, main,
                     make_articles, produce, read_topic, wait_for)

TRACESTATE = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"


def time_to(condition, timeout, what):
    """Seconds until condition() holds (a failure after timeout)."""
    started = time.time()
    wait_for(condition, timeout, what)
    return time.time() - started


def good_records(articles, headers=()):
    return [Produced(a["id"].encode(), article_bytes(a), list(headers)) for a in articles]


# --------------------------------------------------------------------------- health


class OwnBroker:
    """A broker of this scenario only (scripts/kafka, its own state directory),
    which can be stopped and started again with the same port and data: the
    shared broker of the other scenarios must not go away."""

    def __init__(self, source_dir, state_dir):
        self.script = os.path.join(source_dir, "scripts", "kafka")
        self.state_dir = state_dir
        self.env = {**os.environ, "KAFKA_STATE_DIR": state_dir}
        r = subprocess.run([self.script, "start"], env=self.env, capture_output=True, text=True, timeout=600)
        check(r.returncode == 0, f"scripts/kafka start for {state_dir} failed:\n{r.stderr[-3000:]}")
        self.broker = Broker(state_dir)
        self.cmdline = None
        self.resumed = None  # the broker process after resume(): our child

    def pid(self):
        with open(os.path.join(self.state_dir, "pid")) as f:
            return int(f.read().strip())

    def halt(self):
        """SIGTERM, keeping the data (scripts/kafka stop would delete it)."""
        pid = self.pid()
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            self.cmdline = [a.decode() for a in f.read().split(b"\0") if a]
        os.kill(pid, signal.SIGTERM)
        # Not our child (scripts/kafka started it with setsid): init reaps it.
        deadline = time.time() + 60
        while os.path.exists(f"/proc/{pid}") and time.time() < deadline:
            time.sleep(0.2)
        check(not os.path.exists(f"/proc/{pid}"), f"broker pid {pid} did not exit within 60s of SIGTERM")

    def resume(self):
        with open(os.path.join(self.state_dir, "broker.log"), "ab") as out:
            self.resumed = subprocess.Popen(self.cmdline, stdin=subprocess.DEVNULL, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        with open(os.path.join(self.state_dir, "pid"), "w") as f:
            f.write(f"{self.resumed.pid}\n")
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                Broker(self.state_dir)
                return
            except Exception:
                time.sleep(1)
        check(False, "the broker did not answer within 120s of its restart\n" + self.broker.log_tail())

    def stop(self):
        if self.resumed and self.resumed.poll() is None:
            # Our child: reap it here, or scripts/kafka stop waits on a zombie.
            self.resumed.terminate()
            try:
                self.resumed.wait(60)
            except subprocess.TimeoutExpired:
                self.resumed.kill()
                self.resumed.wait(10)
        subprocess.run([self.script, "stop"], env=self.env, capture_output=True, timeout=120)


def health_outage(ctx):
    """ready -> broker stopped -> not ready (alive all along) -> broker back ->
    ready, and records flow before and after."""
    own = OwnBroker(ctx.source_dir, os.path.join(ctx.work_dir, "broker"))
    try:
        broker = own.broker
        topics = broker.stage_topics("health", input_partitions=2, output_partitions=2)
        articles = make_articles(80, seed=41, id_prefix=topics.base)
        # Short session and statistics intervals: the outage and the rejoin
        # are seen in seconds instead of the 45 s / 5 s defaults.
        extra = ["--workers", "2", "--set", "kafka.statistics_interval=1s",
                 "--set", "kafka.consumer.session.timeout.ms=6000", "--set", "kafka.consumer.heartbeat.interval.ms=1000",
                 "-X", "reconnect.backoff.max.ms=1000"]
        nf = ctx.stage(topics, "health", extra, broker=broker)
        nf.start()
        took = time_to(lambda: nf.http_status("/readyz") == 200, 60, "/readyz 200 after start")
        log(f"health: ready {took:.1f}s after the ready log line; /healthz {nf.http_status('/healthz')}")
        check(nf.http_status("/healthz") == 200, "/healthz is not 200 while running")

        produce(broker.bootstrap, topics.input, good_records(articles[:40]))
        read_topic(broker.bootstrap, topics.output, has_all_ids([a["id"] for a in articles[:40]]), timeout=90,
                   what="the first 40 ids on the output")

        own.halt()
        stopped = time.time()
        took = time_to(lambda: nf.http_status("/readyz") == 503, 30, "/readyz 503 with the broker stopped")
        log(f"health: /readyz 503 {took:.1f}s after the broker stopped")
        # Alive through the outage: the loop keeps polling, nothing is stuck.
        while time.time() < stopped + 12:
            check(nf.http_status("/healthz") == 200, "/healthz is not 200 during a broker outage")
            check(nf.http_status("/readyz") == 503, "/readyz went back to 200 while the broker is stopped")
            time.sleep(0.5)
        check(nf.running(), "newsflow exited during the broker outage\n" + nf.log_tail())

        own.resume()
        took = time_to(lambda: nf.http_status("/readyz") == 200, 120, "/readyz 200 after the broker came back")
        log(f"health: /readyz 200 again {took:.1f}s after the broker answered")
        produce(broker.bootstrap, topics.input, good_records(articles[40:]))
        out = read_topic(broker.bootstrap, topics.output, has_all_ids([a["id"] for a in articles]), timeout=120,
                         what="all 80 ids on the output after the outage")
        log(f"health: {len(ids_of(out))} ids on the output across the outage")
        check(nf.http_status("/healthz") == 200, "/healthz is not 200 after the outage")
        rc = nf.stop(signal.SIGTERM)
        check(rc == 0, f"newsflow run exited with {rc} on SIGTERM, expected 0")
    finally:
        for n in ctx.instances:
            n.kill_if_running()
        own.stop()


# --------------------------------------------------------------------------- CloudEvents


ATTRIBUTE_NAME = re.compile(r"^[a-z0-9]{1,20}$")  # CloudEvents 1.0: attribute naming convention


def cloudevents(ctx):
    """Every output record is a valid CloudEvent in binary content mode
    (CloudEvents SDK, Kafka protocol binding), with the configured source and
    type, an id naming its input record, and the trace context carried over."""
    from cloudevents.core.bindings import kafka as ce_kafka  # PyPI cloudevents, in the test venv

    broker = ctx.broker
    topics = broker.stage_topics("ce", input_partitions=2, output_partitions=2)
    articles = make_articles(40, seed=43, id_prefix=topics.base)
    input_headers = [("traceparent", TRACEPARENT), ("tracestate", TRACESTATE), ("ce_specversion", "1.0"),
                     ("ce_id", "crawler-event-1"), ("ce_source", "/crawler"), ("ce_type", "news.article.raw")]
    sent = produce(broker.bootstrap, topics.input, good_records(articles, input_headers))
    origin = {r.key.decode(): f"{topics.input}/{r.partition}/{r.offset}" for r in sent}
    started = datetime.datetime.now(datetime.timezone.utc)
    source, type_ = "urn:newsflow:integration", "org.example.news.enriched"
    nf = ctx.stage(topics, "ce", ["--set", f"cloudevents.source={source}", "--set", f"cloudevents.type={type_}"])
    nf.start()
    out = read_topic(broker.bootstrap, topics.output, has_all_ids(list(origin)), timeout=90, what="every id")
    finished = datetime.datetime.now(datetime.timezone.utc)
    ids = set()
    for r in out:
        key = r.key.decode()
        for name, values in r.headers.items():
            if name.startswith("ce_"):
                check(len(values) == 1, f"{key}: header {name} appears {len(values)} times")
                check(ATTRIBUTE_NAME.match(name[3:]), f"{key}: {name} is not a valid attribute name")
        message = ce_kafka.KafkaMessage(headers={k: v[-1] for k, v in r.headers.items()}, key=r.key, value=r.value)
        event = ce_kafka.from_binary_event(message)  # raises on a missing or malformed required attribute
        check(event.get_specversion() == "1.0", f"{key}: specversion {event.get_specversion()}")
        check(event.get_source() == source, f"{key}: source {event.get_source()!r}")
        check(event.get_type() == type_, f"{key}: type {event.get_type()!r}")
        check(event.get_id() == origin[key], f"{key}: id {event.get_id()!r}, expected {origin[key]!r}")
        check(event.get_subject() == key, f"{key}: subject {event.get_subject()!r}")
        check(event.get_datacontenttype() == "application/json", f"{key}: datacontenttype {event.get_datacontenttype()}")
        t = event.get_time()
        check(t is not None and started - datetime.timedelta(seconds=5) <= t <= finished + datetime.timedelta(seconds=5),
              f"{key}: time {t} is not between {started} and {finished}")
        check(event.get_data() == json.loads(r.value), f"{key}: the event data is not the record value")
        check(r.header("traceparent") == TRACEPARENT.encode(), f"{key}: traceparent not carried over")
        check(r.header("tracestate") == TRACESTATE.encode(), f"{key}: tracestate not carried over")
        ids.add((event.get_source(), event.get_id()))
    check(len(ids) == len(origin), f"{len(ids)} distinct (source, id) pairs for {len(origin)} input records")
    log(f"ce: {len(out)} output records are valid CloudEvents (binary mode), ids unique, trace context kept")
    rc = nf.stop(signal.SIGTERM)
    check(rc == 0, f"newsflow run exited with {rc} on SIGTERM, expected 0")


# --------------------------------------------------------------------------- secrets, environment, logs


SERVICE_LINKS = {  # what a Service named "newsflow" exposing port 9464 injects
    "NEWSFLOW_SERVICE_HOST": "10.96.0.12", "NEWSFLOW_SERVICE_PORT": "9464", "NEWSFLOW_SERVICE_PORT_METRICS": "9464",
    "NEWSFLOW_PORT": "tcp://10.96.0.12:9464", "NEWSFLOW_PORT_9464_TCP": "tcp://10.96.0.12:9464",
    "NEWSFLOW_PORT_9464_TCP_PROTO": "tcp", "NEWSFLOW_PORT_9464_TCP_PORT": "9464",
    "NEWSFLOW_PORT_9464_TCP_ADDR": "10.96.0.12",
}


def secrets(ctx):
    broker = ctx.broker
    topics = broker.stage_topics("secret", input_partitions=1, output_partitions=1)
    pw = {channel: f"pw-{channel}-{os.urandom(6).hex()}" for channel in ("file", "filex", "env", "set", "setx", "x")}
    config = os.path.join(ctx.work_dir, "secret.yaml")
    with open(config, "w") as f:
        f.write(f"kafka:\n  sasl_password: {pw['file']}\n  consumer:\n    sasl.password: {pw['filex']}\n")
    channels = ["-c", config, "--set", f"kafka.sasl_password={pw['set']}",
                "--set", f"kafka.producer.sasl.password={pw['setx']}", "-X", f"sasl.password={pw['x']}"]
    env = {"NEWSFLOW_KAFKA_SASL_PASSWORD": pw["env"], **SERVICE_LINKS}
    # Debug level and librdkafka's configuration dump: the most a log says.
    nf = ctx.stage(topics, "secret", [*channels, "--log-level", "debug", "--log-format", "json", "-X", "debug=conf"],
                   env=env)
    nf.start()  # with the service-link variables set: they do not stop start-up
    articles = make_articles(10, seed=47, id_prefix=topics.base)
    bad = Produced(b"bad", b"not json at all", [])
    produce(broker.bootstrap, topics.input, good_records(articles) + [bad])
    read_topic(broker.bootstrap, topics.output, has_all_ids([a["id"] for a in articles]), timeout=60, what="every id")
    metrics_page = nf.metrics()
    rc = nf.stop(signal.SIGTERM)
    check(rc == 0, f"newsflow run exited with {rc} on SIGTERM, expected 0")

    run_env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
    run_env.update(env)
    outputs = {"run log": nf.log(), "/metrics": metrics_page}
    for name, args in [("config", ["config", *channels]),
                       ("config --log-level debug", ["config", *channels, "--log-level", "debug"]),
                       ("config with a bad value", ["config", *channels, "--set", "run.batch_size=lots"])]:
        r = subprocess.run([ctx.newsflow, *args], env=run_env, capture_output=True, text=True, timeout=60)
        outputs[f"`newsflow {name}` (exit {r.returncode})"] = r.stdout + r.stderr
        if name == "config":
            check(r.returncode == 0, f"newsflow config failed: {r.stderr}")
            check("kafka.sasl_password = ****" in r.stdout, f"newsflow config does not mask the password:\n{r.stdout}")
    for where, text in outputs.items():
        for channel, secret in pw.items():
            check(secret not in text, f"the password set through {channel} appears in {where}")
    log(f"secrets: {len(pw)} passwords (file, file -X, env, --set, --set -X, -X) in none of {list(outputs)}")

    # One warning naming every ignored variable, and JSON lines throughout.
    lines = nf.log().splitlines()
    warnings = [line for line in lines if "name no newsflow setting" in line]
    check(len(warnings) == 1, f"{len(warnings)} warnings about ignored variables, expected one")
    for var in SERVICE_LINKS:
        check(var in warnings[0], f"the warning does not name {var}: {warnings[0]}")
    check("NEWSFLOW_KAFKA_SASL_PASSWORD" not in warnings[0], "a known variable was reported as ignored")
    fields = {}
    for line in lines:
        try:
            doc = json.loads(line)
        except ValueError:
            check(False, f"log line is not JSON: {line[:200]}")
        check(isinstance(doc, dict) and {"time", "level", "message"} <= doc.keys(), f"log line lacks time/level/message: {line[:200]}")
        for k in doc.keys() - {"time", "level", "message"}:
            fields.setdefault(k, doc[k])
    for k in ("worker", "topic", "partition", "error_class", "kafka_facility"):
        check(k in fields, f"no log line carries the field {k} (seen: {sorted(fields)})")
    log(f"secrets: {len(lines)} JSON log lines; fields seen {sorted(fields)}")


if __name__ == "__main__":
    main({"health_outage": health_outage, "cloudevents": cloudevents, "secrets": secrets})
