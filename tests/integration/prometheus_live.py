#!/usr/bin/python3
"""The compose stack's Prometheus wiring without Docker: Debian's real
`prometheus` server runs deploy/compose/prometheus.yml (target pointed at a
local `newsflow run` on the shared broker) with the rules of
deploy/prometheus/alerts.yml, and its HTTP API must show

- every metric of deploy/metrics.txt scraped under job="newsflow";
- every alert rule loaded and evaluating without error, and every alert
  expression of alerts.yml answering a query;
- NewsflowConsumerLagHigh firing while the stage is behind a burst of
  records, and NewsflowDown once the stage is stopped (killed) under load;
- with `newsflow lag --serve` scraped as job newsflow-lag (the group's lag
  from the brokers), NewsflowGroupLagHigh firing after the stage is stopped,
  when the stage's own lag metric is gone.

The rules run from a test copy with `for:` shortened to 3s and the lag
threshold lowered from 100000 to 300 records, so this takes a minute rather
than hours; the stage commits one record per transaction, slower than the burst on
purpose, so the lag is certain to build.

    prometheus_live.py prometheus_live --newsflow BIN --source-dir DIR --broker-state DIR --work-dir DIR
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import yaml

from nfkafka import Produced, article_bytes, check, free_port, log, main, make_articles, produce

FOR = "3s"
LAG_THRESHOLD = 300


def contract(source_dir):
    sys.path.insert(0, os.path.join(source_dir, "tests", "deploy"))
    import check_metric_refs
    metrics, _ = check_metric_refs.load_contract(os.path.join(source_dir, "deploy", "metrics.txt"))
    return metrics, check_metric_refs.alert_expressions(os.path.join(source_dir, "deploy", "prometheus", "alerts.yml"))


class Prometheus:
    def __init__(self, work_dir, config_path):
        self.port = free_port()
        self.log_path = os.path.join(work_dir, "prometheus.log")
        self.log = open(self.log_path, "wb")
        shutil.rmtree(f"{work_dir}/tsdb", ignore_errors=True)  # a previous run's series would answer queries
        self.proc = subprocess.Popen(
            ["prometheus", f"--config.file={config_path}", f"--storage.tsdb.path={work_dir}/tsdb",
             f"--web.listen-address=127.0.0.1:{self.port}"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                self.get("/-/ready", raw=True)
                return
            except OSError:
                check(self.proc.poll() is None, "prometheus exited at start-up\n" + self.tail())
                time.sleep(0.5)
        check(False, "prometheus not ready within 60s\n" + self.tail())

    def tail(self):
        with open(self.log_path, errors="replace") as f:
            return "".join(f.readlines()[-30:])

    def get(self, path, raw=False, **params):
        url = f"http://127.0.0.1:{self.port}{path}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        with urllib.request.urlopen(url, timeout=10) as r:
            body = r.read()
        return body if raw else json.loads(body)

    def query(self, expr):
        doc = self.get("/api/v1/query", query=expr)
        check(doc.get("status") == "success", f"query {expr!r}: {doc}")
        return doc["data"]["result"]

    def firing(self):
        return {a["labels"]["alertname"] for a in self.get("/api/v1/alerts")["data"]["alerts"] if a["state"] == "firing"}

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(30)
        self.log.close()


def test_config(source_dir, work_dir, target, lag_target):
    """deploy/compose/prometheus.yml with the targets, fast intervals and the rules' test copy."""
    with open(os.path.join(source_dir, "deploy", "compose", "prometheus.yml")) as f:
        config = yaml.safe_load(f)
    config["global"].update(scrape_interval="1s", evaluation_interval="1s")
    jobs = [j for j in config["scrape_configs"] if j["job_name"] == "newsflow"]
    check(len(jobs) == 1, "deploy/compose/prometheus.yml has no job newsflow")
    jobs[0]["static_configs"] = [{"targets": [target]}]
    lag_jobs = [j for j in config["scrape_configs"] if j["job_name"] == "newsflow-lag"]
    check(len(lag_jobs) == 1, "deploy/compose/prometheus.yml has no job newsflow-lag")
    lag_jobs[0]["static_configs"] = [{"targets": [lag_target]}]
    with open(os.path.join(source_dir, "deploy", "prometheus", "alerts.yml")) as f:
        rules = f.read()
    rules, n_for = re.subn(r"^(\s+)for: \S+$", rf"\1for: {FOR}", rules, flags=re.M)
    rules, n_lag = re.subn(r"\) > 100000$", f") > {LAG_THRESHOLD}", rules, flags=re.M)
    check(n_for >= 5 and n_lag == 2, f"test bug: alerts.yml changed shape ({n_for} for:, {n_lag} lag thresholds)")
    for rule_file in config["rule_files"]:
        with open(os.path.join(work_dir, rule_file), "w") as f:
            f.write(rules)
    path = os.path.join(work_dir, "prometheus.yml")
    with open(path, "w") as f:
        yaml.safe_dump(config, f)
    return path


def wait_until(condition, timeout, what, interval=1.0):
    started = time.time()
    last = None
    while time.time() < started + timeout:
        ok, last = condition()
        if ok:
            return time.time() - started
        time.sleep(interval)
    check(False, f"{what}: not within {timeout}s (last: {last})")


