"""Parse stage: the seeds' structure and notices as a careful reader finds them, and variants.

Expected figures were counted by reading the raw texts in data/raw/ (chapter headings,
the last provision label, the notice's 文号/date/meeting, the repeal and validity clauses).
"""

from __future__ import annotations

import re
from pathlib import Path

import cn2an
import pytest

from guize.ingest.clean.cleaner import clean, decode
from guize.ingest.errors import IngestError
from guize.ingest.parse.body import parse

RAW = Path(__file__).resolve().parents[3] / "data" / "raw"

# file → (chapters, provisions, numbering style)
STRUCTURE = {
    "000_50def087fffe3e04.txt": (13, 84, "article"),
    "001_d50b9b78f692606e.txt": (11, 56, "enumerated"),
    "002_1a72dbc9b0f0b77f.txt": (13, 84, "enumerated"),
    "003_346de4b0a8a54efd.txt": (11, 69, "article"),
    "004_ea0f23940cb5d166.txt": (15, 92, "enumerated"),
    "guowuyuan-2004.txt": (10, 54, "enumerated"),
}

METADATA = {
    "000_50def087fffe3e04.txt": dict(
        issuer="合作市人民政府",
        doc_number="合政发〔2023〕38号",
        date="2023-08-19",
        adopted_by="六届市政府第23次常务会议",
        repeals=["合政发〔2018〕114号"],
        status="unknown",
        superseded_by=[],
        place="合作市",
        level="county-city",
        head_title="市长",
        province="甘肃省",
    ),
    "001_d50b9b78f692606e.txt": dict(
        issuer="连云港市人民政府",
        doc_number="连政发〔2011〕96号",
        date="2011-07-13",
        adopted_by="市十二届人民政府第43次常务会议",
        repeals=[],
        status="expired",
        superseded_by=["连政发〔2018〕32号"],
        place="连云港市",
        level="prefecture-city",
        head_title="市长",
        province="江苏省",
    ),
    "002_1a72dbc9b0f0b77f.txt": dict(
        issuer="攀枝花市人民政府",
        doc_number="攀府发〔2019〕6号",
        date="2019-05-24",
        adopted_by=None,
        repeals=[],
        status="unknown",
        superseded_by=[],
        place="攀枝花市",
        level="prefecture-city",
        head_title="市长",
        province="四川省",
    ),
    "003_346de4b0a8a54efd.txt": dict(
        issuer="瓜州县人民政府",
        doc_number=None,
        date="2020-02-24",
        adopted_by=None,
        repeals=["瓜政发〔2018〕201号"],
        status="unknown",
        superseded_by=[],
        place="瓜州县",
        level="county",
        head_title="县长",
        province="甘肃省",
    ),
    "004_ea0f23940cb5d166.txt": dict(
        issuer="济宁市人民政府",
        doc_number="济政发〔2022〕4号",
        date="2022-03-28",
        adopted_by="济宁市第十八届人民政府第2次常务会议",
        repeals=[],
        status="in-force",
        superseded_by=[],
        place="济宁市",
        level="prefecture-city",
        head_title="市长",
        province="山东省",
    ),
    "guowuyuan-2004.txt": dict(
        issuer="国务院",
        doc_number="国发〔2004〕18号",
        date="2004-06-26",
        adopted_by="国务院第54次常务会议",
        repeals=[],
        status="unknown",
        superseded_by=[],
        place="中华人民共和国",
        level="national",
        head_title="总理",
        province=None,
    ),
}


def parsed(name: str, data: bytes | None = None):
    data = RAW.joinpath(name).read_bytes() if data is None else data
    return parse(clean(decode(data, Path(name).stem)))


@pytest.fixture(scope="module")
def seeds():
    return {name: parsed(name) for name in STRUCTURE}


@pytest.mark.parametrize("name", sorted(STRUCTURE))
def test_structure_counts(seeds, name):
    chapters, provisions, style = STRUCTURE[name]
    doc = seeds[name]
    assert doc.numbering_style == style
    assert len(doc.chapters) == chapters
    assert [p.number for p in doc.provisions] == list(range(1, provisions + 1))
    assert not [w for w in doc.warnings if "gap" in w or "repeat" in w]
    # every provision belongs to a chapter, and chapters partition the provisions in order
    flat = [n for c in doc.chapters for n in c.provisions]
    assert flat == list(range(1, provisions + 1))


@pytest.mark.parametrize("name", sorted(METADATA))
def test_notice_metadata(seeds, name):
    got = seeds[name].metadata.as_json()
    for key, value in METADATA[name].items():
        assert got[key] == value, key


def test_repeal_dates(seeds):
    (rep,) = seeds["000_50def087fffe3e04.txt"].metadata.repeals
    assert rep.date == "2018-12-10"
    (rep,) = seeds["003_346de4b0a8a54efd.txt"].metadata.repeals
    assert rep.date == "2018-11-13"


