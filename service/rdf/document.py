"""RDF (图谱): a parsed document → one named graph, in ELI, ORG, PROV-O, Web Annotation and gz terms.

Every chapter, provision, paragraph and item carries ``gz:span``: an
``oa:SpecificResource`` whose ``oa:TextPositionSelector`` gives the character
offsets in the raw text (``{doc}/raw``) it came from, one node per stretch of text
(:mod:`guize.rdf.spans`).  The cleaning run is
recorded as a ``prov:Activity`` with one ``gz:CleaningEntry`` per removal of
page junk, spam, conversion artifacts and line joins; the bulk normalisations
(whitespace, line endings, 繁→简, character width) are counted per kind.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

from guize import namespaces
from guize.ingest.errors import IngestError
from guize.ingest.facts import Facts
from guize.ingest.model import ParsedDocument, Span
from guize.iris import Iris, doc_key_from_number, slug
from guize.rdf.facts import add_facts
from guize.rdf.oxterms import ox_triples
from guize.rdf.plain import PlainStore
from guize.rdf.spans import Spans

ELI = Namespace(namespaces.ELI)
OA = Namespace(namespaces.OA)

#: Cleaning kinds recorded entry by entry in the graph (the rest are counted).
DETAILED_KINDS = ("page-junk", "spam", "conversion-artifact", "line-join", "line-split")


@dataclass(frozen=True)
class DocumentGraph:
    key: str  # the document's key (from its 文号)
    document_iri: str
    graph_iri: str
    graph: Graph

    def triples(self) -> list[ox.Triple]:
        """The graph as pyoxigraph triples, for the store.

        :raises IngestError: (stage ``rdf``) if an IRI was minted wrongly.
        """
        try:
            return ox_triples(self.graph)
        except ValueError as exc:
            raise IngestError(
                "rdf", f"the document graph is not valid RDF: {exc}", doc_id=self.key
            ) from exc


def document_key(doc: ParsedDocument) -> str:
    """Key of the document: its government's key and the slug of its 文号
    (370800-jizhengfa-2022-4), or, without a 文号, its government's key and its date
    (620922-2020-02-24).  A 文号 alone is not unique across governments: 济政发 is 济南's and
    济宁's, and 平政发 reads like 屏政发 in pinyin."""
    md = doc.metadata
    if md.doc_number:
        return _numbered(doc, md.doc_number)
    if md.date and (md.issuer or md.place):
        return f"{government_key(doc)}-{md.date}"
    return slug(doc.doc_id)


def _numbered(doc: ParsedDocument, doc_number: str) -> str:
    """The key of the document numbered ``doc_number`` by ``doc``'s government (the documents
    a text repeals or is superseded by are its own government's)."""
    return f"{government_key(doc)}-{doc_key_from_number(doc_number)}"


def government_key(doc: ParsedDocument) -> str:
    """Key of the issuing government: the code of its administrative division (济宁市 →
    370800, :mod:`guize.ingest.parse.division`); the State Council by name (guowuyuan); a place
    the gazetteer does not identify by the pinyin of its province and name
    and a digest of the name (gansusheng-xinhexian-1a2b3c), so that 山西省 and 陕西省, two 鼓楼区 or
    two homophone places do not become one government.
    """
    md = doc.metadata
    if md.level == "national" and md.issuer:
        return slug(md.issuer)
    if md.division_code:
        return md.division_code
    place = md.place or md.issuer or doc.doc_id
    # pinyin alone would join homophones (化远市, 化原市): a digest of the name keeps them apart
    digest = hashlib.sha1(place.encode("utf-8")).hexdigest()[:6]
    if md.province and md.province != place:
        return f"{slug(md.province)}-{slug(place)}-{digest}"
    return f"{slug(place)}-{digest}"


class _Writer:
    def __init__(self, doc: ParsedDocument, iris: Iris) -> None:
        self.doc, self.iris = doc, iris
        self.gz = Namespace(iris.ontology)
        self.key = document_key(doc)
        self.g = Graph(store=PlainStore())  # no graph names: written and read faster
        for prefix, ns in (
            ("eli", ELI),
            ("oa", OA),
            ("gz", self.gz),
            ("org", ORG),
            ("prov", PROV),
            ("dcterms", DCTERMS),
            ("skos", SKOS),
        ):
            self.g.bind(prefix, ns)
        self.doc_iri = URIRef(iris.document(self.key))
        self.raw_iri = URIRef(f"{self.doc_iri}/raw")
        self.spans = Spans(self.g, self.doc_iri, self.gz.span)

    def add(self, s, p, o) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def zh(self, text: str | None) -> Literal | None:
        return Literal(text, lang="zh") if text else None

    def span(self, subject: URIRef, raw_span: Span) -> None:
        self.spans.link(subject, *raw_span)


