#!/usr/bin/env python3
"""Compares near-duplicate methods on the labelled set (text decisions only:
no id/URL matching), as used to choose the method in docs/dedup.md.

Runs `newsflow process --set dedup.enabled=false` to get the normalized text,
then replays the stream: each record is compared to the stories stored so far
(only first-seen copies are stored, as in the processor).

usage: compare_methods.py NEWSFLOW_BINARY   (pure Python, ~1 minute)
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
M = (1 << 64) - 1


def tokens(t):
    return re.findall(r"[^\W_]+", t.lower().replace("’", "'"))


def h64(s):
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little")


def mix(x):
    x = (x ^ (x >> 33)) * 0xFF51AFD7ED558CCD & M
    x = (x ^ (x >> 33)) * 0xC4CEB9FE1A85EC53 & M
    return x ^ (x >> 33)


def shingle_list(text, w=5):
    x = tokens(text)
    if len(x) < w:
        return [h64(" ".join(x))]
    return [h64(" ".join(x[i:i + w])) for i in range(len(x) - w + 1)]


def minhash(s, k, salt):
    return [min(mix(v ^ ((0x9E3779B97F4A7C15 * (i + 1 + salt)) & M)) for v in s) for i in range(k)]


def simhash(s):
    acc = [0] * 64
    for v in s:
        for b in range(64):
            acc[b] += 1 if (v >> b) & 1 else -1
    return sum(1 << b for b in range(64) if acc[b] > 0)


def features(text):
    lst = shingle_list(text)
    s = set(lst)
    pre = set(lst[:100])
    full16 = minhash(s, 16, 0)
    pm, fm = minhash(pre, 6, 1000), minhash(s, 6, 2000)
    bands = {("p", k, tuple(pm[2 * k:2 * k + 2])) for k in range(3)} | {("f", k, tuple(fm[2 * k:2 * k + 2])) for k in range(3)}
    return {"set": s, "simhash": simhash(s), "mh16": full16, "bands": bands,
            "sketch": [x & 0xFF for x in minhash(s, 32, 3000)]}


def containment_from_jaccard(j, n1, n2):
    return min(1.0, j * (n1 + n2) / ((1 + j) * min(n1, n2)))


def score(method, a, b):
    """Similarity of a to stored b, or None when b is not a candidate."""
    if method == "simhash":
        return 64 - bin(a["simhash"] ^ b["simhash"]).count("1")
    if method == "jaccard":
        return len(a["set"] & b["set"]) / len(a["set"] | b["set"])
    if method == "containment":
        return len(a["set"] & b["set"]) / min(len(a["set"]), len(b["set"]))
    if method == "minhash16":
        if not any(a["mh16"][2 * k:2 * k + 2] == b["mh16"][2 * k:2 * k + 2] for k in range(8)):
            return None
        j = sum(x == y for x, y in zip(a["mh16"], b["mh16"])) / 16
        return containment_from_jaccard(j, len(a["set"]), len(b["set"]))
    if method == "chosen":
        if not a["bands"] & b["bands"]:
            return None
        same = sum(x == y for x, y in zip(a["sketch"], b["sketch"]))
        if same < 6:
            return 0.0
        j = max(0.0, (same / 32 - 1 / 256) / (1 - 1 / 256))
        return containment_from_jaccard(j, len(a["set"]), len(b["set"]))


def evaluate(feats, stories, method, threshold):
    stored, seen = [], set()
    decisions = correct = gold = 0
    for f, story in zip(feats, stories):
        best = None
        for g, gs in stored:
            s = score(method, f, g)
            if s is not None and (best is None or s > best[0]):
                best = (s, gs)
        is_dup = story in seen
        gold += is_dup
        if best and best[0] >= threshold:
            decisions += 1
            correct += is_dup and best[1] == story
        else:
            stored.append((f, story))
        seen.add(story)
    return (correct / decisions if decisions else 1.0), correct / gold


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.ndjson")
        subprocess.run([binary, "process", "-i", os.path.join(HERE, "articles.ndjson"), "-o", out,
                        "--set", "dedup.enabled=false"], check=True, capture_output=True)
        texts = [json.loads(l)["text"] for l in open(out)]
    stories = [l.split("\t")[2] for l in open(os.path.join(HERE, "gold.tsv")).read().splitlines()[1:]]
    feats = [features(t) for t in texts]
    grid = [("simhash", "bits differing <=", [(61, 3), (58, 6), (54, 10)]),
            ("jaccard", "exact Jaccard >=", [(t, t) for t in (0.9, 0.7, 0.5)]),
            ("containment", "exact containment >=", [(t, t) for t in (0.9, 0.7, 0.6, 0.5)]),
            ("minhash16", "MinHash-16 LSH 8x2, containment >=", [(t, t) for t in (0.9, 0.8, 0.7)]),
            ("chosen", "prefix+full LSH, 32x8-bit containment >=", [(t, t) for t in (0.9, 0.8, 0.7, 0.6)])]
    for method, label, points in grid:
        for threshold, shown in points:
            p, r = evaluate(feats, stories, method, threshold)
            print(f"{label:44s} {shown:<5}  precision {p:.3f}  recall {r:.3f}")


if __name__ == "__main__":
    main()
