"""The comparison page's data: the matrix (features × documents), from
:func:`guize.compare.profile` (no HTML here; the charts are in :mod:`pages_charts`).

Every cell keeps the provisions its value came from (``links``), so a reader can click from
the matrix to the words; document-level cells link to the document.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from guize import compare
from guize.web.pages.data import href, level_rank
from guize.web.pages.labels import label
from guize.web.pages.store import base, memo, page_store, select
from guize.web.pages.values import (
    deadline_text,
    frequency_text,
    quorum_text,
    role_codes,
    roles_text,
)

#: Meeting kinds in display order; others follow in the order met.
MEETING_ORDER = ("plenary", "standing", "head-office", "thematic", "other")


#: Meeting attributes shown as rows (profile field, meeting-role code).
MEETING_ROWS = (
    ("members", "member"),
    ("non_voting_attendees", "non-voting-attendee"),
    ("participants", "participant"),
    ("convener", "convener"),
    ("chair", "chair"),
    ("substitute_chair", "substitute-chair"),
    ("agenda_set_by", "agenda-setter"),
    ("minutes_signed_by", "minutes-signer"),
)


def profile() -> dict[str, Any]:
    """The comparison profile of every document (cached while the store is unchanged)."""
    return memo("profile", lambda: compare.profile(page_store(), base()))


def _provision_labels() -> dict[str, str]:
    return memo(
        "provision_labels",
        lambda: {r["provision"].value: r["label"].value for r in select("provision_labels")},
    )


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


def _links(sources: list[str] | None) -> list[dict[str, str]]:
    labels = _provision_labels()
    out = []
    for s in sources or []:
        tail = s.rsplit("/", 1)[-1]
        text = (labels.get(s) or tail.replace("art_", "§")).rstrip("、．. ")
        out.append({"href": href(s), "iri": s, "label": text})
    return out


def cell(
    text: str | None,
    sources: list[str] | None = None,
    *,
    title: str = "",
    doc_iri: str | None = None,
    codes: str = "",
) -> dict[str, Any]:
    """One matrix cell: its text, the provisions it came from (or the document), a tooltip."""
    links = _links(sources)
    if not links and doc_iri and text:
        links = [{"href": href(doc_iri), "iri": doc_iri, "label": "文档 doc"}]
    return {
        "text": text or "",
        "empty": not text,
        "links": links,
        "title": title,
        "codes": codes,
        "href": links[0]["href"] if links else None,
    }


def columns(prof: dict) -> list[dict[str, Any]]:
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
                "status_label": label("status", d["status"]),
                "doc_number": d["doc_number"],
                "year": (d["issued"] or "")[:4],
                "doc": d,
            }
        )
    return out


def _document_rows(cols: list[dict]) -> list[dict[str, Any]]:
    def row(key: str, zh: str, en: str, fn) -> dict[str, Any]:
        return {"key": key, "zh": zh, "en": en, "cells": [fn(c["doc"]) for c in cols]}

    def c(text, d, title=""):
        return cell(text, doc_iri=d["iri"], title=title)

    return [
        row("level", "层级", "level", lambda d: c(label("administrative-level", d["level"])[0], d)),
        row(
            "status",
            "效力",
            "status",
            lambda d: c(
                label("status", d["status"])[0]
                + (
                    "（被 " + "、".join(d["superseded_by"]) + " 替代）"
                    if d["superseded_by"]
                    else ""
                ),
                d,
            ),
        ),
        row("doc_number", "文号", "document number", lambda d: c(d["doc_number"], d)),
        row("issued", "成文日期", "date", lambda d: c(d["issued"], d)),
        row(
            "size",
            "章 / 条",
            "chapters / provisions",
            lambda d: c(f"{d['chapter_count']} / {d['provision_count']}", d),
        ),
        row("supersedes", "废止", "repeals", lambda d: c("、".join(d["supersedes"]), d)),
        row("head_title", "首长称谓", "head's title", lambda d: c(d["head_title"], d)),
    ]


def _government_rows(cols: list[dict], extra: dict) -> list[dict[str, Any]]:
    def composition(d):
        return cell(
            roles_text(d["composition"]),
            extra.get((d["iri"], "composition"), []),
            codes=role_codes(d["composition"]),
        )

    def head(d):
        return cell("是" if d["head_responsibility"] else "", d["head_responsibility_sources"])

    def acting(d):
        a = d["acting_head"]
        if not a:
            return cell("")
        text = a["role"]["label"] or label("role-kind", a["role"]["code"])[0]
        if a.get("condition"):
            text += f"（{a['condition']}）"
        if a.get("entrustment_required") is not None:
            text += " · " + ("须委托" if a["entrustment_required"] else "无须委托")
        return cell(text, a["sources"], codes=a["role"]["code"] or "")

    return [
        {
            "key": "composition",
            "zh": "政府组成人员",
            "en": "members of the government",
            "cells": [composition(c["doc"]) for c in cols],
        },
        {
            "key": "head_responsibility",
            "zh": "首长负责制",
            "en": "head-responsibility system",
            "cells": [head(c["doc"]) for c in cols],
        },
        {
            "key": "acting_head",
            "zh": "首长外出时主持工作",
            "en": "acting head (head away)",
            "cells": [acting(c["doc"]) for c in cols],
        },
    ]


def _meeting_groups(cols: list[dict], extra: dict) -> list[dict[str, Any]]:
    kinds: list[str] = []
    for c in cols:
        for m in c["doc"]["meetings"]:
            if m["kind"] not in kinds:
                kinds.append(m["kind"])
    kinds.sort(key=lambda k: MEETING_ORDER.index(k) if k in MEETING_ORDER else len(MEETING_ORDER))
    groups = []
    for kind in kinds:
        per_doc = [[m for m in c["doc"]["meetings"] if m["kind"] == kind] for c in cols]

        def many(ms: list[dict], text_of, sources_of) -> dict[str, Any]:
            parts, sources = [], []
            for m in ms:
                t = text_of(m)
                if t:
                    parts.append(f"{m['name']}：{t}" if len(ms) > 1 and m["name"] else t)
                    sources += [s for s in sources_of(m) if s not in sources]
            return cell("；".join(parts), sources)

        rows = [
            {
                "key": "held",
                "zh": "名称",
                "en": "held as",
                "cells": [
                    many(
                        ms,
                        lambda m, k=kind: m["name"] or label("meeting-kind", k)[0],
                        lambda m: m["sources"],
                    )
                    for ms in per_doc
                ],
            }
        ]
        for field, role in MEETING_ROWS:
            zh, en = label("meeting-role", role)
            rows.append(
                {
                    "key": field,
                    "zh": zh,
                    "en": en,
                    "cells": [
                        many(
                            ms,
                            lambda m, f=field: roles_text(m[f]),
                            lambda m, r=role: extra.get((m["iri"], f"role:{r}")) or m["sources"],
                        )
                        for ms in per_doc
                    ],
                }
            )
        rows.append(
            {
                "key": "frequency",
                "zh": "召开频次",
                "en": "frequency",
                "cells": [
                    many(
                        ms,
                        lambda m: frequency_text(m["frequency"]),
                        lambda m: extra.get((m["iri"], "role:frequency")) or m["sources"],
                    )
                    for ms in per_doc
                ],
            }
        )
        rows.append(
            {
                "key": "quorum",
                "zh": "法定人数",
                "en": "quorum",
                "cells": [
                    many(
                        ms,
                        lambda m: quorum_text(m["quorum"]),
                        lambda m: extra.get((m["iri"], "role:quorum")) or m["sources"],
                    )
                    for ms in per_doc
                ],
            }
        )
        zh, en = label("meeting-kind", kind)
        groups.append({"code": f"meeting-{kind}", "zh": zh, "en": en, "rows": rows})
    return groups


def _signing_rows(cols: list[dict]) -> list[dict[str, Any]]:
    cats: list[str] = []
    for c in cols:
        for s in c["doc"]["signing"]:
            if s["category"] not in cats:
                cats.append(s["category"])
    rows = []
    for cat in cats:
        cells = []
        for c in cols:
            facts = [s for s in c["doc"]["signing"] if s["category"] == cat]
            parts, sources = [], []
            for s in facts:
                action = label("power-action", s["action"])[0] if s["action"] else ""
                parts.append(f"{roles_text(s['signer'])} {action}".strip())
                sources += [x for x in s["sources"] if x not in sources]
            cells.append(cell("；".join(p for p in parts if p), sources))
        zh, en = label("document-category", cat)
        rows.append({"key": f"signing-{cat}", "zh": zh, "en": en, "cells": cells})
    return rows


def _deadline_rows(cols: list[dict]) -> list[dict[str, Any]]:
    topics: list[str | None] = []
    for c in cols:
        for d in c["doc"]["deadlines"]:
            if d["topic"] not in topics:
                topics.append(d["topic"])
    rows = []
    for topic in topics:
        cells = []
        for c in cols:
            ds = [d for d in c["doc"]["deadlines"] if d["topic"] == topic]
            sources = [s for d in ds for s in d["sources"]]
            cells.append(cell("；".join(deadline_text(d) for d in ds), sources))
        code = topic.rsplit("/", 1)[-1] if topic else "other"
        zh, en = label("provision-topic", code)
        rows.append({"key": f"deadline-{code}", "zh": zh, "en": en, "cells": cells})
    return rows


def _leave_rows(cols: list[dict]) -> list[dict[str, Any]]:
    cells = []
    for c in cols:
        parts, sources = [], []
        for f in c["doc"]["leave"]:
            text = roles_text(f["who"]) or "—"
            if f["report_to"]:
                text += f" → {roles_text(f['report_to'])}"
            if f["advance"]:
                text += (
                    f"，提前 {f['advance']['amount']} {label('time-unit', f['advance']['unit'])[0]}"
                )
            parts.append(text)
            sources += [s for s in f["sources"] if s not in sources]
        cells.append(cell("；".join(parts), sources))
    if not any(not c["empty"] for c in cells):
        return []
    return [{"key": "leave", "zh": "外出请假报告", "en": "leave and reporting", "cells": cells}]


def matrix() -> dict[str, Any]:
    """Columns (documents, top level first) and groups of feature rows."""
    prof = profile()
    cols = columns(prof)
    extra = _extra_sources()
    groups = [
        {"code": "document", "zh": "文件", "en": "document", "rows": _document_rows(cols)},
        {
            "code": "government",
            "zh": "组成与首长",
            "en": "composition and head",
            "rows": _government_rows(cols, extra),
        },
        *_meeting_groups(cols, extra),
        {"code": "signing", "zh": "公文签署", "en": "signing", "rows": _signing_rows(cols)},
        {"code": "deadlines", "zh": "期限", "en": "deadlines", "rows": _deadline_rows(cols)},
        {"code": "leave", "zh": "请假", "en": "leave", "rows": _leave_rows(cols)},
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
            {(c["level"], c["level_label"]) for c in cols}, key=lambda x: level_rank(x[0])
        ),
        "statuses": sorted({(c["status"], c["status_label"]) for c in cols}),
    }


def json_profile() -> dict[str, Any]:
    """The profile as served at ``/compare.json`` (the profile itself, unchanged)."""
    return profile()


def csv_profile() -> str:
    return compare.to_csv(profile())


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
