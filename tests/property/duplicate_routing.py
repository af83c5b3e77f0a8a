#!/usr/bin/env python3
"""File mode's duplicate routing and state saving, through `newsflow process`:

  policies  each of dedup.on_duplicate=drop / route (--duplicates FILE) / emit
            on nfdata.routing_set: counts and where each copy went, and the
            --state file a clean run leaves (every story, each copy count),
            the same whatever the policy. scenarios.py routing_* checks the
            same records in Kafka mode against the same expectations.
  kill      SIGKILL mid-run with --state: the state file holds the batches
            committed before the kill (every story in it is on the output), a
            restart loads it, and the copies of those stories are caught while
            copies of stories the killed run never reached are not.

Usage: duplicate_routing.py {policies,kill} NEWSFLOW_BINARY SOURCE_DIR WORK_DIR
"""
import json
import os
import random
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from nfdata import TestFailure, article_bytes, make_articles, routing_set, syndicated_copy  # noqa: E402
from nfrouting import POLICIES, check_destinations, read_state_file, run_process, state_summary  # noqa: E402


def policies(binary, work_dir):
    records, expected = routing_set("file")
    summaries = {}
    for policy in POLICIES:
        state = os.path.join(work_dir, f"{policy}.state")
        if os.path.exists(state):
            os.remove(state)
        got, stderr = run_process(binary, work_dir, policy, policy, [r for r, _ in records], state=state)
        check_destinations(got, expected, policy, "newsflow process")
        where = {"drop": "dropped", "route": "to --duplicates", "emit": "marked in the output"}[policy]
        summary = f"{len(expected['copies'])} duplicates ({where}), {expected['bad']} rejected"
        if summary not in stderr:
            raise TestFailure(f"{policy}: the summary line does not say '{summary}':\n{stderr[-500:]}")
        summaries[policy] = state_summary(got.state)
        print(f"{policy}: {len(got.output)} on the output, {len(got.duplicates)} routed, {got.dead_letters} "
              f"rejected; state {len(summaries[policy][0])} stories, {len(summaries[policy][1])} copy counts")
    if summaries["drop"] != summaries["route"] or summaries["drop"] != summaries["emit"]:
        raise TestFailure("the saved state differs between the policies")


def kill(binary, work_dir):
    rng = random.Random(5)
    originals = make_articles(6000, seed=41, id_prefix="kill")
    # Each fifth original is followed a few records later by a copy, so the
    # state the kill leaves holds copy counts as well as stories.
    records, first_copies = [], {}
    for i, a in enumerate(originals):
        records.append(article_bytes(a))
        if i % 5 == 4:
            c = syndicated_copy(originals[i - 2], 1, rng)
            records.append(article_bytes(c))
            first_copies[c["id"]] = originals[i - 2]["id"]
    paths = {k: os.path.join(work_dir, f"kill.{k}") for k in ("in.ndjson", "out.ndjson", "state")}
    for p in paths.values():
        if os.path.exists(p):
            os.remove(p)
    with open(paths["in.ndjson"], "wb") as f:
        f.write(b"".join(r + b"\n" for r in records))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
    proc = subprocess.Popen([binary, "process", "-i", paths["in.ndjson"], "-o", paths["out.ndjson"],
                             "--state", paths["state"]], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env)

    def state_lines():
        try:
            with open(paths["state"], "rb") as f:
                return f.read().count(b"\n")
        except OSError:
            return 0
    deadline = time.time() + 120
    while state_lines() < 1000 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    rc = proc.wait(30)
    if rc != -signal.SIGKILL:
        raise TestFailure(f"newsflow process was not killed mid-run (exit {rc}, {state_lines()} state lines); "
                          f"stderr:\n{proc.stderr.read().decode(errors='replace')[-2000:]}")
    # The file as the kill left it: complete lines but for a last line the
    # kill may cut (one batch's entries go out in one write, which a kill can
    # cut short). The restart must cope with a cut line, so when this kill
    # left none the test cuts one itself: a copy of the last line, halved.
    with open(paths["state"], "rb") as f:
        raw = f.read()
    complete = raw[:raw.rfind(b"\n") + 1]
    torn_by_kill = len(raw) - len(complete)
    if not torn_by_kill:
        last = complete.splitlines()[-1]
        with open(paths["state"], "ab") as f:
            f.write(last[:len(last) // 2])
    state = {}
    for line in complete.splitlines():
        entry = json.loads(line)
        state[entry["key"]] = entry["value"]
    stories, counts = state_summary(state)
    with open(paths["out.ndjson"], "rb") as f:
        written = {json.loads(line)["id"] for line in f if line.endswith(b"\n")}
    seen = set(stories)
    original_ids = [a["id"] for a in originals]
    print(f"kill: {len(stories)} of {len(originals)} stories and {len(counts)} copy counts saved before the kill "
          f"({torn_by_kill} bytes of a line cut by the kill); {len(written)} records on the output")
    if not 0 < len(stories) < len(originals):
        raise TestFailure(f"{len(stories)} stories saved: the kill was not mid-run")
    if not seen <= set(original_ids):
        raise TestFailure(f"saved stories that are no original: {sorted(seen - set(original_ids))[:5]}")
    # The output is flushed before the state of each batch.
    if not seen <= written:
        raise TestFailure(f"{len(seen - written)} saved stories are not on the output: {sorted(seen - written)[:5]}")
    # A copy counted in the state was processed before the kill, after its original.
    for story, value in counts.items():
        if story not in seen:
            raise TestFailure(f"a copy count for {story}, a story not saved")
    if not counts:
        raise TestFailure("no copy count saved before the kill")

    # The restart: a copy of every original, marked (emit) when the saved
    # state holds its story, unique when the killed run never got to it.
    second = [syndicated_copy(a, 3, rng) for a in originals]
    got, stderr = run_process(binary, work_dir, "kill-restart", "emit", [article_bytes(c) for c in second],
                              state=paths["state"])
    entries = len(complete.splitlines())
    if f"loaded {entries} state entries" not in stderr or "ended in a cut line" not in stderr:
        raise TestFailure(f"the restart did not drop the cut line and load the {entries} saved entries:\n"
                          f"{stderr[-1000:]}")
    caught, missed, wrong = 0, [], []
    for (copy_id, status, of), a in zip(got.output, originals):
        if a["id"] in seen:
            if status == "unique" or of != a["id"]:
                missed.append(copy_id)
            caught += 1
        elif status != "unique":
            wrong.append((copy_id, of))
    print(f"kill: after the restart {caught - len(missed)} of {caught} copies of saved stories caught, "
          f"{len(wrong)} of {len(originals) - caught} copies of unsaved stories flagged")
    if len(got.output) != len(originals) or missed or wrong:
        raise TestFailure(f"after the restart: {len(got.output)} outputs; copies of saved stories not caught "
                          f"{missed[:5]}; copies of unsaved stories flagged {wrong[:5]}")
    # The clean end of the restart compacts the file: one entry per story.
    final = read_state_file(paths["state"])
    if not seen <= set(state_summary(final)[0]):
        raise TestFailure("stories saved before the kill are gone from the compacted state")


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("policies", "kill"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    work_dir = os.path.abspath(sys.argv[4])
    os.makedirs(work_dir, exist_ok=True)
    try:
        (policies if sys.argv[1] == "policies" else kill)(os.path.abspath(sys.argv[2]), work_dir)
    except TestFailure as e:
        print(f"FAIL {sys.argv[1]}: {e}")
        sys.exit(1)
    print(f"PASS {sys.argv[1]}")


if __name__ == "__main__":
    main()
