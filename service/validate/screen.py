"""A screen for the build's integrity check: the integrity shapes asked of a document's Oxigraph
copy as a few dozen SPARQL ``ASK`` queries, before pyshacl validates it focus node by focus node.

A document the build writes almost always conforms, and pyshacl took about a third of the work
on one (its per-focus-node Python).  :class:`Screen` asks, for each constraint of each shape,
whether *some* target node could violate it.  When no query answers yes, the document conforms
and pyshacl is not run; when one does, pyshacl validates as before and writes the report.  So
the screen decides nothing but "no violation here": it must never miss a violation pyshacl would
find, and may raise a false alarm (which costs the time it saves).

It is exact where it says no, because:

- it compiles only what it understands (targets by class, subjects or objects of a property or
  node; property paths; the core constraints below; SHACL-SPARQL constraints and constraint
  components whose query gives, with ``$this`` left free and joined to the targets, the answers
  it gives with ``$this`` pre-bound (:func:`~guize.validate.screen_sparql.free_this`)); a shapes graph with anything else is
  not screened at all (:attr:`Screen.why_not`);
- it runs on the copy only where that gives rdflib's answers (:mod:`guize.validate.mirror`): the
  copy's one difference, subtypes of xsd:integer folded into xsd:integer, is taken into account
  by datatype, ``sh:in`` and ``sh:equals`` checks (:mod:`guize.validate.screen_checks`), and a
  SHACL-SPARQL query the copy could answer otherwise than rdflib raises the alarm;
- a value compared with a bound (``sh:minInclusive`` …, ``sh:lessThanOrEquals``) passes only
  when both are numbers or of one datatype, and the comparison holds.

The tests check it against pyshacl on documents made to break each kind of constraint.
"""

from __future__ import annotations

from rdflib import URIRef

from guize.rdf.oxterms import to_rdflib
from guize.validate.mirror import Mirror, MirroredQueryGraph
from guize.validate.screen_checks import Check, Unscreened, compile_checks
from guize.validate.shapes import Shapes

#: ``$this`` bound to some IRI: whether a query's answers could differ between the engines
_ANY_NODE = {"this": URIRef("urn:guize:screen")}


class Screen:
    """The integrity shapes as ASK queries (see the module's docstring)."""

    def __init__(self, shapes: Shapes) -> None:
        self.checks: list[Check] = []
        self.why_not: str | None = None
        try:
            self.checks = compile_checks(shapes.graph)
        except Unscreened as exc:
            self.why_not = str(exc)

    def clear(self, data: MirroredQueryGraph) -> bool:
        """Whether no node of ``data`` can violate the shapes (False: validate with pyshacl)."""
        mirror = data.mirror
        if mirror is None or self.why_not is not None:
            return False
        for check in self.checks:
            if check.folded_guard & mirror.folded_predicates:
                return False
            if check.sparql is not None and not mirror.agrees(check.sparql, _ANY_NODE):
                if _answered_per_node(check, data, mirror):
                    return False
            elif bool(mirror.store.query(check.text(mirror))):
                return False
        return True


def _answered_per_node(check: Check, data: MirroredQueryGraph, mirror: Mirror) -> bool:
    """Whether the SHACL-SPARQL query of ``check`` answers for some target node, asked as
    pyshacl asks it: once per node, ``$this`` pre-bound, on rdflib where the copy could differ."""
    nodes = mirror.store.query(f"SELECT DISTINCT ?this WHERE {{ {check.target} }}")
    for row in nodes:
        if len(data.query(check.sparql, initBindings={"this": to_rdflib(row[0])})):
            return True
    return False
