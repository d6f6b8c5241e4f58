"""The comparison page's data: the matrix (features × documents), from
:func:`guize.compare.profile` (no HTML here; the rows are built in :mod:`.matrix_rows`, the
charts in :mod:`.charts`).

Every cell keeps the provisions its value came from (``links``), so a reader can click from
the matrix to the words; document-level cells link to the document.  Columns are ordered by
administrative level, meeting kinds by ``gz:sortOrder`` (:mod:`guize.vocab`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from guize import compare
from guize.web.pages import strings
from guize.web.pages.data import href, level_rank
from guize.web.pages.labels import label, vocabulary
from guize.web.pages.matrix_rows import (
    deadline_rows,
    document_rows,
    government_rows,
    leave_rows,
    meeting_groups,
    signing_rows,
)
from guize.web.pages.store import base, memo, page_store, select


def profile() -> dict[str, Any]:
    """The comparison profile of every document (cached while the store is unchanged)."""
    return memo("profile", lambda: compare.profile(page_store(), base()))


def _extra_sources() -> dict[tuple[str, str], list[str]]:
    """(subject IRI, what) → source provisions, for cells the catalogue gives no source for."""

    def compute() -> dict[tuple[str, str], list[str]]:
        out: dict[tuple[str, str], list[str]] = defaultdict(list)
        for r in select("fact_sources"):
            k = (r["subject"].value, r["what"].value)
            if r["provision"].value not in out[k]:
                out[k].append(r["provision"].value)
        return out

    return memo("fact_sources", compute)


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


def matrix() -> dict[str, Any]:
    """Columns (documents, top level first) and groups of feature rows."""
    prof = profile()
    cols = columns(prof)
    extra = _extra_sources()
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


def json_profile() -> dict[str, Any]:
    """The profile as served at ``/compare.json`` (the profile itself, unchanged)."""
    return profile()


def csv_profile() -> str:
    return compare.to_csv(profile(), vocabulary())


def quick_facts() -> dict[str, int]:
    """How many documents have any extracted fact (for the page's notice)."""
    prof = profile()
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
