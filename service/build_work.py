"""The work of a build on one document, in the build's process or in worker processes.

A worker ingests a document and checks it; it hands back its graph as N-Triples (or why it
failed), with what the whole-store steps need of the document, taken from its own graphs while
they are at hand (its part of the comparison profile, :mod:`guize.compare_stored`; its
supersession evidence, :mod:`guize.supersede`), and the build's own process writes it: the
store has one writer.  Workers are started
with ``spawn`` (never ``fork``: a forked copy of a process with threads can hang) and set up once
each (:func:`_setup`: the base IRI, the lexicon, the check, whose shapes load on first use).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from guize import compare_stored, supersede
from guize.ingest.errors import IngestError
from guize.ingest.model import SourceInfo
from guize.iris import Iris
from guize.pipeline import ingest_bytes
from guize.rdf.oxterms import ox_triples
from guize.sandbox import die_with_parent
from guize.store import EmbeddedStore, open_store
from guize.store.base import NTriples
from guize.validate import load_shapes, matrix_of_graphs, model_from_dir
from guize.validate import stored as stored_conformance
from guize.validate.run import IntegrityCheck, validation_data
from guize.validate.shapes import normal_base


@dataclass(frozen=True)
class Job:
    path: Path
    source: SourceInfo | None
    digest: str


@dataclass
class Outcome:
    job: Job
    key: str = ""
    graph_iri: str = ""
    ntriples: bytes = b""
    triples: int = 0
    chapters: int = 0
    provisions: int = 0
    spam: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str = ""
    inferred_iri: str = ""
    inferred: bytes | None = None
    """The materialised inferences as N-Triples (None: not materialised)."""
    inferred_count: int = 0
    conformance_iri: str = ""
    conformance: bytes | None = None
    """The conformance results as N-Triples (None: not computed)."""
    conformance_results: int = 0
    profile: bytes | None = None
    """The document's part of the comparison profile, packed (:mod:`guize.compare_stored`)."""
    evidence: supersede.Evidence | None = None
    """What the supersession step reads of the document (:mod:`guize.supersede`)."""

    def graph(self) -> NTriples:
        return NTriples(self.ntriples)

    def inferred_graph(self) -> NTriples:
        return NTriples(self.inferred or b"")

    def conformance_graph(self) -> NTriples:
        return NTriples(self.conformance or b"")


@dataclass
class _Setup:
    iris: Iris
    lexicon_dir: Path
    check: Callable | None
    reason: bool = True
    conformance: Conformance | None = None
    #: the check's validation data serves the conformance shapes too (decided once)
    share_data: bool = field(init=False)

    def __post_init__(self) -> None:
        self.share_data = bool(self.conformance) and self.conformance.shares(
            self.check, self.iris.base
        )


@dataclass
class Conformance:
    """The conformance shapes a build runs on each document (loaded on first use, so a worker
    process loads them once)."""

    shapes_dir: str
    ontology_dir: str
    stamp: str = ""  # their fingerprint (guize.validate.stored.fingerprint)
    _loaded: tuple | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_loaded": None}

    def run(self, ingested: Any, base: str, data: Any = None) -> tuple[bytes, int]:
        """The document's conformance graph as N-Triples, and how many results it holds.

        :param data: the integrity check's validation data for the document
            (:meth:`~guize.validate.run.IntegrityCheck.data`), when it mixes in the same
            vocabularies (:meth:`shares`): it is validated again rather than made again.
        """
        if self._loaded is None:
            self._loaded = (
                load_shapes("conformance", base, self.shapes_dir),
                model_from_dir(self.ontology_dir, base),
            )
        shapes, model = self._loaded
        if data is None:
            data = validation_data(ingested.graph.graph, ingested.inferred, vocabularies=model)
        m = matrix_of_graphs([data], base, shapes=shapes)
        triples = stored_conformance.triples(m, ingested.graph.graph_iri, self.stamp)
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), len(m.results)

    def shares(self, check: Any, base: str) -> bool:
        """Whether ``check`` validates what these shapes would (the same vocabularies)."""
        return (
            isinstance(check, IntegrityCheck)
            and check.ontology_dir is not None
            and check.base == normal_base(base)
            and Path(check.ontology_dir).resolve() == Path(self.ontology_dir).resolve()
        )


