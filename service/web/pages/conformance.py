"""Conformance on the pages (合规): the matrix of the store's governments × conformance shapes
(:func:`guize.validate.matrix_of_graphs`), each result behind a cell, a document's results and
its departures from its peers (:mod:`guize.compare_peers`), and honest headlines.

Validating the store runs pyshacl over every document graph: seconds, not milliseconds.  It
is computed once per store version, on first need (one request computes, others wait for it),
and kept on the app (:meth:`guize.web.context.Services.cached`), document by document: a
document page validates its own graph (about a second), the matrix every graph not yet
validated; afterwards every page reads the cache.  The graphs are read through the service's query executor, so the IRIs are
those the service answers for.  No HTML here.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pyoxigraph as ox

from guize.compare_peers import compare as compare_peers
from guize.validate import Matrix, load_shapes, matrix_of_graphs, model_from_dir
from guize.validate.render import verdict
from guize.validate.report import SEVERITIES
from guize.validate.run import document_graph, store_documents
from guize.web.context import services
from guize.web.pages import strings
from guize.web.pages.cells import cell
from guize.web.pages.compare import profile
from guize.web.pages.data import doc_key_of, documents, href
from guize.web.pages.labels import vocabulary
from guize.web.pages.store import document_graph as graph_of
from guize.web.pages.store import page_store

CACHE_KEY = "pages:conformance"

#: Cell values, worst first (the matrix's), and those a filter may ask for.
CELLS = (*SEVERITIES, "pass", "n/a")

_LOCK = threading.RLock()

_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


class _Reader:
    """The store as :mod:`guize.validate.run` reads it, through the page executor."""

    def __init__(self, view: Any) -> None:
        self.view = view

    def query(self, text: str, *, base_iri: str | None = None, **_: Any) -> Any:
        return self.view.query(text, base_iri=base_iri)

    def graph_triples(self, graph_iri: str) -> list[ox.Triple]:
        return self.view.query(_GRAPH, substitutions={"g": ox.NamedNode(graph_iri)})


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


def _inputs() -> tuple[Any, Any]:
    """(the conformance shapes, the vocabularies mixed into each graph), under the base."""
    svc = services()
    return _once(
        CACHE_KEY + ":inputs",
        lambda: (
            load_shapes("conformance", svc.base, svc.assets.shapes_dir),
            model_from_dir(svc.assets.ontology_dir, svc.base),
        ),
    )


def document_conformance(graph_iri: str) -> Matrix:
    """The matrix of one document graph of the store (one row, and its results)."""
    svc, view = services(), page_store()

    def compute() -> Matrix:
        shapes, model = _inputs()
        graph = document_graph(_Reader(view), graph_iri)
        return matrix_of_graphs([graph], svc.base, model=model, shapes=shapes)

    return _once(f"{CACHE_KEY}:{graph_iri}", compute)


def store_conformance() -> dict[str, Any]:
    """``{"matrix": Matrix, "results": {document IRI: [result JSON]}, "seconds": …}`` of the
    store, computed once per store version (each document's part too, so a document page
    validated before costs nothing here)."""
    svc, view = services(), page_store()

    def compute() -> dict[str, Any]:
        started = time.perf_counter()
        shapes, model = _inputs()
        parts = [document_conformance(g) for g in store_documents(_Reader(view), svc.base)]
        empty = matrix_of_graphs([], svc.base, model=model, shapes=shapes)
        rows = sorted((r for p in parts for r in p.rows), key=lambda r: (r.label or "", r.document))
        m = Matrix(empty.shapes, rows, empty.base_iri, [x for p in parts for x in p.results])
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
        "provision_label": _provision_label(r.get("source_provision")),
        "articles": [_article(a) for a in (basis or {}).get("article_iris") or []],
        "edition": edition(basis),
    }


def _article(iri: str) -> dict[str, Any]:
    number = iri.rsplit("/", 1)[-1].removeprefix("art_")
    return {"iri": iri, "href": href(iri), "zh": f"第{number}条", "en": f"art. {number}"}


def _provision_label(iri: str | None) -> str:
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


def document_section(doc_iri: str) -> dict[str, Any]:
    """What a document page shows of its conformance: the headline, the results by severity,
    the cells of the matrix, and the departures from its peers (only this document is
    validated, unless the whole store already is)."""
    m = document_conformance(graph_of(doc_iri).value)
    results = [r.as_json() for r in m.results if r.document in (doc_iri, None)]
    row = next((r for r in m.rows if r.document == doc_iri), None)
    doc = next((d for d in profile()["documents"] if d["iri"] == doc_iri), None)
    return {
        "headline": headline(counts(results)),
        "counts": counts(results),
        "groups": grouped(results),
        "cells": _cells(m, row) if row else [],
        "peers": peers_of(doc) if doc else None,
    }


def _cells(m: Matrix, row: Any) -> list[dict]:
    return [
        {"name": s.name, "zh": s.label_zh, "en": s.label_en, "value": row.cells.get(s.name, "n/a")}
        for s in m.shapes
    ]
