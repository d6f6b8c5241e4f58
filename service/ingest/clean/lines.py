"""Whitespace and line structure: one paragraph per line (段落 = 行).

* ``split_lines``: a line break before each inline heading or provision (第X章/条/节
  after a space or 。；), before 十二、 and （一） after sentence-final punctuation, and
  at paragraph breaks written as ``。 `` inside one physical line (kind ``line-split``);
  references such as ``依照本规则第十条规定`` are left alone.  The labels are the styles
  of :mod:`guize.ingest.numbering`, the ones the parser reads.
* ``strip_lines`` strips lines and drops blank lines; ``tighten_spaces`` removes spaces between
  Chinese characters (letter-spaced titles ``国 务 院``, ``第一章 总 则``) and between
  Chinese and digits (``提前 1 天``), collapse other runs to one space; on page-metadata
  lines a space next to a field label is kept (``发布机构 济宁市人民政府办公室 组配分类 …``).
* ``join_lines``: rejoin lines broken inside a sentence (PDF breaks, ``实事求\\n是``).
"""

from __future__ import annotations

import re

from guize.ingest.clean.junk import JunkLexicon
from guize.ingest.clean.offsets import Edit, MappedText
from guize.ingest.model import SPAM_PLACEHOLDER
from guize.ingest.numbering import ARTICLE, CHAPTER, ENUMERATED, ITEM, SECTION, STYLES, any_of

WS = r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
WS_RUN = re.compile(WS + "+")
# The labels are those of guize.ingest.numbering; what may stand around them is decided here.
#: A heading or provision label followed by text, not a reference (第十条规定, 第三条和第四条).
MARKER = re.compile(
    rf"{any_of(CHAPTER, SECTION, ARTICLE)}(?!规定|的|所|之|中|至|、|和|或|及){WS}*[^\s]"
)
#: A chapter or provision label glued to the 。 or ； before it (…工作。第二条市政府…).
RUN_ON = re.compile(rf"(?<=[。；;])(?={any_of(CHAPTER, ARTICLE)}(?!规定|的|所|之|中|至)\S)")
#: A chapter heading with the first provision run into it (第二章 组成人员第四条 市政府…).
HEADING_RUN = re.compile(
    rf"(?m)^{any_of(CHAPTER)}{WS}*[^\n。；;，,：:]{{2,20}}?"
    rf"(?={any_of(ARTICLE)}(?!规定|的|所|之|中|至|、|和|或|及)|{ENUMERATED.bare})"
)
ENUM = re.compile(rf"{ENUMERATED.bare}\s*[^\s]")
PARA = re.compile(rf"[\u4e00-\u9fff《“（(【{SPAM_PLACEHOLDER}]")
REFERENCE = re.compile(
    r"(本规则|本办法|本细则|本规定|本条例|本法|依照|根据|按照|依据|参照|前款|款|见|照|及|和|或|至|、|与)$"
)
FINAL = "。；;！？!?：:"
#: A line that starts a new unit: any label, an Arabic list number (1. 2、) or a date.
STRUCTURE = re.compile(
    rf"^({any_of(*STYLES)}|\d+[.．、]\D|"
    r"(19|20)\d{2}\s*[年.\-/]|[〇○零一二三四五六七八九]{4}年)"
)
HEADING = re.compile(rf"^{any_of(CHAPTER, SECTION)}")
TITLE_END = re.compile(
    r"(通知|规则|规定|办法|决定|意见|细则|方案|章程|工作规则)([（(][^）)]{0,12}[）)])?$"
)
DATE_END = re.compile(
    r"(\d{1,2}\s*日|\d{4}[-./]\d{1,2}[-./]\d{1,2}|[〇○零一二三四五六七八九十]+日)$"
)
SENTENCE_END = re.compile(r"[。；;！？!?：:…]+[\"”’」』)）\]】]*$")
CLAUSE = re.compile(r"[，、；,;]")
#: Words a complete line never ends with: the sentence goes on (国务院关于印发 / 《…》的通知).
OPEN_END = re.compile(r"(的|和|及|与|或|对|在|将|把|由|向|关于|印发|按照|根据|依照)$")
BRACKETS = ("（）", "()", "《》", "“”", "〔〕", "【】")
SHORT_LINE = 15
#: The first part of an enumerated label cut by a break, after a full stop or alone (…。十 / 八、).
RUN_ON_HEAD = re.compile(r"(?:[。；;]|^)[零〇一二三四五六七八九十百]{1,3}$")
#: Punctuation no line starts with (the rules of Chinese line breaking).
NO_LINE_START = frozenset("、，,。；;：:）)》」』”！？!?")
#: A notice's closing sentence followed by the signature's date on the same line.
CLOSING_DATE = re.compile(
    r"[。！!]\s*[\u4e00-\u9fff]{0,20}\s*((19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇○零O一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$"
)
#: A line at least this long that stops after a clause without a full stop goes on.
MID_CLAUSE = 20
#: The first part of a label cut by a PDF line break (第十 / 二条) and its second part.
LABEL_HEAD = re.compile(r"第[零〇○一二三四五六七八九十百千两0-9]{0,6}$")
LABEL_TAIL = re.compile(
    r"^[零〇○一二三四五六七八九十百千两0-9]*[章节条](?![\u4e00-\u9fff]?[、和或])"
)
PROVISION_START = re.compile(any_of(CHAPTER, SECTION, ARTICLE, ENUMERATED))
#: A label that is a reference, not a heading (第十条规定, 第三章的).
LABEL_REFERENCE = re.compile(
    rf"^{any_of(CHAPTER, SECTION, ARTICLE)}(?:规定|的|所|之|中|至|、|和|或|及)"
)
#: Digits of a letter-spaced date or number (2 0 2 3 年 8 月 1 9 日).
SPACED_DIGITS = re.compile(rf"(?<![\d.]){WS}?\d(?:{WS}\d)+(?={WS}?[年月日号])")


