#!/usr/bin/env python3
"""Builds the quotes evaluation set from the hand-labelled article files.

Each articles_*.txt file holds articles separated by header lines
    === <id> | <source> | <split> | <title> [| <url>]
(the URL, when given, is the article's published address: its attribution)
followed by the body (paragraphs separated by blank lines). Gold labels are
written inline, around the words inside the quotation marks:
    {{quoted words|Speaker Name|kind}}   kind: direct (default), partial, scare
    {{quoted words|-}}                   nobody can be named (speaker null)
    [[reported clause|Speaker Name]]     indirect speech (scored separately)
The marks themselves stay outside the braces, so the gold span is exactly
"the words inside the marks".

    build_eval.py OUT.ndjson GOLD.json   writes the newsflow input and the gold
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD_RE = re.compile(r"\{\{(.*?)\}\}|\[\[(.*?)\]\]", re.S)


def parse_article(header, body, indirect_labelled):
    ident, source, split, title = [p.strip() for p in header.split("|", 3)]
    url = None
    if " | http" in title:
        title, url = title.rsplit(" | ", 1)
    text = []
    gold = []
    pos = 0
    for m in GOLD_RE.finditer(body):
        text.append(body[pos:m.start()])
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        parts = inner.rsplit("|", 2) if m.group(1) is not None else inner.rsplit("|", 1)
        if m.group(1) is not None:
            if len(parts) == 3 and parts[2] in ("direct", "partial", "scare"):
                words, speaker, kind = parts
            else:
                words, speaker = inner.rsplit("|", 1)
                kind = "direct"
        else:
            words, speaker = parts
            kind = "indirect"
        if "{{" in words or "[[" in words:
            raise SystemExit(f"{ident}: nested gold markup in {words[:40]!r}")
        gold.append({"text": words, "speaker": None if speaker.strip() == "-" else speaker.strip(), "kind": kind})
        text.append(words)
        pos = m.end()
    text.append(body[pos:])
    plain = "".join(text).strip()
    if "{{" in plain or "}}" in plain or "[[" in plain:
        raise SystemExit(f"{ident}: unbalanced gold markup")
    record = {
        "id": ident,
        "url": url or f"https://{source.lower().replace(' ', '')}.example/{ident}",
        "source": source,
        "title": title,
        "published_at": "2024-07-10T12:00:00Z",
        "body": plain,
    }
    return record, {"id": ident, "split": split, "source": source, "quotes": gold,
                    "indirect_labelled": indirect_labelled}


def load(directory=HERE):
    records, golds = [], []
    for path in sorted(glob.glob(os.path.join(directory, "articles_*.txt"))):
        content = open(path, encoding="utf-8").read()
        chunks = re.split(r"^=== (.*)$", content, flags=re.M)
        # Reported speech is labelled in the written articles only; the real
        # ones carry direct/partial/scare labels.
        # (the news-please files, articles_np_*, and the Wikinews ones,
        # articles_wn_*, articles_wn19*_ and articles_wn20*_, are real articles too).
        name = os.path.basename(path)
        indirect_labelled = not name.startswith(("articles_real", "articles_np_", "articles_wn_", "articles_wn19", "articles_wn20"))
        for header, body in zip(chunks[1::2], chunks[2::2]):
            record, gold = parse_article(header, body.strip("\n"), indirect_labelled)
            records.append(record)
            golds.append(gold)
    ids = [r["id"] for r in records]
    if len(set(ids)) != len(ids):
        raise SystemExit("duplicate article ids")
    return records, golds


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    records, golds = load()
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump(golds, out, ensure_ascii=False, indent=1)
    n = sum(len([q for q in g["quotes"] if q["kind"] in ("direct", "partial")]) for g in golds)
    print(f"{len(records)} articles, {n} direct/partial gold quotes")


if __name__ == "__main__":
    main()
