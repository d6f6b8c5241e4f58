"""Spans of raw text (原文位置) as Web Annotation resources, one node per stretch of text.

A span is an ``oa:SpecificResource`` on the document's raw text ``{doc}/raw``, with an
``oa:TextPositionSelector`` (raw character offsets, ``oa:start`` and ``oa:end``) and, for what
was read from a sentence, an ``oa:TextQuoteSelector`` (``oa:exact``: the cleaned sentence).

Whatever comes from the same stretch points at the same node: the facts read from one
sentence, a post and the first fact that names it.  The node is ``{doc}/span/{start}-{end}``,
its selectors ``…#position`` and ``…#quote``.  A stretch quoted two ways (its cleaned text
differs between two readings) gets a second node, ``{doc}/span/{start}-{end}-2``, so that no
span has two quotes.
"""

from __future__ import annotations

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from guize import namespaces

OA = Namespace(namespaces.OA)


class Spans:
    """The spans of one document's graph ``g``, written once each."""

    def __init__(self, g: Graph, doc_iri: str, span_property: URIRef) -> None:
        self.g = g
        self.doc_iri = str(doc_iri)
        self.raw = URIRef(f"{self.doc_iri}/raw")
        self.span_property = span_property
        #: (start, end) → the nodes of that stretch, each with its quote (None: not quoted yet)
        self._nodes: dict[tuple[int, int], list[list]] = {}

    def link(self, subject: URIRef, start: int, end: int, exact: str | None = None) -> URIRef:
        """``subject gz:span`` the span of raw ``[start, end)`` quoted as ``exact``."""
        node = self._node(start, end, exact)
        self.g.add((subject, self.span_property, node))
        return node

    def _node(self, start: int, end: int, exact: str | None) -> URIRef:
        nodes = self._nodes.setdefault((start, end), [])
        for entry in nodes:
            iri, quote = entry
            if exact is None or quote == exact:
                return iri
            if quote is None:
                entry[1] = exact
                self._quote(iri, exact)
                return iri
        suffix = "" if not nodes else f"-{len(nodes) + 1}"
        iri = URIRef(f"{self.doc_iri}/span/{start}-{end}{suffix}")
        nodes.append([iri, exact])
        self._write(iri, start, end)
        if exact is not None:
            self._quote(iri, exact)
        return iri

    def _write(self, iri: URIRef, start: int, end: int) -> None:
        g, position = self.g, URIRef(f"{iri}#position")
        g.add((iri, RDF.type, OA.SpecificResource))
        g.add((iri, OA.hasSource, self.raw))
        g.add((iri, OA.hasSelector, position))
        g.add((position, RDF.type, OA.TextPositionSelector))
        g.add((position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
        g.add((position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))

    def _quote(self, iri: URIRef, exact: str) -> None:
        g, quote = self.g, URIRef(f"{iri}#quote")
        g.add((iri, OA.hasSelector, quote))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(exact)))
