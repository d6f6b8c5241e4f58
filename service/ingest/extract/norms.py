"""Norms (规范): powers and duties beyond signing, and how every norm binds.

A norm verb of the lexicon (``norm_verbs``: 会签, 审批, 审定, 审核, 决定, 委托, 授权 …) takes the
role list before it as its holders (after 由/经/报…, as signing does); its object is a document
category, else a matter category, named before the holders or after the verb.  Acts of the
government itself (制定规章, 制发规范性文件) are read when the sentence opens with the
government.  Convening, chairing and acting for the head are derived from the meeting and
acting-head facts, so that every power is found in one place.

Every norm, signing included, gets a :class:`~guize.ingest.facts.Qualifier`: the modality from
the words before the verb (不得 prohibition, 须/应当 obligation, 可 permission, none: power), the
hedge (原则上, 一般), the condition's event (``condition_events``) and whether entrustment
(委托) or authorisation (经…授权) is required.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from guize.ingest.extract.lexicon import Context
from guize.ingest.extract.roles import MASK, Roles
from guize.ingest.extract.signing import _segment, categories, conditions, opening_conditions
from guize.ingest.extract.text import Piece, clause_end, clause_start, subs
from guize.ingest.facts import (
    ActingHead,
    Backup,
    Meeting,
    MeetingRole,
    Norm,
    Qualifier,
    Role,
    Source,
)

#: meeting-role code → the power-action its holders exercise over the meeting
MEETING_POWERS = {"convener": "convene", "chair": "chair", "substitute-chair": "chair"}
_ITEM_LABEL = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")
_TRAILING_MODAL = re.compile(r"(?:必须|须|应当|应|要|可以|可|一般|原则上)+$")


def modality(ctx: Context, roles: Roles, text: str) -> str:
    """The modality the words of ``text`` give (role words and meeting names masked)."""
    masked = roles.mask(text)
    for a, b, _ in roles.matches(masked):
        masked = masked[:a] + MASK * (b - a) + masked[b:]
    return next((code for code, rx in ctx.modality if rx.search(masked)), "power")


def event(ctx: Context, condition: str | None) -> str | None:
    """The condition-event code of a condition as written (first that matches)."""
    if not condition:
        return None
    return next((code for code, rx in ctx.condition_events if rx.search(condition)), None)


def qualify(
    ctx: Context,
    roles: Roles,
    window: str,
    condition: str | None,
    delegator: str | None = None,
) -> Qualifier:
    """How a norm read from ``window`` (the words of its clause before the verb) binds."""
    said = " ".join(filter(None, (condition, delegator)))
    return Qualifier(
        modality=modality(ctx, roles, window),
        hedged=bool(ctx.norm_hedges.search(window)),
        event=event(ctx, condition),
        entrustment_required="委托" in said or bool(ctx.entrusted_by.search(window)),
        authorisation_required="授权" in said or bool(ctx.authorised_by.search(window)),
    )


def sign_window(text: str, list_start: int, verb_start: int) -> str:
    """The words of a signing clause before its verb (from the clause that opens the list)."""
    return text[clause_start(text, list_start) : verb_start]


class NormExtractor:
    """Reads norms sentence by sentence for one :class:`Context`."""

    def __init__(self, ctx: Context, roles: Roles) -> None:
        self.ctx, self.R = ctx, roles

    def sentence(self, sent: Piece, number: int, occurrence: int) -> list[Norm]:
        out: list[Norm] = []
        for sub in subs(sent):
            out.extend(self._verbs(sub, number, occurrence))
        out.extend(self._government(sent, number, occurrence))
        return out

    # -- verbs with a role list before them ---------------------------------------------------
    def _verbs(self, sub: Piece, number: int, occurrence: int) -> list[Norm]:
        ctx, t, out = self.ctx, sub.text, []
        sign_ends = [m.end() for m in ctx.sign_verb.finditer(t)]
        prev_end, opening, last_object = 0, None, (None, None, None)
        for v in ctx.norm_verb.finditer(t):
            action = ctx.norm_actions[v.lastgroup]
            lower = max([prev_end, *(e for e in sign_ends if e <= v.start())])
            prev_end = v.end()
            if action == "entrust" and re.search(r"受[^，,；;。]{1,16}?$", t[lower : v.start()]):
                continue  # 受市长委托: the entrusted acts; the act is read at its own verb
            rl = self.R.before(t, v.start(), lower=lower, markers=ctx.norm_markers, extend=False)
            holders = (rl.direct or rl.delegated) if rl else ()
            if not holders:
                continue
            start = rl.start - len(rl.marker or "")
            delegator = rl.delegator if not rl.direct else None
            delegates = ()
            if action in ("entrust", "authorise"):
                delegates = tuple(self.R.leading(t[v.end() :]))
            between = t[lower:start]
            found = conditions(ctx, between)
            auth = ctx.authorised_by.search(t[clause_start(t, lower) : start])
            if auth and action != "authorise":
                found.append(auth.group())
            if opening is None:
                opening = opening_conditions(ctx, between)
            condition = "，".join(dict.fromkeys([*opening, *found])) or None
            forward = action in ("entrust", "authorise")
            scheme, obj, obj_text = self._object(t, lower, start, v.end(), forward)
            if obj is None and last_object[1] and not obj_text:
                scheme, obj, obj_text = last_object  # 报市长审定: the object named before
            last_object = (scheme, obj, obj_text)
            window = t[clause_start(t, start) : v.start()]
            out.append(
                Norm(
                    action,
                    holders,
                    Source(number, sub.span, occurrence),
                    scheme,
                    obj,
                    obj_text,
                    condition,
                    qualify(ctx, self.R, window, condition, delegator),
                    delegates,
                )
            )
        return out

    def _object(
        self, t: str, lower: int, list_start: int, verb_end: int, forward: bool = False
    ) -> tuple[str | None, str | None, str | None]:
        """(scheme, code, words): a document category, else a matter category, before the
        holders or right after the verb (after it first for entrusting and authorising);
        else only the words after the verb."""
        after = t[verb_end : len(t) if forward else clause_end(t, verb_end)]
        before = self.ctx.conditions.sub("", _ITEM_LABEL.sub("", t[lower:list_start]))
        before = self.ctx.authorised_by.sub("", before).strip(" ，,")
        windows = (after, before) if forward else (before, after)
        for text in windows:
            cats = categories(self.ctx, text) if text else []
            if cats:
                return "document-category", cats[0][0], cats[0][1]
        raw = _ITEM_LABEL.sub("", t[lower:list_start]).strip(" ，,")
        for text in (after, raw) if forward else (raw, after):
            for code, rx in self.ctx.matters:
                m = rx.search(text) if text else None
                if m:
                    words = _TRAILING_MODAL.sub("", _segment(text, m.start()))
                    return "matter-category", code, words
        words = t[verb_end : clause_end(t, verb_end)].strip(" ，,后")
        return None, None, words or None

    # -- the government's own acts ------------------------------------------------------------
    def _government(self, sent: Piece, number: int, occurrence: int) -> list[Norm]:
        ctx, t, out = self.ctx, sent.text, []
        subject = re.match(
            "(?:" + "|".join(map(re.escape, sorted(ctx.gov_words, key=len, reverse=True))) + ")",
            _ITEM_LABEL.sub("", t),
        )
        if not subject:
            return out
        offset = len(t) - len(_ITEM_LABEL.sub("", t))
        for code, rx in ctx.government_acts:
            m = rx.search(t)
            if not m or ctx.government_act_not.search(t[: m.start()]):
                continue
            holder = Role("government", subject.group())
            words = m.group()
            cat = categories(ctx, words)
            window = t[offset : m.start()]
            cond = conditions(ctx, window)
            condition = "，".join(cond) or None
            out.append(
                Norm(
                    code,
                    (holder,),
                    Source(number, sent.span, occurrence),
                    "document-category" if cat else None,
                    cat[0][0] if cat else None,
                    words,
                    condition,
                    qualify(ctx, self.R, window, condition),
                )
            )
        return out


def derived(
    ctx: Context,
    roles: Roles,
    meetings: Iterable[Meeting],
    meeting_roles: Iterable[MeetingRole],
    acting: Iterable[ActingHead],
    backups: Iterable[Backup],
) -> list[Norm]:
    """Convening and chairing (from the meeting facts) and acting for the head or a deputy
    (from the acting-head and backup facts) as norms."""
    names = {m.key: m.name for m in meetings}
    groups: dict[tuple, list[Role]] = {}
    for a in meeting_roles:
        if a.attribute in MEETING_POWERS:
            key = (a.meeting, a.attribute, a.source, a.condition)
            groups.setdefault(key, [])
            if a.role not in groups[key]:
                groups[key].append(a.role)
    out: list[Norm] = []
    for (meeting, attribute, src, condition), holders in groups.items():
        q = qualify(ctx, roles, "", condition)
        if attribute == "substitute-chair" and q.event is None:
            q = Qualifier(
                q.modality,
                q.hedged,
                "head-absent",
                q.entrustment_required,
                q.authorisation_required,
            )
        out.append(
            Norm(
                MEETING_POWERS[attribute],
                tuple(holders),
                src,
                "meeting",
                meeting,
                names.get(meeting),
                condition,
                q,
            )
        )
    for a in acting:
        q = qualify(ctx, roles, "", a.condition)
        out.append(
            Norm(
                a.action,
                a.acting,
                a.source,
                condition=a.condition,
                qualifier=Qualifier(
                    q.modality,
                    q.hedged,
                    "head-absent",
                    a.requires_entrustment,
                    q.authorisation_required,
                ),
            )
        )
    for b in backups:
        q = qualify(ctx, roles, "", b.condition)
        out.append(
            Norm(
                "act-for",
                b.acting,
                b.source,
                condition=b.condition,
                qualifier=Qualifier(q.modality, q.hedged, q.event or "holder-absent"),
            )
        )
    return out
