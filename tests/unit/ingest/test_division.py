"""Administrative divisions (行政区划): a government is identified by its division's code, so
governments whose places share a name or a pinyin spelling stay apart."""

from __future__ import annotations

from dataclasses import replace

import pytest
from variants import RAW_DIR, SEED_NAMES

from guize.ingest.parse.division import LEVEL_BY_KIND, division_of
from guize.ingest.sources import load_sources
from guize.iris import Iris
from guize.pipeline import ingest_bytes
from guize.rdf.document import government_key

BASE = "http://example.org/guize/"
SOURCES = load_sources(RAW_DIR)


def ingest(text: str, name: str = "variant", with_sources: str | None = None):
    source = SOURCES[with_sources] if with_sources else None
    return ingest_bytes(text.encode("utf-8"), name, Iris(BASE), source, reason=False)


@pytest.mark.parametrize("name", [n for n in SEED_NAMES if not n.startswith("guowuyuan")])
def test_every_seed_resolves_from_its_text_alone(name):
    """Without sources.yaml the text's place alone finds the division; the gazetteer's
    province and level agree with what sources.yaml records."""
    md = ingest(RAW_DIR.joinpath(name).read_text("utf-8"), name).parsed.metadata
    recorded = SOURCES[name]
    division, problem = division_of(recorded.place, None, "")
    assert problem is None
    assert md.division_code == division.code
    assert md.province == recorded.province == division.province
    assert md.level == recorded.level == division.level


def test_the_state_council_has_no_division():
    name = "guowuyuan-2004.txt"
    parsed = ingest(RAW_DIR.joinpath(name).read_text("utf-8"), name, name).parsed
    assert parsed.metadata.division_code is None
    assert government_key(parsed) == "guowuyuan"


def test_places_of_one_pinyin_are_two_governments():
    """山西省 and 陕西省 are both shanxisheng in pinyin; their codes differ."""
    shanxi, shaanxi = division_of("山西省", None, "")[0], division_of("陕西省", None, "")[0]
    assert (shanxi.code, shaanxi.code) == ("140000", "610000")
    parsed = ingest(RAW_DIR.joinpath(SEED_NAMES[4]).read_text("utf-8")).parsed
    keys = {
        government_key(replace(parsed, metadata=replace(parsed.metadata, **m)))
        for m in (
            {"place": "山西省", "division_code": shanxi.code},
            {"place": "陕西省", "division_code": shaanxi.code},
        )
    }
    assert keys == {"140000", "610000"}


@pytest.mark.parametrize(
    ("text", "province", "code"),
    [
        ("徐州市人民政府办公室：", None, "320302"),
        ("按照南京市委要求", None, "320106"),
        ("", "福建省", "350102"),
        ("", "河南省", "410204"),
    ],
)
def test_a_shared_name_is_decided_by_the_text(text, province, code):
    """Four 鼓楼区: the province the document follows or its superior city named in the text
    picks one."""
    division, problem = division_of("鼓楼区", province, text)
    assert problem is None
    assert division.code == code


def test_a_shared_name_the_text_does_not_decide_is_left_unresolved():
    division, problem = division_of("鼓楼区", "江苏省", "区政府工作规则")
    assert division is None
    assert "2 divisions are named 鼓楼区 (320106, 320302)" in problem


def test_superiors_written_before_the_place():
    assert division_of("徐州市鼓楼区", None, "")[0].code == "320302"
    assert division_of("甘肃省酒泉市瓜州县", None, "")[0].code == "620922"
    assert division_of("长春市朝阳区", None, "")[0].code == "220104"


def test_a_place_outside_the_gazetteer_keeps_a_key_from_its_province_and_name():
    """A township, or a name the gazetteer does not hold: warned, keyed by province and place."""
    division, problem = division_of("新河乡", "甘肃省", "")
    assert division is None and "not in the gazetteer" in problem
    parsed = ingest(RAW_DIR.joinpath(SEED_NAMES[3]).read_text("utf-8")).parsed
    odd = replace(
        parsed,
        metadata=replace(parsed.metadata, place="新河乡", province="甘肃省", division_code=None),
    )
    assert government_key(odd).startswith("gansusheng-xinhexiang-")
    homophone = replace(odd, metadata=replace(odd.metadata, place="新和乡"))
    assert government_key(homophone).startswith("gansusheng-xinhexiang-")
    assert government_key(homophone) != government_key(odd)  # pinyin alike, names not


