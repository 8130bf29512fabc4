#!/usr/bin/env python3
"""How far live results reach, on one node: SUBSCRIBERS clients hold GET /polls/{id}/results/stream open while
VOTES votes are cast one after another; for every (vote, subscriber) pair it measures the time from the vote's
202 to the first event showing that many ballots. Prints the subscribers held and the delay p50/p90/p99/max.

    bench/results-stream.py [base-url] [subscribers] [votes]
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
SUBSCRIBERS = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
VOTES = int(sys.argv[3]) if len(sys.argv) > 3 else 40
GAP = 0.3  # seconds between votes, so each vote is its own change
WORKERS = 4  # client processes sharing the subscribers
# Only the ballot count is needed from an event: a regular expression on the raw bytes costs the client (one
# Python thread reading every stream, on the same cores as the server) far less than decoding and parsing JSON.
TOTAL_BALLOTS = re.compile(rb'"totalBallots":\s*(\d+)')


def basic(user):
    return "Basic " + base64.b64encode(f"{user}:{user}".encode()).decode()


def call(method, path, user, body=None):
    """The status, the body, and when the answer arrived (taken here, not when the busy event loop resumes)."""
    request = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": basic(user), "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        answered = time.monotonic()
        return response.status, json.loads(response.read() or b"null"), answered


class Subscriber:
    def __init__(self, user):
        self.user = user
        self.seen = {}  # ballots -> when an event first showed at least that many
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
        # Read whatever has arrived, in large blocks: one await for many events when the client falls behind.
        # Each event is written and flushed on its own, so it is one chunk of the chunked encoding and a match
        # never spans a chunk's size line; a read may still end inside an event, which waits for the next read.
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
            for match in TOTAL_BALLOTS.finditer(events):
                ballots = int(match.group(1))
                for n in range(ballots, -1, -1):
                    if n in self.seen:
                        break
                    self.seen[n] = now


async def hold(path, users, connected, votes_done, results):
    """One worker process: holds its share of the streams until the votes are done, then reports what it saw."""
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
    while not votes_done.is_set():
        await asyncio.sleep(0.1)
    failed = sum(1 for t in tasks if t.done() and t.exception() is not None)
    results.put((failed, [s.seen for s in subscribers if s.connected]))
    for t in tasks:
        t.cancel()


def worker(path, users, connected, votes_done, results):
    asyncio.run(hold(path, users, connected, votes_done, results))


def main():
    status, poll, _ = call("POST", "/api/v1/polls", "author",
                           {"title": "stream bench", "type": "SINGLE", "options": ["a", "b"], "open": True})
    path = f"/api/v1/polls/{poll['id']}/results/stream"
    # Each subscriber a person of the demo registry (5,000 streams: a thousand people with five screens each),
    # as in an all-hands: one user's budget of requests (the rate limits) is not meant for thousands of streams.
    users = [f"voter{i % 1000 + 1}" for i in range(SUBSCRIBERS)]
    # The subscribers are spread over worker processes: one Python thread cannot read thousands of streams as fast
    # as the server writes them, and the bench would measure its own backlog. time.monotonic() is the same clock
    # in every process.
    connected, results, votes_done = multiprocessing.Queue(), multiprocessing.Queue(), multiprocessing.Event()
    workers = [multiprocessing.Process(target=worker, args=(path, users[w::WORKERS], connected, votes_done, results))
               for w in range(WORKERS)]
    for process in workers:
        process.start()
    held = sum(connected.get(timeout=120) for _ in workers)
    accepted_at = {}
    for k in range(1, VOTES + 1):
        status, _, answered = call("POST", f"/api/v1/polls/{poll['id']}/votes",
                                   f"voter{k}", {"optionIds": [poll["options"][k % 2]["id"]]})
        accepted_at[k] = answered
        time.sleep(GAP)
    time.sleep(3)
    votes_done.set()
    failed, seen_by_subscriber = 0, []
    for _ in workers:
        worker_failed, seen = results.get(timeout=120)
        failed += worker_failed
        seen_by_subscriber += seen
    for process in workers:
        process.join(timeout=30)
    delays, missed = [], 0
    for seen in seen_by_subscriber:
        for k, at in accepted_at.items():
            if k in seen:
                delays.append(max(0.0, seen[k] - at) * 1000)
            else:
                missed += 1
    delays.sort()
    pct = lambda p: delays[min(len(delays) - 1, int(p / 100 * len(delays)))] if delays else float("nan")
    print(f"subscribers held: {held} of {SUBSCRIBERS} ({failed} failed)")
    print(f"votes: {VOTES}, one every {GAP} s; (vote, subscriber) pairs seen: {len(delays)}, missed: {missed}")
    print(f"202 -> event: p50 {pct(50):.0f} ms, p90 {pct(90):.0f} ms, p99 {pct(99):.0f} ms, max {delays[-1] if delays else 0:.0f} ms")


if __name__ == "__main__":
    main()
