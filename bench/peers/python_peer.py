"""The stage a Python team would write instead of newsflow, for scripts/bench-e2e.

confluent-kafka consume -> datasketch MinHash LSH near-duplicates (5-word
shingles, 64 permutations, Jaccard threshold 0.7: duplicates are dropped, as
newsflow's default) -> pyahocorasick keyword topics over the same IPTC terms
(data/topics/en.terms: whole words, case-insensitive, trailing '*' a prefix;
the three best-weighted topics) -> a regular-expression quote extractor (a
quotation followed or preceded by a speech verb and a capitalised name) ->
produce, at-least-once: offsets are committed by hand after each batch has
been delivered.

    python_peer.py --bootstrap HOST:PORT --input TOPIC --output TOPIC --group GROUP --terms en.terms

Runs until SIGTERM or SIGINT; prints 'peer: ready' once it is assigned partitions.
"""

import argparse
import json
import re
import signal
import sys

import ahocorasick
from confluent_kafka import Consumer, KafkaError, Producer
from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+")
VERBS = r"(?:said|says|told|added|asked|warned|insisted|explained|wrote)"
NAME = r"((?:[A-Z][\w'’.-]+)(?:\s+[A-Z][\w'’.-]+){0,3})"
QUOTE = r"[\"“]([^\"“”]{8,1000})[\"”]"
QUOTE_THEN_SPEAKER = re.compile(QUOTE + r",?\s+" + NAME + r"\s+" + VERBS + "|" + QUOTE + r",?\s+" + VERBS + r"\s+" + NAME)
SPEAKER_THEN_QUOTE = re.compile(NAME + r"\s+" + VERBS + r":?\s*,?\s+" + QUOTE)


def load_terms(path):
    automaton = ahocorasick.Automaton()
    entries = {}
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line.startswith("medtop:"):
            continue
        code, weight, terms = (p.strip() for p in line.split("|"))
        for term in terms.split(","):
            term = term.strip().lower()
            prefix = term.endswith("*")
            term = term.rstrip("*").strip()
            if term:
                entries.setdefault(term, []).append((code, float(weight), prefix))
    for term, uses in entries.items():
        automaton.add_word(term, (len(term), uses))
    automaton.make_automaton()
    return automaton


def topics_of(automaton, text):
    lower = text.lower()
    scores = {}
    n = len(lower)
    for end, (length, uses) in automaton.iter(lower):
        start = end - length + 1
        if start > 0 and lower[start - 1].isalnum():
            continue
        after_is_word = end + 1 < n and lower[end + 1].isalnum()
        for code, weight, prefix in uses:
            if after_is_word and not prefix:
                continue
            scores[code] = scores.get(code, 0.0) + weight
    best = sorted(scores.items(), key=lambda kv: -kv[1])[:3]
    return [{"id": code, "score": round(score, 3)} for code, score in best]


def quotes_of(text):
    out = []
    for m in QUOTE_THEN_SPEAKER.finditer(text):
        quote = m.group(1) or m.group(3)
        speaker = m.group(2) or m.group(4)
        out.append({"text": quote, "speaker": speaker})
    for m in SPEAKER_THEN_QUOTE.finditer(text):
        out.append({"text": m.group(2), "speaker": m.group(1)})
    return out


class NearDuplicates:
    def __init__(self, threshold=0.7, num_perm=64):
        self.num_perm = num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)

    def seen(self, key, text):
        words = WORD.findall(text.lower())
        shingles = {" ".join(words[i:i + 5]) for i in range(max(1, len(words) - 4))}
        m = MinHash(num_perm=self.num_perm)
        m.update_batch(s.encode() for s in shingles)
        if self.lsh.query(m):
            return True
        if key not in self.lsh:
            self.lsh.insert(key, m)
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--output", required=True)
    ap.add_argument("--group", required=True)
    ap.add_argument("--terms", required=True)
    ap.add_argument("--batch", type=int, default=500)
    args = ap.parse_args()

    automaton = load_terms(args.terms)
    dedup = NearDuplicates()
    consumer = Consumer({"bootstrap.servers": args.bootstrap, "group.id": args.group, "enable.auto.commit": False,
                         "auto.offset.reset": "earliest"})
    producer = Producer({"bootstrap.servers": args.bootstrap, "enable.idempotence": True, "linger.ms": 20})
    failures = []
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    # Ready once it holds partitions, like newsflow's assignment: a paced
    # latency run produces only then.
    consumer.subscribe([args.input], on_assign=lambda _c, parts: print("peer: ready", flush=True) if parts else None)

    def delivered(err, _msg):
        if err is not None:
            failures.append(err)

    while not stop:
        batch = consumer.consume(args.batch, timeout=0.2)
        if not batch:
            continue
        for msg in batch:
            if msg.error():
                if msg.error().code() != KafkaError._PARTITION_EOF:
                    print(f"peer: consume error {msg.error()}", file=sys.stderr)
                continue
            try:
                article = json.loads(msg.value())
                title, body = article.get("title") or "", article.get("body") or ""
            except (ValueError, AttributeError):
                continue  # a real peer would dead-letter it; the benchmark input is all valid
            text = title + "\n\n" + body
            if dedup.seen(article.get("id") or str(msg.offset()), text):
                continue
            article["topics"] = topics_of(automaton, text)
            article["quotes"] = quotes_of(body)
            producer.produce(args.output, key=msg.key(), value=json.dumps(article, ensure_ascii=False).encode(),
                             on_delivery=delivered)
            producer.poll(0)
        # At-least-once: everything of the batch delivered, then its offsets.
        producer.flush(60)
        if failures:
            sys.exit(f"peer: {len(failures)} deliveries failed, first: {failures[0]}")
        consumer.commit(asynchronous=False)
    consumer.close()


if __name__ == "__main__":
    main()
