"""What the pages show, computed from the store as plain data (no HTML here): links from IRIs
to pages, the documents, the home page's counts, provisions grouped by topic.

The document page is :mod:`.document`; the comparison matrix :mod:`.compare`, its
charts :mod:`.charts`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from flask import g, request, url_for

from guize import compare_stored
from guize.iris import ONTOLOGY, path_of_iri
from guize.namespaces import RDF, RDFS
from guize.query.catalogue import python_value, rows
from guize.web.pages.labels import label, scheme, term_label
from guize.web.pages.store import base, kept_dir, memo, page_store, select_kept

RDFS_LABEL = RDFS + "label"
RDF_TYPE = RDF + "type"

# --- links ---------------------------------------------------------------------------------


def href(iri: str | None) -> str | None:
    """Where a link to ``iri`` should go from a page.

    Documents and their parts open the document page (``/documents/<key>#art_7``); other IRIs
    minted under the base go to their path on this service (they dereference here, whatever
    host the page was reached by); foreign IRIs stay as they are.
    """
    if not iri:
        return None
    b = base()
    if iri.startswith(b + "eli/"):
        key, _, sub = iri[len(b) + 4 :].partition("/")
        if sub in ("raw",):
            return f"{request.script_root}/{iri[len(b) :]}"
        pages = g.setdefault("guize_document_pages", {})  # a page links a few documents often
        page = pages.get(key)
        if page is None:
            page = pages[key] = url_for("pages.document", key=key)
        if not sub:
            return page
        if sub == "cleaning":
            return page + "#cleaning"
        return f"{page}#{sub.split('#')[0]}"
    path = path_of_iri(iri, b)
    return iri if path is None else f"{request.script_root}/{path}"


def doc_key_of(iri: str | None) -> str | None:
    """The document key of a document (or part) IRI under the base."""
    b = base() + "eli/"
    if not iri or not iri.startswith(b):
        return None
    return iri[len(b) :].split("/", 1)[0]


def level_rank(level: str | None) -> int:
    """Position of an administrative level, top down (``gz:sortOrder``)."""
    return scheme("administrative-level").rank(level)


# --- documents -----------------------------------------------------------------------------

#: Documents per page of the documents list, at most (``?per_page=``), and on the home page.
DOCUMENTS_PER_PAGE = 100
MAX_PER_PAGE = 500
HOME_DOCUMENTS = 20


def documents() -> list[dict[str, Any]]:
    """One dict per row of the catalogue query ``documents``, top level first: from the index
    the build kept beside the store version when it has one (:mod:`guize.compare_stored`), else
    asked of the store (a query over every document: seconds at thousands of documents)."""

    def compute() -> list[dict[str, Any]]:
        out = compare_stored.kept_documents(page_store(), kept_dir()) or rows(
            page_store(), "documents", base()
        )
        for d in out:
            d["name"] = (
                (d["issuer"] if d["level"] == "national" else d["place"]) or d["issuer"] or d["key"]
            )
            d["level_label"] = label("administrative-level", d["level"])
            d["status_label"] = label("validity-status", d["status"])
        out.sort(
            key=lambda d: (level_rank(d["level"]), d["province"] or "", d["place"] or "", d["key"])
        )
        return out

    return memo("documents", compute)


def distinct_documents() -> list[dict[str, Any]]:
    """The documents list, one entry per document key (in its order: a document whose
    government has two names is two rows of :func:`documents`)."""
    seen: dict[str, dict[str, Any]] = {}
    for d in documents():
        seen.setdefault(d["key"], d)
    return list(seen.values())


def fact_type_counts() -> list[dict[str, Any]]:
    """Rows of ``fact_types``: each class under gz:Fact and its facts in the whole store."""
    return memo("fact_types", lambda: select_kept("fact_types"))


def home() -> dict[str, Any]:
    """Counts for the home page (whole-store counts: computed once per store version)."""
    stats = {}
    for name in ("stats", "governments"):
        row = memo(name, lambda name=name: select_kept(name))
        stats.update({k: python_value(v) or 0 for k, v in row[0].items()} if row else {})
    docs = documents()
    by_level: dict[str, set] = defaultdict(set)
    for d in docs:
        by_level[d["level"] or "unknown"].add(d["gov"])
    levels = [
        {"code": lv, "label": label("administrative-level", lv), "count": len(govs)}
        for lv, govs in sorted(by_level.items(), key=lambda kv: level_rank(kv[0]))
    ]
    facts = [
        {
            "type": r["type"].value,
            "label": term_label(r["type"].value),
            "count": python_value(r["n"]),
        }
        for r in fact_type_counts()
        if r["type"].value.startswith(ONTOLOGY) and r["type"].value != ONTOLOGY + "Fact"
    ]
    status = Counter(d["status"] for d in docs)
    return {
        "stats": stats,
        "levels": levels,
        "fact_types": facts,
        "documents": docs[:HOME_DOCUMENTS],
        "more_documents": max(0, len(docs) - HOME_DOCUMENTS),
        "status": [
            {"code": s, "label": label("validity-status", s), "count": n}
            for s, n in status.most_common()
        ],
    }


# --- provisions by topic --------------------------------------------------------------------

#: Topic codes (GLOSSARY §8) and the words of chapter titles that name them, by priority.
TOPIC_TITLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("general", ("总则",)),
    ("supplementary", ("附则",)),
    ("party-leadership", ("党的全面领导", "党的领导")),
    ("composition", ("组成人员",)),
    ("functions", ("职能",)),
    ("rule-of-law", ("依法行政",)),
    ("decision-making", ("决策",)),
    ("research", ("调查研究",)),
    ("openness", ("政务公开",)),
    ("government-information", ("政务信息",)),
    ("official-activities", ("政务活动",)),
    ("inspection", ("督查",)),
    ("performance", ("绩效",)),
    ("supervision", ("监督",)),
    ("work-planning", ("工作安排",)),
    ("meetings", ("会议",)),
    ("documents", ("公文",)),
    ("digital-government", ("数字政府",)),
    ("discipline", ("纪律",)),
    ("integrity", ("廉政", "廉洁")),
    ("conduct", ("作风",)),
)

#: Words in provision texts that point at a topic when a chapter's title is lost or damaged.
TOPIC_TEXT_CUES: dict[str, tuple[str, ...]] = {
    "general": ("制定本规则", "指导思想", "准则", "根据《"),
    "supplementary": ("本规则自", "起施行", "负责解释", "适用本规则", "参照本规则"),
    "openness": ("公开",),
    "meetings": ("全体会议", "常务会议"),
    "documents": ("公文",),
    "supervision": ("监督",),
    "discipline": ("纪律",),
    "integrity": ("廉洁", "廉政"),
    "digital-government": ("数字政府", "数字化"),
    "inspection": ("督查",),
}


def topic_of_title(title: str | None) -> str | None:
    """The topic code a chapter title names.

    >>> topic_of_title("政务督查和目标绩效管理"), topic_of_title("作风纪律"), topic_of_title("公文处理")
    ('inspection', 'discipline', 'documents')
    """
    if not title:
        return None
    for code, words in TOPIC_TITLE_WORDS:
        if any(w in title for w in words):
            return code
    return None


def topic_of_texts(texts: list[str]) -> str | None:
    """The topic the provisions of an untitled chapter speak of most, or None when no topic
    is named at least twice as often as any other.

    >>> topic_of_texts(["推进行政决策公开、执行公开、管理公开", "全体会议和常务会议讨论决定的事项要公开"])
    'openness'
    >>> topic_of_texts(["市政府派出机构适用本规则。"]), topic_of_texts(["一般规定"])
    ('supplementary', None)
    """
    joined = "".join(texts)
    scores = sorted(
        ((sum(joined.count(w) for w in words), code) for code, words in TOPIC_TEXT_CUES.items()),
        reverse=True,
    )
    (best, code), (second, _) = scores[0], scores[1]
    return code if best >= 1 and best >= 2 * second else None


def topics() -> dict[str, Any]:
    """Provisions grouped by chapter topic, one column per document (catalogue query
    ``provisions_by_topic``)."""

    def compute() -> dict[str, Any]:
        docs = documents()
        chapters: dict[str, dict[str, Any]] = {}
        for r in rows(page_store(), "provisions_by_topic", base()):
            ch = chapters.setdefault(
                r["chapter"],
                {
                    "iri": r["chapter"],
                    "doc": r["doc"],
                    "title": r["chapterTitle"],
                    "provisions": [],
                },
            )
            ch["provisions"].append(
                {
                    "iri": r["provision"],
                    "number": r["number"],
                    "label": r["label"],
                    "text": r["text"],
                }
            )
        grid: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for ch in chapters.values():
            code = topic_of_title(ch["title"])
            ch["inferred"] = False
            if code is None:
                code = topic_of_texts([p["text"] for p in ch["provisions"]])
                ch["inferred"] = code is not None
            code = code or "other"
            ch["provisions"].sort(key=lambda p: p["number"])
            ch["number"] = ch["provisions"][0]["number"] if ch["provisions"] else 0
            grid[code][ch["doc"]].append(ch)
        order = [c for c, _ in TOPIC_TITLE_WORDS if c != "supplementary"] + [
            "supplementary",
            "other",
        ]
        topic_list = []
        for code in sorted(grid, key=lambda c: order.index(c) if c in order else len(order)):
            cells = {d: sorted(chs, key=lambda c: c["number"]) for d, chs in grid[code].items()}
            topic_list.append(
                {
                    "code": code,
                    "label": label("provision-topic", code),
                    "cells": cells,
                    "counts": {
                        d: sum(len(c["provisions"]) for c in chs) for d, chs in cells.items()
                    },
                }
            )
        return {"documents": docs, "topics": topic_list}

    return memo("topics", compute)
