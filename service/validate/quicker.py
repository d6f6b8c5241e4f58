"""Speed for pyshacl: its bookkeeping, done once instead of once per focus node.

pyshacl validates a shape on each focus node (and, for ``sh:qualifiedValueShape``, ``sh:or``
and ``sh:node``, on each value node) by building the shape's constraint components again,
looking again for the custom (SHACL-SPARQL) components that apply to it, checking each SPARQL
text again with regular expressions, comparing each of the shape's predicates with every item
of its list of constraint parameters, and writing a text description of every result,
including those of nested shapes that it then throws away.  None of this depends on the focus
node.  :func:`quicker_pyshacl` installs:

- a parameter list that answers ``in`` from a set (:class:`_Parameters`);
- constraint components and SHACL-SPARQL validators made once per shape and kept with the
  shapes graph of the run (:class:`_Made`, :func:`_custom_once`, :func:`_validator_once`);
  pyshacl's components keep no state between evaluations (they read their parameters when made);
- a shape's own triples read from the shapes graph once per run (:func:`_predicate_objects_once`,
  :func:`_objects_once`);
- each query text checked and rewritten once per constraint and kind of call (:func:`_bind_once`);
- result descriptions written when the text report reads them (:class:`_Description`).

The report graph is the same, result for result: ``bench/integrity_check.py`` and the shape
fixtures' test compare them with the speed-ups off.  They replace pyshacl's internals, so they
are installed only in the pyshacl release they were written for (:data:`WRITTEN_FOR`, the
version pyproject.toml pins): another release validates in its own way until they are checked
against it.
"""

from __future__ import annotations

from typing import Any

import pyshacl
import pyshacl.shape
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
from pyshacl.constraints.constraint_component import ConstraintComponent
from pyshacl.constraints.sparql.sparql_based_constraint_components import (
    SPARQLConstraintComponent,
)
from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
from pyshacl.shape import Shape
from pyshacl.shapes_graph import ShapesGraph
from rdflib import BNode

#: The pyshacl release whose internals the speed-ups replace.
WRITTEN_FOR = "0.40.1"


class _Parameters(list):
    """A list whose ``in`` asks a set (the items are IRIs: hashing agrees with equality)."""

    def __init__(self, items: Any = ()) -> None:
        super().__init__(items)
        self._members = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._members

    def copy(self) -> _Parameters:
        out = _Parameters.__new__(_Parameters)
        list.extend(out, self)
        out._members = self._members
        return out

    def append(self, item: Any) -> None:
        super().append(item)
        key = (self._members, item)
        if key not in _UNIONS:  # pyshacl appends the same item to each copy
            _UNIONS[key] = self._members | {item}
        self._members = _UNIONS[key]


_UNIONS: dict = {}


def _kept(shapes_graph: Any, key: tuple, make: Any) -> Any:
    """What ``make()`` gives, worked out once per run and kept with its shapes graph (pyshacl
    makes one per run; nothing writes to it while the run validates)."""
    made = shapes_graph.__dict__.setdefault("_guize_made", {})
    if key not in made:
        made[key] = make()
    return made[key]


class _Made:
    """Stands in for a constraint component class in pyshacl's parameter map: the component
    of a shape is made on first use and kept (a load warning or error is raised each time,
    as pyshacl does)."""

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def __call__(self, shape: Any) -> Any:
        return _kept(shape.sg, (self.cls, shape), lambda: self.cls(shape))


def _made_map() -> dict:
    one = {cls: _Made(cls) for cls in set(CONSTRAINT_PARAMETERS_MAP.values())}
    return {p: one[cls] for p, cls in CONSTRAINT_PARAMETERS_MAP.items()}


_MADE_MAP = _made_map()


def _custom_once(self: Any) -> Any:
    return _kept(
        self.sg, ("custom", self), lambda: _original(Shape, "find_custom_constraints")(self)
    )


