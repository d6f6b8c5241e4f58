"""Clean stage: the six real documents in data/raw/ and variants made from them.

Expected figures were found by reading the raw texts: provision labels (第X条 / X、) and
chapter headings per document, the injected spam (三升体育平台 three times in 000's body and
once more in its attachment link, which is page junk; 360直播,直播吧 five times in 004),
and the page junk of 001 (link farm), 003 (mirror header/footer) and 004 (attachment links).
"""

from __future__ import annotations

import random
import re

import opencc
import pytest
from variants import (
    SEED_NAMES,
    add_pinyin_artifacts,
    gb18030_bytes,
    inject,
    pdf_breaks,
    to_traditional,
    traditional_with_artifacts,
    with_bom_and_crlf,
    wrap_in_junk,
)

from guize.ingest.clean.cleaner import clean, cleaning_summary, decode, load_lexicon
from guize.ingest.clean.spam import find_spam
from guize.ingest.errors import IngestError
from guize.ingest.model import CLEANING_KINDS, SPAM_PLACEHOLDER, CleanText

NUM = "[一二三四五六七八九十百零]+"
ARTICLE = re.compile(rf"^第{NUM}条")
ENUMERATED = re.compile(rf"^{NUM}、")
CHAPTER = re.compile(rf"^第{NUM}章")
# file → (lines starting 第X条, lines starting X、, chapter headings), counted by reading
STRUCTURE = {
    "000_50def087fffe3e04.txt": (84, 0, 13),
    "001_d50b9b78f692606e.txt": (0, 56, 11),
    "002_1a72dbc9b0f0b77f.txt": (0, 84, 13),
    "003_346de4b0a8a54efd.txt": (69, 0, 11),
    "004_ea0f23940cb5d166.txt": (0, 92, 15),
    "guowuyuan-2004.txt": (0, 54, 10),
}
T2S = opencc.OpenCC("t2s")


def cleaned(data: bytes | str, doc_id: str = "doc") -> CleanText:
    return clean(decode(data.encode("utf-8") if isinstance(data, str) else data, doc_id))


@pytest.fixture(scope="module")
def seeds(seed_texts) -> dict[str, CleanText]:
    return {name: cleaned(text, name) for name, text in seed_texts.items()}


def lines(c: CleanText) -> list[str]:
    return c.text.split("\n")


# --- invariants, on every document and variant ------------------------------------------


def assert_invariants(c: CleanText) -> None:
    raw, text, offsets = c.raw.text, c.text, c.offsets
    assert len(offsets) == len(text) + 1 and offsets[-1] == len(raw)
    assert all(a <= b for a, b in zip(offsets, offsets[1:], strict=False)), "offsets go backwards"
    for e in c.report:
        assert e.kind in CLEANING_KINDS
        assert e.text == raw[e.raw_span[0] : e.raw_span[1]], e
    replaced = {i for e in c.report if e.replacement for i in range(*e.raw_span)}
    # a line break inserted before a label run into the line (an empty raw span)
    inserted = {e.raw_span[0] for e in c.report if e.replacement and e.raw_span[0] == e.raw_span[1]}
    for i, ch in enumerate(text):
        o = offsets[i]
        if o not in replaced and not (ch == "\n" and o in inserted):
            # an untouched character is the raw character itself
            assert raw[o] == ch, (i, ch, raw[o - 5 : o + 5])
    # nothing dropped silently: every raw character not in the map is in a report entry
    kept = set(offsets[:-1])
    covered = {i for e in c.report for i in range(*e.raw_span)}
    missing = [i for i in range(len(raw)) if i not in kept and i not in covered]
    assert not missing, [raw[i - 3 : i + 3] for i in missing[:5]]
    # the contract: no blank lines, no stray spaces, one □ per spam span
    assert "\n\n" not in text and not text.startswith("\n") and not text.endswith("\n")
    assert all(ln == ln.strip() for ln in lines(c))
    assert all(text[s:e] == SPAM_PLACEHOLDER for s, e in c.spam_spans)
    assert len(c.spam_spans) == sum(e.kind == "spam" for e in c.report)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_invariants_on_seeds(seeds, name):
    assert_invariants(seeds[name])


@pytest.mark.parametrize("name", SEED_NAMES)
def test_simplified_characters_map_back(seeds, name):
    c = seeds[name]
    for i, ch in enumerate(c.text):
        raw = c.raw.text[c.offsets[i]]
        if ch not in f"\n {SPAM_PLACEHOLDER}" and raw.isalnum():
            full_width = chr(ord(raw) - 0xFEE0) if "\uff10" <= raw <= "\uff5a" else raw
            assert T2S.convert(full_width) == ch, (i, raw, ch)


