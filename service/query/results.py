"""Writing query answers: SELECT rows, ASK booleans and graphs in any format of
:mod:`guize.formats`, by pyoxigraph's own writers; and cutting answers at the row limit.

>>> take(iter(range(5)), 3)
([0, 1, 2], True)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from guize.formats import Format

RF, QF = ox.RdfFormat, ox.QueryResultsFormat


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
    for row in rows:  # a solution iterates over its values in the order of ``variables``
        lines.append("\t".join(_cell(t) if type(t) is not ox.NamedNode else str(t) for t in row))
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
