"""rdflib terms as pyoxigraph terms and back, directly: a document's graph goes to the store
(and its Oxigraph copy for validation) without a round trip through N-Triples text, which took
rdflib longer than everything else in writing the graph.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from guize.rdf.plain import triples


def ox_term(term: Any) -> Any:
    """``term`` as pyoxigraph's.

    :raises ValueError: if it is not an RDF term, or one Oxigraph refuses (an IRI with a space,
        a malformed language tag).
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise ValueError(f"not an RDF term: {term!r}")


def memo_term(term: Any, memo: dict[Any, Any]) -> Any:
    """:func:`ox_term`, converting each distinct term once (``memo``: the terms done)."""
    out = memo.get(term)
    if out is None:
        out = memo[term] = ox_term(term)
    return out


def ox_triples(graph: Graph) -> list[ox.Triple]:
    """Every triple of ``graph`` as pyoxigraph's.

    :raises ValueError: for a term Oxigraph refuses (see :func:`ox_term`).
    """
    memo: dict[Any, Any] = {}
    triple = ox.Triple
    return [
        triple(memo_term(s, memo), memo_term(p, memo), memo_term(o, memo))
        for s, p, o in triples(graph)
    ]


def to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as rdflib's (None for an RDF-star triple)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return None  # an RDF-star triple: not something rdflib's engine gives back
