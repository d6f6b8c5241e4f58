"""Peer comparison (同级比较): where one document departs from the other governments of its
tier in the store, read off the comparison profile (:func:`guize.compare.profile`).

Peers are the documents whose administrative level falls in the same tier (the level's
``skos:broader`` in ``administrative-tier``: a county and a county-level city are both county
tier); a level without a tier is its own group.  Each departure is an info-level
:class:`~guize.validate.report.Result` -- the same type as a SHACL result -- under the shape
IRIs of :data:`SHAPES`, its messages naming the peers:

- a meeting's quorum stricter, or looser, than at every peer that states one for that kind;
- a meeting's frequency (sittings a year) outside the range of the peers';
- a member of a meeting whom no peer puts in its meeting of that kind;
- a power (action and object) given to a post to which no peer stating that power gives it.

A departure is not a breach of law: it says where to look.  Nothing here reads the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from guize.namespaces import NAMESPACE
from guize.validate.report import Result
from guize.vocab import Vocabulary

#: The namespace of the peer "shapes" (stable, whatever the deployment's base).
PEERS = NAMESPACE + "shapes/peers#"

#: Kind of departure → the shape IRI its results carry.
SHAPES = {
    "quorum": PEERS + "QuorumPeers",
    "frequency": PEERS + "FrequencyPeers",
    "member": PEERS + "MeetingMemberPeers",
    "holder": PEERS + "PowerHolderPeers",
}

#: The constraint component every peer result names.
CONSTRAINT = PEERS + "PeerComparison"

_GZ = NAMESPACE + "ontology#"

#: Meeting fields compared post by post (profile field → ontology property).
MEETING_ROLE_FIELDS = {"members": _GZ + "member"}

#: Catch-all codes, never a departure of their own.
_CATCH_ALL = "other"


@dataclass
class PeerComparison:
    """The departures of one document from its peers."""

    document: str
    group: str | None  # the tier code (or the level, when it has no tier)
    group_label: tuple[str, str]
    peers: list[dict[str, str]]  # {"iri", "id", "place", "level"}
    results: list[Result] = field(default_factory=list)
    note_zh: str = ""
    note_en: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "group": self.group,
            "group_label": list(self.group_label),
            "peers": self.peers,
            "results": [r.as_json() for r in self.results],
            "note_zh": self.note_zh,
            "note_en": self.note_en,
        }


def group_of(level: str | None, vocabulary: Vocabulary) -> str | None:
    """The peer group of a level: its tier, else the level itself (None: level unknown).

    >>> from guize.vocab import load_vocabulary
    >>> v = load_vocabulary()
    >>> group_of("county-city", v), group_of("county", v), group_of("no-such-level", v)
    ('county', 'county', 'no-such-level')
    """
    if not level:
        return None
    concept = vocabulary.scheme("administrative-level").get(level)
    return (concept.outer if concept is not None else None) or level


def _group_label(group: str | None, vocabulary: Vocabulary) -> tuple[str, str]:
    if group is None:
        return ("", "")
    tier = vocabulary.scheme("administrative-tier").get(group)
    return tier.label if tier is not None else vocabulary.label("administrative-level", group)


def place(doc: dict) -> str:
    """How a document's government is named in a message."""
    return doc.get("place") or doc.get("issuer") or doc.get("id") or doc.get("iri") or ""


def compare(doc: dict, documents: list[dict], vocabulary: Vocabulary) -> PeerComparison:
    """The departures of ``doc`` (a document of a profile, stored or a draft's) from the other
    documents of ``documents`` in its peer group (``doc`` itself, by IRI, is never its own
    peer)."""
    group = group_of(doc.get("level"), vocabulary)
    glabel = _group_label(group, vocabulary)
    out = PeerComparison(doc.get("iri") or "", group, glabel, [])
    if group is None:
        out.note_zh = "行政层级未知，无从与同级政府比较。"
        out.note_en = "The administrative level is unknown: no peers to compare with."
        return out
    peers = [
        d
        for d in documents
        if d.get("iri") != doc.get("iri") and group_of(d.get("level"), vocabulary) == group
    ]
    out.peers = [
        {"iri": d["iri"], "id": d.get("id") or "", "place": place(d), "level": d.get("level")}
        for d in peers
    ]
    if not peers:
        out.note_zh = f"库中没有其他{glabel[0]}政府的工作规则，无从比较。"
        out.note_en = f"The store holds no other government of the {glabel[1]}: nothing to compare."
        return out
    check = _Checker(doc, peers, vocabulary)
    for m in doc.get("meetings") or []:
        check.quorum(m)
        check.frequency(m)
        for fld, prop in MEETING_ROLE_FIELDS.items():
            check.meeting_roles(m, fld, prop)
    check.holders()
    out.results = check.results
    names = "、".join(p["place"] for p in out.peers)
    out.note_zh = f"与库中{len(peers)}个{glabel[0]}政府（{names}）比较：{len(out.results)}处不同。"
    out.note_en = (
        f"Compared with {len(peers)} government(s) of the {glabel[1]} in the store ({names}): "
        f"{len(out.results)} departure(s)."
    )
    return out


