"""The facts of one document for its page: each fact described by its own statements (types,
properties, values one level deep), placed in the provisions it came from, and its quote marked
in the provision's text."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from markupsafe import Markup, escape

from guize.iris import NAMESPACE, ONTOLOGY
from guize.namespaces import RDFS, SKOS
from guize.query.catalogue import python_value
from guize.web.pages import strings
from guize.web.pages.data import RDF_TYPE
from guize.web.pages.labels import code_of, label, term_label, vocabulary
from guize.web.pages.store import document_graph, select
from guize.web.pages.text import find_quote, render_marked

#: Naming properties and their names in the strings table.
NAMING = {
    RDFS + "label": "prop.label",
    SKOS + "altLabel": "prop.altLabel",
    RDFS + "comment": "prop.comment",
}


def owner_of(source: str, provisions: dict[str, dict]) -> dict | None:
    """The provision a source IRI (a provision, or a paragraph or item in it) belongs to."""
    probe = source
    while probe:
        if probe in provisions:
            return provisions[probe]
        if "/" not in probe:
            return None
        probe = probe.rsplit("/", 1)[0]
    return None


def place_facts(doc_iri: str, structure: dict[str, Any]) -> dict[str, Any]:
    """Every fact of the document, each placed in its provision(s) with its quote marked in the
    provision's text (``provision["html"]``); and those whose quote could not be found."""
    described = _fact_descriptions(doc_iri)
    provisions = structure["provisions"]
    facts: dict[str, dict[str, Any]] = {}
    for r in select("facts", doc=ox.NamedNode(doc_iri), graph=document_graph(doc_iri)):
        fid = r["fact"].value if not isinstance(r["fact"], ox.BlankNode) else f"_:{r['fact'].value}"
        f = facts.get(fid)
        if f is None:
            desc = described.get(fid, {"types": [], "lines": []})
            f = facts[fid] = {
                "iri": fid,
                "n": len(facts) + 1,
                "sources": [],
                "quotes": [],
                **desc,
                "summary": _summary(desc),
            }
        src = r["source"].value
        if src not in f["sources"]:
            f["sources"].append(src)
        if r["exact"] is not None and r["exact"].value not in f["quotes"]:
            f["quotes"].append(r["exact"].value)
    for f in facts.values():
        f["id"] = f"fact-{f['n']}"
        iri = f["iri"]
        f["anchor"] = iri[len(doc_iri) + 1 :] if iri.startswith(doc_iri + "/") else f["id"]
        f["placed"] = False
        f["home"] = None  # the provision whose fact list carries the fact's id (one per page)
        for src in f["sources"]:
            owner = owner_of(src, provisions)
            if owner is not None and f not in owner["facts"]:
                owner["facts"].append(f)
                f["home"] = f["home"] or owner["iri"]
    for p in provisions.values():
        marks = []
        for f in p["facts"]:
            for q in f["quotes"]:
                at = find_quote(p["text"], q)
                if at:
                    marks.append((at[0], at[1], f["id"]))
                    f["placed"] = True
        titles = {f["id"]: f["summary"] for f in p["facts"]}
        p["html"] = render_marked(p["text"], marks, titles, p["paragraph_ids"])
    return {
        "all": list(facts.values()),
        "unplaced": [f for f in facts.values() if f["quotes"] and not f["placed"]],
    }


def _fact_descriptions(doc_iri: str) -> dict[str, dict[str, Any]]:
    """fact id → {"types": [(zh, en)], "lines": [((zh, en) of the property, value text)]}.

    A value node without a label of its own (a frequency, a quorum) is shown by its own
    statements, one level deep: ``（次数下限=1；单位=月）``.  Labels are taken in Chinese when
    there is a Chinese one.
    """
    facts: dict[str, dict[str, Any]] = {}

    def tid(t: Any) -> str:
        return f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value

    def keep(labels: dict[str, str], lbl: Any) -> None:
        if lbl is not None:
            labels.setdefault((lbl.language or "").split("-")[0], lbl.value)

    for r in select("fact_statements", doc=ox.NamedNode(doc_iri), graph=document_graph(doc_iri)):
        d = facts.setdefault(tid(r["fact"]), {"types": [], "values": {}})
        p, o = r["p"].value, r["o"]
        if p == RDF_TYPE:
            if o.value.startswith(ONTOLOGY) and term_label(o.value) not in d["types"]:
                d["types"].append(term_label(o.value))
            continue
        v = d["values"].setdefault((p, tid(o)), {"term": o, "labels": {}, "nested": {}})
        keep(v["labels"], r["oLabel"])
        if r["p2"] is not None:
            n = v["nested"].setdefault(
                (r["p2"].value, tid(r["o2"])), {"term": r["o2"], "labels": {}}
            )
            keep(n["labels"], r["o2Label"])
    out = {}
    gz_fact = ONTOLOGY + "Fact"
    for fid, d in facts.items():
        lines = []
        for (p, _), v in d["values"].items():
            text = _value_text(v["term"], _pick(v["labels"]))
            nested = [
                (prop_label(p2), _value_text(n["term"], _pick(n["labels"])))
                for (p2, _), n in v["nested"].items()
            ]
            if nested and not v["labels"] and not isinstance(v["term"], ox.Literal):
                text = ""
            lines.append((prop_label(p), text, nested))
        types = [t for t in d["types"] if t != term_label(gz_fact)] or d["types"]
        out[fid] = {"types": types, "lines": lines}
    return out


def _pick(labels: dict[str, str]) -> str | None:
    return (
        labels.get("zh") or labels.get("") or labels.get("en") or next(iter(labels.values()), None)
    )


def prop_label(iri: str) -> tuple[Any, Any]:
    """(zh, en) name of a property: the strings table for the RDF/SKOS naming properties, the
    ontology's label, else its local name set as code."""
    if iri in NAMING:
        return strings.pair(NAMING[iri])
    zh, en = term_label(iri)
    local = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    if zh == local:
        code = Markup(f"<code>{escape(local)}</code>")
        return code, code
    return zh, en


def _value_text(term: Any, lbl: str | None) -> Any:
    """How a value reads: its label; a concept's label; a literal as it is -- English marked
    as English, a known code value from the strings table (``ahead`` → 提前), another code
    set as code."""
    if lbl is not None:
        return lbl
    if isinstance(term, ox.NamedNode):
        for scheme in vocabulary().schemes:
            code = code_of(term.value, scheme)
            if code:
                return label(scheme, code)[0]
        return term_label(term.value)[0] if term.value.startswith(NAMESPACE) else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    value = python_value(term)
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(term, ox.Literal) and (term.language or "").startswith("en"):
        return Markup(f'<span lang="en">{escape(term.value)}</span>')
    text = str(value)
    if isinstance(value, str) and text.isascii() and any(c.isalpha() for c in text):
        key = f"value.{text}"
        return (
            strings.text(key, "zh")
            if key in strings.STRINGS
            else Markup(f"<code>{escape(text)}</code>")
        )
    return text


def _summary(desc: dict[str, Any]) -> str:
    types = " / ".join(f"{zh} {en}" for zh, en in desc["types"]) or "事实 fact"
    lines = [
        f"{_plain(zh)}: {_plain(val)}"
        + (
            "（" + "；".join(f"{_plain(n[0])}={_plain(x)}" for n, x in nested) + "）"
            if nested
            else ""
        )
        for (zh, _), val, nested in desc["lines"]
    ]
    return "\n".join([types, *lines])


def _plain(text: Any) -> str:
    """Text for a tooltip: markup (a code, a language span) stripped."""
    return Markup(text).striptags() if isinstance(text, Markup) else str(text)
