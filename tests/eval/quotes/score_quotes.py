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
gated by --min-wn19h-*.
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


def locate(text_bytes, gold_quotes, missing_ok=False):
    """Byte spans of gold quotes in the processed text, searched in order."""
    spans = []
    cursor = 0
    for q in gold_quotes:
        # normalize collapses runs of spaces (Wikinews puts two after a full stop)
        needle = re.sub(r"[ \t]+", " ", q["text"].strip()).encode("utf-8")
        at = text_bytes.find(needle, cursor)
        if at < 0:
            at = text_bytes.find(needle)
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("newsflow")
    ap.add_argument("--min-f1", type=float, default=0.90)
    ap.add_argument("--min-speaker", type=float, default=0.90)
    ap.add_argument("--min-real-f1", type=float, default=0.0,
                    help="gate for the news-please halves (np-*) together")
    ap.add_argument("--min-real-speaker", type=float, default=0.0)
    ap.add_argument("--min-wn-f1", type=float, default=0.0, help="gate for the Wikinews dev set (wn-*)")
    ap.add_argument("--min-wn-speaker", type=float, default=0.0)
    ap.add_argument("--min-wn19-f1", type=float, default=0.0, help="gate for the third real dev set (wn19-*)")
    ap.add_argument("--min-wn19-speaker", type=float, default=0.0)
    ap.add_argument("--min-wn19b-f1", type=float, default=0.0, help="gate for the fourth real dev set (wn19b-*)")
    ap.add_argument("--min-wn19b-speaker", type=float, default=0.0)
    ap.add_argument("--min-wn19c-f1", type=float, default=0.0, help="gate for the fifth real dev set (wn19c-*)")
    ap.add_argument("--min-wn19c-speaker", type=float, default=0.0)
    ap.add_argument("--min-wn19d-f1", type=float, default=0.0, help="gate for the sixth real dev set (wn19d-*)")
    ap.add_argument("--min-wn19d-speaker", type=float, default=0.0)
    ap.add_argument("--min-wn19e-f1", type=float, default=0.0, help="gate for the seventh real dev set (wn19e-*)")
    ap.add_argument("--min-wn19e-speaker", type=float, default=0.0)
    ap.add_argument("--min-wn19f-f1", type=float, default=0.0, help="gate for the eighth real dev set (wn19f-*)")
    ap.add_argument("--min-wn19f-speaker", type=float, default=0.0)
    ap.add_argument("--min-wn19g-f1", type=float, default=0.0, help="gate for the ninth real dev set (wn19g-*)")
    ap.add_argument("--min-wn19g-speaker", type=float, default=0.0)
    ap.add_argument("--min-wn19h-f1", type=float, default=0.0, help="gate for the tenth real dev set (wn19h-*)")
    ap.add_argument("--min-wn19h-speaker", type=float, default=0.0)
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
    wikinews = Tally()  # wn-dev: the --min-wn-* gates
    wikinews19 = Tally()  # wn19-dev: the --min-wn19-* gates
    wikinews19b = Tally()  # wn19b-dev: the --min-wn19b-* gates
    wikinews19c = Tally()  # wn19c-dev: the --min-wn19c-* gates
    wikinews19d = Tally()  # wn19d-dev: the --min-wn19d-* gates
    wikinews19e = Tally()  # wn19e-dev: the --min-wn19e-* gates
    wikinews19f = Tally()  # wn19f-dev: the --min-wn19f-* gates
    wikinews19g = Tally()  # wn19g-dev: the --min-wn19g-* gates
    wikinews19h = Tally()  # wn19h-dev: the --min-wn19h-* gates
    indirect = Tally()
    for g in golds:
        t = score(produced[g["id"]], g, SCORED, errors)
        splits.setdefault(g["split"], Tally()).add(t)
        total.add(t)
        if g["split"].startswith("np-"):
            real.add(t)
        elif g["split"].startswith("wn19-"):
            wikinews19.add(t)
        elif g["split"].startswith("wn19b-"):
            wikinews19b.add(t)
        elif g["split"].startswith("wn19c-"):
            wikinews19c.add(t)
        elif g["split"].startswith("wn19d-"):
            wikinews19d.add(t)
        elif g["split"].startswith("wn19e-"):
            wikinews19e.add(t)
        elif g["split"].startswith("wn19f-"):
            wikinews19f.add(t)
        elif g["split"].startswith("wn19g-"):
            wikinews19g.add(t)
        elif g["split"].startswith("wn19h-"):
            wikinews19h.add(t)
        elif g["split"].startswith("wn-"):
            wikinews.add(t)
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
    wline, wf1, wsacc = wikinews.line("  wn-* (Wikinews)")
    print(wline)
    w19line, w19f1, w19sacc = wikinews19.line("  wn19-* (Wikinews 2019)")
    print(w19line)
    w19bline, w19bf1, w19bsacc = wikinews19b.line("  wn19b-* (Wikinews 2019 b)")
    print(w19bline)
    w19cline, w19cf1, w19csacc = wikinews19c.line("  wn19c-* (Wikinews 2019 c)")
    print(w19cline)
    w19dline, w19df1, w19dsacc = wikinews19d.line("  wn19d-* (Wikinews 2019 d)")
    print(w19dline)
    w19eline, w19ef1, w19esacc = wikinews19e.line("  wn19e-* (Wikinews 2019 e)")
    print(w19eline)
    w19fline, w19ff1, w19fsacc = wikinews19f.line("  wn19f-* (Wikinews 2019 f)")
    print(w19fline)
    w19gline, w19gf1, w19gsacc = wikinews19g.line("  wn19g-* (Wikinews 2019 g)")
    print(w19gline)
    w19hline, w19hf1, w19hsacc = wikinews19h.line("  wn19h-* (Wikinews 2019 h)")
    print(w19hline)
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
    if wikinews.gold and (wf1 < args.min_wn_f1 or wsacc < args.min_wn_speaker):
        print(f"FAIL: Wikinews F1 {wf1:.3f} (min {args.min_wn_f1}) speaker accuracy {wsacc:.3f} "
              f"(min {args.min_wn_speaker})")
        return 1
    if wikinews19.gold and (w19f1 < args.min_wn19_f1 or w19sacc < args.min_wn19_speaker):
        print(f"FAIL: Wikinews 2019 F1 {w19f1:.3f} (min {args.min_wn19_f1}) speaker accuracy {w19sacc:.3f} "
              f"(min {args.min_wn19_speaker})")
        return 1
    if wikinews19b.gold and (w19bf1 < args.min_wn19b_f1 or w19bsacc < args.min_wn19b_speaker):
        print(f"FAIL: Wikinews 2019 b F1 {w19bf1:.3f} (min {args.min_wn19b_f1}) speaker accuracy {w19bsacc:.3f} "
              f"(min {args.min_wn19b_speaker})")
        return 1
    if wikinews19c.gold and (w19cf1 < args.min_wn19c_f1 or w19csacc < args.min_wn19c_speaker):
        print(f"FAIL: Wikinews 2019 c F1 {w19cf1:.3f} (min {args.min_wn19c_f1}) speaker accuracy {w19csacc:.3f} "
              f"(min {args.min_wn19c_speaker})")
        return 1
    if wikinews19d.gold and (w19df1 < args.min_wn19d_f1 or w19dsacc < args.min_wn19d_speaker):
        print(f"FAIL: Wikinews 2019 d F1 {w19df1:.3f} (min {args.min_wn19d_f1}) speaker accuracy {w19dsacc:.3f} "
              f"(min {args.min_wn19d_speaker})")
        return 1
    if wikinews19e.gold and (w19ef1 < args.min_wn19e_f1 or w19esacc < args.min_wn19e_speaker):
        print(f"FAIL: Wikinews 2019 e F1 {w19ef1:.3f} (min {args.min_wn19e_f1}) speaker accuracy {w19esacc:.3f} "
              f"(min {args.min_wn19e_speaker})")
        return 1
    if wikinews19f.gold and (w19ff1 < args.min_wn19f_f1 or w19fsacc < args.min_wn19f_speaker):
        print(f"FAIL: Wikinews 2019 f F1 {w19ff1:.3f} (min {args.min_wn19f_f1}) speaker accuracy {w19fsacc:.3f} "
              f"(min {args.min_wn19f_speaker})")
        return 1
    if wikinews19g.gold and (w19gf1 < args.min_wn19g_f1 or w19gsacc < args.min_wn19g_speaker):
        print(f"FAIL: Wikinews 2019 g F1 {w19gf1:.3f} (min {args.min_wn19g_f1}) speaker accuracy {w19gsacc:.3f} "
              f"(min {args.min_wn19g_speaker})")
        return 1
    if wikinews19h.gold and (w19hf1 < args.min_wn19h_f1 or w19hsacc < args.min_wn19h_speaker):
        print(f"FAIL: Wikinews 2019 h F1 {w19hf1:.3f} (min {args.min_wn19h_f1}) speaker accuracy {w19hsacc:.3f} "
              f"(min {args.min_wn19h_speaker})")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
