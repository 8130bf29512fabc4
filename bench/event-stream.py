#!/usr/bin/env python3
"""How fast an all-hands follows its presenter, on one node: SUBSCRIBERS clients hold GET /events/{id}/stream open
while the presenter puts CHANGES polls on screen one after another; for every (change, subscriber) pair it measures
the time from the present call's answer to the subscriber's first active-poll event naming that poll. Prints the
subscribers held and the delay p50/p90/p99/max.

    bench/event-stream.py [base-url] [subscribers] [changes]
"""
import sys
import time

from sse_streams import call, follow, percentiles

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:9080"
SUBSCRIBERS = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
CHANGES = int(sys.argv[3]) if len(sys.argv) > 3 else 20
GAP = 0.5  # seconds between the presenter's clicks
# The poll an active-poll event names; the subscribers match it in the raw bytes.
ACTIVE_POLL = r'event: ?active-poll\r?\ndata: ?\{"activePollId":"([^"]+)"'


def main():
    _, event, _ = call(BASE, "POST", "/api/v1/events", "author", {"title": "event stream bench"})
    polls = []
    for k in range(CHANGES):
        _, poll, _ = call(BASE, "POST", "/api/v1/polls", "author", {
            "title": f"on screen {k + 1}", "type": "SINGLE", "options": ["a", "b"], "eventId": event["id"]})
        polls.append(poll["id"])

    def present():
        presented_at = {}
        for poll in polls:
            _, _, answered = call(BASE, "POST", f"/api/v1/events/{event['id']}/present", "author", {"pollId": poll})
            presented_at[poll] = answered
            time.sleep(GAP)
        return presented_at

    # Each subscriber a person of the demo registry (two screens each for 2,000), as in an all-hands.
    users = [f"voter{i % 1000 + 1}" for i in range(SUBSCRIBERS)]
    held, failed, delays, missed = follow(BASE, f"/api/v1/events/{event['id']}/stream", users, ACTIVE_POLL, present)
    p50, p90, p99, most = percentiles(delays)
    print(f"subscribers held: {held} of {SUBSCRIBERS} ({failed} failed)")
    print(f"changes: {CHANGES}, one every {GAP} s; (change, subscriber) pairs seen: {len(delays)}, missed: {missed}")
    print(f"present -> active-poll: p50 {p50:.0f} ms, p90 {p90:.0f} ms, p99 {p99:.0f} ms, max {most:.0f} ms")


if __name__ == "__main__":
    main()
