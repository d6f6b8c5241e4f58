"""The ontology declares exactly what the RDF writer (to_rdf.py + facts_rdf.py) emits.

Two sources: the writer's real output for every file of data/raw/ (the ``written`` fixture), and
every code the writer *can* emit — read from data/lexicon/extraction.yaml and from the constants
of service/ingest/facts_rdf.py, so that a new word in the lexicon or a new code in the writer
fails here until the vocabulary has it.
"""

from __future__ import annotations

import re

import pytest
import yaml
from ontology_helpers import GZ, ROOT
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

VOCAB_NS = "https://w3id.org/guize/vocab/"
#: scheme code → the ontology class its concepts belong to (as in test_vocab.py).
SCHEME_CLASS = {
    "administrative-level": "AdministrativeLevel",
    "administrative-tier": "AdministrativeTier",
    "role-kind": "RoleKind",
    "body-kind": "BodyKind",
    "meeting-kind": "MeetingKind",
    "meeting-role": "MeetingRole",
    "power-action": "PowerAction",
    "document-category": "DocumentCategory",
    "time-unit": "TimeUnit",
    "provision-topic": "ProvisionTopic",
    "validity-status": "ValidityStatus",
    "quorum-base": "QuorumBase",
    "quorum-rule": "QuorumRule",
    "modality": "Modality",
    "condition-event": "ConditionEvent",
    "matter-category": "MatterCategory",
    "decision-step": "DecisionStepKind",
}


def concept_problem(model: Graph, iri: URIRef) -> str | None:
    """Why ``iri`` (https://w3id.org/guize/vocab/{scheme}/{code}) is not a declared concept of its scheme, if it is not."""
    scheme, _, code = str(iri)[len(VOCAB_NS) :].partition("/")
    if scheme not in SCHEME_CLASS or not code:
        return f"{iri}: not under a known scheme"
    missing = [
        str(t)
        for t in (
            (iri, RDF.type, SKOS.Concept),
            (iri, RDF.type, URIRef(GZ + SCHEME_CLASS[scheme])),
            (iri, SKOS.inScheme, URIRef(VOCAB_NS + scheme)),
            (iri, SKOS.notation, Literal(code)),
        )
        if t not in model
    ]
    return f"{iri}: missing {missing}" if missing else None


# --- the real output ------------------------------------------------------------------------


def test_every_vocab_iri_in_the_output_is_a_declared_concept(model, written):
    used = {
        t
        for triple in written
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(VOCAB_NS)
    }
    assert len(used) > 30
    assert sorted(filter(None, (concept_problem(model, c) for c in used))) == []


def test_every_gz_term_in_the_output_is_declared_with_the_right_kind(model, written):
    problems = set()
    for _s, p, o in written:
        if p == RDF.type and str(o).startswith(GZ):
            if (o, RDF.type, OWL.Class) not in model:
                problems.add(f"{o} is used as a class but is not an owl:Class")
        elif str(p).startswith(GZ):
            kind = OWL.DatatypeProperty if isinstance(o, Literal) else OWL.ObjectProperty
            if (p, RDF.type, kind) not in model:
                problems.add(
                    f"{p} has a {'literal' if isinstance(o, Literal) else 'IRI'} "
                    f"value but is not an {kind.n3()[4:]}"
                )
        for t in (_s, p, o):
            if isinstance(t, URIRef) and str(t).startswith(GZ):
                declared = any(
                    (t, RDF.type, k) in model
                    for k in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
                )
                if not declared:
                    problems.add(f"{t} is not declared")
    assert sorted(problems) == []


def _superclasses(model: Graph, classes: set) -> set:
    """``classes`` and every named superclass (rdfs:subClassOf, transitively)."""
    out, todo = set(), list(classes)
    while todo:
        c = todo.pop()
        if c in out:
            continue
        out.add(c)
        todo.extend(s for s in model.objects(c, RDFS.subClassOf) if isinstance(s, URIRef))
    return out


