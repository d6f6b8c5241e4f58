"""Endpoint benchmark: guize (``guize serve`` as it starts by default) vs a plain Oxigraph
server vs rdflib-endpoint, side by side.

All are started on loopback by this script on the same data (the store built from data/raw,
dumped as N-Quads) and answer the same query mixes from the same client: a fixed number of
requests from a few concurrent client threads, round-robin over the servers in several rounds
so that machine noise hits all of them alike.  Reports requests per second (median of the
rounds), p50/p99 latency over all requests, and guize's requests per second as a share of
Oxigraph's.

The mixes:

* ``bench``: the four queries this bench has always sent (a count over the store, the
  documents, a join with a filter, a text search); rdflib-endpoint answers only this one;
* ``lookups``: cheap lookups of one resource (its triples, the triples pointing at it, an
  ASK), resources picked from the built store;
* ``catalogue``: every query of the catalogue (``service/query/queries``);
* ``lookups + catalogue``: both, the issue's target mix;
* ``... fresh texts``: the same mix with a comment numbering each request, so no text repeats:
  guize runs every one in a confined worker (a repeated job that proved cheap is answered in
  its own process, :mod:`guize.query.proven`), never from a kept answer.

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
from itertools import count
from pathlib import Path

import pyoxigraph as ox

from guize.query.catalogue import catalogue

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
ROUNDS = 5
_numbers = count()


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


def lookups(store: Path) -> dict[str, str]:
    """Cheap lookups of a document and a provision of the built store (the first of each)."""
    ro = ox.Store.read_only(str(store))

    def first(cls: str) -> str:
        q = f"SELECT ?x WHERE {{ ?x a <{GZ}{cls}> }} ORDER BY ?x LIMIT 1"
        return next(iter(ro.query(q, use_default_graph_as_union=True)))["x"].value

    doc, provision = first("WorkRules"), first("Provision")
    return {
        "document": f"SELECT ?p ?o WHERE {{ <{doc}> ?p ?o }}",
        "provision": f"SELECT ?p ?o WHERE {{ <{provision}> ?p ?o }}",
        "pointing-at": f"SELECT ?s ?p WHERE {{ ?s ?p <{doc}> }} LIMIT 100",
        "ask": f"ASK {{ <{provision}> a <{GZ}Provision> }}",
    }


def mixes(store: Path) -> dict[str, list[str]]:
    cheap = list(lookups(store).values())
    texts = [q.text for q in catalogue().values()]
    return {
        "bench": list(QUERIES.values()),
        "lookups": cheap,
        "catalogue": texts,
        "lookups + catalogue": cheap + texts,
        "lookups + catalogue, fresh texts": [FRESH, *cheap, *texts],
    }


FRESH = "# fresh"
"""First in a mix: number every text of the round, so that none repeats."""


def one_round(endpoint: str, mix: list[str] | None = None) -> tuple[float, list[float]]:
    mix = mix or list(QUERIES.values())
    if mix[0] == FRESH:
        mix = mix[1:]
        per_round = max(REQUESTS_PER_ROUND // len(mix), 1) * len(mix)
        jobs = [f"{mix[i % len(mix)]}\n# request {next(_numbers)}" for i in range(per_round)]
    else:
        jobs = [q for _ in range(max(REQUESTS_PER_ROUND // len(mix), 1)) for q in mix]
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


def start_servers(tmp: Path) -> tuple[Path, dict[str, tuple[str, subprocess.Popen]]]:
    store, env = build_store(tmp)
    dump = tmp / "data.nq"
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
    return store, servers


def measure(servers: dict, mix: list[str]) -> dict[str, tuple[float, float, float]]:
    """name -> (requests/s median of rounds, p50 s, p99 s), the servers taking turns."""
    rps: dict[str, list[float]] = {n: [] for n in servers}
    lat: dict[str, list[float]] = {n: [] for n in servers}
    for url, _ in servers.values():  # warm up: every text of the mix once (unmeasured)
        for q in mix[1:] if mix[0] == FRESH else mix:
            ask(url, q)
    for _ in range(ROUNDS):
        for name, (url, _) in servers.items():
            r, latencies = one_round(url, mix)
            rps[name].append(r)
            lat[name].extend(latencies)
    out = {}
    for name in servers:
        ls = sorted(lat[name])
        p99 = ls[min(len(ls) - 1, int(0.99 * len(ls)))]
        out[name] = (statistics.median(rps[name]), statistics.median(ls), p99)
    return out


def main() -> list[str]:
    tmp = Path(tempfile.mkdtemp(prefix="guize-bench-"))
    store, servers = start_servers(tmp)
    results: dict[str, dict] = {}
    try:
        plans = mixes(store)
        for url, _ in servers.values():  # warm up every server
            for q in plans["bench"]:
                ask(url, q)
        for name, mix in plans.items():
            chosen = (
                servers
                if name == "bench"
                else {k: v for k, v in servers.items() if k != "rdflib-endpoint"}
            )
            results[name] = measure(chosen, mix)
    finally:
        for _, proc in servers.values():
            proc.terminate()
        for _, proc in servers.values():
            proc.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)
    out = [
        f"Endpoints on the same data, {CLIENTS} concurrent clients, {ROUNDS} rounds of about "
        f"{REQUESTS_PER_ROUND} requests per server and mix, servers taking turns; guize as "
        "`guize serve` starts by default (mixes: see bench/service_bench.py):",
        "",
        "| mix | server | requests/s (median of rounds) | × Oxigraph | p50 (ms) | p99 (ms) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for mix, by_server in results.items():
        oxi = by_server["oxigraph serve"][0]
        for name, (r, p50, p99) in by_server.items():
            out.append(
                f"| {mix} | {name} | {r:.1f} | {r / oxi:.2f} | {1000 * p50:.1f} | "
                f"{1000 * p99:.1f} |"
            )
    return out


if __name__ == "__main__":
    print("\n".join(main()))
