#!/usr/bin/python3
"""The stage under broker and network faults (exactly-once unless --guarantee), on a broker of
its own (the faults would disturb the shared one):

  broker_freeze    the broker process stopped (SIGSTOP) for --down seconds
  broker_restart   the broker stopped cleanly and started again after --down s
  network_latency  1 s of added latency each way through Toxiproxy
  network_cut      the connection through Toxiproxy cut (proxy disabled)
  broker_gone      the broker frozen for longer than processing.outage_limit
                   (set to 15 s): the stage gives up, exits 1, and says why

Load is produced at a steady rate all along (directly to the broker, not
through the proxy). Afterwards a read_committed reader checks that every id
is on the output exactly once; the stage must have stayed up, logged that it
was waiting and that it resumed (outages), and counted the wait in
newsflow_broker_wait_seconds_total (a batch waited) or
newsflow_broker_unreachable_seconds_total (no connection, seen idle).

    faults.py SCENARIO --newsflow BIN --source-dir DIR --work-dir DIR [--down 30] [--guarantee at_least_once]
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import types
import urllib.request

from nfkafka import (BackgroundProducer, Broker, Context, Newsflow, Produced, TestFailure, article_bytes, check, free_port, has_all_ids,
                     ids_of, log, make_articles, read_topic)


class Toxiproxy:
    """A Toxiproxy server (the Go module's `server` binary) with one proxy."""

    def __init__(self, binary, work_dir, listen_port, upstream_port):
        self.api = f"http://127.0.0.1:{free_port()}"
        port = self.api.rsplit(":", 1)[1]
        self.log = open(os.path.join(work_dir, "toxiproxy.log"), "wb")
        self.proc = subprocess.Popen([binary, "-host", "127.0.0.1", "-port", port], stdout=self.log,
                                     stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        while True:
            try:
                self.call("GET", "/version")
                break
            except OSError:
                check(time.time() < deadline and self.proc.poll() is None, "toxiproxy did not start")
                time.sleep(0.2)
        self.call("POST", "/proxies", {"name": "kafka", "listen": f"127.0.0.1:{listen_port}",
                                       "upstream": f"127.0.0.1:{upstream_port}", "enabled": True})

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.api + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.read()

    def latency(self, ms):
        for stream in ("upstream", "downstream"):
            self.call("POST", "/proxies/kafka/toxics", {"name": f"latency_{stream}", "type": "latency",
                                                        "stream": stream, "attributes": {"latency": ms, "jitter": 50}})

    def clear(self):
        for stream in ("upstream", "downstream"):
            try:
                self.call("DELETE", f"/proxies/kafka/toxics/latency_{stream}")
            except OSError:
                pass

    def enable(self, on):
        self.call("POST", "/proxies/kafka", {"enabled": on})

    def close(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.log.close()


def own_broker(source_dir, work_dir, proxied_port=None):
    state = os.path.join(work_dir, "broker")
    env = dict(os.environ, KAFKA_STATE_DIR=state)
    if proxied_port:
        env["KAFKA_PROXIED_PORT"] = str(proxied_port)
    r = subprocess.run([os.path.join(source_dir, "scripts", "kafka"), "start"], env=env, capture_output=True,
                       text=True, timeout=300)
    check(r.returncode == 0, f"scripts/kafka start failed:\n{r.stderr[-3000:]}")
    return state, env


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenario", choices=["broker_freeze", "broker_restart", "network_latency", "network_cut",
                                         "broker_gone"])
    ap.add_argument("--newsflow", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--work-dir", required=True)
    ap.add_argument("--down", type=float, default=30.0, help="seconds the fault lasts")
    ap.add_argument("--guarantee", choices=["exactly_once", "at_least_once"], default="exactly_once",
                    help="at_least_once reports the ids that came out twice instead of failing on them")
    ap.add_argument("--toxiproxy", help="Toxiproxy server binary (default: scripts/go-tool toxiproxy installs it)")
    args = ap.parse_args()
    os.makedirs(args.work_dir, exist_ok=True)
    source_dir, work_dir = os.path.abspath(args.source_dir), os.path.abspath(args.work_dir)
    network = args.scenario.startswith("network")
    proxy_port = free_port() if network else None
    state, env = own_broker(source_dir, work_dir, proxy_port)
    ctx = Context(os.path.abspath(args.newsflow), source_dir, work_dir, state)
    proxy = None
    started = time.time()
    try:
        ctx.broker = broker = Broker(state)
        if network:
            binary = args.toxiproxy or subprocess.run([os.path.join(source_dir, "scripts", "go-tool"), "toxiproxy"],
                                                      check=True, capture_output=True, text=True).stdout.strip()
            upstream = int(open(os.path.join(state, "proxied_upstream")).read())
            proxy = Toxiproxy(binary, work_dir, proxy_port, upstream)
        topics = broker.stage_topics(args.scenario.replace("_", "-"), input_partitions=4, output_partitions=4)
        rate, seconds = 200, args.down + 30
        articles = make_articles(int(rate * seconds), seed=41, id_prefix=topics.base)
        ids = [a["id"] for a in articles]
        records = [Produced(a["id"].encode(), article_bytes(a), []) for a in articles]
        via = types.SimpleNamespace(bootstrap=f"127.0.0.1:{proxy_port}") if network else broker
        extra = ["--set", "run.workers=1", "--set", f"processing.guarantee={args.guarantee}"]
        if args.scenario == "broker_gone":
            extra += ["--set", "processing.outage_limit=15s"]
        nf = Newsflow(ctx.newsflow, via, topics, args.scenario, extra, work_dir)
        ctx.instances.append(nf)
        nf.start(ready_timeout=90)
        producer = BackgroundProducer(broker.bootstrap, topics.input, records, rate,
                                      message_timeout_s=max(300, args.down + 180))
        producer.start()
        time.sleep(10)
        log(f"{args.scenario}: fault on for {args.down:.0f}s ({producer.sent} records produced)")
        pid = int(open(os.path.join(state, "pid")).read())
        if args.scenario == "broker_gone":
            os.kill(pid, signal.SIGSTOP)
            try:
                rc = nf.proc.wait(args.down + 60)
            except subprocess.TimeoutExpired:
                rc = None
            os.kill(pid, signal.SIGCONT)
            text = nf.log()
            log(f"broker_gone: the stage exited {rc}")
            check(rc == 1, f"expected exit 1 after processing.outage_limit, got {rc}\n" + nf.log_tail())
            check("processing.outage_limit" in text and "gave up after" in text,
                  "the exit does not say it gave up after the outage limit\n" + nf.log_tail())
            producer.join(120)
            print(f"PASS {args.scenario} in {time.time() - started:.1f}s", flush=True)
            return
        if args.scenario == "broker_freeze":
            os.kill(pid, signal.SIGSTOP)
            time.sleep(args.down)
            os.kill(pid, signal.SIGCONT)
        elif args.scenario == "broker_restart":
            r = subprocess.run([os.path.join(source_dir, "scripts", "kafka"), "restart", str(args.down)], env=env,
                               capture_output=True, text=True, timeout=args.down + 300)
            check(r.returncode == 0, f"scripts/kafka restart failed:\n{r.stderr[-3000:]}")
        elif args.scenario == "network_latency":
            proxy.latency(1000)
            time.sleep(args.down)
            proxy.clear()
        else:
            proxy.enable(False)
            time.sleep(args.down)
            proxy.enable(True)
        log(f"{args.scenario}: fault off")
        check(nf.running(), "the stage exited during the fault\n" + nf.log_tail())
        producer.join(300)
        check(producer.error is None, f"input producer failed: {producer.error}")
        try:
            out = read_topic(broker.bootstrap, topics.output, has_all_ids(ids), timeout=240,
                             what="every id on the output")
        except TestFailure as e:
            # Stuck or only unreadable (a transaction left open holds a
            # read_committed reader back)? The stage's own counters tell.
            counters = {name: nf.metric(name) for name in (
                "newsflow_records_consumed_total", "newsflow_records_produced_total",
                "newsflow_batches_committed_total", "newsflow_batches_aborted_total",
                "newsflow_broker_wait_seconds_total")} if nf.running() else "the stage is not running"
            raise TestFailure(f"{e}; the stage's counters: {counters}") from e
        counts = ids_of(out)
        twice = {k: v for k, v in counts.items() if v > 1}
        strangers = set(counts) - set(ids)
        # A batch in flight waits in the engine's retries; an idle stage (no
        # input either: the producer writes to the same broker) sees the
        # outage in its consumer's statistics. Which one happens is timing.
        waited = nf.metric("newsflow_broker_wait_seconds_total") or 0
        unreachable = nf.metric("newsflow_broker_unreachable_seconds_total") or 0
        aborted = nf.metric("newsflow_batches_aborted_total") or 0
        rc = nf.stop(signal.SIGTERM, timeout=90)
        text = nf.log()
        result = {"scenario": args.scenario, "guarantee": args.guarantee, "down_s": args.down, "ids": len(ids), "output": len(out),
                  "ids_twice": len(twice), "broker_wait_seconds": round(waited, 1),
                  "broker_unreachable_seconds": round(unreachable, 1), "batches_aborted": aborted,
                  "logged_waiting": "waiting for the broker" in text,
                  "logged_resumed": "went through after" in text or "broker connection back after" in text,
                  "exit": rc, "seconds": round(time.time() - started, 1)}
        log(f"{args.scenario}: RESULT {json.dumps(result)}")
        with open(os.path.join(work_dir, f"{args.scenario}.json"), "w") as f:
            json.dump(result, f)
        if args.guarantee == "exactly_once":
            check(not twice, f"{len(twice)} ids on the output more than once under exactly-once: {sorted(twice)[:3]}")
        check(not strangers, f"ids nobody produced: {sorted(strangers)[:3]}")
        check(rc == 0, f"SIGTERM after the fault: exit {rc}")
        if args.scenario != "network_latency":
            check(result["logged_waiting"], "the stage did not log that it was waiting for the broker")
            check(result["logged_resumed"], "the stage did not log that it resumed")
            check(waited > 0 or unreachable > 0, "neither newsflow_broker_wait_seconds_total nor "
                  "newsflow_broker_unreachable_seconds_total counted the outage")
    except Exception as e:
        print(f"FAIL {args.scenario}: {e if isinstance(e, TestFailure) else repr(e)}", flush=True)
        for nf in ctx.instances:
            print(nf.log_tail(60), flush=True)
        sys.exit(1)
    finally:
        for nf in ctx.instances:
            nf.kill_if_running()
        if proxy:
            proxy.close()
        subprocess.run([os.path.join(source_dir, "scripts", "kafka"), "stop"], env=env, capture_output=True)
    print(f"PASS {args.scenario} in {time.time() - started:.1f}s", flush=True)


if __name__ == "__main__":
    main()
