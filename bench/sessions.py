#!/usr/bin/env python3
"""Signs COUNT demo voters in on the login form, as browsers do, and prints each session's cookie
("JSESSIONID=...") on a line of its own, for bench/load.lua's results-browser mode.

    bench/sessions.py <base-url> <count>
"""
import http.client
import sys
from urllib.parse import urlencode, urlparse

base, count = sys.argv[1], int(sys.argv[2])
url = urlparse(base)
origin = f"{url.scheme}://{url.hostname}:{url.port}"
for voter in range(1, count + 1):
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    body = urlencode({"username": f"voter{voter}", "password": f"voter{voter}", "next": "/app/"})
    connection.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                "Origin": origin})
    answer = connection.getresponse()
    answer.read()
    cookies = [value.split(";", 1)[0] for name, value in answer.getheaders()
               if name.lower() == "set-cookie" and value.startswith("JSESSIONID=")]
    if answer.status != 302 or not cookies:
        sys.exit(f"voter{voter}'s sign-in answered {answer.status}")
    print(cookies[-1])  # the id changes at sign-in: the last one set is the session's
    connection.close()
