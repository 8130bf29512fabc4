#!/usr/bin/env python3
"""Writes bench/RESULTS.md (figures, ratios, targets, profile) and bench/results.svg from bench/run.sh's numbers."""
import argparse
import datetime
import os
import platform
import re
import subprocess

p = argparse.ArgumentParser()
for name in ["floor", "ingest", "hot", "naive", "reads", "half", "stream-half", "stream-many", "subscribers",
             "cold-start", "first-start", "cpu", "changes", "heap-mib", "profile", "duration", "connections", "half-rate", "commit", "markdown", "chart",
             "startup-profile", "batches"]:
    p.add_argument("--" + name, required=True)
a = p.parse_args()


def parse(line):
    values = dict(part.split("=", 1) for part in line.split())
    for key in ("rps", "p50", "p90", "p99"):
        values[key] = float(values[key])
    return values


def stream(path):
    text = open(path, encoding="utf-8").read()
    held = re.search(r"subscribers held: (\d+) of (\d+)", text)
    delay = re.search(r"p50 (\d+) ms, p90 (\d+) ms, p99 (\d+) ms, max (\d+) ms", text)
    return {"held": int(held.group(1)) if held else 0,
            "p50": int(delay.group(1)) if delay else None, "p99": int(delay.group(3)) if delay else None}


floor, ingest, hot, naive, reads, half = (parse(x) for x in (a.floor, a.ingest, a.hot, a.naive, a.reads, a.half))
stream_half, stream_many = stream(a.stream_half), stream(a.stream_many)
cores = os.cpu_count()
memory = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
ratio_floor = ingest["rps"] / floor["rps"]
vmstat = [line.split() for line in open(a.cpu, encoding="utf-8") if line.split() and line.split()[0].isdigit()]
idle = [int(row[14]) for row in vmstat[1:]] or [0]  # the first line averages since boot
cpu_idle = sum(idle) / len(idle)
ratio_naive = ingest["rps"] / naive["rps"]


def verdict(ok):
    return "met" if ok else "**not met**"


rows = [
    ("floor: authenticated no-op POST", floor),
    ("durable vote ingest, 20 polls, 1,000 voters", ingest),
    ("durable vote ingest, one hot poll", hot),
    ("naive: synchronous UPDATE per vote", naive),
    ("results reads (live tallies)", reads),
    (f"vote ingest paced at half of peak ({a.half_rate}/s asked)", half),
]
lines = [
    "# Benchmark results",
    "",
    f"Written by `bench/run.sh` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit "
    f"`{a.commit}`, on {platform.node()}: {cores} cores, {memory} GiB, {platform.system()} {platform.release()}, "
    f"{java}. One Liberty node on the embedded default (H2 in memory, embedded Artemis, local Infinispan); wrk with "
    f"2 threads and {a.connections} connections on the same cores, {a.duration} s per row after a warm-up, "
    "loopback only. Every figure below is from this one run.",
    "",
    "| scenario | req/s | p50 ms | p90 ms | p99 ms | answers |",
    "|---|---:|---:|---:|---:|---|",
]
for name, r in rows:
    lines.append(f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p90']:.1f} | {r['p99']:.1f} | {r['statuses']} |")
lines += [
    "",
    f"Ratios from this run: ingest / floor = **{ratio_floor:.2f}**, ingest / naive = **{ratio_naive:.2f}**.",
    "",
    "| live results | figure |",
    "|---|---|",
    f"| vote 202 → results event at half of peak ingest (200 subscribers) | p50 {stream_half['p50']} ms, p99 {stream_half['p99']} ms |",
    f"| results streams held on one node | {stream_many['held']} of {a.subscribers} |",
    f"| vote 202 → event with {a.subscribers} subscribers (no other load) | p50 {stream_many['p50']} ms, p99 {stream_many['p99']} ms |",
    f"| cold start to ready (`server start` → `/health/ready` 200), a restart | {a.cold_start} s (the new server's first start: {a.first_start} s) |",
    f"| CPU idle during the measured vote ingest (vmstat, wrk included) | {cpu_idle:.0f} % |",
    f"| largest heap in use during the run (sampled each second; the node runs with -Xmx512m) | {a.heap_mib} MiB |",
    f"| mean ballots per durable broker write (intake group commit), per counting transaction | {a.batches.split()[0]}, {a.batches.split()[1]} |",
    "",
    "![requests per second per scenario](results.svg)",
    "",
    "## Targets",
    "",
    "| target | this run | |",
    "|---|---|---|",
    f"| durable ingest ≥ 0.8 × floor | {ratio_floor:.2f} × | {verdict(ratio_floor >= 0.8)} |",
    f"| durable ingest ≥ 20 × naive | {ratio_naive:.2f} × | {verdict(ratio_naive >= 20)} |",
    f"| vote POST p99 ≤ 20 ms at half of peak | {half['p99']:.1f} ms | {verdict(half['p99'] <= 20)} |",
    f"| vote → live results p99 ≤ 250 ms at half of peak | {stream_half['p99']} ms | {verdict(stream_half['p99'] is not None and stream_half['p99'] <= 250)} |",
    f"| {a.subscribers} SSE subscribers on one node, delivery p99 ≤ 500 ms | {stream_many['held']} held, p99 {stream_many['p99']} ms | {verdict(stream_many['held'] >= int(a.subscribers) and stream_many['p99'] is not None and stream_many['p99'] <= 500)} |",
    f"| cold start ≤ 10 s | {a.cold_start} s | {verdict(float(a.cold_start) <= 10)} |",
    f"| heap ≤ 512 MiB at peak | {a.heap_mib} MiB | {verdict(int(a.heap_mib) <= 512)} |",
    "",
    "## Where the time goes (JFR, during the measured vote ingest)",
    "",
    open(a.profile, encoding="utf-8").read().strip(),
    "",
    "## Where the start-up time goes (JFR, a third start of the same server)",
    "",
    open(a.startup_profile, encoding="utf-8").read().strip(),
    "",
    open(a.changes, encoding="utf-8").read().strip(),
    "",
]
open(a.markdown, "w", encoding="utf-8").write("\n".join(lines) + "\n")

# A bar chart of requests per second, plain SVG.
bars = [("floor", floor), ("ingest", ingest), ("hot poll", hot), ("naive", naive), ("results", reads)]
top = max(r["rps"] for _, r in bars) or 1
width, row, left = 640, 34, 90
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {row * len(bars) + 40}" font-family="sans-serif" font-size="13">',
       f'<text x="0" y="16" font-weight="bold">requests per second ({a.connections} connections, {a.duration} s each)</text>']
for i, (name, r) in enumerate(bars):
    y = 30 + i * row
    length = (width - left - 80) * r["rps"] / top
    svg.append(f'<text x="0" y="{y + 17}">{name}</text>')
    svg.append(f'<rect x="{left}" y="{y + 4}" width="{length:.1f}" height="20" fill="#0b57d0"/>')
    svg.append(f'<text x="{left + length + 6:.1f}" y="{y + 19}">{r["rps"]:.0f}</text>')
svg.append("</svg>")
open(a.chart, "w", encoding="utf-8").write("\n".join(svg) + "\n")
