"""The store interface: what the rest of guize needs of a graph store, and its errors.

Two adapters implement :class:`GraphStore`: :class:`~guize.store.embedded.EmbeddedStore`
(pyoxigraph on disk) and :class:`~guize.store.remote.RemoteStore` (any SPARQL 1.1 Protocol +
Graph Store Protocol server).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import pyoxigraph as ox

from guize.errors import Unavailable

#: IRI prefix of staging graphs; never visible to a query once a build finishes.
STAGING_PREFIX = "urn:guize:staging:"


class StoreError(Unavailable):
    """The store could not be opened, read or written."""


class StoreWriteFailed(StoreError):
    """Writing failed for a reason of the store, not of the data (a full disk, say)."""


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
