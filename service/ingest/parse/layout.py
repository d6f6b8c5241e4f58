"""The lines of a rules body and what the numbering alone cannot tell.

* :func:`split_lines`: the cleaned text as :class:`Line` values with their offsets;
* :func:`split_run_on`: a provision run into the line before it after 。 or ； (…工作。六、市政府…)
  becomes a line of its own when its number is the next one of the series;
* :func:`bare_headings`: chapter headings written without 第X章 (a line ``会议制度`` between
  two provisions), recognised when a body has two or more;
* :func:`label_typo`: a provision label written in the other style's form inside a series,
  ``二十九条`` or ``第二十九条`` among 二十八、 and 三十、, accepted only as the next number.

>>> lines = split_lines("一、总则。\\n二、市政府工作。三、市长负责。\\n四、附则。")
>>> [ln.text for ln in split_run_on(lines, PROVISION_RE["enumerated"])]
['一、总则。', '二、市政府工作。', '三、市长负责。', '四、附则。']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guize.ingest.numbering import BODY_STYLES, CHAPTER, CN_NUMERAL, ITEM, SECTION
from guize.ingest.numerals import chinese_number

#: A provision's first line in each numbering style (see :data:`~guize.ingest.numbering.BODY_STYLES`).
PROVISION_RE = {
    name: re.compile(rf"^(?P<label>{style.label})\s*(?P<text>.*)$")
    for name, style in BODY_STYLES.items()
}
CHAPTER_RE = re.compile(rf"^(?P<label>{CHAPTER.label})\s*(?P<title>.*)$")
SECTION_RE = re.compile(rf"^(?P<label>{SECTION.label})\s*(?P<title>.*)$")
#: 二十九条 / 第二十九条 standing for a provision label in either style.
TYPO_RE = re.compile(rf"^(?P<label>第?(?P<num>{CN_NUMERAL})条)\s*(?P<text>.*)$")
#: What a bare heading may not contain: punctuation of a sentence, brackets, quotes.
NOT_HEADING = re.compile(r"[。，,；;：:、！？!?“”\"（）()《》〔〕\[\]0-9A-Za-z]")
HEADING_MAX = 15
SENTENCE_END = re.compile(r"[。；;！？!?：:…][\"”’」』)）]*$")
#: A label further ahead than this is read as text, not as a provision.
MAX_GAP = 10


@dataclass(frozen=True)
class Line:
    text: str
    start: int  # cleaned offset

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split_lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(raw.strip(), pos + lead))
        pos += len(raw) + 1
    return out


def _number(pattern: re.Pattern, text: str) -> int | None:
    m = pattern.match(text)
    return chinese_number(m["num"]) if m else None


def _run_on_at(text: str, pattern: re.Pattern, wanted: int) -> int | None:
    """Where a provision numbered ``wanted`` starts after a 。 or ； inside ``text``."""
    for m in re.finditer(r"(?<=[。；;])\s*", text):
        if m.end() < len(text) and _number(pattern, text[m.end() :]) == wanted:
            return m.end()
    return None


def split_run_on(lines: list[Line], pattern: re.Pattern) -> list[Line]:
    """Split lines where the next provision of the series runs on after 。 or ；."""
    out: list[Line] = []
    last = 0
    for ln in lines:
        while True:
            n = _number(pattern, ln.text)
            if n is not None and last < n <= last + MAX_GAP:
                last = n
            at = _run_on_at(ln.text, pattern, last + 1) if last else None
            if at is None:
                out.append(ln)
                break
            head = ln.text[:at].rstrip()
            out.append(Line(head, ln.start))
            ln = Line(ln.text[at:], ln.start + at)
    return out


def _is_bare_heading(lines: list[Line], k: int, pattern: re.Pattern) -> bool:
    ln = lines[k]
    if not 2 <= len(ln.text) <= HEADING_MAX or NOT_HEADING.search(ln.text):
        return False
    if any(p.match(ln.text) for p in (pattern, TYPO_RE, ITEM.regex, CHAPTER_RE, SECTION_RE)):
        return False
    if ln.text.endswith(("规则", "通知", "规定", "办法", "政府", "日")):
        return False  # a title, a signature or a date
    return k + 1 < len(lines) and _number(pattern, lines[k + 1].text) is not None


def bare_headings(lines: list[Line], start: int, pattern: re.Pattern) -> tuple[int, set[int]]:
    """Chapter headings without 第X章: (the body's start, moved up to a bare first heading
    such as 总则; indices of the bare heading lines).  None unless two or more are found
    after provisions that end a sentence."""
    found = {
        k
        for k in range(start + 1, len(lines) - 1)
        if SENTENCE_END.search(lines[k - 1].text) and _is_bare_heading(lines, k, pattern)
    }
    if len(found) < 2:
        return start, set()
    if start > 0 and _is_bare_heading(lines, start - 1, pattern):
        start -= 1
        found.add(start)
    return start, found


def label_typo(line: Line, last: int) -> re.Match | None:
    """A provision label written 二十九条 / 第二十九条 where provision ``last + 1`` is due."""
    m = TYPO_RE.match(line.text)
    return m if m and chinese_number(m["num"]) == last + 1 else None
