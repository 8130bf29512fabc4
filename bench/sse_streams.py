"""What the stream benches share: many SSE subscribers held over a few client processes, each noting when a
fact first showed in its stream, and the delays from the moments the bench caused those facts.

    held, failed, delays, missed = follow(base, path, users, note, act)

note(events, now, seen) reads a block of whole events (raw bytes) and records in seen {key: first time}; it runs
in the worker processes, so it is a module-level function. act() runs once every stream is open and returns
{key: when the bench caused it}. Times are time.monotonic(), the same clock in every process.
"""
import asyncio
import base64
import json
import multiprocessing
import time
import urllib.request
from urllib.parse import urlparse

WORKERS = 4  # client processes sharing the subscribers


def basic(user):
    return "Basic " + base64.b64encode(f"{user}:{user}".encode()).decode()


def call(base, method, path, user, body=None):
    """The status, the body, and when the answer arrived (taken here, not when a busy event loop resumes)."""
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": basic(user), "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        answered = time.monotonic()
        return response.status, json.loads(response.read() or b"null"), answered


class Subscriber:
    def __init__(self, user, note):
        self.user = user
        self.note = note
        self.seen = {}
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
            self.note(events, now, self.seen)


async def hold(base, path, users, note, connected, done, results):
    """One worker process: holds its share of the streams until the bench is done, then reports what it saw."""
    url = urlparse(base)
    subscribers = [Subscriber(user, note) for user in users]
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


def worker(base, path, users, note, connected, done, results):
    asyncio.run(hold(base, path, users, note, connected, done, results))


def follow(base, path, users, note, act):
    """Holds the streams (spread over processes: one Python thread cannot read thousands of streams as fast as the
    server writes them, and the bench would measure its own backlog), runs act(), and returns the subscribers held,
    those that failed, the sorted delays in ms of every (key, subscriber) pair seen, and the pairs missed."""
    connected, results, done = multiprocessing.Queue(), multiprocessing.Queue(), multiprocessing.Event()
    workers = [multiprocessing.Process(target=worker, args=(base, path, users[w::WORKERS], note, connected, done, results))
               for w in range(WORKERS)]
    for process in workers:
        process.start()
    held = sum(connected.get(timeout=120) for _ in workers)
    caused_at = act()
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
        for key, at in caused_at.items():
            if key in seen:
                delays.append(max(0.0, seen[key] - at) * 1000)
            else:
                missed += 1
    delays.sort()
    return held, failed, delays, missed


def percentiles(delays):
    """p50, p90, p99 and max of sorted delays."""
    pct = lambda p: delays[min(len(delays) - 1, int(p / 100 * len(delays)))] if delays else float("nan")
    return pct(50), pct(90), pct(99), delays[-1] if delays else 0
