"""SHACL-SPARQL on Oxigraph: a copy of the data graph in an in-memory Oxigraph store, on which
pyshacl's SPARQL constraints, constraint components and targets run, while the core constraints
stay on rdflib.  rdflib's SPARQL engine took most of a document's validation time.

The answers must be exactly rdflib's, and Oxigraph stores some literals differently from rdflib:
it folds the subtypes of xsd:integer into xsd:integer (``"5"^^xsd:positiveInteger`` comes back
as ``"5"^^xsd:integer``), rewrites non-canonical lexical forms (``"05"`` → ``"5"``) and lower-cases
language tags.  So:

- a graph with a literal Oxigraph would rewrite (other than folding a datatype), an ill-typed or
  non-canonical one, one typed xsd:string (rdflib tells it from the simple literal, Oxigraph
  does not), or a node Oxigraph cannot hold, gets no mirror (:func:`mirror` is None);
- a query that could tell a folded literal from its original (:mod:`guize.validate.folding`)
  runs on rdflib;
- an answer holding a literal that may have been folded is thrown away and the query run on
  rdflib instead.

Everything else (numeric comparison, ``STR``, joins on IRIs) sees the same terms in both engines.
"""

from __future__ import annotations

import dataclasses
import re
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.stores.memory import Memory
from rdflib.query import Result

from guize.rdf.oxterms import memo_term, ox_term, to_rdflib
from guize.rdf.plain import triples
from guize.validate.hazards import NODE, Hazards, hazards, kind
from guize.validate.prepared import PreparedQueryGraph, prepared

_PLAIN = {None, XSD.string}