def _document(w: _Writer) -> None:
    d, md, gz = w.doc, w.doc.metadata, w.gz
    s = w.doc_iri
    for t in (gz.WorkRules, ELI.LegalResource):
        w.add(s, RDF.type, t)
    w.add(s, ELI.title, w.zh(d.title))
    w.add(s, RDFS.label, w.zh(d.title or md.doc_number))
    w.add(s, ELI.id_local, Literal(md.doc_number) if md.doc_number else None)
    w.add(s, gz.docKey, Literal(w.key))
    if md.date:
        w.add(s, ELI.date_document, Literal(md.date, datatype=XSD.date))
    if d.notice.published:
        w.add(s, gz.datePublishedOnPage, Literal(d.notice.published, datatype=XSD.date))
    w.add(s, gz.status, Literal(md.status))
    if md.status in ("in-force", "expired"):
        w.add(
            s,
            ELI.in_force,
            ELI["InForce-inForce" if md.status == "in-force" else "InForce-notInForce"],
        )
    w.add(s, gz.numberingStyle, Literal(d.numbering_style))
    w.add(s, gz.adoptedBy, w.zh(md.adopted_by))
    if d.notice.adopted_date:
        w.add(s, gz.adoptedDate, Literal(d.notice.adopted_date, datatype=XSD.date))
    w.add(s, gz.indexNumber, Literal(d.notice.index_number) if d.notice.index_number else None)
    for r in d.notice.recipients:
        w.add(s, gz.recipient, w.zh(r))
    for warning in d.warnings:
        w.add(s, gz.warning, Literal(warning))
    _versions(w)
    w.add(s, PROV.wasDerivedFrom, w.raw_iri)
    w.add(s, gz.rawText, w.raw_iri)


def _versions(w: _Writer) -> None:
    """What it repeals (eli:repeals) and what superseded it (eli:repealed_by)."""
    md, gz, s = w.doc.metadata, w.gz, w.doc_iri
    for r in md.repeals:
        if not r.doc_number:
            continue
        old = URIRef(w.iris.document(_numbered(w.doc, r.doc_number)))
        w.add(s, ELI.repeals, old)
        w.add(s, gz.repealsNumber, Literal(r.doc_number))
        w.add(old, RDF.type, ELI.LegalResource)
        w.add(old, ELI.id_local, Literal(r.doc_number))
        w.add(old, ELI.title, w.zh(r.title))
        if r.date:
            w.add(old, ELI.date_document, Literal(r.date, datatype=XSD.date))
    for number in md.superseded_by:
        new = URIRef(w.iris.document(_numbered(w.doc, number)))
        w.add(s, ELI.repealed_by, new)
        w.add(s, gz.supersededByNumber, Literal(number))
        w.add(new, RDF.type, ELI.LegalResource)
        w.add(new, ELI.id_local, Literal(number))


def _government(w: _Writer) -> None:
    md, gz = w.doc.metadata, w.gz
    gov = URIRef(w.iris.government(government_key(w.doc)))
    for t in (gz.PeoplesGovernment, ORG.FormalOrganization):
        w.add(gov, RDF.type, t)
    w.add(gov, RDFS.label, w.zh(md.issuer))
    w.add(gov, gz.place, w.zh(md.place))
    w.add(gov, gz.province, w.zh(md.province))
    if md.division_code:
        w.add(gov, gz.divisionCode, Literal(md.division_code))
    w.add(gov, gz.headTitle, w.zh(md.head_title))
    if md.level:
        w.add(gov, gz.administrativeLevel, URIRef(w.iris.concept("administrative-level", md.level)))
    w.add(w.doc_iri, ELI.passed_by, gov)
    w.add(w.doc_iri, gz.government, gov)


def _notice(w: _Writer) -> None:
    n = w.doc.notice
    if n.span is None:
        return
    s = URIRef(w.iris.notice(w.key))
    w.add(w.doc_iri, w.gz.notice, s)
    w.add(s, RDF.type, w.gz.IssuingNotice)
    w.add(s, ELI.title, w.zh(n.title))
    w.add(s, RDFS.label, w.zh(n.title or "印发通知"))
    w.span(s, w.doc.clean.raw_span(*n.span))