def _unbalanced(line: str) -> bool:
    """An opening bracket or quote left open: the line goes on."""
    return any(line.count(o) > line.count(c) for o, c in BRACKETS)


def _cjk(ch: str) -> bool:
    """Chinese character, CJK/full-width punctuation or the spam placeholder."""
    o = ord(ch)
    return (
        0x3400 <= o <= 0x9FFF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or 0xF900 <= o <= 0xFAFF
        or ch in "“”‘’…—□"
    )


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def _split_reason(text: str, s: int, e: int, lex: JunkLexicon) -> str | None:
    """Why the whitespace ``text[s:e]`` should become a line break (None: it should not)."""
    if s == 0 or text[s - 1] == "\n" or e >= len(text) or text[e] == "\n":
        return None
    left, right = text[s - 1], text[e : e + 16]
    if MARKER.match(right):
        if REFERENCE.search(text[max(0, s - 4) : s]):
            return None
        return "before an inline heading or provision"
    if left not in FINAL:
        return None
    if ENUM.match(right):
        return "before an inline enumerated provision"
    if ITEM.regex.match(right) and left in "。；;：:":
        return "before an inline item"
    if lex.is_metadata(_line_of(text, s)):
        return None
    if left in "。；;！？!?" and PARA.match(right):
        return "paragraph break inside one line"
    if left in "：:" and right.startswith("《"):
        return "after the salutation"
    return None


def split_lines(mt: MappedText, lex: JunkLexicon) -> None:
    """Insert line breaks before inline headings, provisions, items and paragraphs."""
    edits = []
    for m in WS_RUN.finditer(mt.text):
        if why := _split_reason(mt.text, m.start(), m.end(), lex):
            edits.append(Edit(m.start(), m.end(), "\n", why))
    for m in RUN_ON.finditer(mt.text):
        edits.append(Edit(m.start(), m.start(), "\n", "before a provision after 。"))
    for m in HEADING_RUN.finditer(mt.text):
        if not any(e.start <= m.end() <= e.end for e in edits):
            edits.append(Edit(m.end(), m.end(), "\n", "before a provision run into a heading"))
    mt.apply("line-split", edits)


def _protected(line: str, offset: int, lex: JunkLexicon) -> set[int]:
    """Start positions of space runs next to a metadata label on a metadata line."""
    if not lex.is_metadata(line):
        return set()
    keep = set()
    for m in lex.label_re.finditer(line):
        label_end = m.start() + len(m.group(0).rstrip())
        before = re.search(WS + "+$", line[: m.start()])
        if before:
            keep.add(offset + before.start())
        after = WS_RUN.match(line, label_end)
        if after:
            keep.add(offset + after.start())
    return keep


