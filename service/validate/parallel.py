"""Validating the documents of an embedded store in worker processes.

Each worker opens the store read-only, loads the shapes and the store's vocabularies once, and
validates a share of the document graphs; it hands back the results and its report graph (as
N-Triples), which :func:`~guize.validate.run.validate_store` puts together as it does its own.
Workers are started with ``spawn`` (never ``fork``).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from guize.store.embedded import EmbeddedStore
from guize.validate import run
from guize.validate.inputs import rdflib_graph
from guize.validate.report import Report, Result
from guize.validate.shapes import load_shapes, normal_base

_WORKER: dict[str, Any] = {}


def _setup(store_path: str, shapes: str, shapes_dir: str | None, base: str) -> None:
    store = EmbeddedStore(store_path, read_only=True)
    _WORKER.update(
        store=store,
        shapes=load_shapes(shapes, base, Path(shapes_dir) if shapes_dir else None),
        model=run.store_model(store, base),
        base=base,
    )


def _chunk(graphs: list[str]) -> list[tuple[list[Result], bytes, list[str]]]:
    w = _WORKER
    out = []
    for g in graphs:
        one = run.validate_one(
            run.document_graph(w["store"], g), w["shapes"], w["base"], w["model"]
        )
        out.append((one.results, one.graph.serialize(format="nt", encoding="utf-8"), one.documents))
    return out


def validate_store_in_workers(
    store: Any,
    store_path: str | Path,
    shapes: str = "all",
    base_iri: str = run.DEFAULT_BASE_IRI,
    *,
    shapes_dir: str | Path | None = None,
    jobs: int = 2,
) -> Report:
    """What :func:`~guize.validate.run.validate_store` answers, from ``jobs`` worker processes
    that each open the embedded store at ``store_path`` read-only.

    :param shapes: integrity | conformance | all (the workers load them from ``shapes_dir``).
    """
    base = normal_base(base_iri)
    shapes_loaded = load_shapes(shapes, base, Path(shapes_dir) if shapes_dir else None)
    graphs = run.store_documents(store, base)
    if jobs <= 1 or len(graphs) < 2 * jobs:  # starting workers would cost more than it saves
        return run.validate_store(store, shapes_loaded, base, graphs=graphs)
    size = max(1, min(25, len(graphs) // (jobs * 4)))
    chunks = [graphs[i : i + size] for i in range(0, len(graphs), size)]
    parts = []
    with ProcessPoolExecutor(
        max_workers=max(1, min(jobs, len(chunks))),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_setup,
        initargs=(str(store_path), shapes, str(shapes_dir) if shapes_dir else None, base),
    ) as pool:
        for part in pool.map(_chunk, chunks):
            parts.extend(run.One(r, rdflib_graph(nt), d) for r, nt, d in part)
    return run.combine(parts, base)
