"""SPARQL 1.1 Update and the Graph Store Protocol, behind a token.

``/update`` and ``/rdf-graphs/service`` -- only with ``Authorization: Bearer <update_token>``
    Without a configured token, or with a missing or wrong one, both answer 403 (the routes
    exist; they refuse).  ``/update`` takes ``POST application/sparql-update`` or a form with
    ``update=``; ``using-graph-uri``/``using-named-graph-uri`` become ``USING``/``USING NAMED``
    in each ``DELETE``/``INSERT`` operation (400 with an update that names its own); ``SERVICE``
    and ``LOAD`` (which fetch from other hosts) are refused (403).  The
    Graph Store Protocol (``?graph=<iri>`` or ``?default``) supports GET, PUT (201 new / 204
    replaced, atomic), POST (merge) and DELETE (404 for an unknown graph).  Updates run in the
    service process on a read-write handle (embedded store: run one service process), without
    a time limit; queries then read a checkpoint taken after each write
    (:class:`~guize.query.executor.PooledExecutor`).

Every write runs on one thread that cannot open an Internet socket
(:func:`guize.sandbox.confine_thread`), so ``LOAD`` or ``SERVICE`` cannot reach the network
whatever their spelling; where that filter cannot be installed (or the store is remote), an
update that mentions either word anywhere is refused.  An update is first rehearsed on an
empty store in a confined worker (:func:`guize.query.jobs.rehearse_update`), so that the
service process only parses text the engine has parsed without crashing; a Graph Store Protocol
body is parsed in a confined worker (:mod:`guize.validate.isolated`) and reaches the service as
N-Triples.
"""

from __future__ import annotations

import hmac
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, request

from guize import compare_stored
from guize.errors import BadRequest, Forbidden, NotAcceptable, NotFound, UnsupportedMediaType
from guize.formats import GRAPH, TRIPLES_READABLE
from guize.query.jobs import QueryJob, network_denied, rehearse_update
from guize.query.substitute import with_using
from guize.query.text import LOAD_REFUSED, SERVICE_REFUSED, admit
from guize.sandbox import confine_thread
from guize.store import EmbeddedStore, Rebase
from guize.validate.isolated import parse_triples
from guize.web.conneg import NoAcceptableFormat
from guize.web.context import mark_truncated, services
from guize.web.sparql.request import FORM, body_text, iris, negotiate_or_none, require_utf8

bp = Blueprint("sparql_update", __name__)


_write_lock = threading.Lock()
_TRIPLE_FORMATS = TRIPLES_READABLE
_confined = threading.Event()


def _confine_writer() -> None:
    if confine_thread():
        _confined.set()


_writer_thread = ThreadPoolExecutor(
    max_workers=1, thread_name_prefix="guize-writer", initializer=_confine_writer
)
"""The one thread every write runs on, without network."""


class _Writer:
    """Writes to the embedded or remote store, then tells the executor the data changed.

    IRIs at the service's address are written under the store's own base (the executor's
    :meth:`~guize.query.executor.PooledExecutor.rebase`), as queries read them.
    """

    def __init__(self, store: Any, executor: Any) -> None:
        self.store = store
        self.executor = executor
        found = executor.rebase()
        self.rebase = Rebase(*found) if found else None

    def _in(self, text: str) -> str:
        return text if self.rebase is None else self.rebase.inbound(text)

    def update(self, sparql: str, base_iri: str) -> None:
        sparql, base_iri = self._in(sparql), self._in(base_iri)
        if isinstance(self.store, EmbeddedStore):
            self._write(lambda: self.store.raw.update(sparql, base_iri=base_iri))
        else:
            self._write(lambda: self.store.update(sparql))

    def replace_graph(self, graph: str, triples: list[ox.Triple]) -> None:
        if self.rebase is not None:
            triples = [self.rebase.term_in(t) for t in triples]
        self._write(lambda: self.store.replace_graph(self._in(graph), triples))

    def drop_graph(self, graph: str) -> None:
        self._write(lambda: self.store.drop_graph(self._in(graph)))

    def has_graph(self, graph: str) -> bool:
        return self._in(graph) in self.store.named_graphs()

    @property
    def network_blocked(self) -> bool:
        """Whether a write cannot reach the network (an embedded store on the confined thread)."""
        _writer_thread.submit(lambda: None).result()  # the thread has started and confined itself
        return isinstance(self.store, EmbeddedStore) and _confined.is_set()

    def _write(self, action: Any) -> None:
        with _write_lock:
            try:
                if isinstance(self.store, EmbeddedStore):  # the build's profile parts go stale
                    compare_stored.discard(self.store.path)
                _writer_thread.submit(action).result()
                if isinstance(self.store, EmbeddedStore):
                    self.store.flush()
            finally:
                self.executor.changed()


def _writer() -> _Writer:
    """The store for writing, if the request carries the update token.

    :raises Forbidden: updates disabled, or no/wrong token.
    """
    svc = services()
    token = svc.settings.update_token
    if not token:
        raise Forbidden(
            "this service is read-only: SPARQL Update and the Graph Store Protocol are disabled"
        )
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise Forbidden("updates need the header 'Authorization: Bearer <update token>'")
    return _Writer(svc.executor.writable(), svc.executor)


