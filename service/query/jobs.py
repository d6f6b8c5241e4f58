"""A query job and how it is answered: run on a store, serialised, cut at the row limit.

:func:`execute` runs wherever the store is: in a confined worker process (the embedded store,
:func:`in_worker` on a :class:`guize.sandbox.ConfinedPool`), so that only bytes cross the pipe,
or in the calling thread (a store handed to ``create_app``, the remote store).  Nothing here
knows about HTTP or Flask.

A query that tries to reach the network (``SERVICE``, however it is spelled) fails in a
confined worker with "permission denied" or "network unreachable" from the engine's HTTP
client; :func:`execute` reports that as 403, never as a store failure.
"""

from __future__ import annotations

import gzip
import os
import threading
from dataclasses import dataclass, replace
from typing import Any

import pyoxigraph as ox

from guize import formats
from guize.errors import BadRequest, Forbidden, FormNotAcceptable
from guize.query import results
from guize.store import (
    STAGING_PREFIX,
    EmbeddedStore,
    Rebase,
    StoreError,
    StoreVersion,
    open_store,
    recorded_base,
)

_NETWORK_DENIED = ("os error 13", "os error 101", "Permission denied", "Network is unreachable")


@dataclass(frozen=True)
class QueryJob:
    """One query and how to answer it.  Formats are :data:`formats.BY_NAME` keys."""

    sparql: str
    tabular: str | None = "json"
    graph: str | None = "ntriples"
    union: bool = True
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    substitutions: tuple[tuple[str, str], ...] = ()
    """Variable name -> value bound before evaluation (SEP-0007): an IRI when it looks like one
    (``http(s):``, ``urn:``), else a plain literal -- the rule of ``EmbeddedStore.query``."""
    base_iri: str | None = None
    max_rows: int | None = None
    prefixes: tuple[tuple[str, str], ...] = ()
    rebase: tuple[str, str] | None = None
    """(canonical base of the store's data, address the service runs at): the job's text is
    read, and its answer written, at that address (:class:`guize.store.rebase.Rebase`)."""


@dataclass(frozen=True)
class QueryResult:
    form: str
    """``select``, ``ask`` or ``graph``."""
    body: bytes
    format: str
    truncated: bool
    count: int


def execute(store: Any, job: QueryJob, whole_rows: int | None = None) -> QueryResult:
    """Run ``job`` on ``store`` and serialise the answer, cut at ``job.max_rows``.

    ``whole_rows``: the job is a SELECT known to answer this many rows on this store, all of
    them (an earlier run on the same read-only version was not cut: :mod:`guize.query.proven`);
    its rows are then written straight from the engine's iterator, the same bytes without
    taking them into a list first.

    :raises SyntaxError: the query does not parse (pyoxigraph's message).
    :raises FormNotAcceptable: the job has no format for the query's form.
    """
    rebase = Rebase(*job.rebase) if job.rebase else None
    if rebase is not None:
        job = _inbound(job, rebase)
    try:
        answer = _answer(job, _run(store, job), whole_rows)
    except RuntimeError as exc:  # pyoxigraph's evaluation errors (an unknown function, say)
        raise BadRequest(f"the query cannot be evaluated: {exc}") from None
    except (OSError, StoreError) as exc:
        if network_denied(exc, job.sparql):
            raise Forbidden(
                "federated queries (SERVICE) are not allowed on this endpoint: "
                "the query tried to reach another host"
            ) from None
        raise
    return answer if rebase is None else replace(answer, body=rebase.outbound(answer.body))


def _inbound(job: QueryJob, rebase: Rebase) -> QueryJob:
    """``job`` with every mention of the serving address turned into the store's base."""
    graphs = lambda gs: None if gs is None else tuple(rebase.inbound(g) for g in gs)  # noqa: E731
    return replace(
        job,
        sparql=rebase.inbound(job.sparql),
        base_iri=rebase.inbound(job.base_iri) if job.base_iri else job.base_iri,
        default_graphs=graphs(job.default_graphs),
        named_graphs=graphs(job.named_graphs),
        substitutions=tuple((k, rebase.inbound(v)) for k, v in job.substitutions),
        prefixes=tuple((k, rebase.inbound(v)) for k, v in job.prefixes),
    )


def network_denied(exc: Exception, sparql: str) -> bool:
    """Whether ``exc`` is the engine failing to reach another host (in a confined process)
    while running ``sparql``, which mentions SERVICE or LOAD."""
    text = sparql.lower()
    mentioned = "service" in text or "load" in text
    return mentioned and any(m in str(exc) for m in _NETWORK_DENIED)


