"""Meetings (会议制度): kinds held, and who composes, attends, convenes, chairs, sets the agenda
and signs the minutes; how often they sit and what quorum they need.

Which meeting a statement is about: the meeting(s) right after the verb (市长召集和主持常务会议和
全体会议), else the nearest meeting named before the role list in the same sentence (常务会议由市
长主持，副市长、秘书长参加), else the meeting the provision is currently about (会议由市长召集和
主持).  A verb counts only when it ends its clause, is followed by 会议, or by the meetings it
governs, and is not negated (不能出席…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

from guize.ingest.extract.lexicon import Context, to_int
from guize.ingest.extract.roles import Roles
from guize.ingest.extract.signing import sign_clauses
from guize.ingest.extract.text import (
    Piece,
    clause_end,
    clause_start,
    sentences,
    strip_delimiters,
    subs,
)
from guize.ingest.facts import Frequency, Meeting, MeetingRole, Quorum, Role, Source

_AFTER_VERB = re.compile(r"(?:会议|会)?\s*(?:[，,。；;：:\n]|$)")
_RUN_GAP = re.compile(r"^[、，,和及与或\s]*$")
_KEYWORD_GAP = re.compile(r"^[^，,；;。：:]{0,8}$")
_INITIAL = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)])?(?:提请|凡|对|关于)?$")


@dataclass(frozen=True)
class Mention:
    kind: str
    name: str
    start: int
    end: int


def find_mentions(ctx: Context, text: str) -> list[Mention]:
    """Meeting names in ``text``, leftmost-longest."""
    found = sorted(
        ((m.start(), m.end(), kind) for kind, rx in ctx.meetings for m in rx.finditer(text)),
        key=lambda f: (f[0], f[0] - f[1]),
    )
    out, last = [], -1
    for s, e, kind in found:
        if s >= last:
            out.append(Mention(kind, text[s:e], s, e))
            last = e
    return out


def _run(ms: list[Mention], text: str, idx: int, forward: bool) -> list[Mention]:
    """The mentions chained to ms[idx] by separators only (全体会议、常务会议和办公会议)."""
    run, k = [ms[idx]], idx
    step = 1 if forward else -1
    while 0 <= k + step < len(ms):
        a, b = (ms[k], ms[k + step]) if forward else (ms[k + step], ms[k])
        if not _RUN_GAP.match(text[a.end : b.start]):
            break
        k += step
        run.append(ms[k])
    return run if forward else run[::-1]


@dataclass
class _Registry:
    ctx: Context
    entries: dict[str, dict] = field(default_factory=dict)
    others: dict[str, str] = field(default_factory=dict)

    def key(self, m: Mention) -> str:
        if m.kind != "other":
            return m.kind
        norm = re.sub(self.ctx.fill("^{head}"), "", m.name).removesuffix("议")
        return self.others.setdefault(norm, f"other-{len(self.others) + 1}")

    def mention(self, m: Mention, prov: tuple[int, int], src: Source) -> str:
        key = self.key(m)
        e = self.entries.setdefault(
            key,
            {"kind": m.kind, "name": m.name, "variants": [], "provisions": [prov], "source": src},
        )
        if m.name != e["name"] and m.name not in e["variants"]:
            e["variants"].append(m.name)
        return key

    def contribute(self, key: str, prov: tuple[int, int]) -> None:
        if key in self.entries and prov not in self.entries[key]["provisions"]:
            self.entries[key]["provisions"].append(prov)

    def build(self) -> tuple[Meeting, ...]:
        """Each meeting named by its longest form as written (市政府常务会议 over 常务会议)."""
        out = []
        for k, e in self.entries.items():
            names = [e["name"], *e["variants"]]
            name = max(names, key=len)
            variants = tuple(n for n in names if n != name)
            out.append(Meeting(k, e["kind"], name, variants, tuple(e["provisions"]), e["source"]))
        return tuple(out)


class MeetingExtractor:
    """Reads meeting facts provision by provision; results in ``roles``, ``frequencies``, ``quorums``."""

    def __init__(self, ctx: Context, roles: Roles) -> None:
        self.ctx, self.R = ctx, roles
        self.registry = _Registry(ctx)
        self.roles: list[MeetingRole] = []
        self.frequencies: list[Frequency] = []
        self.quorums: list[Quorum] = []
        self._seen: set = set()

    def meetings(self) -> tuple[Meeting, ...]:
        return self.registry.build()

    # -- per provision -----------------------------------------------------------------------
    def provision(self, number: int, occurrence: int, text: str, start: int) -> None:
        prov, current = (number, occurrence), []
        for sent in sentences(text, start):
            ms = find_mentions(self.ctx, sent.text)
            for m in ms:
                self.registry.mention(m, prov, Source(number, sent.span, occurrence))
            if ms and _INITIAL.match(sent.text[: ms[0].start].strip()):
                current = self._keys(_run(ms, sent.text, 0, True))
            state = {"current": current, "prev_end": 0}
            for sub in subs(sent):
                self._verbs(sub, sent, ms, state, prov)
                self._frequency(sub, sent, ms, state, prov)
                self._quorum(sub, sent, ms, state, prov)
                self._agenda(sub, sent, ms, state, prov)
            if "纪要" in sent.text:
                self._minutes(sent, ms, state, prov)
            current = state["current"]

    def _keys(self, run: list[Mention]) -> list[str]:
        return list(dict.fromkeys(self.registry.key(m) for m in run))

    def _subject(
        self, ms: list[Mention], sent: Piece, pos: int, state: dict, fallback: bool = True
    ) -> list[str]:
        """Meetings named last before ``pos`` (sentence offset), else the provision's current."""
        idx = max((i for i, m in enumerate(ms) if m.end <= pos), default=None)
        if idx is not None:
            return self._keys(_run(ms, sent.text, idx, False))
        return list(state["current"]) if fallback else []

    def _before_keyword(self, ms: list[Mention], sent: Piece, pos: int, state: dict) -> list[str]:
        """Meetings named just before a keyword (…会议的议题, …会议形成的纪要)."""
        idx = max((i for i, m in enumerate(ms) if m.end <= pos), default=None)
        if idx is not None and _KEYWORD_GAP.match(sent.text[ms[idx].end : pos]):
            return self._keys(_run(ms, sent.text, idx, False))
        return list(state["current"])

    def _emit(
        self, key: str, attribute: str, role: Role, src: Source, condition: str | None, prov
    ) -> None:
        sig = (key, attribute, role, src.span)
        if sig in self._seen:
            return
        self._seen.add(sig)
        self.roles.append(MeetingRole(key, attribute, role, src, condition))
        self.registry.contribute(key, prov)

    # -- who ---------------------------------------------------------------------------------
    def _verbs(self, sub: Piece, sent: Piece, ms: list[Mention], state: dict, prov) -> None:
        ctx, off, t = self.ctx, sub.start - sent.start, sub.text
        lower = 0
        for v in ctx.meeting_verb.finditer(t):
            if ctx.meeting_negation.search(t[max(0, v.start() - 4) : v.start()]):
                continue
            obj_idx = next((i for i, m in enumerate(ms) if m.start == off + v.end()), None)
            if obj_idx is None and not _AFTER_VERB.match(t, v.end()):
                continue
            rl = self.R.before(t, v.start(), lower=lower)
            if rl is None:
                continue
            if obj_idx is not None:
                keys = self._keys(_run(ms, sent.text, obj_idx, True))
            else:
                keys = self._subject(ms, sent, off + rl.start, state)
                state["current"] = keys or state["current"]
            region = sent.text[state["prev_end"] : off + v.start()]
            hedges = [m.group() for m in ctx.hedges.finditer(region)]
            absent = ctx.head_absent.search(region)
            if absent:
                hedges.append(absent.group())
            src = Source(prov[0], sub.span, prov[1])
            attrs = ctx.meeting_verb_roles[v.lastgroup]
            direct, delegated = rl.direct, rl.delegated
            if absent and {"convener", "chair"} & set(attrs):
                direct, delegated = (), (*delegated, *(r for r in direct if r.code != "head"))
            for key in keys:
                for role in direct:
                    for a in attrs:
                        self._emit(key, a, role, src, "，".join(hedges) or None, prov)
                for role in delegated:
                    cond = (
                        "，".join(dict.fromkeys([*hedges, rl.delegator or ""])).strip("，") or None
                    )
                    for a in ("substitute-chair",) if {"convener", "chair"} & set(attrs) else attrs:
                        self._emit(key, a, role, src, cond, prov)
            lower = v.end()
            state["prev_end"] = off + v.end()

    # -- how often, how many -----------------------------------------------------------------
    def _frequency(self, sub: Piece, sent: Piece, ms: list[Mention], state: dict, prov) -> None:
        ctx, off = self.ctx, sub.start - sent.start
        found = []
        for m in ctx.freq.finditer(sub.text):
            lo = to_int(m["min"])
            hi = to_int(m["max"]) if m["max"] else (None if m["atleast"] else lo)
            found.append((m, ctx.freq_per[m["per"]], lo, hi))
        for m in ctx.freq_text_only.finditer(sub.text):
            if not any(f[0].start() <= m.start() < f[0].end() for f in found):
                found.append((m, None, None, None))
        for m, per, lo, hi in found:
            keys = self._subject(ms, sent, off + m.start(), state, fallback=False)
            if not keys:  # 市政府原则上每月召开一次常务会议
                after = next(
                    (k for k, x in enumerate(ms) if 0 <= x.start - off - m.end() <= 2), None
                )
                keys = self._keys(_run(ms, sent.text, after, True)) if after is not None else []
            src = Source(prov[0], sub.span, prov[1])
            for key in keys or state["current"]:
                self.frequencies.append(
                    Frequency(key, m.group(), per, lo, hi, bool(m["hedge"]), src)
                )
                self.registry.contribute(key, prov)

    def _quorum(self, sub: Piece, sent: Piece, ms: list[Mention], state: dict, prov) -> None:
        ctx = self.ctx
        if not ctx.quorum_context.search(sub.text):
            return
        for rx, strict, note in ctx.quorum_rules:
            m = rx.search(sub.text)
            if not m:
                continue
            clause = strip_delimiters(
                sub.text[clause_start(sub.text, m.start()) : clause_end(sub.text, m.end())]
            )
            base = ctx.quorum_bases.search(clause)
            frac = _fraction(m["frac"])
            for key in self._subject(ms, sent, sub.start - sent.start + m.start(), state):
                self.quorums.append(
                    Quorum(
                        key,
                        clause,
                        frac,
                        strict,
                        Source(prov[0], sub.span, prov[1]),
                        base.group() if base else None,
                        note,
                    )
                )
                self.registry.contribute(key, prov)
            return

    # -- agenda and minutes ------------------------------------------------------------------
    def _agenda(self, sub: Piece, sent: Piece, ms: list[Mention], state: dict, prov) -> None:
        ctx, off, t = self.ctx, sub.start - sent.start, sub.text
        for v in ctx.agenda_verb.finditer(t):
            i = t.rfind(ctx.agenda_topic, 0, v.start())
            opening = next((m for m in ms if m.start == off and m.end <= off + v.start()), None)
            following = next((k for k, m in enumerate(ms) if m.start == off + v.end()), None)
            if following is not None:  # 市长确定常务会议的议题
                run = _run(ms, sent.text, following, True)
                if sent.text[run[-1].end :].lstrip("的").startswith(ctx.agenda_topic):
                    rl = self.R.before(t, v.start(), extend=False)
                    for key in self._keys(run) if rl else []:
                        for role in (*rl.direct, *rl.delegated):
                            self._emit(
                                key,
                                "agenda-setter",
                                role,
                                Source(prov[0], sub.span, prov[1]),
                                None,
                                prov,
                            )
                continue
            if i < 0 and opening is None:
                continue
            lower = i + len(ctx.agenda_topic) if i >= 0 else 0
            rl = self.R.before(t, v.start(), lower=lower, markers=ctx.agenda_markers, extend=False)
            if rl is None:
                continue
            keys = (
                self._before_keyword(ms, sent, off + i, state)
                if i >= 0
                else self._keys(_run(ms, sent.text, ms.index(opening), True))
            )
            src = Source(prov[0], sub.span, prov[1])
            for key in keys:
                for role in (*rl.direct, *rl.delegated):
                    self._emit(key, "agenda-setter", role, src, None, prov)

    def _minutes(self, sent: Piece, ms: list[Mention], state: dict, prov) -> None:
        clauses, _ = sign_clauses(sent, self.ctx, self.R)
        for c in clauses:
            if not any(code == "minutes" for code, _ in c.categories):
                continue
            off = c.sub.start - sent.start
            k = c.sub.text.rfind("纪要", 0, c.verb_start)
            pos = off + (k if k >= 0 else 0)
            keys = self._before_keyword(ms, sent, pos, state) if k >= 0 else list(state["current"])
            src = Source(prov[0], c.sub.span, prov[1])
            for key in keys:
                for role in c.holders:
                    self._emit(key, "minutes-signer", role, src, c.condition, prov)


def _fraction(text: str) -> Fraction:
    if text in ("半数", "一半"):
        return Fraction(1, 2)
    den, num = text.split("分之")
    return Fraction(to_int(num) or 1, to_int(den) or 1)
