"""Materialise (物化推理): apply the compiled rules to one document graph, in-process.

Reads only the triples the rules need (by predicate and by class, through the graph's indexes),
runs the rules to a fixpoint over plain sets, and returns what is new — the document's inferred
graph.  No JVM: ``guize build`` calls this once per document.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix gz: <https://w3id.org/guize/ontology#> .
... @prefix mr: <https://w3id.org/guize/vocab/meeting-role/> .
... <http://x/a> a gz:MeetingRoleAssignment ; gz:meeting <http://x/m> ;
...     gz:meetingRole mr:chair ; gz:role <http://x/p> .
... ''', format="turtle")
>>> inferred = materialise(g, compile_rules())
>>> (URIRef("http://x/m"), URIRef("https://w3id.org/guize/ontology#chairedBy"), URIRef("http://x/p")) in inferred
True
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import RDF, Graph, URIRef

from guize.reason.rules import Rules, compile_rules

__all__ = ["compile_rules", "key_clashes", "materialise"]


def materialise(g: Graph, rules: Rules) -> Graph:
    """The triples the rules add to ``g`` (not those already in it; no self markers)."""
    facts: dict[URIRef, set] = defaultdict(set)
    for p in rules.predicates:
        facts[p].update(g.subject_objects(p))
    types: dict[URIRef, set] = defaultdict(set)
    for cls in rules.classes:
        types[cls].update(g.subjects(RDF.type, cls))
    new: set[tuple] = set()

    def add(s, p, o) -> bool:
        if p == RDF.type:
            if s in types[o]:
                return False
            types[o].add(s)
        else:
            if (s, o) in facts[p]:
                return False
            facts[p].add((s, o))
        new.add((s, p, o))
        return True

    changed = True
    while changed:
        changed = False
        for d in rules.defined:
            found = None
            for p, values in d.values:
                subjects = {s for s, o in facts[p] if o in values}
                found = subjects if found is None else found & subjects
            for t in d.types:
                found &= types[t]
            for s in found or ():
                changed |= add(s, RDF.type, d.cls)
        for cls, prop in rules.selves.items():
            for s in list(types[cls]):
                changed |= add(s, prop, s)
        for chain in rules.chains:
            for s, o in _chain(facts, chain.steps):
                changed |= add(s, chain.target, o)
        for p, supers in rules.supers.items():
            for s, o in list(facts.get(p, ())):
                for q in supers:
                    changed |= add(s, q, o)
    markers = rules.markers
    out = Graph()
    for t in new:
        if t[1] not in markers and t not in g:
            out.add(t)
    return out


def _chain(facts: dict, steps) -> set[tuple]:
    def pairs(p, inverse):
        return {(o, s) for s, o in facts.get(p, ())} if inverse else set(facts.get(p, ()))

    current = pairs(*steps[0])
    for p, inverse in steps[1:]:
        index: dict = defaultdict(list)
        for a, b in pairs(p, inverse):
            index[a].append(b)
        current = {(s, c) for s, b in current for c in index.get(b, ())}
    return current


def key_clashes(g: Graph, rules: Rules) -> list[tuple[URIRef, tuple]]:
    """Named individuals of a keyed class that share all key values (OWL would make them one):
    (class, the clashing individuals)."""
    out = []
    for cls, props in rules.keys.items():
        by_key: dict[tuple, list] = defaultdict(list)
        for s in set(g.subjects(RDF.type, cls)):
            values = tuple(frozenset(g.objects(s, p)) for p in props)
            if all(values):
                by_key[values].append(s)
        out.extend((cls, tuple(sorted(v))) for v in by_key.values() if len(v) > 1)
    return out
