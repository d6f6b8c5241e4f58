"""One query for every focus node of a SHACL-SPARQL constraint, instead of one each.

pyshacl runs a constraint's SELECT once per focus node, with ``$this`` pre-bound: a shape
targeting a document's facts asks the same query a few hundred times.  Where the answer for a
pre-bound ``$this`` is exactly the answers of the query with ``$this`` free whose ``$this`` is
that node, the query can run once, its answers grouped by ``$this``, and each later focus node
answered from the groups (:class:`Batches`).

That holds when every answer binds ``$this`` through a triple pattern of the query's top
level (:func:`batchable`): a basic graph pattern of the ``WHERE`` group, its joins, the left
side of an ``OPTIONAL``, under filters and ``BIND``.  A triple pattern elsewhere that mentions
``$this`` then joins on it, as pre-binding would; and so does an expression (``FILTER``,
``BIND``, ``(NOT) EXISTS``) evaluated where ``$this`` is bound already.  An expression that
reads ``$this`` in a group that does not bind it (``{ ?x ex:p ?y FILTER (?y != $this) }``
joined to the top level, say) would see it unbound, so such a query is not batched.  Nor: ``$this`` only inside a ``UNION``, ``MINUS``, ``GRAPH`` or a sub-query
(pre-binding reaches into a sub-query, a free variable would not), grouping, ``LIMIT`` and
``ORDER BY``, and ``$this`` not projected.  A query is answered alone for its first focus node
and batched from the second, so one asked for a single node never costs more.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rdflib import URIRef, Variable
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result

THIS = "this"

#: Algebra nodes passed through on the way down to the patterns that bind ``$this``.
_THROUGH = {"SelectQuery", "Project", "Distinct", "Reduced", "Filter", "Extend"}


def batchable(algebra: Any, text: str, projected: frozenset[str]) -> bool:
    """Whether a SELECT (rdflib's algebra of ``text``) may be batched over ``$this``."""
    if THIS not in projected or text.upper().count("SELECT") != 1:
        return False
    this = Variable(THIS)
    return _binds(algebra, this) and _reads_bound(algebra, this)


def _binds(node: Any, var: Variable) -> bool:
    if not isinstance(node, CompValue):
        return False
    if node.name == "BGP":
        return any(var in triple for triple in node.get("triples") or ())
    if node.name == "Join":
        return _binds(node.get("p1"), var) or _binds(node.get("p2"), var)
    if node.name == "LeftJoin":
        return _binds(node.get("p1"), var)
    if node.name in _THROUGH:
        return _binds(node.get("p"), var)
    return False


def _reads_bound(node: Any, var: Variable) -> bool:
    """Whether every expression of the algebra under ``node`` that mentions ``var`` is
    evaluated on answers that bind it (a filter or ``BIND`` over a pattern that binds it, an
    ``OPTIONAL``'s condition with either side binding it)."""
    if not isinstance(node, CompValue):
        return True
    if node.name in ("Filter", "Extend") and _mentions(node.get("expr"), var):
        if not _binds(node.get("p"), var):
            return False
    if node.name == "LeftJoin" and _mentions(node.get("expr"), var):
        if not (_binds(node.get("p1"), var) or _binds(node.get("p2"), var)):
            return False
    return all(_reads_bound(node.get(k), var) for k in ("p", "p1", "p2"))


def _mentions(expr: Any, var: Variable) -> bool:
    if expr is None:
        return False
    if isinstance(expr, Variable):
        return expr == var
    if isinstance(expr, CompValue | dict):
        return any(_mentions(v, var) for v in expr.values())
    if isinstance(expr, list | tuple | set):
        return any(_mentions(v, var) for v in expr)
    return False


_FIRST = object()  # asked once: answered alone
_NEVER = object()  # could not be answered whole: every focus node alone


class Batches:
    """The grouped answers of the batched queries of one data graph."""

    def __init__(self) -> None:
        self._answers: dict[tuple, Any] = {}

    def answer(
        self,
        text: str,
        bindings: Mapping[str, Any],
        run: Callable[[Mapping[str, Any]], Result | None],
    ) -> Result | None:
        """The answer for ``bindings`` (``$this`` among them) from the whole query, run by
        ``run`` with the other bindings; None: the caller answers it alone."""
        this = bindings.get(THIS)
        if not isinstance(this, URIRef):
            return None
        rest = {k: v for k, v in bindings.items() if k != THIS}
        key = (text, tuple(sorted(rest.items(), key=lambda kv: kv[0])))
        try:
            found = self._answers.get(key)
        except TypeError:  # a binding that is not a term
            return None
        if found is None:
            self._answers[key] = _FIRST
            return None
        if found is _FIRST:
            whole = run(rest)
            if whole is None:
                self._answers[key] = _NEVER
                return None
            groups: dict[Any, list] = {}
            this_var = Variable(THIS)
            for row in whole.bindings:
                groups.setdefault(row.get(this_var), []).append(row)
            found = self._answers[key] = (list(whole.vars or ()), groups)
        if found is _NEVER:
            return None
        names, groups = found
        out = Result("SELECT")
        out.vars = names
        out.bindings = list(groups.get(this, ()))
        return out
