#!/usr/bin/python3
"""newsflow run against a secured Apache Kafka broker (scripts/kafka start
--secure: TLS listener, SASL_SSL listener with SCRAM-SHA-512 and PLAIN, ACLs
enforced), one scenario per ctest test; ctest runs them on a 3.9.1 broker
(SCRAM) and a 4.1.1 one (TLS, PLAIN, SCRAM refused), see docs/security.md:

    secure.py NAME --newsflow BIN --source-dir DIR --broker-state DIR --work-dir DIR

Set-up (topics, ACLs, test records, reading results) goes through the
PLAINTEXT listener, whose ANONYMOUS principal is the broker's super user;
newsflow itself connects only through TLS/SASL with its normal settings
(-X security.protocol=..., kafka.sasl_password from the environment).
"""

import json
import os
import re
import subprocess
import time

from nfkafka import (Broker, Newsflow, Produced, TestFailure, article_bytes, check, has_all_ids, log, main,
                     make_articles, produce, read_topic)

# Every wait for a refused connection to stop newsflow; librdkafka retries
# for ever on its own, so this bounds what newsflow adds.
FAIL_WITHIN = 60


class SecureBroker(Broker):
    def __init__(self, state_dir):
        super().__init__(state_dir)
        for name in ("bootstrap-ssl", "bootstrap-sasl-ssl", "scram-password", "tls/ca.crt"):
            if not os.path.exists(os.path.join(state_dir, name)):
                raise TestFailure(f"{state_dir}/{name} is missing: not a --secure broker?\n" + self.log_tail())
        self.ssl = self._read("bootstrap-ssl")
        self.sasl_ssl = self._read("bootstrap-sasl-ssl")
        self.password = self._read("scram-password")
        self.ca = os.path.join(state_dir, "tls", "ca.crt")

    def _read(self, name):
        with open(os.path.join(self.state_dir, name)) as f:
            return f.read().strip()

    def acl(self, source_dir, *args):
        r = subprocess.run([os.path.join(source_dir, "scripts", "kafka"), "acl", *args], capture_output=True,
                           text=True, timeout=180, env={**os.environ, "KAFKA_STATE_DIR": self.state_dir})
        check(r.returncode == 0, f"scripts/kafka acl {' '.join(args)} failed: {r.stderr[-2000:]}")

    def grant_stage(self, source_dir, topics):
        """All rights on the stage's topics, group and transactional ids (prefixes), as an operator would
        grant: exactly-once needs the transactional ids (<prefix>-<group>-<instance>-<worker>) too."""
        self.acl(source_dir, "--add", "--allow-principal", "User:newsflow", "--operation", "All",
                 "--resource-pattern-type", "prefixed", "--topic", topics.base, "--group", topics.base,
                 "--transactional-id", f"newsflow-{topics.base}")


class SecureNewsflow(Newsflow):
    """newsflow run connecting through one of the secured listeners."""

    def __init__(self, ctx, topics, name, bootstrap, extra, password=None):
        super().__init__(ctx.newsflow, ctx.broker, topics, name, extra, ctx.work_dir)
        self.args[self.args.index("--brokers") + 1] = bootstrap
        self.password = password

    def start(self, ready_timeout=90, wait_ready=True):
        log(f"{self.name}: {' '.join(self.args[1:])}")
        self.log_file = open(self.log_path, "wb")
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
        # The password as a deployment passes it: an environment variable
        # (a Kubernetes secret), never on the command line.
        if self.password is not None:
            env["NEWSFLOW_KAFKA_SASL_PASSWORD"] = self.password
        self.proc = subprocess.Popen(self.args, stdin=subprocess.DEVNULL, stdout=self.log_file,
                                     stderr=subprocess.STDOUT, cwd=self.work_dir, env=env)
        if not wait_ready:
            return self
        deadline = time.time() + ready_timeout
        while time.time() < deadline:
            if "newsflow run: ready" in self.log():
                log(f"{self.name}: ready (pid {self.proc.pid})")
                return self
            if self.proc.poll() is not None:
                raise TestFailure(f"{self.name} exited with {self.proc.returncode} before it was ready\n"
                                  + self.log_tail())
            time.sleep(0.2)
        raise TestFailure(f"{self.name} not ready within {ready_timeout}s\n" + self.log_tail())

    def wait_exit(self, timeout):
        started = time.time()
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise TestFailure(f"{self.name} still running {timeout}s after it should have stopped\n"
                              + self.log_tail())
        self.log_file.close()
        log(f"{self.name}: exited with {rc} after {time.time() - started:.1f}s more")
        return rc


