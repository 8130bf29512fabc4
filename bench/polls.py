#!/usr/bin/env python3
"""Creates COUNT open SINGLE polls (options a, b; a change of vote allowed) as `author` over one keep-alive
connection and prints them as "id=firstOptionId,..." for bench/load.lua.

    bench/polls.py <base-url> <count> <title-prefix>
"""
import base64
import http.client
import json
import sys
from urllib.parse import urlparse

base, count, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
url = urlparse(base)
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
headers = {"Content-Type": "application/json",
           "Authorization": "Basic " + base64.b64encode(b"author:author").decode()}
pairs = []
for i in range(count):
    body = json.dumps({"title": f"{prefix} {i + 1}", "type": "SINGLE", "options": ["a", "b"],
                       "allowVoteChange": True, "open": True})
    connection.request("POST", "/api/v1/polls", body, headers)
    answer = connection.getresponse()
    poll = json.loads(answer.read())
    if answer.status != 201:
        sys.exit(f"creating a poll answered {answer.status}: {poll}")
    pairs.append(poll["id"] + "=" + poll["options"][0]["id"])
print(",".join(pairs))
