"""The embedded store: pyoxigraph on disk (or in memory).

Every document lives in its own named graph.  Replacing a document's graph is
atomic: one SPARQL Update (``DROP`` the graph; ``INSERT DATA`` the new triples), which Oxigraph
runs as a single transaction -- if anything fails the old graph is untouched, and no other
graph ever holds the triples on their way in.  (Earlier versions wrote a staging graph first;
one left by a killed writer is removed when the store is opened for writing.)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from guize.store.base import (
    STAGING_PREFIX,
    NTriples,
    StoreError,
    StoreWriteFailed,
    ntriples,
    to_term,
)


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
        except (OSError, RuntimeError) as exc:  # RuntimeError: RocksDB found corruption
            raise StoreError(f"cannot open store at {self.path}: {exc}") from exc
        if self.path is not None and not read_only:
            self.clean_staging()

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
            kwargs["substitutions"] = {ox.Variable(k): to_term(v) for k, v in substitutions.items()}
        try:
            return self._store.query(sparql, **kwargs)
        except OSError as exc:
            raise StoreError(str(exc)) from exc

    def replace_graph(self, graph_iri: str, triples: Iterable[ox.Triple]) -> int:
        """Replace the named graph ``graph_iri`` with ``triples``, atomically.

        :returns: the number of triples written.
        :raises StoreError: if writing fails; the old graph is then unchanged.
        """
        try:
            graph = ox.NamedNode(graph_iri)
            data, count = ntriples(triples)
            self._store.update(
                f"DROP SILENT GRAPH {graph} ; INSERT DATA {{ GRAPH {graph} {{\n"
                f"{data.decode('utf-8')}}} }}"
            )
        except OSError as exc:
            raise StoreWriteFailed(f"could not write graph <{graph_iri}>: {exc}") from exc
        except (SyntaxError, ValueError, TypeError, AttributeError) as exc:
            raise StoreError(f"could not write graph <{graph_iri}>: {exc}") from exc
        return count

    def load_graphs(self, graphs: dict[str, Iterable[ox.Triple]]) -> int:
        """Replace these named graphs with the bulk loader: several times faster than
        :meth:`replace_graph` and written compressed, with no write-ahead log, but *not atomic*:
        only for a store nobody reads yet (the version a build fills before it is published).

        :returns: the number of triples written.
        :raises StoreWriteFailed: if writing fails (the store is then to be thrown away).
        """
        try:
            for iri in graphs:
                node = ox.NamedNode(iri)
                if self._store.contains_named_graph(node):
                    self._store.remove_graph(node)
            # graphs already in N-Triples are read by the loader itself, as one N-Quads text
            written, others, count = [], {}, 0
            for iri, triples in graphs.items():
                quads = triples.in_graph(iri) if isinstance(triples, NTriples) else None
                if quads is None:
                    others[iri] = triples = list(triples)
                else:
                    written.append(quads)
                count += len(triples)
            if written:
                self._store.bulk_load(b"".join(written), format=ox.RdfFormat.N_QUADS)
            self._store.bulk_extend(
                ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(iri))
                for iri, triples in others.items()
                for t in triples
            )
        except (OSError, RuntimeError, ValueError, SyntaxError) as exc:
            raise StoreWriteFailed(f"could not load {len(graphs)} graphs: {exc}") from exc
        return count

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


def compact(path: str | Path, *, optimize: bool = False) -> None:
    """Flush the store at ``path`` (not open elsewhere) and drop its spent write-ahead log.

    Each write leaves its log on disk until the next open: a build's thousands of graph
    replacements would be published with all of it beside the data.  With ``optimize``, also
    compact the whole database (RocksDB's full compaction, :meth:`pyoxigraph.Store.optimize`):
    a build writes its graphs as many small files, and queries read every one of them until
    the background compaction merges them.  On the seeds' store the catalogue queries answer
    about 20 % faster after it (bench/RESULTS.md); it takes a few seconds per hundred documents.
    """
    try:
        store = ox.Store(str(path))
        store.flush()
        if optimize:
            store.optimize()
        del store
        ox.Store(str(path)).flush()  # opening it again removes the logs the flush made spent
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"cannot compact the store at {path}: {exc}") from exc


def open_store(path: str | Path | None, *, read_only: bool = False) -> EmbeddedStore:
    """Open the embedded store at ``path`` (created if missing unless read-only)."""
    return EmbeddedStore(path, read_only=read_only)
