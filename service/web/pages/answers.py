"""The catalogue's answers a page of documents at a time (``/catalogue/<name>``).

A catalogue query asked of the whole store answers with rows for every document: at thousands
of documents that is tens of thousands of rows and seconds of work, whatever the reader wanted
to see.  Here the same query runs on one page of documents (in the order of the documents list,
10 by default), each document read from its own graphs
(:class:`~guize.query.per_document.PerDocumentView`), so a page costs what its documents cost,
not what the store holds.  The rows of one document are the rows the whole-store query gives for
it.  Everything at once stays available as the dump and through the SPARQL endpoint (with its
row limit and timeout).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from guize.errors import NotFound
from guize.query.catalogue import CatalogueQuery, catalogue, rows, variables
from guize.query.per_document import PerDocumentView
from guize.web.pages import paging
from guize.web.pages.data import distinct_documents, href
from guize.web.pages.store import base, page_store

#: Documents per page of a catalogue answer, by default and at most (``?per_page=``).
DOCUMENTS_PER_PAGE = 10
MAX_DOCUMENTS_PER_PAGE = 100


def query_named(name: str) -> CatalogueQuery:
    """The catalogue query ``name``.

    :raises NotFound: if the catalogue has no such query.
    """
    try:
        return catalogue()[name]
    except KeyError:
        raise NotFound(f"the catalogue has no query named {name!r}") from None


def answer(name: str, args: dict[str, str]) -> dict[str, Any]:
    """The rows of catalogue query ``name`` for the page of documents ``args`` asks for
    (``?page=&per_page=``), or for one document (``?doc=KEY``).

    :raises NotFound: no such query, document or page.
    :raises BadRequest: a page or page size that is not a whole number in range (from
        :func:`~guize.web.pages.paging.parse`).
    """
    query = query_named(name)
    docs = distinct_documents()
    key = args.get("doc") or ""
    if key:
        chosen = [d for d in docs if d["key"] == key]
        if not chosen:
            raise NotFound(f"no document with the key {key!r} in the store")
        page = paging.Page(1, 1, 1)
    else:
        page = paging.parse(args, len(docs), DOCUMENTS_PER_PAGE, MAX_DOCUMENTS_PER_PAGE)
        chosen = page.slice(docs)
    keys = [d["key"] for d in chosen]
    found = rows(PerDocumentView(page_store(), base(), keys), name, base()) if keys else []
    return {
        "query": query,
        "page": page,
        "documents": chosen,
        "one": key or None,
        "columns": list(variables(name)),
        "rows": found,
    }


def cells(found: dict[str, Any]) -> list[dict[str, Any]]:
    """Each row as cells to show: an IRI minted here is a link (shown without the base), other
    values are text."""
    b = base()
    out = []
    for row in found["rows"]:
        shown = []
        for column in found["columns"]:
            value = row.get(column)
            if isinstance(value, str) and value.startswith(b):
                shown.append({"text": value[len(b) :], "href": href(value), "iri": value})
            else:
                shown.append({"text": "" if value is None else str(value)})
        out.append(shown)
    return out


def to_csv(found: dict[str, Any]) -> str:
    """The page's rows as CSV (RFC 4180, a header of the query's variables)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(found["columns"])
    for row in found["rows"]:
        writer.writerow(["" if row.get(c) is None else row[c] for c in found["columns"]])
    return buf.getvalue()


def to_json(found: dict[str, Any]) -> dict[str, Any]:
    """The page's rows as JSON, with what was asked and which documents the page holds."""
    page = found["page"]
    return {
        "query": found["query"].name,
        "title": {"zh": found["query"].title_zh, "en": found["query"].title_en},
        "page": page.number,
        "pages": page.pages,
        "documents": [d["key"] for d in found["documents"]],
        "columns": found["columns"],
        "rows": found["rows"],
    }
