#!/usr/bin/env python3
"""How far live results reach, on one node: SUBSCRIBERS clients hold GET /polls/{id}/results/stream open while
VOTES votes are cast one after another; for every (vote, subscriber) pair it measures the time from the vote's
202 to the first event showing that many ballots. Prints the subscribers held and the delay p50/p90/p99/max.

    bench/results-stream.py [base-url] [subscribers] [votes]
"""
import re
import sys
import time

from sse_streams import call, follow, percentiles

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:9080"
SUBSCRIBERS = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
VOTES = int(sys.argv[3]) if len(sys.argv) > 3 else 40
GAP = 0.3  # seconds between votes, so each vote is its own change
# Only the ballot count is needed from an event: a regular expression on the raw bytes costs the client (one
# Python thread reading every stream, on the same cores as the server) far less than decoding and parsing JSON.
TOTAL_BALLOTS = re.compile(rb'"totalBallots":\s*(\d+)')


def note(events, now, seen):
    """ballots -> when an event first showed at least that many"""
    for match in TOTAL_BALLOTS.finditer(events):
        for n in range(int(match.group(1)), -1, -1):
            if n in seen:
                break
            seen[n] = now


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
    held, failed, delays, missed = follow(BASE, f"/api/v1/polls/{poll['id']}/results/stream", users, note, vote)
    p50, p90, p99, most = percentiles(delays)
    print(f"subscribers held: {held} of {SUBSCRIBERS} ({failed} failed)")
    print(f"votes: {VOTES}, one every {GAP} s; (vote, subscriber) pairs seen: {len(delays)}, missed: {missed}")
    print(f"202 -> event: p50 {p50:.0f} ms, p90 {p90:.0f} ms, p99 {p99:.0f} ms, max {most:.0f} ms")


if __name__ == "__main__":
    main()
