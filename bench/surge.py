#!/usr/bin/env python3
"""A surge: VOTERS distinct demo voters vote once each in one new poll over CONNECTIONS connections at once. Prints
the answers by status and whether every accepted ballot was counted exactly once (the poll's totalBallots and
votes per option against the 202s, once the queue is drained).

    bench/surge.py <base-url> [voters] [connections]
"""
import base64
import http.client
import json
import queue
import sys
import threading
import time
from urllib.parse import urlparse

base = sys.argv[1]
voters = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
connections = int(sys.argv[3]) if len(sys.argv) > 3 else 64
url = urlparse(base)


def auth(user):
    return "Basic " + base64.b64encode(f"{user}:{user}".encode()).decode()


def call(connection, method, path, user, body=None):
    headers = {"Authorization": auth(user)}
    if body is not None:
        headers["Content-Type"] = "application/json"
    connection.request(method, path, json.dumps(body) if body is not None else None, headers)
    answer = connection.getresponse()
    return answer.status, answer.read()


setup = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
status, text = call(setup, "POST", "/api/v1/polls", "author",
                    {"title": "surge", "type": "SINGLE", "options": ["a", "b"], "open": True})
poll = json.loads(text)
options = [option["id"] for option in poll["options"]]
work = queue.Queue()
for voter in range(1, voters + 1):
    work.put(voter)
statuses, chosen, lock = {}, {option: 0 for option in options}, threading.Lock()
start = threading.Barrier(connections)


def worker():
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    start.wait()
    while True:
        try:
            voter = work.get_nowait()
        except queue.Empty:
            return
        option = options[voter % len(options)]
        try:
            status, _ = call(connection, "POST", f"/api/v1/polls/{poll['id']}/votes", f"voter{voter}",
                             {"optionIds": [option]})
        except (OSError, http.client.HTTPException):
            status = "error"
            connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        with lock:
            statuses[status] = statuses.get(status, 0) + 1
            if status == 202:
                chosen[option] += 1


began = time.time()
threads = [threading.Thread(target=worker) for _ in range(connections)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
took = time.time() - began
accepted = statuses.get(202, 0)
deadline = time.time() + 30
while True:
    _, text = call(setup, "GET", f"/api/v1/polls/{poll['id']}/results", "author")
    results = json.loads(text)
    counted = {option["id"]: option["votes"] for option in results["options"]}
    if results["totalBallots"] >= accepted or time.time() > deadline:
        break
    time.sleep(0.2)
time.sleep(1)  # anything counted twice would show now
_, text = call(setup, "GET", f"/api/v1/polls/{poll['id']}/results", "author")
results = json.loads(text)
counted = {option["id"]: option["votes"] for option in results["options"]}
exact = results["totalBallots"] == accepted and counted == chosen
answers = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items(), key=str))
print(f"surge: {voters} voters over {connections} connections in {took:.1f} s; answers {answers}; "
      f"counted {results['totalBallots']} of {accepted} accepted; exactly once per option: {'yes' if exact else 'NO'}")
