"""SPARQL 1.1 Protocol: the query operation at ``/sparql``; update and Graph Store Protocol
behind a token.

``/sparql`` -- the query operation, in full
    ``GET ?query=``, ``POST`` form-encoded (``query=``), ``POST application/sparql-query``;
    ``default-graph-uri`` / ``named-graph-uri`` (in the URL, or in the form body) set the
    dataset as ``FROM`` / ``FROM NAMED`` would, overriding the query's own.  With neither the
    parameters nor ``FROM`` in the query, the default graph is the union of all named graphs.
    Relative IRIs resolve against ``{base}sparql``.  ``GET /sparql`` with no query is the
    service description (:mod:`guize.web.ld.dataset`).  Results by content negotiation
    (:mod:`guize.web.conneg`); more than ``max_result_rows`` rows/triples are cut off and
    the response carries ``X-Guize-Truncated: true`` and ``X-Guize-Result-Limit: <n>`` (the body
    stays a standard document).  Refused: an update's text given as ``query`` (400), updates
    sent here otherwise (``update=``, ``application/sparql-update``: 403), ``SERVICE`` (403),
    other methods (405), other POST media types or charsets (415), several ``query`` values
    (400).  ``HEAD`` is answered as ``GET`` without the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, request

from guize.errors import BadRequest, Forbidden, NotAcceptable, UnsupportedMediaType
from guize.formats import BY_NAME
from guize.query.jobs import QueryJob
from guize.query.text import admit
from guize.web.conneg import GRAPH, TABULAR, NoAcceptableFormat
from guize.web.context import mark_truncated, services
from guize.web.ld import dataset
from guize.web.sparql.request import (
    FORM,
    UPDATE_HERE,
    body_text,
    iris,
    negotiate_or_none,
    require_utf8,
)

bp = Blueprint("sparql", __name__)


@dataclass(frozen=True)
class QueryRequest:
    query: str
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None


@bp.route("/sparql", methods=["GET", "POST"])
def query_operation() -> Response:
    """The SPARQL 1.1 Protocol query operation (or the service description)."""
    req = read_query_request()
    if req is None:
        return dataset.service_description()
    return answer(req)


def read_query_request() -> QueryRequest | None:
    """The protocol request, or None for a plain ``GET /sparql``.

    :raises HTTPError: 400 malformed, 403 an update, 415 a wrong media type or charset.
    """
    if request.method in ("GET", "HEAD"):
        if "update" in request.args:
            raise Forbidden(UPDATE_HERE)
        if "query" not in request.args:
            return None
        queries, params = request.args.getlist("query"), request.args
    elif request.mimetype == FORM:
        require_utf8()
        if "update" in request.form:
            raise Forbidden(UPDATE_HERE)
        if "query" in request.args:
            raise BadRequest("give the query in the URL or in the body, not both")
        queries, params = request.form.getlist("query"), request.values
    elif request.mimetype == "application/sparql-query":
        require_utf8()
        if "query" in request.args:
            raise BadRequest("give the query in the URL or in the body, not both")
        queries, params = [body_text()], request.args
    elif request.mimetype == "application/sparql-update":
        raise Forbidden(UPDATE_HERE)
    else:
        raise UnsupportedMediaType(
            f"POST a query as {FORM} (query=...) or as application/sparql-query, "
            f"not {request.mimetype or 'without a Content-Type'}"
        )
    if len(queries) != 1:
        raise BadRequest("missing query" if not queries else "more than one query given")
    if not queries[0].strip():
        raise BadRequest("empty query")
    return QueryRequest(
        queries[0],
        iris(params.getlist("default-graph-uri")),
        iris(params.getlist("named-graph-uri")),
    )


def answer(req: QueryRequest) -> Response:
    """Run the query in a worker and answer in the negotiated format."""
    svc = services()
    text = admit(req.query, network_blocked=svc.executor.confinement().network_blocked)
    if text.is_update:  # an update's text given as a query: a malformed query
        raise BadRequest(f"this is an update, not a query; {UPDATE_HERE}")
    formats = request.values.getlist("format")
    tabular = negotiate_or_none(TABULAR, formats)
    graph = negotiate_or_none(GRAPH, formats)
    wanted = {"SELECT": tabular, "ASK": tabular, "CONSTRUCT": graph, "DESCRIBE": graph}
    if text.form in wanted and wanted[text.form] is None:
        offers = TABULAR if text.form in ("SELECT", "ASK") else GRAPH
        raise NotAcceptable(str(NoAcceptableFormat(offers)))
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
    response = Response(result.body, content_type=BY_NAME[result.format].content_type)
    response.headers["Vary"] = "Accept"
    if result.truncated:
        mark_truncated(response)
    return response
