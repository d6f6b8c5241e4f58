"""Content negotiation and serialisation of results (no Flask here: query workers import it).

A client chooses a representation with ``Accept`` (q-values, wildcards) or, for clients that
cannot set headers, a ``format=`` parameter.  ``format=`` wins when one of its values names a
format available for the answer (a short name such as ``json``/``ttl`` or a media type);
values that do not apply (SPARQLWrapper sends ``format=turtle`` with a SELECT) are ignored
and ``Accept`` decides.  No ``Accept`` header means ``*/*``; ties go to the server's order
below, so ``*/*`` gets SPARQL JSON for SELECT/ASK and Turtle for graphs.

SELECT/ASK (``TABULAR``): SPARQL results JSON, XML, CSV, TSV.
CONSTRUCT/DESCRIBE and linked data (``GRAPH``): Turtle, N-Triples, JSON-LD, RDF/XML, N3
(written as Turtle, which is N3), and N-Quads/TriG: a graph result is a dataset with only a
default graph, so those two are written as quads in the default graph.

>>> negotiate(None, TABULAR).name
'json'
>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", TABULAR).name
'xml'
>>> negotiate("*/*", GRAPH, ["turtle"]).media_type
'text/turtle'
>>> negotiate("application/json", GRAPH).name
'jsonld'
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header


class NoAcceptableFormat(Exception):
    """None of the offered formats is acceptable to the client."""

    def __init__(self, offers: Sequence[Format]):
        self.offers = offers
        names = ", ".join(f.media_type for f in offers)
        super().__init__(f"no acceptable representation; this resource is available as: {names}")


@dataclass(frozen=True)
class Format:
    """One representation: canonical media type, other media types and short names it answers to."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    results: ox.QueryResultsFormat | None = None
    rdf: ox.RdfFormat | None = None

    @property
    def content_type(self) -> str:
        textual = self.media_type.startswith("text/") or self.name in ("ntriples", "nquads", "trig")
        return f"{self.media_type}; charset=utf-8" if textual else self.media_type

    def answers_to(self, value: str) -> bool:
        value = value.strip().lower()
        return (
            value == self.name
            or value in self.names
            or value == self.media_type
            or value in self.aliases
        )


RF, QF = ox.RdfFormat, ox.QueryResultsFormat

JSON = Format(
    "json", "application/sparql-results+json", ("application/json",), ("srj",), results=QF.JSON
)
XML = Format(
    "xml",
    "application/sparql-results+xml",
    ("application/xml", "text/xml"),
    ("srx",),
    results=QF.XML,
)
CSV = Format("csv", "text/csv", (), (), results=QF.CSV)
TSV = Format("tsv", "text/tab-separated-values", (), (), results=QF.TSV)

TURTLE = Format(
    "turtle", "text/turtle", ("application/x-turtle", "application/turtle"), ("ttl",), rdf=RF.TURTLE
)
NTRIPLES = Format(
    "ntriples", "application/n-triples", ("text/plain",), ("nt", "n-triples"), rdf=RF.N_TRIPLES
)
JSONLD = Format(
    "jsonld",
    "application/ld+json",
    ("application/json", "application/x-json+ld"),
    ("json-ld", "json"),
    rdf=RF.JSON_LD,
)
RDFXML = Format(
    "rdfxml",
    "application/rdf+xml",
    ("application/xml", "text/xml"),
    ("rdf", "rdf+xml", "xml", "owl"),
    rdf=RF.RDF_XML,
)
N3 = Format("n3", "text/n3", ("text/rdf+n3", "application/n3"), (), rdf=RF.TURTLE)
NQUADS = Format("nquads", "application/n-quads", (), ("nq", "n-quads"), rdf=RF.N_QUADS)
TRIG = Format("trig", "application/trig", (), (), rdf=RF.TRIG)
HTML = Format("html", "text/html", ("application/xhtml+xml",), ("htm",))

TABULAR: tuple[Format, ...] = (JSON, XML, CSV, TSV)
GRAPH: tuple[Format, ...] = (TURTLE, NTRIPLES, JSONLD, RDFXML, N3, NQUADS, TRIG)
BY_NAME = {f.name: f for f in (*TABULAR, *GRAPH, HTML)}