def _fits(model: Graph, types: set, cls) -> bool:
    """Whether a node of the (asserted) ``types`` is in class expression ``cls`` by its types alone."""
    if cls == OWL.Thing or cls in types:
        return True
    if isinstance(cls, BNode):
        members = model.value(cls, OWL.unionOf)
        return members is not None and any(
            _fits(model, types, m) for m in Collection(model, members)
        )
    eq = model.value(cls, OWL.equivalentClass)  # gz:Actor ≡ GovernmentRole ∪ org:Organization
    return isinstance(eq, BNode) and _fits(model, types, eq)


def test_the_writer_uses_every_own_property_within_its_domain_and_range(model, written):
    """No subject (or object) needs the reasoner to *infer* a type from an own property's domain
    (or range): what the writer types a node as already satisfies them."""
    both = model + written

    def types(node) -> set:
        return _superclasses(model, set(both.objects(node, RDF.type)))

    problems = set()
    for s, p, o in written:
        if not str(p).startswith(GZ):
            continue
        dom, rng = model.value(p, RDFS.domain), model.value(p, RDFS.range)
        if dom is not None and not _fits(model, types(s), dom):
            problems.add(
                f"{p}: subject typed {sorted(map(str, both.objects(s, RDF.type)))} "
                f"is outside the domain"
            )
        if isinstance(o, URIRef) and rng is not None and not _fits(model, types(o), rng):
            problems.add(
                f"{p}: object typed {sorted(map(str, both.objects(o, RDF.type)))} "
                f"is outside the range"
            )
    assert sorted(problems) == []


def test_the_writer_writes_every_new_fact_class(written):
    # The classes 0.2.0 added for the writer are really used (not dead declarations).
    for name in (
        "Composition",
        "HeadResponsibility",
        "BackupRule",
        "MeetingRoleAssignment",
        "Norm",
        "MeetingCompetence",
        "DecisionStep",
        "PartyReportingRule",
        "RuleMakingClaim",
    ):
        assert (None, RDF.type, URIRef(GZ + name)) in written, name
    for name in (
        "meeting",
        "meetingRole",
        "role",
        "bound",
        "topic",
        "appliesTo",
        "modality",
        "conditionEvent",
        "requiresAuthorisation",
        "decides",
        "matter",
        "step",
        "delegate",
    ):
        assert (None, URIRef(GZ + name), None) in written, name


# --- every code the writer can emit -----------------------------------------------------------


def _lexicon() -> dict:
    return yaml.safe_load(
        (ROOT / "data" / "lexicon" / "extraction.yaml").read_text(encoding="utf-8")
    )


