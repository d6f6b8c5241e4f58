"""Several editions of one government's rules: the catalogue gives one row per document, not one
per combination of the editions' statements about their shared government.

Each document's graph describes its government (name, place, level, head title); Oxigraph's
union default graph repeats a triple once per graph that holds it, so a query joining five of
those properties over the union made k^5 rows per document for k editions (21 GiB for
``guize compare`` at 1,000 generated documents).  The queries now read them in the document's
own graph.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guize.build import build
from guize.iris import Iris
from guize.query.catalogue import catalogue, rows
from guize.store import open_store

RAW = Path(__file__).resolve().parents[3] / "data" / "raw"
BASE = "http://127.0.0.1:5000/"
EDITIONS = 5


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    src = tmp_path_factory.mktemp("editions")
    text = (RAW / "004_ea0f23940cb5d166.txt").read_text("utf-8")
    assert "济政发〔2022〕4号" in text
    for n in range(1, EDITIONS + 1):
        (src / f"jining-{n}.txt").write_text(
            text.replace("济政发〔2022〕4号", f"济政发〔2022〕{n}号")
        )
    s = open_store(None)
    report = build(src, s, Iris(BASE), log=lambda _m: None, conformance=False)
    assert report.ok and len(report.written) == EDITIONS
    return s


def test_one_row_per_edition_even_without_distinct(store):
    got = rows(store, "documents", BASE)
    assert sorted(r["key"] for r in got) == [
        f"370800-jizhengfa-2022-{n}" for n in range(1, EDITIONS + 1)
    ]
    assert {r["gov"] for r in got} == {BASE + "id/government/370800"}
    assert {(r["chapters"], r["provisions"], r["level"], r["headTitle"]) for r in got} == {
        (got[0]["chapters"], got[0]["provisions"], "prefecture-city", "市长")
    }
    # the query's own rows, before DISTINCT: one per document (5^5 per document before)
    text = catalogue()["documents"].text.replace("SELECT DISTINCT", "SELECT", 1)
    assert len(list(store.query(text, base_iri=BASE))) == EDITIONS


def test_the_government_is_a_body_of_each_edition_once(store):
    text = catalogue()["bodies"].text.replace("SELECT DISTINCT", "SELECT", 1)
    governments = [r for r in store.query(text, base_iri=BASE) if r["code"].value == "government"]
    assert len(governments) == EDITIONS