def _structure(w: _Writer) -> None:
    gz, key, iris = w.gz, w.key, w.iris
    for c in w.doc.chapters:
        s = URIRef(iris.chapter(key, c.number))
        _subdivision(w, s, gz.Chapter, c.number, c.label, w.doc_iri)
        w.add(s, ELI.title, w.zh(c.title))
        w.add(s, RDFS.label, w.zh(f"{c.label} {c.title or ''}".strip()))
        w.add(s, gz.titleStatus, Literal(c.title_status))
        w.span(s, c.raw_span)
    seen: Counter[int] = Counter()
    for p in w.doc.provisions:
        seen[p.number] += 1
        suffix = "" if seen[p.number] == 1 else f"_{seen[p.number]}"
        s = URIRef(iris.provision(key, p.number) + suffix)
        _subdivision(w, s, gz.Provision, p.number, p.label, w.doc_iri)
        w.add(s, RDFS.label, w.zh(p.label))
        w.add(s, gz.text, w.zh(p.text))
        if p.chapter is not None:
            w.add(s, gz.chapter, URIRef(iris.chapter(key, p.chapter)))
        w.span(s, p.raw_span)
        divided = len(p.paragraphs) > 1
        for para in p.paragraphs:
            # A provision of one paragraph is not divided into 款 (one is cited as “第五条”,
            # not “第五条第一款”): its items are its own parts.
            ps = URIRef(f"{s}/para_{para.number}") if divided else s
            if divided:
                _subdivision(w, ps, gz.Paragraph, para.number, None, s)
                w.add(ps, gz.text, w.zh(para.text))
                w.span(ps, w.doc.clean.raw_span(*para.span))
            for item in para.items:
                its = URIRef(f"{ps}/item_{item.number}")
                _subdivision(w, its, gz.Item, item.number, item.label, ps)
                w.add(its, gz.text, w.zh(item.text))
                w.span(its, w.doc.clean.raw_span(*item.span))


def _subdivision(
    w: _Writer, s: URIRef, cls, number: int, label: str | None, parent: URIRef
) -> None:
    w.add(s, RDF.type, cls)
    w.add(s, RDF.type, ELI.LegalResourceSubdivision)
    w.add(s, ELI.is_part_of, parent)
    w.add(parent, ELI.has_part, s)
    w.add(s, ELI.number, Literal(str(number)))
    w.add(s, w.gz.ordinal, Literal(number, datatype=XSD.positiveInteger))
    w.add(s, w.gz.labelAsWritten, w.zh(label))


def _provenance(w: _Writer) -> None:
    gz, raw, clean = w.gz, w.raw_iri, w.doc.clean
    w.add(raw, RDF.type, gz.RawText)
    w.add(raw, RDF.type, PROV.Entity)
    w.add(raw, DCTERMS.format, Literal("text/plain; charset=utf-8"))
    w.add(raw, gz.encoding, Literal(clean.raw.encoding))
    w.add(raw, DCTERMS.extent, Literal(len(clean.raw.text), datatype=XSD.nonNegativeInteger))
    w.add(raw, gz.content, Literal(clean.raw.text))
    src = w.doc.source
    if src and src.url:
        w.add(raw, DCTERMS.source, URIRef(src.url))
    run = URIRef(w.iris.cleaning(w.key))
    w.add(w.doc_iri, gz.cleaning, run)
    w.add(w.doc_iri, PROV.wasGeneratedBy, run)
    w.add(run, RDF.type, gz.CleaningRun)
    w.add(run, RDF.type, PROV.Activity)
    w.add(run, PROV.used, raw)
    counts = Counter(e.kind for e in clean.report)
    for kind, n in sorted(counts.items()):
        w.add(run, RDFS.comment, Literal(f"{kind}: {n}"))
    for i, e in enumerate(e for e in clean.report if e.kind in DETAILED_KINDS):
        s = URIRef(f"{run}/{i + 1}")
        w.add(run, gz.entry, s)
        w.add(s, RDF.type, gz.CleaningEntry)
        w.add(s, gz.cleaningKind, Literal(e.kind))
        w.add(s, gz.removedText, Literal(e.text))
        if e.replacement:
            w.add(s, gz.replacementText, Literal(e.replacement))
        w.span(s, e.raw_span)


def to_rdf(doc: ParsedDocument, iris: Iris, facts: Facts | None = None) -> DocumentGraph:
    """The document's named graph, with the extracted facts when given."""
    w = _Writer(doc, iris)
    _document(w)
    _government(w)
    _notice(w)
    _structure(w)
    _provenance(w)
    if facts is not None:
        add_facts(w.g, facts, doc, iris, w.key, iris.government(government_key(doc)), w.spans)
    return DocumentGraph(w.key, str(w.doc_iri), iris.graph(w.key), w.g)
