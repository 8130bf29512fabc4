#!/usr/bin/env python3
"""Where a server start's time went, as Markdown: the phases from messages.log, the JIT compilers' time (the JVM's
own statistics) beside the Java threads' CPU samples, and the samples by component (inclusive).

    bench/startup-profile.py <startup.jfr> <messages.log>
"""
import collections
import datetime
import re
import subprocess
import sys

recording, log = sys.argv[1], sys.argv[2]


def jfr(events):
    return subprocess.run(["jfr", "print", "--stack-depth", "96", "--events", events, recording],
                          capture_output=True, text=True, check=True).stdout


# Phases: the first message of each, from the server's own log.
MARKS = [("CWWKE0001I", "launched"), ("CWWKE0002I", "kernel started"), ("J2CA7018I", "resource adapter install begins"),
         ("CWWKZ0018I", "application start begins"), ("HHH10001005", "Hibernate connected"),
         ("CWWKO1660I", "OpenAPI document produced"), ("CNTR4001I", "MDBs bound"), ("Infinispan running", "Infinispan started"),
         ("Embedded Artemis broker listening", "embedded broker started"), ("Database schema at version", "Flyway done"),
         ("CWWKZ0001I", "application started")]
stamp = re.compile(r"^\[(\d+/\d+/\d+), (\d+:\d+:\d+):(\d+) UTC\]")
seen = {}
for line in open(log, encoding="utf-8", errors="replace"):
    found = stamp.match(line)
    if not found:
        continue
    for marker, what in MARKS:
        if marker in line and what not in seen:
            clock = datetime.datetime.strptime(found.group(2), "%H:%M:%S")
            seen[what] = clock.timestamp() + int(found.group(3)) / 1000
start = seen.get("launched")
print("| phase (messages.log) | seconds after launch |\n|---|---:|")
for _, what in MARKS:
    if what in seen and start is not None:
        print(f"| {what} | {seen[what] - start:.1f} |")

# The statistics are sampled now and then; the last is the total up to the end of the recording.
compiled = re.findall(r"totalTimeSpent = ([\d.]+) (s|ms|min)", jfr("jdk.CompilerStatistics"))
jit_seconds = float(compiled[-1][0]) * {"s": 1, "ms": 0.001, "min": 60}[compiled[-1][1]] if compiled else 0
samples = jfr("jdk.ExecutionSample").split("jdk.ExecutionSample {")[1:]
frame = re.compile(r"^\s+([\w.$<>]+)\(", re.M)
AREAS = [("org.eclipse.osgi.", "OSGi framework (Equinox): bundles, class loading"),
         ("org.apache.felix.", "Felix (declarative services, config)"),
         ("com.ibm.ws.config.", "Liberty configuration"),
         ("com.ibm.ws.classloading.", "Liberty application class loading"),
         ("org.jboss.weld.", "Weld (CDI)"), ("com.ibm.ws.cdi.", "Liberty CDI integration"),
         ("com.ibm.ws.anno", "Liberty annotation scanning"), ("com.ibm.wsspi.anno", "Liberty annotation scanning"),
         ("org.hibernate.", "Hibernate"), ("io.openliberty.microprofile.openapi", "OpenAPI document"),
         ("org.jboss.jandex.", "Jandex indexing"), ("com.ibm.ws.jca.", "resource adapter (JCA)"),
         ("org.apache.activemq.", "Artemis (embedded broker, client)"), ("org.infinispan.", "Infinispan"),
         ("org.flywaydb.", "Flyway"), ("io.intrapoll.", "Intrapoll's own start-up code"),
         ("com.sun.crypto.provider.PBKDF2", "key store decryption (PBKDF2)")]
inclusive = collections.Counter()
for sample in samples:
    areas = set()
    for name in frame.findall(sample):
        for prefix, area in AREAS:
            if name.startswith(prefix):
                areas.add(area)
    inclusive.update(areas)
total = max(1, len(samples))
# A sampled thread is on CPU for about one sampling interval (20 ms with the "profile" settings).
print(f"\nCPU during the start: the JIT compilers **{jit_seconds:.1f} s** (JVM statistics), the Java threads about "
      f"**{len(samples) * 0.02:.1f} s** ({len(samples)} samples at 20 ms).\n")
print("| Java thread samples, on the stack (inclusive) | share |\n|---|---:|")
for area, count in inclusive.most_common(12):
    print(f"| {area} | {100 * count / total:.0f} % |")