def prometheus_live(ctx):
    metrics, expressions = contract(ctx.source_dir)
    broker = ctx.broker
    topics = broker.stage_topics("prom", input_partitions=2, output_partitions=2)
    articles = make_articles(3040, seed=53, id_prefix=topics.base)
    # A few of each kind first: output, a duplicate (dropped), a dead letter.
    first = [Produced(a["id"].encode(), article_bytes(a), []) for a in articles[:40]]
    first += [first[0], Produced(b"bad", b"{not json", [])]
    produce(broker.bootstrap, topics.input, first)
    # One record per transaction keeps the stage behind the burst long
    # enough for the lag alert (it otherwise clears 3,000 records in ~2 s).
    nf = ctx.stage(topics, "prom", ["--workers", "1", "--set", "kafka.statistics_interval=1s",
                                    "--set", "run.batch_size=1", "--set", "processing.commit_records=1"]).start()
    lag_port = free_port()
    lag_log = open(os.path.join(ctx.work_dir, "lag.log"), "wb")
    exporter = subprocess.Popen([ctx.newsflow, "lag", "--brokers", broker.bootstrap, "--input-topic", topics.input,
                                 "--group", topics.group, "--serve", f"127.0.0.1:{lag_port}", "--interval", "1s"],
                                stdin=subprocess.DEVNULL, stdout=lag_log, stderr=subprocess.STDOUT)
    prom = Prometheus(ctx.work_dir, test_config(ctx.source_dir, ctx.work_dir, f"127.0.0.1:{nf.metrics_port}",
                                                f"127.0.0.1:{lag_port}"))
    try:
        def every_metric():
            have = {r["metric"]["__name__"] for r in prom.query('count by (__name__) ({job="newsflow", __name__=~"newsflow_.+"})')}
            missing = sorted(m for m, (kind, _) in metrics.items()
                             if (m + "_count" if kind == "histogram" else m) not in have)
            return not missing, missing
        took = wait_until(every_metric, 90, "every metric of deploy/metrics.txt in Prometheus")
        log(f"prom: all {len(metrics)} metrics of deploy/metrics.txt scraped after {took:.0f}s")

        for expr in expressions:  # as written in alerts.yml, not the test copy
            prom.query(expr)
        log(f"prom: all {len(expressions)} alert expressions of alerts.yml answer a query")

        produce(broker.bootstrap, topics.input, [Produced(a["id"].encode(), article_bytes(a), []) for a in articles[40:]])
        took = wait_until(lambda: ("NewsflowConsumerLagHigh" in prom.firing(), sorted(prom.firing())), 90,
                          "NewsflowConsumerLagHigh firing under a burst")
        lag = prom.query('sum(newsflow_consumer_lag{job="newsflow"})')
        log(f"prom: NewsflowConsumerLagHigh firing {took:.0f}s into the burst (lag {lag[0]['value'][1] if lag else '?'})")

        groups = prom.get("/api/v1/rules")["data"]["groups"]
        rules = [r for g in groups for r in g["rules"]]
        check(len(rules) == len(expressions), f"{len(rules)} rules loaded, alerts.yml has {len(expressions)}")
        for r in rules:
            check(r["health"] == "ok", f"rule {r['name']}: health {r['health']} {r.get('lastError')}")
        log(f"prom: {len(rules)} rules loaded, every one evaluating without error")

        nf.stop(signal.SIGKILL)
        took = wait_until(lambda: ("NewsflowDown" in prom.firing(), sorted(prom.firing())), 60,
                          "NewsflowDown firing once the stage is stopped")
        log(f"prom: NewsflowDown firing {took:.0f}s after the stage was killed under load")
        # Once the stage's own lag series are gone (stale after the failed
        # scrapes), only the exporter can keep the lag alert firing.
        wait_until(lambda: (not prom.query('newsflow_consumer_lag{job="newsflow"}'), None), 60,
                   "the stopped stage's lag series gone")
        time.sleep(5)  # more than the test rules' `for:`
        took = wait_until(lambda: ("NewsflowGroupLagHigh" in prom.firing(), sorted(prom.firing())), 60,
                          "NewsflowGroupLagHigh firing with the stage stopped")
        group_lag = prom.query('sum(newsflow_group_lag{job="newsflow-lag"})')
        check("NewsflowConsumerLagHigh" not in prom.firing(), "NewsflowConsumerLagHigh still firing without its series")
        log(f"prom: with the stage stopped and its lag series gone, NewsflowGroupLagHigh firing "
            f"(group lag from the brokers {group_lag[0]['value'][1] if group_lag else '?'}); "
            f"NewsflowConsumerLagHigh resolved")
        exported = {r["metric"]["__name__"] for r in prom.query('count by (__name__) ({job="newsflow-lag"})')}
        for name in ("newsflow_group_lag", "newsflow_group_lag_last_read_timestamp_seconds",
                     "newsflow_group_lag_read_errors_total"):
            check(name in exported, f"{name} not scraped from newsflow lag --serve")
    finally:
        prom.stop()
        exporter.terminate()
        check(exporter.wait(30) == 0, "newsflow lag --serve did not exit 0 on SIGTERM")
        lag_log.close()


if __name__ == "__main__":
    main({"prometheus_live": prometheus_live})
