"""Integration fixtures: the real service started as a subprocess on fixture stores, ``oxigraph serve``.

Each server fixture builds a store in a temporary folder (IRIs relative to the server's base,
which is its own address), starts ``python -m guize.web`` on a free port with ``GUIZE_*``
variables, polls until it answers (failing with its output if it died), yields a
:class:`~guize_integration.Server`, and terminates it.  Servers start lazily, once per session.
Helpers live in ``guize_integration.py``.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator

import pytest
from guize_integration import (
    OXIGRAPH,
    Listener,
    Oxigraph,
    Server,
    free_port,
    http,
    server_on_documents,
)


@pytest.fixture(scope="session")
def guize(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The service on the two fixture documents, read-only, default limits."""
    server = server_on_documents(tmp_path_factory, "guize", {})
    yield server
    server.stop()


@pytest.fixture(scope="session")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The service with tight limits: 2 s per query, 50 rows, 20 kB requests, 3 query workers."""
    server = server_on_documents(
        tmp_path_factory,
        "limited",
        {
            "query_workers": 3,
            "query_timeout_s": 2,
            "max_result_rows": 50,
            "max_request_bytes": 20000,
        },
        fillers=3000,
    )
    yield server
    server.stop()


@pytest.fixture(scope="session")
def hardened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The service as an attacker meets it: updates on (with a token), 2 query workers, 3 s per
    query or upload, 400 MiB per worker, a queue of 2, 2 s to send a request."""
    server = server_on_documents(
        tmp_path_factory,
        "hardened",
        {
            "query_workers": 2,
            "query_timeout_s": 3,
            "queue_wait_s": 1,
            "max_queue": 2,
            "worker_memory_mb": 400,
            "validate_timeout_s": 3,
            "request_read_timeout_s": 2,
            "update_token": "hardened-token",
        },
        fillers=3000,
    )
    yield server
    server.stop()


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A loopback HTTP server that records every request made to it (it must get none)."""
    with Listener() as canary:
        yield canary


@pytest.fixture(scope="session")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The service with SPARQL Update and the Graph Store Protocol enabled by a token."""
    server = server_on_documents(tmp_path_factory, "writable", {"update_token": "s3cret-token"})
    yield server
    server.stop()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Oxigraph]:
    """A real ``oxigraph serve`` on a free port (the remote store); it cancels queries after 5 s."""
    root = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    log = root / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                str(OXIGRAPH),
                "serve",
                "--location",
                str(root / "data"),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout-s",
                "5",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        if process.poll() is not None:
            pytest.fail(f"oxigraph serve died:\n{log.read_text(errors='replace')}")
        try:
            if http("GET", url + "/query?query=ASK%7B%7D").status == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            pytest.fail(f"oxigraph serve did not answer:\n{log.read_text(errors='replace')}")
        time.sleep(0.1)
    yield Oxigraph(url, process, log)
    process.terminate()
    process.wait(10)
