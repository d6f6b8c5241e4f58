"""What the service says about one IRI (a :class:`Description`): the triples with the IRI as
subject in any graph with the closure over blank nodes (Oxigraph's ``DESCRIBE``, a CBD), the
triples pointing at it (up to :data:`INBOUND_LIMIT` subjects), the labels of the IRIs it
links to, the descriptions of the hash IRIs of its document it mentions (``…#frequency``:
a client that dereferences one gets its base document), and of the spans of raw text it and
they came from (``gz:span``, with their selectors: the words, in the same answer); plus, for
the ontology, vocabularies and shapes, the files served from the static store
(:mod:`guize.web.ld.static`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from guize.errors import NotFound
from guize.namespaces import DCTERMS, ELI, FOAF, OA, ONTOLOGY, RDFS, SKOS
from guize.query.jobs import QueryJob, execute
from guize.web.context import services

INBOUND_LIMIT = 500
#: Properties read as an IRI's label, best first.
LABELS = (SKOS + "prefLabel", RDFS + "label", DCTERMS + "title", ELI + "title", FOAF + "name")
_LABELS_IN = ", ".join(f"<{p}>" for p in LABELS)

#: CBD of ?this (blank-node closure), over the union of all graphs.
DESCRIBE = "DESCRIBE ?this"
#: What points at ?this, and the labels of everything ?this links to or is linked from.  The
#: label properties are a FILTER, not a VALUES block: Oxigraph joins from a VALUES block first,
#: which reads every label of the store (14 s for one description at 3,000 documents; 4 ms so).
CONTEXT = f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ SELECT ?s ?p ?o ?this WHERE {{ ?s ?p ?this . BIND(?this AS ?o) }} LIMIT {INBOUND_LIMIT} }}
  UNION {{ ?this ?p0 ?s . FILTER(isIRI(?s)) ?s ?p ?o . FILTER(?p IN ({_LABELS_IN})) }}
  UNION {{ ?this ?s ?o0 . ?s ?p ?o . FILTER(?p IN ({_LABELS_IN})) }}
  UNION {{ {{ SELECT DISTINCT ?s ?this WHERE {{ ?s ?p1 ?this }} LIMIT {INBOUND_LIMIT} }}
           ?s ?p ?o . FILTER(?p IN ({_LABELS_IN})) }}
}}"""
#: All triples of the dataset's default graph (used with the graph as default graph).
GRAPH_CONTENT = "CONSTRUCT WHERE { ?s ?p ?o }"


@dataclass
class Description:
    """What the service says about one IRI: quads (graph = default unless the IRI is a graph)."""

    iri: str
    quads: list[ox.Quad] = field(default_factory=list)
    truncated: bool = False
    title: str | None = None


def describe(iri: str) -> Description:
    """Everything the store and the static files say about ``iri``.

    :raises NotFound: if nothing is known about it.
    """
    svc = services()
    limit = svc.settings.max_result_rows
    seen: dict[ox.Quad, None] = {}
    truncated = False
    about = (("this", iri),)
    store_jobs = [
        QueryJob(DESCRIBE, substitutions=about, max_rows=limit),
        QueryJob(CONTEXT, substitutions=about, max_rows=limit),
    ]
    static_jobs = list(store_jobs)
    content = QueryJob(GRAPH_CONTENT, default_graphs=(iri,), max_rows=limit)
    if iri.startswith(svc.base + "graph/"):
        store_jobs.append(content)
    if iri in svc.static.named_graphs():
        static_jobs.append(content)
    for job in store_jobs:
        result = svc.executor.run(job)
        truncated |= result.truncated
        _add(seen, result.body, ox.NamedNode(iri) if job is content else None)
    # a hash IRI is described in its base document (``…/art_7#frequency`` in art_7's), then the
    # spans of raw text the IRI and its hash IRIs came from, then the spans' selectors
    described, todo = {iri}, _hash_iris(seen, iri)
    for then in (_SPAN, _SELECTOR, None):
        if todo:
            names = " ".join(str(ox.NamedNode(t)) for t in todo)
            result = svc.executor.run(QueryJob("DESCRIBE " + names, max_rows=limit))
            truncated |= result.truncated
            _add(seen, result.body, None)
            described.update(todo)
        if then is not None:
            todo = [t for t in _objects(seen, described, then) if t not in described]
    for job in static_jobs:
        _add(seen, execute(svc.static, job).body, None)
    if not seen:
        raise NotFound(f"guize knows nothing about <{iri}>")
    return Description(iri, list(seen), truncated)


#: Most hash IRIs of a document described with it.
HASH_LIMIT = 200


def _hash_iris(seen: dict, iri: str) -> list[str]:
    """Hash IRIs of ``iri``'s document (``{iri}#…``) that the description mentions."""
    prefix = iri.split("#", 1)[0] + "#"
    found = {
        t.value
        for q in seen
        for t in (q.subject, q.object)
        if isinstance(t, ox.NamedNode) and t.value.startswith(prefix) and t.value != iri
    }
    return sorted(found)[:HASH_LIMIT]


_SPAN = ox.NamedNode(ONTOLOGY + "span")
_SELECTOR = ox.NamedNode(OA + "hasSelector")


def _objects(seen: dict, subjects: set[str], predicate: ox.NamedNode) -> list[str]:
    """The IRIs ``subjects`` link to by ``predicate`` in the description (a span's
    ``gz:span``, its selectors' ``oa:hasSelector``)."""
    found = {
        q.object.value
        for q in seen
        if q.predicate == predicate
        and q.subject.value in subjects
        and isinstance(q.object, ox.NamedNode)
    }
    return sorted(found)[:HASH_LIMIT]


def _add(seen: dict, body: bytes, graph: ox.NamedNode | None) -> None:
    for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
        seen.setdefault(ox.Quad(t.subject, t.predicate, t.object, graph or ox.DefaultGraph()), None)
