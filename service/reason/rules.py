"""The TBox compiled into rules (本体规则): read once per ontology content and base IRI.

What the build materialises, from the axioms of ``ontology/guize.ttl``:

- the sub-property closure (``rdfs:subPropertyOf``, transitive): ``gz:member`` ⊑ ``gz:attends``,
  ``org:hasMember`` …;
- property chains (``owl:propertyChainAxiom``, steps possibly ``owl:inverseOf``): the direct
  meeting triples from the qualified records;
- self restrictions (``C ≡ ∃p.Self``): the markers the chains use, never written out;
- defined classes (``C ≡ A ⊓ ∃p.{v}`` or ``∃p.{v1 v2 …}``, one level deep): the kinds of meeting
  role assignment, county-level governments, statutory meetings.

Keys (``owl:hasKey``) are compiled too, for :func:`guize.reason.materialise.key_clashes`.
Everything else (domains, ranges, disjointness) is HermiT's, in ``guize reason``.

>>> r = compile_rules()
>>> from rdflib import URIRef
>>> gz = "https://w3id.org/guize/ontology#"
>>> URIRef(gz + "attends") in r.supers[URIRef(gz + "member")]
True
>>> len([c for c in r.chains if c.target == URIRef(gz + "chairedBy")])
1
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDFS, BNode, Graph, URIRef
from rdflib.collection import Collection

from guize.assets import bundled, ontology_files
from guize.iris import NAMESPACE


@dataclass(frozen=True)
class Chain:
    steps: tuple[tuple[URIRef, bool], ...]  # (property, inverse?)
    target: URIRef


@dataclass(frozen=True)
class Defined:
    """``cls ≡ types ⊓ ∃p1.V1 ⊓ …`` with each Vi a set of named values."""

    cls: URIRef
    types: tuple[URIRef, ...]
    values: tuple[tuple[URIRef, frozenset], ...]


@dataclass(frozen=True)
class Rules:
    supers: dict  # property → tuple of its strict super-properties
    chains: tuple[Chain, ...]
    selves: dict  # class → its self-restriction property
    defined: tuple[Defined, ...]
    keys: dict  # class → tuple of key properties
    digest: str  # of the ontology text and base the rules were compiled from

    @property
    def markers(self) -> frozenset:
        """Self-restriction properties: helpers of the chains, not written out."""
        return frozenset(self.selves.values())

    @property
    def predicates(self) -> frozenset:
        """Every property a rule reads."""
        out = set(self.supers)
        out.update(p for c in self.chains for p, _ in c.steps)
        out.update(p for d in self.defined for p, _ in d.values)
        return frozenset(out)

    @property
    def classes(self) -> frozenset:
        """Every class a rule reads."""
        return frozenset({*self.selves, *(t for d in self.defined for t in d.types)})

    def summary(self) -> dict[str, int]:
        return {
            "sub-properties": sum(len(v) for v in self.supers.values()),
            "property chains": len(self.chains),
            "self restrictions": len(self.selves),
            "defined classes": len(self.defined),
            "keys": len(self.keys),
        }


def compile_rules(ontology_dir: str | Path | None = None) -> Rules:
    """The rules of the ontology in ``ontology_dir`` (default: the bundled one), its IRIs under
    the model's stable namespace; compiled once per content (sha-256 of the files)."""
    files = ontology_files(Path(ontology_dir) if ontology_dir else bundled("ontology"))
    data = b"".join(p.read_bytes() for p in files)
    digest = hashlib.sha256(data + NAMESPACE.encode()).hexdigest()
    return _compile(digest, tuple(str(p) for p in files), NAMESPACE)


@lru_cache(maxsize=8)
def _compile(digest: str, files: tuple[str, ...], base: str) -> Rules:
    g = Graph()
    for f in files:
        g.parse(f, format="turtle", publicID=base)
    return Rules(_supers(g), _chains(g), _selves(g), _defined(g), _keys(g), digest)


def _supers(g: Graph) -> dict:
    direct: dict[URIRef, set] = {}
    for p, q in g.subject_objects(RDFS.subPropertyOf):
        if isinstance(p, URIRef) and isinstance(q, URIRef):
            direct.setdefault(p, set()).add(q)
    out = {}
    for p in direct:
        seen, todo = set(), list(direct[p])
        while todo:
            q = todo.pop()
            if q not in seen and q != p:
                seen.add(q)
                todo.extend(direct.get(q, ()))
        out[p] = tuple(sorted(seen))
    return out


def _chains(g: Graph) -> tuple[Chain, ...]:
    out = []
    for target, head in g.subject_objects(OWL.propertyChainAxiom):
        steps = []
        for step in Collection(g, head):
            inv = g.value(step, OWL.inverseOf) if isinstance(step, BNode) else None
            steps.append((inv, True) if inv is not None else (step, False))
        out.append(Chain(tuple(steps), target))
    return tuple(sorted(out, key=lambda c: str(c.target)))


def _selves(g: Graph) -> dict:
    out = {}
    for cls, r in g.subject_objects(OWL.equivalentClass):
        if isinstance(cls, URIRef) and g.value(r, OWL.hasSelf) is not None:
            out[cls] = g.value(r, OWL.onProperty)
    return out


def _defined(g: Graph) -> tuple[Defined, ...]:
    out = []
    for cls, expr in g.subject_objects(OWL.equivalentClass):
        head = g.value(expr, OWL.intersectionOf) if isinstance(cls, URIRef) else None
        if head is None:
            continue
        types, values, ok = [], [], True
        for part in Collection(g, head):
            if isinstance(part, URIRef):
                types.append(part)
                continue
            prop = g.value(part, OWL.onProperty)
            one = g.value(part, OWL.hasValue)
            some = g.value(part, OWL.someValuesFrom)
            members = g.value(some, OWL.oneOf) if some is not None else None
            if prop is not None and one is not None:
                values.append((prop, frozenset({one})))
            elif prop is not None and members is not None:
                values.append((prop, frozenset(Collection(g, members))))
            else:
                ok = False  # not a shape the build compiles: HermiT's alone
        if ok and values:
            out.append(Defined(cls, tuple(types), tuple(values)))
    return tuple(sorted(out, key=lambda d: str(d.cls)))


def _keys(g: Graph) -> dict:
    return {cls: tuple(Collection(g, head)) for cls, head in g.subject_objects(OWL.hasKey)}
