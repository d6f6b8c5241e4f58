"""RDF of extracted facts (事实图谱): roles, meetings, powers, deadlines, leave rules.

Layout (``{doc}`` = ``iris.document(key)``; every fact node is a ``gz:Fact`` plus its class, with
``gz:sourceProvision`` and a ``gz:span`` shaped like to_rdf's: an ``oa:SpecificResource`` on
``{doc}/raw`` with an ``oa:TextPositionSelector`` (raw offsets) and an ``oa:TextQuoteSelector``
(the cleaned sentence), shared by whatever was read from the same stretch, :mod:`guize.rdf.spans`):

- posts ``{doc}/post/{code}/{slug}`` and bodies ``{doc}/body/{kind}``: see
  :mod:`guize.rdf.institution`.
- ``{doc}/fact/composition``, ``…/head-responsibility``, ``…/assist-{n}``, ``…/acting-head``,
  ``…/backup-{n}``, ``…/signing-{category}``, ``…/deadline-{n}``, ``…/leave-{n}``,
  ``…/applies-to`` (a second statement of a singular fact gets ``-2``).
- ``{doc}/meeting/{kind}`` (``other-{n}``) with ``#frequency`` and ``#quorum`` value nodes, and
  one ``{doc}/fact/meeting-{kind}-{attribute}-{n}`` per assertion (the direct triples to posts are
  derived from these by :mod:`guize.reason`).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from fractions import Fraction

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, SKOS

from guize import namespaces
from guize.ingest.facts import Facts, Qualifier, Role, Source
from guize.ingest.model import ParsedDocument
from guize.iris import Iris
from guize.rdf import norms
from guize.rdf.institution import InstitutionWriter
from guize.rdf.spans import Spans
from guize.vocab import load_vocabulary

OA = Namespace(namespaces.OA)

#: quorum base as written → vocab/quorum-base code
QUORUM_BASES = {
    "应到人数": "due-to-attend",
    "应到会人数": "due-to-attend",
    "应出席人数": "due-to-attend",
    "组成人员": "members",
    "全体组成人员": "members",
}

#: Meeting-role codes that are attributes of the meeting (written as a gz:Frequency or
#: gz:Quorum value), not parts a post takes.
MEETING_ATTRIBUTES = ("frequency", "quorum")
#: Meeting-role code → the ontology property that states the part directly from the meeting to
#: the post (``gz:directProperty`` of the role's concept in vocab/meeting-role).
MEETING_SHORTCUTS = {
    c.code: c.direct_property
    for c in load_vocabulary().scheme("meeting-role").concepts
    if c.direct_property and c.code not in MEETING_ATTRIBUTES
}


class _FactWriter:
    def __init__(
        self,
        g: Graph,
        facts: Facts,
        doc: ParsedDocument,
        iris: Iris,
        key: str,
        gov_iri: str,
        spans: Spans | None = None,
    ) -> None:
        self.g, self.facts, self.doc, self.iris, self.key = g, facts, doc, iris, key
        self.gz = Namespace(iris.ontology)
        self.doc_iri = iris.document(key)
        self.gov = URIRef(gov_iri)
        self.spans = spans or Spans(g, self.doc_iri, self.gz.span)
        self.names: Counter[str] = Counter()
        self.institution = InstitutionWriter(self, facts, iris, key, self.gov)
        g.bind("gz", self.gz)
        g.bind("oa", OA)
        g.bind("org", ORG)
        g.bind("skos", SKOS)

    # -- helpers -----------------------------------------------------------------------------
    def add(self, s, p, o) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def zh(self, text: str | None) -> Literal | None:
        return Literal(text, lang="zh") if text else None

    def concept(self, scheme: str, code: str) -> URIRef:
        return URIRef(self.iris.concept(scheme, code))

    def mint(self, name: str, numbered: bool = False) -> URIRef:
        """``{doc}/fact/{name}``; numbered: name-1, name-2 …; else name, name-2 … on repeats."""
        self.names[name] += 1
        n = self.names[name]
        suffix = f"-{n}" if numbered or n > 1 else ""
        return URIRef(f"{self.doc_iri}/fact/{name}{suffix}")

    def role(self, role: Role) -> URIRef:
        """The post (or body) a role as written names: distinct per role kind and wording."""
        return self.institution.node(role)

    def provision(self, src: Source) -> URIRef:
        base = self.iris.provision(self.key, src.provision)
        return URIRef(base if src.occurrence == 1 else f"{base}_{src.occurrence}")

    def fact(self, node: URIRef, cls: str, src: Source) -> URIRef:
        self.add(node, RDF.type, self.gz.Fact)
        self.add(node, RDF.type, self.gz[cls])
        self.provenance(node, src)
        return node

    def provenance(self, node: URIRef, src: Source) -> None:
        """gz:sourceProvision and gz:span of a node (the ontology makes roles, meetings,
        frequencies and quorums gz:Facts too, so they carry it as well)."""
        self.add(node, self.gz.sourceProvision, self.provision(src))
        self.span(node, src)

    def span(self, node: URIRef, src: Source) -> None:
        start, end = self.doc.clean.raw_span(*src.span)
        self.spans.link(node, start, end, self.doc.clean.text[src.span[0] : src.span[1]])

    def positive(self, n: int | None) -> Literal | None:
        return Literal(n, datatype=XSD.positiveInteger) if n else None

    # -- sections ----------------------------------------------------------------------------
    def roles(self) -> None:
        """Posts, bodies and the legal basis (:mod:`guize.rdf.institution`)."""
        self.institution.write()

    def government(self) -> None:
        gz, f = self.gz, self.facts
        for c in f.composition:
            node = self.fact(self.mint("composition"), "Composition", c.source)
            for r in c.members:
                self.add(node, gz.member, self.role(r))
        for h in f.head_responsibility:
            node = self.fact(self.mint("head-responsibility"), "HeadResponsibility", h.source)
            self.add(node, gz.holder, self.role(h.holder))
            self.add(self.gov, gz.headResponsibility, Literal(True))
        for a in f.assists:
            node = self.fact(self.mint("assist", numbered=True), "Power", a.source)
            self.add(node, gz.action, self.concept("power-action", "assist"))
            for r in a.holders:
                self.add(node, gz.holder, self.role(r))
            self.add(node, gz.object, self.role(a.assisted))
            self.add(node, gz.objectText, self.zh(a.object_text))
            norms.qualify(self, node, Qualifier())
        for a in f.acting_head:
            node = self.fact(self.mint("acting-head"), "ActingHeadRule", a.source)
            for r in a.acting:
                self.add(node, gz.actingRole, self.role(r))
            self.add(node, gz.condition, self.zh(a.condition))
            self.add(node, gz.requiresEntrustment, Literal(a.requires_entrustment))
            self.add(node, gz.action, self.concept("power-action", a.action))
            if "head" in self.facts.role_sources():
                self.add(node, gz.onBehalfOf, self.role(Role("head", "")))
        for b in f.backups:
            node = self.fact(self.mint("backup", numbered=True), "BackupRule", b.source)
            for r in b.acting:
                self.add(node, gz.actingRole, self.role(r))
            self.add(node, gz.condition, self.zh(b.condition))
        for a in f.applicability:
            node = self.fact(self.mint("applies-to"), "Applicability", a.source)
            for body in a.bodies:
                self.add(node, gz.appliesTo, self.zh(body))

    def meetings(self) -> None:
        gz = self.gz
        for m in self.facts.meetings:
            s = URIRef(f"{self.doc_iri}/meeting/{m.key}")
            self.add(s, RDF.type, gz.Meeting)
            self.add(s, gz.meetingKind, self.concept("meeting-kind", m.kind))
            self.add(s, RDFS.label, self.zh(m.name))
            for v in m.variants:
                self.add(s, SKOS.altLabel, self.zh(v))
            self.add(s, gz.government, self.gov)
            if m.source:
                self.span(s, m.source)
            for number, occurrence in m.provisions:
                self.add(s, gz.sourceProvision, self.provision(Source(number, (0, 0), occurrence)))
        for a in self.facts.meeting_roles:
            meeting = URIRef(f"{self.doc_iri}/meeting/{a.meeting}")
            # the direct triple (gz:member, gz:chairedBy …) follows from this record by a
            # property chain of the ontology: guize.reason writes it into the inferred graph
            node = self.assertion(
                meeting, a.meeting, a.attribute, a.source, "MeetingRoleAssignment"
            )
            self.add(node, gz.role, self.role(a.role))
            self.add(node, gz.condition, self.zh(a.condition))
        self.frequencies()
        self.quorums()

    def assertion(self, meeting: URIRef, key: str, attribute: str, src: Source, cls: str) -> URIRef:
        node = self.fact(self.mint(f"meeting-{key}-{attribute}", numbered=True), cls, src)
        self.add(node, self.gz.meeting, meeting)
        self.add(node, self.gz.meetingRole, self.concept("meeting-role", attribute))
        self.add(meeting, self.gz.sourceProvision, self.provision(src))
        return node

    def frequencies(self) -> None:
        gz, seen = self.gz, Counter()
        for f in self.facts.frequencies:
            meeting = URIRef(f"{self.doc_iri}/meeting/{f.meeting}")
            seen[f.meeting] += 1
            value = URIRef(
                f"{meeting}#frequency" + ("" if seen[f.meeting] == 1 else f"-{seen[f.meeting]}")
            )
            self.add(meeting, gz.frequency, value)
            self.add(value, RDF.type, gz.Frequency)
            self.add(value, gz.frequencyText, self.zh(f.text))
            if f.per:
                self.add(value, gz.per, self.concept("time-unit", f.per))
            self.add(value, gz.minTimes, self.positive(f.min))
            self.add(value, gz.maxTimes, self.positive(f.max))
            self.add(value, gz.hedged, Literal(f.hedged))
            if f.per is None and "不定期" in f.text:
                self.add(value, gz.asNeeded, Literal(True))
            self.provenance(value, f.source)
            node = self.assertion(meeting, f.meeting, "frequency", f.source, "Fact")
            self.add(node, gz.frequency, value)

    def quorums(self) -> None:
        gz, seen = self.gz, Counter()
        for q in self.facts.quorums:
            meeting = URIRef(f"{self.doc_iri}/meeting/{q.meeting}")
            seen[q.meeting] += 1
            value = URIRef(
                f"{meeting}#quorum" + ("" if seen[q.meeting] == 1 else f"-{seen[q.meeting]}")
            )
            self.add(meeting, gz.quorum, value)
            self.add(value, RDF.type, gz.Quorum)
            decimal = Decimal(q.fraction.numerator) / Decimal(q.fraction.denominator)
            self.add(value, gz.fraction, Literal(decimal, datatype=XSD.decimal))
            self.add(value, gz.fractionText, Literal(q.fraction_text))
            self.add(value, gz.strict, Literal(q.strict))
            self.add(value, gz.quorumText, self.zh(q.text))
            self.add(value, RDFS.comment, Literal(q.note, lang="en") if q.note else None)
            base = QUORUM_BASES.get(q.base or "")
            self.add(value, gz.quorumBase, self.concept("quorum-base", base) if base else None)
            if q.fraction == Fraction(1, 2):
                rule = "more-than-half" if q.strict else "half-or-more"
                self.add(value, gz.quorumRule, self.concept("quorum-rule", rule))
            self.provenance(value, q.source)
            node = self.assertion(meeting, q.meeting, "quorum", q.source, "Fact")
            self.add(node, gz.quorum, value)

    def powers(self) -> None:
        gz = self.gz
        for s in self.facts.signings:
            node = self.fact(self.mint(f"signing-{s.category}"), "Power", s.source)
            for a in s.actions:
                self.add(node, gz.action, self.concept("power-action", a))
            for r in s.holders:
                self.add(node, gz.holder, self.role(r))
            self.add(node, gz.object, self.concept("document-category", s.category))
            self.add(node, gz.objectText, self.zh(s.object_text))
            self.add(node, gz.condition, self.zh(s.condition))
            norms.qualify(self, node, s.qualifier)
        for d in self.facts.deadlines:
            node = self.fact(self.mint("deadline", numbered=True), "Deadline", d.source)
            self.add(node, gz.amount, self.positive(d.amount))
            self.add(node, gz.unit, self.concept("time-unit", d.unit))
            self.add(node, gz.topic, self.zh(d.topic))
            self.add(node, gz.bound, Literal(d.bound))
            if d.bound == "at-least":
                self.add(node, gz.atLeast, Literal(True))
        for rule in self.facts.leave:
            node = self.fact(self.mint("leave", numbered=True), "LeaveRule", rule.source)
            for r in rule.who:
                self.add(node, gz.who, self.role(r))
            for r in rule.report_to:
                self.add(node, gz.reportTo, self.role(r))
            self.add(node, gz.condition, self.zh(rule.condition))
            if rule.advance:
                adv = URIRef(f"{node}#advance")
                self.add(node, gz.advanceNotice, adv)
                self.add(adv, RDF.type, gz.Duration)
                self.add(adv, gz.amount, self.positive(rule.advance.amount))
                self.add(adv, gz.unit, self.concept("time-unit", rule.advance.unit))


def add_facts(
    g: Graph,
    facts: Facts,
    doc: ParsedDocument,
    iris: Iris,
    key: str,
    gov_iri: str,
    spans: Spans | None = None,
) -> None:
    """Write ``facts`` of ``doc`` (document key ``key``, government ``gov_iri``) into ``g``;
    ``spans``: the spans written already into ``g`` (by :func:`guize.rdf.document.to_rdf`)."""
    w = _FactWriter(g, facts, doc, iris, key, gov_iri, spans)
    w.roles()
    w.government()
    w.meetings()
    w.powers()
    norms.write(w)
