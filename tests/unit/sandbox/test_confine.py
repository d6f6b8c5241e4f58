"""Confined processes and threads cannot open Internet sockets or allocate past their limit;
a query that tries to reach the network fails in the worker itself, whatever its spelling."""

from __future__ import annotations

import http.server
import os
import socket
import threading
import time

import pyoxigraph as ox
import pytest

from guize.errors import Forbidden, OverMemoryLimit
from guize.query.executor import PooledExecutor
from guize.query.jobs import QueryJob
from guize.query.text import analyse
from guize.sandbox import ConfinedPool, confine_thread


@pytest.fixture
def listener():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", hits
    server.shutdown()
    server.server_close()


def _connect(url: str) -> str:
    host, port = url.split("//")[1].rstrip("/").split(":")
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
    except OSError as exc:
        return type(exc).__name__
    return "connected"


def test_a_confined_process_cannot_connect_even_to_loopback(listener):
    url, hits = listener
    assert _connect(url) == "connected" and len(hits) == 0  # the listener is there
    pool = ConfinedPool(1, memory_bytes=256 * 2**20)  # its workers call confine() first
    try:
        confinement = pool.confinement()
        assert confinement.network_blocked, confinement.describe()
        assert confinement.memory_bytes == 256 * 2**20
        assert pool.call(_connect, (url,), 30, 30) in ("PermissionError", "OSError")
    finally:
        pool.close()
    assert hits == []


def test_a_confined_thread_cannot_connect_but_the_process_can(listener):
    url, _hits = listener
    seen = {}

    def run() -> None:
        seen["filter"] = confine_thread()
        seen["thread"] = _connect(url)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert seen == {"filter": True, "thread": "PermissionError"}
    assert _connect(url) == "connected"


def test_a_service_spelling_the_tokenizer_misses_is_stopped_by_the_worker(tmp_path, listener):
    url, hits = listener
    query = f"PREFIX : <{url}> SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}"
    assert not analyse(query).uses_service  # the reading disagrees with the engine ...
    ox.Store(str(tmp_path / "store")).flush()
    executor = PooledExecutor(tmp_path / "store", workers=1, timeout_s=10, dump_timeout_s=10)
    try:
        assert executor.confinement().network_blocked
        with pytest.raises(Forbidden, match="tried to reach another host"):
            executor.run(QueryJob(query))  # ... and the worker has no network: refused
    finally:
        executor.close()
    assert hits == []


def _allocate(n: int) -> int:
    return len(bytearray(n))


def _store_sort(path: str) -> int:
    store = ox.Store.read_only(path)
    rows = store.query(
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g",
        use_default_graph_as_union=True,
    )
    return sum(1 for _ in rows)


def test_a_job_over_the_memory_limit_is_stopped_and_the_pool_goes_on(tmp_path):
    store = ox.Store(str(tmp_path / "store"))
    p = ox.NamedNode("http://x/p")
    store.extend(
        ox.Quad(
            ox.NamedNode(f"http://x/{i}"), p, ox.Literal(f"value {i}" * 5), ox.NamedNode("http://g")
        )
        for i in range(600)
    )
    store.flush()
    del store
    pool = ConfinedPool(1, memory_bytes=300 * 2**20)
    try:
        assert pool.call(_allocate, (10 * 2**20,), 30, 30) == 10 * 2**20
        with pytest.raises(OverMemoryLimit, match="memory limit of 300 MiB") as python_side:
            pool.call(_allocate, (600 * 2**20,), 30, 30)
        assert python_side.value.status == 503
        with pytest.raises(OverMemoryLimit):  # the engine's cartesian sort: Rust aborts
            pool.call(_store_sort, (str(tmp_path / "store"),), 60, 30)
        assert pool.call(_allocate, (1024,), 30, 30) == 1024
    finally:
        pool.close()


def _niceness_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpriority(os.PRIO_PROCESS, os.getpid())


def test_a_long_job_drops_to_the_lowest_priority_and_a_short_one_does_not():
    pool = ConfinedPool(1, slow_after_s=0.2)
    try:
        assert pool.call(_niceness_after, (0.0,), 30, 30) == 0
        assert pool.call(_niceness_after, (0.8,), 30, 30) == 19
        assert pool.call(_niceness_after, (0.0,), 30, 30) in (0, 19)  # 19 where raising needs root
    finally:
        pool.close()