# --- seeds: structure, junk, spam ----------------------------------------------------


@pytest.mark.parametrize("name", SEED_NAMES)
def test_provisions_and_chapters_on_their_own_lines(seeds, name):
    articles, enumerated, chapters = STRUCTURE[name]
    ls = lines(seeds[name])
    assert sum(bool(ARTICLE.match(ln)) for ln in ls) == articles
    assert sum(bool(ENUMERATED.match(ln)) for ln in ls) == enumerated
    assert sum(bool(CHAPTER.match(ln)) for ln in ls) == chapters


def test_line_counts(seeds):
    # recorded figures: a change here is a change of the contract, look at the diff
    assert {n: len(lines(c)) for n, c in seeds.items()} == {
        "000_50def087fffe3e04.txt": 145,
        "001_d50b9b78f692606e.txt": 87,
        "002_1a72dbc9b0f0b77f.txt": 118,
        "003_346de4b0a8a54efd.txt": 132,
        "004_ea0f23940cb5d166.txt": 185,
        "guowuyuan-2004.txt": 100,
    }


def test_000_betting_site_is_spam(seeds):
    c = seeds["000_50def087fffe3e04.txt"]
    spam = [e for e in c.report if e.kind == "spam"]
    assert [e.text for e in spam] == ["三升体育平台"] * 3
    assert all("体育" in e.note for e in spam)
    assert lines(c)[0] == "合政发〔2023〕38号合作市人民政府□印发《合作市人民政府工作规则》的通知"
    assert "第六条自觉接受□,认真落实市委部署" in c.text
    assert "州委、州政府及□同志批示" in c.text
    assert "体育" not in c.text and "三升" not in c.text


def test_004_streaming_site_is_one_span(seeds):
    c = seeds["004_ea0f23940cb5d166.txt"]
    spam = [e for e in c.report if e.kind == "spam"]
    assert [e.text for e in spam] == ["360直播,直播吧"] * 5
    assert "第六章推进□" in lines(c)
    assert "搭建□平台,畅通网络在线问政等□渠道" in c.text  # 平台 is the document's own word
    assert "直播吧" not in c.text and "360" not in c.text
    assert "新媒体直播方式" in c.text  # the document's own word


def test_spam_free_seeds(seeds):
    for name in (
        "001_d50b9b78f692606e.txt",
        "002_1a72dbc9b0f0b77f.txt",
        "003_346de4b0a8a54efd.txt",
        "guowuyuan-2004.txt",
    ):
        assert not seeds[name].spam_spans, name


def test_000_page_junk(seeds):
    c = seeds["000_50def087fffe3e04.txt"]
    assert lines(c)[-1] == "第八十四条市政府直属单位适用本规则。"
    for junk in ("相关文档", "附件", ".pdf", "关闭窗口"):
        assert junk not in c.text


def test_001_link_farm_and_widgets(seeds):
    c = seeds["001_d50b9b78f692606e.txt"]
    ls = lines(c)
    assert ls[0] == "索引号 k12498411/2011-00001"
    assert ls[1] == "发布机构 市政府办 发文日期 2011-07-13"
    assert ls[-1] == "市政府直属机构、办事机构、直属事业单位适用本规则。"
    for junk in ("当前位置", "阅读次数", "字体", "文件下载", "扫一扫", "亚洲", "|", "无码"):
        assert junk not in c.text
    assert any(ln.startswith("时效 新修订的") and ln.endswith("本文件同时失效。") for ln in ls)
    farm = [e for e in c.report if e.kind == "page-junk" and "link farm" in e.note]
    assert len(farm) == 1 and farm[0].text.count("|") > 30


def test_001_traditional_and_artifacts(seeds):
    c = seeds["001_d50b9b78f692606e.txt"]
    summary = cleaning_summary(c)
    assert summary["conversion-artifact"] == 372  # every (pinyin) in the raw text
    assert summary["traditional-to-simplified"] > 1000
    assert not re.search(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔù]+[)）]", c.text)
    assert "市政府关于印发《连云港市人民政府工作规则(修订稿)》的通知" in c.text
    assert "發(fā)" in c.raw.text and "發" not in c.text and "(fā)" not in c.text


def test_003_mirror_header_and_footer(seeds):
    c = seeds["003_346de4b0a8a54efd.txt"]
    ls = lines(c)
    assert ls[:3] == [
        "瓜州县人民政府工作规则",
        "发布时间:2020-02-24 文章来源:瓜州县人民政府网",
        "第一章",
    ]
    assert ls[-1].startswith("第六十九条本规则自发布之日起施行")
    for junk in ("心灵驿站", "当前位置", "字号", "二维码", "手机查看", "祝福文案", "故事人生"):
        assert junk not in c.text
    assert "\n关注" not in c.text and "社会关注度" in c.text


