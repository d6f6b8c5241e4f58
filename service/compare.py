"""The comparison profile (``guize compare``): one object per document, computed by the
catalogue's SPARQL queries over the store, and the same as a flat CSV matrix.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Any

from guize.query.catalogue import rows

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
                "signer": [],
                "sources": [],
            },
        )
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


def flat_rows(prof: dict) -> list[dict[str, Any]]:
    """One row per document, one column per feature (codes joined with ';')."""
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
        for kind in ("plenary", "standing", "head-office", "thematic"):
            ms = [m for m in d["meetings"] if m["kind"] == kind]
            m = ms[0] if ms else None
            row[f"{kind}.held"] = bool(m)
            for field in (
                "members",
                "non_voting_attendees",
                "convener",
                "chair",
                "substitute_chair",
                "agenda_set_by",
                "minutes_signed_by",
            ):
                row[f"{kind}.{field}"] = _codes(m[field]) if m else None
            row[f"{kind}.frequency"] = (
                f"{m['frequency']['min'] or ''}-{m['frequency']['max'] or ''}/{m['frequency']['per'] or ''}"
                if m and m["frequency"]
                else None
            )
            row[f"{kind}.quorum"] = (
                f"{'>' if m['quorum']['strict'] else '>='}{m['quorum']['fraction']}"
                if m and m["quorum"]
                else None
            )
        row["other_meetings"] = ";".join(
            m["name"] or "" for m in d["meetings"] if m["kind"] == "other"
        )
        for s in d["signing"]:
            row[f"signing.{s['category']}"] = _codes(s["signer"])
        row["deadline_count"] = len(d["deadlines"])
        row["leave_rules"] = len(d["leave"])
        out.append(row)
    return out


def to_csv(prof: dict) -> str:
    flat = flat_rows(prof)
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
