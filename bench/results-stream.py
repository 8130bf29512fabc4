#!/usr/bin/env python3
"""How far live results reach, on one node: SUBSCRIBERS clients hold GET /polls/{id}/results/stream open while
VOTES votes are cast one after another; for every (vote, subscriber) pair it measures the time from the vote's
202 to the first event showing that many ballots. Prints the subscribers held and the delay p50/p90/p99/max.

    bench/results-stream.py [base-url] [subscribers] [votes]
"""
import sys
import time

from sse_streams import call, follow, percentiles

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:9080"
SUBSCRIBERS = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
VOTES = int(sys.argv[3]) if len(sys.argv) > 3 else 40
GAP = 0.3  # seconds between votes, so each vote is its own change
# The ballot count of a results event; the subscribers match it in the raw bytes.
TOTAL_BALLOTS = r'"totalBallots":\s*(\d+)'


def at_least(seen):
    """{ballots: first time} -> {n: when an event first showed at least n ballots} (changes coalesce: a stream
    may go from 3 to 5)"""
    counts = {int(key): at for key, at in seen.items()}
    result, earliest = {}, None
    for n in range(max(counts, default=-1), -1, -1):
        if n in counts:
            earliest = counts[n] if earliest is None else min(earliest, counts[n])
        result[n] = earliest
    return result


def main():
    _, poll, _ = call(BASE, "POST", "/api/v1/polls", "author",
                      {"title": "stream bench", "type": "SINGLE", "options": ["a", "b"], "open": True})

    def vote():
        accepted_at = {}
        for k in range(1, VOTES + 1):
            _, _, answered = call(BASE, "POST", f"/api/v1/polls/{poll['id']}/votes",
                                  f"voter{k}", {"optionIds": [poll["options"][k % 2]["id"]]})
            accepted_at[k] = answered
            time.sleep(GAP)
        return accepted_at

    # Each subscriber a person of the demo registry (5,000 streams: a thousand people with five screens each),
    # as in an all-hands: one user's budget of requests (the rate limits) is not meant for thousands of streams.
    users = [f"voter{i % 1000 + 1}" for i in range(SUBSCRIBERS)]
    held, failed, delays, missed = follow(BASE, f"/api/v1/polls/{poll['id']}/results/stream", users, TOTAL_BALLOTS, vote, at_least)
    p50, p90, p99, most = percentiles(delays)
    print(f"subscribers held: {held} of {SUBSCRIBERS} ({failed} failed)")
    print(f"votes: {VOTES}, one every {GAP} s; (vote, subscriber) pairs seen: {len(delays)}, missed: {missed}")
    print(f"202 -> event: p50 {p50:.0f} ms, p90 {p90:.0f} ms, p99 {p99:.0f} ms, max {most:.0f} ms")


if __name__ == "__main__":
    main()
