"""Meeting competence and the decision procedure (议事范围, 重大行政决策程序, 请示报告, 规章).

- What a meeting discusses or decides: the items after "…会议的主要任务是" (on the same line up
  to the sentence's end, or the numbered lines that follow), and sentences where a meeting
  "讨论决定" matters named before it; each item's matter categories (``matter_categories``),
  and whether the meeting decides it (``decisive``: an item that says 决定/通过/审定, every
  "讨论决定" sentence).  A sentence that routes a decision to "会议" without naming one
  (``generic_meeting_decides``: "…必须经会议讨论决定") refers to every meeting the provision
  names.
- The major-administrative-decision procedure: in a provision about major decisions
  (``decision_scope``), every step whose words a sentence has (``decision_steps``).
- Asking and reporting to the Party committee (``party_reporting``) and statements that assume
  the government makes rules (``rule_making``), sentence by sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from guize.ingest.extract.lexicon import Context
from guize.ingest.extract.meetings import Mention, _run, find_mentions
from guize.ingest.extract.text import Piece, sentences, split
from guize.ingest.facts import Evidence, MeetingMatter, Source

_ITEM = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+是|\d+[.．、])"
)
_TRAILING_VERB = re.compile(r"[，,]?(?:必须|须|应当|应|均)?(?:经|由|提交|提请|报)?$")
_DECIDES = re.compile(r"[^，,；;。]{0,6}?(?:讨论|审议|研究)?(?:决定|通过)")


def matters(ctx: Context, text: str) -> list[str]:
    """Matter-category codes of one item; the generic ``major-decisions`` only when nothing
    more specific matches."""
    found = [code for code, rx in ctx.matters if rx.search(text)]
    specific = [c for c in found if c != "major-decisions"]
    return specific or found


def _items(text: str, start: int) -> list[Piece]:
    """The task items after a cue: the rest of the line up to its sentence's end, split at ；,
    or else the numbered lines that follow."""
    line_end = text.find("\n")
    rest = text if line_end < 0 else text[:line_end]
    if rest.strip():
        end = rest.find("。")
        body = Piece(text[: end if end >= 0 else len(rest)], start)
        return [p for p in split(body, "；;") if p.text.strip("；; ")]
    out, pos = [], line_end + 1
    for line in text[pos:].split("\n"):
        if line.strip():
            if not _ITEM.match(line):
                break
            out.extend(split(Piece(line, start + pos), "；;"))
        pos += len(line) + 1
    return out


def meeting_matters(
    ctx: Context, key: Callable[[Mention], str], number: int, occurrence: int, text: str, start: int
) -> list[MeetingMatter]:
    """Matter categories the meetings of one provision discuss or decide."""
    out: list[MeetingMatter] = []
    ms = find_mentions(ctx, text)
    for cue in ctx.tasks_cue.finditer(text):
        before = [m for m in ms if m.end <= cue.start()]
        if not before:
            continue
        meeting = key(before[-1])
        for item in _items(text[cue.end() :], start + cue.end()):
            words = _ITEM.sub("", item.text).strip("；;。 ")
            decisive = bool(ctx.item_decides.search(words))
            for code in matters(ctx, words) or ["other"]:
                out.append(
                    MeetingMatter(
                        meeting, code, words, Source(number, item.span, occurrence), decisive
                    )
                )
    if out:
        return out
    for sent in sentences(text, start):
        sms = find_mentions(ctx, sent.text)
        generic = None if sms else ctx.generic_meeting_decides.search(sent.text)
        if generic:  # "…必须经会议讨论决定": the meetings the provision names
            head = _TRAILING_VERB.sub("", sent.text[: generic.start()]).strip("，,")
            src = Source(number, sent.span, occurrence)
            keys = dict.fromkeys(key(m) for m in ms)
            out.extend(
                MeetingMatter(k, code, head, src, True) for code in matters(ctx, head) for k in keys
            )
        for i, m in enumerate(sms):
            if not _DECIDES.match(sent.text, m.end) or (
                i + 1 < len(sms) and _chained(sent, m, sms[i + 1])
            ):
                continue
            run = _run(sms, sent.text, i, False)
            head = _TRAILING_VERB.sub("", sent.text[: run[0].start])
            for code in matters(ctx, head):
                for r in run:
                    out.append(
                        MeetingMatter(
                            key(r),
                            code,
                            head.strip("，,"),
                            Source(number, sent.span, occurrence),
                            True,
                        )
                    )
    return out


def _chained(sent: Piece, a: Mention, b: Mention) -> bool:
    return not sent.text[a.end : b.start].strip("、，,和及与或 ")


def procedure(
    ctx: Context, number: int, occurrence: int, text: str, start: int
) -> dict[str, list[Evidence]]:
    """Decision steps, Party-reporting rules and rule-making claims of one provision."""
    out: dict[str, list[Evidence]] = {
        "decision_steps": [],
        "party_reporting": [],
        "rule_making": [],
    }
    scoped = bool(ctx.decision_scope.search(text))
    for sent in sentences(text, start):
        src = Source(number, sent.span, occurrence)
        if scoped:
            for code, rx in ctx.decision_steps:
                m = rx.search(sent.text)
                if m:
                    out["decision_steps"].append(Evidence(code, m.group(), src))
        m = next((m for rx in ctx.party_reporting if (m := rx.search(sent.text))), None)
        if m:
            out["party_reporting"].append(Evidence("party-reporting", m.group(), src))
        if not ctx.rule_making_not.search(sent.text):
            m = next((m for rx in ctx.rule_making if (m := rx.search(sent.text))), None)
            if m:
                out["rule_making"].append(Evidence("rule-making", m.group(), src))
    return out
