"""Content negotiation and result serialisation (pyoxigraph's writers, rows cut at the limit)."""

from __future__ import annotations

import doctest
import json

import pyoxigraph as ox
import pytest

from service.web import conneg
from service.web.conneg import GRAPH, TABULAR, NoAcceptableFormat, negotiate


def test_doctests():
    assert doctest.testmod(conneg).failed == 0


@pytest.mark.parametrize(
    ("accept", "name"),
    [
        (None, "json"),
        ("*/*", "json"),
        ("application/sparql-results+xml", "xml"),
        ("text/xml", "xml"),
        ("text/*", "csv"),
        ("text/tab-separated-values;q=0.9, text/csv;q=0.8", "tsv"),
        ("application/json;q=0.1, text/csv;q=0.2", "csv"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "xml"),
    ],
)
def test_tabular_negotiation(accept, name):
    assert negotiate(accept, TABULAR).name == name


@pytest.mark.parametrize(
    ("accept", "formats", "name"),
    [
        ("*/*", [], "turtle"),
        ("application/rdf+xml", [], "rdfxml"),
        ("application/xml", [], "rdfxml"),
        ("text/plain", [], "ntriples"),
        (
            "application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,text/n3",
            [],
            "turtle",
        ),
        ("text/turtle", ["json-ld"], "jsonld"),
        ("text/turtle", ["csv", "nt"], "ntriples"),  # values that do not apply are skipped
        ("text/turtle", ["application/n-quads"], "nquads"),
    ],
)
def test_graph_negotiation(accept, formats, name):
    assert negotiate(accept, GRAPH, formats).name == name


@pytest.mark.parametrize("accept", ["image/png", "text/turtle;q=0", "application/pdf, text/html"])
def test_nothing_acceptable(accept):
    with pytest.raises(NoAcceptableFormat, match="application/sparql-results\\+json"):
        negotiate(accept, TABULAR)


def _solutions(query: str):
    result = ox.Store().query(query)
    return result.variables, list(result)


def test_solutions_keep_every_kind_of_term_in_every_format():
    variables, rows = _solutions(
        'SELECT ?i ?l ?t ?n ?b ?u WHERE { VALUES (?i ?l ?t ?n) { (<http://x/ü> "tab\\there\\n\\"q\\""@zh-hans '
        '<<( <http://x/s> <http://x/p> "o" )>> 1.5) } BIND(BNODE() AS ?b) }'
    )
    for fmt in (conneg.JSON, conneg.XML, conneg.TSV):
        back = list(
            ox.parse_query_results(conneg.serialize_solutions(variables, rows, fmt), fmt.results)
        )
        assert [[r[v] for v in variables] for r in back] == [[rows[0][v] for v in variables]]
        assert back[0]["l"] == ox.Literal('tab\there\n"q"', language="zh-hans")
        assert back[0]["t"] == ox.Triple(
            ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o")
        )
        assert back[0]["u"] is None
    csv = conneg.serialize_solutions(variables, rows, conneg.CSV).decode()
    assert csv.splitlines()[0] == "i,l,t,n,b,u"


def test_empty_select():
    body = conneg.serialize_solutions([ox.Variable("x")], [], conneg.JSON)
    assert json.loads(body) == {"head": {"vars": ["x"]}, "results": {"bindings": []}}


def test_take_cuts_and_reports():
    assert conneg.take(iter(range(5)), 3) == ([0, 1, 2], True)
    assert conneg.take(iter(range(3)), 3) == ([0, 1, 2], False)
    assert conneg.take(iter(range(3)), None) == ([0, 1, 2], False)


def test_only_used_prefixes_are_written():
    triple = ox.Triple(
        ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept"),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
        ox.Literal("x"),
    )
    ttl = conneg.serialize_triples(
        [triple], conneg.TURTLE, conneg.base_prefixes("http://b/")
    ).decode()
    assert "@prefix skos:" in ttl and "@prefix rdfs:" in ttl
    assert "@prefix eli:" not in ttl


def test_quads_in_triple_formats_drop_the_graph_and_keep_it_in_dataset_formats():
    quad = ox.Quad(
        ox.NamedNode("http://x/s"),
        ox.NamedNode("http://x/p"),
        ox.Literal("o"),
        ox.NamedNode("http://x/g"),
    )
    assert b"<http://x/g>" in conneg.serialize_quads([quad], conneg.NQUADS)
    assert b"<http://x/g>" not in conneg.serialize_quads([quad], conneg.NTRIPLES)
