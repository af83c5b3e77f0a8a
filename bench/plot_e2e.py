"""Draws scripts/bench-e2e's JSON results as one PNG (run with the bench venv's python).

    plot_e2e.py results.json out.png
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

res = json.load(open(sys.argv[1]))
modes = [m for m in res["modes"] if m in res["summary"]]
s = res["summary"]
lat_modes = [m for m in modes if s[m].get("latency_ms")]
# A run with --latency-seconds 0 has no latency panel rather than an empty one.
fig, axes = plt.subplots(1, 3 if lat_modes else 2, figsize=(14 if lat_modes else 11, 4.6))
colors = {"passthrough": "#999999", "prev-passthrough": "#cccccc", "peer": "#d98c3f"}


def color(mode):  # a previous build's modes (bench-e2e --previous) in a lighter blue
    return colors.get(mode, "#9dbbd8" if mode.startswith("prev-") else "#3b75af")


ax = axes[0]
vals = [s[m]["records_per_s"] for m in modes]
ax.bar(modes, vals, color=[color(m) for m in modes])
for i, v in enumerate(vals):
    ceiling = "prev-passthrough" if modes[i].startswith("prev-") else "passthrough"
    ratio = v / s[ceiling]["records_per_s"] if ceiling in s else None
    ax.text(i, v, f"{v:,.0f}" + (f"\n{ratio:.2f}×" if ratio and modes[i] != ceiling else ""), ha="center",
            va="bottom", fontsize=8)
ax.set_title("throughput, records/s (median)")
ax.set_ylim(0, max(vals) * 1.25)

ax = axes[1]
vals = [s[m]["cpu_s_per_1000"] for m in modes]
ax.bar(modes, vals, color=[color(m) for m in modes])
for i, v in enumerate(vals):
    ax.text(i, v, f"{v:.2f}", ha="center", va="bottom", fontsize=8)
ax.set_title("CPU-seconds per 1,000 articles (stage process)")
ax.set_ylim(0, max(vals) * 1.2)

if lat_modes:
    ax = axes[2]
    width = 0.25
    for j, p in enumerate(("p50", "p99", "p99.9")):
        xs = [i + (j - 1) * width for i in range(len(lat_modes))]
        ax.bar(xs, [s[m]["latency_ms"][p] for m in lat_modes], width, label=p)
    ax.set_xticks(range(len(lat_modes)), lat_modes)
    ax.set_yscale("log")
    ax.set_title("latency at 50 % of max rate, ms")
    ax.legend(fontsize=8)

for a in axes:
    # Mode names such as prev-passthrough-alo overlap when set level.
    a.tick_params(axis="x", labelsize=8, labelrotation=30)
    for label in a.get_xticklabels():
        label.set_horizontalalignment("right")
fig.suptitle(f"newsflow end to end: {res['articles']} articles, {res['megabytes']} MB, {res['partitions']} partitions, "
             f"{res['rounds']} rounds, {res['cpus']} CPUs shared with the broker (load {res['load_average'][0]:.1f})",
             fontsize=9)
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=110)
