"""Build the store from a folder of raw documents (``guize build``).

Each document's graph is built and checked in memory, then swapped in with one
atomic :meth:`~service.store.EmbeddedStore.replace_graph`.  A document that fails
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

from service.config import PROJECT_ROOT
from service.ingest.errors import IngestError
from service.ingest.pipeline import Ingested, document_files, ingest_bytes, load_sources
from service.iris import Iris
from service.store import GraphStore, StoreError


@dataclass
class BuildReport:
    written: list[str] = field(default_factory=list)  # graph IRIs
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    pruned: list[str] = field(default_factory=list)
    warnings: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


def graph_triples(ingested: Ingested) -> list[ox.Triple]:
    """The document graph as pyoxigraph triples (via N-Triples, which both libraries speak)."""
    data = ingested.graph.graph.serialize(format="nt", encoding="utf-8")
    try:
        return [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
    except SyntaxError as exc:  # an IRI the RDF stage minted wrongly: refuse the document
        raise IngestError(
            "rdf", f"the document graph is not valid RDF: {exc}", doc_id=ingested.parsed.doc_id
        ) from exc


#: Hand-kept RDF loaded beside the documents, each file into its own named graph.
MODEL_FILES = (("ontology", "ontology/*.ttl"), ("vocab", "ontology/vocab/*.ttl"))


def document_graphs(store: GraphStore, iris: Iris) -> list[str]:
    """Named graphs that hold a work-rules document."""
    q = "PREFIX gz: <ontology#> SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a gz:WorkRules } }"
    return [sol["g"].value for sol in store.query(q, union_default_graph=False, base_iri=iris.base)]


def load_model(store: GraphStore, iris: Iris, log: Callable[[str], None]) -> int:
    """Load the ontology and SKOS schemes into ``{base}graph/model/{kind}/{file}``.

    They are written with IRIs relative to the base, so they are parsed with it.
    """
    loaded = 0
    for kind, pattern in MODEL_FILES:
        for path in sorted(PROJECT_ROOT.glob(pattern)):
            try:
                quads = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=iris.base)
                store.replace_graph(
                    f"{iris.base}graph/model/{kind}/{path.stem}", [q.triple for q in quads]
                )
            except (SyntaxError, OSError, StoreError) as exc:
                log(f"warning: {path.relative_to(PROJECT_ROOT)} not loaded: {exc}")
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
) -> BuildReport:
    """Ingest every document of ``source_dir`` into ``store``.

    :param check: called on each document before it is written (e.g. SHACL
        integrity); raising :class:`IngestError` refuses the document.
    """
    report = BuildReport()
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
        _one(i, len(files), path, sources, store, iris, report, log, check)
    if prune and files:
        for g in document_graphs(store, iris):
            if g not in report.written:
                store.drop_graph(g)
                report.pruned.append(g)
                log(f"pruned {g} (no longer produced by {source_dir})")
    load_model(store, iris, log)
    log(
        f"built {len(report.written)} of {len(files)} documents, {len(report.failed)} failed, "
        f"{report.warnings} warnings"
    )
    return report


def _one(i, n, path: Path, sources, store, iris, report: BuildReport, log, check) -> None:
    started = time.perf_counter()
    source = sources.get(path.name)
    prefix = f"[{i}/{n}] {path.name}"
    if sources and source is None:
        log(f"{prefix}: warning: not described in sources.yaml; metadata from the text alone")
    elif not sources:
        log(f"{prefix}: warning: no sources.yaml entry; metadata from the text alone")
    try:
        ingested = ingest_bytes(path.read_bytes(), path.stem, iris, source, str(path))
        if check:
            check(ingested)
        count = store.replace_graph(ingested.graph.graph_iri, graph_triples(ingested))
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
        f"{spam} spam spans, {len(p.warnings)} warnings, {count} triples "
        f"({time.perf_counter() - started:.2f} s)"
    )
    for w in p.warnings:
        log(f"    warning: {w}")