@dataclass(frozen=True)
class Mirror:
    """The data graph in an Oxigraph store, and what it stores differently from rdflib."""

    store: ox.Store
    folded: frozenset[str]
    """Lexical forms of literals whose datatype the store folded into xsd:integer."""
    folded_predicates: frozenset[str]
    """Predicates (IRIs) with a folded literal among their objects."""
    integer_predicates: frozenset[str]
    """Predicates with a literal among their objects that the store holds as xsd:integer."""
    kinds: Mapping[str, frozenset[str]]
    """Predicate → the kinds of its objects (:func:`guize.validate.hazards.kind`)."""
    datatypes: Mapping[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    """Predicate → the datatypes of its typed literal objects as rdflib holds them (before
    the store folded any)."""

    def select(self, text: str, bindings: Mapping[str, Any]) -> Result | None:
        """``text`` run with ``bindings`` pre-bound, as rdflib would answer it; None where
        Oxigraph's answer could differ from rdflib's (the caller asks rdflib)."""
        bindings = {str(k): v for k, v in bindings.items()}
        if not self.agrees(text, bindings):
            return None
        plan = query_plan(text)  # cached: the one agrees() made
        inline = {k: v for k, v in bindings.items() if k not in plan.projected}
        query = plan.text if not inline else _inline(plan.text, inline)
        if query is None:
            return None
        subs = {ox.Variable(k): ox_term(v) for k, v in bindings.items() if k in plan.projected}
        try:
            answer = self.store.query(query, substitutions=subs)
        except (SyntaxError, ValueError, OSError, RuntimeError):
            return None
        if not isinstance(answer, ox.QuerySolutions):
            return None
        names = [v.value for v in answer.variables]
        rows = []
        for solution in answer:
            row = {}
            for name, term in zip(names, solution, strict=True):
                if term is None:
                    continue
                value = to_rdflib(term)
                if value is None or (
                    isinstance(value, Literal) and str(value) in self.folded and _integer(term)
                ):
                    return None
                row[Variable(name)] = value
            rows.append(row)
        out = Result("SELECT")
        out.vars = [Variable(n) for n in names]
        out.bindings = rows
        return out

    def agrees(self, text: str, bindings: Mapping[str, Any]) -> bool:
        """Whether the store answers the SELECT ``text``, with ``bindings`` pre-bound, as
        rdflib would (False: ask rdflib)."""
        plan = query_plan(text)
        return plan is not None and self._safe(
            plan.hazards, {str(k): v for k, v in bindings.items()}
        )

    def _safe(self, found: Hazards, bindings: Mapping[str, Any]) -> bool:
        if found.mixed(self.kinds, bindings):
            return False
        if not self.folded:
            return True
        if found.term_sensitive:
            return False
        if any(
            isinstance(v, Literal) and str(k) in found.object_variables for k, v in bindings.items()
        ):
            return False
        return not found.joins(self.folded_predicates, self.integer_predicates)


def mirror(*graphs: Graph, reused: Graph | None = None) -> Mirror | None:
    """The union of ``graphs`` and ``reused`` in an in-memory Oxigraph store; None if the store
    would hold a term of them otherwise than rdflib does in a way queries could see (see the
    module's docstring).

    Each graph is read on its own (:func:`_scan`): what the store holds differently is a
    property of each literal and the predicates it is an object of, so the union's is the
    union of the graphs'.

    :param reused: a graph mirrored beside many others in this process (the vocabularies
        beside each document of a build): read once, while it keeps its size.
    """
    scans = [_scan(g) for g in graphs]
    if reused is not None:
        scans.append(_reused_scan(reused))
    if any(scan is None for scan in scans):
        return None
    store = ox.Store()
    kinds: dict[str, set[str]] = {}
    datatypes: dict[str, set[str]] = {}
    for scan in scans:
        store.bulk_extend(scan.quads)
        for name, found in scan.kinds.items():
            kinds.setdefault(name, set()).update(found)
        for name, found in scan.datatypes.items():
            datatypes.setdefault(name, set()).update(found)
    return Mirror(
        store,
        frozenset().union(*(scan.folded for scan in scans)),
        frozenset().union(*(scan.folded_predicates for scan in scans)),
        frozenset().union(*(scan.integer_predicates for scan in scans)),
        {p: frozenset(k) for p, k in kinds.items()},
        {p: frozenset(d) for p, d in datatypes.items()},
    )


@dataclass(frozen=True)
class _Scan:
    """What :func:`mirror` reads of one graph (the fields of :class:`Mirror`, the store's
    quads not yet stored)."""

    quads: list[Any]
    kinds: dict[str, set[str]]
    folded: frozenset[str]
    folded_predicates: frozenset[str]
    integer_predicates: frozenset[str]
    datatypes: dict[str, set[str]]


def _scan(graph: Graph) -> _Scan | None:
    """``graph`` read for :func:`mirror` (None: a term Oxigraph would hold otherwise)."""
    memo: dict[Any, Any] = {}
    quads = []
    typed: dict[Literal, set[str]] = {}  # literal -> predicates it is an object of
    kinds: dict[str, set[str]] = {}
    kind_of: dict[Any, str] = {}
    names: dict[Any, str] = {}
    quad = ox.Quad
    try:
        for s, p, o in triples(graph):
            quads.append(quad(memo_term(s, memo), memo_term(p, memo), memo_term(o, memo)))
            name = names.get(p)
            if name is None:
                name = names[p] = str(p)
            what = kind_of.get(o)
            if what is None:
                if isinstance(o, Literal) and o.datatype == XSD.string:
                    return None  # rdflib tells it from the simple literal, Oxigraph does not
                what = kind_of[o] = kind(o)
            kinds.setdefault(name, set()).add(what)
            if what != NODE and what != "string":
                typed.setdefault(o, set()).add(name)
    except ValueError:  # an IRI or blank node id Oxigraph refuses
        return None
    literals = list(typed)
    folded: set[str] = set()
    folded_predicates: set[str] = set()
    integer_predicates: set[str] = set()
    datatypes: dict[str, set[str]] = {}
    for lit, back in zip(literals, _round_trip([memo[t] for t in literals]), strict=True):
        if back.value != str(lit) or back.language != lit.language:  # against rdflib's own term
            return None
        if lit.datatype not in _PLAIN and not _canonical(lit):
            return None
        if lit.datatype is not None and back.datatype.value != str(lit.datatype):
            folded.add(back.value)
            folded_predicates |= typed[lit]
        if _integer(back):
            integer_predicates |= typed[lit]
        if lit.datatype is not None:
            for name in typed[lit]:
                datatypes.setdefault(name, set()).add(str(lit.datatype))
    return _Scan(
        quads,
        kinds,
        frozenset(folded),
        frozenset(folded_predicates),
        frozenset(integer_predicates),
        datatypes,
    )


#: graph → (its size when read, what was read): the graphs passed as ``reused``
_REUSED: weakref.WeakKeyDictionary[Graph, tuple[int, _Scan | None]] = weakref.WeakKeyDictionary()


def _reused_scan(graph: Graph) -> _Scan | None:
    size = len(graph)
    kept = _REUSED.get(graph)
    if kept is None or kept[0] != size:
        kept = _REUSED[graph] = (size, _scan(graph))
    return kept[1]


def _round_trip(literals: list[Any]) -> list[Any]:
    """How an Oxigraph store holds each literal."""
    if not literals:
        return []
    scratch = ox.Store()
    p = ox.NamedNode("urn:guize:mirror:value")
    scratch.bulk_extend(
        ox.Quad(ox.NamedNode(f"urn:guize:mirror:{i}"), p, lit) for i, lit in enumerate(literals)
    )
    out: list[Any] = [None] * len(literals)
    for q in scratch.quads_for_pattern(None, p, None):
        out[int(q.subject.value.rsplit(":", 1)[1])] = q.object
    return out


def _canonical(lit: Literal) -> bool:
    """Well-typed and in the canonical lexical form rdflib would write for its value (a
    literal of a datatype rdflib does not know is taken as it is)."""
    if getattr(lit, "ill_typed", False):
        return False
    if lit.value is None or lit.language:
        return True
    return str(Literal(lit.value, datatype=lit.datatype)) == str(lit)


def _integer(term: Any) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value == str(XSD.integer)


@dataclass(frozen=True)
class QueryPlan:
    """A SELECT text as :meth:`Mirror.select` runs it: what it projects and what could make
    Oxigraph answer it otherwise than rdflib."""

    text: str
    projected: frozenset[str]
    hazards: Hazards


@lru_cache(maxsize=1024)
def query_plan(text: str) -> QueryPlan | None:
    """What Oxigraph needs to run a SELECT text as rdflib would (None: not a SELECT rdflib
    can parse)."""
    try:
        query = prepared(text)
    except Exception:  # noqa: BLE001 -- rdflib's parser raises many kinds; rdflib will say
        return None
    algebra = query.algebra
    if algebra.name != "SelectQuery":
        return None
    projected = frozenset(str(v) for v in algebra.get("PV") or ())
    return QueryPlan(text, projected, hazards(algebra))


_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*'
    r"|[?$]([A-Za-z_0-9\u00b7\u00c0-\uffff]+)",
    re.S,
)


