"""Every hand-kept Turtle file parses the same in rdflib and pyoxigraph, relative to any base."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
from ontology_helpers import ALL_TTL, BASE, parse
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

OTHER_BASE = "http://example.org/guize/"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _ox_to_rdflib(quads) -> Graph:
    g = Graph()

    def term(t):
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == XSD_STRING:  # RDF 1.1: a simple literal is an xsd:string
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))

    for q in quads:
        g.add((term(q.subject), term(q.predicate), term(q.object)))
    return g


def _iris(g: Graph):
    for triple in g:
        for t in triple:
            if isinstance(t, URIRef):
                yield str(t)
            elif isinstance(t, Literal) and t.datatype is not None:
                yield str(t.datatype)


@pytest.mark.parametrize("path", ALL_TTL, ids=lambda p: p.relative_to(p.parents[1]).as_posix())
def test_rdflib_and_pyoxigraph_agree(path: Path):
    ours = parse([path], BASE)
    theirs = _ox_to_rdflib(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=BASE))
    assert len(ours) == len(theirs) > 0
    assert isomorphic(ours, theirs)


@pytest.mark.parametrize("path", ALL_TTL, ids=lambda p: p.relative_to(p.parents[1]).as_posix())
def test_no_iri_is_left_relative_and_none_is_hard_coded(path: Path):
    g = parse([path], OTHER_BASE)
    relative = sorted({i for i in _iris(g) if not urlsplit(i).scheme})
    assert relative == []
    own = {i for i in _iris(g) if i.startswith(OTHER_BASE)}
    assert own, "a hand-kept file should mint its IRIs relative to the base"
    # Nothing may name the default deployment: every own IRI follows the base given.
    assert not [i for i in _iris(g) if "127.0.0.1" in i or "localhost" in i]
    text = path.read_text(encoding="utf-8")
    assert "@base" not in text, "an @base would override the deployment's base IRI"


def test_relative_prefixes_resolve_under_the_base():
    g = parse(ALL_TTL, OTHER_BASE)
    subjects = {str(s) for s in g.subjects() if isinstance(s, URIRef)}
    assert OTHER_BASE + "ontology" in subjects
    assert OTHER_BASE + "ontology#WorkRules" in subjects
    assert OTHER_BASE + "vocab/role-kind" in subjects
    assert OTHER_BASE + "vocab/role-kind/head" in subjects