def sasl_args(broker, ca=None, mechanism="SCRAM-SHA-512"):
    return ["-X", "security.protocol=SASL_SSL", "-X", f"sasl.mechanism={mechanism}",
            "-X", "sasl.username=newsflow", "-X", f"ssl.ca.location={ca or broker.ca}"]


def secure_stage(ctx, topics, name, bootstrap, extra, password=None):
    nf = SecureNewsflow(ctx, topics, name, bootstrap, extra, password)
    ctx.instances.append(nf)
    return nf


def listening_addresses(port):
    """The local addresses with a listening TCP socket on port (from /proc/net/tcp, tcp6)."""
    found = []
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(name) as f:
            for line in f.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                addr, p = local.rsplit(":", 1)
                if state == "0A" and int(p, 16) == port:
                    found.append("127.0.0.1" if addr == "0100007F" else addr)
    return found


def check_no_secret(secret, where, text):
    check(secret not in text, f"the SASL password appears in {where}")


def sasl_end_to_end(ctx, mechanism="SCRAM-SHA-512"):
    """newsflow consumes and produces over SASL_SSL (SCRAM-SHA-512, or PLAIN
    on Kafka 4; the broker's certificate verified against the test CA), with
    ACLs granting it only its own topics and group. The password is in no log
    line, not in `newsflow config`, not in dead-letter headers, not in the
    metrics and not in the /healthz and /readyz bodies."""
    broker = ctx.broker
    topics = broker.stage_topics("sasl", input_partitions=2, output_partitions=2)
    broker.grant_stage(ctx.source_dir, topics)
    articles = make_articles(40, seed=5, id_prefix=topics.base)
    bad = [Produced(b"bad-1", b'{"id": "bad-1", "body": ', [("traceparent", "x")]),
           Produced(b"bad-2", b'{"id": "bad-2", "deep": ' + b"[" * 100 + b"]" * 100 + b', "body": "x"}', [])]
    produce(broker.bootstrap, topics.input,
            [Produced(a["id"].encode(), article_bytes(a), []) for a in articles] + bad)

    nf = secure_stage(ctx, topics, "sasl", broker.sasl_ssl, sasl_args(broker, mechanism=mechanism),
                      broker.password).start()
    ids = [a["id"] for a in articles]
    out = read_topic(broker.bootstrap, topics.output, has_all_ids(ids), timeout=120, what="every id on the output")
    check({r.key.decode() for r in out} == set(ids), "output ids differ from the input ids")
    dlq = read_topic(broker.bootstrap, topics.dlq, lambda rs: len(rs) >= 2, timeout=60, what="two dead letters")
    classes = sorted(r.header("newsflow.error.class").decode() for r in dlq)
    check(classes == ["not_json", "too_deep"], f"dead-letter classes {classes}")
    metrics = nf.metrics()
    health = {path: nf.http_body(path) for path in ("/healthz", "/readyz")}
    check(all(health.values()), f"empty health bodies: {health}")
    # The unauthenticated metrics listener binds exactly the address given.
    bound = listening_addresses(nf.metrics_port)
    check(bound == ["127.0.0.1"], f"metrics listener on port {nf.metrics_port} bound to {bound}, not 127.0.0.1 only")
    rc = nf.stop()
    check(rc == 0, f"newsflow exited with {rc} after SIGTERM\n" + nf.log_tail())

    # The password both ways an operator may give it: the setting (from the
    # environment) and a librdkafka property in the file.
    config_file = os.path.join(ctx.work_dir, "secure.yaml")
    with open(config_file, "w") as f:
        f.write(f"kafka:\n  brokers: {broker.sasl_ssl}\n  producer:\n    security.protocol: SASL_SSL\n"
                f"    sasl.username: newsflow\n    sasl.password: {broker.password}\n")
    config = subprocess.run([ctx.newsflow, "config", "-c", config_file], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "NEWSFLOW_KAFKA_SASL_PASSWORD": broker.password})
    check(config.returncode == 0, f"newsflow config failed: {config.stderr[-1000:]}")
    check("kafka.sasl_password" in config.stdout, "newsflow config does not list kafka.sasl_password")
    check_no_secret(broker.password, "newsflow config output", config.stdout + config.stderr)
    check_no_secret(broker.password, "the newsflow log", nf.log())
    check_no_secret(broker.password, "the metrics", metrics)
    for path, body in health.items():
        check_no_secret(broker.password, f"the {path} body", body)
    for r in dlq:
        for name, values in r.headers.items():
            for v in values:
                check_no_secret(broker.password.encode(), f"dead-letter header {name}", v)
    log(f"sasl: {len(out)} outputs, {len(dlq)} dead letters over SASL_SSL {mechanism} (Kafka {broker_version(ctx)}); "
        "no secret in logs, config, headers, metrics, /healthz, /readyz")


