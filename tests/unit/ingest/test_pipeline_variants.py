"""Whole-pipeline variants: each noisy variant of a document yields the same provisions.

The variants are made from the real documents by the generators in variants.py:
traditional characters with pinyin artifacts, PDF line breaks inside sentences, spam of
kinds the seeds do not have injected at other places, other sites' junk before and after,
other encodings.  Parsing them must give the same numbered provisions with the same text
(a spam span reads □ in place of the words it replaced).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import variants as v

from guize.ingest.clean.cleaner import clean, decode
from guize.ingest.parse.body import parse

CASES = [
    "003_346de4b0a8a54efd.txt",
    "004_ea0f23940cb5d166.txt",
    "guowuyuan-2004.txt",
    "002_1a72dbc9b0f0b77f.txt",
]


def parse_bytes(data: bytes, name: str = "variant"):
    return parse(clean(decode(data, Path(name).stem)))


@pytest.fixture(scope="module")
def originals(seed_texts):
    return {name: parse_bytes(seed_texts[name].encode("utf-8"), name) for name in CASES}


def assert_same_provisions(a, b, replaced: dict[int, tuple[str, str]] | None = None):
    replaced = replaced or {}
    assert [p.number for p in a.provisions] == [p.number for p in b.provisions]
    assert [(c.number, c.title) for c in a.chapters] == [(c.number, c.title) for c in b.chapters]
    for pa, pb in zip(a.provisions, b.provisions, strict=True):
        expected = pa.text
        if pa.number in replaced:
            old, new = replaced[pa.number]
            expected = expected.replace(old, new, 1)
        assert pb.text == expected, pa.label
    assert a.metadata.as_json() == b.metadata.as_json()


@pytest.mark.parametrize("name", CASES)
def test_traditional_with_pinyin_artifacts(originals, seed_texts, name):
    variant = v.traditional_with_artifacts(seed_texts[name])
    assert "(" in variant and variant != seed_texts[name]
    assert_same_provisions(originals[name], parse_bytes(variant.encode("utf-8")))


@pytest.mark.parametrize("name", CASES)
def test_pdf_line_breaks(originals, seed_texts, name):
    variant = v.pdf_breaks(seed_texts[name])
    assert variant.count("\n") > seed_texts[name].count("\n") + 50
    assert_same_provisions(originals[name], parse_bytes(variant.encode("utf-8")))


@pytest.mark.parametrize("name", CASES)
def test_junk_before_and_after(originals, seed_texts, name):
    variant = v.wrap_in_junk(seed_texts[name])
    assert_same_provisions(originals[name], parse_bytes(variant.encode("utf-8")))


@pytest.mark.parametrize("name", CASES)
def test_other_encodings(originals, seed_texts, name):
    assert_same_provisions(originals[name], parse_bytes(v.with_bom_and_crlf(seed_texts[name])))
    assert_same_provisions(originals[name], parse_bytes(v.gb18030_bytes(seed_texts[name])))


@pytest.mark.parametrize(
    "brand", ["澳门葡京官网", "888真人娱乐城", "开元棋牌", "免费在线观看", "bet365"]
)
def test_spam_of_other_kinds_at_other_places(originals, seed_texts, brand):
    name = "003_346de4b0a8a54efd.txt"
    # inside a sentence of a provision on meetings (第四十一条: 县长召集和主持)
    original = originals[name]
    target = next(p for p in original.provisions if "县政府常务会议由" in p.text)
    variant = v.inject(seed_texts[name], "县政府常务会议由县长、副县长", "副县长", brand)
    got = parse_bytes(variant.encode("utf-8"))
    assert_same_provisions(original, got, {target.number: ("副县长", "□")})


def test_spam_inside_a_chapter_title(originals, seed_texts):
    name = "004_ea0f23940cb5d166.txt"
    variant = v.inject(seed_texts[name], "第八章 会议制度", "会议制度", "乐鱼体育官网")
    got = parse_bytes(variant.encode("utf-8"))
    eight = next(c for c in got.chapters if c.number == 8)
    assert eight.title_status == "damaged" and eight.title == "□"
    assert [p.number for p in got.provisions] == [p.number for p in originals[name].provisions]


def test_all_variants_at_once(originals, seed_texts):
    name = "guowuyuan-2004.txt"
    text = v.wrap_in_junk(v.pdf_breaks(v.traditional_with_artifacts(seed_texts[name])))
    assert_same_provisions(originals[name], parse_bytes(v.with_bom_and_crlf(text)))
