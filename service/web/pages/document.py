"""The document page's data: notice metadata, the text by chapter with each fact's quote
located in its provision, and the cleaning report; and the raw text with the cuts marked.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

import pyoxigraph as ox

from guize.errors import NotFound
from guize.iris import ONTOLOGY
from guize.namespaces import ELI
from guize.query.catalogue import python_value
from guize.web.pages.data import RDF_TYPE, RDFS_LABEL, doc_key_of, documents, href
from guize.web.pages.facts import owner_of, place_facts
from guize.web.pages.labels import code_of, label
from guize.web.pages.store import base, document_graph, select
from guize.web.pages.text import context, render_raw

#: Validity codes (vocab/validity-status) for which the page shows a banner.
EXPIRED = ("expired", "repealed")

#: Cleaning kinds a reader cares about first (the rest are routine and folded away).
NOTABLE_CUTS = ("spam", "page-junk", "conversion-artifact")


def _props(
    rows_: list[dict[str, Any]], subject: str | None
) -> dict[str, list[tuple[Any, str | None]]]:
    """Predicate → [(object, its label)] of ``subject`` (None: the document's own rows)."""
    out: dict[str, list[tuple[Any, str | None]]] = defaultdict(list)
    for r in rows_:
        if (r["s"].value if r["s"] is not None else None) == subject:
            item = (r["o"], r["oLabel"].value if r["oLabel"] is not None else None)
            if item not in out[r["p"].value]:
                out[r["p"].value].append(item)
    return out


def document(key: str) -> dict[str, Any]:
    """Everything the document page shows.

    :raises NotFound: if no document has this key.
    """
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]*", key):
        raise NotFound(f"no document with key {key!r}")
    b = base()
    iri = f"{b}eli/{key}"
    meta_rows = select("document", doc=ox.NamedNode(iri))
    doc = _props(meta_rows, None)
    if ONTOLOGY + "WorkRules" not in [o.value for o, _ in doc.get(RDF_TYPE, [])]:
        raise NotFound(f"no document with key {key!r}")
    gz = ONTOLOGY
    gov_iri = _first(doc, gz + "government")
    gov = _props(meta_rows, gov_iri) if gov_iri else {}
    notice_iri = _first(doc, gz + "notice")
    notice = _props(meta_rows, notice_iri) if notice_iri else {}
    known = {d["key"] for d in documents()}
    structure = _structure(iri)
    facts = place_facts(iri, structure)
    meta = _meta(doc, gov, notice, gov_iri, known)
    posts = _posts(iri, structure["provisions"])
    for f in facts["all"]:  # posts and meetings carry their id in the posts section
        if f["iri"] in {p["iri"] for p in posts}:
            f["home"] = None
    return {
        "key": key,
        "iri": iri,
        "title": _first(doc, ELI + "title") or _first(doc, RDFS_LABEL) or key,
        "meta": meta,
        "expired": meta["status"] in EXPIRED,
        "posts": posts,
        "warnings": [o.value for o, _ in doc.get(gz + "warning", [])],
        "chapters": structure["chapters"],
        "loose": structure["loose"],
        "facts": facts,
        "fact_count": len(facts["all"]),
        "cleaning": cleaning(iri),
        "raw_iri": f"{iri}/raw",
    }


def _first(props: dict, pred: str) -> str | None:
    vals = props.get(pred)
    return vals[0][0].value if vals else None


def _all(props: dict, pred: str) -> list[str]:
    return [o.value for o, _ in props.get(pred, [])]


