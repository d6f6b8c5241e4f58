"""Validation of data from outside, as jobs for a confined worker (:mod:`guize.sandbox`).

An upload or a file named on the command line may be hostile: RDF nested thousands deep that
overflows a parser's stack, an XML entity bomb, a text that takes minutes to ingest.  These
functions read and validate it where a crash, a runaway or an attempt to reach the network
costs one worker process, not the service; they take and return plain values (bytes, strings,
dicts), which is all that crosses between the processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph

from guize import compare, formats
from guize.store import open_store
from guize.validate.inputs import (
    ValidationInputError,
    check_untrusted,
    model_from_dir,
    read_data,
    read_file,
)
from guize.validate.render import render
from guize.validate.report import exit_status
from guize.validate.run import validate_graph
from guize.validate.shapes import load_shapes


@dataclass(frozen=True)
class ReportCopy:
    """A validation report as plain values: what :class:`~guize.validate.report.Report` gives
    the web views (its JSON and its Turtle)."""

    json: dict
    turtle: str
    profile: dict | None = None
    """The comparison profile of what was validated (:func:`guize.compare.profile`), for the
    peer comparison; None when it could not be made."""

    def as_json(self) -> dict:
        return self.json

    def to_turtle(self) -> str:
        return self.turtle


def check_upload(
    data: bytes,
    filename: str,
    fmt_name: str,
    base_iri: str,
    ontology_dir: str,
    shapes_dir: str,
    lexicon_dir: str | None,
) -> ReportCopy:
    """Validate ``data`` (read as the format named ``fmt_name``) with every shape.

    :raises ValidationInputError: the data cannot be read (its message).
    :raises ShapesError: the shapes cannot be loaded.
    """
    shapes = load_shapes("all", base_iri, shapes_dir)
    graph = read_data(
        data,
        filename or "upload",
        base_iri,
        formats.BY_NAME[fmt_name],
        lexicon_dir=Path(lexicon_dir) if lexicon_dir else None,
    )
    report = validate_graph(graph, shapes, base_iri, model=model_from_dir(ontology_dir, base_iri))
    return ReportCopy(report.as_json(), report.to_turtle(), graph_profile(graph, base_iri))


#: The named graph an upload's triples are profiled in.
UPLOAD_GRAPH = "urn:guize:upload"


def graph_profile(graph: Graph | Dataset, base_iri: str) -> dict:
    """The comparison profile of a graph read from outside (its documents, as the store's are
    profiled), through an in-memory store.  Triples outside a named graph go into one
    (``urn:guize:upload``): the store's queries read a document in its own graph."""
    store = open_store(None)
    quads = isinstance(graph, Dataset)
    body = graph.serialize(format="nquads" if quads else "nt", encoding="utf-8")
    fmt = ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES
    upload = ox.NamedNode(UPLOAD_GRAPH)
    store.raw.extend(
        q if not isinstance(q.graph_name, ox.DefaultGraph) else ox.Quad(*q.triple, upload)
        for q in ox.parse(body, format=fmt)
    )
    return compare.profile(store, base_iri)


def check_file(
    path: str,
    shape_set: str,
    base_iri: str,
    fmt: str,
    shapes_dir: str,
    ontology_dir: str,
    lexicon_dir: str,
) -> tuple[str, str, int]:
    """Validate the file at ``path``; returns (the report rendered as ``fmt``, its summary, the
    exit status) -- ``guize validate FILE``.

    :raises ValidationInputError: the file cannot be read (exit status 2).
    :raises ShapesError: the shapes cannot be loaded.
    """
    shapes = load_shapes(shape_set, base_iri, shapes_dir)
    data = read_file(Path(path), base_iri, lexicon_dir=Path(lexicon_dir))
    report = validate_graph(data, shapes, base_iri, model=model_from_dir(ontology_dir, base_iri))
    return render(report, fmt), report.summary(), exit_status(report)


def parse_triples(data: bytes, fmt_name: str, base_iri: str, label: str = "the graph") -> bytes:
    """``data`` in the format named ``fmt_name`` as N-Triples (a flat syntax the service can
    parse safely itself): a Graph Store Protocol body.

    :raises ValidationInputError: the data does not parse, or nests too deep.
    """
    fmt = formats.BY_NAME[fmt_name]
    check_untrusted(data, fmt, label)
    try:
        triples: Any = list(ox.parse(data, format=fmt.rdf, base_iri=base_iri))
    except (SyntaxError, ValueError) as exc:
        raise ValidationInputError(f"{label} does not parse as {fmt.media_type}: {exc}") from None
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
