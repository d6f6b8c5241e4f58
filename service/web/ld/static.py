"""The hand-kept RDF the service serves beside the store: the ontology, vocabularies and shapes
files (:mod:`guize.assets`, where the settings say), in memory, one named graph per file."""

from __future__ import annotations

import logging

import pyoxigraph as ox

from guize.assets import AssetError, Assets, parse_turtle
from guize.store import EmbeddedStore

log = logging.getLogger("guize.web")


def load_static(assets: Assets, base: str) -> EmbeddedStore:
    """The ontology, vocabularies and shapes files in memory, one named graph per document
    (``{ns}ontology``, ``{ns}vocab/<stem>``, ``{ns}shapes/<path without .ttl>``).
    Missing folders are skipped; a file that does not parse is logged and skipped."""
    static = EmbeddedStore(None)
    for path, graph in assets.served_graphs():
        try:
            triples = parse_turtle(path)
        except AssetError as exc:
            log.warning("not serving %s", exc)
            continue
        static.raw.extend(
            [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph)) for t in triples]
        )
    return static
