"""SPARQL 1.1 Protocol: the query operation at ``/sparql``; update and Graph Store Protocol
behind a token.

``/sparql`` -- the query operation, in full
    ``GET ?query=``, ``POST`` form-encoded (``query=``), ``POST application/sparql-query``;
    ``default-graph-uri`` / ``named-graph-uri`` (in the URL, or in the form body) set the
    dataset as ``FROM`` / ``FROM NAMED`` would, overriding the query's own.  With neither the
    parameters nor ``FROM`` in the query, the default graph is the union of all named graphs.
    Relative IRIs resolve against ``{base}sparql``.  ``GET /sparql`` with no query is the
    service description (:mod:`service.web.dataset`).  Results by content negotiation
    (:mod:`service.web.conneg`); more than ``max_result_rows`` rows/triples are cut off and
    the response carries ``X-Guize-Truncated: true`` and ``X-Guize-Result-Limit: <n>`` (the body
    stays a standard document).  Refused: updates sent here (403), ``SERVICE`` (403), other
    methods (405), other POST media types or charsets (415), several ``query`` values (400).

``/update`` and ``/rdf-graphs/service`` -- only with ``Authorization: Bearer <update_token>``
    Without a configured token, or with a missing or wrong one, both answer 403 (the routes
    exist; they refuse).  ``/update`` takes ``POST application/sparql-update`` or a form with
    ``update=``; ``using-graph-uri``/``using-named-graph-uri`` are not supported (400); ``SERVICE``
    and ``LOAD`` (which fetch from other hosts) are refused (403).  The
    Graph Store Protocol (``?graph=<iri>`` or ``?default``) supports GET, PUT (201 new / 204
    replaced, atomic), POST (merge) and DELETE (404 for an unknown graph).  Updates run in the
    service process on a read-write handle (embedded store: run one service process), without
    a time limit; queries then read a checkpoint taken after each write
    (:class:`~service.web.executor.PooledExecutor`).
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, request

from service.store import EmbeddedStore
from service.web import conneg, errors
from service.web.executor import QueryJob
from service.web.query_text import analyse, keywords

bp = Blueprint("sparql", __name__)

_FORM = "application/x-www-form-urlencoded"
_UPDATE_HERE = (
    "the query operation does not run updates; POST them to /update (with the update token)"
)


@dataclass(frozen=True)
class QueryRequest:
    query: str
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None


@bp.route("/sparql", methods=["GET", "POST"])
def query_operation() -> Response:
    """The SPARQL 1.1 Protocol query operation (or the service description)."""
    from service.web import dataset

    req = read_query_request()
    if req is None:
        return dataset.service_description()
    return answer(req)


def read_query_request() -> QueryRequest | None:
    """The protocol request, or None for a plain ``GET /sparql``.

    :raises errors.HTTPError: 400 malformed, 403 an update, 415 a wrong media type or charset.
    """
    if request.method == "GET":
        if "update" in request.args:
            raise errors.Forbidden(_UPDATE_HERE)
        if "query" not in request.args:
            return None
        queries, params = request.args.getlist("query"), request.args
    elif request.mimetype == _FORM:
        _require_utf8()
        if "update" in request.form:
            raise errors.Forbidden(_UPDATE_HERE)
        if "query" in request.args:
            raise errors.BadRequest("give the query in the URL or in the body, not both")
        queries, params = request.form.getlist("query"), request.values
    elif request.mimetype == "application/sparql-query":
        _require_utf8()
        if "query" in request.args:
            raise errors.BadRequest("give the query in the URL or in the body, not both")
        queries, params = [_body_text()], request.args
    elif request.mimetype == "application/sparql-update":
        raise errors.Forbidden(_UPDATE_HERE)
    else:
        raise errors.UnsupportedMediaType(
            f"POST a query as {_FORM} (query=...) or as application/sparql-query, "
            f"not {request.mimetype or 'without a Content-Type'}"
        )
    if len(queries) != 1:
        raise errors.BadRequest("missing query" if not queries else "more than one query given")
    if not queries[0].strip():
        raise errors.BadRequest("empty query")
    return QueryRequest(
        queries[0],
        _iris(params.getlist("default-graph-uri")),
        _iris(params.getlist("named-graph-uri")),
    )


def answer(req: QueryRequest) -> Response:
    """Run the query in a worker and answer in the negotiated format."""
    from service.web import mark_truncated, services

    svc = services()
    text = analyse(req.query)
    if text.is_update:
        raise errors.Forbidden(_UPDATE_HERE)
    if text.uses_service:
        raise errors.Forbidden("federated queries (SERVICE) are not allowed on this endpoint")
    formats = request.values.getlist("format")
    tabular = _negotiate(conneg.TABULAR, formats)
    graph = _negotiate(conneg.GRAPH, formats)
    wanted = {"SELECT": tabular, "ASK": tabular, "CONSTRUCT": graph, "DESCRIBE": graph}
    if text.form in wanted and wanted[text.form] is None:
        offers = conneg.TABULAR if text.form in ("SELECT", "ASK") else conneg.GRAPH
        raise errors.NotAcceptable(str(conneg.NoAcceptableFormat(offers)))
    explicit = req.default_graphs is not None or req.named_graphs is not None
    job = QueryJob(
        req.query,
        tabular=tabular.name if tabular else None,
        graph=graph.name if graph else None,
        union=not explicit and not text.has_dataset,
        default_graphs=(req.default_graphs or ()) if explicit else None,
        named_graphs=(req.named_graphs or ()) if explicit else None,
        base_iri=svc.base + "sparql",
        max_rows=svc.settings.max_result_rows,
    )
    result = svc.executor.run(job)
    response = Response(result.body, content_type=conneg.BY_NAME[result.format].content_type)
    response.headers["Vary"] = "Accept"
    if result.truncated:
        mark_truncated(response)
    return response


def _negotiate(offers: tuple[conneg.Format, ...], formats: list[str]) -> conneg.Format | None:
    try:
        return conneg.negotiate(request.accept_mimetypes, offers, formats)
    except conneg.NoAcceptableFormat:
        return None


def _iris(values: list[str]) -> tuple[str, ...] | None:
    if not values:
        return None
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError:
            raise errors.BadRequest(f"not an absolute IRI: {value!r}") from None
    return tuple(values)


def _require_utf8() -> None:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise errors.UnsupportedMediaType(f"SPARQL requests must be UTF-8, not {charset}")


def _body_text() -> str:
    try:
        return request.get_data().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise errors.BadRequest(f"the request body is not valid UTF-8: {exc}") from None


# --- SPARQL Update and the Graph Store Protocol (token only) -------------------------------------

_write_lock = threading.Lock()
_TRIPLE_FORMATS = (conneg.TURTLE, conneg.NTRIPLES, conneg.JSONLD, conneg.RDFXML, conneg.N3)


class _Writer:
    """Writes to the embedded or remote store, then tells the executor the data changed."""

    def __init__(self, store: Any, executor: Any) -> None:
        self.store = store
        self.executor = executor

    def update(self, sparql: str, base_iri: str) -> None:
        if isinstance(self.store, EmbeddedStore):
            self._write(lambda: self.store.raw.update(sparql, base_iri=base_iri))
        else:
            self._write(lambda: self.store.update(sparql))

    def replace_graph(self, graph: str, triples: list[ox.Triple]) -> None:
        self._write(lambda: self.store.replace_graph(graph, triples))

    def drop_graph(self, graph: str) -> None:
        self._write(lambda: self.store.drop_graph(graph))

    def has_graph(self, graph: str) -> bool:
        return graph in self.store.named_graphs()

    def _write(self, action: Any) -> None:
        with _write_lock:
            try:
                action()
                if isinstance(self.store, EmbeddedStore):
                    self.store.flush()
            finally:
                self.executor.changed()


def _writer() -> _Writer:
    """The store for writing, if the request carries the update token.

    :raises errors.Forbidden: updates disabled, or no/wrong token.
    """
    from service.web import services

    svc = services()
    token = svc.settings.update_token
    if not token:
        raise errors.Forbidden(
            "this service is read-only: SPARQL Update and the Graph Store Protocol are disabled"
        )
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise errors.Forbidden("updates need the header 'Authorization: Bearer <update token>'")
    return _Writer(svc.executor.writable(), svc.executor)


@bp.post("/update")
def update_operation() -> Response:
    """The SPARQL 1.1 Protocol update operation."""
    from service.web import services

    writer = _writer()
    if request.mimetype == "application/sparql-update":
        _require_utf8()
        updates = [_body_text()]
    elif request.mimetype == _FORM:
        _require_utf8()
        updates = request.form.getlist("update")
    else:
        raise errors.UnsupportedMediaType(
            f"POST an update as application/sparql-update or {_FORM} (update=...)"
        )
    if len(updates) != 1 or not updates[0].strip():
        raise errors.BadRequest("give exactly one non-empty update")
    if "using-graph-uri" in request.values or "using-named-graph-uri" in request.values:
        raise errors.BadRequest(
            "using-graph-uri / using-named-graph-uri are not supported; use USING in the update"
        )
    if analyse(updates[0]).uses_service:
        raise errors.Forbidden("federated queries (SERVICE) are not allowed on this endpoint")
    if "LOAD" in keywords(updates[0]):
        raise errors.Forbidden(
            "LOAD fetches from other hosts and is not allowed; PUT the data to /rdf-graphs/service"
        )
    try:
        writer.update(updates[0], base_iri=services().base + "update")
    except SyntaxError as exc:
        raise errors.BadRequest(f"malformed update: {exc}") from None
    return Response(status=204)


@bp.route("/rdf-graphs/service", methods=["GET", "PUT", "POST", "DELETE"])
def graph_store() -> Response:
    """SPARQL 1.1 Graph Store HTTP Protocol on ``?graph=<iri>`` or ``?default``."""
    from service.web import mark_truncated, services

    writer = _writer()
    graph = _target_graph()
    exists = graph is None or writer.has_graph(graph)
    if request.method in ("GET", "DELETE") and not exists:
        raise errors.NotFound(f"no graph <{graph}>")
    if request.method == "GET":
        fmt = _negotiate(conneg.GRAPH, request.args.getlist("format"))
        if fmt is None:
            raise errors.NotAcceptable(str(conneg.NoAcceptableFormat(conneg.GRAPH)))
        svc = services()
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


def _target_graph() -> str | None:
    graphs = request.args.getlist("graph")
    if "default" in request.args and not graphs:
        return None
    if len(graphs) != 1 or "default" in request.args:
        raise errors.BadRequest("name exactly one graph: ?graph=<iri> or ?default")
    (graph,) = _iris(graphs) or ()
    return graph


def _read_triples(base_iri: str) -> list[ox.Triple]:
    fmt = next((f for f in _TRIPLE_FORMATS if f.answers_to(request.mimetype)), None)
    if fmt is None:
        names = ", ".join(f.media_type for f in _TRIPLE_FORMATS)
        raise errors.UnsupportedMediaType(f"send the graph as one of: {names}")
    try:
        return list(ox.parse(request.get_data(), format=fmt.rdf, base_iri=base_iri))
    except SyntaxError as exc:
        raise errors.BadRequest(f"the graph does not parse as {fmt.media_type}: {exc}") from None
