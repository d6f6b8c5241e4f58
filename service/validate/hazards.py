"""Where rdflib's SPARQL engine and Oxigraph's could answer a query differently, on the same
data (see :mod:`guize.validate.mirror`).

*Folded literals.*  rdflib keeps ``"5"^^xsd:positiveInteger``; an Oxigraph store holds
``"5"^^xsd:integer``.  Both compare them by value, and their lexical forms are the same, so
``STR`` and messages agree.  They differ where a query looks at the term itself: ``DATATYPE``,
``sameTerm``, grouping and aggregates, ``MINUS``, ``VALUES``, sub-queries, a typed literal
written in a triple pattern (other than ``true`` and ``false``), and a variable matched
against the objects of two patterns (or given by ``BIND``) where both could be such literals
(a property path's objects are those of its last step's predicates; an inverse step's are
subjects, never literals).

*Comparisons of unlike literals.*  rdflib orders literals of different kinds (the string
``"1994"`` after the integer ``2000``) where SPARQL, and Oxigraph, make it an error; and its
``IN`` compares terms, not values.  So a comparison whose sides could be literals of two kinds
(numbers, strings, language-tagged strings, or one other datatype each), an ordering of
language-tagged strings, and an ``IN`` over literals or variables, run on rdflib.

:func:`hazards` lists what a query does of these; :meth:`Hazards.safe` decides for a graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
from rdflib.plugins.sparql.parserutils import CompValue

#: Algebra nodes whose answer depends on the exact term of a literal.
_TERM_SENSITIVE = {
    "Builtin_DATATYPE",
    "Builtin_sameTerm",
    "Group",
    "AggregateJoin",
    "Minus",
    "ToMultiSet",
    "values",
    "SubSelect",
}

_NUMERIC = {
    str(XSD[t])
    for t in (
        "integer decimal float double nonPositiveInteger negativeInteger long int short byte "
        "nonNegativeInteger unsignedLong unsignedInt unsignedShort unsignedByte positiveInteger"
    ).split()
}
NODE = "node"
"""The kind of an IRI or blank node."""
_ORDERING = {"<", ">", "<=", ">="}


def kind(term: Any) -> str:
    """What a term is, for comparing: ``node``, ``lang``, ``string``, ``numeric``, or the
    datatype's IRI."""
    if not isinstance(term, Literal):
        return NODE
    if term.language:
        return "lang"
    if term.datatype is None or term.datatype == XSD.string:
        return "string"
    return "numeric" if str(term.datatype) in _NUMERIC else str(term.datatype)


#: An operand of a comparison: ("const", kind), ("var", name) or ("expr", "").
Operand = tuple[str, str]


@dataclass(frozen=True)
class Hazards:
    term_sensitive: bool
    """The query uses something that tells terms apart beyond their value (see above)."""
    patterns: tuple[tuple[str, str | None], ...]
    """(variable, predicate) for each triple pattern with a variable object; predicate None
    when it is a variable or a property path."""
    nodes: frozenset[str]
    """Variables in the subject or predicate place of a pattern."""
    bound: frozenset[str]
    """Variables given a value by BIND."""
    comparisons: tuple[tuple[str, Operand, Operand], ...]
    """(operator, left, right) of each comparison."""
    unsafe_comparison: bool
    """An ``IN`` over literals or variables, or a comparison of another shape."""

    @property
    def object_variables(self) -> frozenset[str]:
        return frozenset(v for v, _ in self.patterns)

    def joins(self, folded: Collection[str], integers: Collection[str]) -> bool:
        """Whether a variable could join a folded literal with another literal the store holds
        as xsd:integer: it is the object of a pattern whose predicate has folded objects
        (``folded``), and of another whose predicate has xsd:integer objects (``integers``,
        folded ones included), or it is given by BIND and matched against such objects."""
        by_var: dict[str, list[str | None]] = defaultdict(list)
        for var, pred in self.patterns:
            by_var[var].append(pred)
        for var, preds in by_var.items():
            folds = [i for i, p in enumerate(preds) if p is None or p in folded]
            ints = [i for i, p in enumerate(preds) if p is None or p in integers]
            if var in self.bound and ints:
                return True
            if any(a != b for a in folds for b in ints):
                return True
        return False

    def mixed(self, kinds: Mapping[str, frozenset[str]], bindings: Mapping[str, Any]) -> bool:
        """Whether a comparison could meet literals of two kinds (or order language-tagged
        strings), given the kinds of each predicate's objects in the graph (``kinds``) and the
        pre-bound values."""
        if self.unsafe_comparison:
            return True
        every = frozenset().union(*kinds.values()) | {NODE} if kinds else frozenset({NODE})
        for op, left, right in self.comparisons:
            seen = self._kinds(left, kinds, bindings, every) | self._kinds(
                right, kinds, bindings, every
            )
            literal = seen - {NODE}
            if len(literal) > 1 or (op in _ORDERING and "lang" in literal):
                return True
        return False

    def _kinds(
        self,
        operand: Operand,
        kinds: Mapping[str, frozenset[str]],
        bindings: Mapping[str, Any],
        every: frozenset[str],
    ) -> frozenset[str]:
        what, value = operand
        if what == "const":
            return frozenset({value})
        if what != "var" or value in self.bound:
            return every
        if value in bindings:
            return frozenset({kind(bindings[value])})
        out: set[str] = set()
        found = value in self.nodes
        if found:
            out.add(NODE)
        for var, pred in self.patterns:
            if var == value:
                found = True
                out |= every if pred is None else kinds.get(pred, frozenset())
        return frozenset(out) if found else every


