"""Builds of a generated corpus: worker processes, and shards written by several builders into
one Oxigraph server, give the same store as one build in one process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
from guize_integration import OXIGRAPH, REPO, free_port, http

pytestmark = pytest.mark.integration

sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402

BASE = "http://127.0.0.1:5000/"
DOCUMENTS = 24


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    corpus.generate(folder, DOCUMENTS, seed=7)
    return folder


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[str]:
    """An empty ``oxigraph serve`` of this test alone."""
    port = free_port()
    log = (tmp_path / "oxigraph.log").open("wb")
    process = subprocess.Popen(
        [str(OXIGRAPH), "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            if http("GET", url + "/query?query=ASK%7B%7D").status == 200:
                break
        except OSError:
            pass
        assert process.poll() is None and time.monotonic() < deadline, "oxigraph did not start"
        time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(10)
    log.close()


def guize(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("GUIZE_")}
    return subprocess.run(
        [sys.executable, "-m", "guize", *args],
        env={
            **base_env,
            "GUIZE_BASE_IRI": BASE,
            "PYTHONPATH": str(REPO / "service"),
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=900,
    )


def canonical(quads: list[ox.Quad]) -> set[ox.Quad]:
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(dataset)


def embedded(path: Path) -> set[ox.Quad]:
    store = ox.Store.read_only(str(path))
    try:
        return canonical(list(store))
    finally:
        del store


def graphs(quads: set[ox.Quad]) -> set[str]:
    return {q.graph_name.value for q in quads}


def test_parallel_and_sharded_builds_make_the_same_store(generated, tmp_path, oxigraph):
    single = guize(
        "build",
        "--source",
        str(generated),
        "--store",
        str(tmp_path / "one"),
        "--jobs",
        "1",
        "--no-check",
    )
    assert single.returncode == 0, single.stderr
    reference = embedded(tmp_path / "one")
    # a document's own graph: graph/{key} (its inferred and conformance graphs, the model's and
    # the cross-document graphs lie below graph/…/)
    documents = {
        g for g in graphs(reference) if "/graph/" in g and "/" not in g.split("/graph/", 1)[1]
    }
    assert len(documents) == DOCUMENTS
    assert {f"{g}/inferred" for g in documents} <= set(graphs(reference))  # with its inferences

    # like with like: without checks, as the reference (checks add each document's conformance
    # report, compared with a fresh validation in tests/unit/validate/test_stored.py)
    parallel = guize(
        "build",
        "--source",
        str(generated),
        "--store",
        str(tmp_path / "two"),
        "--jobs",
        "2",
        "--no-check",
    )
    assert parallel.returncode == 0, parallel.stderr
    assert f"built {DOCUMENTS} of {DOCUMENTS} documents, 0 failed" in parallel.stderr
    assert "docs/s" in parallel.stderr and "s left)" in parallel.stderr
    assert embedded(tmp_path / "two") == reference

    remote = {
        "GUIZE_STORE_KIND": "remote",
        "GUIZE_REMOTE_QUERY_URL": f"{oxigraph}/query",
        "GUIZE_REMOTE_UPDATE_URL": f"{oxigraph}/update",
        "GUIZE_REMOTE_GSP_URL": f"{oxigraph}/store",
    }
    with ThreadPoolExecutor(2) as pool:
        shards = list(
            pool.map(
                lambda k: guize(
                    "build",
                    "--source",
                    str(generated),
                    "--shard",
                    f"{k}/2",
                    "--jobs",
                    "1",
                    "--no-check",
                    env=remote,
                ),
                (1, 2),
            )
        )
    counts = []
    for shard in shards:
        assert shard.returncode == 0, shard.stderr
        counts.append(int(shard.stderr.split("built ")[1].split(" of ")[0]))
    assert sum(counts) == DOCUMENTS and all(counts)  # each document in exactly one shard
    assert remote_quads(oxigraph) == reference


MANIFEST = "urn:guize:build"


def remote_quads(url: str, manifest: bool = False) -> set[ox.Quad]:
    """The server's quads (without the build manifest's graph unless ``manifest``)."""
    dump = http("GET", f"{url}/store", headers={"Accept": "application/n-quads"})
    assert dump.status == 200
    quads = list(ox.parse(dump.body, format=ox.RdfFormat.N_QUADS))
    return canonical([q for q in quads if manifest or q.graph_name.value != MANIFEST])


def remote_env(url: str) -> dict[str, str]:
    return {
        "GUIZE_STORE_KIND": "remote",
        "GUIZE_REMOTE_QUERY_URL": f"{url}/query",
        "GUIZE_REMOTE_UPDATE_URL": f"{url}/update",
        "GUIZE_REMOTE_GSP_URL": f"{url}/store",
    }


def built(run: subprocess.CompletedProcess) -> tuple[int, int]:
    """(documents built, documents unchanged) of a build's last line."""
    assert run.returncode == 0, run.stderr
    line = run.stderr.split("built ")[-1]
    return int(line.split(" of ")[0]), int(line.split(" warnings, ")[1].split(" unchanged")[0])


def test_remote_builds_are_incremental_through_a_manifest_in_the_store(
    generated, tmp_path, oxigraph
):
    source = tmp_path / "src"
    source.mkdir()
    for path in sorted(generated.glob("*.txt"))[:8]:
        (source / path.name).write_bytes(path.read_bytes())

    def shards() -> list[tuple[int, int]]:
        def one(k: int) -> tuple[int, int]:
            args = ("build", "--source", str(source), "--shard", f"{k}/2", "--jobs", "1")
            return built(guize(*args, "--no-check", env=remote_env(oxigraph)))

        with ThreadPoolExecutor(2) as pool:
            return list(pool.map(one, (1, 2)))

    first = shards()
    assert sum(b for b, _ in first) == 8
    store = remote_quads(oxigraph)
    entries = {q for q in remote_quads(oxigraph, manifest=True) if q.graph_name.value == MANIFEST}
    assert len({q.subject for q in entries}) == 8  # one entry per document, from both builders

    again = shards()  # nothing changed: nothing is built, the store is the same
    assert [b for b, _ in again] == [0, 0] and sum(u for _, u in again) == 8
    assert remote_quads(oxigraph) == store

    changed = sorted(source.glob("*.txt"))[3]
    changed.write_text(changed.read_text("utf-8") + "\n附件：联系方式\n", "utf-8")
    after = shards()
    assert sum(b for b, _ in after) == 1 and sum(u for _, u in after) == 7
    full = guize("build", "--source", str(source), "--full", "--no-check", env=remote_env(oxigraph))
    assert built(full) == (8, 0)


def test_a_shard_is_refused_where_it_cannot_share_a_store(generated, tmp_path):
    local = guize(
        "build", "--source", str(generated), "--store", str(tmp_path / "s"), "--shard", "1/2"
    )
    assert local.returncode == 2 and "remote store" in local.stderr
    pruning = guize("build", "--source", str(generated), "--shard", "1/2", "--prune")
    assert pruning.returncode == 2 and "--prune" in pruning.stderr
    bad = guize("build", "--source", str(generated), "--shard", "3/2")
    assert bad.returncode == 2 and "K/N" in bad.stderr
    assert not (tmp_path / "s").exists()
