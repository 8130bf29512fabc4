#!/usr/bin/env python3
"""Where a profile's CPU went, from async-profiler's collapsed stacks (bench/profile.sh): the frames on the stack
(inclusive) and at its top (self), as shares of all samples, in Markdown.

    bench/collapsed.py FILE [--only SUBSTRING] [--top N]
    bench/collapsed.py target/bench/profiles/poll.collapsed --only io/intrapoll   stacks through Intrapoll's code
"""
import argparse
import collections

parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--only", default="", help="count only stacks with a frame containing this")
parser.add_argument("--top", type=int, default=40)
args = parser.parse_args()

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

print(f"{total} samples" + (f"; {selected} ({100 * selected / max(total, 1):.1f} %) through `{args.only}`"
                            if args.only else ""))
print()
for title, counter in (("on the stack (inclusive)", inclusive), ("at the top (self)", self_time)):
    print(f"| {title} | share of samples |")
    print("|---|---:|")
    for frame, count in counter.most_common(args.top):
        print(f"| `{frame[:140]}` | {100 * count / max(total, 1):.1f} % |")
    print()
