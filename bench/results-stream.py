#!/usr/bin/env python3
"""How far live results reach, on one node: SUBSCRIBERS clients hold GET /polls/{id}/results/stream open while
VOTES votes are cast one after another; for every (vote, subscriber) pair it measures the time from the vote's
202 to the first event showing that many ballots. Prints the subscribers held and the delay p50/p90/p99/max.

    bench/results-stream.py [base-url] [subscribers] [votes]
"""
import asyncio
import base64
import json
import statistics
import sys
import time
import urllib.request
from urllib.parse import urlparse

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:9080"
SUBSCRIBERS = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
VOTES = int(sys.argv[3]) if len(sys.argv) > 3 else 40
GAP = 0.3  # seconds between votes, so each vote is its own change


def basic(user):
    return "Basic " + base64.b64encode(f"{user}:{user}".encode()).decode()


def call(method, path, user, body=None):
    request = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": basic(user), "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read() or b"null")


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
        text = ""
        while True:  # chunked transfer encoding
            size = int((await reader.readline()).strip() or b"0", 16)
            if size == 0:
                return
            text += (await reader.readexactly(size + 2))[:-2].decode()
            while "\n\n" in text:
                event, text = text.split("\n\n", 1)
                data = "".join(line[5:].strip() for line in event.split("\n") if line.startswith("data:"))
                if data:
                    ballots = json.loads(data)["totalBallots"]
                    now = time.monotonic()
                    for n in range(ballots, -1, -1):
                        if n in self.seen:
                            break
                        self.seen[n] = now


async def main():
    url = urlparse(BASE)
    status, poll = call("POST", "/api/v1/polls", "author",
                        {"title": "stream bench", "type": "SINGLE", "options": ["a", "b"], "open": True})
    path = f"/api/v1/polls/{poll['id']}/results/stream"
    # Each subscriber a person of the demo registry (5,000 streams: a thousand people with five screens each),
    # as in an all-hands: one user's budget of requests (the rate limits) is not meant for thousands of streams.
    subscribers = [Subscriber(f"voter{i % 1000 + 1}") for i in range(SUBSCRIBERS)]
    tasks = []
    for i, subscriber in enumerate(subscribers):
        tasks.append(asyncio.create_task(subscriber.run(url.hostname, url.port or 80, path)))
        if i % 100 == 99:
            await asyncio.sleep(0.2)  # connect in waves
    deadline = time.monotonic() + 60
    while sum(s.connected for s in subscribers) < SUBSCRIBERS and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    connected = sum(s.connected for s in subscribers)
    failed = sum(1 for t in tasks if t.done() and t.exception() is not None)
    accepted_at = {}
    loop = asyncio.get_running_loop()
    for k in range(1, VOTES + 1):
        status, _ = await loop.run_in_executor(None, call, "POST", f"/api/v1/polls/{poll['id']}/votes",
                                               f"voter{k}", {"optionIds": [poll["options"][k % 2]["id"]]})
        accepted_at[k] = time.monotonic()
        await asyncio.sleep(GAP)
    await asyncio.sleep(3)
    delays, missed = [], 0
    for subscriber in subscribers:
        if not subscriber.connected:
            continue
        for k, at in accepted_at.items():
            if k in subscriber.seen:
                delays.append(max(0.0, subscriber.seen[k] - at) * 1000)
            else:
                missed += 1
    delays.sort()
    pct = lambda p: delays[min(len(delays) - 1, int(p / 100 * len(delays)))] if delays else float("nan")
    print(f"subscribers held: {connected} of {SUBSCRIBERS} ({failed} failed)")
    print(f"votes: {VOTES}, one every {GAP} s; (vote, subscriber) pairs seen: {len(delays)}, missed: {missed}")
    print(f"202 -> event: p50 {pct(50):.0f} ms, p90 {pct(90):.0f} ms, p99 {pct(99):.0f} ms, max {delays[-1] if delays else 0:.0f} ms")
    for t in tasks:
        t.cancel()


asyncio.run(main())
