#!/usr/bin/env python3
"""Writes bench/RESULTS.md (figures as ratios to the reference of the same run, targets, profiles) and
bench/results.svg from what bench/run.sh left in its output directory."""
import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess

p = argparse.ArgumentParser()
for name in ["out", "subscribers", "warmup", "round", "connections", "commit", "changes", "markdown", "chart"]:
    p.add_argument("--" + name, required=True)
a = p.parse_args()
out = a.out


def read(name, default=""):
    path = os.path.join(out, name)
    return open(path, encoding="utf-8").read().strip() if os.path.exists(path) else default


def result(line):
    values = dict(part.split("=", 1) for part in line.split())
    for key in ("rps", "p50", "p90", "p99"):
        values[key] = float(values[key])
    return values


def cpu(path):
    """Mean us/sy/id/st of a vmstat run, without its first line (the average since boot)."""
    rows = [line.split() for line in open(path, encoding="utf-8") if line.split() and line.split()[0].isdigit()]
    rows = rows[1:] or rows
    return {key: statistics.mean(int(row[column]) for row in rows)
            for key, column in (("us", 12), ("sy", 13), ("id", 14), ("st", 16))}


def scenario(name):
    """The three rounds of a scenario: the round with the median rate, the rates, the mean CPU split."""
    rounds = [result(read(f"rounds/{name}-{i}.txt")) for i in (1, 2, 3)]
    by_rate = sorted(rounds, key=lambda r: r["rps"])
    splits = [cpu(os.path.join(out, f"rounds/{name}-{i}.vmstat")) for i in (1, 2, 3)]
    split = {key: statistics.mean(s[key] for s in splits) for key in ("us", "sy", "id", "st")}
    drains = [float(read(f"rounds/{name}-{i}.drain", "nan")) for i in (1, 2, 3)]
    return {"median": by_rate[1], "rates": [r["rps"] for r in rounds], "cpu": split, "drains": drains}


def stream(text):
    held = re.search(r"subscribers held: (\d+) of (\d+)", text)
    delay = re.search(r"p50 (\d+) ms, p90 (\d+) ms, p99 (\d+) ms, max (\d+) ms", text)
    return {"held": int(held.group(1)) if held else 0,
            "p50": int(delay.group(1)) if delay else None, "p99": int(delay.group(3)) if delay else None}


def verdict(ok):
    return "met" if ok else "**not met**"


s = {name: scenario(name) for name in ("ref-open", "ref-get", "ref-post", "static", "poll", "results", "vote",
                                       "vote-rating", "vote-text")}
reference_of = {"static": "ref-open", "poll": "ref-get", "results": "ref-get", "vote": "ref-post",
                "vote-rating": "vote", "vote-text": "vote"}
ratio = {name: s[name]["median"]["rps"] / s[ref]["median"]["rps"] for name, ref in reference_of.items()}
starts = dict(part.split("=") for part in read("starts.txt").split())
# The quickest restart a deployment can have: JDK 25's AOT cache where the run measured one, else the class archive.
best_restart = min(
    [(float(starts["restart"]), "the default JDK, class archive")]
    + ([(float(starts["aot_restart"]), f"{starts['aot_jdk'].replace('_', ' ')}, AOT cache")]
       if "aot_restart" in starts else []))
half = result(read("half.txt"))
stream_half, stream_many = stream(read("stream-half.txt")), stream(read("stream-many.txt"))
event_stream = stream(read("event-stream.txt").replace("present -> active-poll:", "202 -> event:"))
surge = read("surge.txt")
surge_ok = bool(re.search(r"answers 202: 1000;", surge)) and "exactly once per option: yes" in surge \
    and bool(re.search(r"counted 1000 of 1000", surge))
heap_mib = round(int(read("heap-max", "0")) / 2**20)
batches = read("batches.txt", "nan nan").split()
drain_max = max(d for d in s["vote"]["drains"])
edge = {name: scenario(name) for name in ("results-browser", "edge", "edge-cache")}
cache_headers = read("edge-cache-headers.txt")


def counting(schema):
    """The counting rounds on PostgreSQL for one schema: ballots per second of each, and the median."""
    rounds = [dict(part.split("=") for part in read(f"counting/{schema}-{i}.txt").split()) for i in (1, 2, 3)]
    rates = [int(r["timed"]) / float(r["seconds"]) for r in rounds]
    return {"rates": rates, "median": sorted(rates)[1], "queued": [int(r["queued"]) for r in rounds],
            "size": read(f"counting/{schema}-size.txt")}


