"""A real reasoner (HermiT, run by owlready2 on the machine's java) on the ontology, examples and writer output.

owlready2 0.51 also bundles Pellet, but its Jena jars need Java ≥ 21; HermiT runs on Java 17.
"""

from __future__ import annotations

import owlready2
import pytest
from ontology_helpers import BASE, EXAMPLES, GZ, Inconsistent, parse, run_hermit
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection

from guize.reason import compile_rules, materialise
from guize.reason.hermit import rule_free

PREFIXES = """
@prefix gz: <https://w3id.org/guize/ontology#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix rk: <https://w3id.org/guize/vocab/role-kind/> .
@prefix tu: <https://w3id.org/guize/vocab/time-unit/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def with_data(model: Graph, turtle: str) -> Graph:
    g = Graph()
    g += model
    g.parse(data=PREFIXES + turtle, format="turtle", publicID=BASE)
    return g


def test_ontology_and_schemes_are_consistent_with_no_unsatisfiable_class(model, tmp_path, java):
    world = run_hermit(model, tmp_path, java)
    assert list(world.inconsistent_classes()) == []


def test_the_reasoner_really_ran(model, tmp_path, java):
    # Only a reasoner infers these types (from gz:chapter's domain and range, gz:sourceProvision's domain).
    g = with_data(model, "<x/p1> gz:chapter <x/c1> . <x/f1> gz:sourceProvision <x/p1> .")
    world = run_hermit(g, tmp_path, java)
    assert owlready2.JAVA_EXE == java
    assert [c.name for c in world[BASE + "x/p1"].is_a] == ["Provision"]
    assert [c.name for c in world[BASE + "x/c1"].is_a] == ["Chapter"]
    assert [c.name for c in world[BASE + "x/f1"].is_a] == ["Fact"]


@pytest.mark.parametrize(
    "turtle",
    [
        # Disjoint structure classes.
        "<x/a> a gz:Provision , gz:Chapter .",
        # A concept of one scheme used where another's is required (RoleKind ⊓ MeetingKind = ⊥).
        "<x/m> a gz:Meeting ; gz:meetingKind rk:head .",
        # Quorum fraction outside (0, 1].
        "<x/q> a gz:Quorum ; gz:fraction 1.5 .",
        "<x/q> a gz:Quorum ; gz:fraction 0.0 .",
        # A value outside an enumeration.
        '<x/c> a gz:Chapter ; gz:titleStatus "lost" .',
        # A functional property with two values.
        "<x/d> a gz:Duration ; gz:amount 3 , 5 ; gz:unit tu:day .",
        # A fact derived from a chapter (gz:sourceProvision's range is gz:Provision).
        "<x/f> a gz:Power ; gz:sourceProvision <x/c> . <x/c> a gz:Chapter .",
        # Kinds of fact are disjoint.
        "<x/f> a gz:Composition , gz:HeadResponsibility .",
        # A deadline binds within, at least or ahead — nothing else.
        '<x/d> a gz:Deadline ; gz:bound "soon" .',
        # A post is a fact (and an org:Role), never a concept of a scheme.
        "<x/r> a gz:GovernmentRole . <x/a> gz:roleKind <x/r> .",
        # A meeting role assignment names a post, not a meeting.
        "<x/a> a gz:MeetingRoleAssignment ; gz:role <x/m> . <x/m> a gz:Meeting .",
    ],
    ids=[
        "disjoint-classes",
        "wrong-scheme",
        "fraction-above-1",
        "fraction-zero",
        "title-status",
        "functional",
        "source-not-provision",
        "disjoint-facts",
        "bound-value",
        "post-as-role-kind",
        "role-not-a-post",
    ],
)
def test_the_reasoner_rejects_contradictions(model, tmp_path, java, turtle):
    with pytest.raises(Inconsistent):
        run_hermit(with_data(model, turtle), tmp_path, java)


def test_an_unsatisfiable_class_is_reported(model, tmp_path, java):
    g = with_data(
        model,
        "<x/Odd> a <http://www.w3.org/2002/07/owl#Class> ; "
        "<http://www.w3.org/2000/01/rdf-schema#subClassOf> gz:Provision , gz:Chapter .",
    )
    world = run_hermit(g, tmp_path, java)
    assert [c.iri for c in world.inconsistent_classes() if c is not owlready2.Nothing] == [
        BASE + "x/Odd"
    ]


def test_the_worked_example_is_consistent(model, tmp_path, java):
    g = model + parse(EXAMPLES)
    # The example's dates are xsd:date, which HermiT (OWL 2 datatype map) cannot parse: ignored.
    world = run_hermit(g, tmp_path, java, ignore_unsupported_datatypes=True)
    assert list(world.inconsistent_classes()) == []
    standing = world[BASE + "eli/370800-jizhengfa-2022-4/meeting/standing"]
    assert {c.name for c in standing.is_a} >= {"Meeting"}


# --- the RDF writer's output (service/ingest/to_rdf.py, facts_rdf.py) fits the ontology ---
# (the ``written`` fixture, in conftest.py, runs the real pipeline on every file of data/raw/)


def _literal_fits(g: Graph, rng, lit: Literal) -> bool:
    if isinstance(rng, URIRef):
        if rng == RDFS.Literal:
            return True
        if rng == RDF.PlainLiteral:
            return lit.datatype is None
        if rng == URIRef("http://www.w3.org/2001/XMLSchema#string"):
            return lit.datatype is None and lit.language is None
        return lit.datatype == rng
    one_of = g.value(rng, OWL.oneOf)
    if one_of is not None:
        return lit.language is None and str(lit) in {str(v) for v in Collection(g, one_of)}
    return lit.datatype == g.value(rng, OWL.onDatatype)


def test_the_writer_uses_every_term_with_its_declared_kind_and_range(model, written):
    object_props = set(model.subjects(RDF.type, OWL.ObjectProperty))
    data_props = set(model.subjects(RDF.type, OWL.DatatypeProperty))
    annotations = set(model.subjects(RDF.type, OWL.AnnotationProperty)) | {RDFS.label, RDFS.comment}
    classes = set(model.subjects(RDF.type, OWL.Class))
    problems = set()
    for _s, p, o in written:
        if p == RDF.type:
            if o not in classes:
                problems.add(f"undeclared class {o}")
        elif p in object_props:
            if isinstance(o, Literal):
                problems.add(f"{p} is an object property but has a literal")
        elif p in data_props:
            rng = model.value(p, RDFS.range)
            if not isinstance(o, Literal):
                problems.add(f"{p} is a datatype property but has an IRI")
            elif str(p).startswith(GZ) and not _literal_fits(model, rng, o):
                problems.add(f"{p}: {o.n3()} does not fit its range")
        elif p not in annotations:
            problems.add(f"undeclared property {p}")
    assert sorted(problems) == []


def test_the_writer_output_is_consistent_with_the_ontology(model, written, tmp_path, java):
    # to_rdf writes xsd:date (ELI's range for eli:date_document), outside the OWL 2 datatype map.
    # The data comes with its inferred triples; the axioms the build materialised are left out
    # (their nominals make HermiT take minutes on this ABox; they are checked on the example below).
    rules = compile_rules()
    data = written + materialise(written, rules)
    world = run_hermit(
        rule_free(model, rules) + data, tmp_path, java, ignore_unsupported_datatypes=True
    )
    assert list(world.inconsistent_classes()) == []


def test_hermit_entails_what_the_build_materialises_on_an_example(model, tmp_path, java):
    # The full ontology (chains, self restrictions, defined classes, keys) on a small ABox: HermiT
    # finds it consistent and infers the same direct triples and classes as guize.reason.
    g = with_data(
        model,
        """
        @prefix mr: <https://w3id.org/guize/vocab/meeting-role/> .
        @prefix mk: <https://w3id.org/guize/vocab/meeting-kind/> .
        @prefix lvl: <https://w3id.org/guize/vocab/administrative-level/> .
        <x/gov> a gz:PeoplesGovernment ; gz:administrativeLevel lvl:county .
        <x/m> a gz:Meeting ; gz:meetingKind mk:standing .
        <x/head> a gz:GovernmentRole ; gz:government <x/gov> ; gz:postKey "县长" .
        <x/a1> a gz:MeetingRoleAssignment ; gz:meeting <x/m> ; gz:meetingRole mr:chair ;
            gz:role <x/head> .
        """,
    )
    owlready2.JAVA_EXE = java
    path = tmp_path / "example.nt"
    g.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    meeting, gov = world[BASE + "x/m"], world[BASE + "x/gov"]
    assert {c.name for c in meeting.is_a} >= {"StatutoryMeeting"}
    assert {c.name for c in gov.is_a} >= {"CountyLevelGovernment"}
    chaired = world["https://w3id.org/guize/ontology#chairedBy"]
    assert world[BASE + "x/head"] in chaired[meeting]
    mine = materialise(g, compile_rules())
    assert (
        URIRef(BASE + "x/m"),
        URIRef("https://w3id.org/guize/ontology#chairedBy"),
        URIRef(BASE + "x/head"),
    ) in mine