def test_titles_and_damaged_chapters(seeds):
    assert seeds["004_ea0f23940cb5d166.txt"].title == "济宁市人民政府工作规则"
    assert seeds["guowuyuan-2004.txt"].title == "国务院工作规则"
    assert seeds["001_d50b9b78f692606e.txt"].title.startswith("连云港市人民政府工作规则")
    jining = {c.number: c for c in seeds["004_ea0f23940cb5d166.txt"].chapters}
    assert jining[6].title_status == "damaged"  # a streaming-site name inside the title
    assert jining[15].title_status == "missing"
    guazhou = {c.number: c for c in seeds["003_346de4b0a8a54efd.txt"].chapters}
    assert guazhou[1].title_status == "missing" and guazhou[1].title is None
    assert guazhou[8].title == "会议制度"
    hezuo = {c.number: c.title for c in seeds["000_50def087fffe3e04.txt"].chapters}
    assert hezuo[1] == "总则" and hezuo[13] == "廉政和作风建设"


def test_spans_point_into_raw_text(seeds):
    for name, doc in seeds.items():
        raw = doc.clean.raw.text
        for p in doc.provisions:
            start, end = p.raw_span
            assert 0 <= start < end <= len(raw)
            # the raw span starts with the label as written (possibly traditional/letter-spaced)
            head = re.sub(r"\s", "", raw[start:end])[:2]
            assert head[0] in "第一二三四五六七八九十", (name, p.label, raw[start : start + 10])


def test_items_and_paragraphs(seeds):
    jining = {p.number: p for p in seeds["004_ea0f23940cb5d166.txt"].provisions}
    standing = jining[45]  # 常务会议 and its 主要任务 (一)…
    items = [it for para in standing.paragraphs for it in para.items]
    assert len(items) >= 3 and [it.number for it in items] == list(range(1, len(items) + 1))
    hezuo = {p.number: p for p in seeds["000_50def087fffe3e04.txt"].provisions}
    # run-on text: items inline in one line still come out as items
    assert any(para.items for p in hezuo.values() for para in p.paragraphs)


# --- variants --------------------------------------------------------------------------


def _to_enumerated(text: str) -> str:
    """第十二条 → 十二、 at line/provision starts (the other numbering style)."""
    return re.sub(r"(^|\n|\s)第([一二三四五六七八九十百零]+)条\s*", r"\1\2、", text)


def _to_article(text: str) -> str:
    """十二、 → 第十二条 at line starts."""
    return re.sub(r"(?m)^(\s*)([一二三四五六七八九十百零]+)、", r"\1第\2条 ", text)


def _arabic_articles(text: str) -> str:
    """第十二条 → 第12条."""
    return re.sub(
        r"第([一二三四五六七八九十百零]+)条", lambda m: f"第{cn2an.cn2an(m[1], 'smart')}条", text
    )


@pytest.mark.parametrize(
    "name,transform",
    [
        ("003_346de4b0a8a54efd.txt", _to_enumerated),
        ("004_ea0f23940cb5d166.txt", _to_article),
        ("guowuyuan-2004.txt", _to_article),
        ("003_346de4b0a8a54efd.txt", _arabic_articles),
    ],
)
def test_other_numbering_yields_same_provisions(seeds, name, transform):
    original = seeds[name]
    text = RAW.joinpath(name).read_text(encoding="utf-8")
    variant = parsed(name, transform(text).encode("utf-8"))
    assert variant.numbering_style != original.numbering_style or transform is _arabic_articles
    assert [p.number for p in variant.provisions] == [p.number for p in original.provisions]
    assert [len(c.provisions) for c in variant.chapters] == [
        len(c.provisions) for c in original.chapters
    ]
    for a, b in zip(original.provisions, variant.provisions, strict=True):
        assert _norm(a.text) == _norm(b.text)


def _norm(text: str) -> str:
    text = re.sub(
        r"(?m)第[一二三四五六七八九十百零0-9]+条|^[一二三四五六七八九十百零]+、", "", text
    )
    return re.sub(r"\s", "", text)


def test_gap_and_repeat_are_warned():
    text = RAW.joinpath("003_346de4b0a8a54efd.txt").read_text(encoding="utf-8")
    text = text.replace("第十二条", "第十三条", 1)  # 十一 → 十三 (gap), then 十三 again (repeat)
    doc = parsed("gap.txt", text.encode("utf-8"))
    assert any("gap" in w for w in doc.warnings)
    assert any("repeat" in w for w in doc.warnings)


def test_not_a_work_rule():
    with pytest.raises(IngestError, match="no provisions"):
        parsed("prose.txt", ("市政府召开会议，研究部署工作。" * 20).encode("utf-8"))


def test_bracket_and_date_forms():
    from guize.ingest.parse.notice import normalise_doc_number

    assert normalise_doc_number("济政发[2022]4号") == "济政发〔2022〕4号"
    assert normalise_doc_number("攀府发（2019）6号") == "攀府发〔2019〕6号"
    assert normalise_doc_number("合政发〔2023〕38号") == "合政发〔2023〕38号"
