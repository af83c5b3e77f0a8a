#!/usr/bin/env python3
"""Restart test: `newsflow process --state FILE` twice; copies of articles from
the first run must be caught in the second, and (control) are not caught when
the second run starts without the state file.

usage: restart_test.py NEWSFLOW_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(binary, tmp, name, records, state=None):
    src = os.path.join(tmp, name + ".ndjson")
    out = os.path.join(tmp, name + ".out.ndjson")
    with open(src, "w") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    cmd = [binary, "process", "-i", src, "-o", out, "--set", "dedup.on_duplicate=emit"] + (["--state", state] if state else [])
    subprocess.run(cmd, check=True, capture_output=True)
    return [json.loads(l)["dedup"] for l in open(out)]


def main():
    binary = sys.argv[1]
    originals = []
    with open(os.path.join(HERE, "articles.ndjson")) as f:
        for line in f:
            r = json.loads(line)
            if len(r["body"]) > 3000 and not any(o["id"] == r["id"] for o in originals):
                originals.append(r)
            if len(originals) == 3:
                break
    first = [dict(r) for r in originals]
    paragraphs = originals[0]["body"].split("\n")
    copies = [
        dict(originals[0], id="copy-truncated", url="https://mirror.example/a",
             body="\n".join(paragraphs[: max(1, len(paragraphs) * 2 // 3)])),
        dict(originals[1], id="copy-exact", url="https://mirror.example/b", title=""),
    ]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        state = os.path.join(tmp, "dedup.state")
        run(binary, tmp, "first", first, state)
        if not os.path.exists(state) or os.path.getsize(state) == 0:
            failures.append("no state written by the first run")
        after = run(binary, tmp, "second", copies, state)
        control = run(binary, tmp, "control", copies)
    for d, original in zip(after, originals[:2]):
        if d["status"] == "unique" or d.get("duplicate_of") != original["id"]:
            failures.append(f"after restart: expected a duplicate of {original['id']}, got {d}")
    for d in control:
        if d["status"] != "unique":
            failures.append(f"control run without state flagged {d}")
    print("after restart:", [(d["status"], d.get("duplicate_of"), d.get("method")) for d in after])
    print("without state:", [d["status"] for d in control])
    if failures:
        print("\n".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
