"""A store seen one document at a time, for answers about a few documents (a page of the
comparison matrix) whose cost must follow those documents, not the whole store.

Each query runs once per document with the document's own graphs (``{base}graph/{key}`` and
its ``/inferred`` graph) as its default graph and as its named graphs (a query that reads
``GRAPH ?graph`` sees only them), and the answers are put one after the other:
a catalogue query that reads one document's facts gives, per document, what it gives on the
whole store.  (Oxigraph answers a default graph of two graphs in milliseconds; a default graph
of dozens of graphs is slower than the union of all of them, hence one document at a time.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from guize.iris import Iris


class Concatenated:
    """SELECT answers one after another, with the variables of the first (the same query)."""

    def __init__(self, answers: list[Any], variables: list[Any]) -> None:
        self.answers, self.variables = answers, variables

    def __iter__(self) -> Iterator[Any]:
        for answer in self.answers:
            yield from answer


class PerDocumentView:
    """``store`` read one document of ``keys`` at a time (SELECT queries only)."""

    def __init__(self, store: Any, base: str, keys: list[str]) -> None:
        iris = Iris(base)
        self.store, self.keys = store, list(keys)
        self.graphs = [[iris.graph(k), iris.inferred_graph(k)] for k in self.keys]

    def query(self, text: str, **kwargs: Any) -> Concatenated:
        """Run the SELECT query ``text`` on each document's graphs; the answers in turn."""
        kwargs.pop("union_default_graph", None)
        answers = [
            self.store.query(text, default_graphs=g, named_graphs=g, **kwargs) for g in self.graphs
        ]
        return Concatenated(answers, list(answers[0].variables) if answers else [])
