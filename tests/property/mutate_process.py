#!/usr/bin/env python3
"""Property test: random mutations of the sample articles through
`newsflow process`, the production path for files.

For every mutated input line (bit flips, truncations, splices of two records,
repeated fields, deep nesting, byte-order marks, numbers out of range, control
characters, inserted and deleted bytes, numbers and keys longer than Jackson
reads) newsflow must write exactly one output line or one reject line, every
output line must be read by Python's json in strict mode (no NaN/Infinity, no
control characters) and by Jackson's default ObjectMapper (JsonReadCheck.java,
compiled here with javac against the jackson jars of the Kafka download that
`scripts/kafka fetch` caches), and every reject line must be valid by
schemas/reject-line.schema.json (and read by Jackson too).

Usage: mutate_process.py NEWSFLOW_BINARY SOURCE_DIR WORK_DIR [--count N] [--seed S]
A failure prints the seed and the offending lines; rerun with --seed to repeat.
"""
import argparse
import glob
import json
import os
import random
import subprocess
import sys
import warnings

import jsonschema  # python3-jsonschema, from scripts/install-deps


def load_lines(source_dir):
    out = []
    for name in ("articles.ndjson", "seed.ndjson", "bad-articles.ndjson"):
        with open(os.path.join(source_dir, "samples", name), "rb") as f:
            out += [line.rstrip(b"\n") for line in f if line.strip()]
    return out


def nest(depth):
    return b"[" * depth + b"1" + b"]" * depth


def mutate(rng, lines):
    rec = bytearray(rng.choice(lines))
    kind = rng.choice(["bitflip", "truncate", "splice", "repeat_field", "nest", "bom", "number",
                       "control", "insert", "delete", "escape", "stack", "long_key"])
    if kind == "bitflip" and rec:
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(rec))
            rec[i] ^= 1 << rng.randrange(8)
    elif kind == "truncate" and rec:
        rec = rec[:rng.randrange(len(rec))]
    elif kind == "splice":
        other = rng.choice(lines)
        rec = rec[:rng.randrange(len(rec) + 1)] + other[rng.randrange(len(other) + 1):]
    elif kind == "repeat_field":
        field = rng.choice([b'"id": "again", ', b'"body": "second body", ', b'"title": 7, ', b'"url": null, ',
                            b'"extra": {"k": 1, "k": 2}, ', b'"\\u0069d": "escaped id", ',
                            b'"extra": [{"k": 1}, {"k": 2}], '])
        rec = rec[:1] + field + rec[1:] if rec.startswith(b"{") else field + rec
    elif kind == "nest":
        d = rng.choice([1, 10, 62, 63, 64, 65, 100, 1000, 5000])
        rec = rec[:1] + b'"deep": ' + nest(d) + b", " + rec[1:] if rec.startswith(b"{") else nest(d)
    elif kind == "bom":
        rec = b"\xef\xbb\xbf" * rng.randint(1, 2) + rec
    elif kind == "number":
        # Jackson's defaults read 1,000 digits, not 1,001.
        n = rng.choice([b"1e400", b"-1e309", b"123456789012345678901234567890", b"1e-400", b"-0", b"01", b"1.",
                        b"NaN", b"Infinity", b"0x10", b"7" * 1000, b"7" * 1001, b"-0." + b"1" * 999,
                        b"0." + b"1" * 1000, b"[1.5e" + b"0" * 998 + b"1]"])
        rec = rec[:1] + b'"n": ' + n + b", " + rec[1:] if rec.startswith(b"{") else n
    elif kind == "long_key":  # Jackson's defaults read keys of 50,000 bytes, not 50,001
        key = b"k" * rng.choice([50000, 50001]) if rng.random() < 0.5 else "\u00e9".encode() * rng.choice([25000, 25001])
        rec = rec[:1] + b'"' + key + b'": 1, ' + rec[1:] if rec.startswith(b"{") else rec
    elif kind == "control":
        i = rng.randrange(len(rec) + 1)
        rec = rec[:i] + bytes([rng.choice([0, 1, 8, 9, 11, 12, 13, 27, 31, 127])]) + rec[i:]
    elif kind == "insert":
        i = rng.randrange(len(rec) + 1)
        rec = rec[:i] + bytes(rng.choice(b'{}[]":,\\ \xc3\xe2\x80\x9c') for _ in range(rng.randint(1, 4))) + rec[i:]
    elif kind == "delete" and rec:
        i = rng.randrange(len(rec))
        rec = rec[:i] + rec[i + rng.randint(1, 16):]
    elif kind == "escape":
        esc = rng.choice([b"\\ud800", b"\\udc00\\ud800", b"\\u00", b"\\x41", b"\\", b"\\u0000", b"\\/"])
        i = rec.find(b'"body": "')
        rec = rec[:i + 9] + esc + rec[i + 9:] if i >= 0 else rec + esc
    elif kind == "stack":  # two records on one line
        rec = rec + b" " + rng.choice(lines)
    return kind, bytes(rec)


def records_in(data):
    """The lines FileSource reads from data: split on \\n, trailing \\r\\n
    removed, lines of only spaces and tabs skipped."""
    out = []
    for line in data.split(b"\n"):
        line = line.rstrip(b"\r\n")
        if line.strip(b" \t"):
            out.append(line)
    return out


def strict_loads(text):
    def no_constant(name):
        raise ValueError(f"non-standard constant {name}")
    return json.loads(text, parse_constant=no_constant)


