"""Helpers for the ontology tests: where the Turtle files are, how to parse them, how to run HermiT.

Loading helpers live in the tests on purpose: the application parses the same files itself
with rdflib (``publicID=``) or pyoxigraph (``base_iri=``).
"""

from __future__ import annotations

from pathlib import Path

import owlready2
from rdflib import Graph

ROOT = Path(__file__).resolve().parents[3]
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY = ONTOLOGY_DIR / "guize.ttl"
VOCAB = sorted((ONTOLOGY_DIR / "vocab").glob("*.ttl"))
EXAMPLES = sorted((ONTOLOGY_DIR / "examples").glob("*.ttl"))
ALL_TTL = [ONTOLOGY, *VOCAB, *EXAMPLES]

#: The model's stable namespace (service/namespaces.py, NAMESPACE): the files' base.
BASE = "https://w3id.org/guize/"
GZ = BASE + "ontology#"


def parse(paths: list[Path], base: str = BASE) -> Graph:
    """Parse Turtle files into one rdflib graph, resolving relative IRIs against ``base``."""
    g = Graph()
    for p in paths:
        g.parse(p, format="turtle", publicID=base)
    return g


class Inconsistent(Exception):
    """HermiT found the ontology (with its data) inconsistent."""


def run_hermit(
    graph: Graph, tmp_path: Path, java: str, *, ignore_unsupported_datatypes: bool = False
):
    """Run HermiT (through owlready2) on ``graph``; return the reasoned owlready2 World.

    :raises Inconsistent: if HermiT reports an inconsistency.
    """
    owlready2.JAVA_EXE = java
    path = tmp_path / "guize.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    try:
        owlready2.sync_reasoner_hermit(
            world,
            infer_property_values=False,
            debug=0,
            ignore_unsupported_datatypes=ignore_unsupported_datatypes,
        )
    except owlready2.OwlReadyInconsistentOntologyError as exc:
        raise Inconsistent(str(exc)) from exc
    return world
