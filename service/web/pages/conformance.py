"""Conformance on the pages (合规): the matrix of the store's governments × conformance shapes,
each result behind a cell, a document's results and its departures from its peers
(:mod:`guize.compare_peers`), and honest headlines.

The results are those the build stored (:mod:`guize.validate.stored`: a validation report per
document in ``{graph}/conformance``, the rules in ``graph/model/shapes/conformance``): a
document page reads its own report with a few bounded queries of its graph, the matrix one set
of queries over every report; no page runs the shapes.  What is read is kept per store version
(:meth:`guize.web.context.Services.cached`).  The queries go through the service's query
executor, so the IRIs are those the service answers for.  No HTML here.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pyoxigraph as ox

from guize.compare_peers import compare as compare_peers
from guize.validate import Matrix
from guize.validate import stored as stored_conformance
from guize.validate.render import verdict
from guize.validate.report import SEVERITIES
from guize.web.context import services
from guize.web.pages import strings
from guize.web.pages.cells import cell
from guize.web.pages.compare import profile
from guize.web.pages.data import doc_key_of, documents, href
from guize.web.pages.labels import vocabulary
from guize.web.pages.store import document_graph as graph_of
from guize.web.pages.store import memo_if_ready, page_store, select_text

CACHE_KEY = "pages:conformance"

#: Cell values, worst first (the matrix's), and those a filter may ask for.
CELLS = (*SEVERITIES, "pass", "n/a")

_LOCK = threading.RLock()


def _once(key: str, compute: Any) -> Any:
    """``compute()`` once per store version: one request computes, the others wait for it."""
    svc = services()

    def locked() -> Any:
        with _LOCK:
            hit = svc.cache.get(key)
            if hit is not None and hit[0] == svc.executor.version().key:
                return hit[1]
            return compute()

    return svc.cached(key, locked)


def rules() -> list[Any]:
    """The conformance rules (the matrix's columns) as the store holds them."""
    svc = services()

    def compute() -> list[Any]:
        graph = ox.NamedNode(svc.base + stored_conformance.SHAPES_GRAPH)
        found = page_store().query(stored_conformance.SHAPES, substitutions={"g": graph})
        return stored_conformance.columns(found, svc.base)

    return _once(CACHE_KEY + ":rules", compute)


def document_conformance(graph_iri: str) -> Matrix:
    """The stored matrix of one document graph (one row, and its results; no row when the
    store holds no results for it)."""
    svc = services()

    def compute() -> Matrix:
        return stored_conformance.matrix(select_text, rules(), svc.base, graph_iri)[0]

    return _once(f"{CACHE_KEY}:{graph_iri}", compute)


def store_conformance() -> dict[str, Any]:
    """``{"matrix": Matrix, "results": {document IRI: [result JSON]}, "seconds": …}`` of the
    stored results of the whole store, read once per store version."""
    svc = services()

    def compute() -> dict[str, Any]:
        started = time.perf_counter()
        m, _ = stored_conformance.matrix(select_text, rules(), svc.base)
        by_doc: dict[str, list[dict]] = {}
        for r in m.results:
            by_doc.setdefault(r.document or "", []).append(r.as_json())
        return {"matrix": m, "results": by_doc, "seconds": time.perf_counter() - started}

    return _once(CACHE_KEY, compute)


# --- headlines -----------------------------------------------------------------------------


def headline(counts: dict[str, int]) -> dict[str, str]:
    """The honest verdict (:func:`guize.validate.render.verdict`)."""
    return verdict(counts)


def counts(results: list[dict]) -> dict[str, int]:
    out = dict.fromkeys(SEVERITIES, 0)
    for r in results:
        if r.get("severity") in out:
            out[r["severity"]] += 1
    return out


# --- results as the pages show them ----------------------------------------------------------


def edition(basis: dict | None) -> dict | None:
    """The edition of the law a result applied (``legal_basis["edition"]``), when the shapes
    give one: ``{"iri", "label_zh", "label_en", "in_force_from", "in_force_until", "href"}``."""
    ed = (basis or {}).get("edition")
    if not isinstance(ed, dict):
        return None
    return {**ed, "href": href(ed.get("iri")) if ed.get("iri") else None}


def readable(r: dict) -> dict:
    """A result (JSON) with the links a page needs: the provision, the articles, the edition."""
    basis = r.get("legal_basis") or None
    key = doc_key_of(r.get("source_provision"))
    known = {d["key"] for d in documents()}
    return {
        **r,
        "name": (r.get("shape") or "").rsplit("#", 1)[-1],
        "provision_href": href(r["source_provision"]) if key in known else None,
        "provision_label": provision_label(r.get("source_provision")),
        "articles": [_article(a) for a in (basis or {}).get("article_iris") or []],
        "edition": edition(basis),
    }


def _article(iri: str) -> dict[str, Any]:
    number = iri.rsplit("/", 1)[-1].removeprefix("art_")
    return {"iri": iri, "href": href(iri), "zh": f"第{number}条", "en": f"art. {number}"}


def provision_label(iri: str | None) -> str:
    """第四十八条 (the provision's label in the store), else the IRI's last segment."""
    if not iri:
        return ""
    links = cell("·", [iri])["links"]
    return (links[0]["label"] if links else "") or iri.rsplit("/", 1)[-1]


def grouped(results: list[dict]) -> list[dict]:
    """Results by severity, worst first: ``[{"severity", "zh", "en", "results"}]``."""
    out = []
    for sev in SEVERITIES:
        rows = [readable(r) for r in results if r.get("severity") == sev]
        if rows:
            zh, en = strings.pair(f"conformance.sev.{sev}")
            out.append({"severity": sev, "zh": zh, "en": en, "results": rows})
    return out


def peers_of(doc: dict) -> dict[str, Any]:
    """The peer comparison of a document of the profile (stored, or a draft's), against the
    stored documents."""
    found = compare_peers(doc, profile()["documents"], vocabulary())
    out = found.as_json()
    out["results"] = [readable(r) for r in out["results"]]
    for p in out["peers"]:
        p["href"] = href(p["iri"])
    return out


#: A store of at most this many documents has its comparison profile computed for a document
#: page's peers (seconds); a larger one shows them once the profile is at hand for the store
#: version (the matrix, ``/compare.json?page=all`` or the document's conformance page
#: computed it), so a document page stays bounded as the store grows.
PEERS_INLINE_MAX_DOCUMENTS = 100


def document_section(doc_iri: str) -> dict[str, Any]:
    """What a document page shows of its conformance: the headline, the results by severity,
    the cells of the matrix, and the departures from its peers (its stored report; a store
    built before reports were kept says it has none rather than "no violations")."""
    m = document_conformance(graph_of(doc_iri).value)
    results = [r.as_json() for r in m.results if r.document in (doc_iri, None)]
    row = next((r for r in m.rows if r.document == doc_iri), None)
    whole = (
        profile() if len(documents()) <= PEERS_INLINE_MAX_DOCUMENTS else memo_if_ready("profile")
    )
    doc = next((d for d in whole["documents"] if d["iri"] == doc_iri), None) if whole else None
    zh, en = strings.pair("conformance.not-stored")
    return {
        "headline": headline(counts(results)) if row else {"zh": zh, "en": en, "ok": "warn"},
        "counts": counts(results),
        "groups": grouped(results),
        "cells": _cells(m, row) if row else [],
        "peers": peers_of(doc) if doc else None,
        "peers_later": whole is None,
    }


def _cells(m: Matrix, row: Any) -> list[dict]:
    return [
        {"name": s.name, "zh": s.label_zh, "en": s.label_en, "value": row.cells.get(s.name, "n/a")}
        for s in m.shapes
    ]


def stored_report(doc_iri: str) -> tuple[dict[str, Any], dict | None]:
    """A stored document's conformance results as a validation report (JSON, as the validation
    form shows one), and the document of the profile (for its peers)."""
    m = document_conformance(graph_of(doc_iri).value)
    results = [r.as_json() for r in m.results if r.document in (doc_iri, None)]
    c = counts(results)
    report = {
        "conforms": not c["violation"],
        "counts": c,
        "documents": [doc_iri],
        "results": results,
    }
    return report, next((d for d in profile()["documents"] if d["iri"] == doc_iri), None)
