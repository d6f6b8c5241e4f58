"""Build the store from a folder of raw documents (``guize build``).

Each document's graph is built and checked in memory, then swapped in with one
atomic :meth:`~guize.store.embedded.EmbeddedStore.replace_graph`.  A document that fails
is reported and skipped; the store keeps what it had for it.  The build as a
whole exits non-zero if any document failed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from guize.assets import AssetError, Assets, parse_turtle
from guize.ingest.errors import IngestError
from guize.ingest.sources import document_files, load_sources
from guize.iris import Iris
from guize.pipeline import Ingested, ingest_bytes
from guize.store import GraphStore, StoreError, StoreWriteFailed, claim_base


@dataclass
class BuildReport:
    written: list[str] = field(default_factory=list)  # graph IRIs
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    pruned: list[str] = field(default_factory=list)
    warnings: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


def rdf_triples(g) -> list[ox.Triple]:
    """An rdflib graph as pyoxigraph triples (through N-Triples)."""
    data = g.serialize(format="nt", encoding="utf-8")
    return [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def document_graphs(store: GraphStore, iris: Iris) -> list[str]:
    """Named graphs that hold a work-rules document."""
    q = "PREFIX gz: <https://w3id.org/guize/ontology#> SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a gz:WorkRules } }"
    return [sol["g"].value for sol in store.query(q, union_default_graph=False, base_iri=iris.base)]


def load_model(
    store: GraphStore, iris: Iris, log: Callable[[str], None], assets: Assets | None = None
) -> int:
    """Load the ontology and SKOS schemes into ``{base}graph/model/{kind}/{file}``.

    They are written with IRIs relative to the base, so they are parsed with it.
    """
    loaded = 0
    for path, graph in (assets or Assets.bundled()).model_graphs(iris.base):
        try:
            store.replace_graph(graph, parse_turtle(path))
        except StoreWriteFailed:
            raise
        except (AssetError, StoreError) as exc:
            log(f"warning: {path.name} not loaded: {exc}")
            continue
        loaded += 1
    if loaded:
        log(f"loaded {loaded} ontology and vocabulary files")
    return loaded


def build(
    source_dir: Path,
    store: GraphStore,
    iris: Iris,
    *,
    prune: bool = False,
    log: Callable[[str], None] = lambda m: print(m, file=sys.stderr),
    check: Callable[[Ingested], None] | None = None,
    assets: Assets | None = None,
    reason: bool = True,
) -> BuildReport:
    """Ingest every document of ``source_dir`` into ``store``.

    :param check: called on each document before it is written (e.g. SHACL
        integrity); raising :class:`IngestError` refuses the document.
    :param assets: the lexicon the stages read and the ontology loaded beside the documents
        (default: the copies guize ships with).
    :param reason: materialise each document's inferences (:mod:`guize.reason`) into its
        inferred graph (``{base}graph/{key}/inferred``); off, no inferred graph is kept.
    """
    assets = assets or Assets.bundled()
    report = BuildReport()
    claim_base(store, iris.base)  # BaseMismatch: the store's data is under another base
    try:
        sources = load_sources(source_dir)
    except IngestError as exc:
        log(f"error: {exc}")
        report.failed.append((str(source_dir / "sources.yaml"), str(exc)))
        return report
    files = document_files(source_dir)
    if not files:
        log(f"warning: no documents (*.txt) in {source_dir}")
    if not sources:
        log(f"warning: no sources.yaml in {source_dir}: metadata comes from the texts alone")
    for i, path in enumerate(files, 1):
        _one(i, len(files), path, sources, store, iris, report, log, check, assets, reason)
    if prune and files:
        for g in document_graphs(store, iris):
            if g not in report.written:
                store.drop_graph(g)
                store.drop_graph(f"{g}/inferred")
                report.pruned.append(g)
                log(f"pruned {g} (no longer produced by {source_dir})")
    load_model(store, iris, log, assets)
    log(
        f"built {len(report.written)} of {len(files)} documents, {len(report.failed)} failed, "
        f"{report.warnings} warnings"
    )
    return report


def _one(
    i, n, path: Path, sources, store, iris, report: BuildReport, log, check, assets, reason
) -> None:
    started = time.perf_counter()
    source = sources.get(path.name)
    prefix = f"[{i}/{n}] {path.name}"
    if sources and source is None:
        log(f"{prefix}: warning: not described in sources.yaml; metadata from the text alone")
    elif not sources:
        log(f"{prefix}: warning: no sources.yaml entry; metadata from the text alone")
    try:
        ingested = ingest_bytes(
            path.read_bytes(),
            path.stem,
            iris,
            source,
            str(path),
            lexicon_dir=assets.lexicon_dir,
            reason=reason,
        )
        if check:
            check(ingested)
        count = store.replace_graph(ingested.graph.graph_iri, ingested.graph.triples())
        inferred_iri = iris.inferred_graph(ingested.graph.key)
        if ingested.inferred is not None:
            inferred = store.replace_graph(inferred_iri, rdf_triples(ingested.inferred))
        else:
            store.drop_graph(inferred_iri)
    except StoreWriteFailed:
        raise  # the store cannot be written (a full disk): the whole build stops
    except (IngestError, StoreError, OSError) as exc:
        report.failed.append((path.name, str(exc)))
        log(f"{prefix}: FAILED: {exc} (store unchanged for this document)")
        return
    p = ingested.parsed
    report.written.append(ingested.graph.graph_iri)
    report.warnings += len(p.warnings)
    spam = sum(1 for e in p.clean.report if e.kind == "spam")
    log(
        f"{prefix} → {ingested.graph.key}: {len(p.chapters)} chapters, {len(p.provisions)} provisions, "
        f"{spam} spam spans, {len(p.warnings)} warnings, {count} triples"
        + (f" + {inferred} inferred " if ingested.inferred is not None else " ")
        + f"({time.perf_counter() - started:.2f} s)"
    )
    for w in p.warnings:
        log(f"    warning: {w}")
