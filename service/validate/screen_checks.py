"""The integrity shapes compiled into the screen's ASK queries (:func:`compile_checks`; see
:mod:`guize.validate.screen` for why each compiled query finds every violation pyshacl would).

Each constraint of a shape with targets becomes one query, true when some target node may
violate it: the targets (``sh:targetClass`` as SHACL instances, ``sh:targetNode``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf``) bound to ``?this``, the value nodes of a
property shape's path (any SHACL path, as a SPARQL property path) to ``?v``.  What is not
compiled raises :class:`Unscreened`, and the whole shapes graph is then left to pyshacl.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD

from guize.validate.mirror import Mirror
from guize.validate.screen_sparql import SparqlTexts, Unscreened

#: Predicates a shape may carry that do not constrain anything.
_INERT = {
    RDF.type, RDFS.label, RDFS.comment, SH.message, SH.severity, SH.name, SH.description,
    SH.order, SH.group, SH.deactivated,
}  # fmt: skip
#: Targets, compiled by :meth:`_Compiler.targets`.
_TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf}
#: The datatypes Oxigraph folds into xsd:integer.
_INTEGERS = {
    XSD.integer, XSD.nonPositiveInteger, XSD.negativeInteger, XSD.long, XSD.int, XSD.short,
    XSD.byte, XSD.nonNegativeInteger, XSD.unsignedLong, XSD.unsignedInt, XSD.unsignedShort,
    XSD.unsignedByte, XSD.positiveInteger,
}  # fmt: skip
_KINDS = {
    SH.IRI: "isIRI(?v)", SH.BlankNode: "isBlank(?v)", SH.Literal: "isLiteral(?v)",
    SH.BlankNodeOrIRI: "(isBlank(?v) || isIRI(?v))", SH.BlankNodeOrLiteral: "(isBlank(?v) || isLiteral(?v))",
    SH.IRIOrLiteral: "(isIRI(?v) || isLiteral(?v))",
}  # fmt: skip
_BOUNDS = {
    SH.minInclusive: ">=", SH.minExclusive: ">", SH.maxInclusive: "<=", SH.maxExclusive: "<",
}  # fmt: skip
#: The numeric datatypes (a bound of one of them is compared with numbers only).
_NUMBERS = _INTEGERS | {XSD.decimal, XSD.double, XSD.float}
#: Regular expressions written alike in Python's and Oxigraph's dialects.
_SIMPLE_PATTERN = re.compile(r"^[\w\[\]\-^$+*?{},.|() ]*$", re.ASCII)


@dataclass(frozen=True)
class Check:
    """One ASK query: yes means a target node may violate the shape ``shape``."""

    shape: str
    query: str
    folded_guard: frozenset[str] = frozenset()
    """Predicates: if the copy folded a literal of one of them, the check cannot tell."""
    integers: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = ()
    """(marker, predicates, allowed datatypes) of each datatype condition allowing an integer
    type: the marker becomes xsd:integer, the type the copy holds every integer as, only when
    every integer type among those predicates' literals (:attr:`Mirror.datatypes`) is allowed."""
    sparql: str | None = None
    """A SHACL-SPARQL text: where the copy could answer it otherwise than rdflib
    (:meth:`Mirror.agrees`), it is asked of each target node as pyshacl asks it."""
    target: str = ""

    def text(self, mirror: Mirror) -> str:
        out = self.query
        for marker, predicates, allowed in self.integers:
            found = set().union(*(mirror.datatypes.get(p, ()) for p in predicates))
            ok = {d for d in found if URIRef(d) in _INTEGERS} <= allowed
            out = out.replace(marker, f", <{XSD.integer}>" if ok else "")
        return out


def compile_checks(shapes_graph: Graph) -> list[Check]:
    """Every constraint of every shape with targets, as a :class:`Check`.

    :raises Unscreened: naming the first thing in the shapes that is not compiled.
    """
    return _Compiler(shapes_graph).compile()


