"""The comparison page's data: the matrix (features × documents), from
:func:`guize.compare.profile` (no HTML here; the rows are built in :mod:`.matrix_rows`, the
charts in :mod:`.charts`).

Every cell keeps the provisions its value came from (``links``), so a reader can click from
the matrix to the words; document-level cells link to the document.  Columns are ordered by
administrative level, meeting kinds by ``gz:sortOrder`` (:mod:`guize.vocab`).

The matrix grows with the corpus by its columns: the page shows one page of governments
(:mod:`.paging`), and computes the profile of those documents alone, each from its own graphs
(:class:`guize.query.per_document.PerDocumentView`), so a page costs the same in a store of six
documents or of thousands.  The JSON and CSV forms are paged the same way; ``page=all`` gives the
profile of every document (computed once per store version).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from guize import compare, compare_stored
from guize.iris import Iris
from guize.query.per_document import PerDocumentView
from guize.web.pages import paging, strings
from guize.web.pages.data import distinct_documents, href, level_rank
from guize.web.pages.labels import label, vocabulary
from guize.web.pages.matrix_rows import (
    deadline_rows,
    document_rows,
    government_rows,
    leave_rows,
    meeting_groups,
    signing_rows,
)
from guize.web.pages.store import base, kept_dir, memo, page_store, select

#: Governments per page of the matrix (HTML), of its JSON and CSV forms, and at most.
COLUMNS_PER_PAGE = 20
EXPORT_PER_PAGE = 100
MAX_PER_PAGE = 200


def profile() -> dict[str, Any]:
    """The comparison profile of every document (cached while the store is unchanged): the
    parts the build kept (:mod:`guize.compare_stored`) when the store is served at its own
    base, else computed from the store."""
    return memo(
        "profile",
        lambda: (
            compare_stored.kept_profile(page_store(), kept_dir())
            or compare.profile(page_store(), base())
        ),
    )


def paged_profile(args: Any, per_page: int, allow_all: bool = False) -> tuple[paging.Page, dict]:
    """The page of documents the arguments ask for (in the documents list's order: level, then
    place) and their profile, computed from their own graphs (cached per page while the store
    is unchanged); ``page=all`` (where allowed) is :func:`profile`.

    :raises guize.errors.BadRequest: on a bad ``page`` or ``per_page``.
    :raises guize.errors.NotFound: on a page past the last one.
    """
    docs = distinct_documents()
    page = paging.parse(args, len(docs), per_page, MAX_PER_PAGE, allow_all=allow_all)
    if page.everything:
        return page, profile()
    keys = [d["key"] for d in page.slice(docs)]
    view = PerDocumentView(page_store(), base(), keys)

    def compute() -> dict[str, Any]:
        return _kept_page(keys) or compare.profile(view, base())

    if page.size != per_page:  # cached for the default size only: the cache stays bounded
        return page, compute()
    return page, memo(f"profile:{page.number}:{page.size}", compute)


def _kept_page(keys: list[str]) -> dict[str, Any] | None:
    """The profile of the documents ``keys`` from the parts the build kept, if it kept them
    all (and the store is served at its own base)."""
    iris = Iris(base())
    parts = compare_stored.parts_of(kept_dir(), [iris.graph(k) for k in keys])
    return compare_stored.in_order(parts) if parts is not None else None


def _extra_sources(keys: list[str] | None) -> dict[tuple[str, str], list[str]]:
    """(subject IRI, what) → source provisions, for cells the catalogue gives no source for,
    read from the graphs of the documents ``keys`` (None: the whole store)."""

    def compute() -> dict[tuple[str, str], list[str]]:
        out: dict[tuple[str, str], list[str]] = defaultdict(list)
        view = PerDocumentView(page_store(), base(), keys) if keys is not None else None
        for r in select("fact_sources", via=view):
            k = (r["subject"].value, r["what"].value)
            if r["provision"].value not in out[k]:
                out[k].append(r["provision"].value)
        return out

    if keys is None:
        return memo("fact_sources", compute)
    if len(keys) > COLUMNS_PER_PAGE:  # cached for pages up to the default size: a bounded cache
        return compute()
    return memo("fact_sources:" + " ".join(keys), compute)


def columns(prof: dict) -> list[dict[str, Any]]:
    """One column per document, top level first."""
    docs = sorted(
        prof["documents"],
        key=lambda d: (level_rank(d["level"]), d["province"] or "", d["place"] or ""),
    )
    out = []
    for d in docs:
        out.append(
            {
                "key": d["id"],
                "iri": d["iri"],
                "href": href(d["iri"]),
                "place": (d["issuer"] if d["level"] == "national" else d["place"])
                or d["issuer"]
                or d["id"],
                "issuer": d["issuer"],
                "level": d["level"] or "",
                "level_label": label("administrative-level", d["level"]),
                "status": d["status"] or "",
                "status_label": label("validity-status", d["status"]),
                "doc_number": d["doc_number"],
                "year": (d["issued"] or "")[:4],
                "doc": d,
            }
        )
    return out


def matrix(prof: dict[str, Any], per_document: bool = True) -> dict[str, Any]:
    """Columns (the documents of ``prof``, top level first) and groups of feature rows; the
    sources of some cells are read per document (a page of the matrix), or from the whole store
    (``per_document=False``: the profile of every document)."""
    cols = columns(prof)
    extra = _extra_sources([c["key"] for c in cols] if per_document else None)
    groups = [
        _group("document", document_rows(cols)),
        _group("government", government_rows(cols, extra)),
        *meeting_groups(cols, extra),
        _group("signing", signing_rows(cols)),
        _group("deadlines", deadline_rows(cols)),
        _group("leave", leave_rows(cols)),
    ]
    for g in groups:
        for r in g["rows"]:
            r["filled"] = sum(1 for c in r["cells"] if not c["empty"])
    groups = [g for g in groups if g["rows"]]
    facts = sum(r["filled"] for g in groups if g["code"] != "document" for r in g["rows"])
    return {
        "columns": cols,
        "groups": groups,
        "fact_cells": facts,
        "levels": sorted(
            {(c["level"], c["level_label"]) for c in cols},
            key=lambda x: level_rank(x[0]),
        ),
        "statuses": sorted({(c["status"], c["status_label"]) for c in cols}),
    }


def _group(code: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    zh, en = strings.pair(f"matrix.group.{code}")
    return {"code": code, "zh": zh, "en": en, "rows": rows}


def json_profile(page: paging.Page, prof: dict[str, Any]) -> dict[str, Any]:
    """The profile as served at ``/compare.json``: the profile of the page's documents and
    which page it is."""
    about = {"number": page.number or paging.ALL, "per_page": page.size, "total": page.total}
    return {**prof, "page": {**about, "pages": page.pages}}


def csv_profile(prof: dict[str, Any]) -> str:
    return compare.to_csv(prof, vocabulary())


def quick_facts(prof: dict[str, Any]) -> dict[str, int]:
    """How many documents of ``prof`` have any extracted fact (for the page's notice)."""
    with_facts = sum(
        1
        for d in prof["documents"]
        if d["composition"]
        or d["meetings"]
        or d["signing"]
        or d["deadlines"]
        or d["leave"]
        or d["head_responsibility"]
        or d["acting_head"]
    )
    return {"documents": len(prof["documents"]), "with_facts": with_facts}
