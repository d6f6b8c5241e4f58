"""Finding things across the store (blueprint ``explore``): full-text search over provisions
(``/search``), facts by facet (``/facts``, ``/facts.csv``, ``/facts.json``), one provision's
text (``/provision.json``), the catalogue's answers a page of documents at a time
(``/catalogue``, ``/catalogue/<name>``, ``.csv``, ``.json``).

Both take their parameters from the URL, so every result list can be linked and reloaded; bad
parameters are answered 400 in the site's layout (:mod:`guize.web.error_handler`).
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request, url_for

from guize.errors import BadRequest
from guize.query.catalogue import catalogue
from guize.web.pages import answers, facets, paging, search
from guize.web.pages.data import distinct_documents, documents
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
    """The facts matching the facets as CSV, a page at a time (``?page=&per_page=``, at most
    and by default the service's row limit); ``Link`` names the next page."""
    rows, links = _export_rows()
    headers = {"Content-Disposition": 'attachment; filename="guize-facts.csv"', **links}
    return Response(facets.to_csv(rows), mimetype="text/csv", headers=headers)


@bp.get("/facts.json")
def facts_json() -> Response:
    """The facts matching the facets as JSON, paged as ``/facts.csv``."""
    rows, links = _export_rows()
    body = json.dumps(facets.to_json(rows), ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/json", headers=links)


def _export_rows() -> tuple[list[dict], dict[str, str]]:
    """The rows of the page asked for, and its ``Link`` header (prev and next only: the total
    is not counted)."""
    chosen = facets.parse_args(request.args)
    limit = settings().max_result_rows
    size = request.args.get("per_page") or str(limit)
    if not size.isdigit() or not 1 <= int(size) <= limit:
        raise BadRequest(f"per_page must be a whole number from 1 to {limit}")
    found = facets.facts(**chosen, limit=int(size))
    args = {k: v for k, v in request.args.items() if k != "page"}
    url = lambda n: url_for(request.endpoint or "", page=n, **args)  # noqa: E731
    links = [(found["page"] - 1, "prev")] if found["page"] > 1 else []
    links += [(found["page"] + 1, "next")] if found["more"] else []
    header = ", ".join(f'<{url(n)}>; rel="{rel}"' for n, rel in links)
    return found["rows"], {"Link": header} if header else {}


@bp.get("/provision.json")
def provision_json() -> Response:
    """One provision's label, text and document (``?iri=``), for the matrix's expanding cells."""
    return Response(
        json.dumps(provision_text(request.args.get("iri") or ""), ensure_ascii=False),
        mimetype="application/json",
    )


@bp.get("/catalogue", endpoint="catalogue")
def catalogue_index() -> str:
    """The catalogue's questions, each with its answers by page of documents."""
    return render_template("pages/catalogue.html", entries=list(catalogue().values()))


@bp.get("/catalogue/<name>", endpoint="answer")
def answer_page(name: str) -> str:
    """Catalogue query ``name`` answered for a page of documents (``?page=&per_page=``) or one
    (``?doc=KEY``)."""
    found = answers.answer(name, request.args)
    return render_template(
        "pages/answer.html",
        a=found,
        cells=answers.cells(found),
        page=found["page"],
        pager=paging.links(found["page"]),
        docs=distinct_documents(),
    )


@bp.get("/catalogue/<name>.csv", endpoint="answer_csv")
def answer_csv(name: str) -> Response:
    """The rows of a page of :func:`answer_page` as CSV; ``Link`` names the other pages."""
    found = answers.answer(name, request.args)
    headers = {
        "Content-Disposition": f'attachment; filename="guize-{name}-{found["page"].number}.csv"',
        **paging.headers(found["page"]),
    }
    return Response(answers.to_csv(found), mimetype="text/csv", headers=headers)


@bp.get("/catalogue/<name>.json", endpoint="answer_json")
def answer_json(name: str) -> Response:
    """The rows of a page of :func:`answer_page` as JSON, paged as the CSV."""
    found = answers.answer(name, request.args)
    body = json.dumps(answers.to_json(found), ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/json", headers=paging.headers(found["page"]))
