"""One query for every focus node of a SHACL-SPARQL constraint, instead of one each.

pyshacl runs a constraint's SELECT once per focus node, with ``$this`` pre-bound: a shape
targeting a document's facts asks the same query a few hundred times.  Where the answer for a
pre-bound ``$this`` is exactly the answers of the query with ``$this`` free whose ``$this`` is
that node, the query can run once, its answers grouped by ``$this``, and each later focus node
answered from the groups (:class:`Batches`).

That holds when every answer binds ``$this`` through a triple pattern of the query's top
level before anything else reads it (:func:`batchable`): a basic graph pattern of the
``WHERE`` group, its joins, the left side of an ``OPTIONAL``, under filters and ``BIND``.  An
``OPTIONAL`` or ``FILTER (NOT) EXISTS`` that mentions ``$this`` then joins on it, as pre-binding
would.  Not batched: ``$this`` only inside a ``UNION``, ``MINUS``, ``GRAPH`` or a sub-query
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
    return _binds(algebra, Variable(THIS))


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
