#!/usr/bin/env python3
"""HTTP load for scripts/bench-http-load.sh: CLIENTS concurrent clients, each on its own keep-alive
connection, for SECONDS seconds. Each client sends, in turn, three `GET /search` (k=10, a query from the
list below) and one `POST /embed` (one to four texts, query or passage), and records the status and
latency of each answer. A refused request (429, 503) makes its client wait what `Retry-After` says, as a
well-behaved client does (RETRY_AFTER=ignore: ask again at once). Standard library only.

    python3 scripts/http-load.py PORT TOKEN_FILE SECONDS CLIENTS OUT.json

Prints one line; OUT.json has the counts by endpoint and status, latencies (ms) of the answered (200)
requests, and the CPU seconds this generator used (user + system), so its own cost can be reported.
"""
import http.client
import json
import os
import random
import resource
import sys
import threading
import time
import urllib.parse

QUERIES = [
    "door left open", "temperature above threshold in the server room", "battery low on a sensor",
    "motion detected at night", "freezer too warm", "humidity spike", "device went offline",
    "overheating alert", "smoke detected in the kitchen", "water leak under the sink",
    "power outage in building B", "window opened while alarm armed", "air quality poor",
    "firmware update failed", "vibration on the pump", "unusual energy consumption",
]


def main():
    port, token_file, seconds, clients, out = sys.argv[1:6]
    token = open(token_file).read().strip()
    seconds, clients = float(seconds), int(clients)
    honour_retry_after = os.environ.get("RETRY_AFTER", "honour") != "ignore"
    results = []  # (endpoint, status, milliseconds)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)

    def client(n):
        rng = random.Random(n)
        connection = None
        mine = []
        turn = n
        while time.monotonic() < deadline:
            turn += 1
            if turn % 4 == 0:
                texts = [rng.choice(QUERIES) for _ in range(rng.randint(1, 4))]
                body = json.dumps({"input": texts, "type": rng.choice(["query", "passage"])})
                method, path, endpoint = "POST", "/embed", "embed"
            else:
                q = urllib.parse.quote(rng.choice(QUERIES))
                body, method, path, endpoint = None, "GET", f"/search?k=10&q={q}", "search"
            headers = {"Authorization": f"Bearer {token}"}
            if body is not None:
                headers["Content-Type"] = "application/json"
            started = time.monotonic()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=60)
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status, retry = response.status, response.getheader("Retry-After")
            except (OSError, http.client.HTTPException):
                status, retry = 0, None
                connection = None
            mine.append((endpoint, status, (time.monotonic() - started) * 1000))
            if status in (429, 503) and honour_retry_after and retry:
                time.sleep(min(float(retry), max(0.0, deadline - time.monotonic())))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)

    counts, latencies = {}, {}
    for endpoint, status, millis in results:
        counts.setdefault(endpoint, {}).setdefault(str(status), 0)
        counts[endpoint][str(status)] += 1
        if status == 200:
            latencies.setdefault(endpoint, []).append(round(millis, 1))
    report = {"seconds": seconds, "clients": clients, "honour_retry_after": honour_retry_after,
              "generator_cpu_seconds": round(cpu, 1), "counts": counts, "latencies_ms": latencies}
    with open(out, "w") as f:
        json.dump(report, f)
    total = len(results)
    refused = sum(1 for _, status, _ in results if status in (429, 503))
    print(f"{total} requests in {seconds:.0f} s, {refused} refused (429/503), statuses {counts}, "
          f"generator CPU {cpu:.1f} s")


if __name__ == "__main__":
    main()
