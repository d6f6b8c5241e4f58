"""RDF of norms, meeting competence and the decision procedure (规范图谱).

Layout (``{doc}`` = ``iris.document(key)``), every node a ``gz:Fact`` with its provision and span:

- ``{doc}/fact/norm-{n}``: gz:Norm (also gz:Power for signing, written by :mod:`guize.rdf.facts`)
  with gz:holder, gz:action, gz:object (a concept, or the meeting convened or chaired),
  gz:objectText, gz:delegate, gz:modality, gz:hedged, gz:condition, gz:conditionEvent,
  gz:requiresEntrustment, gz:requiresAuthorisation;
- ``{doc}/fact/meeting-{key}-decides-{n}``: gz:MeetingCompetence (gz:meeting, gz:matter,
  gz:decisive: the meeting decides the matter rather than only studying or hearing it), and
  the direct triple ``{doc}/meeting/{key} gz:decides {matter}``;
- ``{doc}/fact/decision-step-{n}``: gz:DecisionStep (gz:step);
- ``{doc}/fact/party-reporting-{n}``: gz:PartyReportingRule;
- ``{doc}/fact/rule-making-{n}``: gz:RuleMakingClaim.
"""

from __future__ import annotations

from typing import Any

from rdflib import RDF, Literal, URIRef

from guize.ingest.facts import Qualifier

#: the fact writer of :mod:`guize.rdf.facts` (its helpers add, fact, mint, role, concept, zh)
_FactWriter = Any


def qualify(w: _FactWriter, node: URIRef, q: Qualifier) -> None:
    """The modality, hedge and structured condition of a norm node."""
    gz = w.gz
    w.add(node, RDF.type, gz.Norm)
    w.add(node, gz.modality, w.concept("modality", q.modality))
    w.add(node, gz.hedged, Literal(q.hedged))
    if q.event:
        w.add(node, gz.conditionEvent, w.concept("condition-event", q.event))
    w.add(node, gz.requiresEntrustment, Literal(q.entrustment_required))
    w.add(node, gz.requiresAuthorisation, Literal(q.authorisation_required))


def write(w: _FactWriter) -> None:
    """Norms, meeting competences, decision steps, Party reporting and rule-making claims."""
    gz, f = w.gz, w.facts
    for n in f.norms:
        node = w.fact(w.mint("norm", numbered=True), "Norm", n.source)
        w.add(node, gz.action, w.concept("power-action", n.action))
        for r in n.holders:
            w.add(node, gz.holder, w.role(r))
        for r in n.delegates:
            w.add(node, gz.delegate, w.role(r))
        if n.object_scheme == "meeting" and n.object:
            w.add(node, gz.object, URIRef(f"{w.doc_iri}/meeting/{n.object}"))
        elif n.object_scheme and n.object:
            w.add(node, gz.object, w.concept(n.object_scheme, n.object))
        w.add(node, gz.objectText, w.zh(n.object_text))
        w.add(node, gz.condition, w.zh(n.condition))
        qualify(w, node, n.qualifier)
    for m in f.meeting_matters:
        meeting = URIRef(f"{w.doc_iri}/meeting/{m.meeting}")
        matter = w.concept("matter-category", m.matter)
        node = w.fact(
            w.mint(f"meeting-{m.meeting}-decides", numbered=True), "MeetingCompetence", m.source
        )
        w.add(node, gz.meeting, meeting)
        w.add(node, gz.matter, matter)
        w.add(node, gz.decisive, Literal(m.decisive))
        w.add(meeting, gz.decides, matter)
    for e in f.decision_steps:
        node = w.fact(w.mint("decision-step", numbered=True), "DecisionStep", e.source)
        w.add(node, gz.step, w.concept("decision-step", e.code))
    for e in f.party_reporting:
        w.fact(w.mint("party-reporting", numbered=True), "PartyReportingRule", e.source)
    for e in f.rule_making:
        w.fact(w.mint("rule-making", numbered=True), "RuleMakingClaim", e.source)
