"""Superseded in the store (guize.supersede): citations of a title under a later number, and
废止 sentences naming a number, found by looking each citation up (not by trying every
document against every provision)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from guize.build import build
from guize.build_manifest import read_manifest, write_manifest
from guize.iris import ONTOLOGY, Iris
from guize.namespaces import ELI
from guize.store import open_store
from guize.supersede import GRAPH, evidence, find

RAW = Path(__file__).resolve().parents[3] / "data" / "raw"

IRIS = Iris("http://example.org/")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _doc(store, key: str, title: str, number: str, date: str, provisions: list[str]) -> str:
    doc = ox.NamedNode(IRIS.document(key))
    t = [
        ox.Triple(doc, RDF_TYPE, ox.NamedNode(ONTOLOGY + "WorkRules")),
        ox.Triple(doc, ox.NamedNode(ELI + "title"), ox.Literal(title)),
        ox.Triple(doc, ox.NamedNode(ELI + "id_local"), ox.Literal(number)),
        ox.Triple(doc, ox.NamedNode(ELI + "date_document"), ox.Literal(date)),
    ]
    for n, text in enumerate(provisions, 1):
        p = ox.NamedNode(IRIS.provision(key, n))
        t += [
            ox.Triple(p, RDF_TYPE, ox.NamedNode(ONTOLOGY + "Provision")),
            ox.Triple(p, ox.NamedNode(ELI + "is_part_of"), doc),
            ox.Triple(p, ox.NamedNode(ONTOLOGY + "text"), ox.Literal(text)),
        ]
    store.replace_graph(IRIS.graph(key), t)
    return doc.value


def test_cited_successors_and_repeals_are_found_and_nothing_else():
    store = open_store(None)
    old = _doc(
        store, "a-2004-1", "甲市人民政府工作规则", "甲政发〔2004〕1号", "2004-01-01", ["总则"]
    )
    rev = _doc(
        store, "b-2010-2", "乙县人民政府工作规则（试行）", "乙政发〔2010〕2号", "2010-01-01", ["x"]
    )
    citing = _doc(
        store,
        "c-2012-3",
        "丙县人民政府工作规则",
        "丙政发〔2012〕3号",
        "2012-05-01",
        [
            # a later number under the same title: 甲 2004 is superseded
            "参照《甲市人民政府工作规则》（甲政发〔2008〕7号）制定本规则。",
            # an edition note after the title, and the same number as the document: no evidence
            "依据《乙县人民政府工作规则（修订）》（乙政发〔2010〕2号）。",
            # a bare title proves nothing
            "按照《甲市人民政府工作规则》执行。",
            # a repeal naming 乙's number
            "本规则自印发之日起施行。《乙县人民政府工作规则（试行）》（乙政发〔2010〕2号）同时废止。",
        ],
    )
    found = find(store, IRIS)
    got = {(s.document, s.kind, s.provision.rsplit("/", 1)[-1]) for s in found}
    assert got == {(old, "cited-successor", "art_1"), (rev, "repealed", "art_4")}
    first = next(s for s in found if s.kind == "cited-successor")
    assert first.successor_number == "甲政发〔2008〕7号" and first.citing_document == citing
    assert first.quote == "《甲市人民政府工作规则》（甲政发〔2008〕7号）"
    repeal = next(s for s in found if s.kind == "repealed")
    assert repeal.quote.endswith("同时废止。") and repeal.quote.startswith("《乙县")


def test_an_edition_note_in_the_citation_still_names_the_title():
    store = open_store(None)
    old = _doc(store, "d-2001-1", "丁市人民政府工作规则", "丁政发〔2001〕1号", "2001-01-01", ["x"])
    _doc(
        store,
        "e-2009-4",
        "戊县人民政府工作规则",
        "戊政发〔2009〕4号",
        "2009-01-01",
        ["参照《丁市人民政府工作规则（修订）》（丁政发〔2006〕9号）。"],
    )
    assert [(s.document, s.successor_number) for s in find(store, IRIS)] == [
        (old, "丁政发〔2006〕9号")
    ]


def test_known_evidence_stands_in_for_the_store():
    """The evidence of a graph, read once, gives the same findings as reading the store --
    also from a store that no longer holds those provisions at all."""
    store = open_store(None)
    _doc(store, "a-2004-1", "甲市人民政府工作规则", "甲政发〔2004〕1号", "2004-01-01", ["总则"])
    _doc(
        store,
        "c-2012-3",
        "丙县人民政府工作规则",
        "丙政发〔2012〕3号",
        "2012-05-01",
        ["参照《甲市人民政府工作规则》（甲政发〔2008〕7号）制定本规则。"],
    )
    found = find(store, IRIS)
    assert len(found) == 1
    known = evidence(store, IRIS)
    assert find(store, IRIS, known) == found
    assert find(store, IRIS, {IRIS.graph("c-2012-3"): known[IRIS.graph("c-2012-3")]}) == found
    bare = open_store(None)  # the documents without their provisions
    _doc(bare, "a-2004-1", "甲市人民政府工作规则", "甲政发〔2004〕1号", "2004-01-01", [])
    _doc(bare, "c-2012-3", "丙县人民政府工作规则", "丙政发〔2012〕3号", "2012-05-01", [])
    assert find(bare, IRIS, known) == found
    assert find(bare, IRIS) == []


class Spy:
    """A store that records the text of every query asked of it."""

    def __init__(self, store: Any) -> None:
        self.store, self.queries = store, []

    def query(self, text: str, **kwargs: Any) -> Any:
        self.queries.append(text)
        return self.store.query(text, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def test_an_incremental_build_reads_only_the_provisions_it_wrote(tmp_path):
    """Rebuilt with nothing changed, the seeds keep their finding (连云港 2011 shows the
    State Council's 2004 rules superseded) without the step reading any provision from the
    store: the evidence comes from the manifest, through its file."""
    iris = Iris("http://127.0.0.1:5000/")
    store = open_store(None)
    first = build(RAW, store, iris, log=lambda _m: None, conformance=False)
    graph = ox.NamedNode(iris.base + GRAPH)
    before = set(store.raw.quads_for_pattern(None, None, None, graph))
    assert any("guofa-2004-18" in q.object.value for q in before)
    write_manifest(tmp_path, first.manifest)
    previous = read_manifest(tmp_path)
    assert all(e.evidence is not None for e in previous.documents.values())
    spy = Spy(store)
    again = build(RAW, spy, iris, log=lambda _m: None, conformance=False, previous=previous)
    assert again.unchanged == len(first.manifest.documents)
    assert not [q for q in spy.queries if "gz:text" in q]
    assert set(store.raw.quads_for_pattern(None, None, None, graph)) == before
