"""Roles in text (职务识别): role words, role lists, addressees, and the role list before a verb.

A role list is split into segments at 、，和及与或 (never inside brackets).  A segment is either
a role word from the lexicon (leftmost-longest: 常务副市长 beats 副市长 beats 市长), or names
people by their bodies and a person word (相关乡镇、街道和部门主要负责同志): then the bodies
give the codes and the whole group is the label.  Meeting names and 市长负责制 are masked first
so that 市长办公会议 never yields 市长.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guize.ingest.extract.lexicon import Context
from guize.ingest.extract.text import CLOSE, OPEN, clause_start, strip_delimiters
from guize.ingest.facts import Role

MASK = "＃"


@dataclass(frozen=True)
class RoleList:
    """The roles read before a verb, split by delegation (委托/授权/受…委托)."""

    direct: tuple[Role, ...]
    delegated: tuple[Role, ...]
    delegator: str | None  # 市长委托 / 市长授权 / 受市长委托
    start: int  # where the role words begin (offset in the analysed text)
    first_clause: int  # start of the earliest clause the list was read from
    marker: str | None  # 由 / 报 / 安排 … when one introduced the list


class Roles:
    """Role recognition for one :class:`Context` (one government level)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- words -------------------------------------------------------------------------------
    def mask(self, text: str) -> str:
        for _, rx in self.ctx.meetings:
            text = rx.sub(lambda m: MASK * len(m.group()), text)
        return self.ctx.head_duty.sub(lambda m: MASK * len(m.group()), text)

    def matches(self, text: str, addressees: bool = False) -> list[tuple[int, int, str]]:
        """Non-overlapping role words in ``text``, leftmost-longest: (start, end, code)."""
        pats = self.ctx.roles + (self.ctx.addressees if addressees else [])
        found = [
            (m.start(), m.end(), code)
            for code, rx in pats
            for m in rx.finditer(text)
            if m.end() > m.start()
        ]
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        out, last = [], -1
        for f in found:
            if f[0] >= last:
                out.append(f)
                last = f[1]
        return out

    def segments(self, text: str) -> list[tuple[int, int]]:
        out, depth, begin, i = [], 0, 0, 0
        while i < len(text):
            ch = text[i]
            if ch in OPEN:
                depth += 1
            elif ch in CLOSE:
                depth = max(0, depth - 1)
            elif depth == 0:
                m = self.ctx.separators.match(text, i)
                if m and m.end() > i:
                    out.append((begin, i))
                    begin = i = m.end()
                    continue
            i += 1
        out.append((begin, len(text)))
        return [(s, e) for s, e in out if e > s]

    def strip_fillers(self, text: str, s: int, e: int) -> tuple[int, int]:
        while s < e:
            seg, changed = text[s:e], False
            for m in self.ctx.fillers.finditer(seg):
                if m.start() == 0 and m.end() > 0:
                    s, changed = s + m.end(), True
                    break
                if m.end() == len(seg) and m.end() > m.start():
                    e, changed = s + m.start(), True
                    break
            if not changed:
                break
        return s, e

    def _body_code(self, text: str) -> str | None:
        return next((code for code, rx in self.ctx.bodies if rx.search(text)), None)

    # -- lists -------------------------------------------------------------------------------
    def parse(self, text: str, fallback: bool = True, addressees: bool = False) -> list[Role]:
        """The roles named by a list of people (组成人员、列席人员、签发人 …)."""
        t = re.sub(r"\s+", "", text)
        m = self.mask(t)
        roles: list[Role] = []
        pending: list[tuple[int, int]] = []
        for s0, e0 in self.segments(m):
            s, e = self.strip_fillers(m, s0, e0)
            if s >= e:
                continue
            seg = m[s:e]
            found = self.matches(seg, addressees)
            if found:
                pending = []
                for k, (a, b, code) in enumerate(found):
                    lead = 0 if k == 0 and not self.ctx.not_role_list.search(seg[:a]) else a
                    roles.append(Role(code, t[s + lead : s + b]))
                continue
            if self.ctx.person_suffix.search(seg):
                group = [*pending, (s, e)]
                codes: list[str] = []
                for gs, ge in group:
                    body = m[gs:ge] if (gs, ge) != (s, e) else self.ctx.person_suffix.sub("", seg)
                    code = self._body_code(body)
                    if code and code not in codes:
                        codes.append(code)
                if not codes or "outside" in codes:
                    person = next((c for rx, c in self.ctx.person_codes if rx.search(seg)), "other")
                    codes = [c for c in codes if c != "outside"]
                    if person not in codes:
                        codes.append(person)
                if fallback or not set(codes) <= {"other", "unit-head", "unit-leader"}:
                    roles.extend(Role(c, t[group[0][0] : e]) for c in codes)
                pending = []
            elif self._body_code(seg):
                pending.append((s, e))
        return _dedupe(roles)

    def role_only(self, text: str) -> bool:
        """Whether ``text`` is nothing but a list of roles (a list continued across a comma)."""
        t = re.sub(r"\s+", "", strip_delimiters(text))
        if not t:
            return False
        m = self.mask(t)
        for a, b, _ in self.matches(m):
            m = m[:a] + MASK * (b - a) + m[b:]
        return not self.ctx.not_role_list.search(m) and bool(self.parse(t))

    def leading(self, text: str) -> list[Role]:
        """Roles and addressee bodies at the very start of ``text`` (报告市长或… → 市长, …)."""
        t = re.sub(r"\s+", "", text)
        m = self.mask(t)
        out: list[Role] = []
        for s0, e0 in self.segments(m):
            s, e = self.strip_fillers(m, s0, e0)
            found = self.matches(m[s:e], addressees=True) if s < e else []
            if not found or found[0][0] != 0:
                break
            a, b, code = found[0]
            out.append(Role(code, t[s + a : s + b]))
            if b < e - s:
                break
        return _dedupe(out)

    # -- the list before a verb --------------------------------------------------------------
    def before(
        self,
        text: str,
        pos: int,
        lower: int = 0,
        markers: re.Pattern | None = None,
        extend: bool = True,
    ) -> RoleList | None:
        """The role list ending at ``pos`` (a verb): after the last marker of its clause, else the
        whole clause, continued backwards over clauses that are only roles (副市长，…参加)."""
        markers = markers or self.ctx.role_markers
        cs = clause_start(text, pos, lower)
        seg = text[cs:pos]
        mk = _last(markers, seg)
        start = cs + (mk.end() if mk else 0)
        parts = [text[start:pos]]
        first, entrusted = cs, None
        if not mk and extend:
            j = cs
            while j > lower:
                pcs = clause_start(text, j - 1, lower)
                prev = text[pcs : j - 1].strip()
                e = self.ctx.entrusted_by.search(prev)
                if e and not prev[: e.start()].strip() and not prev[e.end() :].strip():
                    entrusted = e.group()
                    break
                if e:
                    rest = prev[: e.start()] + prev[e.end() :]
                    if self.role_only(rest):
                        parts.insert(0, rest)
                        first, entrusted = pcs, e.group()
                    break
                mk2 = _last(markers, prev)
                if mk2:
                    if self.role_only(prev[mk2.end() :]):
                        parts.insert(0, prev[mk2.end() :])
                        first = pcs
                    break
                if not self.role_only(prev):
                    break
                parts.insert(0, prev)
                first = j = pcs
        direct, delegated, delegator = self.split_delegation("、".join(parts))
        if entrusted:
            direct, delegated, delegator = (), direct + delegated, entrusted
        if not direct and not delegated:
            return None
        return RoleList(direct, delegated, delegator, start, first, mk.group() if mk else None)

    def split_delegation(self, text: str) -> tuple[tuple[Role, ...], tuple[Role, ...], str | None]:
        """市长或市长授权副市长 → direct (市长), delegated (副市长), delegator (市长授权)."""
        ctx = self.ctx
        if not (ctx.delegation.search(text) or ctx.entrusted_by.search(text)):
            return tuple(self.parse(text)), (), None
        direct: list[Role] = []
        delegated: list[Role] = []
        delegator = None
        for part in re.split(r"或者|或", text):
            e = ctx.entrusted_by.search(part)
            if e:
                delegated += self.parse(part[: e.start()] + part[e.end() :])
                delegator = e.group()
                continue
            for d in ctx.delegation.finditer(part):
                after = re.sub(r"\s+", "", part[d.end() :])
                found = self.matches(self.mask(after))
                lead = after[: found[0][0]] if found else ""
                if found and len(lead) <= 4 and not self.ctx.not_role_list.search(lead):
                    delegated += self.parse(after)
                    before = self.parse(part[: d.start()])
                    delegator = (
                        "、".join(r.label for r in before) + d.group() if before else d.group()
                    )
                    break
            else:
                direct += self.parse(part)
        return tuple(_dedupe(direct)), tuple(_dedupe(delegated)), delegator


def _last(rx: re.Pattern, text: str) -> re.Match | None:
    last = None
    for m in rx.finditer(text):
        last = m
    return last


def _dedupe(roles: list[Role]) -> list[Role]:
    seen, out = set(), []
    for r in roles:
        if (r.code, r.label) not in seen:
            seen.add((r.code, r.label))
            out.append(r)
    return out
