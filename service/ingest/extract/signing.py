"""Signing authority (签署/签发权限): who signs which category of document.

In a sub-sentence each signing verb (签署, 签发, 签署或签发, 审定后印发) takes the role list before
it (after 由/报/报请/核报/经); the words before that list name the document categories.  A
second verb in the same sub-sentence shares the first one's categories (由分管副市长签发，如有必
要，报市长签发), and a sub-sentence that opens with a condition (如有需要，…; 其中，…; 涉及…的，…)
inherits the categories of the one before it.  Delegated signers (市长授权副市长) get their own
fact with the delegation as condition.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from guize.ingest.extract.lexicon import Context
from guize.ingest.extract.roles import Roles
from guize.ingest.extract.text import Piece, clause_end, clauses, subs
from guize.ingest.facts import Role

_ITEM_LABEL = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")
_CARRY_OPENERS = re.compile(r"^(?:其中|如|凡|对|另|必要时|确有必要)")
_CONDITION_FOLLOW = re.compile(r"[，,：:]|由|经|可|应|须|报|一般")
#: a condition ending in 的 may also qualify the document itself (涉及重要事项的专题会议纪要)
_QUALIFIES_DOCUMENT = re.compile(r"[^，,；;。]{0,12}?(?:纪要|公文|文件)")
_TRAILING_HEDGE = re.compile(r"(?:一般|原则上|均|可|须|应)+$")


@dataclass(frozen=True)
class SignClause:
    """One signing statement: categories, signers, actions, condition, where."""

    categories: tuple[tuple[str, str], ...]  # (code, object text as written)
    actions: tuple[str, ...]
    holders: tuple[Role, ...]
    condition: str | None
    sub: Piece  # the sub-sentence it was read from
    verb_start: int  # offset of the verb inside sub.text
    list_start: int = 0  # offset of the signer list (with its marker) inside sub.text
    delegator: str | None = None  # 市长授权 / 受市长委托, for a delegated signer


def categories(ctx: Context, text: str) -> list[tuple[str, str]]:
    """Document categories named in ``text``: (code, the words naming it)."""
    found: list[tuple[int, str, bool]] = []
    for code, rx, fallback in ctx.categories:
        for m in rx.finditer(text):
            found.append((m.start(), code, fallback))
    if any(not f[2] for f in found):
        found = [f for f in found if not f[2]]
    out, seen = [], set()
    clause_counts = Counter(_segment(text, pos) for pos, _, _ in found)
    for pos, code, _ in sorted(found):
        if code not in seen:
            seen.add(code)
            clause = _segment(text, pos)
            out.append(
                (code, _segment(text, pos, "，,；;、") if clause_counts[clause] > 1 else clause)
            )
    return out


def _segment(text: str, pos: int, delimiters: str = "，,；;") -> str:
    """The clause of ``text`` around ``pos`` (delimited by ，；, or also 、 when asked)."""
    start = max(text.rfind(ch, 0, pos) for ch in delimiters) + 1
    ends = [i for i in (text.find(ch, pos) for ch in delimiters) if i >= 0]
    return _ITEM_LABEL.sub("", text[start : min(ends) if ends else len(text)]).strip()


def conditions(ctx: Context, text: str) -> list[str]:
    """Conditions in ``text`` that stand as their own clause or open the signer's clause."""
    out = []
    for m in ctx.conditions.finditer(text):
        if (
            m.end() == len(text)
            or _CONDITION_FOLLOW.match(text, m.end())
            or (m.group().endswith("的") and _QUALIFIES_DOCUMENT.match(text, m.end()))
        ):
            out.append(m.group())
    return out


def opening_conditions(ctx: Context, text: str) -> list[str]:
    """Conditions that stand as their own clause (属…职权范围内的，) and so govern every
    statement after them in the sub-sentence, not only the first."""
    return [m.group() for m in ctx.conditions.finditer(text) if re.match(r"[，,]", text[m.end() :])]


def sign_clauses(
    sent: Piece, ctx: Context, roles: Roles, carry: list[tuple[str, str]] | None = None
) -> tuple[list[SignClause], list[tuple[str, str]] | None]:
    """Every signing statement in a sentence; returns them and the categories to carry on."""
    out: list[SignClause] = []
    last = carry if sent.text.startswith(("其中", "如")) else None
    for sub in subs(sent):
        t, prev_end, cats, prev_cond, opening = sub.text, 0, None, [], None
        for v in ctx.sign_verb.finditer(t):
            rl = roles.before(t, v.start(), lower=prev_end, markers=ctx.sign_markers, extend=False)
            if rl is None:
                prev_end = v.end()
                continue
            marker = len(rl.marker or "")
            if cats is None:
                obj = _TRAILING_HEDGE.sub(
                    "", _ITEM_LABEL.sub("", t[: rl.start - marker]).strip(" ，,")
                ).strip(" ，,")
                cats = categories(ctx, obj)
                if (
                    not cats
                    and last
                    and (not obj or _CARRY_OPENERS.match(obj) or ctx.conditions.match(obj))
                ):
                    cats = last
                if not cats:  # verb first: 市长签署议案、命令和人事任免
                    cats = categories(ctx, t[v.end() : clause_end(t, v.end())])
                if not cats:
                    first = clauses(Piece(obj, 0))
                    cats = (
                        [("other", first[0].text.strip("，,：: ") if first else obj)] if obj else []
                    )
            between = t[prev_end : rl.start - marker]
            cond = conditions(ctx, between) or (
                prev_cond if between.lstrip("，, ").startswith("或") else []
            )
            auth = ctx.authorised_by.search(between)
            if auth:  # 经市长或副市长授权，…可由秘书长签发
                cond = [*cond, auth.group()]
            if opening is None:
                opening = opening_conditions(ctx, between)
            cond = list(dict.fromkeys([*opening, *cond]))
            prev_cond = cond
            actions = ctx.sign_actions[v.lastgroup]
            if cats and rl.direct:
                out.append(
                    SignClause(
                        tuple(cats),
                        actions,
                        rl.direct,
                        "，".join(cond) or None,
                        sub,
                        v.start(),
                        rl.start - marker,
                    )
                )
            if cats and rl.delegated:
                dcond = "，".join(
                    [
                        *cond,
                        f"经{rl.delegator}"
                        if rl.delegator and not rl.delegator.startswith("受")
                        else (rl.delegator or ""),
                    ]
                ).strip("，")
                out.append(
                    SignClause(
                        tuple(cats),
                        actions,
                        rl.delegated,
                        dcond or None,
                        sub,
                        v.start(),
                        rl.start - marker,
                        rl.delegator,
                    )
                )
            prev_end = v.end()
        if cats:
            last = cats
    return out, last
