#!/usr/bin/env python3
"""Scores the dedup processor on the labelled set through `newsflow process`.

A record is a gold duplicate when an earlier record in the stream belongs to
the same story. A duplicate decision is correct when the record is a gold
duplicate and duplicate_of names an earlier record of the same story.
Precision = correct / decisions, recall = correct / gold duplicates.
Exits 1 below precision 0.99 or recall 0.95.

usage: score.py NEWSFLOW_BINARY [DATA_DIR] [--set key=value ...]
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

MIN_PRECISION, MIN_RECALL = 0.99, 0.95


def main():
    binary = sys.argv[1]
    rest = sys.argv[2:]
    data_dir = os.path.dirname(os.path.abspath(__file__))
    if rest and not rest[0].startswith("--"):
        data_dir, rest = rest[0], rest[1:]
    gold = []
    with open(os.path.join(data_dir, "gold.tsv")) as f:
        next(f)
        for line in f:
            _, rid, story, kind, event = line.rstrip("\n").split("\t")
            gold.append((rid, story, kind, event))

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.ndjson")
        rejects = os.path.join(tmp, "rejects.ndjson")
        cmd = [binary, "process", "-i", os.path.join(data_dir, "articles.ndjson"), "-o", out, "-r", rejects,
               "--set", "dedup.on_duplicate=emit"] + rest
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr)
            sys.exit(f"newsflow process failed ({run.returncode})")
        records = [json.loads(l) for l in open(out) if l.strip()]
    if len(records) != len(gold):
        sys.exit(f"expected {len(gold)} output records, got {len(records)}")

    story_of_id = {}
    seen_stories = set()
    decisions = correct = gold_dups = 0
    per_kind = collections.defaultdict(lambda: [0, 0])  # kind -> [caught, gold duplicates]
    errors = []
    for (rid, story, kind, event), rec in zip(gold, records):
        if rec["id"] != rid:
            sys.exit(f"output order differs from input at id {rid}")
        d = rec["dedup"]
        is_gold_dup = story in seen_stories
        predicted = d["status"] != "unique"
        right = predicted and is_gold_dup and story_of_id.get(d.get("duplicate_of")) == story
        gold_dups += is_gold_dup
        decisions += predicted
        correct += right
        label = kind if kind != "original" else "original (real copy, or after a copy)"
        if is_gold_dup:
            per_kind[label][1] += 1
            per_kind[label][0] += right
        if predicted != is_gold_dup or (predicted and not right):
            errors.append(f"  {'FP' if predicted else 'FN'} {rid} ({kind}, {event}) status={d['status']} "
                          f"of={d.get('duplicate_of', '-')} sim={d['similarity']:.3f} method={d.get('method', '-')}")
        story_of_id.setdefault(rid, story)
        seen_stories.add(story)

    precision = correct / decisions if decisions else 1.0
    recall = correct / gold_dups if gold_dups else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"records {len(gold)}  gold duplicates {gold_dups}  decisions {decisions}  correct {correct}")
    print(f"precision {precision:.4f}  recall {recall:.4f}  F1 {f1:.4f}")
    print("recall by kind:")
    for kind in sorted(per_kind):
        caught, total = per_kind[kind]
        print(f"  {kind:32s} {caught:3d}/{total:3d}  {caught / total:.3f}")
    if errors:
        print("errors:")
        print("\n".join(errors))
    if precision < MIN_PRECISION or recall < MIN_RECALL:
        print(f"FAIL: needs precision >= {MIN_PRECISION} and recall >= {MIN_RECALL}")
        sys.exit(1)


if __name__ == "__main__":
    main()
