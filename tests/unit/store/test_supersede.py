"""Superseded in the store (guize.supersede): citations of a title under a later number, and
废止 sentences naming a number, found by looking each citation up (not by trying every
document against every provision)."""

from __future__ import annotations

import pyoxigraph as ox

from guize.iris import ONTOLOGY, Iris
from guize.namespaces import ELI
from guize.store import open_store
from guize.supersede import find

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
