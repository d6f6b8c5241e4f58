"""Build the store from a folder of raw documents (``guize build``).

Each document's graph is built and checked in memory (in worker processes with ``jobs`` > 1,
see :mod:`guize.build_work`), then swapped in by this process with one atomic
:meth:`~guize.store.embedded.EmbeddedStore.replace_graph`.  A document that fails is reported
and skipped; the store keeps what it had for it.  The build as a whole exits non-zero if any
document failed.  A document whose content hash is the one the last build recorded (see
:mod:`guize.build_manifest`) is not built again.
"""

from __future__ import annotations

import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from guize import compare_stored, supersede
from guize.assets import AssetError, Assets, parse_turtle, shape_files
from guize.build_manifest import Entry, Manifest, document_hash, fingerprint
from guize.build_work import Conformance, Job, Outcome, run
from guize.ingest.errors import IngestError
from guize.ingest.sources import document_files, load_sources
from guize.iris import Iris
from guize.pipeline import Ingested
from guize.store import GraphStore, StoreError, StoreWriteFailed, claim_base
from guize.store.base import NTriples
from guize.validate import SHAPE_SETS
from guize.validate import stored as stored_conformance
from guize.validate.run import IntegrityCheck


@dataclass
class BuildReport:
    written: list[str] = field(default_factory=list)  # graph IRIs
    rebuilt: list[str] = field(default_factory=list)
    """The graphs this build wrote (``written`` holds the unchanged ones too)."""
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    pruned: list[str] = field(default_factory=list)
    warnings: int = 0
    profiles: dict[str, bytes] = field(default_factory=dict)
    """Graph → the document's part of the comparison profile (packed), for the documents built."""
    unchanged: int = 0  # documents skipped: same content hash as in the last build
    manifest: Manifest = field(default_factory=Manifest)

    @property
    def built(self) -> int:
        """Documents ingested by this build (``written`` counts the unchanged ones too)."""
        return len(self.written) - self.unchanged

    @property
    def ok(self) -> bool:
        return not self.failed


