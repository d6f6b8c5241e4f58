"""The rows of the comparison matrix, group by group: the document, composition and head,
one group per meeting kind (in ``gz:sortOrder``; a kind the vocabulary does not know still gets
its group), signing, deadlines and leave.  Each row is ``{"key", "zh", "en", "cells"}`` with one
cell per column (:func:`guize.web.pages.cells.cell`).
"""

from __future__ import annotations

from typing import Any

from guize import compare
from guize.web.pages import strings
from guize.web.pages.cells import cell
from guize.web.pages.labels import label, scheme
from guize.web.pages.values import (
    deadline_text,
    frequency_text,
    quorum_text,
    role_codes,
    roles_text,
)


def named(key: str) -> dict[str, str]:
    """The row's names (``zh``, ``en``) from the strings table (``matrix.row.<key>``)."""
    zh, en = strings.pair(f"matrix.row.{key}")
    return {"zh": zh, "en": en}


def document_rows(cols: list[dict]) -> list[dict[str, Any]]:
    def row(key: str, fn) -> dict[str, Any]:
        return {"key": key, **named(key), "cells": [fn(c["doc"]) for c in cols]}

    def c(text, d, title=""):
        return cell(text, doc_iri=d["iri"], title=title)

    return [
        row("level", lambda d: c(label("administrative-level", d["level"])[0], d)),
        row(
            "status",
            lambda d: c(
                label("validity-status", d["status"])[0]
                + (
                    "（被 " + "、".join(d["superseded_by"]) + " 替代）"
                    if d["superseded_by"]
                    else ""
                ),
                d,
            ),
        ),
        row("doc_number", lambda d: c(d["doc_number"], d)),
        row("issued", lambda d: c(d["issued"], d)),
        row(
            "size",
            lambda d: c(f"{d['chapter_count']} / {d['provision_count']}", d),
        ),
        row("supersedes", lambda d: c("、".join(d["supersedes"]), d)),
        row("head_title", lambda d: c(d["head_title"], d)),
    ]


def government_rows(cols: list[dict], extra: dict) -> list[dict[str, Any]]:
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
            **named("composition"),
            "cells": [composition(c["doc"]) for c in cols],
        },
        {
            "key": "head_responsibility",
            **named("head_responsibility"),
            "cells": [head(c["doc"]) for c in cols],
        },
        {
            "key": "acting_head",
            **named("acting_head"),
            "cells": [acting(c["doc"]) for c in cols],
        },
    ]


def meeting_groups(cols: list[dict], extra: dict) -> list[dict[str, Any]]:
    kinds: list[str] = []
    for c in cols:
        for m in c["doc"]["meetings"]:
            if m["kind"] not in kinds:
                kinds.append(m["kind"])
    kinds = scheme("meeting-kind").sort(kinds)
    groups = []
    for kind in kinds:
        per_doc = [[m for m in c["doc"]["meetings"] if m["kind"] == kind] for c in cols]

        def many(ms: list[dict], text_of, sources_of, words_of=None) -> dict[str, Any]:
            parts, sources, words = [], [], []
            for m in ms:
                t = text_of(m)
                if t:
                    parts.append(f"{m['name']}：{t}" if len(ms) > 1 and m["name"] else t)
                    sources += [s for s in sources_of(m) if s not in sources]
                    w = words_of(m) if words_of else ""
                    if w:
                        words.append(w)
            return cell("；".join(parts), sources, words="；".join(words))

        rows = [
            {
                "key": "held",
                **named("held"),
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
        for role, field in compare.ROLE_FIELDS.items():
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
                **named("frequency"),
                "cells": [
                    many(
                        ms,
                        lambda m: frequency_text(m["frequency"]),
                        lambda m: extra.get((m["iri"], "role:frequency")) or m["sources"],
                        lambda m: (m["frequency"] or {}).get("text") or "",
                    )
                    for ms in per_doc
                ],
            }
        )
        rows.append(
            {
                "key": "quorum",
                **named("quorum"),
                "cells": [
                    many(
                        ms,
                        lambda m: quorum_text(m["quorum"]),
                        lambda m: extra.get((m["iri"], "role:quorum")) or m["sources"],
                        lambda m: (m["quorum"] or {}).get("text") or "",
                    )
                    for ms in per_doc
                ],
            }
        )
        zh, en = label("meeting-kind", kind)
        groups.append({"code": f"meeting-{kind}", "zh": zh, "en": en, "rows": rows})
    return groups


def signing_rows(cols: list[dict]) -> list[dict[str, Any]]:
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


def deadline_rows(cols: list[dict]) -> list[dict[str, Any]]:
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
        known = scheme("provision-topic").get(code) is not None
        zh, en = label("provision-topic", code) if known or not topic else (topic, "")
        rows.append({"key": f"deadline-{code}", "zh": zh, "en": en, "cells": cells})
    return rows


def leave_rows(cols: list[dict]) -> list[dict[str, Any]]:
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
    return [{"key": "leave", **named("leave"), "cells": cells}]
