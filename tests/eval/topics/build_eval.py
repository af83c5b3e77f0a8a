#!/usr/bin/env python3
"""Builds the topics evaluation set: articles.ndjson (input records for
`newsflow process`, without a language field so detection runs) and
gold.tsv (id, IPTC level-1 codes).

Sources: the news-please sample (labels in sample_labels.tsv), the seed
article, the articles in written_articles.py, and the Wikinews articles under
wikinews/ (Wikinews, CC BY 2.5, and Global Voices, CC BY 3.0; written to
wikinews.ndjson, each with its site as source; first-topic labels only, so
they are not in gold.tsv and count in the first-topic figures, not in micro-F1).

usage: build_eval.py [--sample DIR] [--seed FILE] [--out DIR]
"""
import argparse
import csv
import json
import os
import sys
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SEED_LABELS = ["11", "16"]  # NATO's stance on China's support for Russia's war


def read_labels(path):
    by_key = {}
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        key, codes = line.split("\t")
        by_key[key] = codes.split()
    return by_key


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", default=os.path.join(ROOT, "..", "..", "shared", "data", "news-please-sample"))
    ap.add_argument("--seed", default=os.path.join(ROOT, "samples", "seed.ndjson"))
    ap.add_argument("--out", default=HERE)
    args = ap.parse_args()

    labels = read_labels(os.path.join(HERE, "sample_labels.tsv"))
    records, gold = [], []

    seed = json.loads(open(args.seed, encoding="utf-8").readline())
    seed.pop("language", None)
    seed["id"] = "seed"
    records.append(seed)
    gold.append(("seed", SEED_LABELS))

    with open(os.path.join(args.sample, "events.tsv"), encoding="utf-8") as f:
        events = list(csv.DictReader(f, delimiter="\t"))
    for row in events:
        aid = row["id"]
        codes = next((labels[k] for k in labels if len(k) == 8 and aid.startswith(k)), labels.get(row["event"]))
        if codes is None:
            sys.exit(f"no label for {aid} ({row['event']})")
        if codes == ["exclude"]:
            continue
        doc = json.load(open(os.path.join(args.sample, "articles", aid + ".json"), encoding="utf-8"))
        records.append({
            "id": aid,
            "url": doc.get("url") or "",
            "source": doc.get("source_domain") or "",
            "title": doc.get("title") or "",
            "body": doc.get("text") or "",
            "published_at": (doc.get("date_publish") or "").replace(" ", "T") + ("Z" if doc.get("date_publish") else ""),
        })
        gold.append((aid, codes))

    sys.path.insert(0, HERE)
    from written_articles import ARTICLES
    for aid, codes, title, body in ARTICLES:
        records.append({"id": aid, "url": f"https://eval.newsflow.example/{aid}", "source": "newsflow eval",
                        "title": title, "body": body, "published_at": "2026-01-15T09:00:00Z"})
        gold.append((aid, codes))

    # The Wikinews records go to a file of their own, so articles.ndjson (the
    # corpus of the benchmarks and of the performance figures) stays as it was.
    from wikinews import read_articles
    with open(os.path.join(args.out, "wikinews.ndjson"), "w", encoding="utf-8") as f:
        for a in read_articles():
            f.write(json.dumps({"id": a["id"], "url": a["url"], "source": urlparse(a["url"]).netloc, "title": a["title"],
                                "body": a["text"], "published_at": a["date"] + "T12:00:00Z"},
                               ensure_ascii=False) + "\n")

    with open(os.path.join(args.out, "articles.ndjson"), "w", encoding="utf-8") as f:
        for r in records:
            if not r["published_at"]:
                del r["published_at"]
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(args.out, "gold.tsv"), "w", encoding="utf-8") as f:
        f.write("# id\tIPTC level-1 codes (empty: not English, expects no topics)\n")
        for aid, codes in gold:
            f.write(aid + "\t" + " ".join(codes) + "\n")
    print(f"{len(records)} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
