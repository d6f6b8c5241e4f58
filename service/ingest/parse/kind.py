"""What kind of text it is, and whether it is whole: other kinds refused, excerpts marked.

* :func:`other_kind`: a text whose title names another kind of document -- a meeting's own
  rules of procedure (``××市人民政府常务会议议事规则``, ``……常务会议工作规则``), a working
  procedure (工作细则, 工作规程, 会议制度) -- is refused with a message that says so;
* :func:`incompleteness`: why a text looks like an excerpt of a page cut mid-document (the
  last provision stops mid-sentence, the page holds a "read the rest in the app" line, the
  numbering does not start at 1); it is ingested for what it holds and marked incomplete.

>>> print(other_kind(["关于印发《某市人民政府常务会议议事规则》的通知", "某市人民政府常务会议议事规则"]))
某市人民政府常务会议议事规则: the rules of procedure of a meeting (议事规则), not a government's work rules (工作规则)
>>> other_kind(["关于印发某市人民政府工作规则的通知", "某市人民政府工作规则"]) is None
True
"""

from __future__ import annotations

import re

#: A title (a line of its own, or the 《》 of the notice's title) and what it names.
TITLE = re.compile(r"^[^。；;，,：:]{2,40}?(规则|细则|规程|制度|办法)(?:[（(][^）)]{0,8}[）)])?$")
QUOTED = re.compile(r"印发\s*《([^》]{2,40})》")  # the title the notice issues
#: Titles of other kinds: (pattern, what it is).
OTHER_KINDS = (
    (
        re.compile(r"(常务|全体|办公|专题|党组)会议?.{0,6}(议事规则|工作规则|规则|制度|规程)"),
        "the rules of procedure of a meeting (议事规则)",
    ),
    (re.compile(r"议事规则|议事制度"), "rules of procedure (议事规则)"),
    (re.compile(r"工作细则|实施细则|工作规程"), "detailed working procedures (细则/规程)"),
)
WORK_RULES = re.compile(r"(人民政府|政府|国务院|行政公署|公署)工作规则")
#: How a provision may end: a full stop or the closing quote or bracket after it.
ENDS = re.compile(r"[。；;！？!?：:…][\"”’」』)）]*$|[\"”’」』)）]$")


def _titles(head: list[str]) -> list[str]:
    out = []
    for line in head:
        out += QUOTED.findall(line)
        if TITLE.match(line) and "印发" not in line:
            out.append(line)
    return out


def other_kind(head: list[str]) -> str | None:
    """Why the text is not a government's work rules (None: it is, or nothing says not).

    ``head``: the lines above the rules body (the notice and the title)."""
    titles = _titles(head)
    if any(WORK_RULES.search(t) and not OTHER_KINDS[0][0].search(t) for t in titles):
        return None
    for title in reversed(titles):
        for pattern, what in OTHER_KINDS:
            if pattern.search(title):
                return f"{title}: {what}, not a government's work rules (工作规则)"
    return None


def incompleteness(first_number: int, last_text: str, cleaning_notes: list[str]) -> list[str]:
    """Why the document looks cut (empty: it looks whole)."""
    why = []
    if first_number != 1:
        why.append(f"the numbering starts at provision {first_number}, not 1")
    if last_text and not ENDS.search(last_text.rstrip()):
        why.append(f"the last provision stops mid-sentence: …{last_text.rstrip()[-12:]}")
    if any(n.startswith("paywall") for n in cleaning_notes):
        why.append("the page hides the rest behind a 'read it in the app' line")
    return why
