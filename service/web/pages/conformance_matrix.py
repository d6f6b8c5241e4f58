"""The conformance matrix page's data (governments × rules, filtered by level and severity)
and the conformance row group of the comparison matrix, from the cached store conformance
(:func:`guize.web.pages.conformance.store_conformance`).  No HTML here.

Every cell keeps the results behind it: it links to the document page's conformance section
(``/documents/<key>#conf-<Rule>``) and to the provisions the results came from.
"""

from __future__ import annotations

from typing import Any

from guize.iris import Iris
from guize.validate import Matrix
from guize.validate.matrix import MatrixRow
from guize.web.pages import strings
from guize.web.pages.cells import cell
from guize.web.pages.conformance import (
    CELLS,
    document_conformance,
    readable,
    rules,
    store_conformance,
)
from guize.web.pages.data import doc_key_of, href, level_rank
from guize.web.pages.labels import label
from guize.web.pages.store import base


def anchor(doc_iri: str, shape_name: str) -> str | None:
    """The document page's entry for a rule (``/documents/<key>#conf-<Rule>``)."""
    page = href(doc_iri)
    return f"{page.split('#', 1)[0]}#conf-{shape_name}" if page else None


def filtered(levels: list[str], severities: list[str]) -> Matrix:
    """The matrix with only the rows of ``levels`` (all when empty) and, when severities are
    asked for, only the rules and governments with a cell of one of them."""
    m: Matrix = store_conformance()["matrix"]
    rows = [r for r in m.rows if not levels or (r.level or "") in levels]
    shapes = list(m.shapes)
    if severities:
        shapes = [s for s in shapes if any(r.cells.get(s.name) in severities for r in rows)]
        rows = [r for r in rows if any(r.cells.get(s.name) in severities for s in shapes)]
    rows.sort(key=lambda r: (level_rank(r.level), r.label or "", r.document))
    keep = {r.document for r in rows}
    return Matrix(shapes, rows, m.base_iri, [x for x in m.results if (x.document or "") in keep])


def page(levels: list[str], severities: list[str]) -> dict[str, Any]:
    """Everything the matrix page shows: the filters, the rules, the rows and their cells."""
    conf = store_conformance()
    full: Matrix = conf["matrix"]
    m = filtered(levels, severities)
    results = conf["results"]
    rows = []
    for r in m.rows:
        rows.append(
            {
                "government": r.government,
                "label": r.label or r.government,
                "level": r.level or "",
                "level_label": label("administrative-level", r.level),
                "document": r.document,
                "href": href(r.document),
                "key": doc_key_of(r.document),
                "cells": [_cell(r, s.name, results.get(r.document, [])) for s in m.shapes],
            }
        )
    return {
        "shapes": [
            {
                "name": s.name,
                "zh": s.label_zh,
                "en": s.label_en,
                "basis": readable({"legal_basis": s.legal_basis.as_json()})
                if s.legal_basis
                else None,
            }
            for s in m.shapes
        ],
        "rows": rows,
        "levels": sorted(
            {(r.level or "", label("administrative-level", r.level)) for r in full.rows},
            key=lambda x: level_rank(x[0]),
        ),
        "chosen_levels": levels,
        "chosen_severities": severities,
        "cell_values": CELLS,
        "seconds": conf["seconds"],
        "total_rows": len(full.rows),
    }


def _cell(row: MatrixRow, name: str, results: list[dict]) -> dict[str, Any]:
    value = row.cells.get(name, "n/a")
    mine = [readable(x) for x in results if (x.get("shape") or "").endswith("#" + name)]
    provisions = []
    for x in mine:
        if x["source_provision"] and x["source_provision"] not in [p["iri"] for p in provisions]:
            provisions.append(
                {"iri": x["source_provision"], "href": x["provision_href"], "label": x["provision_label"]}
            )  # fmt: skip
    return {
        "value": value,
        "href": anchor(row.document, name) if mine else None,
        "title": " ｜ ".join(f"{x['message_zh']} / {x['message_en']}" for x in mine),
        "provisions": provisions,
        "count": len(mine),
    }


def as_json(m: Matrix) -> dict[str, Any]:
    """The matrix as JSON, each row with the results behind its cells."""
    out = m.as_json()
    by_doc: dict[str, list] = {}
    for r in m.results:
        by_doc.setdefault(r.document or "", []).append(r.as_json())
    names = [s.name for s in m.shapes]
    for row in out["rows"]:
        row["cells"] = {n: row["cells"].get(n, "n/a") for n in names}  # the rules kept
        row["results"] = [
            x for x in by_doc.get(row["document"], []) if x["shape"].rsplit("#", 1)[-1] in names
        ]
    return out


def compare_group(columns: list[dict]) -> dict[str, Any]:
    """The conformance row group of the comparison matrix: one row per rule, one cell per
    document column (the cell's value, linked to the document's conformance section).  Each
    column's results are read from its document's own conformance graph, so the cost follows
    the page, not the store (the whole store's took 11 s at 3,000 documents)."""
    iris = Iris(base())
    found: dict[str, Any] = {}
    for c in columns:
        key = doc_key_of(c["iri"])
        m = document_conformance(iris.graph(key)) if key else None
        row = next((r for r in m.rows if r.document == c["iri"]), None) if m else None
        mine = [r.as_json() for r in m.results if r.document == c["iri"]] if m else []
        found[c["iri"]] = (row, mine)
    rows = []
    for s in rules():
        cells = []
        for c in columns:
            row, results = found[c["iri"]]
            value = row.cells.get(s.name, "n/a") if row else "n/a"
            mine = [x for x in results if (x.get("shape") or "").endswith("#" + s.name)]
            text = "" if value == "n/a" else strings.pair(f"conformance.cell.{value}")[0]
            cells.append(
                {
                    **cell(text, codes=value),
                    "href": anchor(c["iri"], s.name) if row and value != "n/a" else None,
                    "title": " ｜ ".join(x["message_zh"] for x in mine),
                }
            )
        rows.append({"key": s.name, "zh": s.label_zh, "en": s.label_en, "cells": cells})
    zh, en = strings.pair("matrix.group.conformance")
    return {"code": "conformance", "zh": zh, "en": en, "rows": rows}
