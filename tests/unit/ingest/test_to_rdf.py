"""RDF stage: one named graph per document, IRIs from stable keys, spans into the raw text."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Namespace, URIRef

from guize.ingest.sources import load_sources
from guize.iris import Iris
from guize.pipeline import ingest_bytes

RAW = Path(__file__).resolve().parents[3] / "data" / "raw"
BASE = "http://example.org/guize/"
GZ = Namespace("https://w3id.org/guize/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")


@pytest.fixture(scope="module")
def jining():
    name = "004_ea0f23940cb5d166.txt"
    return ingest_bytes(RAW.joinpath(name).read_bytes(), "004", Iris(BASE), load_sources(RAW)[name])


def test_iris_come_from_the_document_number(jining):
    assert jining.graph.document_iri == BASE + "eli/370800-jizhengfa-2022-4"
    assert jining.graph.graph_iri == BASE + "graph/370800-jizhengfa-2022-4"
    g = jining.graph.graph
    doc = URIRef(jining.graph.document_iri)
    assert (doc, RDF.type, GZ.WorkRules) in g
    assert (doc, RDF.type, ELI.LegalResource) in g
    assert str(g.value(doc, ELI.id_local)) == "济政发〔2022〕4号"
    assert str(g.value(doc, ELI.date_document)) == "2022-03-28"
    assert g.value(doc, ELI.in_force) == ELI["InForce-inForce"]


def test_every_subdivision_has_a_raw_span(jining):
    g = jining.graph.graph
    raw = jining.parsed.clean.raw.text
    provisions = list(g.subjects(RDF.type, GZ.Provision))
    assert len(provisions) == len(jining.parsed.provisions) == 92
    for cls in (GZ.Chapter, GZ.Provision, GZ.Paragraph, GZ.Item):
        for s in g.subjects(RDF.type, cls):
            span = g.value(s, GZ.span)
            assert g.value(span, OA.hasSource) == URIRef(jining.graph.document_iri + "/raw")
            sel = next(
                o
                for o in g.objects(span, OA.hasSelector)
                if (o, RDF.type, OA.TextPositionSelector) in g
            )
            start, end = int(g.value(sel, OA.start)), int(g.value(sel, OA.end))
            assert 0 <= start < end <= len(raw), s


def test_one_span_node_per_stretch_of_raw_text(jining):
    """What comes from the same stretch (the facts read from one sentence) shares one span
    node, with one position and at most one quote."""
    g = jining.graph.graph
    spans = set(g.objects(None, GZ.span))
    links = list(g.subject_objects(GZ.span))
    assert len(links) > len(spans)  # shared: the seed has facts from one sentence
    stretches = set()
    for span in spans:
        assert str(span).startswith(jining.graph.document_iri + "/span/")
        selectors = list(g.objects(span, OA.hasSelector))
        positions = [s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in g]
        quotes = [s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in g]
        assert len(positions) == 1 and len(quotes) <= 1, span
        (p,) = positions
        stretch = (int(g.value(p, OA.start)), int(g.value(p, OA.end)))
        quote = str(g.value(quotes[0], OA.exact)) if quotes else None
        assert (stretch, quote) not in stretches, span  # never two nodes for one reading
        stretches.add((stretch, quote))
    # facts read from one sentence point at one node
    by_span: dict = {}
    for fact in g.subjects(RDF.type, GZ.Fact):
        by_span.setdefault(g.value(fact, GZ.span), []).append(fact)
    assert max(len(facts) for facts in by_span.values()) > 1
    # facts quote the cleaned words their span covers
    clean = jining.parsed.clean
    for fact in g.subjects(RDF.type, GZ.Fact):
        span = g.value(fact, GZ.span)
        quote = next(
            (g.value(s, OA.exact) for s in g.objects(span, OA.hasSelector) if g.value(s, OA.exact)),
            None,
        )
        assert quote, fact
        assert str(quote) in clean.text, fact


def test_a_stretch_quoted_two_ways_gets_two_spans():
    from rdflib import Graph

    from guize.rdf.spans import Spans

    g = Graph()
    spans = Spans(g, BASE + "eli/x", GZ.span)
    a = spans.link(URIRef(BASE + "eli/x/art_1"), 3, 9)  # a provision: no quote
    b = spans.link(URIRef(BASE + "eli/x/fact/f-1"), 3, 9, "会议由市长召集")
    c = spans.link(URIRef(BASE + "eli/x/fact/f-2"), 3, 9, "会议由市长召集")
    d = spans.link(URIRef(BASE + "eli/x/fact/f-3"), 3, 9, "会议由市长主持")
    e = spans.link(URIRef(BASE + "eli/x/art_2"), 3, 9)
    assert a == b == c == e == URIRef(BASE + "eli/x/span/3-9")
    assert d == URIRef(BASE + "eli/x/span/3-9-2")
    assert [str(o) for o in g.objects(None, OA.exact)].count("会议由市长召集") == 1
    assert len(list(g.subjects(RDF.type, OA.TextPositionSelector))) == 2
    assert len(list(g.subject_objects(GZ.span))) == 5


def test_provision_text_and_numbering(jining):
    g = jining.graph.graph
    art45 = URIRef(jining.graph.document_iri + "/art_45")
    assert str(g.value(art45, GZ.labelAsWritten)) == "四十五、"
    assert int(g.value(art45, GZ.ordinal)) == 45
    assert "常务会议" in str(g.value(art45, GZ.text))
    assert g.value(art45, GZ.chapter) == URIRef(jining.graph.document_iri + "/chp_8")


def test_government_and_level(jining):
    g = jining.graph.graph
    gov = g.value(URIRef(jining.graph.document_iri), GZ.government)
    assert str(gov) == BASE + "id/government/370800"
    assert g.value(gov, GZ.administrativeLevel) == URIRef(
        "https://w3id.org/guize/vocab/administrative-level/prefecture-city"
    )


def test_cleaning_entries_are_recorded(jining):
    g = jining.graph.graph
    kinds = {str(o) for o in g.objects(None, GZ.cleaningKind)}
    assert {"spam", "page-junk"} <= kinds


def test_expired_document_links_its_successor():
    name = "001_d50b9b78f692606e.txt"
    r = ingest_bytes(RAW.joinpath(name).read_bytes(), "001", Iris(BASE), load_sources(RAW)[name])
    g, doc = r.graph.graph, URIRef(r.graph.document_iri)
    assert g.value(doc, ELI.in_force) == ELI["InForce-notInForce"]
    assert g.value(doc, ELI.repealed_by) == URIRef(BASE + "eli/320700-lianzhengfa-2018-32")


def test_state_council_is_keyed_by_its_name():
    name = "guowuyuan-2004.txt"
    r = ingest_bytes(RAW.joinpath(name).read_bytes(), "gwy", Iris(BASE), load_sources(RAW)[name])
    gov = r.graph.graph.value(URIRef(r.graph.document_iri), GZ.government)
    assert str(gov) == BASE + "id/government/guowuyuan"
    assert r.graph.graph.value(gov, GZ.administrativeLevel) == URIRef(
        "https://w3id.org/guize/vocab/administrative-level/national"
    )


def test_norms_competence_and_procedure_are_written(jining):
    g, doc = jining.graph.graph, jining.graph.document_iri
    gz = Namespace("https://w3id.org/guize/ontology#")
    vocab = "https://w3id.org/guize/vocab/"
    norms = set(g.subjects(RDF.type, gz.Norm))
    # every signing power is a norm, with a modality and the hedge
    powers = set(g.subjects(RDF.type, gz.Power))
    assert powers and powers <= norms
    assert all(g.value(n, gz.modality) is not None for n in norms)
    # 济宁 61(七): emergency, authorisation required, kept in the condition
    emergency = URIRef(vocab + "condition-event/emergency")
    (node,) = [
        n
        for n in powers
        if (n, gz.conditionEvent, emergency) in g
        and (n, gz.action, URIRef(vocab + "power-action/sign-off")) in g
    ]
    assert g.value(node, gz.requiresAuthorisation).toPython() is True
    assert "经市长或副市长授权" in str(g.value(node, gz.condition))
    assert g.value(node, gz.modality) == URIRef(vocab + "modality/permission")
    # the standing meeting decides draft rules, with a competence record and its span
    standing = URIRef(doc + "/meeting/standing")
    rules = URIRef(vocab + "matter-category/rules")
    assert (standing, gz.decides, rules) in g
    records = [s for s in g.subjects(gz.matter, rules) if (s, gz.meeting, standing) in g]
    # art. 27 lists matters for both meetings; art. 45 is the standing meeting's own task list
    assert {str(g.value(r, gz.sourceProvision)).rsplit("/", 1)[1] for r in records} == {
        "art_27",
        "art_45",
    }
    record = records[0]
    assert g.value(record, gz.span) is not None
    steps = {
        str(g.value(s, gz.step)).rsplit("/", 1)[1] for s in g.subjects(RDF.type, gz.DecisionStep)
    }
    assert {"public-participation", "legality-review", "party-report"} <= steps
    assert set(g.subjects(RDF.type, gz.RuleMakingClaim))
    assert set(g.subjects(RDF.type, gz.PartyReportingRule))


def test_paragraphs_only_where_a_provision_has_two_or_more(jining):
    """A provision of one paragraph is not divided into 款: no gz:Paragraph, its items are
    its own parts; a provision of several has one gz:Paragraph each, items under them."""
    g = jining.graph.graph
    by_number = {}
    for p in jining.parsed.provisions:
        by_number.setdefault(p.number, p)
    single = divided = single_items = 0
    for s in g.subjects(RDF.type, GZ.Provision):
        parsed = by_number[int(g.value(s, GZ.ordinal))]
        parts = set(g.objects(s, ELI.has_part))
        paragraphs = {x for x in parts if (x, RDF.type, GZ.Paragraph) in g}
        items = {x for x in parts if (x, RDF.type, GZ.Item) in g}
        if len(parsed.paragraphs) == 1:
            single += 1
            assert not paragraphs, s
            assert len(items) == len(parsed.paragraphs[0].items), s
            single_items += len(items)
            for item in items:
                assert str(item).startswith(f"{s}/item_")
                assert g.value(item, ELI.is_part_of) == s
        else:
            divided += 1
            assert len(paragraphs) == len(parsed.paragraphs), s
            assert not items, s
            for para in paragraphs:
                assert g.value(para, ELI.is_part_of) == s
                assert {g.value(i, ELI.is_part_of) for i in g.objects(para, ELI.has_part)} <= {para}
    assert single and divided and single_items  # the seed has all three