#: Prefixes written into Turtle/TriG/RDF-XML output (the base-relative ones are added per request).
PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
}


def base_prefixes(base: str) -> dict[str, str]:
    """Prefixes for the IRIs guize mints under ``base`` (see :mod:`service.iris`)."""
    return {**PREFIXES, "gz": f"{base}ontology#", "gzv": f"{base}vocab/", "gzid": f"{base}id/"}


def negotiate(
    accept: str | MIMEAccept | None, offers: Sequence[Format], format_values: Iterable[str] = ()
) -> Format:
    """The best of ``offers`` for this ``Accept`` header and ``format=`` values.

    :raises NoAcceptableFormat: if the client accepts none of them.
    """
    for value in format_values:
        for offer in offers:
            if offer.answers_to(value):
                return offer
    if isinstance(accept, str) or accept is None:
        accept = parse_accept_header(accept or "", MIMEAccept)
    if not accept:
        return offers[0]
    media = [f.media_type for f in offers] + [a for f in offers for a in f.aliases]
    best = accept.best_match(media)
    if best is None:
        raise NoAcceptableFormat(offers)
    return next(f for f in offers if best == f.media_type or best in f.aliases)


def serialize_boolean(value: ox.QueryBoolean, fmt: Format) -> bytes:
    """An ASK answer (CSV/TSV write a bare ``true``/``false``)."""
    return value.serialize(format=fmt.results)


def serialize_solutions(
    variables: Sequence[ox.Variable], rows: Sequence[ox.QuerySolution], fmt: Format
) -> bytes:
    """SELECT rows (already cut to the row limit) in ``fmt``, by pyoxigraph's own writers.

    The rows go through TSV, whose cells are the terms' N-Triples form, and are parsed back as
    ``QuerySolutions``, so every output format is written by pyoxigraph.
    """
    lines = ["\t".join(str(v) for v in variables)]
    for row in rows:
        lines.append("\t".join(_cell(row[v]) for v in variables))
    tsv = "\n".join(lines) + "\n"
    return ox.parse_query_results(tsv, QF.TSV).serialize(format=fmt.results)


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return f"<<( {_cell(term.subject)} {_cell(term.predicate)} {_cell(term.object)} )>>"
    return str(term)


def serialize_triples(
    triples: Sequence[ox.Triple], fmt: Format, prefixes: dict[str, str] | None = None
) -> bytes:
    """Triples in ``fmt`` (N-Quads/TriG: quads in the default graph)."""
    return ox.serialize(triples, format=fmt.rdf, **_prefixes(triples, fmt, prefixes))


def serialize_quads(
    quads: Sequence[ox.Quad], fmt: Format, prefixes: dict[str, str] | None = None
) -> bytes:
    """Quads in a dataset format, or their triples in a triple format (graph names dropped)."""
    if fmt.rdf not in (RF.N_QUADS, RF.TRIG):
        return serialize_triples([q.triple for q in quads], fmt, prefixes)
    return ox.serialize(quads, format=fmt.rdf, **_prefixes(quads, fmt, prefixes))


def _prefixes(statements: Sequence, fmt: Format, prefixes: dict[str, str] | None) -> dict:
    """The ``prefixes=`` argument: only the prefixes the statements use, for formats that have them."""
    if not prefixes or fmt.rdf not in (RF.TURTLE, RF.TRIG, RF.RDF_XML):
        return {}
    iris = {
        t.value
        for s in statements
        for t in (s.subject, s.predicate, s.object)
        if isinstance(t, ox.NamedNode)
    }
    iris |= {t.datatype.value for s in statements if isinstance(t := s.object, ox.Literal)}
    used = {name: ns for name, ns in prefixes.items() if any(i.startswith(ns) for i in iris)}
    return {"prefixes": used} if used else {}


def take(items: Iterable, limit: int | None) -> tuple[list, bool]:
    """The first ``limit`` items and whether there were more."""
    if limit is None:
        return list(items), False
    got = list(itertools.islice(items, limit + 1))
    return got[:limit], len(got) > limit