def _expect_refused(nf, patterns, secrets):
    nf.start(wait_ready=False)
    started = time.time()
    rc = nf.wait_exit(FAIL_WITHIN)
    text = nf.log()
    check(rc != 0, f"{nf.name}: exit status 0 though the broker refused it\n" + nf.log_tail())
    ours = [line for line in text.splitlines() if "cannot connect to Kafka" in line]
    check(len(ours) == 1, f"{nf.name}: {len(ours)} 'cannot connect to Kafka' lines, expected one\n" + nf.log_tail())
    for p in patterns:
        check(re.search(p, ours[0]), f"{nf.name}: the error does not say {p!r}: {ours[0]}")
    for s in secrets:
        check_no_secret(s, f"the {nf.name} log", text)
    log(f"{nf.name}: exit {rc} within {time.time() - started:.1f}s: {ours[0][:200]}")


def wrong_password(ctx):
    """A wrong SCRAM password: one clear error, non-zero exit, within FAIL_WITHIN s."""
    broker = ctx.broker
    topics = broker.stage_topics("badpw", 1, 1)
    broker.grant_stage(ctx.source_dir, topics)
    wrong = "not-" + broker.password[::-1]
    nf = secure_stage(ctx, topics, "badpw", broker.sasl_ssl, sasl_args(broker), wrong)
    _expect_refused(nf, [r"AUTHENTICATION", r"invalid credentials", r"kafka\.sasl_password"], [wrong, broker.password])


def untrusted_certificate(ctx):
    """The broker's certificate signed by a CA newsflow does not trust (a CA
    made here with openssl): one clear error, non-zero exit, bounded time.
    Then the right CA: end to end over the TLS listener."""
    broker = ctx.broker
    topics = broker.stage_topics("badca", 1, 1)
    other_ca = os.path.join(ctx.work_dir, "other-ca.crt")
    r = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=not the broker's CA", "-keyout", os.path.join(ctx.work_dir, "other-ca.key"),
                        "-out", other_ca], capture_output=True, text=True, timeout=60)
    check(r.returncode == 0, f"openssl failed: {r.stderr}")
    nf = secure_stage(ctx, topics, "badca", broker.ssl,
                      ["-X", "security.protocol=SSL", "-X", f"ssl.ca.location={other_ca}"])
    _expect_refused(nf, [r"_SSL|SSL", r"certificate verify failed"], [])
    # The same listener with the broker's CA: TLS itself works (records
    # flow), so the refusal above was the certificate and nothing else.
    articles = make_articles(5, seed=3, id_prefix=topics.base)
    produce(broker.bootstrap, topics.input, [Produced(a["id"].encode(), article_bytes(a), []) for a in articles])
    ok = secure_stage(ctx, topics, "goodca", broker.ssl,
                      ["-X", "security.protocol=SSL", "-X", f"ssl.ca.location={broker.ca}"]).start()
    read_topic(broker.bootstrap, topics.output, has_all_ids([a["id"] for a in articles]), timeout=90,
               what="every id on the output over TLS")
    check(ok.stop() == 0, "newsflow over TLS did not exit 0 on SIGTERM\n" + ok.log_tail())
    log(f"goodca: {len(articles)} articles end to end over TLS on Kafka {broker_version(ctx)}")


def own_lines(text, needle):
    """newsflow's own log messages (not librdkafka's) containing needle."""
    found = []
    for line in text.splitlines():
        try:
            message = json.loads(line).get("message", "")
        except ValueError:
            continue
        if needle in message and not message.startswith("librdkafka"):
            found.append(message)
    return found


