"""The executor: worker processes on a read-only view, the time limit, store versions, snapshots."""

from __future__ import annotations

import json
import os

import pyoxigraph as ox
import pytest

from guize.errors import QuerySyntaxError, QueryTimedOut, StoreUnavailable
from guize.query.executor import InlineExecutor, PooledExecutor
from guize.query.jobs import QueryJob, execute
from guize.store import locate, open_store

EX = "http://x/"
RUNAWAY = "SELECT (COUNT(*) AS ?c) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def make_store(path, n: int, graph: str = "g") -> None:
    store = open_store(path)
    store.replace_graph(
        EX + graph,
        [
            ox.Triple(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(str(i)))
            for i in range(n)
        ],
    )
    store.close()


def count(executor) -> int:
    result = executor.run(QueryJob("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
    return int(json.loads(result.body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture
def pooled(tmp_path):
    make_store(tmp_path / "store-1", 300)
    os.symlink("store-1", tmp_path / "store")
    executor = PooledExecutor(tmp_path / "store", workers=2, timeout_s=1.0, dump_timeout_s=10)
    yield executor
    executor.close()


def test_runaway_is_killed_and_the_pool_recovers(pooled):
    assert count(pooled) == 300
    with pytest.raises(QueryTimedOut, match="time limit of 1 s"):
        pooled.run(QueryJob(RUNAWAY))
    assert count(pooled) == 300
    with pytest.raises(QueryTimedOut):
        pooled.run(QueryJob(RUNAWAY))
    assert count(pooled) == 300


def test_syntax_errors_carry_the_parser_message(pooled):
    with pytest.raises(QuerySyntaxError, match="malformed query: error at 1:"):
        pooled.run(QueryJob("SELECT * {"))


def test_symlink_swap_changes_the_version_and_the_data(pooled, tmp_path):
    before = pooled.version()
    make_store(tmp_path / "store-2", 5)
    os.symlink("store-2", tmp_path / "store.tmp")
    os.replace(tmp_path / "store.tmp", tmp_path / "store")
    assert pooled.version().key != before.key
    assert count(pooled) == 5


def test_touching_the_marker_changes_the_version(pooled, tmp_path):
    before = pooled.version().key
    (tmp_path / "store.version").write_text("2")
    assert pooled.version().key != before


def test_dump_writes_the_dataset(pooled, tmp_path):
    target = tmp_path / "dump.nq"
    pooled.dump("nquads", str(target), False)
    assert len(list(ox.parse(path=str(target), format=ox.RdfFormat.N_QUADS))) == 300


def test_missing_store_is_unavailable(tmp_path):
    executor = PooledExecutor(tmp_path / "nothing", workers=1, timeout_s=1, dump_timeout_s=1)
    with pytest.raises(StoreUnavailable, match="no store"):
        executor.run(QueryJob("ASK {}"))
    with pytest.raises(StoreUnavailable):
        locate(tmp_path / "nothing")


def test_writes_are_served_from_checkpoints(pooled, tmp_path):
    assert count(pooled) == 300
    writer = pooled.writable()
    served = pooled.version()
    assert "snapshots" in served.path
    writer.raw.update("INSERT DATA { GRAPH <http://x/g> { <http://x/new> <http://x/p> 'n' } }")
    pooled.changed()
    assert pooled.version().path != served.path
    assert count(pooled) == 301
    for _ in range(4):
        pooled.changed()
    assert len(list((tmp_path / "store.snapshots").iterdir())) == PooledExecutor.KEEP_SNAPSHOTS


def test_execute_inline_and_form_mismatch():
    store = open_store(None)
    with pytest.raises(Exception, match="no acceptable representation"):
        execute(store, QueryJob("CONSTRUCT WHERE { ?s ?p ?o }", graph=None))
    assert InlineExecutor(store).run(QueryJob("ASK {}")).body == b'{"head":{},"boolean":true}'


def test_substitutions_bind_iris_and_literals():
    store = open_store(None)
    job = QueryJob("SELECT ?x ?y WHERE { }", substitutions=(("x", "http://x/a"), ("y", "3")))
    body = json.loads(execute(store, job).body)
    assert body["results"]["bindings"] == [
        {"x": {"type": "uri", "value": "http://x/a"}, "y": {"type": "literal", "value": "3"}}
    ]


def test_store_path_briefly_missing_during_a_swap_keeps_the_last_version(pooled, tmp_path):
    assert count(pooled) == 300
    os.rename(tmp_path / "store", tmp_path / "store.old-link")  # a builder between two renames
    assert count(pooled) == 300
    os.rename(tmp_path / "store.old-link", tmp_path / "store")
