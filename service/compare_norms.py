"""The institution part of the comparison profile: powers and duties as norms, what each
meeting decides, the major-decision procedure, Party reporting and rule-making claims —
computed by the catalogue queries ``powers``, ``meeting_decides`` and ``decision_procedure``.

Codes are SKOS notations; their labels come from the vocabularies (``modality``,
``condition-event``, ``matter-category``, ``decision-step``, ``power-action``), in the display
order of those schemes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from guize.query.catalogue import rows
from guize.vocab import Vocabulary, load_vocabulary


def _add_unique(target: list, value: Any) -> None:
    if value not in target:
        target.append(value)


def powers(store, base: str) -> dict[str, list[dict]]:
    """Document IRI → its powers: one entry per norm and action, holders and sources merged."""
    out: dict[str, dict[tuple, dict]] = defaultdict(dict)
    for r in rows(store, "powers", base):
        entry = out[r["doc"]].setdefault(
            (r["fact"], r["action"]),
            {
                "action": r["action"],
                "holder": [],
                "object": _object(r["objectIri"])[1],
                "object_scheme": _object(r["objectIri"])[0],
                "object_text": r["objectText"],
                "modality": r["modality"] or "power",
                "hedged": bool(r["hedged"]),
                "condition": _condition(r),
                "sources": [],
            },
        )
        if r["code"]:
            _add_unique(entry["holder"], {"code": r["code"], "label": r["label"]})
        _add_unique(entry["sources"], r["provision"])
    return {doc: list(entries.values()) for doc, entries in out.items()}


def _object(iri: str | None) -> tuple[str | None, str | None]:
    """(scheme, code) of a norm's object: a concept's scheme and code, ``meeting`` or ``role``
    (a post of the document) and its last path segment; read here, not in SPARQL, so that
    every engine gives the same answer (Virtuoso evaluates nested IFs differently).

    >>> _object("https://w3id.org/guize/vocab/document-category/rules")
    ('document-category', 'rules')
    >>> _object("http://h/eli/a/meeting/standing"), _object(None)
    (('meeting', 'standing'), (None, None))
    """
    if not iri:
        return None, None
    code = iri.rsplit("/", 1)[-1]
    if "/vocab/" in iri:
        return iri.split("/vocab/", 1)[1].split("/", 1)[0], code
    return ("meeting" if "/meeting/" in iri else "role"), code


def _condition(r: dict) -> dict | None:
    """The structured condition of a norm, or None when it has none."""
    if not (r["event"] or r["condition"] or r["entrusted"] or r["authorised"]):
        return None
    return {
        "event": r["event"],
        "entrustment_required": bool(r["entrusted"]),
        "authorisation_required": bool(r["authorised"]),
        "text": r["condition"],
    }


def meeting_decides(store, base: str, vocabulary: Vocabulary | None = None) -> dict[str, dict]:
    """Meeting IRI → {"decides": [matter codes in scheme order], "sources": [provisions]}."""
    scheme = (vocabulary or load_vocabulary()).scheme("matter-category")
    out: dict[str, dict] = {}
    for r in rows(store, "meeting_decides", base):
        m = out.setdefault(r["meeting"], {"decides": [], "sources": []})
        _add_unique(m["decides"], r["matter"])
        _add_unique(m["sources"], r["provision"])
    for m in out.values():
        m["decides"] = scheme.sort(m["decides"])
    return out


def procedure(store, base: str, vocabulary: Vocabulary | None = None) -> dict[str, dict]:
    """Document IRI → ``decision_procedure``, ``rule_making`` and ``party_reporting``."""
    scheme = (vocabulary or load_vocabulary()).scheme("decision-step")
    out: dict[str, dict] = defaultdict(empty_procedure)
    for r in rows(store, "decision_procedure", base):
        d = out[r["doc"]]
        if r["kind"] == "decision-step":
            _add_unique(d["decision_procedure"]["steps"], r["step"])
            _add_unique(d["decision_procedure"]["sources"], r["provision"])
        elif r["kind"] == "party-reporting":
            d["party_reporting"]["required"] = True
            _add_unique(d["party_reporting"]["sources"], r["provision"])
        elif r["kind"] == "rule-making":
            d["rule_making"]["claimed"] = True
            _add_unique(d["rule_making"]["sources"], r["provision"])
    for d in out.values():
        d["decision_procedure"]["steps"] = scheme.sort(d["decision_procedure"]["steps"])
    return dict(out)


def empty_procedure() -> dict:
    """The procedure fields of a document whose rules say nothing of them."""
    return {
        "decision_procedure": {"steps": [], "sources": []},
        "rule_making": {"claimed": False, "sources": []},
        "party_reporting": {"required": False, "sources": []},
    }


def flat_columns(d: dict) -> dict[str, Any]:
    """The CSV columns of these fields for one document of the profile."""
    ps = d.get("powers", [])
    return {
        "power_count": len(ps),
        "powers": ";".join(
            sorted(
                {
                    f"{p['action']}:{'+'.join(sorted({h['code'] for h in p['holder']}))}"
                    + (f"@{p['object']}" if p["object"] else "")
                    for p in ps
                }
            )
        ),
        "conditional_powers": sum(1 for p in ps if p["condition"]),
        "decision_procedure": ";".join(d["decision_procedure"]["steps"]),
        "rule_making": d["rule_making"]["claimed"],
        "party_reporting": d["party_reporting"]["required"],
    }
