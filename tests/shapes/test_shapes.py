"""The shapes against their fixtures: every valid graph draws no result from any shape; every
invalid graph makes the shape its name says fire (and only the shapes it declares)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SH
from shapes_support import BASE, expectation, invalid_files, load, valid_files

from guize.iris import NAMESPACE, iri_of_path
from guize.validate import load_shapes, validate_graph
from guize.validate.matrix import focus_nodes

SHAPES = load_shapes("all", BASE)


def _id(path):
    return path.stem


@pytest.mark.parametrize("path", valid_files(), ids=_id)
def test_valid_graph_draws_no_result(path):
    report = validate_graph(load(path), SHAPES, BASE)
    assert report.results == [], "\n".join(
        f"{r.shape_name} {r.severity}: {r.focus_node} {r.value}: {r.message_en}"
        for r in report.results
    )


@pytest.mark.parametrize("path", invalid_files(), ids=_id)
def test_invalid_graph_fires_its_shape(path):
    exp = expectation(path)
    report = validate_graph(load(path), SHAPES, BASE)
    fired = {r.shape_name for r in report.results}
    mine = [r for r in report.results if r.shape_name == exp.shape]
    assert mine, f"{exp.shape} did not fire; fired: {sorted(fired)}"
    assert fired <= {exp.shape} | exp.also, (
        f"unexpected shapes fired: {sorted(fired - {exp.shape} - exp.also)}"
    )
    assert exp.also <= fired, f"expected also: {sorted(exp.also - fired)}"
    severity = exp.severity or _declared_severity(exp.shape)
    assert {r.severity for r in mine} == {severity}
    for r in mine:
        assert r.message_zh and r.message_en and r.message_zh != r.message_en
    if exp.value:
        assert iri_of_path(exp.value, BASE) in {r.value for r in mine}
    if exp.provision:
        assert iri_of_path(exp.provision, BASE) in {r.source_provision for r in mine}
    if exp.shape.endswith("Rule"):
        assert all(r.legal_basis and r.legal_basis.articles for r in mine)
        assert all(r.government for r in mine)


def _declared_severity(name: str) -> str:
    shape = _shape(name)
    sev = SHAPES.graph.value(shape, SH.severity)
    return str(sev).rsplit("#", 1)[-1].lower()


def _shape(name: str) -> URIRef:
    found = [s for s in SHAPES.named() if str(s).endswith("#" + name)]
    assert len(found) == 1, name
    return found[0]


def test_every_named_shape_has_an_invalid_example():
    examples = {expectation(p).shape for p in invalid_files()}
    names = {str(s).rsplit("#", 1)[-1] for s in SHAPES.named()}
    assert names - examples == set()
    assert examples - names == set(), "fixtures named after shapes that do not exist"


def test_no_shape_has_a_vacuous_target():
    data = Graph()
    for path in valid_files():
        load(path, into=data)
    empty = [str(s) for s in SHAPES.named() if not focus_nodes(SHAPES, data, s)]
    assert empty == []


def test_naming_messages_severity_and_legal_basis():
    sg = SHAPES.graph
    every = (
        set(sg.subjects(SH.property, None))
        | set(sg.objects(None, SH.property))
        | set(SHAPES.named())
    )
    for shape in every:
        langs = {m.language for m in sg.objects(shape, SH.message) if isinstance(m, Literal)}
        assert {"zh", "en"} <= langs, f"{shape} lacks a zh or en sh:message"
    for shape in SHAPES.named():
        name = str(shape)
        assert sg.value(shape, SH.severity) is not None, name
        labels = {x.language for x in sg.objects(shape, RDFS.label)}
        assert {"zh", "en"} <= labels, name
        if "/shapes/integrity#" in name:
            assert name.endswith("Shape") and sg.value(shape, SH.severity) == SH.Violation
        else:
            assert "/shapes/conformance/" in name and name.endswith("Rule")
            sources = {x.language for x in sg.objects(shape, DCTERMS.source)}
            assert {"zh", "en"} <= sources, name
            assert list(sg.objects(shape, URIRef("https://w3id.org/guize/ontology#article"))), name


def test_shapes_are_base_independent():
    """The shapes name only the model (stable namespace) and standard vocabularies, and judge
    data under any base."""
    other = "https://guize.example.org/kg/"
    shapes = load_shapes("all", other)
    assert all(
        str(t).startswith(
            ("http://www.w3.org/", "http://purl.org/", "http://data.europa.eu/", NAMESPACE)
        )
        for triple in shapes.graph
        for t in triple
        if isinstance(t, URIRef)
    )
    path = next(
        p
        for p in invalid_files()
        if p.name.startswith("StandingMeetingCompositionRule__county-secretary")
    )
    report = validate_graph(load(path, other), shapes, other)
    assert [(r.shape_name, r.severity) for r in report.results] == [
        ("StandingMeetingCompositionRule", "violation")
    ]
    assert report.results[0].source_provision == other + "eli/ceshizhengfa-2020-1/art_5"
