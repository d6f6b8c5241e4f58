"""Full-text search over provisions (all documents, or one), a page of results at a time.

The search text is bound to the query as a literal (``substitutions``), never written into it,
so it cannot change the query; it is checked first (length, a known document, a page number)
and anything else is a :class:`~guize.errors.BadRequest`.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from guize.errors import BadRequest, NotFound
from guize.query.catalogue import python_value
from guize.web.pages import strings
from guize.web.pages.data import doc_key_of, documents, href
from guize.web.pages.store import base, select, select_text, sparql
from guize.web.pages.text import context

PAGE_SIZE = 20
MAX_QUERY_CHARS = 100
MAX_PAGE = 500
#: Characters of context shown either side of a hit.
CONTEXT_CHARS = 40


def parse_args(args: Any) -> dict[str, Any]:
    """The search's parameters from request arguments, checked.

    :raises BadRequest: on a search text over :data:`MAX_QUERY_CHARS`, an unknown document or a
        page number that is not a positive integer.
    """
    q = (args.get("q") or "").strip()
    if len(q) > MAX_QUERY_CHARS:
        raise BadRequest(strings.pair("search.bad-q")[1])
    key = args.get("doc") or ""
    if key and key not in {d["key"] for d in documents()}:
        raise BadRequest(strings.pair("search.bad-doc")[1])
    page_arg = args.get("page") or "1"
    if not page_arg.isdigit() or not 1 <= int(page_arg) <= MAX_PAGE:
        raise BadRequest(strings.pair("search.bad-page")[1])
    return {"q": q, "doc": key, "page": int(page_arg)}


def search(q: str, doc: str = "", page: int = 1) -> dict[str, Any]:
    """Provisions containing ``q`` (case-insensitive), in document ``doc`` or all."""
    docs = {d["key"]: d for d in documents()}
    out: dict[str, Any] = {"q": q, "doc": doc, "page": page, "hits": [], "total": 0}
    if not q:
        return out
    subs: dict[str, Any] = {"q": q}
    if doc:
        subs["doc"] = ox.NamedNode(f"{base()}eli/{doc}")
    count = select("search_count", **subs)
    out["total"] = sum(int(python_value(r["n"]) or 0) for r in count)
    offset = (page - 1) * PAGE_SIZE
    text = sparql("search") + f"ORDER BY ?doc ?number\nLIMIT {PAGE_SIZE} OFFSET {offset}\n"
    for r in select_text(text, **subs):
        key = r["doc"].value.rsplit("/", 1)[-1]
        body = r["text"].value
        at = body.lower().find(q.lower())
        before, hit, after = (
            context(body, at, at + len(q), CONTEXT_CHARS)
            if at >= 0
            else (
                body[: CONTEXT_CHARS * 2],
                "",
                "",
            )
        )
        d = docs.get(key, {})
        out["hits"].append(
            {
                "iri": r["provision"].value,
                "href": href(r["provision"].value),
                "label": r["label"].value if r["label"] is not None else "",
                "doc_key": key,
                "doc_title": d.get("title") or key,
                "doc_number": d.get("docNumber"),
                "before": before,
                "hit": hit,
                "after": after,
            }
        )
    out["more"] = offset + len(out["hits"]) < out["total"]
    return out


def provision_text(iri: str) -> dict[str, Any]:
    """A provision's label and text and its document's title.

    :raises BadRequest: if ``iri`` is not a provision IRI of this service.
    :raises NotFound: if the store has no such provision.
    """
    b = base()
    if not iri.startswith(f"{b}eli/") or any(c in iri for c in '<>" {}|\\^`'):
        raise BadRequest(strings.pair("search.bad-iri")[1])
    rows = select("provision", provision=ox.NamedNode(iri))
    if not rows:
        raise NotFound(strings.pair("search.no-provision")[1])
    key = doc_key_of(iri) or ""
    d = next((d for d in documents() if d["key"] == key), {})
    return {
        "iri": iri,
        "href": href(iri),
        "label": rows[0]["label"].value if rows[0]["label"] is not None else "",
        "text": rows[0]["text"].value if rows[0]["text"] is not None else "",
        "document": d.get("title") or key,
    }
