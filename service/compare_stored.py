"""The comparison profile kept by the build: each document's part of the profile, computed
once from its own graphs while it is built, and kept beside the store version it describes
(``guize-profiles.json.gz``), so that the profile of the whole store (``guize compare``, the
matrix with ``page=all``) is those parts put in order, not some twenty queries over a store
that grows with every document.

A document's part depends on its own graphs only (its graph and its inferred graph: the
catalogue queries the profile is made of read nothing else; :func:`of_document`).  An
incremental build carries the parts of the documents it did not rebuild over from the version
before (:func:`carry_over`).  The file is trusted only while it covers exactly the documents
of the store; a write through the service (SPARQL Update, Graph Store Protocol) removes it
(:func:`discard`).  Otherwise -- and for a remote store -- the profile is computed from the
store (:func:`guize.compare.profile`), which gives the same profile.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from guize import compare
from guize.iris import Iris
from guize.query.catalogue import sortable
from guize.query.per_document import PerDocumentView
from guize.store import EmbeddedStore, open_store

PROFILE_FILE = "guize-profiles.json.gz"
_WORK_RULES = "PREFIX gz: <https://w3id.org/guize/ontology#> SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a gz:WorkRules } }"


def of_document(
    graph_iri: str,
    triples: list[ox.Triple],
    inferred_iri: str,
    inferred: list[ox.Triple],
    base: str,
) -> list[dict[str, Any]]:
    """The profile entries of one document, from its graph and inferred graph alone."""
    store = open_store(None)
    g, i = ox.NamedNode(graph_iri), ox.NamedNode(inferred_iri)
    store.raw.extend(
        [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]
        + [ox.Quad(t.subject, t.predicate, t.object, i) for t in inferred]
    )
    return compare.profile(store, base)["documents"]


def _file(store_dir: str | Path) -> Path:
    return Path(os.path.realpath(store_dir), PROFILE_FILE)


def write(store_dir: str | Path, parts: dict[str, list[dict[str, Any]]]) -> None:
    """Keep ``parts`` (document graph → its profile entries) in the store version at
    ``store_dir`` (atomically)."""
    path = _file(store_dir)
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=3) as f:
        json.dump(parts, f, ensure_ascii=False, separators=(",", ":"))
    tmp.replace(path)


def read(store_dir: str | Path | None) -> dict[str, list[dict[str, Any]]] | None:
    """The parts kept in the store version at ``store_dir`` (None when there are none)."""
    if store_dir is None:
        return None
    try:
        with gzip.open(_file(store_dir), "rt", encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError, EOFError):
        return None
    return data if isinstance(data, dict) else None


def discard(store_dir: str | Path | None) -> None:
    """Forget the parts kept in the store version at ``store_dir`` (its data was changed)."""
    if store_dir is not None:
        _file(store_dir).unlink(missing_ok=True)


def keep(
    store: EmbeddedStore,
    built: dict[str, list[dict[str, Any]]],
    previous_dir: Path | None,
    base: str,
) -> int:
    """Keep in the new store version ``store`` the part of every document it holds: ``built``
    (the documents this build wrote), the others' from the version at ``previous_dir``
    (unchanged documents, and those whose rebuild failed: the store kept their graphs), and
    any still missing computed from ``store`` one document at a time.

    :returns: how many documents' parts had to be computed from the store.
    """
    assert store.path is not None
    graphs = _document_graphs(store)
    kept = read(previous_dir) or {}
    parts = {g: built[g] if g in built else kept.get(g) for g in sorted(graphs)}
    missing = [g for g, part in parts.items() if part is None]
    if missing:
        iris = Iris(base)
        keys = [g.removeprefix(iris.graph("")) for g in missing]
        by_key: dict[str, list[dict[str, Any]]] = {k: [] for k in keys}
        for d in compare.profile(PerDocumentView(store, base, keys), base)["documents"]:
            by_key[d["id"]].append(d)
        parts.update({iris.graph(k): by_key[k] for k in keys})
    write(store.path, parts)
    return len(missing)


def _document_graphs(store: Any) -> set[str]:
    return {sol["g"].value for sol in store.query(_WORK_RULES, union_default_graph=False)}


def kept_profile(store: Any, store_dir: str | Path | None) -> dict[str, Any] | None:
    """The profile of every document of ``store`` (the version at ``store_dir``) from the
    parts its build kept, in the order of :func:`guize.compare.profile`; None when there are no
    parts that cover its documents."""
    parts = read(store_dir) if store_dir else None
    if parts is None:
        return None
    if _document_graphs(store) != set(parts):
        return None
    docs = [d for g in parts for d in parts[g]]
    docs.sort(key=lambda d: (sortable(d.get("issued")), sortable(d.get("id"))))
    return {"documents": docs}


def profile(store: Any, base: str) -> dict[str, Any]:
    """The comparison profile of every document of ``store``: the kept parts when they cover
    the store, else computed from it."""
    path = store.path if isinstance(store, EmbeddedStore) else None
    return kept_profile(store, path) or compare.profile(store, base)
