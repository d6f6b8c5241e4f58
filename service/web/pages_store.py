"""How the pages reach the store, the settings and their own SPARQL (no HTML here).

The pages read the graph through one small object with the store's ``query`` signature, so
:mod:`service.catalogue` and :func:`service.compare.profile` run on it unchanged.  It is, in
order of preference:

1. ``current_app.config["GUIZE_STORE"]``: a store object (tests, or an app that hands one in);
2. the app's query executor (``current_app.extensions["guize"].executor``, see
   :mod:`service.web`): each query becomes a :class:`~service.web.executor.QueryJob`, runs in a
   query worker within ``query_timeout_s``, and its SPARQL JSON answer is parsed back into
   pyoxigraph solutions;
3. the on-disk store at ``settings.store_path``, opened read-only (a bare app in development).

Settings come from ``current_app.config["GUIZE_SETTINGS"]``, else from the executor's
services, else from the environment.  Every query gets ``BASE <{base}>`` prepended, so the
relative IRIs of catalogue and page queries (``PREFIX gz: <ontology#>``) resolve under the
deployment's base whatever the store adapter does with ``base_iri``.

The pages' own queries live in ``templates/pages/sparql/*.rq``; values go in through
``substitutions`` (IRIs only), never string formatting.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from flask import current_app, g

from service.config import Settings

SPARQL_DIR = Path(__file__).resolve().parent / "templates" / "pages" / "sparql"


def settings() -> Settings:
    """The app's settings."""
    found = current_app.config.get("GUIZE_SETTINGS")
    if found is not None:
        return found
    services = current_app.extensions.get("guize")
    if services is not None:
        return services.settings
    cached = current_app.extensions.get("guize_pages_settings")
    if cached is None:
        cached = current_app.extensions["guize_pages_settings"] = Settings.from_env()
    return cached


def base() -> str:
    """The base IRI, ending in ``/``."""
    b = settings().base_iri
    return b if b.endswith("/") else b + "/"


@cache
def sparql(name: str) -> str:
    """The text of the page query ``templates/pages/sparql/<name>.rq``."""
    return (SPARQL_DIR / f"{name}.rq").read_text(encoding="utf-8")


class PageStore:
    """A read-only view with the store's ``query`` signature, whatever the app holds."""

    def __init__(self, target: Any, kind: str, base_iri: str) -> None:
        self.target, self.kind, self.base = target, kind, base_iri

    def query(
        self,
        text: str,
        *,
        base_iri: str | None = None,
        substitutions: dict[str, Any] | None = None,
        **_: Any,
    ) -> Any:
        """Run a query (union default graph); SELECT/ASK answers as pyoxigraph results,
        CONSTRUCT/DESCRIBE as a list of triples.

        :raises SyntaxError: if the query does not parse.
        """
        text = f"BASE <{base_iri or self.base}>\n{text}"
        if self.kind == "store":
            subs = {
                k: ox.NamedNode(v) if isinstance(v, str) else v
                for k, v in (substitutions or {}).items()
            }
            if isinstance(self.target, ox.Store):  # a bare pyoxigraph store
                result = self.target.query(
                    text,
                    base_iri=base_iri or self.base,
                    use_default_graph_as_union=True,
                    substitutions={ox.Variable(k): v for k, v in subs.items()} or None,
                )
            else:
                result = self.target.query(
                    text, substitutions=subs or None, base_iri=base_iri or self.base
                )
            return list(result) if isinstance(result, ox.QueryTriples) else result
        from service.web.executor import QueryJob

        job = QueryJob(
            sparql=text,
            tabular="json",
            graph="ntriples",
            base_iri=base_iri or self.base,
            substitutions=tuple(
                (k, v.value if isinstance(v, ox.NamedNode) else str(v))
                for k, v in (substitutions or {}).items()
            ),
        )
        result = self.target.run(job)
        if result.form == "graph":
            return [q.triple for q in ox.parse(result.body, format=ox.RdfFormat.N_TRIPLES)]
        return ox.parse_query_results(result.body, ox.QueryResultsFormat.JSON)

    def version(self) -> str | None:
        """A key that changes when the data may have changed (None: unknown, do not cache)."""
        if self.kind == "executor" and hasattr(self.target, "version"):
            return self.target.version().key
        return None


def page_store() -> PageStore:
    """The store the pages read, for this request.

    :raises service.web.executor.StoreUnavailable: if no store can be found.
    """
    if "guize_page_store" in g:
        return g.guize_page_store
    b = base()
    direct = current_app.config.get("GUIZE_STORE")
    services = current_app.extensions.get("guize")
    if direct is not None:
        found = PageStore(direct, "store", b)
    elif services is not None and getattr(services, "executor", None) is not None:
        found = PageStore(services.executor, "executor", b)
    else:
        found = PageStore(_read_only_store(), "store", b)
    g.guize_page_store = found
    return found


def _read_only_store() -> Any:
    from service.store import StoreError, open_store
    from service.web.executor import StoreUnavailable, locate

    version = locate(settings().store_path)
    opened = current_app.extensions.get("guize_pages_ro")
    if opened is None or opened[0] != version.key:
        try:
            opened = (version.key, open_store(version.path, read_only=True))
        except StoreError as exc:
            raise StoreUnavailable(f"store unavailable: {exc}") from exc
        current_app.extensions["guize_pages_ro"] = opened
    return opened[1]


def select(name: str, **substitutions: Any) -> list[dict[str, Any]]:
    """Rows of page query ``name`` as dicts of pyoxigraph terms (None when unbound)."""
    results = page_store().query(sparql(name), substitutions=substitutions or None)
    names = [v.value for v in results.variables]
    return [{n: sol[n] for n in names} for sol in results]


def memo(key: str, compute: Any) -> Any:
    """``compute()``, cached for the request, and on the app while the store's version key
    stays the same (when the store has one)."""
    per_request = g.setdefault("guize_pages_memo", {})
    if key in per_request:
        return per_request[key]
    version = page_store().version()
    cache_ = current_app.extensions.setdefault("guize_pages_cache", {})
    hit = cache_.get(key)
    if version is not None and hit is not None and hit[0] == version:
        value = hit[1]
    else:
        value = compute()
        if version is not None:
            cache_[key] = (version, value)
    per_request[key] = value
    return value