def _inline(text: str, values: Mapping[str, Any]) -> str | None:
    """``text`` with each variable of ``values`` (not projected, so Oxigraph cannot substitute
    it) written as its IRI; None for a value that is not an IRI."""
    if not all(isinstance(v, URIRef) for v in values.values()):
        return None

    def swap(m: re.Match) -> str:
        name = m.group(1)
        if name is not None and name in values:
            return str(ox_term(values[name]))
        return m.group(0)

    out = _TOKENS.sub(swap, text)
    names = "|".join(map(re.escape, values))
    left = re.compile(r"[?$](" + names + r")(?![\w\u00b7\u00c0-\uffff])")
    return None if left.search(out) else out  # one the tokens did not reach (say, in a string)


class MirroredQueryGraph(PreparedQueryGraph):
    """A pyshacl data graph whose SPARQL queries run on an Oxigraph copy (:class:`Mirror`)
    where that gives rdflib's answer, and on rdflib otherwise.

    ``graph`` may sit in a store without graph names (:mod:`guize.rdf.plain`); pyshacl's data graph
    is an rdflib Dataset, which wants a store with them, so it is given an empty one of its own
    and reads every triple from ``graph``."""

    def __init__(self, graph: Graph, copy: Mirror | None) -> None:
        super().__init__(store=Memory(), impl=graph)
        self.mirror = copy
        self._len: int | None = None

    def __len__(self) -> int:  # pyshacl asks often
        if self._len is None:
            self._len = len(self.impl)
        return self._len

    def add(self, *args: Any, **kwargs: Any) -> Any:  # SHACL rules: the copy is out of date
        self.mirror, self._len = None, None
        return super().add(*args, **kwargs)

    def remove(self, *args: Any, **kwargs: Any) -> Any:
        self.mirror, self._len = None, None
        return super().remove(*args, **kwargs)

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if self.mirror is not None and isinstance(query_object, str) and not args:
            out = self.mirror.select(query_object, kwargs.get("initBindings") or {})
            if out is not None:
                return out
        return super().query(query_object, *args, **kwargs)
