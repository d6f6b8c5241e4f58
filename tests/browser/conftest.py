"""Browser-test fixtures: the real service on a store built from data/raw (plus the hand-made
facts of ``fixture_facts.ttl``), and headless Chromium driven by Playwright.

Chromium is Debian's (``/usr/bin/chromium``, or ``GUIZE_CHROMIUM``); Playwright only drives it
(``executable_path``), it downloads nothing.  Without Chromium or Playwright the tests skip,
except in CI (``CI`` set), where they fail.  Screenshots go to ``/tmp/guize-shots`` (or
``GUIZE_SHOTS_DIR``).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from guize.build import build
from guize.iris import Iris
from guize.store import open_store

PROJECT_ROOT = Path(__file__).resolve().parents[2]

HERE = Path(__file__).resolve().parent
BASE = "http://127.0.0.1:5000/"
CHROMIUM = os.environ.get("GUIZE_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("GUIZE_SHOTS_DIR", "/tmp/guize-shots"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

_servers: list[tuple[subprocess.Popen, Any]] = []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(path: Path, base: str = BASE) -> Path:
    """data/raw and the fixture facts, built into a store at ``path`` (closed when returned)."""
    store = open_store(path)
    report = build(PROJECT_ROOT / "data" / "raw", store, Iris(base), log=lambda _m: None)
    assert report.ok, report.failed
    quads = ox.parse(
        path=str(HERE / "fixture_facts.ttl"), format=ox.RdfFormat.TURTLE, base_iri=base
    )
    for q in quads:  # each fact into its document's graph, where the build puts facts
        key = re.search(r"/eli/([^/#]+)", q.subject.value)[1]
        graph = ox.NamedNode(Iris(base).graph(key))
        store.raw.add(ox.Quad(q.subject, q.predicate, q.object, graph))
    store.close()
    return path


def server_command(port: int) -> list[str]:
    """How the service is started: the real ``guize serve``."""
    return [sys.executable, "-m", "guize.cli", "serve", "--port", str(port)]


def start_server(store_path: Path, base_iri: str = BASE) -> str:
    """Start the service on ``store_path`` on a free port; return its URL once it answers.

    :raises RuntimeError: if it exits or does not answer within 60 s (with its output).
    """
    port = free_port()
    env = {
        **os.environ,
        "GUIZE_BASE_IRI": base_iri,
        "GUIZE_STORE_PATH": str(store_path),
        "GUIZE_DUMP_DIR": str(store_path) + ".dumps",
        "GUIZE_QUERY_WORKERS": "2",
        "GUIZE_LOG_FORMAT": "text",
    }
    log = open(f"{store_path}.server.log", "w+b")  # noqa: SIM115 - closed in stop_servers
    proc = subprocess.Popen(
        server_command(port), cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    _servers.append((proc, log))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url + "/documents", timeout=5) as resp:
                if resp.status == 200:
                    return url
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    log.seek(0)
    raise RuntimeError(
        f"the service did not start (exit {proc.poll()}):\n{log.read().decode(errors='replace')}"
    )


def stop_servers() -> None:
    while _servers:
        proc, log = _servers.pop()
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.close()


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright==1.65.2)"
    if not os.path.exists(CHROMIUM):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    problem = _unavailable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests need Chromium and Playwright: {problem}")
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def service_url(tmp_path_factory: pytest.TempPathFactory, chromium) -> Iterator[str]:
    store = build_store(tmp_path_factory.mktemp("browser") / "store")
    url = start_server(store)
    yield url
    stop_servers()


class Console:
    """Console messages and page errors of one page."""

    def __init__(self, page: Any) -> None:
        self.messages: list[str] = []
        self.errors: list[str] = []
        page.on(
            "console",
            lambda m: (self.errors if m.type == "error" else self.messages).append(
                f"{m.type}: {m.text} ({m.location.get('url', '')})"
            ),
        )
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("requestfailed", self._failed)

    def _failed(self, request: Any) -> None:
        # net::ERR_ABORTED is the browser cancelling a request of a page it is leaving (a
        # favicon still loading when a click navigates): not the page's fault. Kept as a
        # message; every other failure is an error.
        line = f"request failed: {request.url} {request.failure}"
        aborted = "ERR_ABORTED" in (request.failure or "")
        (self.messages if aborted else self.errors).append(line)

    def assert_clean(self) -> None:
        assert not self.errors, "\n".join(self.errors)


@pytest.fixture
def page(chromium) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    pg.console = Console(pg)
    yield pg
    context.close()


def shot(page: Any, name: str, full_page: bool = True) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