def test_a_place_in_another_province_than_the_text_follows_is_not_taken():
    """Real 济宁市 is in 山东省; a text following 江苏省's rules is not matched to it."""
    division, problem = division_of("济宁市", "江苏省", "")
    assert division is None
    assert "370800" in problem and "江苏省" in problem


def test_a_renamed_city_in_a_variant_resolves_to_its_own_code_with_warnings_only_when_due():
    """The Jining seed with its city renamed 开封 (河南省): the issuer's place is found in the
    gazetteer.  The text still cites 山东省's rules, so the province disagrees and the division
    is not taken (a warning says so); without that citation it is 410200."""
    text = RAW_DIR.joinpath(SEED_NAMES[4]).read_text("utf-8").replace("济宁", "开封")
    assert "《山东省人民政府工作规则》" in text
    md = ingest(text).parsed
    assert md.metadata.division_code is None
    assert any("administrative division" in w and "山东省" in w for w in md.warnings)
    assert government_key(md).startswith("shandongsheng-kaifengshi-")
    text = text.replace("山东省", "河南省")
    parsed = ingest(text).parsed
    assert parsed.metadata.division_code == "410200"
    assert parsed.metadata.province == "河南省"
    assert government_key(parsed) == "410200"


def test_every_kind_of_the_gazetteer_has_a_level_or_is_out_of_scope():
    from guize.ingest.parse.division import _by_name

    kinds = {d.kind for ds in _by_name().values() for d in ds}
    assert kinds - set(LEVEL_BY_KIND) <= {"特别行政区"}


def test_generated_documents_of_real_places_resolve_from_their_text(tmp_path):
    """The scale corpus (bench/corpus.py) puts three documents in four in real places: read
    without sources.yaml, each resolves to the division of that name in its real province,
    districts of a shared name (朝阳区 …) by the superior city their text names."""
    import corpus  # bench/, on the path by conftest.py

    from guize.ingest.clean import clean, decode
    from guize.ingest.parse import parse

    paths = corpus.generate(tmp_path, 36, seed=11)
    sources = load_sources(tmp_path)
    real = {(g.place, g.province) for govs in corpus.real_places().values() for g in govs}
    checked = 0
    for path in paths:
        src = sources[path.name]
        if (src.place, src.province) not in real:
            continue
        md = parse(clean(decode(path.read_bytes(), path.stem)), None).metadata
        expected, _ = division_of(src.place, src.province, "")
        if expected is None:  # a name the province holds twice (rare): not decided here
            continue
        assert md.division_code == expected.code, (path.name, src.place, md.place)
        checked += 1
    assert checked >= 20


def test_every_division_has_a_six_digit_code():
    """The gazetteer writes 资料暂缺 (no data) for 台湾省's code: such entries are left out, so
    no IRI is minted from them (the integrity shape would refuse it: PeoplesGovernmentShape)."""
    from guize.ingest.parse.division import _by_name

    codes = [d.code for ds in _by_name().values() for d in ds]
    assert codes and all(len(c) == 6 and c.isdigit() for c in codes)
    division, problem = division_of("台湾省", None, "")
    assert division is None and "not in the gazetteer" in problem


def test_the_index_number_decides_a_shared_name():
    """索引号 = 统一社会信用代码 (division code at characters 3–8) / year-number."""
    division, problem = division_of(
        "鼓楼区", "江苏省", "区政府工作规则", "11320302MB1234567X/2021-00012"
    )
    assert problem is None and division.code == "320302"
    # a code that is none of the candidates': the name decides as before
    assert division_of("鼓楼区", None, "徐州市", "11110105MB1234567X/2021-1")[0].code == "320302"


def test_a_renamed_place_is_taken_by_its_index_number_with_a_warning():
    """安西县 was renamed 瓜州县 in 2006 (code 620922): the gazetteer has only the new name."""
    division, problem = division_of(
        "安西县", "甘肃省", "", "11620922013926015M/2005-00003", level="county"
    )
    assert division.code == "620922" and "安西县" in problem and "瓜州县" in problem
    # not when the code is of another level (a township's rules under its county's 索引号)
    division, problem = division_of(
        "渊泉镇", "甘肃省", "", "11620922013926015M/2005-00003", level="township"
    )
    assert division is None and "not in the gazetteer" in problem


def test_the_jining_seed_index_number_agrees_with_its_name():
    text = RAW_DIR.joinpath(SEED_NAMES[4]).read_text("utf-8")
    parsed = ingest(text).parsed
    assert parsed.notice.index_number.startswith("11370800")
    assert parsed.metadata.division_code == "370800"