def _in_memory(*graphs: tuple[str, list[ox.Triple]]) -> EmbeddedStore:
    """A store in memory holding ``graphs`` (graph IRI, its triples)."""
    store = open_store(None)
    store.raw.extend(
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g)) for g, ts in graphs for t in ts
    )
    return store


_SETUP: _Setup | None = None


def _setup(
    base_iri: str,
    lexicon_dir: Path,
    check: Callable | None,
    reason: bool,
    conformance: Conformance | None = None,
    parent: int | None = None,
) -> None:
    global _SETUP
    if parent is not None:  # a worker: gone with the build, never left waiting for work
        die_with_parent(parent)
    _SETUP = _Setup(Iris(base_iri), lexicon_dir, check, reason, conformance)


def work(job: Job, setup: _Setup | None = None) -> Outcome:
    """Ingest and check one document (an :class:`IngestError` or unreadable file is an
    outcome with ``error``, not an exception)."""
    s = setup or _SETUP
    assert s is not None, "work() in a process that was not set up"
    started = time.perf_counter()
    path = job.path
    try:
        ingested = ingest_bytes(
            path.read_bytes(),
            path.stem,
            s.iris,
            job.source,
            str(path),
            lexicon_dir=s.lexicon_dir,
            reason=s.reason,
        )
        shared = s.check.data(ingested) if s.share_data else None
        if shared is not None:
            s.check(ingested, shared)
        elif s.check:
            s.check(ingested)
        triples = list(ingested.graph.triples())
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        inferred_triples = _inferred_triples(ingested)
        inferred = (
            None
            if inferred_triples is None
            else ox.serialize(inferred_triples, format=ox.RdfFormat.N_TRIPLES)
        )
        inferred_iri = s.iris.inferred_graph(ingested.graph.key)
        # what the whole-store steps need of this document, from its graphs alone
        alone = _in_memory(
            (ingested.graph.graph_iri, triples), (inferred_iri, inferred_triples or [])
        )
        profile = compare_stored.part(alone, ingested.graph.graph_iri, s.iris.base)
        evidence = supersede.evidence(alone, s.iris, [ingested.graph.graph_iri])
        conformance, found = (
            s.conformance.run(ingested, s.iris.base, shared) if s.conformance else (None, 0)
        )
    except (IngestError, OSError) as exc:
        return Outcome(job, error=str(exc), seconds=time.perf_counter() - started)
    p = ingested.parsed
    return Outcome(
        job,
        key=ingested.graph.key,
        graph_iri=ingested.graph.graph_iri,
        ntriples=data,
        triples=len(triples),
        chapters=len(p.chapters),
        provisions=len(p.provisions),
        spam=sum(1 for e in p.clean.report if e.kind == "spam"),
        warnings=[str(w) for w in p.warnings],
        seconds=time.perf_counter() - started,
        inferred_iri=inferred_iri,
        inferred=inferred,
        inferred_count=len(ingested.inferred) if ingested.inferred is not None else 0,
        conformance_iri=stored_conformance.graph_of(ingested.graph.graph_iri),
        conformance=conformance,
        conformance_results=found,
        profile=profile,
        evidence=evidence[ingested.graph.graph_iri],
    )


def _inferred_triples(ingested: Any) -> list[ox.Triple] | None:
    if ingested.inferred is None:
        return None
    try:
        return ox_triples(ingested.inferred)
    except ValueError as exc:
        raise IngestError(
            "reason", f"an inferred triple is not valid RDF: {exc}", doc_id=ingested.graph.key
        ) from exc


def run(
    jobs: list[Job],
    processes: int,
    base_iri: str,
    lexicon_dir: Path,
    check: Callable | None,
    reason: bool = True,
    conformance: Conformance | None = None,
) -> Iterable[Outcome]:
    """The outcomes of ``jobs``, in their order, from ``processes`` workers (1: this process).

    With several processes ``check`` must pickle (an
    :class:`~guize.validate.run.IntegrityCheck` does).  With ``conformance``, each document's
    conformance results are computed too (:mod:`guize.validate.stored`).
    """
    if processes <= 1 or len(jobs) <= 1:
        setup = _Setup(Iris(base_iri), lexicon_dir, check, reason, conformance)
        for job in jobs:
            yield work(job, setup)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=min(processes, len(jobs)),
        mp_context=context,
        initializer=_setup,
        initargs=(base_iri, lexicon_dir, check, reason, conformance, os.getpid()),
    ) as pool:
        try:
            yield from pool.map(work, jobs, chunksize=1)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
