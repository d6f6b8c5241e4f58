"""The six documents of data/raw, built through the ingest pipeline, against the shapes.

Each passes the integrity shapes (with the SKOS vocabularies mixed in, as in the
store), and the conformance shapes conclude what a careful reader of each text does:

- 合作市 (county-level city) and 瓜州县 (county) put the 办公室主任 in the standing
  meeting (第四十八条, 第四十一条): beyond art. 78's list → warning.
- 济宁市 has no article on who composes the government (四十四、 is the plenary
  meeting) → info.
- 连云港市, 攀枝花市 state everything art. 70/77/78 asks, the 秘书长 in the standing
  meeting included.
- 瓜州县 (a county) assumes rule-making power: it plans to make 规章, has them signed by
  the 县长 and puts 规章 (drafts) before its meetings → violation of 组织法 art. 74 and
  立法法 art. 93, judged (the rules are of 2020) by the 2015 editions: 组织法 art. 60,
  立法法 art. 82.
- 合作市 (第十一条) and 瓜州县 (第七条) list the head's office meeting (and 合作市 the
  thematic meeting) with the statutory meetings and then route major matters to "会议"
  without naming one → violation of art. 78 (the others route them to the standing or
  plenary meeting).
- No other conformance violation.
- Rules are judged by the law in force on their date: 连云港市 (2011) by the 2004 edition,
  攀枝花市 (2019-05) and 瓜州县 (2020) by the 2015 edition, 济宁市 (2022-03-28) and 合作市
  (2023) by the 2022 edition; the decision-procedure regulation (in force 2019-09-01) does
  not apply to 连云港市 and 攀枝花市.
- The State Council's rules (2004) are judged by 国务院组织法 1982 (arts. 2, 4, 5 for 2024
  arts. 5, 7, 9); 2024 art. 8 (publication) does not apply to them; the local Organic Law's
  shapes do not apply to them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, XSD, Graph, Literal, URIRef

from guize.ingest.sources import load_sources
from guize.iris import DEFAULT_BASE_IRI, Iris
from guize.pipeline import ingest_bytes
from guize.validate import (
    Matrix,
    Report,
    load_shapes,
    matrix_of_graphs,
    model_from_dir,
    validate_graph,
)

ROOT = Path(__file__).resolve().parents[3]
RAW = ROOT / "data" / "raw"
BASE = DEFAULT_BASE_IRI
DOCS = (
    "000_50def087fffe3e04",
    "001_d50b9b78f692606e",
    "002_1a72dbc9b0f0b77f",
    "003_346de4b0a8a54efd",
    "004_ea0f23940cb5d166",
    "guowuyuan-2004",
)
HEZUO, LIANYUNGANG, PANZHIHUA, GUAZHOU, JINING, STATE_COUNCIL = DOCS

LOCAL_PASS = {
    "AdministrativeLevelRule": "pass",
    "HeadResponsibilityStatedRule": "pass",
    "HeadResponsibilityHolderRule": "pass",
    "PlenaryMeetingRule": "pass",
    "StandingMeetingRule": "pass",
    "PlenaryMeetingChairRule": "pass",
    "PlenaryMeetingCompositionRule": "pass",
    "StandingMeetingChairRule": "pass",
    "MajorIssuesRule": "pass",
    "StandingMeetingCompositionRule": "pass",
    "CompositionStatedRule": "pass",
    "GovernmentCompositionRule": "pass",
    "CountySecretaryGeneralRule": "n/a",
    "StateCouncilHeadResponsibilityRule": "n/a",
    "StateCouncilMeetingChairRule": "n/a",
    "StateCouncilStandingMeetingCompositionRule": "n/a",
    "StateCouncilSigningRule": "n/a",
    "StateCouncilMajorIssuesRule": "n/a",
    "StateCouncilPublicationRule": "n/a",
    "StateCouncilCompositionRule": "n/a",
    "ActingHeadVacancyRule": "pass",
    "RuleMakingPowerRule": "n/a",
    "RuleMakingProcedureRule": "pass",
    "MajorDecisionProcedureRule": "pass",
    "NormativeDocumentProcedureRule": "pass",
}
#: Local rules of a county-level government: the rule-making power rule applies, not the
#: procedure rule (they have no power to follow a procedure for).
COUNTY_LEVEL = {"RuleMakingPowerRule": "pass", "RuleMakingProcedureRule": "n/a"}
#: The decision-procedure regulation (2019-09-01) and 组织法 arts. 66, 75 (2022-03-12) were
#: not in force yet.
BEFORE_2019 = {"MajorDecisionProcedureRule": "n/a", "NormativeDocumentProcedureRule": "n/a"}
EXPECTED = {
    HEZUO: {
        **LOCAL_PASS,
        **COUNTY_LEVEL,
        "StandingMeetingCompositionRule": "warning",
        "CountySecretaryGeneralRule": "pass",
        "MajorIssuesRule": "violation",
    },
    # no acting-head provision extracted from 连云港's rules; its plenary is "市政府组成人员"
    # as such (the statutory list, not checked member by member)
    LIANYUNGANG: {
        **LOCAL_PASS,
        **BEFORE_2019,
        "ActingHeadVacancyRule": "n/a",
        "PlenaryMeetingCompositionRule": "n/a",
    },
    PANZHIHUA: {**LOCAL_PASS, **BEFORE_2019},
    GUAZHOU: {
        **LOCAL_PASS,
        **COUNTY_LEVEL,
        "StandingMeetingCompositionRule": "warning",
        "CountySecretaryGeneralRule": "pass",
        "MajorIssuesRule": "violation",
        "RuleMakingPowerRule": "violation",
        "NormativeDocumentProcedureRule": "n/a",
    },
    JINING: {**LOCAL_PASS, "CompositionStatedRule": "info", "GovernmentCompositionRule": "n/a"},
    STATE_COUNCIL: {
        **{k: "n/a" for k in LOCAL_PASS},
        "StateCouncilHeadResponsibilityRule": "pass",
        "StateCouncilMeetingChairRule": "pass",
        "StateCouncilStandingMeetingCompositionRule": "pass",
        "StateCouncilSigningRule": "pass",
        "StateCouncilMajorIssuesRule": "pass",
        "StateCouncilCompositionRule": "pass",
    },
}
#: Shapes that read provision text, not extracted facts.
TEXT_BASED = ("AdministrativeLevelRule",)
#: The violations a legal reading finds: (document, rule) → the provisions they point at.
VIOLATIONS = {
    (HEZUO, "MajorIssuesRule"): {"art_11"},
    (GUAZHOU, "MajorIssuesRule"): {"art_7"},
    (GUAZHOU, "RuleMakingPowerRule"): {"art_11", "art_20", "art_25", "art_34", "art_41", "art_50"},
}


@cache
def vocabularies() -> Graph:
    return model_from_dir(ROOT / "ontology", BASE)


@cache
def built() -> dict[str, Graph]:
    sources = load_sources(RAW)
    return {
        d: ingest_bytes(
            (RAW / f"{d}.txt").read_bytes(),
            d,
            Iris(BASE),
            sources.get(f"{d}.txt"),
            str(RAW / f"{d}.txt"),
        ).full  # with the inferred graph, as the store serves it
        for d in DOCS
    }


@cache
def report(doc: str) -> Report:
    return validate_graph(built()[doc], load_shapes("all", BASE), BASE, model=vocabularies())


@cache
def the_matrix() -> Matrix:
    return matrix_of_graphs((built()[d] for d in DOCS), BASE, model=vocabularies())


def _row(doc: str):
    (doc_iri,) = set(
        built()[doc].subjects(RDF.type, URIRef("https://w3id.org/guize/ontology#WorkRules"))
    )
    (row,) = [r for r in the_matrix().rows if r.document == str(doc_iri)]
    return row


def _integrity(doc: str, *, vocabulary: bool) -> list[str]:
    """Integrity violations: of concept membership (vocabulary=True) or of everything else."""
    return [
        f"{r.shape_name}: {r.focus_node} {r.value}: {r.message_en}"
        for r in report(doc).results
        if "/shapes/integrity#" in r.shape
        and r.constraint.endswith("#InSchemeConstraintComponent") == vocabulary
    ]


@pytest.mark.parametrize("doc", DOCS)
def test_seed_passes_integrity(doc):
    assert _integrity(doc, vocabulary=False) == []


@pytest.mark.parametrize("doc", DOCS)
def test_seed_concepts_are_in_the_vocabularies(doc):
    assert _integrity(doc, vocabulary=True) == []


@pytest.mark.parametrize("doc", DOCS)
def test_seed_violations_are_those_a_legal_reading_finds(doc):
    found: dict[tuple[str, str], set[str]] = {}
    for r in report(doc).results:
        if r.severity == "violation" and "/shapes/conformance/" in r.shape:
            found.setdefault((doc, r.shape_name), set()).add(r.source_provision.rsplit("/", 1)[-1])
    assert found == {k: v for k, v in VIOLATIONS.items() if k[0] == doc}


def test_county_rule_making_cites_the_articles_of_its_date():
    (first, *_) = [r for r in report(GUAZHOU).results if r.shape_name == "RuleMakingPowerRule"]
    basis = first.legal_basis
    assert [a.rsplit("/", 2)[-2:] for a in basis.article_iris] == [
        ["difang-zuzhifa-2015", "art_60"],
        ["lifafa-2015", "art_82"],
    ]
    assert basis.as_json()["edition"]["iri"].endswith("/eli/law/difang-zuzhifa-2015")
    assert basis.as_json()["edition"]["in_force_until"] == "2022-03-12"
    assert "2015年修正" in basis.zh and "2020-02-24" in first.message_zh


def test_a_later_date_is_judged_by_the_current_edition():
    """The same county rules dated after the 2022 amendment cite arts. 74 and 93 (2023)."""
    g = Graph()
    g += built()[GUAZHOU]
    doc = next(g.subjects(RDF.type, URIRef("https://w3id.org/guize/ontology#WorkRules")))
    eli_date = URIRef("http://data.europa.eu/eli/ontology#date_document")
    g.set((doc, eli_date, Literal("2023-06-01", datatype=XSD.date)))
    rep = validate_graph(g, load_shapes("conformance", BASE), BASE, model=vocabularies())
    (first, *_) = [r for r in rep.results if r.shape_name == "RuleMakingPowerRule"]
    assert first.legal_basis.articles == (74, 93)
    assert first.legal_basis.edition.label_zh.endswith("（2022年修正）")
    assert "按文件日期" not in first.message_zh


def test_before_the_regulation_the_decision_procedure_is_not_applied():
    """Rules dated before 2019-09-01 are not judged by the decision-procedure regulation,
    even when they leave out its steps."""
    g = Graph()
    g += built()[GUAZHOU]
    doc = next(g.subjects(RDF.type, URIRef("https://w3id.org/guize/ontology#WorkRules")))
    step = URIRef("https://w3id.org/guize/ontology#step")
    for fact in list(
        g.subjects(step, URIRef("https://w3id.org/guize/vocab/decision-step/legality-review"))
    ):
        g.remove((fact, None, None))
    eli_date = URIRef("http://data.europa.eu/eli/ontology#date_document")
    shapes = load_shapes("conformance", BASE)
    after = validate_graph(g, shapes, BASE, model=vocabularies())
    assert "MajorDecisionProcedureRule" in {r.shape_name for r in after.results}
    g.set((doc, eli_date, Literal("2019-05-01", datatype=XSD.date)))
    before = validate_graph(g, shapes, BASE, model=vocabularies())
    assert "MajorDecisionProcedureRule" not in {r.shape_name for r in before.results}


@pytest.mark.parametrize(
    "doc,editions",
    [
        (STATE_COUNCIL, ["guowuyuan-zuzhifa-1982"]),
        (LIANYUNGANG, ["difang-zuzhifa-2004", "lifafa-2000"]),
        (GUAZHOU, ["difang-zuzhifa-2015", "lifafa-2015", "zhongda-xingzheng-juece-chengxu-2019"]),
        (JINING, ["difang-zuzhifa-2022", "lifafa-2015", "zhongda-xingzheng-juece-chengxu-2019"]),
    ],
)
def test_the_matrix_row_says_which_editions_judged_the_document(doc, editions):
    assert [e.iri.rsplit("/", 1)[-1] for e in _row(doc).editions] == editions


def test_state_council_2004_is_judged_by_the_1982_law():
    g = Graph()
    g += built()[STATE_COUNCIL]
    # a variant: the Premier's office meeting decides major matters
    doc = next(g.subjects(RDF.type, URIRef("https://w3id.org/guize/ontology#WorkRules")))
    gz = "https://w3id.org/guize/ontology#"
    fact = URIRef(f"{doc}/fact/variant-decides")
    meeting = URIRef(f"{doc}/meeting/variant-office")
    g.add((meeting, RDF.type, URIRef(gz + "Meeting")))
    g.add((meeting, URIRef(gz + "government"), g.value(doc, URIRef(gz + "government"))))
    g.add(
        (
            meeting,
            URIRef(gz + "meetingKind"),
            URIRef("https://w3id.org/guize/vocab/meeting-kind/head-office"),
        )
    )
    g.add((fact, RDF.type, URIRef(gz + "MeetingCompetence")))
    g.add((fact, URIRef(gz + "meeting"), meeting))
    g.add(
        (
            fact,
            URIRef(gz + "matter"),
            URIRef("https://w3id.org/guize/vocab/matter-category/major-decisions"),
        )
    )
    g.add((fact, URIRef(gz + "decisive"), Literal(True)))
    rep = validate_graph(g, load_shapes("conformance", BASE), BASE, model=vocabularies())
    (v,) = [r for r in rep.results if r.shape_name == "StateCouncilMajorIssuesRule"]
    assert v.legal_basis.articles == (4,)
    assert v.legal_basis.article_iris[0].endswith("/eli/law/guowuyuan-zuzhifa-1982/art_4")
    assert "1982" in v.legal_basis.zh and "2004-06-26" in v.message_zh


@pytest.mark.parametrize("doc", DOCS)
def test_text_based_conformance(doc):
    row = _row(doc)
    assert {k: row.cells[k] for k in TEXT_BASED} == {k: EXPECTED[doc][k] for k in TEXT_BASED}


@pytest.mark.parametrize("doc", DOCS)
def test_conformance_matrix_row(doc):
    assert _row(doc).cells == EXPECTED[doc]


@pytest.mark.parametrize("doc,provision", [(HEZUO, "art_48"), (GUAZHOU, "art_41")])
def test_office_director_warning_points_at_the_provision(doc, provision):
    (w,) = [r for r in report(doc).results if r.severity == "warning"]
    assert w.shape_name == "StandingMeetingCompositionRule"
    assert w.value.rsplit("/", 2)[-2] == "office-director"
    assert w.source_provision.endswith(f"/{provision}")
    # 合作市 (2023): the 2022 edition; 瓜州县 (2020): the 2015 edition, arts. 56, 63, 65
    assert w.legal_basis.articles == ((70, 78, 82) if doc == HEZUO else (56, 63, 65))
    assert w.government == _row(doc).government
