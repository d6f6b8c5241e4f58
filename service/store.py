"""The graph store: one small interface, an embedded on-disk pyoxigraph adapter.

Every document lives in its own named graph.  Replacing a document's graph is
atomic: the new triples are first written to a staging graph in one transaction
(``Store.extend``), then moved over the old graph by one SPARQL Update
(``MOVE``), which Oxigraph runs as a single transaction.  If anything fails the
old graph is untouched.

A remote adapter (any SPARQL 1.1 Protocol + Graph Store Protocol server) offers
the same methods; see :mod:`service.remote_store`.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

#: IRI prefix of staging graphs; never visible to a query once a build finishes.
STAGING_PREFIX = "urn:guize:staging:"


class StoreError(Exception):
    """The store could not be opened, read or written."""


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


class EmbeddedStore:
    """pyoxigraph on disk (or in memory when ``path`` is None)."""

    def __init__(self, path: str | Path | None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open store at {self.path}: {exc}") from exc

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store (for bulk reads in benchmarks and tests)."""
        return self._store

    def query(
        self,
        sparql: str,
        *,
        union_default_graph: bool = True,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        substitutions: dict[str, Any] | None = None,
        base_iri: str | None = None,
    ) -> Any:
        """Run a SPARQL query (relative IRIs resolve against ``base_iri``).

        :raises SyntaxError: if the query does not parse (pyoxigraph's message).
        :raises StoreError: if the store cannot be read.
        """
        kwargs: dict[str, Any] = {"base_iri": base_iri} if base_iri else {}
        if default_graphs is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = union_default_graph
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        if substitutions:
            kwargs["substitutions"] = {ox.Variable(k): _term(v) for k, v in substitutions.items()}
        try:
            return self._store.query(sparql, **kwargs)
        except OSError as exc:
            raise StoreError(str(exc)) from exc

    def replace_graph(self, graph_iri: str, triples: Iterable[ox.Triple]) -> int:
        """Replace the named graph ``graph_iri`` with ``triples``, atomically.

        :returns: the number of triples written.
        :raises StoreError: if writing fails; the old graph is then unchanged.
        """
        staging = ox.NamedNode(f"{STAGING_PREFIX}{uuid.uuid4()}")
        try:
            quads = [ox.Quad(t.subject, t.predicate, t.object, staging) for t in triples]
            self._store.extend(quads)
            self._store.update(f"MOVE SILENT GRAPH <{staging.value}> TO <{graph_iri}>")
        except (OSError, SyntaxError, ValueError, TypeError, AttributeError) as exc:
            self._drop_quietly(staging)
            raise StoreError(f"could not write graph <{graph_iri}>: {exc}") from exc
        return len(quads)

    def drop_graph(self, graph_iri: str) -> None:
        """Remove a named graph (no error if it does not exist)."""
        self._store.update(f"DROP SILENT GRAPH <{graph_iri}>")

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs, staging graphs excluded, sorted."""
        return sorted(
            g.value
            for g in self._store.named_graphs()
            if isinstance(g, ox.NamedNode) and not g.value.startswith(STAGING_PREFIX)
        )

    def clean_staging(self) -> int:
        """Drop staging graphs left behind by a build that was killed."""
        stale = [
            g
            for g in self._store.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith(STAGING_PREFIX)
        ]
        for g in stale:
            self._drop_quietly(g)
        return len(stale)

    def dump(self, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> bytes:
        """Serialise the whole dataset (N-Quads or TriG)."""
        return self._store.dump(format=fmt)

    def flush(self) -> None:
        if self.path is not None and not self.read_only:
            self._store.flush()

    def close(self) -> None:
        """Flush and release the database (pyoxigraph closes it when the object goes)."""
        if self.path is not None and not self.read_only:
            self._store.flush()
        del self._store

    def _drop_quietly(self, graph: ox.NamedNode) -> None:
        try:
            self._store.remove_graph(graph)
        except (OSError, ValueError):
            pass


def _term(value: Any) -> Any:
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, str) and value.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(value)
    return ox.Literal(str(value))


def open_store(path: str | Path | None, *, read_only: bool = False) -> EmbeddedStore:
    """Open the embedded store at ``path`` (created if missing unless read-only)."""
    return EmbeddedStore(path, read_only=read_only)


def versioned_dir(path: str | Path, stamp: str) -> Path:
    """The sibling directory a new version of the store at ``path`` is built in."""
    path = Path(path)
    return path.parent / f"{path.name}-{stamp}"


def prepare_version(path: str | Path, stamp: str) -> Path:
    """Start a new store version beside ``path``: a checkpoint copy of the current one.

    The live store is never written: a build fills the copy, then :func:`publish_version`
    swaps it in, so readers see either the old or the new store, never half a build.

    :raises StoreError: if the current store cannot be copied.
    """
    path = Path(path)
    new = versioned_dir(path, stamp)
    if new.exists():
        raise StoreError(f"{new} already exists")
    if path.exists():
        try:
            current = ox.Store.read_only(str(path))
            current.backup(str(new))
            del current
        except OSError as exc:
            raise StoreError(f"cannot copy the current store {path}: {exc}") from exc
    return new


def publish_version(path: str | Path, new: Path, keep: int = 2) -> None:
    """Point the ``path`` symlink at ``new`` atomically and drop versions older than ``keep``.

    A store that is still a plain directory (built before versioning) is moved aside first.
    The previous version is kept so that queries still running on it can finish.
    """
    path = Path(path)
    if path.exists() and not path.is_symlink():
        path.rename(versioned_dir(path, "legacy-" + new.name.rsplit("-", 1)[-1]))
    tmp = path.parent / f".{path.name}.swap"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(new.name)
    tmp.replace(path)
    versions = sorted(
        (p for p in path.parent.glob(f"{path.name}-*") if p.is_dir() and p != new),
        key=lambda p: p.stat().st_mtime,
    )
    for old in versions[: max(0, len(versions) - (keep - 1))]:
        shutil.rmtree(old, ignore_errors=True)
