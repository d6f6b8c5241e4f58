"""The six documents of data/raw, built through the ingest pipeline, against the shapes.

Each passes the integrity shapes (with the SKOS vocabularies mixed in, as in the
store), and the conformance shapes conclude what a careful reader of each text does:

- 合作市 (county-level city) and 瓜州县 (county) put the 办公室主任 in the standing
  meeting (第四十八条, 第四十一条): beyond art. 78's list → warning.
- 济宁市 has no article on who composes the government (四十四、 is the plenary
  meeting) → info.
- 连云港市, 攀枝花市 state everything art. 70/77/78 asks, the 秘书长 in the standing
  meeting included.
- No seed contradicts the law: no conformance violation.
- The State Council's rules (2004) restate 国务院组织法 arts. 5, 7, 9; the local
  Organic Law's shapes do not apply to them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

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
}
EXPECTED = {
    HEZUO: {
        **LOCAL_PASS,
        "StandingMeetingCompositionRule": "warning",
        "CountySecretaryGeneralRule": "pass",
    },
    LIANYUNGANG: LOCAL_PASS,
    PANZHIHUA: LOCAL_PASS,
    GUAZHOU: {
        **LOCAL_PASS,
        "StandingMeetingCompositionRule": "warning",
        "CountySecretaryGeneralRule": "pass",
    },
    JINING: {**LOCAL_PASS, "CompositionStatedRule": "info", "GovernmentCompositionRule": "n/a"},
    STATE_COUNCIL: {
        **{k: "n/a" for k in LOCAL_PASS},
        "AdministrativeLevelRule": "pass",
        "StateCouncilHeadResponsibilityRule": "pass",
        "StateCouncilMeetingChairRule": "pass",
        "StateCouncilStandingMeetingCompositionRule": "pass",
        "StateCouncilSigningRule": "pass",
    },
}
#: Shapes that read provision text, not extracted facts.
TEXT_BASED = ("AdministrativeLevelRule", "MajorIssuesRule")


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
def test_no_seed_contradicts_the_law(doc):
    assert [
        r.message_en
        for r in report(doc).results
        if r.severity == "violation" and "/shapes/conformance/" in r.shape
    ] == []


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
    assert w.legal_basis.articles == (70, 78, 82)
    assert w.government == _row(doc).government
