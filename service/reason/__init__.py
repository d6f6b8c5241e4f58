"""Reasoning (推理): the ontology's axioms applied to each document's graph.

``rules.py`` compiles the TBox once (cached by the ontology's content hash) into a few rules —
the sub-property closure, property chains, self restrictions and defined classes;
``materialise.py`` applies them to one document graph in-process (no JVM in the build);
``hermit.py`` runs HermiT through owlready2 for ``guize reason`` (consistency).
"""

from guize.reason.materialise import materialise
from guize.reason.rules import Rules, compile_rules

__all__ = ["Rules", "compile_rules", "materialise"]
