"""The comparison profile (``guize compare``): one object per document, computed by the
catalogue's SPARQL queries over the store, and the same as a flat CSV matrix.

The CSV has a group of columns for every meeting kind of the vocabulary (``meeting-kind``, in
``gz:sortOrder``) and for any other kind the data holds, so a new kind needs no code; kinds
narrower than ``other`` are listed by name in ``other_meetings``.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Any

from guize import compare_norms
from guize.compare_institution import institution, institution_columns
from guize.query.catalogue import rows
from guize.vocab import Vocabulary, load_vocabulary

#: Meeting attributes whose value is a list of roles (meeting-role code → profile field).
ROLE_FIELDS = {
    "member": "members",
    "non-voting-attendee": "non_voting_attendees",
    "participant": "participants",
    "convener": "convener",
    "chair": "chair",
    "substitute-chair": "substitute_chair",
    "agenda-setter": "agenda_set_by",
    "minutes-signer": "minutes_signed_by",
}


def _role(row: dict) -> dict:
    return {"code": row["code"], "label": row["label"]}


def _add_unique(target: list, value: Any) -> None:
    if value not in target:
        target.append(value)


def _by_doc(store, name: str, base: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows(store, name, base):
        out[r["doc"]].append(r)
    return out


def _meetings(store, base: str) -> dict[str, list[dict]]:
    meetings: dict[str, dict] = {}
    per_doc: dict[str, list[dict]] = defaultdict(list)
    for r in rows(store, "meetings", base):
        m = {
            "iri": r["meeting"],
            "kind": r["kind"],
            "name": r["name"],
            **{f: [] for f in ROLE_FIELDS.values()},
            "frequency": None,
            "quorum": None,
            "decides": [],
            "sources": [],
        }
        meetings[r["meeting"]] = m
        per_doc[r["doc"]].append(m)
    for r in rows(store, "meeting_roles", base):
        m = meetings.get(r["meeting"])
        if m and r["attribute"] in ROLE_FIELDS:
            _add_unique(m[ROLE_FIELDS[r["attribute"]]], _role(r))
            _add_unique(m["sources"], r["provision"])
    for r in rows(store, "meeting_frequency", base):
        if r["meeting"] in meetings:
            meetings[r["meeting"]]["frequency"] = {
                "text": r["text"],
                "per": r["per"],
                "min": r["min"],
                "max": r["max"],
                "hedged": r["hedged"],
            }
    for r in rows(store, "meeting_quorum", base):
        if r["meeting"] in meetings:
            meetings[r["meeting"]]["quorum"] = {
                "text": r["text"],
                "fraction": r["fraction"],
                "strict": r["strict"],
            }
    for r in rows(store, "meeting_sources", base):
        if r["meeting"] in meetings:
            _add_unique(meetings[r["meeting"]]["sources"], r["provision"])
    for iri, d in compare_norms.meeting_decides(store, base).items():
        if iri in meetings:
            meetings[iri]["decides"] = d["decides"]
            for p in d["sources"]:
                _add_unique(meetings[iri]["sources"], p)
    return per_doc


def _signing(rs: list[dict]) -> list[dict]:
    facts: dict[str, dict] = {}
    for r in rs:
        f = facts.setdefault(
            r["fact"],
            {
                "category": r["category"],
                "category_text": r["categoryText"],
                "action": r["action"],
                "actions": [],
                "condition": r["condition"],
                "signer": [],
                "sources": [],
            },
        )
        _add_unique(f["actions"], r["action"])
        if r["code"]:
            _add_unique(f["signer"], _role(r))
        _add_unique(f["sources"], r["provision"])
    return list(facts.values())


def _leave(rs: list[dict]) -> list[dict]:
    facts: dict[str, dict] = {}
    for r in rs:
        f = facts.setdefault(
            r["fact"], {"who": [], "report_to": [], "advance": None, "sources": []}
        )
        if r["relation"] and r["code"]:
            _add_unique(f[r["relation"]], _role(r))
        if r["amount"] is not None:
            f["advance"] = {"amount": r["amount"], "unit": r["unit"]}
        _add_unique(f["sources"], r["provision"])
    return list(facts.values())


def profile(store, base: str) -> dict:
    """``{"documents": [...]}``: the comparison profile of every document in the store."""
    versions = _by_doc(store, "versions", base)
    composition = _by_doc(store, "composition", base)
    head = _by_doc(store, "head_responsibility", base)
    acting = _by_doc(store, "acting_head", base)
    signing = _by_doc(store, "signing", base)
    deadlines = _by_doc(store, "deadlines", base)
    leave = _by_doc(store, "leave", base)
    meetings = _meetings(store, base)
    powers = compare_norms.powers(store, base)
    procedure = compare_norms.procedure(store, base)
    inst = institution(store, base)
    docs = []
    for d in rows(store, "documents", base):
        iri = d["doc"]
        vs = versions.get(iri, [])
        act = acting.get(iri, [])
        docs.append(
            {
                "id": d["key"],
                "iri": iri,
                "government": d["gov"],
                "issuer": d["issuer"],
                "title": d["title"],
                "place": d["place"],
                "province": d["province"],
                "level": d["level"],
                "head_title": d["headTitle"],
                "doc_number": d["docNumber"],
                "issued": d["issued"],
                "status": d["status"],
                "supersedes": [v["number"] for v in vs if v["relation"] == "supersedes"],
                "superseded_by": [v["number"] for v in vs if v["relation"] == "superseded_by"],
                "chapter_count": d["chapters"],
                "provision_count": d["provisions"],
                "composition": _unique_roles(composition.get(iri, [])),
                "head_responsibility": True if head.get(iri) else None,
                "head_responsibility_sources": [r["provision"] for r in head.get(iri, [])],
                "acting_head": (
                    {
                        "role": _role(act[0]),
                        "condition": act[0]["condition"],
                        "entrustment_required": act[0]["entrusted"],
                        "sources": [act[0]["provision"]],
                    }
                    if act
                    else None
                ),
                "meetings": meetings.get(iri, []),
                "signing": _signing(signing.get(iri, [])),
                "deadlines": [
                    {
                        "topic": r["topic"],
                        "amount": r["amount"],
                        "unit": r["unit"],
                        "bound": r["bound"],
                        "sources": [r["provision"]],
                    }
                    for r in deadlines.get(iri, [])
                ],
                "leave": _leave(leave.get(iri, [])),
                "powers": powers.get(iri, []),
                **procedure.get(iri, compare_norms.empty_procedure()),
                **inst[iri],
            }
        )
    return {"documents": docs}


def _unique_roles(rs: list[dict]) -> list[dict]:
    out: list[dict] = []
    for r in rs:
        _add_unique(out, _role(r))
    return out


def _codes(roles: list[dict]) -> str:
    return ";".join(sorted({r["code"] for r in roles}))


#: Per-meeting columns of the CSV (profile fields holding roles).
MEETING_COLUMNS = (
    "members",
    "non_voting_attendees",
    "convener",
    "chair",
    "substitute_chair",
    "agenda_set_by",
    "minutes_signed_by",
)


def meeting_kinds(prof: dict, vocabulary: Vocabulary) -> tuple[list[str], set[str]]:
    """(kinds that get columns, kinds listed by name as other meetings).

    Every top concept of the meeting-kind scheme but ``other`` gets columns, in display order,
    then any kind of the data the vocabulary does not know; ``other`` and its narrower kinds
    are other meetings.
    """
    scheme = vocabulary.scheme("meeting-kind")
    other = {"other"} | {c.code for c in scheme.concepts if c.broader == "other"}
    found = [m["kind"] for d in prof["documents"] for m in d["meetings"]]
    kinds = [c.code for c in scheme.concepts if c.broader is None and c.code not in other]
    kinds += [k for k in dict.fromkeys(found) if k not in kinds and k not in other]
    return kinds, other


def flat_rows(prof: dict, vocabulary: Vocabulary | None = None) -> list[dict[str, Any]]:
    """One row per document, one column per feature (codes joined with ';').

    :param vocabulary: the domain tables (default: the vocabularies guize ships with).
    """
    kinds, other = meeting_kinds(prof, vocabulary or load_vocabulary())
    out = []
    for d in prof["documents"]:
        row: dict[str, Any] = {
            k: d[k]
            for k in (
                "id",
                "place",
                "province",
                "level",
                "head_title",
                "doc_number",
                "issued",
                "status",
                "chapter_count",
                "provision_count",
            )
        }
        row["supersedes"] = ";".join(d["supersedes"])
        row["superseded_by"] = ";".join(d["superseded_by"])
        row["composition"] = _codes(d["composition"])
        row["head_responsibility"] = d["head_responsibility"]
        row["acting_head"] = d["acting_head"]["role"]["code"] if d["acting_head"] else None
        for kind in kinds:
            ms = [m for m in d["meetings"] if m["kind"] == kind]
            row.update(_meeting_columns(kind, ms[0] if ms else None))
        row["other_meetings"] = ";".join(
            m["name"] or m["kind"] for m in d["meetings"] if m["kind"] in other
        )
        for s in d["signing"]:
            row[f"signing.{s['category']}"] = _codes(s["signer"])
        row["deadline_count"] = len(d["deadlines"])
        row["leave_rules"] = len(d["leave"])
        row.update(compare_norms.flat_columns(d))
        row.update(institution_columns(d))
        out.append(row)
    return out


def _meeting_columns(kind: str, m: dict | None) -> dict[str, Any]:
    row: dict[str, Any] = {f"{kind}.held": bool(m)}
    for field in MEETING_COLUMNS:
        row[f"{kind}.{field}"] = _codes(m[field]) if m else None
    freq, quorum = (m or {}).get("frequency"), (m or {}).get("quorum")
    row[f"{kind}.frequency"] = (
        f"{freq['min'] or ''}-{freq['max'] or ''}/{freq['per'] or ''}" if freq else None
    )
    row[f"{kind}.quorum"] = (
        f"{'>' if quorum['strict'] else '>='}{quorum['fraction']}" if quorum else None
    )
    row[f"{kind}.decides"] = ";".join(m.get("decides", [])) if m else None
    return row


def to_csv(prof: dict, vocabulary: Vocabulary | None = None) -> str:
    """The flat matrix as CSV (columns in the order first met)."""
    flat = flat_rows(prof, vocabulary)
    columns: list[str] = []
    for r in flat:
        for k in r:
            if k not in columns:
                columns.append(k)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for r in flat:
        writer.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return buf.getvalue()
