"""Graphs in a store without graph names, which rdflib reads several times faster than its
default store: for each triple it reads, the default store works out which graphs hold it,
though a document graph and the shapes are each one graph.  Validation reads the data graph and
the shapes graph hundreds of thousands of times a document, and the pipeline writes each
document's graph here (about half the time of rdflib's default store).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import Graph
from rdflib.plugins.stores.memory import SimpleMemory


class PlainStore(SimpleMemory):
    """rdflib's store without graph names, counting its triples from its index (rdflib's own
    count reads every triple, and pyshacl asks for it often)."""

    def __len__(self, context: object = None) -> int:
        index = self._SimpleMemory__spo  # type: ignore[attr-defined]
        return sum(
            len(objects) for by_predicate in index.values() for objects in by_predicate.values()
        )

    def all_triples(self) -> Iterator[tuple[Any, Any, Any]]:
        """Every triple, straight from the index (rdflib's ``triples`` makes a generator of
        graph names for each)."""
        index = self._SimpleMemory__spo  # type: ignore[attr-defined]
        for s, by_predicate in index.items():
            for p, objects in by_predicate.items():
                for o in objects:
                    yield s, p, o

    def merge(self, other: PlainStore) -> None:
        """Add every triple of ``other``, index into index (several times faster than adding
        them one by one: a build mixes the same vocabularies into every document's data)."""
        for name in ("spo", "pos", "osp"):
            mine = getattr(self, f"_SimpleMemory__{name}")
            for first, by_second in getattr(other, f"_SimpleMemory__{name}").items():
                here = mine.get(first)
                if here is None:
                    mine[first] = {second: dict(third) for second, third in by_second.items()}
                    continue
                for second, third in by_second.items():
                    found = here.get(second)
                    if found is None:
                        here[second] = dict(third)
                    else:
                        found.update(third)


def plain_graph(*graphs: Graph | None) -> Graph:
    """The union of ``graphs`` (None skipped) in a :class:`PlainStore`."""
    store = PlainStore()
    for g in graphs:
        if g is None:
            continue
        if isinstance(g.store, PlainStore):
            store.merge(g.store)
        else:
            for triple in triples(g):
                store.add(triple, None)
    return Graph(store=store)


def triples(graph: Graph) -> Iterable[tuple[Any, Any, Any]]:
    """Every triple of ``graph``, the fastest way its store has."""
    if isinstance(graph.store, PlainStore):
        return graph.store.all_triples()
    return graph.triples((None, None, None))


def is_plain(graph: Graph) -> bool:
    return isinstance(graph.store, PlainStore)
