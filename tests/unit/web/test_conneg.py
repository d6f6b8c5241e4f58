"""Content negotiation: Accept headers and format= values against the format table."""

from __future__ import annotations

import doctest

import pytest

from guize.web import conneg
from guize.web.conneg import GRAPH, TABULAR, NoAcceptableFormat, negotiate


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