def emittable_codes() -> dict[str, set[str]]:
    """scheme → every code facts_rdf.py can write, from the lexicon and the writer's own constants."""
    from guize.rdf import facts as facts_rdf

    lex = _lexicon()
    writer = (ROOT / "service" / "rdf" / "facts.py").read_text(encoding="utf-8")
    extract = "".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "service" / "ingest" / "extract").glob("*.py")
    )
    # Codes written literally in the writer: concept("scheme", "code").
    literal = re.findall(r"""concept\(\s*"([a-z-]+)"\s*,\s*"([a-z-]+)"\s*\)""", writer)
    codes: dict[str, set[str]] = {s: set() for s in SCHEME_CLASS}
    for scheme, code in literal:
        codes[scheme].add(code)
    # quorum-rule: rule = "more-than-half" if q.strict else "half-or-more".
    for pair in re.findall(r'rule = "([a-z-]+)" if [^\n]* else "([a-z-]+)"', writer):
        codes["quorum-rule"] |= set(pair)
    # role-kind: role words, body codes (but `outside`, resolved through person words), person
    # codes, the fallback `other` (extract_roles.py), and the addressees.
    assert '"other"' in extract, "extract_roles.py no longer falls back to role kind `other`"
    codes["role-kind"] |= set(lex["roles"]) | set(lex["addressees"]) | {"other"}
    codes["role-kind"] |= {b["code"] for b in lex["bodies"] if b["code"] != "outside"}
    codes["role-kind"] |= {p["code"] for p in lex["person_codes"]}
    codes["meeting-kind"] |= set(lex["meetings"])
    # meeting-role: the verbs' roles, the shortcuts the writer knows, agenda/minutes/substitute
    # (extract_meetings.py), and the attributes of the frequency and quorum assertions.
    codes["meeting-role"] |= {r for v in lex["meeting_verbs"] for r in v["roles"]}
    codes["meeting-role"] |= set(facts_rdf.MEETING_SHORTCUTS) | {"frequency", "quorum"}
    codes["meeting-role"] |= set(
        re.findall(r'"(substitute-chair|agenda-setter|minutes-signer)"', extract)
    )
    codes["power-action"] |= {a for v in lex["signing_verbs"] for a in v["actions"]}
    codes["power-action"] |= set(lex["acting_head"]["actions"])
    # norms: the lexicon's norm verbs and government acts, and convene/chair/act-for
    # (extract/norms.py); modality, condition events, matters and decision steps.
    from guize.ingest.extract.norms import MEETING_POWERS

    codes["power-action"] |= {v["action"] for v in lex["norm_verbs"]} | set(lex["government_acts"])
    codes["power-action"] |= set(MEETING_POWERS.values()) | {"act-for"}
    codes["modality"] |= set(lex["modality"]) | {"power"}
    codes["condition-event"] |= set(lex["condition_events"]) | {"head-absent", "holder-absent"}
    codes["matter-category"] |= set(lex["matter_categories"]) | {"other"}
    codes["decision-step"] |= set(lex["decision_steps"])
    # document-category: every category, and `other` when none matches (extract_signing.py).
    assert '("other"' in extract, "extract_signing.py no longer falls back to category `other`"
    codes["document-category"] |= set(lex["document_categories"]) | {"other"}
    codes["time-unit"] |= set(lex["time_units"].values()) | set(lex["frequency"]["per"].values())
    codes["quorum-base"] |= set(facts_rdf.QUORUM_BASES.values())
    codes["administrative-level"] |= set(lex["level_ranks"])
    return {s: c for s, c in codes.items() if c}


def test_the_lexicon_and_writer_codes_are_found():
    codes = emittable_codes()
    # The literal concept(...) calls of the writer are seen (a rename there must not go unnoticed).
    assert {"assist"} <= codes["power-action"]
    assert {"half-or-more", "more-than-half"} <= codes["quorum-rule"]
    assert {"meeting-chair", "superior-party-committee", "other"} <= codes["role-kind"]


@pytest.mark.parametrize("scheme", sorted(emittable_codes()))
def test_every_code_the_writer_can_emit_is_a_declared_concept(model, scheme):
    missing = sorted(
        filter(
            None,
            (
                concept_problem(model, URIRef(f"{VOCAB_NS}{scheme}/{c}"))
                for c in emittable_codes()[scheme]
            ),
        )
    )
    assert missing == []


def test_the_meeting_shortcuts_are_the_meeting_roles_direct_properties(model):
    """facts_rdf.MEETING_SHORTCUTS (meeting-role code → property on the meeting) agrees with the
    vocabulary's gz:directProperty, and each shortcut runs from a meeting to an actor."""
    from guize.rdf.facts import MEETING_SHORTCUTS

    for code, prop in MEETING_SHORTCUTS.items():
        concept = URIRef(f"{VOCAB_NS}meeting-role/{code}")
        assert model.value(concept, URIRef(GZ + "directProperty")) == URIRef(GZ + prop), code
        meeting = _superclasses(model, {URIRef(GZ + "Meeting")})
        assert _fits(model, meeting, model.value(URIRef(GZ + prop), RDFS.domain)), prop
        assert model.value(URIRef(GZ + prop), RDFS.range) == URIRef(GZ + "Actor"), prop


def test_the_deadline_bounds_are_the_lexicons(model):
    """gz:bound's values are the bounds extract_lexicon.py makes of data/lexicon's deadline_bounds
    (within-before and within-after are both `within`)."""
    rng = model.value(URIRef(GZ + "bound"), RDFS.range)
    declared = {str(v) for v in Collection(model, model.value(rng, OWL.oneOf))}
    lexicon = {re.sub(r"-(before|after)$", "", b) for b in _lexicon()["deadline_bounds"]}
    assert declared == lexicon == {"within", "at-least", "ahead"}