def acl_denied_output(ctx, guarantee="exactly_once", mechanism="SCRAM-SHA-512"):
    """ACLs let newsflow read its input but deny writing its output topic: the
    first batch fails with an authorization error and the stage stops with a
    non-zero exit instead of retrying, its own fatal line naming the
    authorization failure and the topic. Under exactly-once the broker refuses
    adding the topic to the transaction and librdkafka reports the records only
    as purged; the line must still say what happened."""
    broker = ctx.broker
    name = "acl" if guarantee == "exactly_once" else "aclalo"
    topics = broker.stage_topics(name, 1, 1)
    broker.grant_stage(ctx.source_dir, topics)
    broker.acl(ctx.source_dir, "--add", "--deny-principal", "User:newsflow", "--operation", "Write",
               "--topic", topics.output)
    articles = make_articles(5, seed=9, id_prefix=topics.base)
    produce(broker.bootstrap, topics.input, [Produced(a["id"].encode(), article_bytes(a), []) for a in articles])
    nf = secure_stage(ctx, topics, name, broker.sasl_ssl,
                      sasl_args(broker, mechanism=mechanism) + ["--set", f"processing.guarantee={guarantee}"],
                      broker.password).start()
    started = time.time()
    rc = nf.wait_exit(FAIL_WITHIN + 60)  # run.delivery_timeout bounds it too
    text = nf.log()
    check(rc != 0, "newsflow exited 0 though its output topic is not writable\n" + nf.log_tail())
    fatal = own_lines(text, "stopped on a fatal error")
    check(fatal, "newsflow logged no fatal line of its own\n" + nf.log_tail())
    for line in fatal:
        check(re.search(r"not authorized|[Aa]uthorization failed", line) and f"'{topics.output}'" in line,
              f"newsflow's fatal line does not name the authorization failure and {topics.output}: {line}")
    check(not own_lines(text, "invalid state"), "newsflow's own lines speak of an invalid transaction state:\n"
          + "\n".join(own_lines(text, "invalid state")))
    committed = broker.committed(topics.group, topics.input, 1)
    check(committed.get(0, -1001) < 0, f"offsets were committed although nothing was delivered: {committed}")
    check_no_secret(broker.password, f"the {name} log", text)
    log(f"{name}: exit {rc} after {time.time() - started:.1f}s: {fatal[0][:300]}")


def broker_version(ctx):
    with open(os.path.join(ctx.broker.state_dir, "version")) as f:
        return f.read().strip()


def scram_refused_on_kafka4(ctx):
    """Debian 12's librdkafka 2.0.2 computes a SCRAM proof Kafka 4.x rejects
    (librdkafka#4895, fixed in 2.6.1): with the right password newsflow must
    still stop with one clear error that says so, non-zero, in bounded time,
    not retry for ever. Fails if SCRAM works: then move the SCRAM scenarios to
    Kafka 4 and drop this one."""
    broker = ctx.broker
    version = broker_version(ctx)
    check(version.startswith("4."), f"this scenario needs a Kafka 4 broker, not {version}")
    topics = broker.stage_topics("scram4", 1, 1)
    broker.grant_stage(ctx.source_dir, topics)
    nf = secure_stage(ctx, topics, "scram4", broker.sasl_ssl, sasl_args(broker), broker.password)
    _expect_refused(nf, [r"AUTHENTICATION", r"SCRAM", r"Kafka 4\.0 or later", r"2\.6\.1"], [broker.password])


if __name__ == "__main__":
    main({
        "sasl_end_to_end": sasl_end_to_end,
        "wrong_password": wrong_password,
        "untrusted_certificate": untrusted_certificate,
        "acl_denied_output": acl_denied_output,
        "acl_denied_output_at_least_once": lambda ctx: acl_denied_output(ctx, "at_least_once"),
        "scram_refused_on_kafka4": scram_refused_on_kafka4,
        "sasl_plain_end_to_end": lambda ctx: sasl_end_to_end(ctx, "PLAIN"),
        "acl_denied_output_plain": lambda ctx: acl_denied_output(ctx, mechanism="PLAIN"),
    }, broker_class=SecureBroker)
