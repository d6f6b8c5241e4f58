"""Own ontology terms: labels and definitions in zh and en, naming, the terms other stages rely on."""

from __future__ import annotations

import re

import pytest
from ontology_helpers import GZ, ONTOLOGY, ROOT
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
XSD = "http://www.w3.org/2001/XMLSchema#"
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def own_terms(g: Graph) -> list[URIRef]:
    return sorted(
        {s for k in KINDS for s in g.subjects(RDF.type, k) if str(s).startswith(GZ)}, key=str
    )


def langs(g: Graph, s, p) -> list[str | None]:
    return sorted((o.language or "") for o in g.objects(s, p) if isinstance(o, Literal))


def test_there_are_own_terms(ontology):
    assert len(own_terms(ontology)) > 100


def test_every_own_term_has_one_label_per_language_and_a_definition_in_each(ontology):
    bad = {}
    for t in own_terms(ontology):
        problems = []
        if langs(ontology, t, RDFS.label) != ["en", "zh"]:
            problems.append(f"rdfs:label languages {langs(ontology, t, RDFS.label)}")
        if langs(ontology, t, SKOS.definition) != ["en", "zh"]:
            problems.append(f"skos:definition languages {langs(ontology, t, SKOS.definition)}")
        if any(not str(o).strip() for o in ontology.objects(t, RDFS.label)):
            problems.append("empty label")
        if problems:
            bad[str(t)[len(GZ) :]] = problems
    assert bad == {}


def test_no_own_term_uses_skos_labels(ontology):
    # One labelling scheme per kind of term: rdfs:label for ontology terms, SKOS for concepts.
    used = [
        t
        for t in own_terms(ontology)
        if (t, SKOS.prefLabel, None) in ontology or (t, SKOS.altLabel, None) in ontology
    ]
    assert used == []


def test_names_are_ascii_camel_case(ontology):
    bad = []
    for t in own_terms(ontology):
        name = str(t)[len(GZ) :]
        is_class = (t, RDF.type, OWL.Class) in ontology
        pattern = r"[A-Z][A-Za-z0-9]*" if is_class else r"[a-z][A-Za-z0-9]*"
        if not re.fullmatch(pattern, name):
            bad.append(name)
    assert bad == []


def test_ontology_header_comes_first_and_is_complete(ontology):
    text = ONTOLOGY.read_text(encoding="utf-8")
    statements = [
        ln
        for ln in text.splitlines()
        if ln.strip() and not ln.lstrip().startswith(("#", "@prefix"))
    ]
    assert statements[0].startswith("<ontology> a owl:Ontology")
    onto = URIRef(GZ[:-1])
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert langs(ontology, onto, DCTERMS.title) == ["en", "zh"]
    assert langs(ontology, onto, DCTERMS.description) == ["en", "zh"]
    assert ontology.value(onto, OWL.versionInfo) is not None


# The terms other stages write or query; the local names are a contract.
DOCUMENT_CLASSES = [
    "WorkRules",
    "IssuingNotice",
    "Chapter",
    "Provision",
    "Paragraph",
    "Item",
    "PeoplesGovernment",
    "RawText",
    "CleaningRun",
    "CleaningEntry",
]
MODEL_CLASSES = [
    "Fact",
    "GovernmentRole",
    "Body",
    "Actor",
    "Meeting",
    "Participation",
    "Frequency",
    "Quorum",
    "Power",
    "Duration",
    "Deadline",
    "LeaveRule",
    "ActingHeadRule",
    "BackupRule",
    "HeadResponsibility",
    "Composition",
    "MeetingRoleAssignment",
    "Applicability",
    "RoleKind",
    "MeetingKind",
    "MeetingRole",
    "PowerAction",
    "DocumentCategory",
    "TimeUnit",
    "ProvisionTopic",
    "AdministrativeLevel",
    "AdministrativeTier",
    "BodyKind",
    "ValidityStatus",
    "QuorumBase",
    "QuorumRule",
]
DATATYPE_PROPERTIES = [
    "text",
    "content",
    "labelAsWritten",
    "ordinal",
    "titleStatus",
    "headTitle",
    "place",
    "province",
    "adoptedBy",
    "adoptedDate",
    "recipient",
    "numberingStyle",
    "status",
    "warning",
    "cleaningKind",
    "removedText",
    "replacementText",
    "encoding",
    "docKey",
    "datePublishedOnPage",
    "indexNumber",
    "supersededByNumber",
    "repealsNumber",
    "count",
    "minTimes",
    "maxTimes",
    "hedged",
    "frequencyText",
    "fraction",
    "fractionText",
    "strict",
    "quorumText",
    "condition",
    "requiresEntrustment",
    "amount",
    "headResponsibility",
    "phrase",
    "objectText",
    "asNeeded",
    "atLeast",
    "bound",
    "topic",
    "appliesTo",
    "lengthInDays",
    "perYear",
]
OBJECT_PROPERTIES = [
    "span",
    "notice",
    "chapter",
    "administrativeLevel",
    "government",
    "rawText",
    "cleaning",
    "entry",
    "sourceProvision",
    "roleKind",
    "bodyKind",
    "meetingKind",
    "member",
    "participant",
    "nonVotingAttendee",
    "convenedBy",
    "chairedBy",
    "substituteChair",
    "agendaSetBy",
    "minutesSignedBy",
    "frequency",
    "per",
    "quorum",
    "quorumBase",
    "quorumRule",
    "holder",
    "action",
    "object",
    "onBehalfOf",
    "delegate",
    "unit",
    "topicConcept",
    "who",
    "reportTo",
    "advanceNotice",
    "actingRole",
    "meeting",
    "meetingRole",
    "role",
]