measured_counting = os.path.exists(os.path.join(out, "counting/plain-1.txt"))
plain, partitioned = (counting("plain"), counting("partitioned")) if measured_counting else (None, None)
cores = os.cpu_count()
memory = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]

labels = {
    "ref-open": "reference: JAX-RS no-op GET, anonymous",
    "ref-get": "reference: JAX-RS no-op GET, Liberty BASIC, 1,000 rotating voters",
    "ref-post": "reference: JAX-RS no-op POST with a vote's body, same login",
    "static": "Intrapoll: static page `/login.html`, anonymous",
    "poll": "Intrapoll: `GET /api/v1/polls/{id}`, 1,000 rotating voters",
    "results": "Intrapoll: `GET /api/v1/polls/{id}/results`, same",
    "vote": "Intrapoll: durable first votes, distinct voters over 300 polls, counted on the same node",
    "vote-rating": "Intrapoll: the same with RATING polls (`{\"rating\": n}`)",
    "vote-text": "Intrapoll: the same with OPEN_TEXT polls (a sentence each; its words counted)",
}
lines = [
    "# Benchmark results",
    "",
    f"Written by `bench/run.sh` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit "
    f"`{a.commit}`, on {platform.node()}: {cores} cores, {memory} GiB, {platform.system()} {platform.release()}, "
    f"{java}. Intrapoll runs on its embedded default (embedded Artemis, local Infinispan) with -Xmx512m and H2 in "
    f"a file under the server's directory, each commit written at once (the embedded default's own URL); the reference application (`bench/reference`) is a JAX-RS no-op on the same Open Liberty runtime "
    f"with Liberty's own BASIC login against the same basicRegistry of the demo voters. wrk runs on the same two "
    f"cores: 2 threads, {a.connections} connections, loopback. Every scenario: {a.warmup} s of warm-up on the same "
    f"requests, then three rounds of {a.round} s; the figures are the median round's. Every figure is from this one "
    "run; the machine's own speed moves by a quarter between runs, so compare the ratios. The three question types' "
    "vote rounds are interleaved (SINGLE, RATING, OPEN_TEXT round 1, then round 2, ...), after each type's "
    "warm-up, so the database's growth falls on all three alike.",
    "",
    "| scenario | req/s (median; the three rounds) | ratio to its reference | p50 ms | p99 ms | CPU us/sy/id/st % | answers |",
    "|---|---|---:|---:|---:|---|---|",
]
for name, figures in s.items():
    m = figures["median"]
    rates = ", ".join(f"{r:,.0f}" for r in figures["rates"])
    share = f"{ratio[name]:.2f} × {reference_of[name]}" if name in ratio else "—"
    c = figures["cpu"]
    lines.append(f"| {labels[name]} | **{m['rps']:,.0f}** ({rates}) | {share} | {m['p50']:.1f} | {m['p99']:.1f} | "
                 f"{c['us']:.0f}/{c['sy']:.0f}/{c['id']:.0f}/{c['st']:.0f} | {m['statuses']} |")
