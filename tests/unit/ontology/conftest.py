"""Fixtures of the ontology tests: the parsed model and the machine's java."""

from __future__ import annotations

import shutil

import pytest
from ontology_helpers import ONTOLOGY, VOCAB, parse
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