def hazards(algebra: Any) -> Hazards:
    """What a parsed query (rdflib's algebra) does that :class:`Hazards` asks about."""
    found = _Walk()
    found.visit(algebra, set())
    return Hazards(
        found.sensitive,
        tuple(found.patterns),
        frozenset(found.nodes),
        frozenset(found.bound),
        tuple(found.comparisons),
        found.unsafe_comparison,
    )


class _Walk:
    def __init__(self) -> None:
        self.sensitive = False
        self.unsafe_comparison = False
        self.patterns: list[tuple[str, str | None]] = []
        self.nodes: set[str] = set()
        self.bound: set[str] = set()
        self.comparisons: list[tuple[str, Operand, Operand]] = []

    def visit(self, node: Any, seen: set[int]) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name in _TERM_SENSITIVE or node.name.startswith("Aggregate_"):
                self.sensitive = True
            if node.name == "Extend" and isinstance(node.get("var"), Variable):
                self.bound.add(str(node["var"]))
            if node.name == "RelationalExpression" and node.get("other") is not None:
                self.comparison(node)
            if node.name == "BGP":
                for triple in node.get("triples") or ():
                    self.triple(*triple)
            elif node.name == "TriplesBlock":
                for flat in node.get("triples") or ():
                    for i in range(0, len(flat) - 2, 3):
                        self.triple(*flat[i : i + 3])
            for value in node.values():
                self.visit(value, seen)
        elif isinstance(node, list | tuple | set | frozenset):
            for value in node:
                self.visit(value, seen)

    def comparison(self, node: CompValue) -> None:
        op = node["op"]
        if op in ("IN", "NOT IN"):
            if not all(isinstance(x, URIRef) for x in node["other"] or ()):
                self.unsafe_comparison = True
            return
        self.comparisons.append((op, _operand(node["expr"]), _operand(node["other"])))

    def triple(self, s: Any, p: Any, o: Any) -> None:
        if isinstance(o, Literal) and o.datatype not in (None, XSD.string) and not _exact(o):
            self.sensitive = True
        for term in (s, p):
            if isinstance(term, Variable):
                self.nodes.add(str(term))
        if isinstance(o, Variable | BNode):
            name = str(o) if isinstance(o, Variable) else f"_:{o}"
            if isinstance(p, URIRef):
                self.patterns.append((name, str(p)))
                return
            last = _last_predicates(p)
            if last is None:
                self.patterns.append((name, None))
            elif not last:  # an inverse path: its objects are subjects, never literals
                self.nodes.add(name)
            for pred in sorted(last or ()):
                self.patterns.append((name, pred))


def _exact(lit: Literal) -> bool:
    """A typed literal both engines match as written: ``true`` or ``false`` (a boolean is never
    folded, and these are both engines' canonical forms; Oxigraph rewrites other constants,
    such as ``"1.50"^^xsd:decimal``, that rdflib matches only as written)."""
    return lit.datatype == XSD.boolean and str(lit) in ("true", "false")


def _last_predicates(path: Any) -> frozenset[str] | None:
    """The predicates whose objects a property path's last step gives (empty: only subjects,
    for an inverse step); None where that is not known (a path that can have length zero
    gives back its start, and a negated one any predicate's objects)."""
    if isinstance(path, URIRef):
        return frozenset({str(path)})
    if isinstance(path, InvPath):
        return frozenset()
    if isinstance(path, SequencePath):
        return _last_predicates(path.args[-1])
    if isinstance(path, AlternativePath):
        found = [_last_predicates(a) for a in path.args]
        return None if any(f is None for f in found) else frozenset().union(*found)
    if isinstance(path, MulPath) and path.mod == "+":
        return _last_predicates(path.path)
    return None


def _operand(term: Any) -> Operand:
    if isinstance(term, Variable):
        return ("var", str(term))
    if isinstance(term, URIRef | Literal):
        return ("const", kind(term))
    return ("expr", "")
