"""Stopping the service stops its query workers, even killed mid-query (Linux: reads /proc)."""

from __future__ import annotations

import http.client
import os
import signal
import threading
import time
import urllib.parse

import pytest
from guize_integration import DOCUMENTS, build_store, filler, free_port, start_server

pytestmark = pytest.mark.integration

RUNAWAY = "SELECT (COUNT(*) AS ?c) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def running(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] != "Z":
                    alive.append(pid)
        except OSError:
            pass
    return alive


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_no_query_worker_outlives_the_service(tmp_path, sig):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    build_store(tmp_path / "store", base, DOCUMENTS, extra=filler(base, 1000))
    server = start_server(
        tmp_path,
        port,
        {
            "base_iri": base,
            "store_path": tmp_path / "store",
            "query_workers": 2,
            "query_timeout_s": 60,
            "ontology_dir": tmp_path / "none",
            "shapes_dir": tmp_path / "none",
        },
    )

    def runaway() -> None:
        try:
            server.get("sparql?" + urllib.parse.urlencode({"query": RUNAWAY}))
        except (OSError, http.client.HTTPException):  # the connection dies with the service,
            pass  # perhaps half-way through an answer

    busy = threading.Thread(target=runaway)
    busy.start()
    deadline = time.monotonic() + 15  # the pool's workers start (slowly on a loaded machine)
    while len(workers := descendants(server.process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)  # a worker is now deep in a query
    assert len(workers) >= 2
    server.process.send_signal(sig)
    server.process.wait(10)
    deadline = time.monotonic() + 15
    while running(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert running(workers) == []
    busy.join(10)
