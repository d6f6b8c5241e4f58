"""Superseded in the store: a document that another document of the store shows to be
superseded says so, with the citing provision as evidence -- on the seeds (连云港 2011 cites
the 2004 State Council rules' successor, 国发〔2008〕14号) and on variants (a bare title is no
evidence; a 废止 sentence naming the number is)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guize import supersede
from guize.build import build
from guize.iris import Iris
from guize.store import open_store

RAW = Path(__file__).resolve().parents[3] / "data" / "raw"
IRIS = Iris("http://127.0.0.1:5000/")
LIANYUNGANG, STATE_COUNCIL = "001_d50b9b78f692606e.txt", "guowuyuan-2004.txt"


def quiet(_m: str) -> None:
    pass


def built(folder: Path, texts: dict[str, str]):
    folder.mkdir()
    shutil.copy(RAW / "sources.yaml", folder / "sources.yaml")
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = open_store(None)
    assert build(folder, store, IRIS, log=quiet).ok
    return store


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return {n: (RAW / n).read_text(encoding="utf-8") for n in (LIANYUNGANG, STATE_COUNCIL)}


def test_a_cited_successor_marks_the_2004_rules_superseded(seeds, tmp_path):
    store = built(tmp_path / "raw", seeds)
    (s,) = supersede.find(store, IRIS)
    assert s.document == IRIS.base + "eli/guofa-2004-18"
    assert (s.kind, s.successor_number) == ("cited-successor", "国发〔2008〕14号")
    assert s.provision == IRIS.base + "eli/lianzhengfa-2011-96/art_1"
    assert s.span and s.span.startswith(IRIS.base + "eli/lianzhengfa-2011-96/fact/")
    # the build wrote it into the supersession graph, a fact with its provision and span
    q = (
        "PREFIX gz: <https://w3id.org/guize/ontology#> SELECT ?f ?p ?span WHERE { GRAPH ?g { "
        f"?f a gz:Supersession ; gz:supersedes <{s.document}> ; gz:sourceProvision ?p ; "
        "gz:span ?span } }"
    )
    rows = list(store.query(q, union_default_graph=False))
    assert [(r["p"].value, r["span"].value) for r in rows] == [(s.provision, s.span)]
    assert IRIS.base + supersede.GRAPH in store.named_graphs()


def test_a_bare_title_is_no_evidence(seeds, tmp_path):
    texts = dict(seeds)
    texts[LIANYUNGANG] = texts[LIANYUNGANG].replace("(國發(fā)〔2008〕14號)", "")
    assert "2008〕14" not in texts[LIANYUNGANG]
    store = built(tmp_path / "raw", texts)
    assert supersede.find(store, IRIS) == []


def test_a_repeal_sentence_naming_the_number_is_evidence(seeds, tmp_path):
    texts = dict(seeds)
    texts[LIANYUNGANG] = texts[LIANYUNGANG].replace("(國發(fā)〔2008〕14號)", "")
    texts[LIANYUNGANG] = texts[LIANYUNGANG].replace(
        "結(jié)合本市實際,", "結(jié)合本市實際,國發〔2004〕18號文件同時廢止,", 1
    )
    store = built(tmp_path / "raw", texts)
    (s,) = supersede.find(store, IRIS)
    assert (s.document, s.kind) == (IRIS.base + "eli/guofa-2004-18", "repealed")
    assert "废止" in s.quote and "国发〔2004〕18号" in s.quote
