"""The store interface: what the rest of guize needs of a graph store, and its errors.

Two adapters implement :class:`GraphStore`: :class:`~guize.store.embedded.EmbeddedStore`
(pyoxigraph on disk) and :class:`~guize.store.remote.RemoteStore` (any SPARQL 1.1 Protocol +
Graph Store Protocol server).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import pyoxigraph as ox

from guize.errors import Unavailable

#: IRI prefix of staging graphs; never visible to a query once a build finishes.
STAGING_PREFIX = "urn:guize:staging:"


class StoreError(Unavailable):
    """The store could not be opened, read or written."""


class StoreWriteFailed(StoreError):
    """Writing failed for a reason of the store, not of the data (a full disk, say)."""


@dataclass(frozen=True)
class NTriples:
    """A graph already written as N-Triples by pyoxigraph (one triple a line): a store writes
    its bytes as they are instead of parsing and writing them again."""

    data: bytes

    def __iter__(self) -> Iterator[ox.Triple]:
        return ox.parse(self.data, format=ox.RdfFormat.N_TRIPLES)

    def __len__(self) -> int:
        return self.data.count(b"\n")

    def in_graph(self, graph_iri: str) -> bytes | None:
        """The same triples as N-Quads in ``graph_iri``, or None when they cannot be read as
        such without change: when a line does not end the way pyoxigraph ends one (`` .`` and a
        newline; N-Triples escapes every newline of a literal, so a newline byte only ever ends
        a line), or when there may be blank nodes (a store's loader gives them new labels, which
        would part them from the same blank nodes in the document's other graphs)."""
        if b"_:" in self.data:
            return None
        data = self.data if self.data.endswith(b"\n") or not self.data else self.data + b"\n"
        quads = data.replace(b" .\n", f" <{graph_iri}> .\n".encode())
        return quads if data.count(b" .\n") == data.count(b"\n") else None


def ntriples(triples: Iterable[ox.Triple]) -> tuple[bytes, int]:
    """``triples`` as N-Triples, and how many there are."""
    if isinstance(triples, NTriples):
        return triples.data, len(triples)
    triples = list(triples)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), len(triples)


class GraphStore(Protocol):
    """What the rest of guize needs of a store."""

    def query(
        self,
        sparql: str,
        *,
        union_default_graph: bool = True,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        substitutions: dict[str, Any] | None = None,
        base_iri: str | None = None,
    ) -> Any: ...

    def replace_graph(self, graph_iri: str, triples: Iterable[ox.Triple]) -> int: ...

    def drop_graph(self, graph_iri: str) -> None: ...

    def named_graphs(self) -> list[str]: ...

    def dump(self, fmt: ox.RdfFormat) -> bytes: ...

    def close(self) -> None: ...


def to_term(value: Any) -> Any:
    """A substitution value as a pyoxigraph term: terms as they are, strings that look like IRIs
    (``http(s):``, ``urn:``) as IRIs, anything else as a plain literal."""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, str) and value.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(value)
    return ox.Literal(str(value))