@pytest.mark.parametrize(
    ("name", "kind"),
    [(n, OWL.Class) for n in DOCUMENT_CLASSES + MODEL_CLASSES]
    + [(n, OWL.DatatypeProperty) for n in DATATYPE_PROPERTIES]
    + [(n, OWL.ObjectProperty) for n in OBJECT_PROPERTIES],
)
def test_required_term_is_declared_with_its_kind(ontology, name, kind):
    assert (URIRef(GZ + name), RDF.type, kind) in ontology


@pytest.mark.parametrize(
    ("sub", "sup"),
    [("WorkRules", ELI + "LegalResource"), ("IssuingNotice", ELI + "LegalResource")]
    + [(c, ELI + "LegalResourceSubdivision") for c in ("Chapter", "Provision", "Paragraph", "Item")]
    + [
        ("PeoplesGovernment", ORG + "FormalOrganization"),
        ("RawText", PROV + "Entity"),
        ("CleaningRun", PROV + "Activity"),
        ("Fact", PROV + "Entity"),
        ("GovernmentRole", ORG + "Post"),
        ("GovernmentRole", ORG + "Role"),
        ("MeetingRoleAssignment", GZ + "Participation"),
        ("Composition", GZ + "Fact"),
        ("HeadResponsibility", GZ + "Fact"),
        ("BackupRule", GZ + "Fact"),
        ("RoleKind", ORG + "Role"),
        ("Meeting", ORG + "Organization"),
        ("Participation", ORG + "Membership"),
        ("Deadline", GZ + "Duration"),
        ("Power", GZ + "Fact"),
        ("Quorum", GZ + "Fact"),
    ],
)
def test_own_classes_are_aligned_to_the_standard_vocabularies(ontology, sub, sup):
    assert (URIRef(GZ + sub), RDFS.subClassOf, URIRef(sup)) in ontology


def test_alignment_of_properties(ontology):
    assert (
        URIRef(GZ + "sourceProvision"),
        RDFS.subPropertyOf,
        URIRef(PROV + "wasDerivedFrom"),
    ) in ontology
    assert (URIRef(GZ + "roleKind"), RDFS.subPropertyOf, URIRef(ORG + "role")) in ontology
    # A meeting role assignment is an org:Membership: organization, role and member.
    for prop, sup in (("meeting", "organization"), ("meetingRole", "role"), ("role", "member")):
        assert (URIRef(GZ + prop), RDFS.subPropertyOf, URIRef(ORG + sup)) in ontology
    assert ontology.value(URIRef(GZ + "span"), RDFS.range) == URIRef(OA + "SpecificResource")


def _one_of(g: Graph, prop: str) -> list[str]:
    rng = g.value(URIRef(GZ + prop), RDFS.range)
    assert isinstance(rng, BNode)
    return [str(v) for v in Collection(g, g.value(rng, OWL.oneOf))]


def test_enumerated_values(ontology):
    assert _one_of(ontology, "titleStatus") == ["ok", "missing", "damaged"]
    assert _one_of(ontology, "status") == ["in-force", "expired", "unknown"]
    assert _one_of(ontology, "bound") == ["within", "at-least", "ahead"]


def test_numeric_ranges(ontology):
    for prop in ("ordinal", "amount", "minTimes", "maxTimes"):
        assert ontology.value(URIRef(GZ + prop), RDFS.range) == URIRef(XSD + "positiveInteger")
    rng = ontology.value(URIRef(GZ + "fraction"), RDFS.range)
    assert ontology.value(rng, OWL.onDatatype) == URIRef(XSD + "decimal")
    facets = {
        (str(p), float(o))
        for r in Collection(ontology, ontology.value(rng, OWL.withRestrictions))
        for p, o in ontology.predicate_objects(r)
    }
    assert facets == {(XSD + "minExclusive", 0.0), (XSD + "maxInclusive", 1.0)}


def test_the_old_names_are_gone(ontology):
    # Renamed in 0.2.0: the writer, shapes and queries say HeadResponsibility; gz:topic is words.
    assert (URIRef(GZ + "HeadResponsibilitySystem"), None, None) not in ontology
    assert (URIRef(GZ + "topic"), RDF.type, OWL.ObjectProperty) not in ontology
    assert (URIRef(GZ + "appliesTo"), RDF.type, OWL.ObjectProperty) not in ontology


def test_every_gz_term_the_service_code_names_is_declared(ontology):
    """Terms written as ``gz.Name`` / ``gz["Name"]`` anywhere in service/ exist in the ontology."""
    names = set()
    for path in (ROOT / "service").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"\bgz\.([A-Za-z][A-Za-z0-9]*)\b", text))
        names |= set(re.findall(r"""\bgz\[["']([A-Za-z][A-Za-z0-9]*)["']\]""", text))
    assert names, "service/rdf/document.py should name gz terms"
    declared = {str(t)[len(GZ) :] for t in own_terms(ontology)}
    assert sorted(names - declared) == []


@pytest.mark.parametrize(
    ("folder", "pattern"),
    [("service/query/queries", "*.rq"), ("service/web/pages/sparql", "*.rq"), ("shapes", "*.ttl")],
    ids=["queries", "page-queries", "shapes"],
)
def test_every_gz_term_the_queries_and_shapes_name_is_declared(ontology, folder, pattern):
    """``gz:Name`` in the query catalogue and the SHACL shapes exists in the ontology."""
    names = set()
    for path in (ROOT / folder).rglob(pattern):
        names |= set(re.findall(r"\bgz:([A-Za-z][A-Za-z0-9]*)\b", path.read_text(encoding="utf-8")))
    assert names
    declared = {str(t)[len(GZ) :] for t in own_terms(ontology)}
    assert sorted(names - declared) == []
