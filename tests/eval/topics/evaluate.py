#!/usr/bin/env python3
"""Scores the topics processor through the production path `newsflow process`.

Prints the first-topic top-level accuracy on the real articles of
real_gold.tsv per split (dev / heldout; strict, and lenient: any branch an
editor could defend), top-level (IPTC level-1) micro-F1, precision of the first topic,
coverage, the non-English check, and entity precision/recall on the labelled
subset (entities_gold.tsv). Exits 1 when micro-F1 < 0.80, first-topic
precision < 0.85, the real first-topic accuracy (both halves) < 0.73, the
2004 Wikinews set's first-topic accuracy < 0.70, the fresh 2020 Wikinews set's < 0.80,
the fresh 2004 one's (wikinewssum_2004b.txt) < 0.70, the third fresh 2004 one's
(wikinewssum_2004c.txt) < 0.84, the fresh Global Voices set's (globalvoices_2012.txt)
< 0.58, the second one's (globalvoices_2004.txt) < 0.12, the third one's
(globalvoices_2012b.txt) < 0.62, the fourth one's (globalvoices_2012c.txt) < 0.45, the
fifth one's (globalvoices_2012d.txt) < 0.40, the sixth one's (globalvoices_2012e.txt) < 0.46,
or a non-English article gets topics.

usage: evaluate.py NEWSFLOW_BINARY [--dir DIR] [--keep OUT.ndjson] [--show-errors [--show-heldout]]

--show-errors lists the errors of every article except those of the held-out
half of real_gold.tsv and of the final Wikinews check (wikinews/final_*.txt),
so tuning never sees those stories; --show-heldout adds them (for a final
review only).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import wikinews

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_MICRO_F1 = 0.80
MIN_FIRST_PRECISION = 0.85
# Strict first-topic accuracy over both halves of real_gold.tsv together
# (0.631 when this gate was first set, 0.665 when raised to 0.64, 0.700 when
# raised to 0.68, 0.719 when raised to 0.70, 0.724 at the end of that round, 0.719 after the fifth,
# 0.754 when raised to 0.73 in the seventh; the target is 0.85 on the held-out half). The
# Wikinews articles are reported, not gated.
MIN_REAL_FIRST = 0.73
# Strict first-topic accuracy on the 2004 Wikinews set (wikinews/wikinewssum_2004.txt),
# gated like the fresh 2020 set below: 0.719 when it was first scored (fourteenth round).
MIN_WIKINEWS2004_FIRST = 0.70
# The same on the fresh 2020 set (wikinews/wikinews_2020b.txt): 0.844 when it was first
# scored, unseen, and 0.906 at the end of that round (fifteenth).
MIN_FRESH2020_FIRST = 0.80
# The same on the second, fresh 2004 set (wikinews/wikinewssum_2004b.txt): 0.732 when it
# was first scored, unseen, with main's binary (seventeenth round).
MIN_FRESH2004B_FIRST = 0.70
# The same on the third, fresh 2004-5 set (wikinews/wikinewssum_2004c.txt, 25 articles, one
# 0.04): 0.880 when it was first scored, unseen, with main's binary (eighteenth round).
MIN_FRESH2004C_FIRST = 0.84
# The same on the fresh Global Voices set (wikinews/globalvoices_2012.txt, 41 posts of May
# 2012, another source and another kind of news: citizen-media round-ups): 0.610 when it was
# first scored, unseen, with main's binary (nineteenth round).
MIN_FRESH_GV2012_FIRST = 0.58
# The same on the second fresh Global Voices set (wikinews/globalvoices_2004.txt, the site's
# 28 English posts of 2004, about blogging itself): 0.143 when it was first scored, unseen,
# with main's binary (twentieth round).
MIN_FRESH_GV2004_FIRST = 0.12
# The same on the third fresh Global Voices set (wikinews/globalvoices_2012b.txt, 29 posts of
# 10-12 May 2012 from the same 2012 export, a week after the first set's): 0.655 when it was
# first scored, unseen, with main's binary (twenty-second round).
MIN_FRESH_GV2012B_FIRST = 0.62
# The same on the fourth fresh Global Voices set (wikinews/globalvoices_2012c.txt, 22 posts of
# 11-14 May 2012, the next stretch of that export): 0.500 when it was first scored, unseen,
# with main's binary (twenty-third round).
MIN_FRESH_GV2012C_FIRST = 0.45
# The same on the fifth fresh Global Voices set (wikinews/globalvoices_2012d.txt, 34 posts of
# 14-15 May 2012, the next stretch of that export): 0.441 when it was first scored, unseen,
# with main's binary (twenty-fifth round).
MIN_FRESH_GV2012D_FIRST = 0.40
# The same on the sixth fresh Global Voices set (wikinews/globalvoices_2012e.txt, 28 posts of
# 15-17 May 2012, the next stretch of that export): 0.500 when it was first scored, unseen,
# with main's binary (twenty-sixth round).
MIN_FRESH_GV2012E_FIRST = 0.46
ENTITY_TYPES = ("person", "organization", "place")


def top_code(qcode):
    return qcode.split(":")[1][:2]


def read_gold(path):
    gold = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        aid, codes = (line.rstrip("\n").split("\t") + [""])[:2]
        gold[aid] = set(codes.split())
    return gold


def read_first_gold(path):
    """real_gold.tsv: id, split, first topic an editor would file under, other defensible ones;
    then the Wikinews articles (split from their file's header), whose labels live with their texts."""
    gold = {a["id"]: (a["split"], a["first"], a["also"]) for a in wikinews.read_articles()}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        aid, split, first, also = (line.rstrip("\n").split("\t") + [""])[:4]
        gold[aid] = (split, first, set(also.split()))
    return gold


def first_topic_report(first_gold, predicted, errors):
    """Per split: strict accuracy of the first topic's top level, and lenient (any defensible one)."""
    splits = {}
    for aid, (split, first, also) in first_gold.items():
        topics = predicted[aid].get("topics") or []
        got = top_code(topics[0]["top"]) if topics else None
        row = splits.setdefault(split, [0, 0, 0])
        row[0] += 1
        row[1] += got == first
        row[2] += got == first or got in also
        if got != first:
            errors.append((split, aid[:8], first, got, predicted[aid].get("title", "")[:70]))
    return {s: (n, strict / n, lenient / n) for s, (n, strict, lenient) in splits.items()}


def read_entity_gold(path, ids):
    gold = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        key, etype, names = line.rstrip("\n").split("\t")
        aid = next((i for i in ids if i == key or i.startswith(key)), None)
        if aid is None:
            sys.exit(f"entities_gold.tsv: no article {key}")
        gold.setdefault(aid, []).append((etype, set(names.split("|"))))
    return gold


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("newsflow")
    ap.add_argument("--dir", default=HERE)
    ap.add_argument("--keep", help="also write the enriched output here")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--show-heldout", action="store_true", help="with --show-errors: list held-out errors too")
    args = ap.parse_args()

    gold = read_gold(os.path.join(args.dir, "gold.tsv"))
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or os.path.join(tmp, "out.ndjson")
        rej = os.path.join(tmp, "rejects.ndjson")
        both = os.path.join(tmp, "in.ndjson")
        with open(both, "w", encoding="utf-8") as f:
            for name in ("articles.ndjson", "wikinews.ndjson"):
                f.write(open(os.path.join(args.dir, name), encoding="utf-8").read())
        cmd = [args.newsflow, "process", "-i", both, "-o", out, "-r", rej, "--set", "dedup.enabled=false"]
        subprocess.run(cmd, check=True)
        predicted = {}
        for line in open(out, encoding="utf-8"):
            rec = json.loads(line)
            predicted[rec["id"]] = rec
    missing = set(gold) - set(predicted)
    if missing:
        sys.exit(f"{len(missing)} articles missing from the output, e.g. {sorted(missing)[:3]}")

    by_source = {}  # source -> [tp, fp, fn]
    tp = fp = fn = 0
    first_right = first_total = covered = english = 0
    foreign_with_topics = foreign = 0
    errors = []
    for aid, codes in gold.items():
        topics = predicted[aid].get("topics") or []
        tops = {top_code(t["top"]) for t in topics}
        if not codes:
            foreign += 1
            foreign_with_topics += bool(topics)
            continue
        english += 1
        tp += len(tops & codes)
        fp += len(tops - codes)
        fn += len(codes - tops)
        source = "written" if aid.startswith("w-") else "seed" if aid == "seed" else "news-please sample"
        counts = by_source.setdefault(source, [0, 0, 0, 0])
        counts[0] += len(tops & codes)
        counts[1] += len(tops - codes)
        counts[2] += len(codes - tops)
        counts[3] += 1
        if topics:
            covered += 1
            first_total += 1
            ok = top_code(topics[0]["top"]) in codes
            first_right += ok
        if tops != codes:
            errors.append((aid, sorted(codes), [(t["id"], t["label"], top_code(t["top"]), t["score"]) for t in topics],
                           predicted[aid].get("title", "")))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    micro_f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    first_precision = first_right / first_total if first_total else 0.0

    entity_gold = read_entity_gold(os.path.join(args.dir, "entities_gold.tsv"), list(predicted))
    etp = efp = efn = 0
    entity_errors = []
    for aid, wanted in entity_gold.items():
        got = [(e["type"], e["text"]) for e in predicted[aid].get("entities") or [] if e["type"] in ENTITY_TYPES]
        for etype, text in got:
            if any(etype == t and text in names for t, names in wanted):
                etp += 1
            else:
                efp += 1
                entity_errors.append((aid[:8], "extra", etype, text))
        for etype, names in wanted:
            if not any(etype == t and text in names for t, text in got):
                efn += 1
                entity_errors.append((aid[:8], "missed", etype, "|".join(sorted(names))))
    eprecision = etp / (etp + efp) if etp + efp else 0.0
    erecall = etp / (etp + efn) if etp + efn else 0.0

    first_errors = []
    first = first_topic_report(read_first_gold(os.path.join(args.dir, "real_gold.tsv")), predicted, first_errors)
    for split, (n, strict, lenient) in sorted(first.items()):
        print(f"real first topic, {split}: top-level accuracy {strict:.3f} over {n} articles "
              f"(lenient, any defensible branch: {lenient:.3f})")
    print(f"articles: {english} English labelled, {foreign} in languages without terms")
    print(f"top-level micro-F1: {micro_f1:.3f} (precision {precision:.3f}, recall {recall:.3f}; "
          f"tp {tp}, fp {fp}, fn {fn})")
    for source, (stp, sfp, sfn, n) in sorted(by_source.items()):
        sf1 = 2 * stp / (2 * stp + sfp + sfn) if stp else 0.0
        print(f"  {source}: micro-F1 {sf1:.3f} over {n} articles")
    print(f"first-topic precision: {first_precision:.3f} ({first_right}/{first_total})")
    print(f"coverage (at least one topic): {covered}/{english}")
    print(f"non-English articles with topics: {foreign_with_topics}/{foreign}")
    print(f"entities ({len(entity_gold)} labelled articles): precision {eprecision:.3f}, recall {erecall:.3f} "
          f"(tp {etp}, fp {efp}, fn {efn})")
    if args.show_errors:
        first_gold = read_first_gold(os.path.join(args.dir, "real_gold.tsv"))
        unseen = {"heldout"} | wikinews.FINAL_SPLITS
        hidden = set() if args.show_heldout else {a for a, (split, _, _) in first_gold.items() if split in unseen}
        for e in errors:
            if e[0] not in hidden:
                print("TOPIC", e)
        for e in entity_errors:
            if not any(a.startswith(e[0]) for a in hidden):
                print("ENTITY", e)
        for e in first_errors:
            if e[0] not in unseen or args.show_heldout:
                print("FIRST", e)
        if hidden:
            print(f"({len(hidden)} held-out and final-check articles not listed; --show-heldout lists them)")

    failed = []
    if micro_f1 < MIN_MICRO_F1:
        failed.append(f"micro-F1 {micro_f1:.3f} < {MIN_MICRO_F1}")
    if first_precision < MIN_FIRST_PRECISION:
        failed.append(f"first-topic precision {first_precision:.3f} < {MIN_FIRST_PRECISION}")
    sample = [v for split, v in first.items() if split in ("dev", "heldout")]
    real_n = sum(n for n, _, _ in sample)
    real_first = sum(n * strict for n, strict, _ in sample) / real_n if real_n else 0.0
    if real_first < MIN_REAL_FIRST:
        failed.append(f"real first-topic accuracy {real_first:.3f} < {MIN_REAL_FIRST}")
    if "dev-wikinews2004" in first and first["dev-wikinews2004"][1] < MIN_WIKINEWS2004_FIRST:
        failed.append(f"dev-wikinews2004 first-topic accuracy {first['dev-wikinews2004'][1]:.3f} < {MIN_WIKINEWS2004_FIRST}")
    if "fresh-wikinews2020" in first and first["fresh-wikinews2020"][1] < MIN_FRESH2020_FIRST:
        failed.append(f"fresh-wikinews2020 first-topic accuracy {first['fresh-wikinews2020'][1]:.3f} < {MIN_FRESH2020_FIRST}")
    if "fresh-wikinews2004b" in first and first["fresh-wikinews2004b"][1] < MIN_FRESH2004B_FIRST:
        failed.append(f"fresh-wikinews2004b first-topic accuracy {first['fresh-wikinews2004b'][1]:.3f} < {MIN_FRESH2004B_FIRST}")
    if "fresh-wikinews2004c" in first and first["fresh-wikinews2004c"][1] < MIN_FRESH2004C_FIRST:
        failed.append(f"fresh-wikinews2004c first-topic accuracy {first['fresh-wikinews2004c'][1]:.3f} < {MIN_FRESH2004C_FIRST}")
    if "fresh-globalvoices2012" in first and first["fresh-globalvoices2012"][1] < MIN_FRESH_GV2012_FIRST:
        failed.append(f"fresh-globalvoices2012 first-topic accuracy {first['fresh-globalvoices2012'][1]:.3f} < {MIN_FRESH_GV2012_FIRST}")
    if "fresh-globalvoices2004" in first and first["fresh-globalvoices2004"][1] < MIN_FRESH_GV2004_FIRST:
        failed.append(f"fresh-globalvoices2004 first-topic accuracy {first['fresh-globalvoices2004'][1]:.3f} < {MIN_FRESH_GV2004_FIRST}")
    if "fresh-globalvoices2012b" in first and first["fresh-globalvoices2012b"][1] < MIN_FRESH_GV2012B_FIRST:
        failed.append(f"fresh-globalvoices2012b first-topic accuracy {first['fresh-globalvoices2012b'][1]:.3f} < {MIN_FRESH_GV2012B_FIRST}")
    if "fresh-globalvoices2012c" in first and first["fresh-globalvoices2012c"][1] < MIN_FRESH_GV2012C_FIRST:
        failed.append(f"fresh-globalvoices2012c first-topic accuracy {first['fresh-globalvoices2012c'][1]:.3f} < {MIN_FRESH_GV2012C_FIRST}")
    if "fresh-globalvoices2012d" in first and first["fresh-globalvoices2012d"][1] < MIN_FRESH_GV2012D_FIRST:
        failed.append(f"fresh-globalvoices2012d first-topic accuracy {first['fresh-globalvoices2012d'][1]:.3f} < {MIN_FRESH_GV2012D_FIRST}")
    if "fresh-globalvoices2012e" in first and first["fresh-globalvoices2012e"][1] < MIN_FRESH_GV2012E_FIRST:
        failed.append(f"fresh-globalvoices2012e first-topic accuracy {first['fresh-globalvoices2012e'][1]:.3f} < {MIN_FRESH_GV2012E_FIRST}")
    if foreign_with_topics:
        failed.append(f"{foreign_with_topics} non-English articles got topics")
    if failed:
        print("FAIL: " + "; ".join(failed))
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
