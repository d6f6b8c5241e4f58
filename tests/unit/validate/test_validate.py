"""guize.validate.engine and guize.validate.report: reports, formats, files, the store, the matrix,
the build check."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH

from guize.formats import sniff
from guize.ingest.errors import IngestError
from guize.iris import NAMESPACE
from guize.store import EmbeddedStore
from guize.validate import (
    ShapesError,
    ValidationInputError,
    integrity_check,
    load_shapes,
    matrix,
    read_file,
    validate_file,
    validate_graph,
    validate_store,
)
from guize.validate.render import matrix_csv, matrix_html, render, render_matrix, to_html, to_text
from guize.validate.report import EXIT_CONFORMS, EXIT_VIOLATIONS

SHAPES_TESTS = Path(__file__).resolve().parents[2] / "shapes"
sys.path.insert(0, str(SHAPES_TESTS))
from shapes_support import BASE, load  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
VOCAB = sorted((ROOT / "ontology" / "vocab").glob("*.ttl"))
SECRETARY = (
    SHAPES_TESTS / "invalid" / "StandingMeetingCompositionRule__county-secretary-general.ttl"
)
OFFICE = SHAPES_TESTS / "invalid" / "StandingMeetingCompositionRule__county-office-director.ttl"
CITY_NO_SG = (
    SHAPES_TESTS / "invalid" / "StandingMeetingCompositionRule__city-without-secretary-general.ttl"
)
COUNTY = SHAPES_TESTS / "valid" / "county.ttl"
NATIONAL = SHAPES_TESTS / "valid" / "national.ttl"
SHAPES = load_shapes("all", BASE)


@pytest.fixture(scope="module")
def secretary_report():
    return validate_graph(load(SECRETARY), SHAPES, BASE)


def test_json_has_the_documented_fields(secretary_report):
    out = json.loads(render(secretary_report, "json"))
    assert out["conforms"] is False
    assert out["counts"] == {"violation": 1, "warning": 0, "info": 0}
    (r,) = out["results"]
    assert {
        "severity",
        "focus_node",
        "path",
        "value",
        "message_zh",
        "message_en",
        "shape",
        "source_provision",
        "legal_basis",
    } <= set(r)
    assert r["severity"] == "violation"
    assert r["shape"] == NAMESPACE + "shapes/conformance/meetings#StandingMeetingCompositionRule"
    assert r["focus_node"] == BASE + "eli/ceshizhengfa-2020-1/meeting/standing"
    assert r["path"] == "https://w3id.org/guize/ontology#member"
    assert r["value"] == BASE + "eli/ceshizhengfa-2020-1/role/secretary-general"
    assert r["source_provision"] == BASE + "eli/ceshizhengfa-2020-1/art_5"
    assert r["government"] == BASE + "id/government/ceshixian"
    # the county's rules are dated 2020: the 2015 edition (arts. 56, 63, 65 = 2022 arts. 70, 78, 82)
    assert r["legal_basis"]["articles"] == [56, 63, 65]
    assert "第六十三条" in r["legal_basis"]["zh"] and "art" in r["legal_basis"]["en"]
    edition = r["legal_basis"]["edition"]
    assert edition["iri"] == NAMESPACE + "eli/law/difang-zuzhifa-2015"
    assert (edition["in_force_from"], edition["in_force_until"]) == ("2015-08-29", "2022-03-12")
    assert "2015年修正" in edition["label_zh"] and "2015" in edition["label_en"]
    assert r["legal_basis"]["article_iris"][1] == NAMESPACE + "eli/law/difang-zuzhifa-2015/art_63"
    assert "秘书长" in r["message_zh"] and "secretary-general" in r["message_en"]


def test_text_groups_by_severity_and_ends_with_a_summary():
    g = load(SECRETARY)
    load(OFFICE, into=g)  # both additions on one county: a violation and a warning
    report = validate_graph(g, SHAPES, BASE)
    lines = to_text(report).splitlines()
    assert lines[0].startswith("Violations / 违规 (1)")
    assert any(line.startswith("Warnings / 警告 (1)") for line in lines)
    assert lines[-1] == "1 violation, 1 warning, 0 info"
    assert report.summary() == "1 violation, 1 warning, 0 info"


def test_turtle_is_the_shacl_report_with_tagged_messages(secretary_report):
    g = Graph().parse(data=render(secretary_report, "turtle"), format="turtle")
    (report,) = g.subjects(RDF.type, SH.ValidationReport)
    assert g.value(report, SH.conforms) == Literal(False)
    (result,) = g.objects(report, SH.result)
    assert {m.language for m in g.objects(result, SH.resultMessage)} == {"zh", "en"}
    assert g.value(result, URIRef("https://w3id.org/guize/ontology#sourceProvision")) == URIRef(
        BASE + "eli/ceshizhengfa-2020-1/art_5"
    )
    assert g.value(result, URIRef("https://w3id.org/guize/ontology#government")) == URIRef(
        BASE + "id/government/ceshixian"
    )
    assert g.value(result, RDFS.seeAlso) == URIRef(
        NAMESPACE + "shapes/conformance/meetings#StandingMeetingCompositionRule"
    )
    assert {s.language for s in g.objects(result, DCTERMS.source)} == {"zh", "en"}


def test_html_is_a_standalone_escaped_page(secretary_report):
    page = to_html(secretary_report)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "StandingMeetingCompositionRule" in page and "第七十八条" in page
    g = load(COUNTY)
    g.add(
        (
            URIRef(BASE + "eli/ceshizhengfa-2020-1/role/head"),
            URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
            Literal("<script>x</script>"),
        )
    )  # an untagged second label: PeoplesGovernment-style violation
    page = to_html(validate_graph(g, SHAPES, BASE))
    assert "<script>" not in page


def test_valid_graph_conforms_and_exits_0():
    report = validate_graph(load(COUNTY), SHAPES, BASE)
    assert report.conforms and report.results == []
    assert render(report, "text").strip() == "0 violations, 0 warnings, 0 info"


def test_exit_statuses(secretary_report):
    from guize.validate.report import exit_status

    assert exit_status(secretary_report) == EXIT_VIOLATIONS
    warning_only = validate_graph(load(OFFICE), SHAPES, BASE)
    assert warning_only.results and exit_status(warning_only) == EXIT_CONFORMS
    with pytest.raises(ValueError):
        render(warning_only, "yaml")


def test_shape_sets():
    g = load(SECRETARY)
    assert validate_graph(g, "integrity", BASE).results == []
    assert len(validate_graph(g, "conformance", BASE).results) == 1
    with pytest.raises(ShapesError):
        load_shapes("everything", BASE)


def test_a_broken_shapes_folder_is_reported(tmp_path):
    (tmp_path / "integrity.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<x> sh:path", encoding="utf-8"
    )
    with pytest.raises(ShapesError, match="integrity.ttl"):
        load_shapes("integrity", BASE, tmp_path)
    with pytest.raises(ShapesError, match="no shape files"):
        load_shapes("conformance", BASE, tmp_path)


# --- files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt,suffix",
    [
        ("turtle", ".ttl"),
        ("nt", ".nt"),
        ("json-ld", ".jsonld"),
        ("turtle", ""),
        ("json-ld", ""),
        ("nt", ".data"),
    ],
)
def test_validate_file_reads_rdf_by_extension_or_sniffing(tmp_path, fmt, suffix):
    path = tmp_path / f"rules{suffix}"
    path.write_text(load(SECRETARY).serialize(format=fmt), encoding="utf-8")
    report = validate_file(path, SHAPES, BASE, ontology_dir=ROOT / "ontology")
    assert [(r.shape_name, r.severity) for r in report.results] == [
        ("StandingMeetingCompositionRule", "violation")
    ]


def test_unreadable_files_raise_with_the_reason(tmp_path):
    with pytest.raises(ValidationInputError, match="cannot read"):
        validate_file(tmp_path / "missing.ttl", SHAPES, BASE)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(ValidationInputError, match="line 1"):
        validate_file(bad, SHAPES, BASE)
    empty = tmp_path / "empty.nt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ValidationInputError, match="no triples"):
        validate_file(empty, SHAPES, BASE)


def test_a_text_that_is_no_work_rule_is_unreadable(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("今天天气很好。\n", encoding="utf-8")
    with pytest.raises(ValidationInputError):
        read_file(path, BASE)


def test_sniffing():
    assert sniff(b"\xef\xbb\xbf  @prefix gz: <x#> .").rdf == ox.RdfFormat.TURTLE
    assert sniff(b"<a> <b> <c> .\n").rdf == ox.RdfFormat.N_QUADS
    assert sniff(b'[{"@id": "x"}]').rdf == ox.RdfFormat.JSON_LD
    assert sniff(b"<?xml version='1.0'?><rdf:RDF/>").rdf == ox.RdfFormat.RDF_XML
    assert sniff("第一条 为了规范……".encode()).name == "text"


def test_a_dataset_is_validated_one_document_graph_at_a_time():
    ds = Dataset()
    load(SECRETARY, into=ds.graph(URIRef(BASE + "graph/county")))
    load(CITY_NO_SG, into=ds.graph(URIRef(BASE + "graph/city")))
    report = validate_graph(ds, SHAPES, BASE)
    assert sorted(report.documents) == [
        BASE + "eli/ceshifufa-2022-4",
        BASE + "eli/ceshizhengfa-2020-1",
    ]
    assert sorted((r.document, r.severity) for r in report.results) == [
        (BASE + "eli/ceshifufa-2022-4", "warning"),
        (BASE + "eli/ceshizhengfa-2020-1", "violation"),
    ]


# --- the store ---------------------------------------------------------------------------


def _store(*fixtures: tuple[str, Path]) -> EmbeddedStore:
    store = EmbeddedStore(None)
    for key, path in fixtures:
        nt = load(path).serialize(format="nt", encoding="utf-8")
        store.replace_graph(
            f"{BASE}graph/{key}", [q.triple for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)]
        )
    for path in VOCAB:
        quads = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=NAMESPACE)
        store.replace_graph(f"{BASE}graph/model/vocab/{path.stem}", [q.triple for q in quads])
    return store


def test_validate_store_reads_back_oxigraph_integers():
    """Oxigraph stores xsd:positiveInteger as xsd:integer: the graph must still conform."""
    store = _store(("county", COUNTY), ("national", NATIONAL))
    report = validate_store(store, SHAPES, BASE)
    assert sorted(report.documents) == [
        BASE + "eli/ceguofa-2024-1",
        BASE + "eli/ceshizhengfa-2020-1",
    ]
    assert report.results == []


def test_validate_store_checks_concepts_against_the_loaded_vocabulary():
    store = _store()
    g = load(COUNTY)
    g.set(
        (
            URIRef(BASE + "eli/ceshizhengfa-2020-1/role/office-director"),
            URIRef("https://w3id.org/guize/ontology#roleKind"),
            URIRef("https://w3id.org/guize/vocab/role-kind/chief-of-staff"),
        )
    )  # under the scheme, not in it
    nt = g.serialize(format="nt", encoding="utf-8")
    store.replace_graph(
        f"{BASE}graph/county2", [q.triple for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)]
    )
    assert (
        validate_graph(g, "integrity", BASE).results == []
    )  # no vocabulary: only the IRI is checked
    report = validate_store(store, "integrity", BASE)
    assert [(r.shape_name, r.value) for r in report.results] == [
        ("GovernmentRoleShape", "https://w3id.org/guize/vocab/role-kind/chief-of-staff")
    ]


def test_matrix_of_the_store():
    store = _store(("county", OFFICE), ("city", CITY_NO_SG), ("national", NATIONAL))
    m = matrix(store, BASE)
    rows = {r.label: r for r in m.rows}
    assert set(rows) == {"测试县人民政府", "测试市人民政府", "国务院"}
    assert rows["测试县人民政府"].cells["StandingMeetingCompositionRule"] == "warning"
    assert rows["测试县人民政府"].cells["StandingMeetingChairRule"] == "pass"
    assert rows["测试市人民政府"].cells["StandingMeetingCompositionRule"] == "warning"
    assert rows["测试市人民政府"].cells["CountySecretaryGeneralRule"] == "n/a"
    assert rows["国务院"].cells["StandingMeetingCompositionRule"] == "n/a"
    assert rows["国务院"].cells["StateCouncilStandingMeetingCompositionRule"] == "pass"
    assert rows["国务院"].level == "national"
    csv_text = matrix_csv(m)
    assert csv_text.splitlines()[0].startswith(
        "government,label,level,document,AdministrativeLevelRule"
    )
    assert len(csv_text.splitlines()) == 4
    assert json.loads(render_matrix(m, "json"))["rows"][0]["cells"]
    assert 'class="warning"' in matrix_html(m)


# --- the build check ---------------------------------------------------------------------


def _ingested(graph: Graph) -> SimpleNamespace:
    return SimpleNamespace(
        graph=SimpleNamespace(graph=graph, key="ceshizhengfa-2020-1"), inferred=None, full=graph
    )


def test_integrity_check_refuses_a_broken_document_and_passes_a_good_one():
    check = integrity_check(BASE)
    check(_ingested(load(SECRETARY)))  # conformance findings never refuse a document
    with pytest.raises(IngestError) as err:
        check(_ingested(load(SHAPES_TESTS / "invalid" / "ProvisionShape__no-text.ttl")))
    assert err.value.stage == "validate" and err.value.doc_id == "ceshizhengfa-2020-1"
    assert "ProvisionShape" in str(err.value) and "art_10" in str(err.value)


def test_integrity_check_can_check_concepts_against_the_vocabularies():
    g = load(COUNTY)
    g.set(
        (
            URIRef(BASE + "eli/ceshizhengfa-2020-1/role/office-director"),
            URIRef("https://w3id.org/guize/ontology#roleKind"),
            URIRef("https://w3id.org/guize/vocab/role-kind/chief-of-staff"),
        )
    )
    integrity_check(BASE)(_ingested(g))
    with pytest.raises(IngestError, match="GovernmentRoleShape"):
        integrity_check(BASE, ontology_dir=ROOT / "ontology")(_ingested(g))


def test_validate_file_reads_named_graphs_one_document_each(tmp_path):
    quads = []
    for name, path in (("county", SECRETARY), ("city", CITY_NO_SG)):
        nt = load(path).serialize(format="nt", encoding="utf-8")
        graph = ox.NamedNode(f"{BASE}graph/{name}")
        quads += [
            ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in (q.triple for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
        ]
    path = tmp_path / "two.nq"
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    report = validate_file(path, SHAPES, BASE)
    assert len(report.documents) == 2
    assert sorted(r.severity for r in report.results) == ["violation", "warning"]
