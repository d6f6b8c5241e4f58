"""The data's canonical base, recorded in the store, and the map to where a service runs.

``guize build`` mints data IRIs (``eli/…``, ``id/…``, ``graph/…``) under the canonical base
(``GUIZE_BASE_IRI``) and records it in the store, in the graph :data:`RECORD`::

    GRAPH <urn:guize:store> { <urn:guize:store> void:uriSpace "http://127.0.0.1:5000/" }

A service started at another address (``guize serve --port 5001``, a proxy's host) maps
between the two, as Pubby maps its ``datasetBase`` to its ``webBase``: every query, update and
Graph Store Protocol request has the serving address replaced by the canonical base on the
way in, and every answer (results, graphs, dumps) the canonical base replaced by the serving
address on the way out.  Pages, SPARQL answers and linked data then agree with each other and
every IRI dereferences where the service runs; the store is never copied or rewritten, and a
query costs one pass over its text and its answer (``bytes.replace``).  A service at the
canonical address maps nothing.

The replacement is textual, so a literal that spells the canonical base (``void:uriSpace``
itself) is mapped too; a literal that spells the serving address is read as the canonical one.

>>> r = Rebase("http://127.0.0.1:5000/", "http://localhost:8080/")
>>> r.inbound("SELECT * { <http://localhost:8080/eli/a> ?p ?o }")
'SELECT * { <http://127.0.0.1:5000/eli/a> ?p ?o }'
>>> r.outbound(b'{"value": "http://127.0.0.1:5000/eli/a"}')
b'{"value": "http://localhost:8080/eli/a"}'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from guize.namespaces import ONTOLOGY, VOID
from guize.store.base import StoreError

#: The graph (and subject) that records the canonical base of the store's data.
RECORD = "urn:guize:store"
_URI_SPACE = VOID + "uriSpace"
_DOC_GRAPH = re.compile(r"^(?P<base>.+/)graph/[^/]+$")


class BaseMismatch(StoreError):
    """A build under one base into a store whose data was minted under another."""


@dataclass(frozen=True)
class Rebase:
    """Maps IRIs between the store's canonical base and the address a service runs at."""

    canonical: str
    public: str

    @classmethod
    def between(cls, canonical: str | None, public: str | None) -> Rebase | None:
        """The map, or None when there is nothing to map (same base, or either unknown)."""
        if not canonical or not public or canonical == public:
            return None
        return cls(canonical, public)

    def inbound(self, text: str) -> str:
        """A request's text (query, update, IRI) as the store knows it."""
        return text.replace(self.public, self.canonical)

    def outbound(self, body: bytes) -> bytes:
        """An answer's bytes as the serving address shows it."""
        return body.replace(self.canonical.encode(), self.public.encode())

    def iri_out(self, iri: str) -> str:
        return self.public + iri[len(self.canonical) :] if iri.startswith(self.canonical) else iri

    def term_in(self, term: Any) -> Any:
        """An RDF term as the store knows it (IRIs only; literals and blank nodes unchanged)."""
        if isinstance(term, ox.NamedNode) and term.value.startswith(self.public):
            return ox.NamedNode(self.canonical + term.value[len(self.public) :])
        if isinstance(term, ox.Triple):
            return ox.Triple(*(self.term_in(t) for t in term))
        return term

    def term_out(self, term: Any) -> Any:
        if isinstance(term, ox.NamedNode) and term.value.startswith(self.canonical):
            return ox.NamedNode(self.iri_out(term.value))
        if isinstance(term, ox.Triple):
            return ox.Triple(*(self.term_out(t) for t in term))
        return term

    def quad_out(self, quad: ox.Quad) -> ox.Quad:
        return ox.Quad(
            self.term_out(quad.subject),
            self.term_out(quad.predicate),
            self.term_out(quad.object),
            self.term_out(quad.graph_name),
        )


def record_triples(base: str) -> list[ox.Triple]:
    """The content of the :data:`RECORD` graph for data minted under ``base``."""
    return [ox.Triple(ox.NamedNode(RECORD), ox.NamedNode(_URI_SPACE), ox.Literal(base))]


_READ = f"SELECT ?base WHERE {{ GRAPH <{RECORD}> {{ <{RECORD}> <{_URI_SPACE}> ?base }} }} LIMIT 1"
_GRAPHS = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?d a <{ONTOLOGY}WorkRules> }} }} LIMIT 1"


def recorded_base(store: Any) -> str | None:
    """The canonical base the store's data was minted under: the record, else (a store built
    before bases were recorded) the base of a document graph's IRI, else None (empty store)."""
    return _record(store) or _inferred_base(store)


def claim_base(store: Any, base: str) -> None:
    """Record that the store's data is minted under ``base`` (before a build writes).

    :raises BaseMismatch: if the store already holds data minted under another base.
    """
    record = _record(store)
    found = record or _inferred_base(store)
    if found is not None and found != base:
        raise BaseMismatch(
            f"the store holds data minted under {found}, not {base} (GUIZE_BASE_IRI): build "
            f"under {found}, or into another store (--store DIR) — a service maps its own "
            "address to the store's base by itself, so serving elsewhere needs no rebuild"
        )
    if record is None:
        store.replace_graph(RECORD, record_triples(base))


def _record(store: Any) -> str | None:
    for row in store.query(_READ, union_default_graph=False):
        return row["base"].value
    return None


def _inferred_base(store: Any) -> str | None:
    for row in store.query(_GRAPHS, union_default_graph=False):
        m = _DOC_GRAPH.match(row["g"].value)
        if m:
            return m["base"]
    return None
