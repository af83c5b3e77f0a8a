#!/usr/bin/env python3
"""Scores the quotes processor against the hand-labelled set.

Runs `newsflow process` over the articles built by build_eval.py and prints,
per split and overall, quote precision/recall/F1 (a predicted quote matches a
gold one when their overlap is at least 80% of the longer span, one-to-one)
and speaker accuracy over matched quotes. Direct and partial quotes are
scored together; quotes labelled or predicted "scare" are left out on both
sides (a gold scare quote predicted as direct/partial still counts as a false
positive, because that prediction is not scare). Indirect speech is scored
the same way, separately, over the written articles only (the real ones
have no indirect labels), and does not gate the test.

    score_quotes.py NEWSFLOW_BINARY [--min-f1 0.90] [--min-speaker 0.90]
                    [--min-real-f1 F] [--min-real-speaker S] [--min-wn-f1 F]
                    [--min-wn-speaker S] [--min-wn19-f1 F] [--min-wn19-speaker S]
                    [--min-wn19b-f1 F] [--min-wn19b-speaker S]
                    [--min-wn19c-f1 F] [--min-wn19c-speaker S]
                    [--min-wn19d-f1 F] [--min-wn19d-speaker S]
                    [--min-wn19e-f1 F] [--min-wn19e-speaker S]
                    [--min-wn19f-f1 F] [--min-wn19f-speaker S]
                    [--min-wn19g-f1 F] [--min-wn19g-speaker S]
                    [--min-wn19h-f1 F] [--min-wn19h-speaker S]
                    [--min-wn20b-f1 F] [--min-wn20b-speaker S]
                    [--min-wn20c-f1 F] [--min-wn20c-speaker S]
                    [--min-wn20d-f1 F] [--min-wn20d-speaker S]
                    [--show-errors] [--split NAME]

--min-f1/--min-speaker gate every split but the real ones labelled by hand:
the news-please halves (np-dev, np-heldout), which have their own gates, and
the Wikinews dev set (wn-dev), gated by --min-wn-f1/--min-wn-speaker, and
the third real dev set (wn19-dev, Wikinews 2019), gated by --min-wn19-*,
and the fourth (wn19b-dev, the Wikinews 2019 articles after wn19-dev's),
gated by --min-wn19b-*, and the fifth (wn19c-dev, the Wikinews 2019 articles
after wn19b-dev's), gated by --min-wn19c-*, and the sixth (wn19d-dev, the
summer 2019 articles after wn19c-dev's), gated by --min-wn19d-*, and the
seventh (wn19e-dev, the September 2019 articles after wn19d-dev's), gated by
--min-wn19e-*, and the eighth (wn19f-dev, the autumn 2019 articles after
wn19e-dev's), gated by --min-wn19f-*, and the ninth (wn19g-dev, the October
2019 articles after wn19f-dev's), gated by --min-wn19g-*, and the tenth
(wn19h-dev, the November and December 2019 articles after wn19g-dev's),
gated by --min-wn19h-*, and the eleventh (wn20b-dev, the April to August 2020
articles after wn-dev's), gated by --min-wn20b-*, and the twelfth (wn20c-dev,
the August to October 2020 articles after wn20b-dev's), gated by
--min-wn20c-*, and the thirteenth (wn20d-dev, the late October to December
2020 articles after wn20c-dev's), gated by --min-wn20d-*.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_eval  # noqa: E402

SCORED = ("direct", "partial")


def norm_speaker(s):
    if s is None:
        return None
    s = s.strip().lower()
    for prefix in ("the ", "an ", "a "):
        if s.startswith(prefix):
            s = s[len(prefix):]
    return s


OPENING_MARKS = tuple(m.encode("utf-8") for m in ('"', "\u201c", "'", "\u2018", "\u00ab", "\u201e", "\u201a"))


def quoted_find(text_bytes, needle, start):
    """The first occurrence from start right after an opening mark (a gold
    quotation's words stand inside marks: a one-word quotation such as
    "special" is not the same word earlier in the writer's text), else the
    first occurrence, else -1."""
    first = at = text_bytes.find(needle, start)
    while at >= 0:
        if any(text_bytes[:at].endswith(m) for m in OPENING_MARKS):
            return at
        at = text_bytes.find(needle, at + 1)
    return first


def locate(text_bytes, gold_quotes, missing_ok=False):
    """Byte spans of gold quotes in the processed text, searched in order."""
    spans = []
    cursor = 0
    for q in gold_quotes:
        # normalize collapses runs of spaces (Wikinews puts two after a full stop)
        needle = re.sub(r"[ \t]+", " ", q["text"].strip()).encode("utf-8")
        at = quoted_find(text_bytes, needle, cursor)
        if at < 0:
            at = quoted_find(text_bytes, needle, 0)
        if at < 0 and missing_ok:
            continue  # normalize dropped the line (page chrome)
        if at < 0:
            raise SystemExit(f"gold quote not found in processed text: {q['text'][:60]!r}")
        spans.append((at, at + len(needle)))
        cursor = at + 1
    return spans


def overlap_ok(a, b):
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter >= 0.8 * max(a[1] - a[0], b[1] - b[0]) and inter > 0


class Tally:
    def __init__(self):
        self.tp = self.pred = self.gold = self.speaker_ok = 0
        self.null = 0  # matched quotes with a gold speaker that came out with none

    def add(self, other):
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold
        self.speaker_ok += other.speaker_ok
        self.null += other.null

    def line(self, name):
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        s = self.speaker_ok / self.tp if self.tp else 0.0
        return (f"{name:<22} gold {self.gold:4d}  pred {self.pred:4d}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
                f"speaker acc {s:.3f} ({self.speaker_ok}/{self.tp}), null speaker {self.null}"), f, s


def score(record, gold, kinds, errors):
    text = record["text"].encode("utf-8")
    gq = [q for q in gold["quotes"] if q["kind"] in kinds]
    gspans = locate(text, gq)
    preds = [q for q in record.get("quotes", []) if q["kind"] in kinds]
    t = Tally()
    t.gold, t.pred = len(gq), len(preds)
    used = set()
    for g, gs in zip(gq, gspans):
        best = None
        for i, p in enumerate(preds):
            if i in used:
                continue
            if overlap_ok(gs, (p["start"], p["end"])):
                best = i
                break
        if best is None:
            errors.append(f"  MISS {gold['id']}: {g['text'][:70]!r} ({g['speaker']})")
            continue
        used.add(best)
        t.tp += 1
        p = preds[best]
        # A gold null speaker means nobody is named; a role phrase (speaker_kind
        # role, "officials") says the same.
        named_nobody = g["speaker"] is None and p.get("speaker_kind") == "role"
        if named_nobody or norm_speaker(p.get("speaker")) == norm_speaker(g["speaker"]):
            t.speaker_ok += 1
        else:
            if p.get("speaker") is None and g["speaker"] is not None:
                t.null += 1
            errors.append(f"  SPEAKER {gold['id']}: {g['text'][:50]!r} gold={g['speaker']} pred={p.get('speaker')}")
    for i, p in enumerate(preds):
        if i not in used:
            errors.append(f"  EXTRA {gold['id']}: {p['text'][:70]!r} ({p.get('speaker')}, {p['kind']})")
    return t


# The Wikinews dev sets, each scored on its own line and gated by its own
# --min-<name>-f1/--min-<name>-speaker: (split prefix, label, what it is).
WIKINEWS_SETS = [
    ("wn", "Wikinews", "the Wikinews dev set"),
    ("wn19", "Wikinews 2019", "the third real dev set"),
    ("wn19b", "Wikinews 2019 b", "the fourth real dev set"),
    ("wn19c", "Wikinews 2019 c", "the fifth real dev set"),
    ("wn19d", "Wikinews 2019 d", "the sixth real dev set"),
    ("wn19e", "Wikinews 2019 e", "the seventh real dev set"),
    ("wn19f", "Wikinews 2019 f", "the eighth real dev set"),
    ("wn19g", "Wikinews 2019 g", "the ninth real dev set"),
    ("wn19h", "Wikinews 2019 h", "the tenth real dev set"),
    ("wn20b", "Wikinews 2020 b", "the eleventh real dev set"),
    ("wn20c", "Wikinews 2020 c", "the twelfth real dev set"),
    ("wn20d", "Wikinews 2020 d", "the thirteenth real dev set"),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("newsflow")
    ap.add_argument("--min-f1", type=float, default=0.90)
    ap.add_argument("--min-speaker", type=float, default=0.90)
    ap.add_argument("--min-real-f1", type=float, default=0.0,
                    help="gate for the news-please halves (np-*) together")
    ap.add_argument("--min-real-speaker", type=float, default=0.0)
    for name, _, described in WIKINEWS_SETS:
        ap.add_argument(f"--min-{name}-f1", type=float, default=0.0, help=f"gate for {described} ({name}-*)")
        ap.add_argument(f"--min-{name}-speaker", type=float, default=0.0)
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--split", help="score only this split")
    args = ap.parse_args()

    records, golds = build_eval.load()
    if args.split:
        keep = {g["id"] for g in golds if g["split"] == args.split}
        records = [r for r in records if r["id"] in keep]
        golds = [g for g in golds if g["id"] in keep]
    with tempfile.TemporaryDirectory() as tmp:
        inp, out, rej = (os.path.join(tmp, n) for n in ("in.ndjson", "out.ndjson", "rej.ndjson"))
        with open(inp, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        subprocess.run([args.newsflow, "process", "-i", inp, "-o", out, "-r", rej,
                        "--set", "dedup.enabled=false", "--set", "quotes.indirect=true", "--set", "log.level=warn"], check=True)
        produced = {}
        for line in open(out, encoding="utf-8"):
            rec = json.loads(line)
            produced[rec["id"]] = rec
    missing = [g["id"] for g in golds if g["id"] not in produced]
    if missing:
        raise SystemExit(f"articles missing from output: {missing}")

    n_quotes = sum(1 for g in golds for q in g["quotes"] if q["kind"] in SCORED)
    print(f"{len(golds)} articles, {n_quotes} gold direct/partial quotes, "
          f"{sum(1 for g in golds for q in g['quotes'] if q['kind'] == 'scare')} gold scare quotes, "
          f"{sum(1 for g in golds for q in g['quotes'] if q['kind'] == 'indirect')} gold indirect")
    errors = []
    splits = {}
    total = Tally()
    house = Tally()  # every split but the real ones: the --min-f1/--min-speaker gates
    real = Tally()   # the news-please halves (np-dev, np-heldout)
    wikinews = {name: Tally() for name, _, _ in WIKINEWS_SETS}  # the --min-<name>-* gates
    indirect = Tally()
    for g in golds:
        t = score(produced[g["id"]], g, SCORED, errors)
        splits.setdefault(g["split"], Tally()).add(t)
        total.add(t)
        if g["split"].startswith("np-"):
            real.add(t)
        elif g["split"].split("-", 1)[0] in wikinews:  # wn-dev, wn19b-dev, ...
            wikinews[g["split"].split("-", 1)[0]].add(t)
        else:
            house.add(t)
        if g["indirect_labelled"]:
            indirect.add(score(produced[g["id"]], g, ("indirect",), []))
    print("direct + partial quotes")
    for name in sorted(splits):
        print(splits[name].line(f"  split {name}")[0])
    print(total.line("  all")[0])
    line, f1, sacc = house.line("  all but np-*, wn*-*")
    print(line)
    rline, rf1, rsacc = real.line("  np-* (real)")
    print(rline)
    wikinews_scores = {}
    for name, label, _ in WIKINEWS_SETS:
        wline, wf1, wsacc = wikinews[name].line(f"  {name}-* ({label})")
        print(wline)
        wikinews_scores[name] = (wf1, wsacc)
    scare_total = scare_taken = 0
    for g in golds:
        rec = produced[g["id"]]
        scares = [q for q in g["quotes"] if q["kind"] == "scare"]
        spans = locate(rec["text"].encode("utf-8"), scares, missing_ok=True)
        preds = [(p["start"], p["end"]) for p in rec.get("quotes", []) if p["kind"] in SCORED]
        scare_total += len(scares)
        scare_taken += sum(1 for sp in spans if any(overlap_ok(sp, p) for p in preds))
    print(f"scare quotes, titles, nicknames: {scare_total} gold, {scare_taken} taken for direct/partial quotes")
    print("indirect speech (not gating; written articles only)")
    print(indirect.line("  all")[0])
    if args.show_errors:
        print("\n".join(errors))
    if f1 < args.min_f1 or sacc < args.min_speaker:
        print(f"FAIL: F1 {f1:.3f} (min {args.min_f1}) speaker accuracy {sacc:.3f} (min {args.min_speaker})")
        return 1
    if rf1 < args.min_real_f1 or rsacc < args.min_real_speaker:
        print(f"FAIL: real-article F1 {rf1:.3f} (min {args.min_real_f1}) speaker accuracy {rsacc:.3f} "
              f"(min {args.min_real_speaker})")
        return 1
    for name, label, _ in WIKINEWS_SETS:
        wf1, wsacc = wikinews_scores[name]
        min_f1, min_speaker = getattr(args, f"min_{name}_f1"), getattr(args, f"min_{name}_speaker")
        if wikinews[name].gold and (wf1 < min_f1 or wsacc < min_speaker):
            print(f"FAIL: {label} F1 {wf1:.3f} (min {min_f1}) speaker accuracy {wsacc:.3f} (min {min_speaker})")
            return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
