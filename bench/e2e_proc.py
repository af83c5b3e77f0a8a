"""What scripts/bench-e2e reads of a running process and of the machine from /proc: the
process's CPU time, by thread group too, its minor page faults and peak RSS, and the
machine's idle and steal shares."""

import os

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _stat_fields(path):
    """The fields of a /proc/.../stat line after the command name (which may hold spaces):
    [0] is the state (field 3 of proc(5)), [7] minflt, [11] utime, [12] stime."""
    with open(path) as f:
        return f.read().rsplit(")", 1)[1].split()


def cpu_seconds(pid):
    """utime + stime of one process (all its threads), from /proc/<pid>/stat."""
    fields = _stat_fields(f"/proc/{pid}/stat")
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def minor_faults(pid):
    """Minor page faults of one process so far (every first touch of a page: fresh
    allocations, and a write to a page that was only read, which replaces the zero page)."""
    return int(_stat_fields(f"/proc/{pid}/stat")[7])


def thread_group(comm):
    """The group a thread's CPU is reported under: librdkafka's threads by their own names
    (rdk:broker<id> are the broker connections: fetch, produce, compression; rdk:main the
    client's timers), the stage's workers (nf-worker-N; a build that does not name its
    threads shows them as the process's name, counted here too) and the rest."""
    if comm.startswith("rdk:broker"):
        return "rdk:broker"
    if comm.startswith("rdk:"):
        return "rdk:main"
    if comm.startswith("nf-worker") or comm == "newsflow":
        return "workers"
    return "other"


def thread_cpu(pid):
    """{tid: (group, utime + stime seconds)} of the process's live threads. A thread that
    ends between two readings drops out of the difference (the process total keeps it)."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                comm = f.read().strip()
            fields = _stat_fields(f"/proc/{pid}/task/{tid}/stat")
        except OSError:
            continue  # a thread that just ended
        out[tid] = (thread_group(comm), (int(fields[11]) + int(fields[12])) / CLK_TCK)
    return out


def cpu_by_group(before, after):
    """CPU seconds per thread group between two thread_cpu() readings."""
    groups = {}
    for tid, (group, seconds) in after.items():
        groups[group] = groups.get(group, 0.0) + seconds - (before[tid][1] if tid in before else 0.0)
    return groups


def machine_cpu():
    """(idle, steal, total) jiffies of all CPUs since boot, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:9]]
    return fields[3] + fields[4], fields[7], sum(fields)


def machine_shares(before, after):
    """Idle and steal as a % of the machine's CPU time between two machine_cpu() readings: a
    latency round on a machine that was saturated, or whose host took its CPUs, says so."""
    total = after[2] - before[2]
    if total <= 0:
        return {}
    return {"machine_idle_pct": 100 * (after[0] - before[0]) / total, "machine_steal_pct": 100 * (after[1] - before[1]) / total}


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None