def rdf_triples(g) -> list[ox.Triple]:
    """An rdflib graph as pyoxigraph triples (through N-Triples)."""
    data = g.serialize(format="nt", encoding="utf-8")
    return [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def document_graphs(store: GraphStore, iris: Iris) -> list[str]:
    """Named graphs that hold a work-rules document."""
    return sorted(compare_stored.document_graphs(store, iris.base))


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
    assets = assets or Assets.bundled()
    try:  # the rules the stored conformance results refer to (guize.validate.stored)
        shapes = [
            t
            for p in shape_files(assets.shapes_dir, SHAPE_SETS["conformance"])
            for t in parse_turtle(p)
        ]
        if shapes:
            store.replace_graph(iris.base + stored_conformance.SHAPES_GRAPH, shapes)
            loaded += 1
    except StoreWriteFailed:
        raise
    except (AssetError, StoreError) as exc:
        log(f"warning: conformance shapes not loaded: {exc}")
    if loaded:
        log(f"loaded {loaded} ontology, vocabulary and shapes files")
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
    conformance: bool = True,
    jobs: int = 1,
    shard: tuple[int, int] | None = None,
    previous: Manifest | None = None,
    private: bool = False,
) -> BuildReport:
    """Ingest every document of ``source_dir`` into ``store``.

    :param check: called on each document before it is written (e.g. SHACL
        integrity); raising :class:`IngestError` refuses the document.  With ``jobs`` > 1 it
        runs in the workers and must pickle (:class:`~guize.validate.run.IntegrityCheck` does).
    :param assets: the lexicon the stages read and the ontology loaded beside the documents
        (default: the copies guize ships with).
    :param conformance: run the conformance shapes on each document and keep the results in
        its conformance graph (``{base}graph/{key}/conformance``, :mod:`guize.validate.stored`).
    :param reason: materialise each document's inferences (:mod:`guize.reason`) into its
        inferred graph (``{base}graph/{key}/inferred``); off, no inferred graph is kept.
    :param jobs: worker processes that ingest and check documents (the writes stay here).
    :param shard: ``(k, n)``: only the documents of shard k of n (1 ≤ k ≤ n), chosen by a hash
        of their file names, so n builds with k = 1…n share the documents out exactly.
    :param previous: the manifest of the store's last build: a document with the same content
        hash whose graph is in the store is not built again.  The new manifest is
        ``report.manifest``.
    :param private: nobody reads ``store`` before the build ends (a new store version): the
        graphs are bulk-loaded in batches (:meth:`~guize.store.embedded.EmbeddedStore.load_graphs`)
        instead of replaced one by one.
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
    if shard is not None:
        files = [p for p in files if in_shard(p.name, shard)]
    if not files:
        log(
            f"warning: no documents (*.txt) in {source_dir}"
            + (f" for shard {shard}" if shard else "")
        )
    if not sources:
        log(f"warning: no sources.yaml in {source_dir}: metadata comes from the texts alone")
    report.manifest.fingerprint = fingerprint(
        assets, iris.base, check is not None, reason, conformance
    )
    todo = _unchanged(files, sources, store, report, previous or Manifest(), log)
    if todo and isinstance(check, IntegrityCheck) and (why := check.screen_off()):
        log(
            f"note: the integrity screen is off, so pyshacl validates every document "
            f"(slower): {why}"
        )
    progress = Progress(len(todo), log)
    rules = (
        Conformance(
            str(assets.shapes_dir),
            str(assets.ontology_dir),
            stored_conformance.fingerprint(assets.shapes_dir, assets.ontology_dir),
        )
        if conformance
        else None
    )
    outcomes = run(todo, jobs, iris.base, assets.lexicon_dir, check, reason, rules)
    writer = Batch(store) if private and hasattr(store, "load_graphs") else None
    # graph → the file that holds it: a second file whose document has the same key is refused
    owners = {e.graph: name for name, e in report.manifest.documents.items()}
    for outcome in outcomes:
        if _key_taken(outcome, owners, report, progress, log):
            continue
        _write(outcome, writer or store, report, progress, log, sources)
    if writer is not None:
        writer.flush()
    if prune and files:
        for g in document_graphs(store, iris):
            if g not in report.written:
                store.drop_graph(g)
                store.drop_graph(f"{g}/inferred")
                store.drop_graph(stored_conformance.graph_of(g))
                report.pruned.append(g)
                log(f"pruned {g} (no longer produced by {source_dir})")
    # across documents: which documents others show to be superseded (guize.supersede)
    found = supersede.run(store, iris, _known_evidence(report.manifest))
    if found:
        log(f"{len(found)} supersession(s) found across documents")
    # the ontology and vocabularies depend on the fingerprint alone: loaded by the last build
    if previous is None or previous.fingerprint != report.manifest.fingerprint:
        load_model(store, iris, log, assets)
    log(
        f"built {report.built} of {len(files)} documents, "
        f"{len(report.failed)} failed, {report.warnings} warnings, {report.unchanged} unchanged"
        + (f", in {progress.elapsed():.1f} s" if todo else "")
    )
    return report


def _known_evidence(manifest: Manifest) -> dict[str, supersede.Evidence]:
    """Graph → what the supersession step reads of it, for the documents whose manifest entry
    keeps it (written by this build or carried over from the last)."""
    known = {}
    for e in manifest.documents.values():
        if e.evidence is not None:
            try:
                known[e.graph] = supersede.Evidence.of_json(e.evidence)
            except ValueError:
                continue  # read from the store instead
    return known


def in_shard(name: str, shard: tuple[int, int]) -> bool:
    """Whether the document file ``name`` belongs to shard ``k`` of ``n``."""
    k, n = shard
    return zlib.crc32(name.encode("utf-8")) % n == k - 1


def _unchanged(files, sources, store, report: BuildReport, previous: Manifest, log) -> list[Job]:
    """The jobs of the documents that changed; the others are reported written as they are."""
    present = set(store.named_graphs()) if previous.documents else set()
    todo = []
    for path in files:
        source = sources.get(path.name)
        digest = document_hash(path.read_bytes(), source)
        entry = previous.unchanged(path.name, digest, report.manifest.fingerprint)
        if entry is not None and entry.graph in present:
            report.written.append(entry.graph)
            report.manifest.documents[path.name] = entry
            report.unchanged += 1
        else:
            todo.append(Job(path, source, digest))
    if report.unchanged:
        log(f"{report.unchanged} documents unchanged since the last build (same content hash)")
    return todo


class Progress:
    """Counts documents done and reports the rate and the time left."""

    def __init__(self, total: int, log: Callable[[str], None]) -> None:
        self.total, self.done, self.log = total, 0, log
        self.started = time.perf_counter()

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def step(self) -> str:
        """``[done/total]`` after one more document."""
        self.done += 1
        return f"[{self.done}/{self.total}]"

    def rate(self) -> str:
        """Documents per second so far and the time the others should take."""
        rate = self.done / max(self.elapsed(), 1e-9)
        return f"{rate:.2f} docs/s, {(self.total - self.done) / rate:.0f} s left"


class Batch:
    """Graphs on their way into a private store, bulk-loaded some hundred thousand triples at
    a time (one graph written twice keeps the last)."""

    LIMIT = 300_000

    def __init__(self, store) -> None:
        self.store, self.graphs, self.size = store, {}, 0

    def replace_graph(self, graph_iri: str, triples) -> int:
        graph = self.graphs[graph_iri] = triples if isinstance(triples, NTriples) else list(triples)
        self.size += len(graph)
        if self.size >= self.LIMIT:
            self.flush()
        return len(graph)

    def drop_graph(self, graph_iri: str) -> None:
        self.graphs.pop(graph_iri, None)
        self.store.drop_graph(graph_iri)

    def flush(self) -> None:
        if self.graphs:
            self.store.load_graphs(self.graphs)
        self.graphs, self.size = {}, 0


def _key_taken(
    outcome: Outcome, owners: dict, report: BuildReport, progress: Progress, log
) -> bool:
    """Whether another file of this build (one unchanged, or one before it in file order)
    already holds this document's key: then it is refused by name, never written over the
    other (the same 文号 slug from two governments, 济政发 of 济南 and of 济宁).  Otherwise the
    key is claimed for it."""
    if outcome.error:
        return False
    name, owner = outcome.job.path.name, owners.get(outcome.graph_iri)
    if owner is not None and owner != name:
        msg = (
            f"its key {outcome.key} is that of {owner} in this build: two documents cannot "
            "share one IRI (the same document twice, or two documents whose 文号 read alike)"
        )
        report.failed.append((name, msg))
        log(f"{progress.step()} {name}: FAILED: {msg} (store unchanged for this document)")
        return True
    owners[outcome.graph_iri] = name
    return False


def _write(outcome: Outcome, store, report: BuildReport, progress: Progress, log, sources) -> None:
    job = outcome.job
    prefix = f"{progress.step()} {job.path.name}"
    if sources and job.source is None:
        log(f"{prefix}: warning: not described in sources.yaml; metadata from the text alone")
    elif not sources:
        log(f"{prefix}: warning: no sources.yaml entry; metadata from the text alone")
    if outcome.error:
        report.failed.append((job.path.name, outcome.error))
        log(f"{prefix}: FAILED: {outcome.error} (store unchanged for this document)")
        return
    try:
        store.replace_graph(outcome.graph_iri, outcome.graph())
        inferred_iri = outcome.inferred_iri
        if outcome.inferred is not None:
            store.replace_graph(inferred_iri, outcome.inferred_graph())
        else:
            store.drop_graph(inferred_iri)
        if outcome.conformance is not None:
            store.replace_graph(outcome.conformance_iri, outcome.conformance_graph())
        else:
            store.drop_graph(outcome.conformance_iri)
    except StoreWriteFailed:
        raise  # the store cannot be written (a full disk): the whole build stops
    except StoreError as exc:
        report.failed.append((job.path.name, str(exc)))
        log(f"{prefix}: FAILED: {exc} (store unchanged for this document)")
        return
    report.written.append(outcome.graph_iri)
    report.rebuilt.append(outcome.graph_iri)
    evidence = outcome.evidence.as_json() if outcome.evidence is not None else None
    report.manifest.documents[job.path.name] = Entry(job.digest, outcome.graph_iri, evidence)
    if outcome.profile is not None:
        report.profiles[outcome.graph_iri] = outcome.profile
    report.warnings += len(outcome.warnings)
    log(
        f"{prefix} → {outcome.key}: {outcome.chapters} chapters, {outcome.provisions} provisions, "
        f"{outcome.spam} spam spans, {len(outcome.warnings)} warnings, {outcome.triples} triples"
        + (f" + {outcome.inferred_count} inferred " if outcome.inferred is not None else " ")
        + (f"+ {outcome.conformance_results} conformance results " if outcome.conformance else "")
        + f"({outcome.seconds:.2f} s; {progress.rate()})"
    )
    for w in outcome.warnings:
        log(f"    warning: {w}")
