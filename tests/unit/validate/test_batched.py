"""SHACL-SPARQL constraints run once for all their focus nodes (guize.validate.batched): which
queries may be, and that the answers are those of one query per focus node.

Every shape fixture is validated both ways, on Oxigraph (batched) and on rdflib (one query per
focus node, pyshacl's own way), in ``test_sparql_engines.py``.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from guize.validate.batched import batchable
from guize.validate.mirror import _plan, mirror
from guize.validate.prepared import prepared

EX = "http://example.org/"
PREFIX = f"PREFIX ex: <{EX}> "


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("$this ex:p ?value .", True),
        ("$this ex:p ?value . FILTER (?value != ex:a)", True),
        ("$this ex:p ?value . OPTIONAL { $this ex:q ?o } FILTER (!BOUND(?o))", True),
        ("?value ex:p ?x . FILTER NOT EXISTS { $this ex:q ?x } $this ex:r ?value .", True),
        ("{ $this ex:p ?value } UNION { $this ex:q ?value }", False),
        ("OPTIONAL { $this ex:p ?value }", False),
        ("?value ex:p ?x . FILTER NOT EXISTS { $this ex:q ?x }", False),
        ("{ SELECT $this ?value WHERE { $this ex:p ?value } LIMIT 1 }", False),
        ("GRAPH ?g { $this ex:p ?value }", False),
    ],
)
def test_which_queries_are_batched(where, expected):
    text = PREFIX + f"SELECT $this ?value WHERE {{ {where} }}"
    algebra = prepared(text).algebra
    assert batchable(algebra, text, frozenset({"this", "value"})) is expected


def test_this_must_be_projected_and_the_answer_whole():
    for text in (
        PREFIX + "SELECT ?value WHERE { $this ex:p ?value }",
        PREFIX + "SELECT $this ?value WHERE { $this ex:p ?value } LIMIT 5",
        PREFIX + "SELECT $this ?value WHERE { $this ex:p ?value } ORDER BY ?value",
        PREFIX + "SELECT $this (COUNT(?v) AS ?value) WHERE { $this ex:p ?v } GROUP BY $this",
    ):
        assert _plan(text).batchable is False, text


def _graph() -> Graph:
    g = Graph()
    for i in range(6):
        s = URIRef(f"{EX}s{i}")
        for j in range(i % 3):
            g.add((s, URIRef(EX + "p"), Literal(f"v{i}-{j}")))
    return g


def test_answers_are_those_of_one_query_per_focus_node(monkeypatch):
    text = PREFIX + "SELECT $this ?value WHERE { $this ex:p ?value }"
    copy = mirror(_graph())
    alone = mirror(_graph())
    asked = []
    run = type(copy)._run

    def counting(self, plan, bindings):
        if self is copy:
            asked.append(dict(bindings))
        return run(self, plan, bindings)

    monkeypatch.setattr(type(copy), "_run", counting)
    shape = URIRef(EX + "Shape")
    for i in range(6):
        bindings = {"this": URIRef(f"{EX}s{i}"), "currentShape": shape}
        batched = copy.select(text, bindings)
        one = alone._run(_plan(text), bindings)
        key = lambda r: sorted((str(k), str(v)) for k, v in r.items())  # noqa: E731
        assert sorted(map(key, batched.bindings)) == sorted(map(key, one.bindings)), i
        assert len(batched.bindings) == i % 3
    # the first focus node alone, then the whole query once for the other five
    assert [sorted(a) for a in asked] == [["currentShape", "this"], ["currentShape"]]
