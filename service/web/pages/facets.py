"""Facts by facet, as Datasette lists rows: ``kind`` (a fact class of the ontology),
``government`` (a government's key) and ``role`` (a role-kind code of the vocabulary), a page
at a time, and the same list as CSV or JSON.

Every facet value is checked against what exists (the fact classes in the store, the
governments of the documents, the role-kind scheme) before it reaches a query, and goes in
bound (``substitutions``); an unknown value is a :class:`~guize.errors.BadRequest`.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pyoxigraph as ox

from guize.errors import BadRequest
from guize.iris import ONTOLOGY, VOCAB
from guize.query.catalogue import python_value
from guize.web.pages import strings
from guize.web.pages.data import doc_key_of, documents, fact_type_counts, href
from guize.web.pages.labels import label, scheme, term_label
from guize.web.pages.store import base, memo, select, select_text, sparql

PAGE_SIZE = 50
MAX_PAGE = 1000
ROLE_CLAUSE = "FILTER EXISTS { ?fact ?anyProperty ?post . ?post gz:roleKind ?roleKind }"
#: Columns of the CSV and JSON exports, in order.
COLUMNS = (
    "fact",
    "kind",
    "kind_zh",
    "kind_en",
    "government",
    "document",
    "provision",
    "provision_label",
    "quote",
)


def options() -> dict[str, list[dict[str, Any]]]:
    """What each facet can take: fact kinds in the store (with counts), the governments of the
    documents, the role kinds of the vocabulary."""

    def kinds() -> list[dict[str, Any]]:
        gz = ONTOLOGY
        return [
            {
                "code": r["type"].value[len(gz) :],
                "label": term_label(r["type"].value),
                "count": python_value(r["n"]),
            }
            for r in fact_type_counts()
            if r["type"].value.startswith(gz) and r["type"].value != gz + "Fact"
        ]

    govs: dict[str, dict[str, Any]] = {}
    for d in documents():
        if d.get("gov"):
            code = d["gov"].rsplit("/", 1)[-1]
            govs.setdefault(code, {"code": code, "label": (d["name"], d["name"]), "iri": d["gov"]})
    roles = [{"code": c, "label": label("role-kind", c)} for c in scheme("role-kind").codes()]
    return {"kind": memo("facet-kinds", kinds), "government": list(govs.values()), "role": roles}


def parse_args(args: Any) -> dict[str, Any]:
    """The facets asked for, each checked against :func:`options`.

    :raises BadRequest: on a value that is not one of the options, or a bad page number.
    """
    opts = options()
    chosen: dict[str, Any] = {}
    for facet in ("kind", "government", "role"):
        value = args.get(facet) or ""
        if value and value not in {o["code"] for o in opts[facet]}:
            raise BadRequest(strings.pair("facts.bad")[1] + f"{facet}={value[:60]}")
        chosen[facet] = value
    page_arg = args.get("page") or "1"
    if not page_arg.isdigit() or not 1 <= int(page_arg) <= MAX_PAGE:
        raise BadRequest(strings.pair("search.bad-page")[1])
    chosen["page"] = int(page_arg)
    return chosen


def facts(
    kind: str = "", government: str = "", role: str = "", page: int = 1, limit: int = PAGE_SIZE
) -> dict[str, Any]:
    """One page of facts matching the facets (``limit`` per page)."""
    b = base()
    subs: dict[str, Any] = {"kind": ox.NamedNode(f"{ONTOLOGY}{kind or 'Fact'}")}
    if government:
        subs["gov"] = ox.NamedNode(f"{b}id/government/{government}")
    if role:
        subs["roleKind"] = ox.NamedNode(f"{VOCAB}role-kind/{role}")
    body = sparql("facet_facts").replace("#ROLE", ROLE_CLAUSE if role else "")
    offset = (page - 1) * limit
    text = f"{body}GROUP BY ?kind ?gov ?roleKind ?fact\nORDER BY ?document ?src ?fact\nLIMIT {limit + 1} OFFSET {offset}\n"
    rows = select_text(text, **subs)
    docs = {d["key"]: d for d in documents()}
    provision_labels = _provision_labels()
    out = []
    for r in rows[:limit]:
        kind_iri = r["type"].value if r["type"] is not None else ONTOLOGY + "Fact"
        src = r["src"].value if r["src"] is not None else ""
        key = doc_key_of(r["document"].value) if r["document"] is not None else None
        d = docs.get(key or "", {})
        kind_label = term_label(kind_iri)
        out.append(
            {
                "fact": r["fact"].value,
                "fact_href": href(r["fact"].value),
                "kind": kind_iri.rsplit("#", 1)[-1],
                "kind_zh": kind_label[0],
                "kind_en": kind_label[1],
                "government": d.get("name") or "",
                "document": d.get("title") or key or "",
                "document_href": href(r["document"].value) if r["document"] is not None else None,
                "provision": src,
                "provision_href": href(src),
                "provision_label": provision_labels.get(src, src.rsplit("/", 1)[-1]),
                "quote": r["quote"].value if r["quote"] is not None else "",
            }
        )
    return {
        "rows": out,
        "page": page,
        "more": len(rows) > limit,
        "chosen": {"kind": kind, "government": government, "role": role},
    }


def _provision_labels() -> dict[str, str]:
    def compute() -> dict[str, str]:
        return {r["provision"].value: r["label"].value for r in select("provision_labels")}

    return memo("provision-labels", compute)


def to_csv(rows: list[dict[str, Any]]) -> str:
    """The rows as CSV with the :data:`COLUMNS` header."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def to_json(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with the :data:`COLUMNS` only."""
    return [{c: r[c] for c in COLUMNS} for r in rows]
