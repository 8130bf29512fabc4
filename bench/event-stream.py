#!/usr/bin/env python3
"""How fast an all-hands follows its presenter, on one node: SUBSCRIBERS clients hold GET /events/{id}/stream open
while the presenter puts CHANGES polls on screen one after another; for every (change, subscriber) pair it measures
the time from the present call's answer to the subscriber's first active-poll event naming that poll. Prints the
subscribers held and the delay p50/p90/p99/max.

    bench/event-stream.py [base-url] [subscribers] [changes]
"""
import asyncio
import base64
import json
import multiprocessing
import re
import sys
import time
import urllib.request
from urllib.parse import urlparse

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:9080"
SUBSCRIBERS = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
CHANGES = int(sys.argv[3]) if len(sys.argv) > 3 else 20
GAP = 0.5  # seconds between the presenter's clicks
WORKERS = 4  # client processes sharing the subscribers
# Only the poll named by an active-poll event is needed: a regular expression on the raw bytes, not a JSON parser.
ACTIVE_POLL = re.compile(rb'event: ?active-poll\r?\ndata: ?\{"activePollId":"([^"]+)"')


def basic(user):
    return "Basic " + base64.b64encode(f"{user}:{user}".encode()).decode()


def call(method, path, user, body=None):
    """The status, the body, and when the answer arrived."""
    request = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": basic(user), "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        answered = time.monotonic()
        return response.status, json.loads(response.read() or b"null"), answered


class Subscriber:
    def __init__(self, user):
        self.user = user
        self.seen = {}  # poll id -> when an active-poll event first named it
        self.connected = False

    async def run(self, host, port, path):
        reader, writer = await asyncio.open_connection(host, port)
        writer.write((f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: {basic(self.user)}\r\n"
                      "Accept: text/event-stream\r\n\r\n").encode())
        await writer.drain()
        status = await reader.readline()
        if b" 200 " not in status:
            raise RuntimeError(status)
        while (await reader.readline()) not in (b"\r\n", b""):
            pass  # headers
        self.connected = True
        pending = b""
        while True:
            block = await reader.read(1 << 16)
            if not block:
                return
            now = time.monotonic()
            pending += block
            end = pending.rfind(b"\n\n")  # whole events only
            if end < 0:
                continue
            events, pending = pending[: end + 2], pending[end + 2 :]
            for match in ACTIVE_POLL.finditer(events):
                self.seen.setdefault(match.group(1).decode(), now)


async def hold(path, users, connected, done, results):
    url = urlparse(BASE)
    subscribers = [Subscriber(user) for user in users]
    tasks = []
    for i, subscriber in enumerate(subscribers):
        tasks.append(asyncio.create_task(subscriber.run(url.hostname, url.port or 80, path)))
        if i % 25 == 24:
            await asyncio.sleep(0.2)  # connect in waves
    deadline = time.monotonic() + 60
    while sum(s.connected for s in subscribers) < len(subscribers) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    connected.put(sum(s.connected for s in subscribers))
    while not done.is_set():
        await asyncio.sleep(0.1)
    failed = sum(1 for t in tasks if t.done() and t.exception() is not None)
    results.put((failed, [s.seen for s in subscribers if s.connected]))
    for t in tasks:
        t.cancel()


def worker(path, users, connected, done, results):
    asyncio.run(hold(path, users, connected, done, results))


def main():
    _, event, _ = call("POST", "/api/v1/events", "author", {"title": "event stream bench"})
    polls = []
    for k in range(CHANGES):
        _, poll, _ = call("POST", "/api/v1/polls", "author", {
            "title": f"on screen {k + 1}", "type": "SINGLE", "options": ["a", "b"], "eventId": event["id"]})
        polls.append(poll["id"])
    path = f"/api/v1/events/{event['id']}/stream"
    # Each subscriber a person of the demo registry (two screens each for 2,000), as in an all-hands.
    users = [f"voter{i % 1000 + 1}" for i in range(SUBSCRIBERS)]
    connected, results, done = multiprocessing.Queue(), multiprocessing.Queue(), multiprocessing.Event()
    workers = [multiprocessing.Process(target=worker, args=(path, users[w::WORKERS], connected, done, results))
               for w in range(WORKERS)]
    for process in workers:
        process.start()
    held = sum(connected.get(timeout=120) for _ in workers)
    presented_at = {}
    for poll in polls:
        status, _, answered = call("POST", f"/api/v1/events/{event['id']}/present", "author", {"pollId": poll})
        presented_at[poll] = answered
        time.sleep(GAP)
    time.sleep(3)
    done.set()
    failed, seen_by_subscriber = 0, []
    for _ in workers:
        worker_failed, seen = results.get(timeout=120)
        failed += worker_failed
        seen_by_subscriber += seen
    for process in workers:
        process.join(timeout=30)
    delays, missed = [], 0
    for seen in seen_by_subscriber:
        for poll, at in presented_at.items():
            if poll in seen:
                delays.append(max(0.0, seen[poll] - at) * 1000)
            else:
                missed += 1
    delays.sort()
    pct = lambda p: delays[min(len(delays) - 1, int(p / 100 * len(delays)))] if delays else float("nan")
    print(f"subscribers held: {held} of {SUBSCRIBERS} ({failed} failed)")
    print(f"changes: {CHANGES}, one every {GAP} s; (change, subscriber) pairs seen: {len(delays)}, missed: {missed}")
    print(f"present -> active-poll: p50 {pct(50):.0f} ms, p90 {pct(90):.0f} ms, p99 {pct(99):.0f} ms, "
          f"max {delays[-1] if delays else 0:.0f} ms")


if __name__ == "__main__":
    main()
