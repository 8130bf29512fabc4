#!/usr/bin/env python3
"""Where the CPU time of a JFR recording went: from `jfr print --events jdk.ExecutionSample` output, the share
of samples per top frame (self) and per application package on the stack (inclusive), as Markdown tables."""
import collections
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
samples = text.split("jdk.ExecutionSample {")[1:]
frame = re.compile(r"^\s+([\w.$<>]+)\(", re.M)
self_time = collections.Counter()
inclusive = collections.Counter()
by_thread = collections.Counter()
app_methods = collections.Counter()
THREADS = [("Default Executor", "HTTP requests (Liberty's executor)"),
           ("ballot-counter", "counting thread (batches into the database)"),
           ("ActiveMQ-client-global", "aggregator MDB sessions (hand groups to the counting thread)"),
           ("ballot-writer", "intake writers (group commit to the broker)"),
           ("ActiveMQ-server", "embedded broker"), ("ActiveMQ-IO", "embedded broker journal")]
thread_name = re.compile(r'sampledThread = "([^"]+)"')
AREAS = [
    ("io.intrapoll.", "Intrapoll code"),
    ("org.hibernate.", "Hibernate"),
    ("org.h2.", "H2 database"),
    ("org.apache.activemq.", "Artemis (broker and client)"),
    ("org.infinispan.", "Infinispan"),
    ("org.jgroups.", "JGroups"),
    ("com.ibm.ws.security.", "Liberty security (authentication)"),
    ("com.ibm.ws.http.", "Liberty HTTP channel"),
    ("com.ibm.ws.webcontainer.", "Liberty web container"),
    ("org.jboss.resteasy.", "RESTEasy (JAX-RS)"),
    ("org.jboss.weld.", "Weld (CDI)"),
    ("io.netty.", "Netty"),
    ("java.util.zip.", "zip/deflate"),
    ("sun.security.", "JDK security/crypto"),
]
for sample in samples:
    frames = frame.findall(sample)
    if not frames:
        continue
    self_time[frames[0]] += 1
    named = thread_name.search(sample)
    label = "other threads"
    for marker, what in THREADS:
        if named and marker in named.group(1):
            label = what
            break
    by_thread[label] += 1
    for name in dict.fromkeys(f for f in frames if f.startswith("io.intrapoll.") and "$Proxy$" not in f):
        app_methods[name] += 1
    seen = set()
    for name in frames:
        for prefix, area in AREAS:
            if name.startswith(prefix) and area not in seen:
                seen.add(area)
                inclusive[area] += 1
total = max(1, len(samples))
print(f"{len(samples)} CPU samples during the measured vote ingest.\n")
print("| on the stack (inclusive) | share of samples |\n|---|---|")
for area, count in inclusive.most_common():
    print(f"| {area} | {100 * count / total:.0f} % |")
print("\n| thread | share of samples |\n|---|---|")
for label, count in by_thread.most_common():
    print(f"| {label} | {100 * count / total:.0f} % |")
print("\n| Intrapoll methods on the stack (inclusive) | share of samples |\n|---|---|")
for name, count in app_methods.most_common(12):
    print(f"| `{name}` | {100 * count / total:.0f} % |")
print("\n| hottest frames (self) | share of samples |\n|---|---|")
for name, count in self_time.most_common(12):
    print(f"| `{name}` | {100 * count / total:.1f} % |")
