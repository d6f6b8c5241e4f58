"""Government-level statements: composition (组成人员), head-responsibility system (首长负责制),
who assists the head (协助), who acts for the absent head (主持工作/代行), backup deputies (补位,
AB角, 代管), and the bodies the rules also apply to (适用本规则)."""

from __future__ import annotations

import re

from guize.ingest.extract.lexicon import Context
from guize.ingest.extract.roles import Roles
from guize.ingest.extract.text import Piece, clause_end, clause_start, strip_delimiters, subs
from guize.ingest.facts import (
    ActingHead,
    Applicability,
    Assist,
    Backup,
    Composition,
    HeadResponsibility,
    Role,
    Source,
)


class GovernmentExtractor:
    """Reads sentence by sentence; results accumulate in the public lists."""

    def __init__(self, ctx: Context, roles: Roles) -> None:
        self.ctx, self.R = ctx, roles
        self.composition: list[Composition] = []
        self.head_responsibility: list[HeadResponsibility] = []
        self.assists: list[Assist] = []
        self.acting: list[ActingHead] = []
        self.backups: list[Backup] = []
        self.applicability: list[Applicability] = []

    def sentence(self, sent: Piece, prov: tuple[int, int], provision_text: str) -> None:
        src = Source(prov[0], sent.span, prov[1])
        self._composition(sent, src)
        for m in self.ctx.head_resp.finditer(sent.text):
            self.head_responsibility.append(HeadResponsibility(Role("head", m["head"]), src))
        self._assist(sent, prov)
        if not self._acting_head(sent, src):
            self._backup(sent, src, provision_text)
        self._applicability(sent, src)

    def _composition(self, sent: Piece, src: Source) -> None:
        text = strip_delimiters(sent.text)
        for rx in self.ctx.composition:
            m = rx.match(text)
            if m:
                members = tuple(self.R.parse(m["list"]))
                if members:
                    self.composition.append(Composition(members, src))
                return

    def _assist(self, sent: Piece, prov: tuple[int, int]) -> None:
        for sub in subs(sent):
            for rx in self.ctx.assist:
                for m in rx.finditer(sub.text):
                    holders = tuple(r for r in self.R.parse(m["roles"]) if r.code != "head")
                    if holders:
                        obj = m.groupdict().get("object")
                        self.assists.append(
                            Assist(
                                holders,
                                Role("head", m["head"]),
                                Source(prov[0], sub.span, prov[1]),
                                strip_delimiters(obj) if obj else None,
                            )
                        )

    def _acting_head(self, sent: Piece, src: Source) -> bool:
        ctx, t = self.ctx, sent.text
        cond = ctx.acting_condition.search(t)
        if not cond:
            return False
        for code, rx in ctx.acting_actions:
            act = rx.search(t, cond.end())
            if not act:
                continue
            rl = self.R.before(t, act.start(), extend=False)
            if rl is None or rl.start < cond.end():
                continue
            acting = tuple(r for r in (*rl.direct, *rl.delegated) if r.code != "head")
            if acting:
                entrusted = bool(ctx.acting_entrusted.search(t))
                self.acting.append(ActingHead(acting, cond.group(), entrusted, code, src))
                return True
        return False

    def _backup(self, sent: Piece, src: Source, provision_text: str) -> None:
        ctx, t = self.ctx, sent.text
        if not ctx.backup_cue.search(t):
            return
        absence = ctx.backup_absence.search(t)
        verb = ctx.backup_verbs.search(t, absence.end() if absence else 0)
        if not absence or not verb:
            return
        rl = self.R.before(t, verb.start(), extend=False)
        acting = (*rl.direct, *rl.delegated) if rl else ()
        if not acting:  # 由另一位代行: the roles that practise AB角
            holder = ctx.backup_holder.search(provision_text)
            acting = tuple(self.R.parse(holder["roles"])) if holder else ()
        if acting:
            self.backups.append(Backup(tuple(acting), _clause_around(t, absence.end() - 1), src))

    def _applicability(self, sent: Piece, src: Source) -> None:
        for rx in self.ctx.applicability:
            m = rx.search(sent.text)
            if not m:
                continue
            text = re.sub(r"\s+", "", m["bodies"])
            bodies = []
            for s, e in self.R.segments(text):
                s, e = self.R.strip_fillers(text, s, e)
                if e > s:
                    bodies.append(text[s:e])
            if bodies:
                self.applicability.append(Applicability(tuple(bodies), src))
            return


def _clause_around(text: str, pos: int) -> str:
    """The clause (between ，；。) holding ``pos``."""
    return strip_delimiters(text[clause_start(text, pos) : clause_end(text, pos)])
