"""What can be validated besides the store: a work-rules text (run through the ingest
pipeline) or an RDF file in any syntax guize reads (:mod:`guize.formats`), and the vocabularies
of an ontology folder to check concepts against.

RDF from outside is looked at before it is parsed (:func:`check_untrusted`): XML with a
``DOCTYPE`` or ``ENTITY`` declaration is refused (entities expand without bound, and external
ones reach other hosts), and so is nesting deeper than :data:`MAX_NESTING` (parsers recurse per
level).  Callers that take uploads also parse in a confined process with time and memory limits
(:mod:`guize.validate.isolated`).
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph

from guize import formats
from guize.assets import AssetError, parse_turtle, vocab_files
from guize.errors import BadRequest
from guize.ingest.errors import IngestError
from guize.iris import DEFAULT_BASE_IRI, Iris
from guize.pipeline import ingest_bytes
from guize.rdf.oxterms import to_rdflib
from guize.reason import compile_rules, materialise
from guize.validate.shapes import normal_base


class ValidationInputError(BadRequest):
    """The data to validate could not be read (400; CLI exit status 2)."""


MAX_NESTING = 100
"""Deepest nesting of ``[ ( {`` (Turtle family, JSON-LD) or elements (RDF/XML) accepted."""

_XML_DECLARATIONS = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_SKIP = {
    "json": re.compile(rb'"(?:[^"\\]|\\.)*"', re.S),
    "turtle": re.compile(
        rb'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
        rb'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n]*',
        re.S,
    ),
}
_BRACKETS = re.compile(rb"<<|>>|[\[\](){}]")
_XML_TAG = re.compile(rb"<(/?)[A-Za-z_][^<>]*?(/?)>")


def nesting_depth(data: bytes, syntax: str) -> int:
    """How deep ``data`` nests (``syntax``: xml, json or turtle -- the Turtle family).

    >>> nesting_depth(b'{"a": [{"b": "[[[["}]}', "json")
    3
    >>> nesting_depth(b'<s> <p> [ <q> ( 1 [ <r> "(((" ] ) ] .', "turtle")
    3
    >>> nesting_depth(b'<a><b><c/></b><b>x</b></a>', "xml")
    2
    """
    depth = deepest = 0
    if syntax == "xml":
        for m in _XML_TAG.finditer(data):
            if m.group(1):
                depth -= 1
            elif not m.group(2):
                depth += 1
                deepest = max(deepest, depth)
        return deepest
    for m in _BRACKETS.finditer(_SKIP[syntax].sub(b" ", data)):
        if m.group() in (b"[", b"(", b"{", b"<<"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def check_untrusted(data: bytes, fmt: formats.Format, label: str = "upload") -> None:
    """Refuse RDF that a parser could not be trusted with: in RDF/XML, declarations of a
    ``DOCTYPE`` or ``ENTITY``; in any syntax, nesting past :data:`MAX_NESTING`.

    :raises ValidationInputError: naming the problem.
    """
    syntax = {"rdfxml": "xml", "jsonld": "json"}.get(fmt.name, "turtle")
    if syntax == "xml" and _XML_DECLARATIONS.search(data):
        raise ValidationInputError(
            f"{label}: DOCTYPE and ENTITY declarations are not accepted (entities can expand "
            "without bound or fetch from other hosts); remove them and send plain RDF"
        )
    depth = nesting_depth(data, syntax)
    if depth > MAX_NESTING:
        raise ValidationInputError(
            f"{label}: nested {depth} levels deep; at most {MAX_NESTING} are accepted"
        )


def rdflib_graph(ntriples: bytes) -> Graph:
    g = Graph()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        g.parse(data=ntriples, format="nt")
    return g


def read_file(
    path: Path, base_iri: str = DEFAULT_BASE_IRI, *, lexicon_dir: Path | None = None
) -> Graph | Dataset:
    """Read a work-rules text (through the ingest pipeline) or an RDF file, without the store;
    the format from the file name's ending, else from a look at the content.

    :raises ValidationInputError: if it cannot be read, parsed or ingested (with the reason).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationInputError(f"{path}: cannot read: {exc.strerror}") from exc
    return read_data(data, path.name, base_iri, source=str(path), lexicon_dir=lexicon_dir)


def read_data(
    data: bytes,
    name: str,
    base_iri: str = DEFAULT_BASE_IRI,
    fmt: formats.Format | None = None,
    *,
    source: str | None = None,
    lexicon_dir: Path | None = None,
) -> Graph | Dataset:
    """Read bytes named ``name`` as ``fmt`` (default: by the name's ending, else by a look at
    the content): a work-rules text through the ingest pipeline (reading ``lexicon_dir``, default
    the lexicon guize ships with), or RDF.

    :raises ValidationInputError: if it cannot be parsed or ingested (with the reason).
    """
    base = normal_base(base_iri)
    fmt = fmt or formats.detect(data, name)
    label = name or "upload"
    if fmt is formats.TEXT:
        stem = Path(name).stem or "upload"
        try:
            ingested = ingest_bytes(
                data, stem, Iris(base), None, source or name, lexicon_dir=lexicon_dir
            )
            return ingested.full
        except IngestError as exc:
            raise ValidationInputError(f"{label}: {exc}") from exc
    if fmt.rdf is None:
        raise ValidationInputError(f"{label}: {fmt.label} cannot be validated")
    check_untrusted(data, fmt, label)
    try:
        quads = list(ox.parse(data, format=fmt.rdf, base_iri=base))
    except (SyntaxError, ValueError) as exc:
        raise ValidationInputError(f"{label}: not valid {fmt.rdf.name}: {exc}") from exc
    if not quads:
        raise ValidationInputError(f"{label}: no triples in the file")
    by_graph: dict[Any, list[Any]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(q.triple)
    if list(by_graph) == [ox.DefaultGraph()]:
        g = rdflib_graph(ox.serialize(by_graph[ox.DefaultGraph()], format=ox.RdfFormat.N_TRIPLES))
        g += materialise(g, compile_rules())  # what the store's inferred graph would hold
        return g
    ds = Dataset()
    for graph_name, triples in by_graph.items():
        target = (
            ds.default_graph if graph_name == ox.DefaultGraph() else ds.graph(to_rdflib(graph_name))
        )
        target += rdflib_graph(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    return ds


def model_from_dir(ontology_dir: str | Path | None, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """The vocabularies (``vocab/*.ttl``) of an ontology folder, if any (see
    :func:`guize.validate.run.store_model`)."""
    model = Graph()
    if ontology_dir is None:
        return model
    for path in vocab_files(Path(ontology_dir)):
        try:
            triples = parse_turtle(path)
        except AssetError:
            continue  # a broken model file is the ontology's test's business, not the data's
        model += rdflib_graph(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    return model
