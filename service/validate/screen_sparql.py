"""SHACL-SPARQL for the integrity screen (:mod:`guize.validate.screen`): the ``SELECT`` texts
of a shapes graph's SPARQL constraints and constraint components, with their prefixes and
parameters written in (:class:`SparqlTexts`), and whether such a query can be asked once with
``$this`` free, joined to the target nodes, instead of once per target node with ``$this``
pre-bound (:func:`free_this`).
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import RDF, Graph, URIRef, Variable
from rdflib.namespace import SH
from rdflib.plugins.sparql.parserutils import CompValue

from guize.validate.mirror import query_plan
from guize.validate.prepared import prepared

THIS = Variable("this")


class Unscreened(Exception):
    """Something in the shapes the screen does not compile."""


class SparqlTexts:
    """The SHACL-SPARQL of a shapes graph, as texts the screen can ask with ``$this`` free."""

    def __init__(self, sg: Graph) -> None:
        self.sg = sg
        self.components = self._components()

    def _components(self) -> dict[Any, Any]:
        """parameter predicate → property validator, of each SPARQL constraint component."""
        out = {}
        for comp in self.sg.subjects(RDF.type, SH.ConstraintComponent):
            params = [self.sg.value(p, SH.path) for p in self.sg.objects(comp, SH.parameter)]
            if len(params) != 1:
                raise Unscreened(f"a constraint component of {len(params)} parameters: {comp}")
            validator = self.sg.value(comp, SH.propertyValidator)
            if validator is None or (comp, SH.validator, None) in self.sg:
                raise Unscreened(f"a constraint component without a property validator: {comp}")
            out[params[0]] = validator
        return out

    def component(self, name: str, path: str, ps: Any, param: Any) -> tuple[str, str]:
        """The validator of the component of ``param`` on the property shape ``ps``, its path
        and parameter written in: (prefixes, select)."""
        validator = self.components[param]
        value = self.sg.value(ps, param)
        if not isinstance(value, URIRef):
            raise Unscreened(f"a constraint component parameter that is not an IRI in {name}")
        text = str(self.sg.value(validator, SH.select))
        local = re.split(r"[#/]", str(param))[-1]
        text = _replace_var(_replace_var(text, "PATH", path), local, f"<{value}>")
        return self._free(name, text, validator)

    def constraint(self, name: str, constraint: Any) -> tuple[str, str]:
        """The ``sh:select`` of a SPARQL constraint: (prefixes, select)."""
        text = self.sg.value(constraint, SH.select)
        if text is None:
            raise Unscreened(f"a SPARQL constraint without sh:select in {name}")
        return self._free(name, str(text), constraint)

    def _free(self, name: str, select: str, holder: Any) -> tuple[str, str]:
        prefixes = self._prefixes(holder)
        if not re.match(r"\s*SELECT\b", select, re.I):
            raise Unscreened(f"a SPARQL constraint that is not a bare SELECT in {name}")
        plan = query_plan(prefixes + select)
        if plan is None or "this" not in plan.projected or not free_this(prefixes + select):
            raise Unscreened(f"a SPARQL constraint of {name} that needs $this pre-bound")
        return prefixes, select

    def _prefixes(self, holder: Any) -> str:
        sg = self.sg
        lines = [
            f"PREFIX {sg.value(decl, SH.prefix)}: <{sg.value(decl, SH.namespace)}>"
            for node in sg.objects(holder, SH.prefixes)
            for decl in sg.objects(node, SH.declare)
        ]
        return "\n".join(sorted(lines)) + "\n"


def _replace_var(text: str, name: str, value: str) -> str:
    return re.sub(r"\$" + re.escape(name) + r"(?![\w\u00b7\u00c0-\uffff])", lambda _: value, text)


def algebra(text: str) -> Any:
    """The algebra of a SELECT text, below the query node (rdflib's parser, cached)."""
    return prepared(text).algebra["p"]


#: Algebra nodes through which a free ``$this`` gives the pre-bound answers (see free_this).
_PASS = {"Project", "Distinct", "Reduced", "OrderBy"}


def free_this(text: str) -> bool:
    """Whether the query, with ``$this`` free, answers for each value x of ``$this`` what it
    answers with ``$this`` pre-bound to x: every part of it that mentions ``$this`` is
    evaluated where ``$this`` is already bound by a triple pattern (so filters, BIND and the
    right side of OPTIONAL see the value), and nothing counts, limits or unions across values."""
    return _binds(algebra(text)) is True


def _binds(node: Any) -> bool | None:
    """True: binds $this wherever it matches; False: does not mention it; None: unsafe."""
    name = node.name if isinstance(node, CompValue) else None
    if name == "BGP":
        return any(THIS in t for t in node["triples"])
    if name in _PASS:
        return _binds(node["p"])
    if name == "Join":
        a, b = _binds(node["p1"]), _binds(node["p2"])
        return None if a is None or b is None else (a or b)
    if name == "LeftJoin":
        a, b = _binds(node["p1"]), _binds(node["p2"])
        if a is None or b is None or ((b or _mentions(node.get("expr"))) and not a):
            return None
        return a
    if name in ("Filter", "Extend"):
        inner = _binds(node["p"])
        if inner is None or (_mentions(node["expr"]) and not inner):
            return None
        if name == "Extend" and node["var"] == THIS:
            return None
        return inner
    return None


def _mentions(node: Any) -> bool:
    if node is None:
        return False
    if isinstance(node, Variable):
        return node == THIS
    if isinstance(node, dict):
        return any(_mentions(v) for k, v in node.items() if k != "_vars")
    if isinstance(node, list | tuple):
        return any(_mentions(v) for v in node)
    return False