def test_004_attachment_links_and_metadata(seeds):
    c = seeds["004_ea0f23940cb5d166.txt"]
    ls = lines(c)
    assert ls[:4] == [
        "索引号 11370800004312466C/2022-00687 公开方式 主动公开",
        "发布机构 济宁市人民政府办公室 组配分类 济政发",
        "成文日期 2022-03-28 失效日期",
        "有效性 有效",
    ]
    assert "发布日期:2022-03-28 信息来源:济宁市人民政府办公室" in ls
    assert "关于印发《济宁市人民政府工作规则》的通知" in ls  # 通      知 rejoined
    assert ls[-1] == "九十二、市政府派出机构、部门管理机构、市政府直属事业单位适用本规则。"
    for junk in ("浏览次数", "字体", "【", "PDF", ".docx", "政策解读", "图文解读"):
        assert junk not in c.text


def test_002_pdf_breaks_rejoined(seeds):
    c = seeds["002_1a72dbc9b0f0b77f.txt"]
    assert (
        "三、市政府工作的准则是，执政为民，依法行政，实事求是，民主公开，务实清廉，规范高效。"
        in lines(c)
    )
    assert "市政府领导轮流在岗带班" in c.text and "规范行政裁量权" in c.text
    assert cleaning_summary(c)["line-join"] == 19
    assert lines(c)[:3] == [
        "攀枝花市人民政府",
        "关于印发攀枝花市人民政府工作规则的通知",
        "攀府发〔2019〕6号",
    ]


def test_guowuyuan_letter_spacing_and_fields(seeds):
    c = seeds["guowuyuan-2004.txt"]
    ls = lines(c)
    assert ls[:2] == ["索引号：", "000014349/2004-00204"]
    assert "国务院工作规则" in ls and "第一章总则" in ls
    # a title broken after 印发 and a note broken inside its brackets are rejoined
    assert ls.count("国务院关于印发《国务院工作规则》的通知") == 2
    assert "（二○○四年六月十六日国务院第54次常务会议修订通过）" in ls
    assert "发文字号：" in ls and "扫一扫" not in c.text


def test_000_run_on_chapter_lines_split(seeds):
    ls = lines(seeds["000_50def087fffe3e04.txt"])
    assert ls[ls.index("第一章总则") + 1].startswith("第一条根据《中华人民共和国宪法》")
    assert (
        "第二十五条市政府根据经济社会发展的需要,制定政府规范性文件,修改或废止不适应改革发展要求的政府规范性文件、行政措施或决定。"
        in ls
    )
    assert (
        "提请市政府审议的规范性文件由承担此项职能的机构组织起草,规范性文件的解释工作由承担此项职能的机构承办。"
        in ls
    )
    assert "(二)通报重要工作情况;" in ls  # items of a run-on line on their own lines


# --- variants ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["000_50def087fffe3e04.txt", "002_1a72dbc9b0f0b77f.txt", "004_ea0f23940cb5d166.txt"]
)
def test_traditional_with_pinyin_artifacts(seeds, seed_texts, name):
    variant = cleaned(traditional_with_artifacts(seed_texts[name]), name)
    assert_invariants(variant)
    summary = cleaning_summary(variant)
    assert summary["conversion-artifact"] > 500 and summary["traditional-to-simplified"] > 500
    assert variant.text == seeds[name].text


def test_artifacts_are_generic():
    text = "第一条 發(fā)展与創(chuàng)新（xīn）並重，兼顧(jiān)效率。" * 3
    c = cleaned(text)
    assert c.text.startswith("第一条发展与创新并重，兼顾效率。")
    assert cleaning_summary(c)["conversion-artifact"] == 12
    # not pinyin: no tone mark, upper case, or not right after a character
    kept = cleaned("第一条 会议(meeting)和文件(ABC)以及 (fā) 均保留。" * 3).text
    assert "(meeting)" in kept and "(ABC)" in kept and "(fā)" in kept
    assert add_pinyin_artifacts("发展", every=1) == "发(fā)展(zhǎn)"


@pytest.mark.parametrize(
    "name",
    [
        "003_346de4b0a8a54efd.txt",
        "004_ea0f23940cb5d166.txt",
        "guowuyuan-2004.txt",
        "001_d50b9b78f692606e.txt",
    ],
)
def test_pdf_line_breaks_rejoined(seeds, seed_texts, name):
    broken = pdf_breaks(seed_texts[name], width=30)
    assert broken.count("\n") > seed_texts[name].count("\n") + 100
    variant = cleaned(broken, name)
    assert_invariants(variant)
    assert variant.text == seeds[name].text


