"""Fixtures of the ontology tests: the parsed model, the writer's output and the machine's java."""

from __future__ import annotations

import shutil

import pytest
from ontology_helpers import BASE, ONTOLOGY, ROOT, VOCAB, parse
from rdflib import Graph


@pytest.fixture(scope="session")
def model() -> Graph:
    """The ontology and every concept scheme (what the service loads), without examples."""
    return parse([ONTOLOGY, *VOCAB])


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """guize.ttl alone."""
    return parse([ONTOLOGY])


@pytest.fixture(scope="session")
def java() -> str:
    """The machine's java, which owlready2 runs HermiT with."""
    exe = shutil.which("java")
    assert exe, "java is not on PATH: owlready2 needs it to run HermiT"
    return exe


@pytest.fixture(scope="session")
def written() -> Graph:
    """The graphs the ingest pipeline (to_rdf.py + facts_rdf.py) writes for every file in data/raw/."""
    from guize.ingest.sources import load_sources
    from guize.iris import Iris
    from guize.pipeline import ingest_bytes

    raw = ROOT / "data" / "raw"
    sources = load_sources(raw)
    g = Graph()
    for path in sorted(raw.glob("*.txt")):
        g += ingest_bytes(
            path.read_bytes(), path.stem, Iris(BASE), sources.get(path.name)
        ).graph.graph
    assert len(g) > 1000
    return g
