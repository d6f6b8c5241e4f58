"""The one table of formats guize reads and writes: RDF syntaxes, SPARQL result formats and
plain text, each with its media types, short names and file name endings.

Everything that needs a format looks here: content negotiation (:mod:`guize.web.conneg`),
result serialisation (:mod:`guize.query.results`), the remote store's answers
(:mod:`guize.store.remote`), validation inputs and uploads (:mod:`guize.validate.inputs`,
the validation page) and the dataset description.  pyoxigraph knows each syntax's canonical
media type and file extension; the table adds the aliases clients send.  Adding a format is one
entry here.

>>> by_media_type("application/x-turtle").name
'turtle'
>>> by_extension("rules.JSONLD").name, by_extension("x.owl").name, by_extension("x.txt").name
('jsonld', 'rdfxml', 'text')
>>> sniff(b"@prefix ex: <http://ex/> .\\nex:a ex:b ex:c .").name
'turtle'
>>> sniff("第一条 为了规范政府工作".encode()).name
'text'
>>> sniff(b"<http://a> <http://b> <http://c> .").name, sniff(b"<http://a> <http://b> <http://c> <http://g> .").name
('ntriples', 'nquads')
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import pyoxigraph as ox

RF, QF = ox.RdfFormat, ox.QueryResultsFormat


@dataclass(frozen=True)
class Format:
    """One representation: canonical media type, other media types, short names, file endings."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()
    """Other media types it answers to."""
    names: tuple[str, ...] = ()
    """Other short names (``format=`` values)."""
    extensions: tuple[str, ...] = ()
    """File name endings, with the dot; the first is the one to write."""
    label: str = ""
    """How a person calls it (forms, the dataset description)."""
    w3c: str = ""
    """Its local name in http://www.w3.org/ns/formats/ (service descriptions), if it has one."""
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


def _essence(media_type: str) -> str:
    """A media type without its parameters (pyoxigraph writes ``text/csv; charset=utf-8``)."""
    return media_type.split(";", 1)[0].strip()


def _rdf(name, fmt: ox.RdfFormat, label, w3c, aliases=(), names=(), extensions=()) -> Format:
    exts = (f".{fmt.file_extension}", *extensions)
    return Format(name, _essence(fmt.media_type), aliases, names, exts, label, w3c, rdf=fmt)


def _results(name, fmt: ox.QueryResultsFormat, label, w3c, aliases=(), names=()) -> Format:
    exts = (f".{fmt.file_extension}",)
    return Format(name, _essence(fmt.media_type), aliases, names, exts, label, w3c, results=fmt)


JSON = _results(
    "json", QF.JSON, "SPARQL results JSON", "SPARQL_Results_JSON", ("application/json",), ("srj",)
)
XML = _results(
    "xml",
    QF.XML,
    "SPARQL results XML",
    "SPARQL_Results_XML",
    ("application/xml", "text/xml"),
    ("srx",),
)
CSV = _results("csv", QF.CSV, "SPARQL results CSV", "SPARQL_Results_CSV")
TSV = _results("tsv", QF.TSV, "SPARQL results TSV", "SPARQL_Results_TSV")

TURTLE = _rdf(
    "turtle",
    RF.TURTLE,
    "Turtle",
    "Turtle",
    ("application/x-turtle", "application/turtle"),
    ("ttl",),
)
NTRIPLES = _rdf(
    "ntriples", RF.N_TRIPLES, "N-Triples", "N-Triples", ("text/plain",), ("nt", "n-triples")
)
JSONLD = _rdf(
    "jsonld",
    RF.JSON_LD,
    "JSON-LD",
    "JSON-LD",
    ("application/json", "application/x-json+ld"),
    ("json-ld", "json"),
    (".json",),
)
RDFXML = _rdf(
    "rdfxml",
    RF.RDF_XML,
    "RDF/XML",
    "RDF_XML",
    ("application/xml", "text/xml"),
    ("rdf", "rdf+xml", "xml", "owl"),
    (".owl", ".xml"),
)
N3 = Format(
    "n3", "text/n3", ("text/rdf+n3", "application/n3"), (), (".n3",), "N3", "N3", rdf=RF.TURTLE
)
"""N3 is written as Turtle (which is N3)."""
NQUADS = _rdf("nquads", RF.N_QUADS, "N-Quads", "N-Quads", (), ("nq", "n-quads"))
TRIG = _rdf("trig", RF.TRIG, "TriG", "TriG")
HTML = Format("html", "text/html", ("application/xhtml+xml",), ("htm",), (".html",), "HTML")
TEXT = Format("text", "text/plain", (), ("txt",), (".txt",), "text")
"""Plain text: a work-rules document as written, or its raw text."""

#: SELECT/ASK answers, in the server's order of preference.
TABULAR: tuple[Format, ...] = (JSON, XML, CSV, TSV)
#: Graph answers (CONSTRUCT/DESCRIBE, linked data), in the server's order of preference.
GRAPH: tuple[Format, ...] = (TURTLE, NTRIPLES, JSONLD, RDFXML, N3, NQUADS, TRIG)
#: The RDF syntaxes guize reads (uploads, files to validate).
READABLE: tuple[Format, ...] = (TURTLE, TRIG, NTRIPLES, NQUADS, JSONLD, RDFXML)
#: The graph (triple) syntaxes a Graph Store Protocol body may come in.
TRIPLES_READABLE: tuple[Format, ...] = (TURTLE, NTRIPLES, JSONLD, RDFXML, N3)
ALL: tuple[Format, ...] = (*TABULAR, *GRAPH, HTML, TEXT)
BY_NAME = {f.name: f for f in ALL}


def by_media_type(media_type: str, among: tuple[Format, ...] = ALL) -> Format | None:
    """The format a media type names (parameters such as ``charset`` ignored), or None."""
    value = _essence(media_type).lower()
    return next((f for f in among if value == f.media_type), None) or next(
        (f for f in among if value in f.aliases), None
    )


def by_extension(filename: str, among: tuple[Format, ...] = (*READABLE, TEXT)) -> Format | None:
    """The format a file name's ending names, or None."""
    suffix = os.path.splitext(filename.lower())[1]
    return next((f for f in among if suffix and suffix in f.extensions), None)


def detect(data: bytes, name: str = "") -> Format:
    """What bytes named ``name`` are: by the name's ending, else by a look at the content."""
    return (by_extension(name) if name else None) or sniff(data)


_PREFIX_LINE = re.compile(rb"^\s*(@prefix|@base|PREFIX|BASE)\b", re.M | re.I)
_GRAPH_BLOCK = re.compile(rb"^\s*(GRAPH\s*)?<[^>]*>\s*\{", re.M)
_NQUADS_LINE = re.compile(rb"^(<[^>\s]*>|_:\S+)\s+<[^>\s]*>\s+\S")


def sniff(data: bytes) -> Format:
    """Guess the format of bytes with no telling name or media type: an RDF syntax or TEXT."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return JSONLD
    if head.startswith((b"<?xml", b"<rdf:RDF")):
        return RDFXML
    if _PREFIX_LINE.search(head):
        return TRIG if _GRAPH_BLOCK.search(head) else TURTLE
    if _NQUADS_LINE.match(head):
        first = head.split(b"\n", 1)[0]
        try:
            list(ox.parse(first, format=RF.N_TRIPLES))
        except SyntaxError:
            return NQUADS
        return NTRIPLES
    return TEXT
