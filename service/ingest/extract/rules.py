"""Deadlines (时限) and leave/reporting rules (请销假, 报告, 报备).

A deadline is an amount, a time unit and a bound: 7个工作日内 (within), 提前3天 (ahead), 不少于
60天 (at-least).  Its topic comes from the first `deadline_topics` entry found in its
sub-sentence, else its sentence, else the clause itself.

A leave rule starts at a clause whose subject is a role followed by an absence word (副市长出差…,
市政府领导同志不能出席…) and collects, until the sub-sentence ends, to whom it must ask leave or
report (向市长请假, 书面报告市委, 报市政府办公室, 经分管领导同意), and how far ahead (提前3天).
"""

from __future__ import annotations

from guize.ingest.extract.lexicon import Context, to_int
from guize.ingest.extract.roles import Roles
from guize.ingest.extract.text import Piece, clauses, strip_delimiters, subs
from guize.ingest.facts import Deadline, Duration, LeaveRule, Role, Source


def deadlines(sent: Piece, ctx: Context, prov: tuple[int, int]) -> list[Deadline]:
    out: list[Deadline] = []
    for sub in subs(sent):
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, Deadline]] = []
        for bound, rx in ctx.deadline:
            for m in rx.finditer(sub.text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                amount = to_int(m["n"])
                if not amount or amount <= 0:
                    continue
                taken.append(m.span())
                topic = (
                    _topic(ctx, sub.text)
                    or _topic(ctx, sent.text)
                    or _clause(sub.text, m.start(), m.group())
                )
                found.append(
                    (
                        m.start(),
                        Deadline(
                            amount,
                            ctx.time_units[m["unit"]],
                            bound,
                            topic,
                            m.group().strip(),
                            Source(prov[0], sub.span, prov[1]),
                        ),
                    )
                )
        out.extend(d for _, d in sorted(found, key=lambda x: x[0]))
    return out


def _topic(ctx: Context, text: str) -> str | None:
    return next((topic for rx, topic in ctx.deadline_topics if rx.search(text)), None)


def _clause(text: str, pos: int, expr: str) -> str:
    for c in clauses(Piece(text, 0)):
        if c.start <= pos < c.end:
            return strip_delimiters(c.text.replace(expr, "")) or strip_delimiters(c.text)
    return strip_delimiters(text)


class _Rule:
    def __init__(self, who: list[Role], condition: str) -> None:
        self.who, self.to, self.verbs = who, [], []
        self.advance: Duration | None = None
        self.advance_text: str | None = None
        self.condition = [condition] if condition else []


def leave_rules(sent: Piece, ctx: Context, roles: Roles, prov: tuple[int, int]) -> list[LeaveRule]:
    out = []
    for sub in subs(sent):
        rules: list[_Rule] = []
        cur: _Rule | None = None
        for clause in clauses(sub):
            c = strip_delimiters(clause.text)
            trig, verb = ctx.absence.search(c), ctx.leave_verbs.search(c)
            cut = (
                trig.start()
                if trig
                else (verb.start() if verb and verb.group() == "请假" and cur is None else None)
            )
            if cut and not ctx.leave_subject_stop.search(c[:cut]):
                who = roles.parse(c[:cut])
                if who:
                    cur = _Rule(who, _condition(c, trig, ctx))
                    rules.append(cur)
            if cur is None:
                continue
            for v in ctx.leave_verbs.finditer(c):
                if v.group() not in cur.verbs:
                    cur.verbs.append(v.group())
            for to in _addressees(c, ctx, roles):
                if to not in cur.to and to not in cur.who:
                    cur.to.append(to)
            _advance(c, ctx, cur)
            after = ctx.leave_after.search(c)
            if after and after.group() not in cur.condition:
                cur.condition.append(after.group())
        src = Source(prov[0], sub.span, prov[1])
        out.extend(
            LeaveRule(
                tuple(r.who),
                tuple(r.to),
                tuple(r.verbs),
                src,
                r.advance,
                r.advance_text,
                "，".join(r.condition) or None,
            )
            for r in rules
            if r.verbs
        )
    return out


def _condition(c: str, trig, ctx: Context) -> str:
    if not trig:
        return ""
    end = ctx.leave_condition_end.search(c, trig.end())
    return c[trig.start() : end.start() if end else len(c)].strip("，,")


def _addressees(c: str, ctx: Context, roles: Roles) -> list[Role]:
    out: list[Role] = []
    for k, rx in enumerate(ctx.leave_addressed):
        for m in rx.finditer(c):
            found = (
                roles.leading(m["to"])
                if k == len(ctx.leave_addressed) - 1
                else roles.parse(m["to"], fallback=False, addressees=True)
            )
            out.extend(r for r in found if r not in out)
    return out


def _advance(c: str, ctx: Context, rule: _Rule) -> None:
    for bound, rx in ctx.deadline:
        m = rx.search(c)
        if m and bound == "ahead" and rule.advance is None:
            amount = to_int(m["n"])
            if amount:
                rule.advance = Duration(amount, ctx.time_units[m["unit"]])
    if rule.advance is None and rule.advance_text is None:
        m = ctx.advance_unspecified.search(c)
        if m:
            rule.advance_text = m.group()