def _meta(
    doc: dict, gov: dict, notice: dict, gov_iri: str | None, known: set[str]
) -> dict[str, Any]:
    gz = ONTOLOGY

    def number_link(number: str, iri_pred: str) -> dict[str, Any]:
        for o, lbl in doc.get(iri_pred, []):
            if lbl == number:
                k = doc_key_of(o.value)
                return {
                    "text": number,
                    "href": href(o.value) if k in known else None,
                    "iri": o.value,
                }
        return {"text": number, "href": None, "iri": None}

    level = code_of(_first(gov, gz + "administrativeLevel"), "administrative-level")
    status = _first(doc, gz + "status")
    return {
        "doc_number": _first(doc, ELI + "id_local"),
        "issuer": _first(gov, RDFS_LABEL),
        "government_iri": gov_iri,
        "place": _first(gov, gz + "place"),
        "province": _first(gov, gz + "province"),
        "level": level,
        "level_label": label("administrative-level", level),
        "head_title": _first(gov, gz + "headTitle"),
        "date": _first(doc, ELI + "date_document"),
        "published": _first(doc, gz + "datePublishedOnPage"),
        "adopted_by": _first(doc, gz + "adoptedBy"),
        "adopted_date": _first(doc, gz + "adoptedDate"),
        "index_number": _first(doc, gz + "indexNumber"),
        "recipients": _all(doc, gz + "recipient"),
        "status": status,
        "status_label": label("validity-status", status),
        "superseded_by": [
            number_link(n, ELI + "repealed_by") for n in _all(doc, gz + "supersededByNumber")
        ],
        "repeals": [number_link(n, ELI + "repeals") for n in _all(doc, gz + "repealsNumber")],
        "numbering_style": _first(doc, gz + "numberingStyle"),
        "notice_title": _first(notice, ELI + "title"),
    }


def _structure(doc_iri: str) -> dict[str, Any]:
    chapters: dict[str, dict[str, Any]] = {}
    provisions: dict[str, dict[str, Any]] = {}
    paragraphs: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for r in select("structure", doc=ox.NamedNode(doc_iri), graph=document_graph(doc_iri)):
        v = {k: python_value(t) for k, t in r.items()}
        if v["kind"] == "chapter":
            chapters[v["part"]] = {
                "iri": v["part"],
                "number": v["number"],
                "label": v["label"],
                "title": v["title"],
                "title_status": v["titleStatus"],
                "anchor": v["part"].rsplit("/", 1)[-1],
                "provisions": [],
            }
        elif v["kind"] == "provision":
            provisions[v["part"]] = {
                "iri": v["part"],
                "number": v["number"],
                "label": v["label"] or "",
                "text": v["text"] or "",
                "chapter": v["chapter"],
                "anchor": v["part"][len(doc_iri) + 1 :],
                "cite_label": cite_label(v["label"], v["number"]),
                "facts": [],
            }
        else:
            paragraphs[v["parent"]].append((v["number"], v["part"][len(doc_iri) + 1 :]))
    for p in provisions.values():
        p["paragraph_ids"] = [pid for _, pid in sorted(paragraphs.get(p["iri"], []))]
    loose: list[dict[str, Any]] = []
    for p in sorted(provisions.values(), key=lambda p: (p["number"], p["iri"])):
        (chapters[p["chapter"]]["provisions"] if p["chapter"] in chapters else loose).append(p)
    return {
        "chapters": sorted(chapters.values(), key=lambda c: c["number"]),
        "loose": loose,
        "provisions": provisions,
    }


def cite_label(label: str | None, number: int | None) -> str:
    """How a provision is cited: its label as written when it is an article label (第七条),
    else the article form of an enumerated label (七、 → 第七条).

    >>> cite_label("第十二条", 12), cite_label("五十一、", 51), cite_label(None, 3)
    ('第十二条', '第五十一条', '第3条')
    """
    text = (label or "").strip().rstrip("、．.， ")
    if text.startswith("第"):
        return text
    return f"第{text or number}条"


def _posts(doc_iri: str, provisions: dict[str, dict]) -> list[dict[str, Any]]:
    """The posts and meetings minted under the document, each with the first provision that
    names it (its anchor is its IRI's path below the document: ``role/head``)."""
    found: dict[str, dict[str, Any]] = {}
    for r in select("posts", doc=ox.NamedNode(doc_iri), graph=document_graph(doc_iri)):
        iri = r["thing"].value
        p = found.setdefault(
            iri,
            {
                "iri": iri,
                "anchor": iri[len(doc_iri) + 1 :],
                "kind": r["kind"].value,
                "label": r["label"].value if r["label"] is not None else iri.rsplit("/", 1)[-1],
                "provision": None,
            },
        )
        owner = owner_of(r["source"].value, provisions)
        if owner is not None and (
            p["provision"] is None or owner["number"] < p["provision"]["number"]
        ):
            p["provision"] = owner
    return sorted(
        found.values(),
        key=lambda p: (
            p["kind"] != "post",
            p["provision"]["number"] if p["provision"] else 0,
            p["iri"],
        ),
    )


# --- cleaning --------------------------------------------------------------------------------


