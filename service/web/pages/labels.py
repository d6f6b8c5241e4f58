"""How codes read on the pages: bilingual labels of concepts (levels, roles, meeting kinds,
units …) from the SKOS vocabularies (:mod:`guize.vocab`, the folder the settings name), and of
ontology terms (fact types, properties) from the ontology and vocabulary files the service
serves (the static store, :mod:`guize.web.ld.static`): the same hand-kept files the build loads
into the store's model graphs, read in memory, so a label costs nothing however large the
store (every label of the store was a query over all of it: 5 s at 3,000 documents).
"""

from __future__ import annotations

from typing import Any

from flask import has_app_context

from guize.vocab import Scheme, Vocabulary, load_vocabulary
from guize.web.context import services
from guize.web.pages.store import memo, sparql


def vocabulary() -> Vocabulary:
    """The domain tables of the ontology folder the service is configured with (outside a
    request, e.g. in a doctest: the vocabularies guize ships with)."""
    return services().vocabulary if has_app_context() else load_vocabulary()


def scheme(code: str) -> Scheme:
    return vocabulary().scheme(code)


def label(scheme_code: str, code: str | None) -> tuple[str, str]:
    """(zh, en) label of ``code`` in a scheme; the code itself when nothing is known."""
    return vocabulary().label(scheme_code, code)


def term_labels() -> dict[str, dict[str, str]]:
    """IRI → {"zh": …, "en": …} for every labelled ontology term and vocabulary concept."""

    def compute() -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for r in services().static.query(sparql("labels")):
            lang = (r["label"].language or "").split("-")[0]
            if lang in ("zh", "en"):
                entry = out.setdefault(r["s"].value, {})
                # skos:prefLabel wins over rdfs:label (the query sorts prefLabel first).
                entry.setdefault(lang, r["label"].value)
        return out

    return memo("labels", compute)


def term_label(iri: str) -> tuple[str, str]:
    """(zh, en) label of an ontology term or concept IRI; its local name when unlabelled."""
    found = term_labels().get(iri, {})
    local = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return (
        found.get("zh") or found.get("en") or local,
        found.get("en") or found.get("zh") or local,
    )


def code_of(iri: Any, scheme_code: str) -> str | None:
    """The code of a concept IRI in a scheme (``…/vocab/{scheme}/{code}``)."""
    if iri is None:
        return None
    value = getattr(iri, "value", iri)
    marker = f"/vocab/{scheme_code}/"
    return value.split(marker, 1)[1] if marker in value else None