class _Compiler:
    """Reads a shapes graph into :class:`Check` queries (:meth:`compile`)."""

    def __init__(self, sg: Graph) -> None:
        self.sg = sg
        self.sparql_texts = SparqlTexts(sg)
        self.components = self.sparql_texts.components
        self.markers = 0

    def compile(self) -> list[Check]:
        sg = self.sg
        # shapes without a target are validated only where another shape refers to them
        node_shapes = {s for p in _TARGETS | {SH.target} for s in sg.subjects(p, None)}
        for cls in (RDFS.Class, URIRef("http://www.w3.org/2002/07/owl#Class")):
            if any((s, RDF.type, cls) in sg for s in sg.subjects(RDF.type, SH.NodeShape)):
                raise Unscreened("a shape that is also a class (an implicit class target)")
        checks: list[Check] = []
        for shape in sorted(node_shapes, key=str):
            target = self.targets(shape)
            name = str(shape)
            for p, o in sg.predicate_objects(shape):
                if p in _INERT or p in _TARGETS:
                    continue
                if p == SH.property:
                    checks.extend(self.property_shape(name, target, o))
                elif p == SH.sparql:
                    checks.append(
                        _sparql_check(name, target, *self.sparql_texts.constraint(name, o))
                    )
                else:
                    checks.append(self.node_constraint(name, target, p, o))
        return checks

    # -- targets and paths -------------------------------------------------------------------

    def targets(self, shape: Any) -> str:
        if (shape, SH.target, None) in self.sg:
            raise Unscreened(f"a SPARQL target on {shape}")
        parts = []
        for c in self.sg.objects(shape, SH.targetClass):
            parts.append(f"?this a/<{RDFS.subClassOf}>* {_term(c)} .")
        for n in self.sg.objects(shape, SH.targetNode):
            parts.append(f"VALUES ?this {{ {_term(n)} }}")
        for p in self.sg.objects(shape, SH.targetSubjectsOf):
            parts.append(f"?this {_term(p)} [] .")
        for p in self.sg.objects(shape, SH.targetObjectsOf):
            parts.append(f"[] {_term(p)} ?this .")
        return "{ SELECT DISTINCT ?this WHERE { { " + " } UNION { ".join(parts) + " } } }"

    def path(self, node: Any) -> tuple[str, frozenset[str]]:
        """The SPARQL property path of a SHACL path, and the predicates it walks."""
        sg = self.sg
        if isinstance(node, URIRef):
            return _term(node), frozenset({str(node)})
        if (node, RDF.first, None) in sg:
            steps = [self.path(n) for n in Collection(sg, node)]
            return "(" + "/".join(s for s, _ in steps) + ")", frozenset().union(
                *(p for _, p in steps)
            )
        for key, fmt in (
            (SH.inversePath, "^{}"),
            (SH.zeroOrMorePath, "{}*"),
            (SH.oneOrMorePath, "{}+"),
            (SH.zeroOrOnePath, "{}?"),
        ):
            inner = sg.value(node, key)
            if inner is not None:
                text, preds = self.path(inner)
                return "(" + fmt.format(text) + ")", preds
        alternatives = sg.value(node, SH.alternativePath)
        if alternatives is not None:
            steps = [self.path(n) for n in Collection(sg, alternatives)]
            return "(" + "|".join(s for s, _ in steps) + ")", frozenset().union(
                *(p for _, p in steps)
            )
        raise Unscreened(f"a path the screen does not read: {node}")

    # -- shapes -----------------------------------------------------------------------------

    def property_shape(self, name: str, target: str, ps: Any) -> list[Check]:
        sg = self.sg
        path_node = sg.value(ps, SH.path)
        if path_node is None:
            raise Unscreened(f"a property shape without a path in {name}")
        path, preds = self.path(path_node)
        values = f"{target} ?this {path} ?v ."
        checks: list[Check] = []
        handled = {
            SH.path,
            SH.qualifiedMinCount,
            SH.qualifiedMaxCount,
            SH.qualifiedValueShapesDisjoint,
        }
        for p, o in sg.predicate_objects(ps):
            if p in _INERT or p in handled:
                continue
            if p == SH.minCount:
                n = int(o)
                checks.append(Check(name, _ask_count(target, path, "<", n, optional=True)))
            elif p == SH.maxCount:
                checks.append(Check(name, _ask_count(target, path, ">", int(o))))
            elif p in (SH.equals, SH.disjoint):
                other = _term(o)
                if p == SH.equals:
                    q = (
                        f"ASK {{ {{ {values} FILTER NOT EXISTS {{ ?this {other} ?v }} }} UNION "
                        f"{{ {target} ?this {other} ?v . FILTER NOT EXISTS {{ ?this {path} ?v }} }} }}"
                    )
                else:
                    q = f"ASK {{ {values} ?this {other} ?v . }}"
                checks.append(Check(name, q, folded_guard=preds | {str(o)}))
            elif p in (SH.lessThan, SH.lessThanOrEquals):
                op = "<" if p == SH.lessThan else "<="
                ok = f"(({_numeric('?v')} && {_numeric('?w')}) || {_same_kind('?v', '?w')}) && ?v {op} ?w"
                q = f"ASK {{ {values} ?this {_term(o)} ?w . FILTER (!COALESCE({ok}, false)) }}"
                checks.append(Check(name, q))
            elif p == SH.uniqueLang:
                if o.toPython() is True:
                    q = (
                        f"ASK {{ {values} ?this {path} ?w . FILTER (!sameTerm(?v, ?w) && "
                        f'LANG(?v) != "" && LCASE(LANG(?v)) = LCASE(LANG(?w))) }}'
                    )
                    checks.append(Check(name, q))
            elif p == SH.qualifiedValueShape:
                checks.extend(self.qualified(name, target, path, preds, ps, o))
            elif p == SH.sparql:
                raise Unscreened(f"a SPARQL constraint on a property shape of {name}")
            elif p in self.components:
                checks.append(
                    _sparql_check(name, target, *self.sparql_texts.component(name, path, ps, p))
                )
            else:
                cond, datatypes = self.condition(p, o, preds)
                q = f"ASK {{ {values} FILTER (!COALESCE({cond}, false)) }}"
                checks.append(Check(name, q, integers=datatypes))
        return checks

    def node_constraint(self, name: str, target: str, p: Any, o: Any) -> Check:
        """A constraint ``p o`` on the node shape itself: its value node is the focus node."""
        if p in (SH.property, SH.sparql) or p in self.components:
            raise Unscreened(f"{p} on {name}")
        cond, datatypes = self.condition(p, o, frozenset(), node=True)
        q = f"ASK {{ {target} BIND (?this AS ?v) FILTER (!COALESCE({cond}, false)) }}"
        return Check(name, q, integers=datatypes)

    def qualified(
        self, name: str, target: str, path: str, preds: frozenset[str], ps: Any, nested: Any
    ) -> list[Check]:
        sg = self.sg
        if (ps, SH.qualifiedValueShapesDisjoint, None) in sg and sg.value(
            ps, SH.qualifiedValueShapesDisjoint
        ).toPython():
            raise Unscreened(f"sh:qualifiedValueShapesDisjoint in {name}")
        cond, datatypes = self.shape_condition(nested, preds)
        checks = []
        for key, op in ((SH.qualifiedMinCount, "<"), (SH.qualifiedMaxCount, ">")):
            bound = sg.value(ps, key)
            if bound is not None and int(bound) == 1:  # the common case, without counting
                if op == "<":
                    q = f"ASK {{ {target} FILTER NOT EXISTS {{ ?this {path} ?v . FILTER (COALESCE({cond}, false)) }} }}"
                else:
                    both = f"COALESCE({cond}, false) && COALESCE({_on('?w', cond)}, false)"
                    q = f"ASK {{ {target} ?this {path} ?v . ?this {path} ?w . FILTER (!sameTerm(?v, ?w) && {both}) }}"
                checks.append(Check(name, q, integers=datatypes))
            elif bound is not None:
                where = f"OPTIONAL {{ ?this {path} ?v . FILTER (COALESCE({cond}, false)) }}"
                q = (
                    f"ASK {{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {target} {where} }} "
                    f"GROUP BY ?this }} FILTER (?n {op} {int(bound)}) }}"
                )
                checks.append(Check(name, q, integers=datatypes))
        return checks

    def shape_condition(self, shape: Any, preds: frozenset[str]) -> tuple[str, tuple]:
        """A SPARQL condition on ``?v``: it conforms to the (nested, target-less) ``shape``."""
        parts, datatypes = [], []
        for p, o in self.sg.predicate_objects(shape):
            if p in _INERT:
                continue
            cond, found = self.condition(p, o, preds)
            parts.append(cond)
            datatypes.extend(found)
        if not parts:
            raise Unscreened(f"an empty nested shape {shape}")
        return "(" + " && ".join(parts) + ")", tuple(datatypes)

    def condition(
        self, p: Any, o: Any, preds: frozenset[str], node: bool = False
    ) -> tuple[str, tuple]:
        """A SPARQL condition on ``?v``: it satisfies the constraint ``p o`` (an error: no)."""
        sg = self.sg
        if p == SH["class"]:
            return f"EXISTS {{ ?v a/<{RDFS.subClassOf}>* {_term(o)} }}", ()
        if p == SH.datatype:
            return self.datatypes([o], preds, node)
        if p == SH.nodeKind:
            if o not in _KINDS:
                raise Unscreened(f"sh:nodeKind {o}")
            return _KINDS[o], ()
        if p == SH["in"]:
            items = list(Collection(sg, o))
            if any(isinstance(i, Literal) and i.datatype in _INTEGERS for i in items):
                raise Unscreened("an integer in sh:in (the copy folds integer datatypes)")
            return "(" + (
                " || ".join(f"sameTerm(?v, {_term(i)})" for i in items) or "false"
            ) + ")", ()
        if p == SH.pattern:
            if (None, SH.flags, None) in sg or not _SIMPLE_PATTERN.match(str(o)):
                raise Unscreened(f"sh:pattern {o!s}")
            return f"(!isBlank(?v) && REGEX(STR(?v), {_term(Literal(str(o)))}))", ()
        if p in (SH.minLength, SH.maxLength):
            op = ">=" if p == SH.minLength else "<="
            return f"(!isBlank(?v) && STRLEN(STR(?v)) {op} {int(o)})", ()
        if p == SH.languageIn:
            tags = [str(t) for t in Collection(sg, o)]
            matches = " || ".join(f"langMatches(LANG(?v), {_term(Literal(t))})" for t in tags)
            return f"(isLiteral(?v) && ({matches or 'false'}))", ()
        if p in _BOUNDS:
            bound = _term(o)
            kind = (
                _numeric("?v")
                if _is_number(o)
                else f"DATATYPE(?v) = {_term(o.datatype or XSD.string)}"
            )
            return f"(isLiteral(?v) && {kind} && ?v {_BOUNDS[p]} {bound})", ()
        if p == SH["or"]:
            parts, found = [], []
            for branch in Collection(sg, o):
                cond, more = self.shape_condition(branch, preds)
                parts.append(cond)
                found.extend(more)
            return "(" + (" || ".join(parts) or "false") + ")", tuple(found)
        raise Unscreened(f"the constraint {p}")

    def datatypes(self, allowed: list[Any], preds: frozenset[str], node: bool) -> tuple[str, tuple]:
        """The condition ``?v`` has one of the ``allowed`` datatypes.  The copy holds any
        integer type as xsd:integer: it is accepted there only when the original datatypes of
        the folded literals of ``preds`` are all allowed (:func:`_trusted` checks that)."""
        names = {URIRef(d) for d in allowed}
        listed = ", ".join(
            ["<urn:guize:screen:none>"] + [_term(d) for d in sorted(names - _INTEGERS)]
        )
        if not names & _INTEGERS:
            return f"(isLiteral(?v) && DATATYPE(?v) IN ({listed}))", ()
        if node:
            raise Unscreened("an integer datatype on a node shape")
        self.markers += 1
        marker = f"#integer{self.markers}#\n"  # a comment until replaced
        cond = f"(isLiteral(?v) && DATATYPE(?v) IN ({listed} {marker}))"
        return cond, ((marker, preds, frozenset(str(d) for d in names)),)


