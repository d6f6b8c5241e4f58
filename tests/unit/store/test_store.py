"""The embedded store: atomic graph replacement, staging clean-up, union default graph."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from guize.store import STAGING_PREFIX, StoreError, open_store
from guize.store.base import NTriples

EX = "http://example.org/"


def triples(n: int, tag: str) -> list[ox.Triple]:
    return [
        ox.Triple(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(f"{tag}{i}"))
        for i in range(n)
    ]


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "store")
    yield s
    s.close()


def count(store, graph: str) -> int:
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    sol = next(iter(store.query(q, substitutions={"g": graph}, union_default_graph=False)))
    return int(sol["n"].value)


def test_replace_graph_replaces(store):
    assert store.replace_graph(EX + "g1", triples(5, "a")) == 5
    assert store.replace_graph(EX + "g1", triples(3, "b")) == 3
    assert count(store, EX + "g1") == 3
    values = {
        sol["o"].value
        for sol in store.query(f"SELECT ?o WHERE {{ GRAPH <{EX}g1> {{ ?s ?p ?o }} }}")
    }
    assert values == {"b0", "b1", "b2"}
    assert store.named_graphs() == [EX + "g1"]


def test_failed_replace_keeps_old_graph(store):
    store.replace_graph(EX + "g1", triples(4, "old"))

    def broken():
        yield from triples(2, "new")
        raise ValueError("the writer broke half-way")

    with pytest.raises(StoreError, match="half-way"):
        store.replace_graph(EX + "g1", broken())
    assert count(store, EX + "g1") == 4
    assert not [g for g in store.raw.named_graphs() if g.value.startswith(STAGING_PREFIX)]


def test_default_graph_is_union(store):
    store.replace_graph(EX + "g1", triples(2, "a"))
    store.replace_graph(EX + "g2", triples(2, "b"))
    n = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value
    assert int(n) == 4


def test_clean_staging_drops_leftovers(store):
    store.raw.add(
        ox.Quad(
            ox.NamedNode(EX + "s"),
            ox.NamedNode(EX + "p"),
            ox.Literal("x"),
            ox.NamedNode(STAGING_PREFIX + "killed-build"),
        )
    )
    assert store.clean_staging() == 1
    assert store.named_graphs() == []


def test_store_persists_on_disk(tmp_path):
    s = open_store(tmp_path / "st")
    s.replace_graph(EX + "g", triples(2, "a"))
    s.close()
    again = open_store(tmp_path / "st", read_only=True)
    assert again.named_graphs() == [EX + "g"]


def test_bad_query_raises_syntax_error(store):
    with pytest.raises(SyntaxError):
        store.query("SELECT WHERE {")


def test_versions_swap_atomically_and_old_ones_are_dropped(tmp_path):
    from guize.store import prepare_version, publish_version

    live = tmp_path / "store"
    for i in range(4):
        new = prepare_version(live, f"v{i}")
        s = open_store(new)
        s.replace_graph(EX + f"g{i}", triples(1, "x"))
        s.close()
        publish_version(live, new, grace_s=0)
        assert live.is_symlink() and live.resolve() == new.resolve()
        # each version starts from the previous one: nothing built before is lost
        assert open_store(live, read_only=True).named_graphs() == [
            EX + f"g{k}" for k in range(i + 1)
        ]
    assert sorted(p.name for p in tmp_path.glob("store-*")) == ["store-v3"]


def test_a_plain_directory_store_is_moved_aside(tmp_path):
    from guize.store import prepare_version, publish_version

    live = tmp_path / "store"
    s = open_store(live)
    s.replace_graph(EX + "g", triples(1, "x"))
    s.close()
    new = prepare_version(live, "v1")
    publish_version(live, new)
    assert live.is_symlink()
    assert open_store(live, read_only=True).named_graphs() == [EX + "g"]


TRICKY = [
    ox.Triple(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), ox.Literal("第一行 .\n第二行 .")),
    ox.Triple(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), ox.Literal('引 " .', language="zh")),
    ox.Triple(
        ox.NamedNode(f"{EX}s"),
        ox.NamedNode(f"{EX}p"),
        ox.Literal("7", datatype=ox.NamedNode(f"{EX}t")),
    ),
]
BLANK = [ox.Triple(ox.BlankNode("b1"), ox.NamedNode(f"{EX}p"), ox.Literal("_:b1"))]


def test_graphs_in_n_triples_are_loaded_as_they_are_written(store):
    """The bulk loader reads graphs already in N-Triples itself: the same quads as triples
    handed over one by one, literals with newlines and `` .`` inside included; text whose
    lines do not end as pyoxigraph ends them is read as triples instead."""
    data = ox.serialize(TRICKY, format=ox.RdfFormat.N_TRIPLES)
    assert NTriples(data).in_graph(f"{EX}g") is not None and len(NTriples(data)) == 3
    odd = data.replace(b" .\n", b".\n")  # valid N-Triples, not as pyoxigraph writes it
    assert NTriples(odd).in_graph(f"{EX}g") is None
    written = store.load_graphs(
        {f"{EX}a": NTriples(data), f"{EX}b": NTriples(odd), f"{EX}c": list(TRICKY)}
    )
    assert written == 9
    by_graph = {
        g: {
            ox.Triple(q.subject, q.predicate, q.object)
            for q in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(f"{EX}{g}"))
        }
        for g in "abc"
    }
    assert by_graph["a"] == by_graph["b"] == by_graph["c"] == set(TRICKY)
    # blank nodes keep their labels (the loader would give them new ones)
    blank = ox.serialize(BLANK, format=ox.RdfFormat.N_TRIPLES)
    assert NTriples(blank).in_graph(f"{EX}d") is None
    store.load_graphs({f"{EX}d": NTriples(blank)})
    assert {
        q.subject for q in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(f"{EX}d"))
    } == {ox.BlankNode("b1")}
    assert store.replace_graph(f"{EX}a", NTriples(data)) == 3 and count(store, f"{EX}a") == 3
