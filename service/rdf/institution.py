"""RDF of the institution (机构与岗位): posts, bodies and the rules' legal basis.

- a post: ``{doc}/post/{code}/{slug}`` — ``gz:GovernmentRole`` (⊑ ``org:Post``), ``org:Role``;
  ``gz:roleKind`` and ``skos:broader`` its role-kind concept, ``gz:postKey`` its normalised
  wording, ``org:postIn`` its body, ``gz:government``, ``rdfs:label`` the first wording as written,
  ``skos:altLabel`` the others, provenance of the first fact that names it.
- a body: the government itself for kind ``government`` (``gz:bodyKind`` added), else
  ``{doc}/body/{kind}`` — ``gz:Body``, ``org:Organization``, ``gz:bodyKind``, labels.
- the legal basis: ``{doc}/fact/legal-basis-{n}`` (``gz:LegalBasis``: ``gz:legalSource``,
  ``gz:citedTitle``, ``gz:basisKind``) and the document's ``eli:based_on`` (根据) or
  ``eli:cites`` (参照, 结合) the statute (``ontology/legal/statutes.ttl``, matched by title) or,
  for a text not kept there, ``eli/cited/{slug}`` typed ``eli:LegalResource`` with its title.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import RDF, RDFS, Literal, Namespace, URIRef
from rdflib.namespace import ORG, SKOS

from guize import namespaces
from guize.assets import bundled, legal_files, parse_turtle
from guize.ingest.facts import Facts, Role
from guize.iris import NAMESPACE, Iris

ELI = Namespace(namespaces.ELI)
_STRIP = re.compile(r"[\s《》]")


def bare_title(title: str) -> str:
    """A title compared across spellings: no 《》, spaces or 中华人民共和国 prefix.

    >>> bare_title("《中华人民共和国国务院组织法》")
    '国务院组织法'
    """
    return _STRIP.sub("", title).removeprefix("中华人民共和国")


@lru_cache(maxsize=4)
def statutes(ontology_dir: str | None = None) -> dict[str, str]:
    """Bare title (and alternative title) → the statute's IRI (under the model's namespace,
    ``{ns}eli/law/…``)."""
    folder = ontology_dir or str(bundled("ontology"))
    out: dict[str, str] = {}
    for path in legal_files(folder):
        for t in parse_turtle(path):
            if t.predicate.value in (f"{namespaces.ELI}title", str(SKOS.altLabel)):
                iri = t.subject.value
                if iri.startswith(NAMESPACE) and getattr(t.object, "language", "") == "zh":
                    out.setdefault(bare_title(t.object.value), iri)
    return out


class InstitutionWriter:
    """Resolves the roles facts name to post and body nodes, and writes those nodes."""

    def __init__(self, w, facts: Facts, iris: Iris, key: str, gov: URIRef) -> None:
        self.w, self.facts, self.iris, self.key, self.gov = w, facts, iris, key, gov
        self.posts = {(p.code, label): p for p in facts.posts for label in p.labels}
        self.bodies = {label: b for b in facts.bodies for label in (b.label, *b.variants) if label}

    def body_iri(self, kind: str) -> URIRef:
        return self.gov if kind == "government" else URIRef(self.iris.body(self.key, kind))

    def node(self, role: Role) -> URIRef:
        """The post (or body, for an addressee that is one) a role as written names."""
        post = self.posts.get((role.code, role.label))
        if post is not None:
            return URIRef(self.iris.post(self.key, post.code, post.wording))
        body = self.bodies.get(role.label)
        if body is not None:
            return self.body_iri(body.kind)
        if role.code == "head":  # the head named without words (gz:onBehalfOf)
            head = next((p for p in self.facts.posts if p.code == "head"), None)
            if head:
                return URIRef(self.iris.post(self.key, head.code, head.wording))
        return URIRef(self.iris.post(self.key, role.code, role.label or role.code))

    def write(self) -> None:
        w, gz = self.w, self.w.gz
        if not any(b.kind == "government" for b in self.facts.bodies) and self.facts.posts:
            w.add(self.gov, gz.bodyKind, w.concept("body-kind", "government"))
            w.add(self.gov, RDF.type, ORG.Organization)
        for b in self.facts.bodies:
            s = self.body_iri(b.kind)
            w.add(s, gz.bodyKind, w.concept("body-kind", b.kind))
            if s == self.gov:
                w.add(s, RDF.type, ORG.Organization)  # restated, for shapes that read no TBox
                continue
            w.add(s, RDF.type, gz.Body)
            w.add(s, RDF.type, ORG.Organization)
            w.add(s, RDFS.label, w.zh(b.label))
            for v in b.variants:
                w.add(s, SKOS.altLabel, w.zh(v))
            w.add(s, gz.government, self.gov)
            w.provenance(s, b.source)
        for p in self.facts.posts:
            s = URIRef(self.iris.post(self.key, p.code, p.wording))
            kind = w.concept("role-kind", p.code)
            w.add(s, RDF.type, gz.GovernmentRole)
            w.add(s, RDF.type, ORG.Post)
            w.add(s, RDF.type, ORG.Role)
            w.add(s, gz.roleKind, kind)
            w.add(s, SKOS.broader, kind)
            w.add(s, gz.postKey, Literal(p.wording))
            w.add(s, gz.government, self.gov)
            if p.body:
                w.add(s, ORG.postIn, self.body_iri(p.body))
            w.add(s, RDFS.label, w.zh(p.labels[0]))
            for label in p.labels[1:]:
                w.add(s, SKOS.altLabel, w.zh(label))
            w.provenance(s, p.source)
        self.legal_basis()

    def legal_basis(self) -> None:
        w, gz, known = self.w, self.w.gz, statutes()
        doc = URIRef(self.iris.document(self.key))
        for b in self.facts.legal_basis:
            path = known.get(bare_title(b.title))
            src = URIRef(path) if path else URIRef(self.iris.cited(b.title))
            w.add(src, RDF.type, ELI.LegalResource)
            if not path:
                w.add(src, ELI.title, w.zh(b.title))
                w.add(src, RDFS.label, w.zh(b.title))
            w.add(doc, ELI.based_on if b.relation == "based-on" else ELI.cites, src)
            node = w.fact(w.mint("legal-basis", numbered=True), "LegalBasis", b.source)
            w.add(node, gz.legalSource, src)
            w.add(node, gz.citedTitle, w.zh(b.title))
            w.add(node, gz.basisKind, Literal(b.relation))