def _space_edit(text: str, m: re.Match, keep: set[int]) -> Edit | None:
    if m.start() == 0 or m.end() == len(text):
        return Edit(m.start(), m.end(), "", "spaces at the start or end of the text")
    left, right = text[m.start() - 1], text[m.end()]
    if m.start() in keep:
        return (
            Edit(m.start(), m.end(), " ", "space next to a metadata label")
            if m.group(0) != " "
            else None
        )
    if (_cjk(left) and (_cjk(right) or right.isdigit() or right in ",;:()[]")) or (
        _cjk(right) and (left.isdigit() or left in ",;:!?()[]")
    ):
        return Edit(m.start(), m.end(), "", "space between Chinese characters")
    return Edit(m.start(), m.end(), " ", "run of spaces collapsed") if m.group(0) != " " else None


def strip_lines(mt: MappedText) -> None:
    """Strip spaces at both ends of every line and drop blank lines."""
    mt.sub(
        "whitespace", re.compile(rf"(?m)^{WS}+|{WS}+$"), "", "spaces at the start or end of a line"
    )
    mt.sub("whitespace", re.compile(r"^\n+|\n+$|(?<=\n)\n+"), "", "blank lines")


def tighten_spaces(mt: MappedText, lex: JunkLexicon) -> None:
    """Remove spaces between Chinese characters (and digits), collapse other runs."""
    spaced = [
        Edit(m.start() + k, m.start() + k + 1, "", "letter-spaced digits")
        for m in SPACED_DIGITS.finditer(mt.text)
        for k, ch in enumerate(m.group(0))
        if not ch.isdigit() and k > 0
    ]
    mt.apply("whitespace", spaced)
    keep: set[int] = set()
    for s, e in mt.lines():
        keep |= _protected(mt.text[s:e], s, lex)
    edits = [ed for m in WS_RUN.finditer(mt.text) if (ed := _space_edit(mt.text, m, keep))]
    mt.apply("whitespace", edits)


def _cut_inside(a: str, b: str) -> bool:
    """True when the break between ``a`` and ``b`` surely falls inside a sentence: inside a
    label (第十 / 二条), before a reference (…依照本规则 / 第十条规定), or before a label-like
    start (统一 / 一、规范) after a line that stopped mid-clause."""
    if LABEL_HEAD.search(a) and LABEL_TAIL.match(b):
        return True
    if b[0] in NO_LINE_START:  # 、 ， 。 never start a line: the break fell before them
        return True
    if RUN_ON_HEAD.search(a) and ENUM.match(b):  # …决策。十 / 八、国民经济… or 四 / 十八、
        return True
    if SENTENCE_END.search(a) or HEADING.match(a):
        return False
    if LABEL_REFERENCE.match(b):
        return True
    return (  # a provision label stays apart: real texts drop a provision's last 。
        len(a) >= MID_CLAUSE
        and bool(STRUCTURE.match(b))
        and not PROVISION_START.match(b)
        and bool(CLAUSE.search(a))
        and bool(re.match(r"[\u4e00-\u9fff\d]", a[-1]))
    )


def _stays_apart(a: str, b: str, lex: JunkLexicon) -> bool:
    """True when line ``a`` is complete or a heading, or ``b`` starts a new unit."""
    if _cut_inside(a, b) and not lex.is_metadata(a) and not lex.is_metadata(b):
        return False
    if CLOSING_DATE.search(a):  # …现予印发。 某某市人民政府 2019年5月24日
        return True
    if SENTENCE_END.search(a) or STRUCTURE.match(b) or lex.is_metadata(b) or lex.is_metadata(a):
        return True
    if a[0] + a[-1] in ("（）", "()") and not _unbalanced(a):  # a note in brackets of its own
        return True
    if a[-1] in "，、," or OPEN_END.search(a) or _unbalanced(a):
        return False
    if HEADING.match(a):
        return True
    if CLAUSE.search(a):  # a title or a signature has no clause punctuation
        return False
    return bool(TITLE_END.search(a) or DATE_END.search(a)) or len(a) < SHORT_LINE


def join_lines(mt: MappedText, lex: JunkLexicon) -> None:
    """Remove line breaks inside sentences (kind ``line-join``)."""
    spans = mt.lines()
    edits = []
    for (s1, e1), (s2, e2) in zip(spans, spans[1:], strict=False):
        a, b = mt.text[s1:e1], mt.text[s2:e2]
        if not a or not b or _stays_apart(a, b, lex):
            continue
        words = a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum()
        glue = " " if words and not (a[-1].isdigit() and b[0].isdigit()) else ""
        edits.append(Edit(e1, s2, glue, "line break inside a sentence"))
    mt.apply("line-join", edits)
