#!/usr/bin/env python3
"""Writes the seed corpora under tests/fuzz/corpus/<target>/ from the bundled
samples (samples/*.ndjson), the bad records, the seed article and the deploy
config, plus hand-written edge cases. Deterministic; rerun after the samples
change:  python3 tests/fuzz/make-corpus.py
Inputs are capped at 64 KiB (the fuzz runs' -max_len)."""
import hashlib
import json
import os
import shutil

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
MAX = 65536


def lines(name):
    with open(os.path.join(root, "samples", name), "rb") as f:
        return [line.rstrip(b"\n") for line in f if line.strip()]


def write(target, items):
    out = os.path.join(here, "corpus", target)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    for item in items:
        item = item[:MAX]
        with open(os.path.join(out, hashlib.sha1(item).hexdigest()[:16]), "wb") as f:
            f.write(item)


articles = lines("articles.ndjson") + lines("seed.ndjson")
bad = lines("bad-articles.ndjson")
docs = [json.loads(a) for a in articles]
with open(os.path.join(root, "tests", "data", "seed-article.txt"), "rb") as f:
    seed_text = f.read()


def body(d):
    return next((d[k] for k in ("body", "text", "content", "maintext") if isinstance(d.get(k), str)), "")


def text(d):
    return (d.get("title", "") + "\n" + body(d)).encode()


base = b'{"id":"a","url":"https://example.org/x","title":"T","body":"B","published_at":"2025-01-01T09:00:00Z"}'
records = articles + bad + [
    base,
    b"\xef\xbb\xbf" + base,                                   # byte-order mark
    base[:-1] + b',"extra":' + b"[" * 70 + b"]" * 70 + b"}",  # too deep
    base[:-1] + b',"n":1e400,"m":123456789012345678901234567890}',
    base[:-1] + b',"body":"again"}',                          # duplicate key
    base[:-1] + b',"x":{"k":[1,2.5e-3,true,null,"\\u00e9\\ud83d\\ude00"]}}',
    b'{"url":"HTTP://WWW.Example.ORG:80/a/../b/?utm_source=x&b=2&a=1#f","content":"c","id":12}',
]
write("parser", records)
write("pipeline", records)  # the whole chain reads the same records
write("normalize", [text(d) for d in docs] + [seed_text, b"<p>a&amp;b&#x1F600;&nbsp;c</p>\n<br>\xc2\xa0\xe2\x80\xa8"])
write("quotes", [body(d).encode() for d in docs] + [seed_text] + [b for b in bad if b"quote-marks" in b])
write("topics", [text(d) for d in docs] + [seed_text])
write("dedup", [(d.get("url", "") + "\n" + body(d)).encode() for d in docs] + [
    b"HTTPS://www.Example.com:443/a/./b/../c/?utm_medium=x&fbclid=1&q=%41#frag\nshort",
    b"//example.com\n", b"mailto:x@y\n", b"http://[::1]:8080/?a=1&a=2\n"])
configs = []
with open(os.path.join(root, "deploy", "newsflow.yaml"), "rb") as f:
    configs.append(f.read())
configs += [b"kafka:\n  brokers: a:1\n  consumer:\n    fetch.min.bytes: 1\nrun:\n  workers: 2\n  batch_timeout: 250ms\n",
            b"input:\n  max_record_bytes: 4MiB\n  fields:\n    body: [text, body]\n",
            b"dedup:\n  window: 2d\n  on_duplicate: route\nlog:\n  level: debug\n", b"[1, 2]\n", b"a: &x 1\nb: *x\n"]
write("config", configs)
for target in ("parser", "normalize", "quotes", "topics", "dedup", "config", "pipeline"):
    n = len(os.listdir(os.path.join(here, "corpus", target)))
    print(f"corpus/{target}: {n} inputs")