def cleaning(doc_iri: str) -> dict[str, Any]:
    """The cleaning report: per-kind counts, and each recorded entry with its raw context."""
    raw = select("raw", doc=ox.NamedNode(doc_iri))
    text = raw[0]["content"].value if raw and raw[0]["content"] is not None else ""
    summaries: dict[str, int] = {}
    entries: list[dict[str, Any]] = []
    run = None
    for r in select("cleaning", doc=ox.NamedNode(doc_iri), graph=document_graph(doc_iri)):
        run = r["run"].value
        if r["summary"] is not None:
            kind, _, n = r["summary"].value.partition(":")
            summaries[kind.strip()] = int(n) if n.strip().isdigit() else 0
            continue
        start = python_value(r["start"])
        end = python_value(r["end"])
        e = {
            "iri": r["entry"].value,
            "anchor": r["entry"].value[len(doc_iri) + 1 :],
            "kind": r["kind"].value,
            "removed": r["removed"].value if r["removed"] is not None else "",
            "replacement": r["replacement"].value if r["replacement"] is not None else None,
            "start": start,
            "end": end,
        }
        if text and start is not None and end is not None:
            e["before"], _, e["after"] = context(text, start, end)
        entries.append(e)
    entries.sort(key=lambda e: (e["start"] is None, e["start"] or 0))
    recorded = Counter(e["kind"] for e in entries)
    kinds = sorted(set(summaries) | set(recorded), key=lambda k: (k not in NOTABLE_CUTS, k))
    return {
        "run": run,
        "kinds": [
            {
                "kind": k,
                "count": summaries.get(k, recorded.get(k, 0)),
                "recorded": recorded.get(k, 0),
                "notable": k in NOTABLE_CUTS,
            }
            for k in kinds
        ],
        "notable": [e for e in entries if e["kind"] in NOTABLE_CUTS],
        "routine": [e for e in entries if e["kind"] not in NOTABLE_CUTS],
        "raw_length": len(text),
    }


def known(key: str) -> bool:
    """Whether the store holds a work-rules document with this key."""
    return any(d["key"] == key for d in documents())


_NUMBER_KEY = re.compile(r"[a-z]+-\d{4}-\d+")


def moved(key: str) -> str | None:
    """The key a document has now that was keyed ``key`` by its 文号 alone, before keys began
    with their government's (jizhengfa-2022-4 → 370800-jizhengfa-2022-4): its IRIs answer 301
    there.  None when ``key`` is a document's, or is not such a key, or several documents
    (济南's and 济宁's) now end with it."""
    if not _NUMBER_KEY.fullmatch(key) or known(key):
        return None
    found = {d["key"] for d in documents() if d["key"].endswith("-" + key)}
    return found.pop() if len(found) == 1 else None


def raw_text(key: str) -> str:
    """The raw text of document ``key`` as it was scraped.

    :raises NotFound: if no document has this key or it has no raw text.
    """
    raw = select("raw", doc=ox.NamedNode(f"{base()}eli/{key}"))
    if not raw or raw[0]["content"] is None:
        raise NotFound(f"no raw text for document {key!r}")
    return raw[0]["content"].value


def raw_view(key: str) -> dict[str, Any]:
    """The raw text with every recorded cut marked.

    :raises NotFound: if no document has this key or it has no raw text.
    """
    if key not in {d["key"] for d in documents()}:
        raise NotFound(f"no document with key {key!r}")
    doc_iri = f"{base()}eli/{key}"
    raw = select("raw", doc=ox.NamedNode(doc_iri))
    if not raw or raw[0]["content"] is None:
        raise NotFound(f"no raw text for document {key!r}")
    text = raw[0]["content"].value
    report = cleaning(doc_iri)
    spans = []
    for e in report["notable"] + report["routine"]:
        if e["start"] is None:
            continue
        what = f"{e['kind']}: {e['removed']!r}" + (
            f" → {e['replacement']!r}" if e["replacement"] is not None else ""
        )
        spans.append((e["start"], e["end"], e["kind"], what))
    title = next((d["title"] for d in documents() if d["key"] == key), key)
    return {
        "key": key,
        "iri": doc_iri,
        "title": title,
        "html": render_raw(text, spans),
        "report": report,
        "length": len(text),
        "encoding": raw[0]["encoding"].value if raw[0]["encoding"] is not None else None,
    }
