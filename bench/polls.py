#!/usr/bin/env python3
"""Creates COUNT open polls as `author` over one keep-alive connection and prints them as "id=firstOptionId,..."
for bench/load.lua. TYPE (default SINGLE: options a, b) may be RATING (1 to 5) or OPEN_TEXT (280 characters,
English), whose pairs name no option ("id=-"); each allows a change of vote.

    bench/polls.py <base-url> <count> <title-prefix> [TYPE]
"""
import base64
import http.client
import json
import sys
import time
from urllib.parse import urlparse

base, count, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
kind = sys.argv[4] if len(sys.argv) > 4 else "SINGLE"
url = urlparse(base)
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
headers = {"Content-Type": "application/json",
           "Authorization": "Basic " + base64.b64encode(b"author:author").decode()}
pairs = []
for i in range(count):
    poll = {"title": f"{prefix} {i + 1}", "type": kind, "allowVoteChange": True, "open": True}
    if kind == "SINGLE":
        poll["options"] = ["a", "b"]
    body = json.dumps(poll)
    while True:
        connection.request("POST", "/api/v1/polls", body, headers)
        answer = connection.getresponse()
        poll = json.loads(answer.read())
        if answer.status != 429:
            break
        # The author's request budget (so many a minute): wait as told, then go on.
        time.sleep(int(answer.getheader("Retry-After") or "1"))
    if answer.status != 201:
        sys.exit(f"creating a poll answered {answer.status}: {poll}")
    pairs.append(poll["id"] + "=" + (poll["options"][0]["id"] if poll["options"] else "-"))
print(",".join(pairs))