def _sparql_check(name: str, target: str, prefixes: str, select: str) -> Check:
    query = f"{prefixes}ASK {{ {target} {{ {select} }} }}"
    return Check(name, query, sparql=prefixes + select, target=target)


def _ask_count(target: str, path: str, op: str, n: int, optional: bool = False) -> str:
    if optional and op == "<" and n == 1:
        return f"ASK {{ {target} FILTER NOT EXISTS {{ ?this {path} ?v }} }}"
    if op == ">" and n == 1:
        return f"ASK {{ {target} ?this {path} ?v . ?this {path} ?w . FILTER (!sameTerm(?v, ?w)) }}"
    where = f"OPTIONAL {{ ?this {path} ?v }}" if optional else f"?this {path} ?v ."
    return (
        f"ASK {{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {target} {where} }} "
        f"GROUP BY ?this }} FILTER (?n {op} {n}) }}"
    )


def _on(var: str, cond: str) -> str:
    """``cond``, a condition on ``?v``, on ``var`` instead."""
    return re.sub(r"\?v(?![\w\u00b7\u00c0-\uffff])", var, cond)


def _numeric(var: str) -> str:
    return f"(isNumeric({var}))"


def _same_kind(a: str, b: str) -> str:
    return (
        f"(isLiteral({a}) && isLiteral({b}) && !isNumeric({a}) && DATATYPE({a}) = DATATYPE({b}) "
        f'&& LANG({a}) = "" && LANG({b}) = "")'
    )


def _is_number(term: Any) -> bool:
    return isinstance(term, Literal) and term.datatype in _NUMBERS


def _term(t: Any) -> str:
    if isinstance(t, URIRef):
        return f"<{t}>"
    if isinstance(t, BNode):
        raise Unscreened("a blank node as a constant in a shape")
    if isinstance(t, Literal):
        return t.n3()
    raise Unscreened(f"not an RDF term: {t!r}")
