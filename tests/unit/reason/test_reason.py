"""Reasoning: the compiled rules, what the build materialises, and that queries and shapes need it."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, Namespace, URIRef

from guize.query.catalogue import catalogue
from guize.reason import compile_rules, materialise
from guize.reason.materialise import key_clashes
from guize.validate.run import validate_graph
from guize.vocab import load_vocabulary

BASE = "http://127.0.0.1:5000/"
GZ = Namespace("https://w3id.org/guize/ontology#")
MR = Namespace("https://w3id.org/guize/vocab/meeting-role/")
MK = Namespace("https://w3id.org/guize/vocab/meeting-kind/")
LVL = Namespace("https://w3id.org/guize/vocab/administrative-level/")


def test_every_direct_meeting_property_has_a_chain_from_its_records():
    rules = compile_rules()
    chained = {c.target for c in rules.chains}
    direct = {
        GZ[c.direct_property]
        for c in load_vocabulary().scheme("meeting-role").concepts
        if c.direct_property and c.code not in ("frequency", "quorum")
    }
    assert direct and direct <= chained
    assert {GZ.member, GZ.participant, GZ.nonVotingAttendee} <= {
        p for p, sups in rules.supers.items() if GZ.attends in sups
    }


def test_the_rules_are_compiled_once_per_content():
    assert compile_rules() is compile_rules()
    assert compile_rules().digest == compile_rules().digest


def _records(level: str = "county", kind: str = "standing") -> Graph:
    g = Graph()
    gov, meeting = URIRef("http://x/gov"), URIRef("http://x/m")
    g.add((gov, RDF.type, GZ.PeoplesGovernment))
    g.add((gov, GZ.administrativeLevel, LVL[level]))
    g.add((meeting, RDF.type, GZ.Meeting))
    g.add((meeting, GZ.meetingKind, MK[kind]))
    for i, (role, post) in enumerate(
        [
            ("member", "head"),
            ("member", "deputy"),
            ("non-voting-attendee", "office"),
            ("chair", "head"),
        ]
    ):
        a = URIRef(f"http://x/a{i}")
        g.add((a, RDF.type, GZ.MeetingRoleAssignment))
        g.add((a, GZ.meeting, meeting))
        g.add((a, GZ.meetingRole, MR[role]))
        g.add((a, GZ.role, URIRef(f"http://x/{post}")))
    return g


def test_materialise_derives_direct_triples_defined_classes_and_super_properties():
    g = _records()
    inf = materialise(g, compile_rules())
    m, head, office = URIRef("http://x/m"), URIRef("http://x/head"), URIRef("http://x/office")
    assert (m, GZ.member, head) in inf
    assert (m, GZ.chairedBy, head) in inf
    assert (m, GZ.nonVotingAttendee, office) in inf
    assert (m, GZ.attends, office) in inf and (m, GZ.attends, head) in inf
    assert (m, GZ.member, office) not in inf  # the chain keeps to its role
    assert (URIRef("http://x/gov"), RDF.type, GZ.CountyLevelGovernment) in inf
    assert (m, RDF.type, GZ.StatutoryMeeting) in inf
    assert (URIRef("http://x/a0"), RDF.type, GZ.MemberAssignment) in inf
    # helpers of the chains are not written out, nor anything already stated
    assert not [t for t in inf if "Assignment" in str(t[1])]
    assert not [t for t in inf if t in g]


@pytest.mark.parametrize(
    ("level", "kind", "county", "statutory"),
    [
        ("prefecture-city", "standing", False, True),
        ("district", "plenary", True, True),
        ("county-city", "head-office", True, False),
    ],
)
def test_defined_classes_variants(level, kind, county, statutory):
    inf = materialise(_records(level, kind), compile_rules())
    assert ((URIRef("http://x/gov"), RDF.type, GZ.CountyLevelGovernment) in inf) is county
    assert ((URIRef("http://x/m"), RDF.type, GZ.StatutoryMeeting) in inf) is statutory


def test_the_writer_no_longer_writes_direct_triples_the_inferred_graph_has_them(jining):
    g, inf = jining.graph.graph, jining.inferred
    assert not list(g.triples((None, GZ.member, None))) or all(
        (s, RDF.type, GZ.Composition) in g for s in g.subjects(GZ.member, None)
    )
    meetings = set(g.subjects(RDF.type, GZ.Meeting))
    assert {s for s in inf.subjects(GZ.member, None)} & meetings
    assert set(inf.subjects(RDF.type, GZ.StatutoryMeeting)) <= meetings
    assert len(set(inf.subjects(RDF.type, GZ.StatutoryMeeting))) == 2  # plenary and standing
    assert key_clashes(jining.full, compile_rules()) == []


def _store(g: Graph) -> ox.Store:
    s = ox.Store()
    s.extend(ox.parse(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))
    return s


def test_a_catalogue_query_answers_only_with_the_inferred_graph(jining):
    text = catalogue()["posts"].text
    without = list(_store(jining.graph.graph).query(text, base_iri=BASE))
    with_inf = list(_store(jining.full).query(text, base_iri=BASE))
    # every post that only takes a part in a meeting is found through gz:attends, an inferred triple
    assert len(with_inf) > len(without)
    ask = "PREFIX gz: <https://w3id.org/guize/ontology#> ASK { ?m a gz:Meeting ; gz:attends ?p }"
    assert not _store(jining.graph.graph).query(ask, base_iri=BASE)
    assert _store(jining.full).query(ask, base_iri=BASE)


def test_a_conformance_shape_succeeds_only_with_the_inferred_graph(jining):
    def standing_results(graph):
        report = validate_graph(graph, "conformance", BASE)
        return [
            r
            for r in report.results
            if r.shape_name == "StandingMeetingCompositionRule"
            and r.focus_node.endswith("/standing")
        ]

    without = standing_results(jining.graph.graph)
    assert without, "without the direct triples the rule cannot see the standing meeting's members"
    assert standing_results(jining.full) == []
