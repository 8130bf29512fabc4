#!/usr/bin/env python3
"""Where a profile's CPU went, from async-profiler's collapsed stacks (bench/profile.sh): the frames on the stack
(inclusive) and at its top (self), as shares of all samples, in Markdown.

    bench/collapsed.py FILE [--only SUBSTRING] [--top N]
    bench/collapsed.py target/bench/profiles/poll.collapsed --only io/intrapoll   stacks through Intrapoll's code
    bench/collapsed.py target/bench/profiles/poll.collapsed --areas   by area (what RESULTS.md shows)
"""
import argparse
import collections

parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--only", default="", help="count only stacks with a frame containing this")
parser.add_argument("--top", type=int, default=40)
parser.add_argument("--areas", action="store_true",
                    help="shares by area, Intrapoll's methods and the hottest frames, instead of raw frames")
args = parser.parse_args()

# An area is on a sample's stack when one of its frames starts with a prefix (Java frames) or is one of the names
# (native frames: the JIT, the collector, system calls).
AREAS = [
    ("Intrapoll code", ("io/intrapoll/",), ()),
    ("Liberty HTTP channel and TCP", ("com/ibm/ws/http/", "com/ibm/ws/tcpchannel/"), ()),
    ("Liberty web container", ("com/ibm/ws/webcontainer/",), ()),
    ("Liberty security (JASPI, Jakarta Security)", ("com/ibm/ws/security/", "io/openliberty/security/"), ()),
    ("RESTEasy (JAX-RS)", ("org/jboss/resteasy/",), ()),
    ("Weld (CDI)", ("org/jboss/weld/",), ()),
    ("JSON (Parsson, Yasson)", ("org/eclipse/parsson/", "org/eclipse/yasson/"), ()),
    ("Infinispan", ("org/infinispan/",), ()),
    ("Artemis (broker and client)", ("org/apache/activemq/",), ()),
    ("Hibernate", ("org/hibernate/",), ()),
    ("H2 database", ("org/h2/",), ()),
    ("JIT compilers", (), ("CompileBroker::compiler_thread_loop",)),
    ("garbage collector", ("G1",), ("GCTaskThread::run", "ConcurrentGCThread::run", "WorkerThread::run")),
    ("system calls: files (stat, open, read)", ("__GI___fstatat", "__fstatat", "fstatat", "__GI___open64", "__libc_open64",
                                                 "open64", "__GI___libc_read", "__libc_read"), ()),
    ("system calls: socket writes", ("writev", "__GI___send", "__GI_write", "__libc_write"), ()),
    ("thread hand-offs (futex, condition signals, epoll)", ("___pthread_cond_signal", "__futex_abstimed_wait_common",
                                                            "epoll_wait", "__lll_lock_wake"), ()),
]

inclusive = collections.Counter()
self_time = collections.Counter()
total = selected = 0
for line in open(args.file, encoding="utf-8"):
    stack, count = line.rstrip("\n").rsplit(" ", 1)
    count = int(count)
    frames = stack.split(";")
    total += count
    if args.only and not any(args.only in frame for frame in frames):
        continue
    selected += count
    for frame in set(frames):  # a recursive frame counts once per sample
        inclusive[frame] += count
    self_time[frames[-1]] += count

if args.areas:
    areas = collections.Counter()
    methods = collections.Counter()
    for line in open(args.file, encoding="utf-8"):
        stack, count = line.rstrip("\n").rsplit(" ", 1)
        frames = set(stack.split(";"))
        for area, prefixes, names in AREAS:
            if any(frame.startswith(prefixes) for frame in frames if prefixes) or any(n in frames for n in names):
                areas[area] += int(count)
        for frame in frames:
            if frame.startswith("io/intrapoll/") and "$Proxy$" not in frame and "$$Lambda" not in frame:
                methods[frame.replace("/", ".")] += int(count)
    # Inclusive shares overlap (Liberty's security filter encloses the whole filter chain, a filter everything after
    # it): each sample also goes to the area of its innermost frame that belongs to one, which sums to 100 %.
    innermost = collections.Counter()
    for line in open(args.file, encoding="utf-8"):
        stack, count = line.rstrip("\n").rsplit(" ", 1)
        owner = "elsewhere (JDK, other libraries, the kernel's other calls)"
        for frame in reversed(stack.split(";")):
            found = next((area for area, prefixes, names in AREAS
                          if (prefixes and frame.startswith(prefixes)) or frame in names), None)
            if found:
                owner = found
                break
        innermost[owner] += int(count)
    def table(title, rows, code=False):
        print(f"\n| {title} | share of samples |\n|---|---:|")
        for name, count in rows:
            shown = f"`{name[:140]}`" if code else name
            print(f"| {shown} | {100 * count / max(total, 1):.1f} % |")

    print(f"{total} samples (async-profiler, 1 ms of CPU each, every thread).")
    table("on the stack (inclusive)", areas.most_common())
    table("the innermost area on the stack (each sample once)", innermost.most_common())
    table("Intrapoll methods on the stack (inclusive)", methods.most_common(10), code=True)
    table("hottest frames (self)", self_time.most_common(12), code=True)
    raise SystemExit

print(f"{total} samples" + (f"; {selected} ({100 * selected / max(total, 1):.1f} %) through `{args.only}`"
                            if args.only else ""))
print()
for title, counter in (("on the stack (inclusive)", inclusive), ("at the top (self)", self_time)):
    print(f"| {title} | share of samples |")
    print("|---|---:|")
    for frame, count in counter.most_common(args.top):
        print(f"| `{frame[:140]}` | {100 * count / max(total, 1):.1f} % |")
    print()
