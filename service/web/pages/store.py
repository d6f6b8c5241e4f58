"""How the pages read the graph: through the service's query executor (so every page query
runs within the time limit), with their own SPARQL in ``sparql/*.rq`` and values computed once
per store version.  No HTML here.

Values go into the pages' queries through ``substitutions`` (IRIs only), never string
formatting.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from flask import g

from guize.config import Settings
from guize.iris import Iris
from guize.query.kept import kept_answers
from guize.query.view import ExecutorView
from guize.web.context import services

SPARQL_DIR = Path(__file__).resolve().parent / "sparql"


def settings() -> Settings:
    """The app's settings."""
    return services().settings


def base() -> str:
    """The base IRI, ending in ``/``."""
    return services().base


@cache
def sparql(name: str) -> str:
    """The text of the page query ``sparql/<name>.rq``."""
    return (SPARQL_DIR / f"{name}.rq").read_text(encoding="utf-8")


def kept_dir() -> str | None:
    """The store version whose kept profile parts and documents index the pages may read
    (:mod:`guize.compare_stored`): None when the store is served under another base (they name
    the store's own IRIs)."""
    executor = services().executor
    return None if executor.rebase() is not None else executor.version().path


def page_store() -> ExecutorView:
    """The store the pages read, for this request."""
    if "guize_page_store" not in g:
        g.guize_page_store = ExecutorView(services().executor, base())
    return g.guize_page_store


def document_graph(doc_iri: str) -> ox.NamedNode:
    """The named graph that holds the document ``doc_iri`` alone (``{base}graph/{key}``): the
    page queries about one document read it, so their cost does not grow with the store."""
    iris = Iris(base())
    return ox.NamedNode(iris.graph(doc_iri.removeprefix(iris.document(""))))


def select(name: str, via: Any = None, **substitutions: Any) -> list[dict[str, Any]]:
    """Rows of page query ``name`` as dicts of pyoxigraph terms (None when unbound), read
    through ``via`` (a view of the store, e.g. one document at a time) or :func:`page_store`."""
    results = (via or page_store()).query(sparql(name), substitutions=substitutions or None)
    names = [v.value for v in results.variables]
    return [{n: sol[n] for n in names} for sol in results]


#: the whole-store page queries whose answers the build keeps beside the store version
#: (:mod:`guize.query.kept`): the counts of the home page and of the facts page's facets
KEPT_QUERIES = ("stats", "governments", "fact_types")
#: those of them whose answers are sums over documents, which a build that rewrote a few
#: documents updates rather than asks again (:func:`guize.query.kept.keep_answers`)
ADDITIVE_KEPT = ("stats", "fact_types")


def select_kept(name: str) -> list[dict[str, Any]]:
    """Rows of the whole-store page query ``name`` (one of :data:`KEPT_QUERIES`): those the
    build kept for this store version, else asked of the store."""
    kept = memo(
        "kept answers",
        lambda: kept_answers(page_store(), kept_dir(), {n: sparql(n) for n in KEPT_QUERIES}),
    )
    return kept[name] if name in kept else select(name)


def select_text(text: str, **substitutions: Any) -> list[dict[str, Any]]:
    """Rows of a page query given as text (a ``sparql/*.rq`` with fixed clauses the page
    added: ``ORDER BY``, ``LIMIT`` and ``OFFSET`` of validated integers, never request text)."""
    results = page_store().query(text, substitutions=substitutions or None)
    names = [v.value for v in results.variables]
    return [{n: sol[n] for n in names} for sol in results]


def memo_if_ready(key: str) -> Any:
    """What :func:`memo` keeps for ``key`` for this store version, or None (nothing computed)."""
    per_request = g.setdefault("guize_pages_memo", {})
    if key not in per_request:
        found = services().cached_only(f"pages:{key}")
        if found is None:
            return None
        per_request[key] = found
    return per_request[key]


def memo(key: str, compute: Any) -> Any:
    """``compute()``, cached for the request, and on the app while the store's version stays
    the same."""
    per_request = g.setdefault("guize_pages_memo", {})
    if key not in per_request:
        per_request[key] = services().cached(f"pages:{key}", compute)
    return per_request[key]