@pytest.mark.parametrize("name", SEED_NAMES)
def test_other_sites_junk_is_cut(seeds, seed_texts, name):
    variant = cleaned(wrap_in_junk(seed_texts[name]), name)
    assert_invariants(variant)
    assert variant.text == seeds[name].text


def test_junk_inside_and_at_line_ends(seeds, seed_texts):
    name = "003_346de4b0a8a54efd.txt"
    text = seed_texts[name]
    text = text.replace(
        "第二章组成人员及职责",
        "首页 | 机构概况 | 政务公开 | 办事服务 | 互动交流\n第二章组成人员及职责",
    )
    text = text.replace("同时废止。", "同时废止。  【打印本页】 【关闭窗口】 |")
    text = text.replace("第四章坚持依法行政", "第四章坚持依法行政 阅读次数：1024")
    text = text.replace("第五章实行科学民主决策", "【关闭窗口】 第五章实行科学民主决策")
    c = cleaned(text, name)
    assert_invariants(c)
    assert c.text == seeds[name].text
    assert cleaning_summary(c)["page-junk"] == cleaning_summary(seeds[name])["page-junk"] + 5


SPAM_INJECTIONS = [  # (context in 003, word replaced, injected brand) — none of them in the seeds
    ("第六章推进政务公开", "政务公开", "澳门葡京官网"),
    ("第八章会议制度", "会议制度", "888真人娱乐城"),
    ("以及县委决策部署", "县委", "开元棋牌"),
    ("推进“放管服”改革和商事制度改革", "商事制度", "xx彩票平台"),
    ("县政府及各部门要把公开透明作为", "各部门", "免费在线观看"),
    ("第九章公文审批", "公文审批", "九洲体育官网"),
    ("第七章健全监督制度", "健全监督制度", "金马彩票平台"),
    ("第十章工作纪律", "工作纪律", "588电竞"),
    ("第十一章廉政和作风建设", "廉政和作风建设", "bet365"),
]


def test_other_kinds_of_spam(seeds, seed_texts):
    name = "003_346de4b0a8a54efd.txt"
    text, expected = seed_texts[name], seeds[name].text
    for context, old, new in SPAM_INJECTIONS:
        text = inject(text, context, old, new)
        expected = inject(expected, context, old, SPAM_PLACEHOLDER)
    c = cleaned(text, name)
    assert_invariants(c)
    assert c.text == expected
    assert len(c.spam_spans) == len(SPAM_INJECTIONS)
    assert sorted(e.text for e in c.report if e.kind == "spam") == sorted(
        n for _, _, n in SPAM_INJECTIONS
    )
    lex = load_lexicon()
    assert not find_spam(c.text, lex.spam)  # no cue survives


LEGIT = (
    "第一条 加强政务服务平台、信息公开平台和一体化政务服务平台建设，推进视频会议系统、网络直播平台和"
    "电视直播建设。支持5G直播、4K视频和政务新媒体发展，发展全民体育事业，规范体育彩票公益金使用，"
    "整治娱乐场所，加强网络游戏和影视作品管理，推动文化娱乐健康发展，保护金沙江生态。"
    "加强直播平台监管，建设市体育网和政府网站，所有码头以下注意事项按加快三农发展要求执行。"
)


def test_government_words_are_not_spam():
    c = cleaned(LEGIT)
    assert not c.spam_spans, [e for e in c.report if e.kind == "spam"]
    assert c.text == re.sub(r"\s+", "", LEGIT)


def test_spam_inline_shapes():
    lex = load_lexicon().spam
    found = lambda t: [t[h.start : h.end] for h in find_spam(t, lex)]  # noqa: E731
    assert found("做好365体育,皇冠体育官网答复工作") == ["365体育,皇冠体育官网"]
    assert found("加强百姓直播吧工作") == ["百姓直播吧"]
    assert found("加强直播吧工作") == ["直播吧"]  # 加强 is an ordinary verb, not a brand
    assert found("经星河娱乐平台研究") == ["星河娱乐平台"]
    assert found("加强视频会议和网络直播") == []
    assert found("第三章九洲体育官网") == ["九洲体育官网"]
    assert found("第三章体育官网") == ["体育官网"]  # the span never eats a label
    assert found("第五条 开元棋牌app下载") == ["开元棋牌app下载"]


# --- bytes --------------------------------------------------------------------------


