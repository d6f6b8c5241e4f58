"""Two documents never share one IRI: a second file whose document gets the key of another is
refused by name (never written over it), in a first build and in an incremental one; documents
without a 文号 are keyed by their government and date, so homophone issuers stay apart."""

from __future__ import annotations

import shutil
from pathlib import Path

from guize.build import build
from guize.iris import Iris
from guize.store import open_store

RAW = Path(__file__).resolve().parents[3] / "data" / "raw"
IRIS = Iris("http://127.0.0.1:5000/")
JINING = "004_ea0f23940cb5d166.txt"
GUAZHOU = "003_346de4b0a8a54efd.txt"


def graphs(store) -> set[str]:
    return {g for g in store.named_graphs() if "/inferred" not in g}


def test_a_second_document_with_the_same_key_is_refused_by_name(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(RAW / JINING, src / "a.txt")
    shutil.copy(RAW / JINING, src / "b.txt")  # the same 文号: 济政发〔2022〕4号
    lines: list[str] = []
    store = open_store(None)
    report = build(src, store, IRIS, log=lines.append, conformance=False)
    assert [name for name, _ in report.failed] == ["b.txt"]
    message = report.failed[0][1]
    assert "370800-jizhengfa-2022-4" in message and "a.txt" in message
    assert report.written == [IRIS.graph("370800-jizhengfa-2022-4")]
    assert any("b.txt: FAILED" in line for line in lines)

    # incremental: a.txt unchanged keeps its key; b.txt, changed, is still refused
    (src / "b.txt").write_text((src / "b.txt").read_text("utf-8") + "\n", "utf-8")
    again = build(
        src, store, IRIS, log=lambda _m: None, conformance=False, previous=report.manifest
    )
    assert again.unchanged == 1 and [name for name, _ in again.failed] == ["b.txt"]
    assert IRIS.graph("370800-jizhengfa-2022-4") in graphs(store)


def test_homophone_issuers_without_a_number_get_two_keys(tmp_path):
    """瓜州's rules have no 文号; the same text issued by two homophone counties (瓜州县 and a
    made-up 寡州县, both guazhouxian in pinyin) on the same day are two documents."""
    text = (RAW / GUAZHOU).read_text("utf-8")
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(text, "utf-8")
    (src / "b.txt").write_text(text.replace("瓜州", "寡州"), "utf-8")
    store = open_store(None)
    report = build(src, store, IRIS, log=lambda _m: None, conformance=False)
    assert report.failed == []
    keys = sorted(g.rsplit("/", 1)[-1] for g in report.written)
    assert keys[0] == "620922-2020-02-24"  # 瓜州县, by its 行政区划代码
    assert keys[1].startswith("gansusheng-guazhouxian-") and keys[1].endswith("-2020-02-24")


def test_one_number_of_two_governments_is_two_documents(tmp_path):
    """济南 and 济宁 both number their documents 济政发: the same 文号 from each is two documents,
    each under its own government (the key begins with the division code), not a clash."""
    text = (RAW / JINING).read_text("utf-8")
    src = tmp_path / "src"
    src.mkdir()
    (src / "jining.txt").write_text(text, "utf-8")
    jinan = text.replace("济宁", "济南").replace("11370800", "11370100")
    assert "济政发〔2022〕4号" in jinan
    (src / "jinan.txt").write_text(jinan, "utf-8")
    store = open_store(None)
    report = build(src, store, IRIS, log=lambda _m: None, conformance=False)
    assert report.failed == []
    assert sorted(report.written) == [
        IRIS.graph("370100-jizhengfa-2022-4"),
        IRIS.graph("370800-jizhengfa-2022-4"),
    ]