def _quorum_key(q: dict | None) -> tuple[Fraction, bool] | None:
    """(fraction, strict) -- a strict "more than" is stricter than "at least" the same share."""
    if not q or not q.get("fraction"):
        return None
    try:
        return (Fraction(str(q["fraction"])), bool(q.get("strict")))
    except (ValueError, ZeroDivisionError):
        return None


def quorum_words(q: dict) -> tuple[str, str]:
    """``超过1/2`` / ``more than 1/2``."""
    frac = q.get("fraction") or ""
    if q.get("strict"):
        return f"超过{frac}", f"more than {frac}"
    return f"不少于{frac}", f"at least {frac}"


class _Checker:
    def __init__(self, doc: dict, peers: list[dict], vocabulary: Vocabulary) -> None:
        self.doc, self.peers, self.v = doc, peers, vocabulary
        self.results: list[Result] = []

    def _add(
        self,
        kind: str,
        focus: str,
        path: str | None,
        value: str | None,
        zh: str,
        en: str,
        sources: list[str],
        value_label: str | None = None,
    ) -> None:
        self.results.append(
            Result(
                severity="info",
                focus_node=focus,
                path=path,
                value=value,
                message_zh=zh,
                message_en=en,
                shape=SHAPES[kind],
                constraint=CONSTRAINT,
                source_provision=sources[0] if sources else None,
                government=self.doc.get("government"),
                document=self.doc.get("iri"),
                value_label=value_label,
            )
        )

    def _same_kind(self, kind: str) -> list[tuple[dict, dict]]:
        return [(p, m) for p in self.peers for m in p.get("meetings") or [] if m["kind"] == kind]

    def _meeting_name(self, m: dict) -> tuple[str, str]:
        zh, en = self.v.label("meeting-kind", m["kind"])
        return (m.get("name") or zh, en)

    def quorum(self, m: dict) -> None:
        mine = _quorum_key(m.get("quorum"))
        if mine is None:
            return
        stated = [(p, pm) for p, pm in self._same_kind(m["kind"]) if _quorum_key(pm.get("quorum"))]
        if not stated:
            return
        keys = [_quorum_key(pm["quorum"]) for _, pm in stated]
        if mine > max(keys):
            way = ("严于", "stricter than")
        elif mine < min(keys):
            way = ("宽于", "looser than")
        else:
            return
        zh_name, en_name = self._meeting_name(m)
        mz, me = quorum_words(m["quorum"])
        zh_p = "；".join(f"{place(p)}：{quorum_words(pm['quorum'])[0]}" for p, pm in stated)
        en_p = "; ".join(f"{place(p)}: {quorum_words(pm['quorum'])[1]}" for p, pm in stated)
        self._add(
            "quorum",
            m["iri"],
            _GZ + "quorum",
            m["quorum"].get("text"),
            f"{zh_name}的到会人数要求（{mz}）{way[0]}所有同级政府（{zh_p}）。",
            f"The quorum of the {en_name} ({me}) is {way[1]} at every peer ({en_p}).",
            m.get("sources") or [],
        )

    def _yearly(self, freq: dict | None) -> tuple[float, float] | None:
        unit = self.v.scheme("time-unit").get(freq.get("per")) if freq else None
        if unit is None or unit.per_year is None:
            return None
        lo, hi = freq.get("min"), freq.get("max")
        if lo is None and hi is None:
            return None
        lo, hi = (lo if lo is not None else hi), (hi if hi is not None else lo)
        return float(lo) * float(unit.per_year), float(hi) * float(unit.per_year)

    def frequency(self, m: dict) -> None:
        mine = self._yearly(m.get("frequency"))
        if mine is None:
            return
        stated = [
            (p, pm, y)
            for p, pm in self._same_kind(m["kind"])
            if (y := self._yearly(pm.get("frequency")))
        ]
        if not stated:
            return
        lo, hi = min(y[0] for *_, y in stated), max(y[1] for *_, y in stated)
        if mine[1] < lo:
            way = ("少于", "less often than")
        elif mine[0] > hi:
            way = ("多于", "more often than")
        else:
            return
        zh_name, en_name = self._meeting_name(m)

        def span(y: tuple[float, float]) -> str:
            return f"{y[0]:g}" if y[0] == y[1] else f"{y[0]:g}–{y[1]:g}"

        zh_p = "；".join(f"{place(p)}：每年{span(y)}次" for p, _, y in stated)
        en_p = "; ".join(f"{place(p)}: {span(y)} a year" for p, _, y in stated)
        self._add(
            "frequency",
            m["iri"],
            _GZ + "frequency",
            m["frequency"].get("text"),
            f"{zh_name}每年召开{span(mine)}次，{way[0]}所有同级政府（{zh_p}）。",
            f"The {en_name} sits {span(mine)} times a year, {way[1]} any peer ({en_p}).",
            m.get("sources") or [],
        )

    def meeting_roles(self, m: dict, fld: str, prop: str) -> None:
        stated = [(p, pm) for p, pm in self._same_kind(m["kind"]) if pm.get(fld)]
        if not stated:
            return
        theirs = {r["code"] for _, pm in stated for r in pm[fld]}
        zh_name, en_name = self._meeting_name(m)
        role_zh, role_en = self.v.label("meeting-role", "member")
        seen = set()
        for r in m.get(fld) or []:
            code = r["code"]
            if not code or code == _CATCH_ALL or code in theirs or code in seen:
                continue
            seen.add(code)
            zh, en = self.v.label("role-kind", code)
            names = "、".join(dict.fromkeys(place(p) for p, _ in stated))
            self._add(
                "member",
                m["iri"],
                prop,
                code,
                f"{zh_name}的{role_zh}包括{r.get('label') or zh}（{zh}）；同级政府（{names}）"
                f"的同类会议均无此{role_zh}。",
                f"The {en_name} has the {en} as a {role_en}; no peer ({names}) has one in its "
                f"meeting of this kind.",
                m.get("sources") or [],
                value_label=zh,
            )

    def _power_key(self, p: dict) -> tuple[str, str | None, str | None]:
        scheme = p.get("object_scheme")
        obj = None if scheme == "role" else p.get("object")  # a post of the document itself
        return (p["action"], scheme if obj else None, obj)

    def _power_label(self, key: tuple) -> tuple[str, str]:
        action, scheme, obj = key
        az, ae = self.v.label("power-action", action)
        if not obj:
            return az, ae
        oz, oe = self.v.label("meeting-kind" if scheme == "meeting" else scheme, obj)
        return f"{az}（{oz}）", f"{ae} ({oe})"

    def holders(self) -> None:
        given: dict[tuple, dict[str, list[str]]] = {}  # key → holder code → peer places
        for p in self.peers:
            for pw in p.get("powers") or []:
                holders = given.setdefault(self._power_key(pw), {})
                for h in pw.get("holder") or []:
                    places = holders.setdefault(h["code"], [])
                    if place(p) not in places:
                        places.append(place(p))
        done = set()
        for pw in self.doc.get("powers") or []:
            key = self._power_key(pw)
            theirs = given.get(key)
            if not theirs:
                continue  # no peer states this power: nothing to compare with
            for h in pw.get("holder") or []:
                code = h["code"]
                if not code or code == _CATCH_ALL or code in theirs or (key, code) in done:
                    continue
                done.add((key, code))
                pz, pe = self._power_label(key)
                hz, he = self.v.label("role-kind", code)
                zh_o = "；".join(
                    f"{self.v.label('role-kind', c)[0]}（{'、'.join(ps)}）"
                    for c, ps in theirs.items()
                )
                en_o = "; ".join(
                    f"{self.v.label('role-kind', c)[1]} ({', '.join(ps)})"
                    for c, ps in theirs.items()
                )
                self._add(
                    "holder",
                    self.doc.get("iri") or "",
                    _GZ + "holder",
                    code,
                    f"由{h.get('label') or hz}（{hz}）{pz}；同级政府无一将此权限交给{hz}，"
                    f"而交给：{zh_o}。",
                    f"The {he} holds the power to {pe}; no peer gives it to the {he}. Peers "
                    f"give it to: {en_o}.",
                    pw.get("sources") or [],
                    value_label=hz,
                )