def _answer(job: QueryJob, result: Any, whole_rows: int | None = None) -> QueryResult:
    if isinstance(result, ox.QueryBoolean):
        fmt = _format(job.tabular, "ASK")
        return QueryResult("ask", results.serialize_boolean(result, fmt), fmt.name, False, 1)
    if isinstance(result, ox.QuerySolutions):
        fmt = _format(job.tabular, "SELECT")
        if whole_rows is not None:
            body = result.serialize(format=fmt.results)
            return QueryResult("select", body, fmt.name, False, whole_rows)
        rows, truncated = results.take(result, job.max_rows)
        body = results.serialize_solutions(result.variables, rows, fmt)
        return QueryResult("select", body, fmt.name, truncated, len(rows))
    fmt = _format(job.graph, "CONSTRUCT/DESCRIBE")
    triples, truncated = results.take(result, job.max_rows)
    body = results.serialize_triples(triples, fmt, dict(job.prefixes))
    return QueryResult("graph", body, fmt.name, truncated, len(triples))


def _format(name: str | None, form: str) -> formats.Format:
    if name is None:
        raise FormNotAcceptable(f"no acceptable representation for the results of a {form} query")
    return formats.BY_NAME[name]


def _run(store: Any, job: QueryJob) -> Any:
    return store.query(
        job.sparql,
        union_default_graph=job.union,
        default_graphs=list(job.default_graphs) if job.default_graphs is not None else None,
        named_graphs=list(job.named_graphs) if job.named_graphs is not None else None,
        substitutions=dict(job.substitutions) or None,
        base_iri=job.base_iri,
    )


def write_dump(
    store: Any,
    fmt_name: str,
    path: str,
    compress: bool,
    rebase: tuple[str, str] | None = None,
) -> None:
    """Write the whole dataset (staging graphs left out) to ``path``, atomically; with
    ``rebase``, IRIs under the store's base written at the serving address."""
    fmt = formats.BY_NAME[fmt_name].rdf
    tmp = f"{path}.tmp-{os.getpid()}-{threading.get_ident()}"
    mapping = Rebase(*rebase) if rebase else None
    if isinstance(store, EmbeddedStore):
        quads: Any = (q for q in store.raw if not _staging(q.graph_name))
        if mapping is not None:
            quads = (mapping.quad_out(q) for q in quads)
        data = None
    else:
        quads, data = None, store.dump(fmt)
        if mapping is not None:
            data = mapping.outbound(data)
    try:
        with gzip.open(tmp, "wb") if compress else open(tmp, "wb") as out:
            if data is not None:
                out.write(data)
            else:
                ox.serialize(quads, out, format=fmt)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _staging(graph: Any) -> bool:
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(STAGING_PREFIX)


_views: dict[str, EmbeddedStore] = {}
"""In a worker process: the read-only view it holds, by store version key (one entry)."""


def in_worker(kind: str, version: StoreVersion, payload: Any) -> Any:
    """A job for a confined worker (:class:`guize.sandbox.ConfinedPool`): ``query``
    (:func:`execute`), ``dump`` (:func:`write_dump`), ``base`` (the canonical base recorded in
    the store) or ``ping`` (the number of named graphs),
    on the worker's read-only view of ``version``, reopened when the version changes."""
    store = _views.get(version.key)
    if store is None:
        _views.clear()
        store = _views[version.key] = open_store(version.path, read_only=True)
    if kind == "query":
        return execute(store, payload)
    if kind == "dump":
        return write_dump(store, *payload)
    if kind == "base":
        return recorded_base(store)
    return len(store.named_graphs())


def rehearse_update(sparql: str, base_iri: str) -> None:
    """Run an update on an empty store in memory (in a confined worker): the engine parses it
    where a crash costs a worker, not the service, before the service runs it on the store.

    :raises BadRequest: the update does not parse or cannot be evaluated.
    :raises Forbidden: it tried to reach another host (``LOAD``, ``SERVICE``).
    """
    try:
        ox.Store().update(sparql, base_iri=base_iri)
    except SyntaxError as exc:
        raise BadRequest(f"malformed update: {exc}") from None
    except OSError as exc:
        if network_denied(exc, sparql):
            raise Forbidden(
                "LOAD and SERVICE fetch from other hosts and are not allowed here"
            ) from None
        raise BadRequest(f"the update cannot be evaluated: {exc}") from None
    except RuntimeError as exc:
        raise BadRequest(f"the update cannot be evaluated: {exc}") from None
