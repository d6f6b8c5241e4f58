"""Writing answers: SELECT rows, graphs and quads in every format, by pyoxigraph's writers;
rows cut at the limit; only the prefixes used."""

from __future__ import annotations

import doctest
import json

import pyoxigraph as ox

from guize import formats
from guize.namespaces import prefixes
from guize.query import results


def test_doctests():
    assert doctest.testmod(results).failed == 0
    assert doctest.testmod(formats).failed == 0


def _solutions(query: str):
    result = ox.Store().query(query)
    return result.variables, list(result)


def test_solutions_keep_every_kind_of_term_in_every_format():
    variables, rows = _solutions(
        'SELECT ?i ?l ?t ?n ?b ?u WHERE { VALUES (?i ?l ?t ?n) { (<http://x/ü> "tab\\there\\n\\"q\\""@zh-hans '
        '<<( <http://x/s> <http://x/p> "o" )>> 1.5) } BIND(BNODE() AS ?b) }'
    )
    for fmt in (formats.JSON, formats.XML, formats.TSV):
        back = list(
            ox.parse_query_results(results.serialize_solutions(variables, rows, fmt), fmt.results)
        )
        assert [[r[v] for v in variables] for r in back] == [[rows[0][v] for v in variables]]
        assert back[0]["l"] == ox.Literal('tab\there\n"q"', language="zh-hans")
        assert back[0]["t"] == ox.Triple(
            ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o")
        )
        assert back[0]["u"] is None
    csv = results.serialize_solutions(variables, rows, formats.CSV).decode()
    assert csv.splitlines()[0] == "i,l,t,n,b,u"


def test_empty_select():
    body = results.serialize_solutions([ox.Variable("x")], [], formats.JSON)
    assert json.loads(body) == {"head": {"vars": ["x"]}, "results": {"bindings": []}}


def test_take_cuts_and_reports():
    assert results.take(iter(range(5)), 3) == ([0, 1, 2], True)
    assert results.take(iter(range(3)), 3) == ([0, 1, 2], False)
    assert results.take(iter(range(3)), None) == ([0, 1, 2], False)


def test_only_used_prefixes_are_written():
    triple = ox.Triple(
        ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept"),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
        ox.Literal("x"),
    )
    ttl = results.serialize_triples([triple], formats.TURTLE, prefixes("http://b/")).decode()
    assert "@prefix skos:" in ttl and "@prefix rdfs:" in ttl
    assert "@prefix eli:" not in ttl


def test_quads_in_triple_formats_drop_the_graph_and_keep_it_in_dataset_formats():
    quad = ox.Quad(
        ox.NamedNode("http://x/s"),
        ox.NamedNode("http://x/p"),
        ox.Literal("o"),
        ox.NamedNode("http://x/g"),
    )
    assert b"<http://x/g>" in results.serialize_quads([quad], formats.NQUADS)
    assert b"<http://x/g>" not in results.serialize_quads([quad], formats.NTRIPLES)
