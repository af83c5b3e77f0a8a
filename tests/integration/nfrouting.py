"""Where each duplicate goes under dedup.on_duplicate (drop / route / emit),
and what the dedup state holds, in one form for both modes: `newsflow
process` over a file (tests/property/duplicate_routing.py) and `newsflow run`
on the broker (scenarios.py routing_*), on the records of nfdata.routing_set.
"""

import json
import os
import subprocess
from dataclasses import dataclass, field

from nfdata import TestFailure

POLICIES = ("drop", "route", "emit")


@dataclass
class Destinations:
    """What one run wrote: (id, dedup.status, dedup.duplicate_of) per output
    and routed-duplicate record in order, the number of dead letters, and the
    dedup state as {changelog key: value} (the last value of each key)."""
    output: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    dead_letters: int = 0
    state: dict = field(default_factory=dict)


def dedup_fields(value):
    doc = json.loads(value)
    d = doc.get("dedup", {})
    return doc["id"], d.get("status"), d.get("duplicate_of")


def state_summary(state):
    """The part of the state both modes must agree on: the stored stories and
    their copy counts (a fingerprint's origin field differs: file records
    have no topic/partition/offset)."""
    stories = sorted(k[len("dedup:"):] for k, v in state.items() if k.startswith("dedup:") and v is not None)
    copies = {k[len("dedup-copies:"):]: v for k, v in state.items() if k.startswith("dedup-copies:") and v is not None}
    return stories, copies


def copy_count(value):
    """A dedup-copies value: "v2 " and the count in 16 hex digits (docs/dedup.md, "State")."""
    version, _, count = value.partition(" ")
    if version != "v2":
        raise TestFailure(f"copy-count value {value!r} is not v2")
    return int(count, 16)


def read_state_file(path):
    state = {}
    with open(path) as f:
        for line in f:
            if line.strip():
                entry = json.loads(line)
                state[entry["key"]] = entry["value"]
    return state


def run_process(binary, work_dir, name, policy, records, state=None, extra=()):
    """newsflow process over records (bytes, one line each) with policy;
    returns (Destinations, stderr). The state file, if given, is kept."""
    os.makedirs(work_dir, exist_ok=True)
    paths = {k: os.path.join(work_dir, f"{name}.{k}.ndjson") for k in ("in", "out", "rejects", "dup")}
    with open(paths["in"], "wb") as f:
        for r in records:
            f.write(r + b"\n")
    cmd = [binary, "process", "-i", paths["in"], "-o", paths["out"], "-r", paths["rejects"],
           "--set", f"dedup.on_duplicate={policy}", *extra]
    if policy == "route":
        cmd += ["--duplicates", paths["dup"]]
    if state:
        cmd += ["--state", state]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    # 3: some lines rejected (the bad records), the expected outcome here.
    if r.returncode not in (0, 3):
        raise TestFailure(f"{' '.join(cmd)} exited {r.returncode}:\n{r.stderr[-3000:]}")
    got = Destinations()
    with open(paths["out"], "rb") as f:
        got.output = [dedup_fields(line) for line in f if line.strip()]
    if policy == "route":
        with open(paths["dup"], "rb") as f:
            got.duplicates = [dedup_fields(line) for line in f if line.strip()]
    with open(paths["rejects"], "rb") as f:
        got.dead_letters = sum(1 for line in f if line.strip())
    if state:
        got.state = read_state_file(state)
    return got, r.stderr


def check_destinations(got, expected, policy, what):
    """The outcome nfdata.routing_set promises under policy: every original
    once on the output as unique, every copy dropped, routed (to the
    duplicates only) or emitted (on the output, marked), each naming its
    original; the bad records dead-lettered; the state holding every original
    and each copied story's copy count."""
    originals, copies = expected["originals"], expected["copies"]

    def fail(message):
        raise TestFailure(f"{what} ({policy}): {message}")

    out_ids = [i for i, _, _ in got.output]
    if len(out_ids) != len(set(out_ids)):
        fail(f"ids on the output more than once: {sorted(i for i in set(out_ids) if out_ids.count(i) > 1)[:5]}")
    unique_out = [i for i, status, _ in got.output if status == "unique"]
    if sorted(unique_out) != sorted(originals):
        fail(f"unique outputs are not the {len(originals)} originals: missing "
             f"{sorted(set(originals) - set(unique_out))[:5]}, extra {sorted(set(unique_out) - set(originals))[:5]}")
    marked = {i: of for i, status, of in got.output if status != "unique"}
    routed = {i: of for i, status, of in got.duplicates}
    if any(status == "unique" for _, status, _ in got.duplicates):
        fail("a record on the duplicates destination is marked unique")
    if policy == "drop" and (marked or routed):
        fail(f"drop: {len(marked)} duplicates on the output, {len(routed)} routed; expected none")
    if policy == "route" and (marked or routed != copies):
        fail(f"route: {len(marked)} duplicates on the output; routed {len(routed)} of {len(copies)} copies; "
             f"wrong or missing: {sorted(set(copies.items()) ^ set(routed.items()))[:5]}")
    if policy == "emit" and (routed or marked != copies):
        fail(f"emit: marked {len(marked)} of {len(copies)} copies on the output; "
             f"wrong or missing: {sorted(set(copies.items()) ^ set(marked.items()))[:5]}")
    if got.dead_letters != expected["bad"]:
        fail(f"{got.dead_letters} dead letters, expected {expected['bad']}")
    stories, counts = state_summary(got.state)
    if stories != sorted(originals):
        fail(f"the state holds {len(stories)} stories, expected the {len(originals)} originals: missing "
             f"{sorted(set(originals) - set(stories))[:5]}, extra {sorted(set(stories) - set(originals))[:5]}")
    want_counts = {}
    for of in copies.values():
        want_counts[of] = want_counts.get(of, 1) + 1
    have_counts = {k: copy_count(v) for k, v in counts.items()}
    if have_counts != want_counts:
        fail(f"copy counts in the state {sorted(have_counts.items())[:5]} are not {sorted(want_counts.items())[:5]}")
