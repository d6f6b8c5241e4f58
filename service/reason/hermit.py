"""HermiT through owlready2 (``guize reason``): is the ontology with the data consistent?

One JVM run on the whole graph handed in (the ontology, its vocabularies and whatever
documents the caller adds); never called by the build.  owlready2 0.51's Pellet needs Java ≥ 21,
HermiT runs on Java 17.

With document data, HermiT gets the ontology *without* the axioms the build materialises
(:func:`rule_free`: keys, property chains, self restrictions, the defined classes) and the
documents *with* their inferred graphs: the defined classes rest on nominals
(``owl:hasValue``, ``owl:oneOf``), which took HermiT over five minutes on the six documents where
the rest takes about fifteen seconds.  Those axioms are checked by HermiT on the ontology alone
and on small examples (tests/unit/reason/).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import owlready2
from rdflib import OWL, Graph

from guize.reason.rules import Rules


@dataclass(frozen=True)
class HermitResult:
    consistent: bool
    unsatisfiable: tuple[str, ...]  # IRIs of classes that can have no member
    seconds: float
    message: str = ""


class NoJava(RuntimeError):
    """No ``java`` on PATH: HermiT cannot run."""


def run_hermit(ntriples: bytes) -> HermitResult:
    """HermiT's verdict on an N-Triples graph (literals of datatypes outside the OWL 2 map,
    such as ``xsd:date``, are ignored).

    :raises NoJava: when there is no java to run it with.
    """
    java = shutil.which("java")
    if not java:
        raise NoJava("no java on PATH: HermiT (owlready2) needs Java 17 or later")
    owlready2.JAVA_EXE = java
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="guize-reason-") as tmp:
        path = Path(tmp) / "graph.nt"
        path.write_bytes(ntriples)
        world = owlready2.World()
        world.get_ontology(path.as_uri()).load()
        try:
            owlready2.sync_reasoner_hermit(
                world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
            )
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return HermitResult(False, (), time.perf_counter() - started, str(exc))
        unsat = tuple(
            sorted(c.iri for c in world.inconsistent_classes() if c is not owlready2.Nothing)
        )
        world.close()
    return HermitResult(True, unsat, time.perf_counter() - started)


def rule_free(g: Graph, rules: Rules) -> Graph:
    """``g`` without the axioms :mod:`guize.reason.rules` compiles (keys, chains, the
    equivalences of self-restriction and defined classes): what HermiT reasons over together
    with materialised document data."""
    out = Graph()
    defined = {*rules.selves, *(d.cls for d in rules.defined)}
    for s, p, o in g:
        if p in (OWL.hasKey, OWL.propertyChainAxiom):
            continue
        if p == OWL.equivalentClass and s in defined:
            continue
        out.add((s, p, o))
    return out
