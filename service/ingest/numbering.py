"""The numbering styles of a work rule's structural labels: one table for clean and parse.

==============  ====  ======  ==================  ==================================
style           zh    form    numerals            labels
==============  ====  ======  ==================  ==================================
``chapter``     章    第X章   :data:`NUMERAL`     第三章, 第3章
``section``     节    第X节   :data:`NUMERAL`     第二节, 第2节
``article``     条    第X条   :data:`NUMERAL`     第十二条, 第12条, 第一百○二条
``enumerated``  条    X、     :data:`CN_NUMERAL`  十二、, 十二．, 十二., 十二 、
``item``        项    （X）   :data:`CN_NUMERAL`  （三）, (三)
==============  ====  ======  ==================  ==================================

What each style accepts:

* 第X章, 第X节, 第X条 take a run of Chinese numerals (一…九, 十百千, 两, 零 written 零/〇/○)
  and ASCII digits: 第十二条, 第12条 (the cleaner makes full-width digits ASCII first).
* X、 takes Chinese numerals only (一…九, 十百, 零/〇; not ○, 千 or 两), then 、 or a
  full-width or ASCII full stop (．/.), with spaces allowed before the mark.
* （X） takes the same Chinese numerals in full-width or ASCII brackets, mixed allowed.
* Arabic ``1.`` / ``1、`` and ``（1）`` are none of these: in the order of levels of
  Chinese official documents (GB/T 9704: 一、 → （一） → 1. → （1）) they come below
  （一）, so an Arabic list inside a provision is never read as provisions or items.

A rules body is numbered in one of two styles, :data:`BODY_STYLES`: ``article``
(第十二条) or ``enumerated`` (十二、).  What may follow a label, and which 第X条 are
references (依照本规则第十条) rather than labels, depends on where the label stands: that
stays with the cleaner's line splitting and the parser.

Each style's ``label`` is a regular expression with the numeral in group ``num``; ``regex``
is it compiled:

>>> [CHAPTER.regex.match(s)["num"] for s in ("第三章 会议制度", "第3章")]
['三', '3']
>>> [SECTION.regex.match(s)["num"] for s in ("第二节 文件审批", "第2节")]
['二', '2']
>>> [ARTICLE.regex.match(s)["num"] for s in ("第十二条 市政府…", "第12条", "第一百○二条")]
['十二', '12', '一百○二']
>>> [ENUMERATED.regex.match(s)["num"] for s in ("十二、市政府…", "十二．", "十二.", "十二 、")]
['十二', '十二', '十二', '十二']
>>> [ITEM.regex.match(s)["num"] for s in ("（三）市长", "(三)", "（十一）")]
['三', '三', '十一']
>>> ENUMERATED.regex.match("1. 会议") is None, ITEM.regex.match("（1）") is None
(True, True)
>>> [(s.name, s.zh, s.form) for s in BODY_STYLES.values()]
[('article', '条', '第X条'), ('enumerated', '条', 'X、')]

:func:`any_of` joins the labels of several styles without groups, for larger patterns:

>>> import re
>>> re.match(any_of(CHAPTER, SECTION), "第二节 文件审批").group(0)
'第二节'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

#: Numerals of 第X章/节/条: Chinese (with 〇/○ for zero and 两) or ASCII digits.
NUMERAL = "[零〇○一二三四五六七八九十百千两0123456789]+"
#: Numerals of X、 and （X）: Chinese only, up to 百.
CN_NUMERAL = "[零〇一二三四五六七八九十百]+"


@dataclass(frozen=True)
class Style:
    """One numbering style: a label is ``before``, a numeral of class ``numeral``, ``after``."""

    name: str
    zh: str  # what the numbered unit is called: 章, 节, 条, 项
    form: str  # the label as a template, X for the numeral
    numeral: str  # regex character class (with +) of the numeral
    before: str  # regex before the numeral
    after: str  # regex after the numeral

    @property
    def label(self) -> str:
        """Regex of a label, the numeral in group ``num``."""
        return f"{self.before}(?P<num>{self.numeral}){self.after}"

    @property
    def bare(self) -> str:
        """Regex of a label without groups (to combine with other patterns)."""
        return f"{self.before}{self.numeral}{self.after}"

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """:attr:`label`, compiled."""
        return re.compile(self.label)


CHAPTER = Style("chapter", "章", "第X章", NUMERAL, "第", "章")
SECTION = Style("section", "节", "第X节", NUMERAL, "第", "节")
ARTICLE = Style("article", "条", "第X条", NUMERAL, "第", "条")
ENUMERATED = Style("enumerated", "条", "X、", CN_NUMERAL, "", r"\s*[、．.]")
ITEM = Style("item", "项", "（X）", CN_NUMERAL, "[（(]", "[）)]")

#: The table, from the largest unit to the smallest.
STYLES: tuple[Style, ...] = (CHAPTER, SECTION, ARTICLE, ENUMERATED, ITEM)
#: The two ways a rules body numbers its provisions (条), by the name parse reports.
BODY_STYLES: dict[str, Style] = {"article": ARTICLE, "enumerated": ENUMERATED}


def any_of(*styles: Style) -> str:
    """A non-capturing regex matching a label of any of ``styles``."""
    return "(?:" + "|".join(s.bare for s in styles) + ")"
