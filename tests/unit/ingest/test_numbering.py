"""The numbering table (guize.ingest.numbering): each style reads its labels, the parser
numbers a body in the two body styles, and the cleaner puts a line break before exactly the
labels the parser then reads as provisions and items (and joins no line to one above it).

The bodies below are written here, twelve provisions in two chapters, with the provisions
run into one another in the ways scraped pages run them (after 。, after a space or an
ideographic space, in full-width or ASCII marks), the items of a provision run together
after ；, and every provision's final 。 lost.
"""

from __future__ import annotations

import doctest
import re

import cn2an
import pytest

from guize.ingest import numbering
from guize.ingest.clean.cleaner import clean, decode
from guize.ingest.numbering import (
    ARTICLE,
    BODY_STYLES,
    CHAPTER,
    ENUMERATED,
    ITEM,
    SECTION,
    STYLES,
    Style,
)
from guize.ingest.parse import body

# style → (labels it reads: Chinese numerals, Arabic numerals), with the numeral each holds
LABELS = {
    "chapter": (
        [("第一章", "一"), ("第十二章", "十二")],
        [("第1章", "1"), ("第12章", "12")],
    ),
    "section": (
        [("第二节", "二"), ("第十节", "十")],
        [("第2节", "2"), ("第10节", "10")],
    ),
    "article": (
        [("第十二条", "十二"), ("第一百零二条", "一百零二"), ("第一百〇二条", "一百〇二")],
        [("第12条", "12"), ("第102条", "102")],
    ),
    "enumerated": (
        [("十二、", "十二"), ("一百零二、", "一百零二"), ("十二．", "十二"), ("十二 、", "十二")],
        [],
    ),
    "item": (
        [("（三）", "三"), ("(十二)", "十二"), ("（十二)", "十二")],
        [],
    ),
}
# style → texts it does not read (Arabic 1. and （1） are levels below （一）, not X、 or （X）)
NOT_LABELS = {
    "chapter": ["第章", "章一", "第一条"],
    "section": ["第节", "第一章"],
    "article": ["第条", "第一节", "十二、"],
    "enumerated": ["12、", "12.", "1．", "、"],
    "item": ["（12）", "(1)", "（）", "【一】"],
}


def test_doctests():
    result = doctest.testmod(numbering)
    assert result.failed == 0 and result.attempted > 0


def test_the_table():
    assert [s.name for s in STYLES] == ["chapter", "section", "article", "enumerated", "item"]
    assert [s.zh for s in STYLES] == ["章", "节", "条", "条", "项"]
    assert STYLES == (CHAPTER, SECTION, ARTICLE, ENUMERATED, ITEM)
    for style in STYLES:
        assert "(?P<num>" in style.label and "(?P<" not in style.bare
        assert style.regex.groupindex.keys() == {"num"}


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s.name)
def test_each_style_reads_its_labels(style: Style):
    chinese, arabic = LABELS[style.name]
    for label, num in chinese + arabic:
        m = style.regex.fullmatch(label)
        assert m and m["num"] == num, label
        assert re.fullmatch(style.bare, label), label
        # the label starts a line of text and is found inside one
        assert style.regex.match(label + "市政府工作")["num"] == num
        assert style.regex.search("前文。" + label)["num"] == num
    for text in NOT_LABELS[style.name]:
        assert not style.regex.fullmatch(text), text


def test_chinese_and_arabic_numerals_of_headings_and_provisions():
    for style in (CHAPTER, SECTION, ARTICLE):
        for k in (1, 9, 10, 12, 20, 99, 100, 102):
            for num in (cn2an.an2cn(k), str(k)):
                assert style.regex.fullmatch(style.form.replace("X", num))["num"] == num
    for style in (ENUMERATED, ITEM):
        for k in (1, 10, 12, 20, 99, 102):
            num = cn2an.an2cn(k)
            assert style.regex.fullmatch(style.form.replace("X", num))["num"] == num
            assert not style.regex.fullmatch(style.form.replace("X", str(k)))


def test_any_of_joins_labels_without_groups():
    pattern = re.compile(rf"^{numbering.any_of(*STYLES)}")
    assert pattern.groups == 0
    for chinese, arabic in LABELS.values():
        for label, _ in chinese + arabic:
            assert pattern.match(label), label
    assert not pattern.match("市政府")


def test_body_styles_are_the_parsers():
    assert list(BODY_STYLES) == ["article", "enumerated"]
    assert BODY_STYLES == {"article": ARTICLE, "enumerated": ENUMERATED}
    assert body.PROVISION_RE.keys() == BODY_STYLES.keys()
    assert all(s.label in body.PROVISION_RE[name].pattern for name, s in BODY_STYLES.items())
    for name, style in BODY_STYLES.items():
        doc = _parse(_body(lambda k, s=style: s.form.replace("X", cn2an.an2cn(k)), "\n", "\n", ""))
        assert doc.numbering_style == name
        assert [p.number for p in doc.provisions] == list(range(1, 13))
        assert all(style.regex.fullmatch(p.label) for p in doc.provisions)


# --- clean and parse agree on inline labels -----------------------------------------------

