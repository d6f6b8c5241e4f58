"""Finding things across the store (blueprint ``explore``): full-text search over provisions
(``/search``), facts by facet (``/facts``, ``/facts.csv``, ``/facts.json``), one provision's
text (``/provision.json``).

Both take their parameters from the URL, so every result list can be linked and reloaded; bad
parameters are answered 400 in the site's layout (:mod:`guize.web.error_handler`).
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request

from guize.web.pages import facets, search
from guize.web.pages.data import documents
from guize.web.pages.search import provision_text
from guize.web.pages.store import settings

bp = Blueprint("explore", __name__, template_folder="templates")


@bp.get("/search", endpoint="search")
def search_page() -> str:
    """Provisions containing the search text, in every document or one (``?q=&doc=&page=``)."""
    args = search.parse_args(request.args)
    return render_template(
        "pages/search.html", s=search.search(**args), docs=documents(), page_size=search.PAGE_SIZE
    )


@bp.get("/facts", endpoint="facts")
def facts_page() -> str:
    """Facts by kind, government and post (``?kind=&government=&role=&page=``)."""
    chosen = facets.parse_args(request.args)
    return render_template("pages/facts.html", f=facets.facts(**chosen), opts=facets.options())


@bp.get("/facts.csv")
def facts_csv() -> Response:
    """The facts matching the facets as CSV (up to the service's row limit)."""
    rows = _export_rows()
    return Response(
        facets.to_csv(rows),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="guize-facts.csv"'},
    )


@bp.get("/facts.json")
def facts_json() -> Response:
    """The facts matching the facets as JSON (up to the service's row limit)."""
    body = json.dumps(facets.to_json(_export_rows()), ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/json")


def _export_rows() -> list[dict]:
    chosen = facets.parse_args(request.args)
    chosen.pop("page")
    return facets.facts(**chosen, limit=settings().max_result_rows)["rows"]


@bp.get("/provision.json")
def provision_json() -> Response:
    """One provision's label, text and document (``?iri=``), for the matrix's expanding cells."""
    return Response(
        json.dumps(provision_text(request.args.get("iri") or ""), ensure_ascii=False),
        mimetype="application/json",
    )
