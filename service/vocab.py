"""Domain tables (领域表) read from the SKOS vocabularies in ``ontology/vocab/``: for every
concept scheme (role kinds, meeting kinds, meeting roles, levels, time units, topics …) its
concepts with their code, ``@zh`` and ``@en`` labels, display order and broader concept.

This is the one source of those tables: the comparison profile and its CSV, the pages, the
matrix and the charts all read them here, so a new meeting kind is one concept in
``meeting-kind.ttl`` (and the lexicon line that finds it), not a change of code.

A concept's place in lists, tables and charts is its ``gz:sortOrder`` (smaller first);
concepts without one follow in code order.  An unknown code sorts last and reads as itself.

>>> v = load_vocabulary()
>>> v.scheme("meeting-kind").codes()[:2]
['plenary', 'standing']
>>> v.label("role-kind", "head")
('行政首长', 'head of government')
>>> v.label("meeting-kind", "no-such-kind")
('no-such-kind', 'no such kind')
>>> v.scheme("meeting-role").get("chair").direct_property
'chairedBy'
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from guize.assets import AssetError, bundled, parse_turtle, vocab_files
from guize.iris import ONTOLOGY
from guize.namespaces import RDF, SKOS

log = logging.getLogger("guize.vocab")

_GZ = ONTOLOGY


@dataclass(frozen=True)
class Concept:
    """One concept of a scheme."""

    scheme: str
    code: str
    zh: str
    en: str
    order: int | None = None
    broader: str | None = None
    per_year: Decimal | None = None
    """For time units: how many make a year (``gz:perYear``)."""
    direct_property: str | None = None
    """For meeting roles: the local name of the ontology property that states the role directly
    from the meeting (``gz:directProperty``: member, chairedBy …)."""
    body_kind: str | None = None
    """For role kinds: the body-kind code a post of this kind sits in by default
    (``gz:postInBodyKind``); for an addressee that is a body, the body kind it matches
    (``skos:exactMatch``)."""
    is_body: bool = False
    """For role kinds: the concept names a body, not a post (it ``skos:exactMatch``es a body kind)."""
    outer: str | None = None
    """The code of a broader concept in another scheme (an administrative level's tier in
    ``administrative-tier``); ``broader`` is only ever a concept of the same scheme."""

    @property
    def label(self) -> tuple[str, str]:
        return (self.zh, self.en)


@dataclass(frozen=True)
class Scheme:
    """A concept scheme, its concepts in display order."""

    code: str
    zh: str = ""
    en: str = ""
    concepts: tuple[Concept, ...] = ()
    _by_code: dict[str, Concept] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_code.update({c.code: c for c in self.concepts})

    def get(self, code: str | None) -> Concept | None:
        return self._by_code.get(code) if code else None

    def codes(self) -> list[str]:
        """Every code, in display order."""
        return [c.code for c in self.concepts]

    def rank(self, code: str | None) -> int:
        """Position of ``code`` by ``gz:sortOrder``; codes without one (or unknown) come after
        all that have one, tied, so a stable sort keeps them in the order given."""
        concept = self.get(code)
        ordered = [c for c in self.concepts if c.order is not None]
        return ordered.index(concept) if concept in ordered else len(ordered)

    def sort(self, codes: list) -> list:
        """``codes`` in display order, those without an order last in the order given."""
        return sorted(codes, key=self.rank)

    def label(self, code: str | None) -> tuple[str, str]:
        """(zh, en) of ``code``; the code itself (hyphens as spaces in English) when unknown."""
        if not code:
            return ("", "")
        concept = self.get(code)
        return concept.label if concept else (code, code.replace("-", " "))


@dataclass(frozen=True)
class Vocabulary:
    """Every scheme of an ontology folder, by scheme code."""

    schemes: dict[str, Scheme]

    def scheme(self, code: str) -> Scheme:
        """The scheme ``code`` (an empty one when there is no such file)."""
        return self.schemes.get(code) or Scheme(code)

    def label(self, scheme: str, code: str | None) -> tuple[str, str]:
        return self.scheme(scheme).label(code)


def load_vocabulary(ontology_dir: str | Path | None = None) -> Vocabulary:
    """The domain tables of the vocabularies in ``ontology_dir`` (default: those guize ships
    with), read once per folder.  A file that does not parse is logged and left out, as the
    service leaves it out of what it serves (the ontology's tests catch it).
    """
    return _load(str(Path(ontology_dir) if ontology_dir else bundled("ontology")))


@lru_cache(maxsize=8)
def _load(ontology_dir: str) -> Vocabulary:
    schemes = {}
    for path in vocab_files(Path(ontology_dir)):
        try:
            triples = parse_turtle(path)
        except AssetError as exc:
            log.warning("vocabulary not read: %s", exc)
            continue
        scheme = _scheme(triples)
        if scheme is not None:
            schemes[scheme.code] = scheme
    return Vocabulary(schemes)


def _scheme(triples: list[ox.Triple]) -> Scheme | None:
    by_subject: dict[ox.NamedNode | ox.BlankNode, dict[str, list]] = {}
    for t in triples:
        by_subject.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)
    schemes = [
        s
        for s, props in by_subject.items()
        if ox.NamedNode(SKOS + "ConceptScheme") in props.get(RDF + "type", [])
    ]
    if len(schemes) != 1:
        return None
    node = schemes[0]
    code = _first(by_subject[node], SKOS + "notation") or node.value.rsplit("/", 1)[-1]
    zh, en = _labels(by_subject[node])
    notations = {s: _first(p, SKOS + "notation") for s, p in by_subject.items()}
    concepts = [
        _concept(code, props, notations)
        for s, props in by_subject.items()
        if node in props.get(SKOS + "inScheme", []) and notations.get(s)
    ]
    concepts.sort(key=lambda c: (c.order is None, c.order or 0, c.code))
    return Scheme(code, zh, en, tuple(concepts))


def _concept(scheme: str, props: dict[str, list], notations: dict) -> Concept:
    zh, en = _labels(props)
    code = _first(props, SKOS + "notation")
    order = _first(props, _GZ + "sortOrder")
    per_year = _first(props, _GZ + "perYear")
    direct = _first(props, _GZ + "directProperty")
    broader = next((notations.get(b) for b in props.get(SKOS + "broader", [])), None)
    outer = next(
        (b.value.rsplit("/", 1)[-1] for b in props.get(SKOS + "broader", []) if b not in notations),
        None,
    )
    body = _first(props, _GZ + "postInBodyKind")
    match = next(
        (m.value for m in props.get(SKOS + "exactMatch", []) if "/vocab/body-kind/" in m.value),
        None,
    )
    body_kind = (match or body or "").rsplit("/", 1)[-1] or None
    return Concept(
        scheme,
        code,
        zh or code,
        en or code.replace("-", " "),
        int(order) if order is not None else None,
        broader,
        Decimal(per_year) if per_year is not None else None,
        direct[len(_GZ) :] if direct and direct.startswith(_GZ) else None,
        body_kind,
        match is not None,
        outer,
    )


def _first(props: dict[str, list], predicate: str) -> str | None:
    values = props.get(predicate) or []
    return values[0].value if values else None


def _labels(props: dict[str, list]) -> tuple[str, str]:
    found = {
        (o.language or "").split("-")[0]: o.value
        for o in props.get(SKOS + "prefLabel", [])
        if isinstance(o, ox.Literal)
    }
    return found.get("zh", ""), found.get("en", "")
