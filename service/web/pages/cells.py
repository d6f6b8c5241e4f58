"""One cell of the comparison matrix: its text, the provisions it came from (so a reader can
click from the matrix to the words) or the document, a tooltip, the codes behind it."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from guize.iris import Iris
from guize.web.pages.data import doc_key_of, href
from guize.web.pages.store import base, memo, select


def _provision_labels(source: str) -> dict[str, str]:
    """The labels as written of the provisions of the document ``source`` is part of (read in
    its graph: a map of every provision of the store grew with the store)."""
    key = doc_key_of(source)
    if key is None:
        return {}
    return memo(
        f"provision_labels:{key}",
        lambda: {
            r["provision"].value: r["label"].value
            for r in select("provision_labels", graph=ox.NamedNode(Iris(base()).graph(key)))
        },
    )


def _links(sources: list[str] | None) -> list[dict[str, str]]:
    out = []
    for s in sources or []:
        tail = s.rsplit("/", 1)[-1]
        text = (_provision_labels(s).get(s) or tail.replace("art_", "§")).rstrip("、．. ")
        out.append({"href": href(s), "iri": s, "label": text})
    return out


def cell(
    text: str | None,
    sources: list[str] | None = None,
    *,
    title: str = "",
    doc_iri: str | None = None,
    codes: str = "",
    words: str = "",
) -> dict[str, Any]:
    """One matrix cell: its (normalised) text, the rules' own words when they differ, the
    provisions it came from (or the document), a tooltip."""
    links = _links(sources)
    if not links and doc_iri and text:
        links = [{"href": href(doc_iri), "iri": doc_iri, "label": "", "document": True}]
    return {
        "text": text or "",
        "words": words if words and words != text else "",
        "empty": not text,
        "links": links,
        "title": title,
        "codes": codes,
        "href": links[0]["href"] if links else None,
    }