@bp.post("/update")
def update_operation() -> Response:
    """The SPARQL 1.1 Protocol update operation."""
    writer = _writer()
    if request.mimetype == "application/sparql-update":
        require_utf8()
        updates = [body_text()]
    elif request.mimetype == FORM:
        require_utf8()
        updates = request.form.getlist("update")
    else:
        raise UnsupportedMediaType(
            f"POST an update as application/sparql-update or {FORM} (update=...)"
        )
    if len(updates) != 1 or not updates[0].strip():
        raise BadRequest("give exactly one non-empty update")
    using = iris(request.values.getlist("using-graph-uri")) or ()
    using_named = iris(request.values.getlist("using-named-graph-uri")) or ()
    if using or using_named:
        try:
            updates = [with_using(updates[0], list(using), list(using_named))]
        except ValueError as exc:
            raise BadRequest(str(exc)) from None
    admit(updates[0], network_blocked=writer.network_blocked, update=True)
    svc = services()
    timeout = svc.settings.validate_timeout_s
    base = svc.base + "update"
    svc.uploads.call(rehearse_update, (updates[0], base), timeout, wait_s=timeout)
    try:
        writer.update(updates[0], base_iri=base)
    except SyntaxError as exc:
        raise BadRequest(f"malformed update: {exc}") from None
    except OSError as exc:  # the confined thread refused a socket: a LOAD or SERVICE
        if not network_denied(exc, updates[0]):
            raise
        raise Forbidden(f"{LOAD_REFUSED} ({SERVICE_REFUSED}): {exc}") from None
    return Response(status=204)


@bp.route("/rdf-graphs/service", methods=["GET", "PUT", "POST", "DELETE"])
def graph_store() -> Response:
    """SPARQL 1.1 Graph Store HTTP Protocol on ``?graph=<iri>`` or ``?default``: reading
    (GET, HEAD) is open to everyone, as the query operation is; writing needs the token."""
    if request.method in ("GET", "HEAD"):
        return _read_graph(_target_graph())
    writer = _writer()
    graph = _target_graph()
    exists = graph is None or writer.has_graph(graph)
    if request.method == "DELETE" and not exists:
        raise NotFound(f"no graph <{graph}>")
    target = f"GRAPH {ox.NamedNode(graph)} " if graph else ""
    if request.method == "DELETE" and graph:
        writer.drop_graph(graph)
        return Response(status=204)
    if request.method == "DELETE":
        writer.update("CLEAR DEFAULT", services().base)
        return Response(status=204)
    triples = _read_triples(graph or services().base)
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
    if request.method == "PUT" and graph:
        writer.replace_graph(graph, triples)
    elif request.method == "PUT":
        writer.update(f"CLEAR SILENT DEFAULT ; INSERT DATA {{ {data} }}", services().base)
    elif triples:
        writer.update(f"INSERT DATA {{ {target}{{ {data} }} }}", services().base)
    return Response(status=204 if exists else 201)


def _read_graph(graph: str | None) -> Response:
    """The triples of ``graph`` (None: the default graph) in the negotiated syntax.

    :raises NotFound: no such graph.
    """
    svc = services()
    if graph is not None:
        probe = QueryJob(
            "ASK { GRAPH ?g { ?s ?p ?o } }", substitutions=(("g", graph),), union=False
        )
        if not json.loads(svc.executor.run(probe).body)["boolean"]:
            raise NotFound(f"no graph <{graph}>")
    fmt = negotiate_or_none(GRAPH, request.args.getlist("format"))
    if fmt is None:
        raise NotAcceptable(str(NoAcceptableFormat(GRAPH)))
    job = QueryJob(
        "CONSTRUCT WHERE { ?s ?p ?o }",
        graph=fmt.name,
        union=False,
        default_graphs=(graph,) if graph else None,
        max_rows=svc.settings.max_result_rows,
    )
    result = svc.executor.run(job)
    response = Response(result.body, content_type=fmt.content_type)
    if result.truncated:
        mark_truncated(response)
    return response


def _target_graph() -> str | None:
    graphs = request.args.getlist("graph")
    if "default" in request.args and not graphs:
        return None
    if len(graphs) != 1 or "default" in request.args:
        raise BadRequest("name exactly one graph: ?graph=<iri> or ?default")
    (graph,) = iris(graphs) or ()
    return graph


def _read_triples(base_iri: str) -> list[ox.Triple]:
    fmt = next((f for f in _TRIPLE_FORMATS if f.answers_to(request.mimetype)), None)
    if fmt is None:
        names = ", ".join(f.media_type for f in _TRIPLE_FORMATS)
        raise UnsupportedMediaType(f"send the graph as one of: {names}")
    svc = services()
    timeout = svc.settings.validate_timeout_s
    ntriples = svc.uploads.call(
        parse_triples, (request.get_data(), fmt.name, base_iri), timeout, wait_s=timeout
    )
    return list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
