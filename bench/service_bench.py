"""Endpoint benchmark: guize vs a plain Oxigraph server vs rdflib-endpoint, side by side.

All three are started on loopback by this script on the same data (the store built from
data/raw, dumped as N-Quads) and answer the same query mix from the same client: a fixed
number of requests from a few concurrent client threads, round-robin over the servers in
several rounds so that machine noise hits all of them alike.  Reports requests per second
and p50/p99 latency per server (medians over rounds).

Run by ``make bench`` (needs the ``bench`` extra: rdflib-endpoint, uvicorn).
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BASE = "http://127.0.0.1:5000/"
GZ = "https://w3id.org/guize/ontology#"

#: The query mix: a count, a catalogue-like join, a filter on text, a meeting profile.
QUERIES = {
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "documents": f"""PREFIX gz: <{GZ}> PREFIX eli: <http://data.europa.eu/eli/ontology#>
        SELECT ?doc ?num ?date WHERE {{ ?doc a gz:WorkRules . OPTIONAL {{ ?doc eli:id_local ?num }}
        OPTIONAL {{ ?doc eli:date_document ?date }} }}""",
    "standing-members": f"""PREFIX gz: <{GZ}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?m ?label WHERE {{ ?m gz:meetingKind ?k ; gz:member ?r . ?r rdfs:label ?label .
        FILTER(STRENDS(STR(?k), "/standing")) }}""",
    "text-search": f"""PREFIX gz: <{GZ}>
        SELECT ?p WHERE {{ ?p a gz:Provision ; gz:text ?t . FILTER(CONTAINS(?t, "工作日")) }}""",
}
CLIENTS = 4
REQUESTS_PER_ROUND = 80
ROUNDS = 3


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited with {proc.returncode}")
        try:
            ask(url, "ASK { ?s ?p ?o }")
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def ask(endpoint: str, query: str) -> float:
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(
        endpoint,
        data=data,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        },
    )
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as resp:
        resp.read()
        if resp.status != 200:
            raise RuntimeError(f"{endpoint}: HTTP {resp.status}")
    return time.perf_counter() - t0


def one_round(endpoint: str) -> tuple[float, list[float]]:
    jobs = [q for _ in range(REQUESTS_PER_ROUND // len(QUERIES)) for q in QUERIES.values()]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        latencies = list(pool.map(lambda q: ask(endpoint, q), jobs))
    return len(jobs) / (time.perf_counter() - t0), latencies


def build_store(tmp: Path) -> tuple[Path, dict[str, str]]:
    """The store built from data/raw under ``tmp``, and the environment guize runs in here."""
    env = {**os.environ, "GUIZE_BASE_IRI": BASE, "GUIZE_LOG_FORMAT": "text"}
    store = tmp / "store"
    subprocess.run(
        [BIN / "guize", "build", "--store", str(store), "--no-check"],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
    )
    return store, env


def start_servers(tmp: Path) -> dict[str, tuple[str, subprocess.Popen]]:
    store, env = build_store(tmp)
    dump = tmp / "data.nq"
    import pyoxigraph as ox

    ro = ox.Store.read_only(str(store))
    dump.write_bytes(ro.dump(format=ox.RdfFormat.N_QUADS))
    trig = tmp / "data.trig"
    trig.write_bytes(ro.dump(format=ox.RdfFormat.TRIG))
    del ro
    subprocess.run(
        [BIN / "oxigraph", "load", "--location", str(tmp / "oxi"), "--file", str(dump)],
        check=True,
        capture_output=True,
    )
    servers: dict[str, tuple[str, subprocess.Popen]] = {}
    log = open(tmp / "servers.log", "ab")  # noqa: SIM115 - lives as long as the servers
    p = free_port()
    servers["guize"] = (
        f"http://127.0.0.1:{p}/sparql",
        subprocess.Popen(
            [BIN / "guize", "serve", "--store", str(store), "--port", str(p)],
            env=env,
            stdout=log,
            stderr=log,
        ),
    )
    p = free_port()
    servers["oxigraph serve"] = (
        f"http://127.0.0.1:{p}/query",
        subprocess.Popen(
            [
                BIN / "oxigraph",
                "serve-read-only",
                "--location",
                str(tmp / "oxi"),
                "--bind",
                f"127.0.0.1:{p}",
                "--union-default-graph",
            ],
            stdout=log,
            stderr=log,
        ),
    )
    p = free_port()
    servers["rdflib-endpoint"] = (
        f"http://127.0.0.1:{p}/",
        subprocess.Popen(
            [BIN / "rdflib-endpoint", "serve", str(trig), "--host", "127.0.0.1", "--port", str(p)],
            stdout=log,
            stderr=log,
        ),
    )
    for url, proc in servers.values():
        wait_until_up(url, proc)
    return servers


def main() -> list[str]:
    tmp = Path(tempfile.mkdtemp(prefix="guize-bench-"))
    servers = start_servers(tmp)
    try:
        for url, _ in servers.values():  # warm up every server on every query
            for q in QUERIES.values():
                ask(url, q)
        rps: dict[str, list[float]] = {n: [] for n in servers}
        lat: dict[str, list[float]] = {n: [] for n in servers}
        for _ in range(ROUNDS):
            for name, (url, _) in servers.items():
                r, latencies = one_round(url)
                rps[name].append(r)
                lat[name].extend(latencies)
    finally:
        for _, proc in servers.values():
            proc.terminate()
        for _, proc in servers.values():
            proc.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)
    out = [
        f"Endpoints on the same data and query mix ({', '.join(QUERIES)}), {CLIENTS} concurrent clients, "
        f"{ROUNDS} rounds × {REQUESTS_PER_ROUND} requests each, round-robin:",
        "",
        "| server | requests/s (median of rounds) | p50 latency (ms) | p99 latency (ms) |",
        "|---|---:|---:|---:|",
    ]
    for name in servers:
        ls = sorted(lat[name])
        p99 = ls[min(len(ls) - 1, int(0.99 * len(ls)))]
        out.append(
            f"| {name} | {statistics.median(rps[name]):.1f} | {1000 * statistics.median(ls):.1f} | "
            f"{1000 * p99:.1f} |"
        )
    return out


if __name__ == "__main__":
    print("\n".join(main()))