TEXTS = (
    "市政府实行市长负责制，市长领导市政府的工作。",
    "副市长协助市长工作，依照本规则 第十条分工负责。",
    "市政府组成人员是：{items}",
    "市政府工作部门按照规定的职责履行职能。",
)
ITEMS = ("（一）市长；", "（二）副市长；", "（三）秘书长。")


def _body(label, sep: str, head_sep: str, item_sep: str) -> str:
    """Twelve provisions labelled ``label(k)``, 第一章 before provision 1 and 第二章 before 7
    (with ``head_sep`` on both sides of a heading)."""
    parts = []
    for k in range(1, 13):
        if k in (1, 7):
            parts.append(head_sep + ("第一章 总 则" if k == 1 else "第二章 组成人员") + head_sep)
        text = TEXTS[k % len(TEXTS)].format(items=item_sep.join(ITEMS))
        parts.append(label(k) + text + ("" if k == 12 else sep))
    return "".join(parts)


def _parse(text: str):
    return body.parse(clean(decode(text.encode("utf-8"), "inline")))


def _line_starts(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def article(k: int) -> str:
    return f"第{cn2an.an2cn(k)}条"


def arabic_article(k: int) -> str:
    return f"第{k}条"


def enumerated(mark: str):
    return lambda k: cn2an.an2cn(k) + mark


CASES = {
    # id: (body style, label of provision k, between provisions, around a heading, between items)
    "article-after-stop": ("article", article, "", " ", ""),
    "article-after-space": ("article", article, " ", " ", " "),
    "article-after-ideographic-space": ("article", article, "\u3000", "\u3000", "\u3000"),
    "article-arabic-after-stop": ("article", arabic_article, "", " ", " "),
    "article-arabic-after-space": ("article", arabic_article, " ", " ", ""),
    "enumerated-after-space": ("enumerated", enumerated("、"), " ", "\n", " "),
    "enumerated-after-ideographic-space": ("enumerated", enumerated("、"), "\u3000", "\n", ""),
    "enumerated-after-line-break": ("enumerated", enumerated("、"), "\n", "\n", "\n"),
    "enumerated-full-stop-after-space": ("enumerated", enumerated("．"), " ", "\n", " "),
    "enumerated-space-before-mark": ("enumerated", enumerated(" 、"), " ", "\n", "\n"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_clean_splits_where_parse_reads_labels(case):
    name, label, sep, head_sep, item_sep = CASES[case]
    style = BODY_STYLES[name]
    doc = _parse(_body(label, sep, head_sep, item_sep))
    lines = _line_starts(doc.clean.text)

    assert doc.numbering_style == name
    assert [p.number for p in doc.provisions] == list(range(1, 13))
    assert [p.label for p in doc.provisions] == [
        re.sub(r"\s", "", label(k)) for k in range(1, 13)
    ]  # as written, less the spaces the cleaner takes out
    # every line that starts with a provision label starts a provision, and the other way
    assert [pos for pos, line in lines if style.regex.match(line)] == [
        p.span[0] for p in doc.provisions
    ]
    assert [(c.number, c.title) for c in doc.chapters] == [(1, "总则"), (2, "组成人员")]
    assert [p.chapter for p in doc.provisions] == [1] * 6 + [2] * 6
    # a reference is not a label: it stays inside its provision
    assert not [line for _, line in lines if line.startswith("第十条分工")]
    assert all("依照本规则第十条分工负责" in p.text for p in doc.provisions if p.number % 4 == 1)
    # the items of provisions 2, 6 and 10: each line starting （X） is an item the parser reads
    for p in doc.provisions:
        items = [it for para in p.paragraphs for it in para.items]
        if p.number % 4 != 2:
            assert not items, p.label
            continue
        assert [it.label for it in items] == ["（一）", "（二）", "（三）"]
        starts = {it.span[0] for it in items}
        inside = [pos for pos, line in lines if p.span[0] <= pos < p.span[1]]
        item_lines = [pos for pos in inside if ITEM.regex.match(doc.clean.text, pos)]
        assert set(item_lines) <= starts
        assert len(item_lines) == (0 if item_sep == "" else 2)


@pytest.mark.parametrize(
    "name,label",
    [
        ("article", article),
        ("article", arabic_article),
        ("enumerated", enumerated("、")),
        ("enumerated", enumerated("．")),
        ("enumerated", enumerated(".")),
        ("enumerated", enumerated(" 、")),
    ],
    ids=["第十二条", "第12条", "十二、", "十二．", "十二.", "十二 、"],
)
def test_a_label_line_is_not_joined_to_an_unfinished_line(name, label):
    # every provision's final 。 lost, as when a page breaks a line: the joiner must stop at
    # each label the parser reads
    text = _body(label, "\n", "\n", "\n").replace("。\n", "\n")
    doc = _parse(text)
    assert doc.numbering_style == name
    assert [p.number for p in doc.provisions] == list(range(1, 13))
    assert [p.chapter for p in doc.provisions] == [1] * 6 + [2] * 6
    assert all(BODY_STYLES[name].regex.fullmatch(p.label) for p in doc.provisions)


def test_label_glued_to_a_stop_with_a_space_after_it():
    # the parser splits a run-on provision when its number is the next of the series
    doc = _parse(_body(lambda k: article(k) + " ", "", " ", ""))
    assert [p.number for p in doc.provisions] == list(range(1, 13))
