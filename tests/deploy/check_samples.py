#!/usr/bin/env python3
"""Runs the bundled samples through `newsflow process`, the production path.

  samples/articles.ndjson      every line valid by schemas/input.schema.json and
                               must pass: one output per input, ids kept
  every output line and reject line must be valid by schemas/output.schema.json
  and schemas/reject-line.schema.json
  samples/bad-articles.ndjson  and bad-articles-huge.ndjson (both regenerated
                               here by samples/make-bad-articles.py): every line
                               must get the outcome in the .expected file, its
                               error_class or pass

Usage: check_samples.py NEWSFLOW_BINARY SOURCE_DIR WORK_DIR
"""
import json
import os
import subprocess
import sys
import time
import warnings

import jsonschema  # python3-jsonschema, from scripts/install-deps

EXIT_OK, EXIT_SOME_REJECTED = 0, 3
failures = []
schemas = {}


def validate(kind, record, where):
    """Checks one record against schemas/<kind>.schema.json (draft 2020-12)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        errors = sorted(schemas[kind].iter_errors(record), key=lambda e: str(list(e.path)))
    for e in errors[:3]:
        fail(f"{where}: not a valid {kind} record: {'/'.join(map(str, e.path))}: {e.message[:200]}")


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def run_process(binary, source_dir, input_path, work_dir, name):
    out = os.path.join(work_dir, name + ".out.ndjson")
    rej = os.path.join(work_dir, name + ".rejects.ndjson")
    # data_dir is left to the binary's default, as in production.
    started = time.monotonic()
    proc = subprocess.run([binary, "process", "-i", input_path, "-o", out, "-r", rej,
                           "--set", "dedup.on_duplicate=emit"],
                          capture_output=True, text=True, timeout=300)
    elapsed = time.monotonic() - started
    print(proc.stderr.strip())
    with open(out, encoding="utf-8") as f:
        outputs = [json.loads(line) for line in f if line.strip()]
    with open(rej, encoding="utf-8") as f:
        rejects = [json.loads(line) for line in f if line.strip()]
    return proc.returncode, outputs, rejects, elapsed


def check_articles(binary, source_dir, work_dir):
    path = os.path.join(source_dir, "samples", "articles.ndjson")
    with open(path, "rb") as f:
        raw_lines = [line for line in f.read().split(b"\n") if line]
    inputs = [json.loads(line) for line in raw_lines]
    with open(os.path.join(source_dir, "samples", "seed.ndjson"), "rb") as f:
        seed = f.read().strip()
    if raw_lines[0].strip() != seed:
        fail("articles.ndjson: first line is not samples/seed.ndjson's record")
    for n, a in enumerate(inputs, start=1):
        validate("input", a, f"articles.ndjson line {n}")
    ids = [a["id"] for a in inputs if "id" in a]
    if len(ids) != len(set(ids)):
        fail("articles.ndjson: duplicate ids")

    with open(os.path.join(source_dir, "samples", "articles.labels.tsv"), encoding="utf-8") as f:
        labels = [line.rstrip("\n").split("\t") for line in f][1:]
    keys = [a.get("id") or a.get("url") for a in inputs]
    if [row[1] for row in labels] != keys:
        fail("articles.labels.tsv: rows do not match articles.ndjson line for line")

    code, outputs, rejects, _ = run_process(binary, source_dir, path, work_dir, "articles")
    if code != EXIT_OK:
        fail(f"articles.ndjson: exit code {code}, expected {EXIT_OK}")
    for r in rejects:
        fail(f"articles.ndjson line {r['line']} rejected: {r['error_class']}: {r['error_message']}")
    if len(outputs) != len(inputs):
        fail(f"articles.ndjson: {len(outputs)} outputs for {len(inputs)} inputs")
    for n, (inp, out) in enumerate(zip(inputs, outputs), start=1):
        if "id" in inp and out.get("id") != inp["id"]:
            fail(f"articles.ndjson line {n}: output id {out.get('id')!r}, input id {inp['id']!r}")
        if "id" not in inp and not out.get("id"):
            fail(f"articles.ndjson line {n}: no id derived from the url")
        if not out.get("text"):
            fail(f"articles.ndjson line {n}: empty normalized text")
        validate("output", out, f"articles.ndjson line {n} output")
    print(f"articles.ndjson: {len(inputs)} lines, {len(outputs)} passed, {len(rejects)} rejected")


def check_bad_file(binary, source_dir, work_dir, name):
    path = os.path.join(work_dir, name + ".ndjson")
    with open(os.path.join(work_dir, name + ".expected"), encoding="utf-8") as f:
        expected = [line.strip() for line in f if line.strip()]
    code, outputs, rejects, elapsed = run_process(binary, source_dir, path, work_dir, name)
    if code != EXIT_SOME_REJECTED:
        fail(f"{name}.ndjson: exit code {code}, expected {EXIT_SOME_REJECTED}")
    for r in rejects:
        validate("reject-line", r, f"{name}.ndjson reject line {r.get('line')}")
    for out in outputs:
        validate("output", out, f"{name}.ndjson output {out.get('id')}")
    got = {r["line"]: r["error_class"] for r in rejects}
    passed = len(expected) - len(got)
    if passed != len(outputs):
        fail(f"{name}.ndjson: {len(outputs)} outputs but {passed} lines not rejected")
    for n, want in enumerate(expected, start=1):
        have = got.get(n, "pass")
        if have != want:
            fail(f"{name}.ndjson line {n}: got {have}, expected {want}")
    # A few records of up to 2 MiB: a quadratic scanner (e.g. on the line of
    # 11,000 quote marks) would take minutes, not a fraction of a second.
    if elapsed > 60:
        fail(f"{name}.ndjson took {elapsed:.1f}s")
    print(f"{name}.ndjson: {len(expected)} lines, {len(got)} rejected with the expected class, "
          f"{len(outputs)} passed, {elapsed:.2f}s")


def check_bad_articles(binary, source_dir, work_dir):
    subprocess.run([sys.executable, os.path.join(source_dir, "samples", "make-bad-articles.py"), work_dir],
                   check=True)
    # The committed copy (what `newsflow demo` loads) must be what the script writes.
    for committed in ("bad-articles.ndjson", "bad-articles.expected"):
        with open(os.path.join(source_dir, "samples", committed), "rb") as a, \
             open(os.path.join(work_dir, committed), "rb") as b:
            if a.read() != b.read():
                fail(f"samples/{committed} differs from make-bad-articles.py's output: rerun the script")
    check_bad_file(binary, source_dir, work_dir, "bad-articles")
    check_bad_file(binary, source_dir, work_dir, "bad-articles-huge")


def main():
    binary, source_dir, work_dir = sys.argv[1:4]
    os.makedirs(work_dir, exist_ok=True)
    loaded = {}
    for file in sorted(os.listdir(os.path.join(source_dir, "schemas"))):
        if file.endswith(".schema.json"):
            with open(os.path.join(source_dir, "schemas", file), encoding="utf-8") as f:
                loaded[file[: -len(".schema.json")]] = json.load(f)
    # Schemas refer to each other by $id-relative names (dead-letter.schema.json#...).
    store = {schema["$id"]: schema for schema in loaded.values()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # RefResolver: the API Debian's jsonschema 4.10 has
        for kind in ("input", "output", "reject-line"):
            jsonschema.Draft202012Validator.check_schema(loaded[kind])
            schemas[kind] = jsonschema.Draft202012Validator(
                loaded[kind], resolver=jsonschema.RefResolver.from_schema(loaded[kind], store=store))
    check_articles(binary, source_dir, work_dir)
    check_bad_articles(binary, source_dir, work_dir)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("samples: all lines got their expected outcome")
    return 0


if __name__ == "__main__":
    sys.exit(main())