def _validator_once(self: Any, shape: Any) -> Any:
    make = _original(SPARQLConstraintComponent, "make_validator_for_shape")
    return _kept(shape.sg, ("validator", self, shape), lambda: make(self, shape))


def _predicate_objects_once(self: Any, s: Any) -> Any:
    """A shape's own triples (pyshacl reads them each time it validates the shape)."""
    read = _original(ShapesGraph, "predicate_objects")
    return iter(_kept(self, ("predicate objects", s), lambda: tuple(read(self, s))))


def _objects_once(self: Any, s: Any, p: Any) -> Any:
    read = _original(ShapesGraph, "objects")
    if s is None or p is None:
        return read(self, s, p)
    return iter(_kept(self, ("objects", s, p), lambda: tuple(read(self, s, p))))


class _Description:
    """A result's text description, written when first read (pyshacl sorts the top-level
    results by it and adds them to its text report; a nested result's is never read)."""

    __slots__ = ("_make", "_text")

    def __init__(self, make: Any) -> None:
        self._make, self._text = make, None

    def __str__(self) -> str:
        if self._text is None:
            self._text = self._make()
            self._make = None
        return self._text

    def __lt__(self, other: object) -> bool:
        return str(self) < str(other)

    def __radd__(self, other: str) -> str:
        return other + str(self)


def _describe_later(self: Any, *args: Any, **kwargs: Any) -> _Description:
    describe = _original(ConstraintComponent, "make_v_result_description")
    return _Description(lambda: describe(self, *args, **kwargs))


_THIS = BNode("guize-focus-node")


def _bind_once(
    self: Any, thisnode: Any, valuenode: Any = None, extravars: Any = None
) -> tuple[dict, str]:
    """pyshacl's ``pre_bind_variables``: the query text and which variables it binds depend
    only on the constraint and on whether a value node and extra variables are given, so they
    are worked out (and the text checked) once per constraint and kind of call."""
    plans = self.__dict__.setdefault("_guize_plans", {})
    key = (valuenode is not None, tuple(extravars) if extravars else ())
    plan = plans.get(key)
    if plan is None:
        given = _THIS if valuenode is not None else None
        bind = _original(SPARQLQueryHelper, "pre_bind_variables")
        bindings, text = bind(self, _THIS, given, extravars)
        plan = plans[key] = (text, "this" in bindings, "value" in bindings, bindings)
    text, this, value, bindings = plan
    out = {k: v for k, v in bindings.items() if k not in ("this", "value")}
    if this:
        out["this"] = thisnode
    if value and valuenode:  # pyshacl binds a value node only when it is truthy
        out["value"] = valuenode
    return out, text


#: (pyshacl's class, method, what stands in for it)
_PATCHES = (
    (ConstraintComponent, "make_v_result_description", _describe_later),
    (SPARQLQueryHelper, "pre_bind_variables", _bind_once),
    (Shape, "find_custom_constraints", _custom_once),
    (SPARQLConstraintComponent, "make_validator_for_shape", _validator_once),
    (ShapesGraph, "predicate_objects", _predicate_objects_once),
    (ShapesGraph, "objects", _objects_once),
)
_ORIGINALS = {(cls, name): getattr(cls, name) for cls, name, _ in _PATCHES}


def _original(cls: type, name: str) -> Any:
    return _ORIGINALS[(cls, name)]


def quicker_pyshacl(on: bool = True) -> None:
    """Install the speed-ups above in pyshacl, or with ``on=False`` put pyshacl's own back."""
    on = on and pyshacl.__version__ == WRITTEN_FOR
    pyshacl.shape.module.CONSTRAINT_PARAMS = (  # type: ignore[attr-defined]
        (_Parameters(ALL_CONSTRAINT_PARAMETERS), _MADE_MAP)
        if on
        else (ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP)
    )
    for cls, name, fast in _PATCHES:
        setattr(cls, name, fast if on else _ORIGINALS[(cls, name)])
