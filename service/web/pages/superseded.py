"""Superseded in the store (被取代) on the document page: the evidence another document of the
store gives that this one was superseded or repealed (:mod:`guize.supersede` writes it after
each build to ``graph/cross/supersession``), each finding with the citing document and the
provision that shows it.  No HTML here.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from guize import supersede
from guize.iris import ONTOLOGY
from guize.web.pages.conformance import provision_label
from guize.web.pages.data import doc_key_of, documents, href
from guize.web.pages.store import base, select_text

_QUERY = f"""PREFIX gz: <{ONTOLOGY}>
SELECT ?s ?doc ?f ?kind ?number ?p WHERE {{ GRAPH ?s {{
  ?f gz:supersedes ?doc ; gz:sourceProvision ?p .
  OPTIONAL {{ ?f gz:supersessionKind ?kind }} OPTIONAL {{ ?f gz:successorNumber ?number }}
}} }} ORDER BY ?f"""


def superseded_by(doc_iri: str) -> list[dict[str, Any]]:
    """``[{"kind", "number", "document": {key, iri, title, number, href}, "provision": {iri,
    href, label}}]``: who shows ``doc_iri`` superseded (one bounded query of the supersession
    graph)."""
    graph = ox.NamedNode(base() + supersede.GRAPH)
    rows = select_text(_QUERY, s=graph, doc=ox.NamedNode(doc_iri))
    docs = {d["key"]: d for d in documents()}
    out = []
    for r in rows:
        p = r["p"].value
        citing = docs.get(doc_key_of(p) or "")
        out.append(
            {
                "kind": r["kind"].value if r["kind"] is not None else "",
                "number": r["number"].value if r["number"] is not None else None,
                "document": {
                    "key": citing["key"],
                    "iri": citing["doc"],
                    "title": citing.get("title") or citing["key"],
                    "name": citing.get("name") or citing["key"],
                    "number": citing.get("docNumber"),
                    "href": href(citing["doc"]),
                }
                if citing
                else None,
                "provision": {
                    "iri": p,
                    "href": href(p) if citing else None,
                    "label": provision_label(p),
                },
            }
        )
    return out
