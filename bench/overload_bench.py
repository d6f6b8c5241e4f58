"""Overload benchmark: cheap queries beside runaway ones, side by side with cheap queries alone.

``guize serve`` (default settings) on the store built from data/raw; ``CHEAP_CLIENTS`` threads
send a cheap lookup in a loop for ``SECONDS``; in the second phase ``RUNAWAY_CLIENTS`` more
threads send a query that never finishes (a four-way cross join), again and again, each cut
at the time limit.  Reports the cheap queries' p50/p99 latency and every status seen, for both
phases.  The target: cheap p99 under 100 ms beside the runaways, and no errors but the
runaways' own 503s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from service_bench import BIN, build_store, free_port, wait_until_up

CHEAP = (
    "PREFIX eli: <http://data.europa.eu/eli/ontology#> SELECT ?t WHERE { ?d eli:title ?t } LIMIT 3"
)
RUNAWAY = "SELECT (COUNT(*) AS ?c) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CHEAP_CLIENTS = 16
RUNAWAY_CLIENTS = 4
SECONDS = float(os.environ.get("OVERLOAD_SECONDS", "20"))


def _ask(url: str, query: str) -> tuple[int, float]:
    req = urllib.request.Request(
        url + "sparql?" + urllib.parse.urlencode({"query": query}),
        headers={"Accept": "application/sparql-results+json"},
    )
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    return status, time.perf_counter() - t0


def _phase(url: str, runaways: int) -> tuple[list[float], Counter, Counter]:
    stop = time.monotonic() + SECONDS
    cheap_lat: list[float] = []
    cheap_status: Counter = Counter()
    runaway_status: Counter = Counter()
    lock = threading.Lock()

    def cheap() -> None:
        while time.monotonic() < stop:
            status, took = _ask(url, CHEAP)
            with lock:
                cheap_lat.append(took)
                cheap_status[status] += 1

    def runaway() -> None:
        while time.monotonic() < stop:
            status, _ = _ask(url, RUNAWAY)
            with lock:
                runaway_status[status] += 1

    threads = [threading.Thread(target=cheap) for _ in range(CHEAP_CLIENTS)]
    threads += [threading.Thread(target=runaway) for _ in range(runaways)]
    for i, t in enumerate(threads):
        t.start()
        if i >= CHEAP_CLIENTS:
            time.sleep(0.05)
    for t in threads:
        t.join()
    return cheap_lat, cheap_status, runaway_status


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> list[str]:
    tmp = Path(tempfile.mkdtemp(prefix="guize-overload-"))
    store, env = build_store(tmp)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with open(tmp / "server.log", "ab") as log:
        proc = subprocess.Popen(
            [BIN / "guize", "serve", "--store", str(store), "--port", str(port)],
            env=env,
            stdout=log,
            stderr=log,
        )
    try:
        wait_until_up(url + "sparql", proc)
        _ask(url, CHEAP)
        rows = []
        for runaways in (0, RUNAWAY_CLIENTS):
            lat, cheap_status, runaway_status = _phase(url, runaways)
            rows.append(
                f"| {CHEAP_CLIENTS} cheap + {runaways} runaway | {len(lat) / SECONDS:.0f} | "
                f"{_p(lat, 0.5):.1f} | {_p(lat, 0.99):.1f} | {dict(cheap_status)} | "
                f"{dict(runaway_status) or '-'} |"
            )
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(tmp, ignore_errors=True)
    return [
        f"Overload: {CHEAP_CLIENTS} clients of a cheap lookup for {SECONDS:g} s, alone and beside "
        f"{RUNAWAY_CLIENTS} clients sending a never-ending cross join again and again "
        "(default settings: each cut at the time limit):",
        "",
        "| phase | cheap requests/s | cheap p50 (ms) | cheap p99 (ms) | cheap statuses | "
        "runaway statuses |",
        "|---|---:|---:|---:|---|---|",
        *rows,
    ]


if __name__ == "__main__":
    print("\n".join(main()))