def jackson_check(source_dir, work_dir, files):
    """Runs JsonReadCheck over files; returns (summary line, refused lines).
    Fails (never skips) when Jackson or a JDK is not there."""
    fetched = subprocess.run([os.path.join(source_dir, "scripts", "kafka"), "fetch"], capture_output=True,
                             text=True, timeout=900)
    if fetched.returncode != 0:
        raise SystemExit(f"FAIL: scripts/kafka fetch (for the jackson jars): {fetched.stderr[-2000:]}")
    libs = fetched.stdout.strip().splitlines()[-1]
    jars = [j for name in ("jackson-core", "jackson-databind", "jackson-annotations")
            for j in glob.glob(os.path.join(libs, f"{name}-[0-9]*.jar"))]
    if len(jars) != 3:
        raise SystemExit(f"FAIL: jackson core, databind and annotations jars not all in {libs}: {jars}")
    classpath = ":".join(jars)
    classes = os.path.join(work_dir, "jackson-classes")
    os.makedirs(classes, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    subprocess.run(["javac", "-cp", classpath, "-d", classes, os.path.join(here, "JsonReadCheck.java")],
                   check=True, timeout=300)
    r = subprocess.run(["java", "-cp", f"{classpath}:{classes}", "JsonReadCheck", *files],
                       capture_output=True, text=True, timeout=600)
    lines = r.stdout.strip().splitlines()
    summary = lines[-1] if lines else ""
    refused = lines[:-1]
    if r.returncode not in (0, 1) or not summary.startswith("jackson "):
        refused.append(f"JsonReadCheck exited {r.returncode}: {r.stderr[-2000:]}")
    elif r.returncode == 1 and not refused:
        refused.append(f"JsonReadCheck exited 1 without naming a line: {summary}")
    return summary, refused


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("source_dir")
    ap.add_argument("work_dir")
    ap.add_argument("--count", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=20261201)
    args = ap.parse_args()
    os.makedirs(args.work_dir, exist_ok=True)
    rng = random.Random(args.seed)
    lines = load_lines(args.source_dir)
    kinds = {}
    chunks = []
    for _ in range(args.count):
        kind, rec = mutate(rng, lines)
        kinds[kind] = kinds.get(kind, 0) + 1
        chunks.append(rec)
    data = b"\n".join(chunks) + b"\n"
    expected = records_in(data)
    src = os.path.join(args.work_dir, "mutants.ndjson")
    out, rej = src + ".out", src + ".rejects"
    with open(src, "wb") as f:
        f.write(data)

    proc = subprocess.run([args.binary, "process", "-i", src, "-o", out, "-r", rej,
                           # one line out per line in: duplicates marked, not dropped
                           "--set", "dedup.on_duplicate=emit"],
                          capture_output=True, timeout=600)
    failures = []
    if proc.returncode not in (0, 3):
        failures.append(f"exit status {proc.returncode}: {proc.stderr.decode(errors='replace')[-2000:]}")

    with open(os.path.join(args.source_dir, "schemas", "reject-line.schema.json")) as f:
        schema = json.load(f)
    registry_dir = os.path.join(args.source_dir, "schemas")
    with open(os.path.join(registry_dir, "dead-letter.schema.json")) as f:
        dead_letter = json.load(f)
    warnings.simplefilter("ignore", DeprecationWarning)  # RefResolver: the API Debian's jsonschema 4.10 has
    resolver = jsonschema.RefResolver(base_uri=schema["$id"], referrer=schema,
                                      store={dead_letter["$id"]: dead_letter, schema["$id"]: schema})
    validator = jsonschema.Draft202012Validator(schema, resolver=resolver)

    outputs, rejects = [], []
    with open(out, "rb") as f:
        for n, line in enumerate(f.read().split(b"\n")[:-1], 1):
            try:
                outputs.append(strict_loads(line.decode("utf-8", errors="strict")))
            except (ValueError, RecursionError) as e:
                failures.append(f"output line {n} is not JSON Python reads ({e}): {line[:300]!r}")
    with open(rej, "rb") as f:
        for n, line in enumerate(f.read().split(b"\n")[:-1], 1):
            try:
                r = strict_loads(line.decode("utf-8", errors="strict"))
            except (ValueError, RecursionError) as e:
                failures.append(f"reject line {n} is not JSON Python reads ({e}): {line[:300]!r}")
                continue
            for e in list(validator.iter_errors(r))[:2]:
                failures.append(f"reject line {n} breaks reject-line.schema.json: {e.message[:200]}")
            rejects.append(r)

    if len(outputs) + len(rejects) != len(expected):
        failures.append(f"{len(expected)} input lines gave {len(outputs)} outputs + {len(rejects)} rejects")
    lines_rejected = [r.get("line") for r in rejects]
    if len(set(lines_rejected)) != len(lines_rejected):
        failures.append("some input line was rejected twice")
    classes = {}
    for r in rejects:
        classes[r.get("error_class")] = classes.get(r.get("error_class"), 0) + 1

    summary, refused = jackson_check(args.source_dir, args.work_dir, [out, rej])
    failures += [f"Jackson refuses {line[:300]}" for line in refused]
    if f"ok={len(outputs) + len(rejects)} " not in summary:
        failures.append(f"Jackson read other lines than Python: {summary}")

    print(f"seed {args.seed}: {len(expected)} mutated lines ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
    print(f"  -> {len(outputs)} outputs, {len(rejects)} rejects "
          f"({', '.join(f'{k} {v}' for k, v in sorted(classes.items()))})")
    print(f"  {summary}")
    # The property must be exercised, not vacuous: both sides and the new class occur.
    if not outputs or not rejects or "too_deep" not in classes:
        failures.append("the mutations did not produce outputs, rejects and too_deep rejects")
    for f in failures[:20]:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
