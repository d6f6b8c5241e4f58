"""The ontology and vocabulary reference (the HTML view of ``{ns}ontology``): every class and
property of the project's namespace with its zh/en label, definition, domain and range, its
broader terms, how often the store uses it and one example; and every SKOS scheme with its
concepts.  Each term's section has its local name as ``id``, so ``ontology#Term`` lands on it.

The terms are read from the hand-kept files the service serves (the static store); the counts
from the store, once per store version.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from markupsafe import Markup, escape

from guize.iris import ONTOLOGY, VOCAB
from guize.namespaces import OWL, RDF, RDFS, SKOS, curie, prefixes
from guize.query.catalogue import python_value
from guize.web.context import services
from guize.web.pages.data import href
from guize.web.pages.labels import term_label, vocabulary
from guize.web.pages.store import base, memo, page_store

KINDS = {
    OWL + "Class": "class",
    OWL + "ObjectProperty": "property",
    OWL + "DatatypeProperty": "property",
    OWL + "AnnotationProperty": "property",
}
TERMS = "SELECT ?ns ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR(?ns))) }"
PROPERTY_USE = """SELECT ?p (COUNT(*) AS ?n) (MIN(IF(isIRI(?s), STR(?s), "~")) AS ?example)
WHERE { ?s ?p ?o } GROUP BY ?p"""
CLASS_USE = """SELECT ?c (COUNT(?s) AS ?n) (MIN(IF(isIRI(?s), STR(?s), "~")) AS ?example)
WHERE { ?s a ?c } GROUP BY ?c"""


def _lang_pick(values: list[Any]) -> tuple[str, str]:
    """(zh, en) of language-tagged literals; an empty zh when there is only English (the page
    then shows the English, marked as such)."""
    by = {(v.language or "").split("-")[0]: v.value for v in values if hasattr(v, "language")}
    zh = by.get("zh") or by.get("") or ""
    return zh, by.get("en") or zh


#: Technical references inside a definition's prose: in Chinese prose every run of Latin
#: characters is a name of the model (``gz:role``, ``vocab/meeting-role``, ``{doc}/fact/…``, a
#: code such as ``ahead``), set as code.
_TECHNICAL = re.compile(r"[A-Za-z_{][\w:{}/.\-…]*[\w}…]|[A-Za-z]")


def codify(text: str) -> Markup:
    """A definition as HTML, its technical references (``gz:role``, ``vocab/meeting-role``,
    ``{doc}/fact/…``, camelCase and hyphenated codes) set as code.

    >>> str(codify("会议角色（gz:meetingRole，取自 vocab/meeting-role）"))
    '会议角色（<code>gz:meetingRole</code>，取自 <code>vocab/meeting-role</code>）'
    """
    out, pos = [], 0
    for m in _TECHNICAL.finditer(text):
        out.append(str(escape(text[pos : m.start()])))
        out.append(f"<code>{escape(m.group(0))}</code>")
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def _usage() -> dict[str, tuple[int, str | None]]:
    def compute() -> dict[str, tuple[int, str | None]]:
        out: dict[str, tuple[int, str | None]] = {}
        for text, var in ((PROPERTY_USE, "p"), (CLASS_USE, "c")):
            for r in page_store().query(text):
                example = r["example"].value if r["example"] is not None else "~"
                out[r[var].value] = (
                    int(python_value(r["n"]) or 0),
                    None if example == "~" else example,
                )
        return out

    return memo("reference-usage", compute)


def terms() -> dict[str, Any]:
    """Classes and properties of the ``gz:`` namespace, each described, sorted by local name."""
    ns = ONTOLOGY
    props: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for r in services().static.query(TERMS, substitutions={"ns": ns}):
        props[r["s"].value][r["p"].value].append(r["o"])
    usage = _usage()
    out: dict[str, list[dict[str, Any]]] = {"class": [], "property": []}
    for iri, p in props.items():
        kinds = {KINDS.get(t.value) for t in p.get(RDF + "type", [])} - {None}
        if not kinds:
            continue
        kind = "class" if "class" in kinds else "property"
        used, example = usage.get(iri, (0, None))
        out[kind].append(
            {
                "iri": iri,
                "name": iri[len(ns) :],
                "label": _lang_pick(p.get(RDFS + "label", []) or p.get(SKOS + "prefLabel", [])),
                "definition": _lang_pick(
                    p.get(SKOS + "definition", []) or p.get(RDFS + "comment", [])
                ),
                "example_note": _lang_pick(p.get(SKOS + "example", [])),
                "domain": [
                    _link(o.value) for o in p.get(RDFS + "domain", []) if hasattr(o, "value")
                ],
                "range": [_link(o.value) for o in p.get(RDFS + "range", []) if hasattr(o, "value")],
                "broader": [
                    _link(o.value)
                    for o in p.get(RDFS + "subClassOf", []) + p.get(RDFS + "subPropertyOf", [])
                    if hasattr(o, "value") and o.value.startswith("http")
                ],
                "used": used,
                "example": _link(example) if example else None,
            }
        )
    for kind in out:
        out[kind].sort(key=lambda t: t["name"].lower())
    return {
        "classes": out["class"],
        "properties": out["property"],
        "schemes": schemes(),
    }


def _link(iri: str) -> dict[str, Any]:
    ns = ONTOLOGY
    local = iri[len(ns) :] if iri.startswith(ns) else None
    return {
        "iri": iri,
        "href": f"#{local}" if local else href(iri),
        "label": term_label(iri),
        "curie": curie(iri, prefixes(base())),
    }


def schemes() -> list[dict[str, Any]]:
    """Every SKOS scheme of the vocabulary with its concepts (code, labels, IRI)."""
    vocab = vocabulary()
    out = []
    for code in vocab.schemes:
        sch = vocab.scheme(code)
        out.append(
            {
                "code": code,
                "iri": f"{VOCAB}{code}",
                "href": href(f"{VOCAB}{code}"),
                "label": term_label(f"{VOCAB}{code}"),
                "concepts": [
                    {
                        "code": c,
                        "label": sch.label(c),
                        "href": href(f"{VOCAB}{code}/{c}"),
                    }
                    for c in sch.codes()
                ],
            }
        )
    return out