def test_bom_and_crlf(seeds, seed_texts):
    name = "004_ea0f23940cb5d166.txt"
    raw = decode(with_bom_and_crlf(seed_texts[name]), name)
    assert raw.encoding == "utf-8-sig" and raw.text[0] == "\ufeff"
    c = clean(raw)
    assert_invariants(c)
    assert c.text == seeds[name].text
    bom = [e for e in c.report if e.kind == "encoding" and e.raw_span == (0, 1)]
    assert len(bom) == 1 and bom[0].text == "\ufeff"
    assert cleaning_summary(c)["line-ending"] == seed_texts[name].count("\n")


@pytest.mark.parametrize("name", ["001_d50b9b78f692606e.txt", "002_1a72dbc9b0f0b77f.txt"])
def test_gb18030(seeds, seed_texts, name):
    raw = decode(gb18030_bytes(seed_texts[name]), name)
    assert raw.encoding == "gb18030" and raw.text == seed_texts[name]
    assert clean(raw).text == seeds[name].text


def test_gbk_traditional_text():
    text = to_traditional("第一条 市政府实行市长负责制，市长领导市政府的工作。副市长协助市长工作。")
    raw = decode(text.encode("gbk"), "gbk-doc")
    assert raw.encoding == "gb18030" and raw.text == text


# --- errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty input"),
        (b"  \n\r\n ", "only whitespace"),
        (random.Random(7).randbytes(4096), "binary input"),
        (bytes(range(0x80, 0x100)) * 8, "undecodable"),
        (b"The State Council shall convene plenary meetings. " * 20, "not Chinese"),
    ],
)
def test_bad_input_raises(data, message):
    with pytest.raises(IngestError, match=message) as info:
        decode(data, "bad-doc")
    error = info.value
    assert error.doc_id == "bad-doc" and error.stage == "decode"
    text = str(error)
    assert "\n" not in text and text.startswith("bad-doc: decode: ")


def test_binary_error_says_where():
    with pytest.raises(IngestError) as info:
        decode("第一条 市政府工作规则。\n第二条".encode() + b"\x00\x01", "nul")
    assert info.value.line == 2 and info.value.position is not None
    assert "line 2" in str(info.value)


# --- lines ----------------------------------------------------------------------------


def test_references_are_not_split():
    c = cleaned(
        "第一章 总 则 第一条 根据本规则第十条规定和 第五条规定，制定本规则。 第二条 依照本规则 第十条执行；"
        "市政府 提前 1 天通知。 十二、 另行规定。"
    )
    assert lines(c) == [
        "第一章总则",
        "第一条根据本规则第十条规定和第五条规定，制定本规则。",
        "第二条依照本规则第十条执行；市政府提前1天通知。",
        "十二、另行规定。",
    ]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_cleaning_is_idempotent(seeds, name):
    again = cleaned(seeds[name].text, name)
    assert again.text == seeds[name].text and not again.report


def test_lexicon_is_cached_and_documented():
    lex = load_lexicon()
    assert load_lexicon() is lex
    assert all(why for _, why in lex.junk.line + lex.junk.start + lex.junk.keep)
    assert all(why for *_, why in lex.junk.edge)


def test_utf16_with_bom():
    text = "第一条 市政府实行市长负责制，市长领导市政府的工作。"
    raw = decode(text.encode("utf-16"), "u16")
    assert raw.encoding == "utf-16" and raw.text == text


def test_cleaning_summary_lists_every_kind(seeds):
    summary = cleaning_summary(seeds["004_ea0f23940cb5d166.txt"])
    assert list(summary) == list(CLEANING_KINDS)
    assert summary["spam"] == 5 and summary["encoding"] == 2  # the two ?? in 索??引??号


def test_t2s_length_change_falls_back_to_characters(monkeypatch):
    class Stretching:  # a converter that lengthens phrases but not single characters
        def convert(self, text: str) -> str:
            out = T2S.convert(text)
            return out + "！" if len(text) > 1 else out

    monkeypatch.setattr("guize.ingest.clean.cleaner._t2s", lambda: Stretching())
    c = cleaned("第一條 發展與創新並重，兼顧效率和公平，堅持依法行政。")
    assert c.text == "第一条发展与创新并重，兼顾效率和公平，坚持依法行政。"
    assert_invariants(c)


def test_a_page_of_junk_only_cleans_to_nothing():
    c = cleaned(
        "当前位置：首页 > 政务公开 > 文件\n扫一扫在手机打开当前页\n【打印本页】 【关闭窗口】\n"
    )
    assert c.text == "" and c.offsets == (len(c.raw.text),)
    assert_invariants(c)
