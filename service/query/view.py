"""A read-only view of the store through a query executor, with the store's ``query`` signature.

Code written against a store (:mod:`guize.query.catalogue`, :func:`guize.compare.profile`, the
pages' own queries) runs unchanged on the service's executor: each query becomes a
:class:`~guize.query.jobs.QueryJob` that runs within the executor's time limit, and its answer
is parsed back into pyoxigraph results.  The data's base goes with each job as ``base_iri``
(the store adapter applies it once: pyoxigraph's ``base_iri``, or one ``BASE`` line for a remote
server); the catalogue and page queries name the model's terms by absolute IRIs.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from guize.query.jobs import QueryJob


class ExecutorView:
    """Queries through ``executor`` (a :class:`~guize.query.executor.PooledExecutor` or
    :class:`~guize.query.executor.InlineExecutor`) under ``base``."""

    def __init__(self, executor: Any, base: str) -> None:
        self.executor, self.base = executor, base

    def query(
        self,
        text: str,
        *,
        base_iri: str | None = None,
        substitutions: dict[str, Any] | None = None,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        **_: Any,
    ) -> Any:
        """Run a query (on the union default graph, or on ``default_graphs`` with
        ``named_graphs`` for ``GRAPH``); SELECT/ASK answers as pyoxigraph results,
        CONSTRUCT/DESCRIBE as a list of triples.

        :raises guize.errors.QuerySyntaxError: if the query does not parse.
        """
        base = base_iri or self.base
        job = QueryJob(
            sparql=text,
            tabular="json",
            graph="ntriples",
            base_iri=base,
            default_graphs=tuple(default_graphs) if default_graphs is not None else None,
            named_graphs=tuple(named_graphs) if named_graphs is not None else None,
            substitutions=tuple(
                (k, v.value if isinstance(v, ox.NamedNode) else str(v))
                for k, v in (substitutions or {}).items()
            ),
        )
        result = self.executor.run(job)
        if result.form == "graph":
            return [q.triple for q in ox.parse(result.body, format=ox.RdfFormat.N_TRIPLES)]
        return ox.parse_query_results(result.body, ox.QueryResultsFormat.JSON)

    def version(self) -> str:
        """A key that changes when the data may have changed."""
        return self.executor.version().key
