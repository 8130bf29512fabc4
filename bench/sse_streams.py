"""What the stream benches share: many SSE subscribers held by one client process, each noting when a fact
first showed in its stream, and the delays from the moments the bench caused those facts.

    held, failed, delays, missed = follow(base, path, users, pattern, act, first_seen=None)

pattern is a regular expression with one group, the fact's key, matched in each stream's whole events as they
arrive; first_seen(seen) may turn one stream's {key: first time} into the facts the bench asks about. act() runs
once every stream is open and returns {fact: when the bench caused it}. Times are time.monotonic() here and
System.nanoTime() in the subscribers' process: both CLOCK_MONOTONIC on Linux.
"""
import base64
import json
import os
import subprocess
import time
import urllib.request

FOLLOWERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "StreamFollowers.java")


def basic(user):
    return "Basic " + base64.b64encode(f"{user}:{user}".encode()).decode()


def call(base, method, path, user, body=None):
    """The status, the body, and when the answer arrived (taken here, not when a busy event loop resumes)."""
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": basic(user), "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        answered = time.monotonic()
        return response.status, json.loads(response.read() or b"null"), answered


def follow(base, path, users, pattern, act, first_seen=None):
    """Holds the streams in one Java process (bench/StreamFollowers.java: non-blocking sockets on one thread; the
    Python subscribers it replaced used more of the two cores than the server did, and the bench measured its own
    backlog), runs act(), and returns the subscribers held, those that failed, the sorted delays in ms of every
    (fact, subscriber) pair seen, and the pairs missed."""
    followers = subprocess.Popen(["java", "-XX:+UseSerialGC", FOLLOWERS, base, path, pattern, *users],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    held_line = followers.stdout.readline().split()  # "held N failed M", once every stream is open
    if len(held_line) != 4:
        followers.kill()
        raise RuntimeError(f"the subscribers did not start: {held_line}")
    held, failed = int(held_line[1]), int(held_line[3])
    caused_at = act()
    time.sleep(3)
    output, _ = followers.communicate(timeout=120)  # standard input closed: they report and exit
    connected, seen_by_subscriber = [], {}
    for line in output.splitlines():
        words = line.split(" ")
        if words[0] == "connected":
            connected.append(words[1])
        else:
            subscriber, key, nanos = words
            seen_by_subscriber.setdefault(subscriber, {})[key] = int(nanos) / 1e9
    delays, missed = [], 0
    for subscriber in connected:  # a stream that never opened is counted in failed, not in missed
        seen = seen_by_subscriber.get(subscriber, {})
        if first_seen is not None:
            seen = first_seen(seen)
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