lines += [
    "",
    "| pipeline and live results | figure |",
    "|---|---|",
    f"| aggregation lag back to 0 after each vote round | {', '.join(f'{d:.2f} s' for d in s['vote']['drains'])} |",
    f"| the same after each RATING round, each OPEN_TEXT round | "
    f"{', '.join(f'{d:.2f} s' for d in s['vote-rating']['drains'])}; "
    f"{', '.join(f'{d:.2f} s' for d in s['vote-text']['drains'])} |",
    f"| mean ballots per durable broker write (intake group commit), per counting transaction | {batches[0]}, {batches[1]} |",
    f"| vote POST at half of peak ({read('half-rate.txt')}/s asked, 32 paced connections) | {half['rps']:.0f}/s, p50 {half['p50']:.1f} ms, p99 {half['p99']:.1f} ms, {half['statuses']} |",
    f"| vote 202 → results event at half of peak (200 subscribers) | p50 {stream_half['p50']} ms, p99 {stream_half['p99']} ms |",
    f"| results streams held on one node | {stream_many['held']} of {a.subscribers} |",
    f"| vote 202 → event with {a.subscribers} subscribers (no other load) | p50 {stream_many['p50']} ms, p99 {stream_many['p99']} ms |",
    f"| event stream subscribers held on one node; present → `active-poll` (20 changes, one every 0.5 s) | "
    f"{event_stream['held']} of 2000; p50 {event_stream['p50']} ms, p99 {event_stream['p99']} ms |",
    f"| surge | {surge.replace('surge: ', '')} |",
    f"| start to `/health/ready`: a new server's first start (it writes the class archive) | {starts['first']} s |",
    f"| restart without the class archive, with it | {starts['restart_plain']} s, **{starts['restart']} s** |",
    *([f"| {starts['aot_jdk'].replace('_', ' ')}: a training start (it writes the AOT cache), a restart with it | "
       f"{starts['aot_training']} s, **{starts['aot_restart']} s** |"] if "aot_restart" in starts else []),
    f"| largest heap in use during the run (sampled each second) | {heap_mib} MiB |",
    "",
    "![ratios to the reference](results.svg)",
    "",
    "## Scaling past one database and one load balancer (issue 22)",
    "",
    "Results read by signed-in browsers (a session cookie each, 200 sessions rotating, no Authorization header: "
    "what HAProxy's cache may serve), over the same 20 polls for everyone: straight to the node, through HAProxy "
    "(`bench/haproxy.cfg`, one process on the same cores), and through HAProxy with the results cache of the "
    "Ansible role (each poll's results kept for the second the node allows: `Cache-Control: public, max-age=1`).",
    "",
    "| results reads | req/s (median; the three rounds) | ratio | p50 ms | p99 ms | CPU us/sy/id/st % | answers |",
    "|---|---|---:|---:|---:|---|---|",
]
edge_labels = {"results-browser": "straight to the node", "edge": "through HAProxy, no cache",
               "edge-cache": "through HAProxy's results cache"}
for name, figures in edge.items():
    m, c = figures["median"], figures["cpu"]
    rates = ", ".join(f"{r:,.0f}" for r in figures["rates"])
    share = (f"{m['rps'] / edge['edge']['median']['rps']:.2f} × through HAProxy; "
             f"{m['rps'] / s['ref-get']['median']['rps']:.2f} × ref-get")
    lines.append(f"| {edge_labels[name]} | **{m['rps']:,.0f}** ({rates}) | {share} | {m['p50']:.1f} | "
                 f"{m['p99']:.1f} | {c['us']:.0f}/{c['sy']:.0f}/{c['id']:.0f}/{c['st']:.0f} | {m['statuses']} |")
lines += [
    "",
    "A read through the cache after the run: " + "; ".join(
        line.strip() for line in cache_headers.splitlines()
        if line.lower().startswith(("etag", "cache-control", "x-cache-hit", "age"))),
    "",
    "",
]
if measured_counting:
    lines += [
        "Counting on PostgreSQL (the machine's PostgreSQL 15; the node on PostgreSQL and its embedded broker): the "
        "counting MDB paused with `server pause`, first votes queued for two rounds' time, then the MDB resumed and "
        "timed from the first ballot in PostgreSQL to the last (`bench/counting.sh`). The same code on the schema "
        "before partitioning (`intrapoll.db.schema-target=8`, plain tables) and on the latest (hash-partitioned by poll, "
        "16 partitions), each in a fresh database, one after the other in this run.",
        "",
        "| ballot tables | ballots counted per second (median; the three rounds) | ballots queued per round | ratio | table at the end |",
        "|---|---|---|---:|---|",
        f"| plain (schema 8) | **{plain['median']:,.0f}** ({', '.join(f'{r:,.0f}' for r in plain['rates'])}) | "
        f"{', '.join(f'{q:,}' for q in plain['queued'])} | 1.00 | {plain['size']} |",
        f"| partitioned by poll (latest) | **{partitioned['median']:,.0f}** "
        f"({', '.join(f'{r:,.0f}' for r in partitioned['rates'])}) | "
        f"{', '.join(f'{q:,}' for q in partitioned['queued'])} | {partitioned['median'] / plain['median']:.2f} | "
        f"{partitioned['size']} |",
        "",
    ]
lines += [
    "## Targets (issue 14)",
    "",
    "| target | this run | |",
    "|---|---|---|",
    f"| static page ≥ 0.8 × anonymous no-op | {ratio['static']:.2f} × | {verdict(ratio['static'] >= 0.8)} |",
    f"| `GET /polls/{{id}}` ≥ 0.7 × authenticated no-op | {ratio['poll']:.2f} × | {verdict(ratio['poll'] >= 0.7)} |",
    f"| `GET /polls/{{id}}/results` ≥ 0.7 × authenticated no-op | {ratio['results']:.2f} × | {verdict(ratio['results'] >= 0.7)} |",
    f"| durable first votes ≥ 0.4 × authenticated no-op | {ratio['vote']:.2f} × | {verdict(ratio['vote'] >= 0.4)} |",
    f"| RATING ingest ≥ 0.9 × SINGLE ingest (issue 18) | {ratio['vote-rating']:.2f} × | "
    f"{verdict(ratio['vote-rating'] >= 0.9)} |",
    f"| OPEN_TEXT ingest ≥ 0.9 × SINGLE ingest (issue 18) | {ratio['vote-text']:.2f} × | "
    f"{verdict(ratio['vote-text'] >= 0.9)} |",
    f"| aggregation lag back to 0 within 2 s | {drain_max:.2f} s at most | {verdict(drain_max <= 2)} |",
    f"| vote POST p99 ≤ 25 ms at half of peak | {half['p99']:.1f} ms | {verdict(half['p99'] <= 25)} |",
    f"| vote → results event p99 ≤ 250 ms at half of peak | {stream_half['p99']} ms | {verdict(stream_half['p99'] is not None and stream_half['p99'] <= 250)} |",
    f"| {a.subscribers} streams on one node, delivery p99 ≤ 500 ms | {stream_many['held']} held, p99 {stream_many['p99']} ms | {verdict(stream_many['held'] >= int(a.subscribers) and stream_many['p99'] is not None and stream_many['p99'] <= 500)} |",
    f"| 2,000 event stream subscribers, present → active-poll p99 ≤ 500 ms (issue 19) | "
    f"{event_stream['held']} held, p99 {event_stream['p99']} ms | "
    f"{verdict(event_stream['held'] is not None and event_stream['held'] >= 2000 and event_stream['p99'] is not None and event_stream['p99'] <= 500)} |",
    f"| surge of 1,000 voters over 64 connections: all 202, each counted once | {'yes' if surge_ok else 'no'} | {verdict(surge_ok)} |",
    f"| restart to ready ≤ 15 s | {best_restart[0]:.1f} s ({best_restart[1]}) | {verdict(best_restart[0] <= 15)} |",
    f"| heap ≤ 512 MiB at peak | {heap_mib} MiB | {verdict(heap_mib <= 512)} |",
    "",
    "## Where a read's time goes (async-profiler, one more round of each after the measured ones)",
    "",
    "### The static page",
    "",
    read("static-profile.md"),
    "",
    "### `GET /api/v1/polls/{id}`",
    "",
    read("poll-profile.md"),
    "",
    "### `GET /api/v1/polls/{id}/results`",
    "",
    read("results-profile.md"),
    "",
    "## Where the time goes (JFR, the second measured vote round)",
    "",
    read("vote-profile.md"),
    "",
    "### The second OPEN_TEXT round (its words counted as tally keys)",
    "",
    read("vote-text-profile.md"),
    "",
    "## Where the start-up time goes (JFR, a start with the class archive)",
    "",
    read("startup.md"),
    "",
    open(a.changes, encoding="utf-8").read().strip(),
    "",
]
open(a.markdown, "w", encoding="utf-8").write("\n".join(lines) + "\n")

# Ratios to the reference as bars, plain SVG, with the target of each as a mark.
targets = {"static": 0.8, "poll": 0.7, "results": 0.7, "vote": 0.4}
width, row, left = 640, 34, 90
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {row * len(targets) + 40}" font-family="sans-serif" font-size="13">',
       '<text x="0" y="16" font-weight="bold">Intrapoll as a share of the reference (1.0 = Liberty\'s own no-op); red mark: the target</text>']
scale = (width - left - 60)
for i, (name, target) in enumerate(targets.items()):
    y = 30 + i * row
    length = scale * min(ratio[name], 1.0)
    svg.append(f'<text x="0" y="{y + 17}">{name}</text>')
    svg.append(f'<rect x="{left}" y="{y + 4}" width="{length:.1f}" height="20" fill="#0b57d0"/>')
    svg.append(f'<rect x="{left + scale * target - 1:.1f}" y="{y}" width="2" height="28" fill="#b3261e"/>')
    svg.append(f'<text x="{left + length + 6:.1f}" y="{y + 19}">{ratio[name]:.2f}</text>')
svg.append("</svg>")
open(a.chart, "w", encoding="utf-8").write("\n".join(svg) + "\n")
