"""JSON-LD as consumers expect it: a published ``@context`` (``/context.jsonld``) and descriptions
compacted against it.

The context maps the prefixes of :func:`guize.namespaces.prefixes` (``gz:`` the model's stable
namespace, ``gzid:`` this deployment's things, and the standard vocabularies), so a description
reads ``"@type": "gz:WorkRules"``, ``"eli:title": …``.  Conversion from RDF and compaction are
PyLD's, with a document loader that refuses every fetch: nothing a description holds
makes the service reach the network.  The compacted document carries the context inline, so a
parser that loads nothing (Oxigraph's, rdflib offline) reads it as well as PyLD or jsonld.js;
``/context.jsonld`` publishes the same context for clients that compact or frame their own
JSON against it.
"""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox
from pyld import jsonld

from guize.namespaces import prefixes


def context(base: str) -> dict[str, Any]:
    """The ``@context`` object: one term per prefix, in the prefix table's order."""
    return {name: ns for name, ns in prefixes(base).items()}


def document(base: str) -> bytes:
    """The published context document."""
    return json.dumps({"@context": context(base)}, ensure_ascii=False, indent=2).encode()


def _no_fetch(url: str, options: dict | None = None) -> Any:
    raise jsonld.JsonLdError(
        f"guize does not fetch remote documents ({url})", "jsonld.LoadDocumentError"
    )


def compact(quads: list[ox.Quad], base: str) -> bytes:
    """``quads`` as compacted JSON-LD (named graphs as ``@graph`` objects) with the published
    context inline."""
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode()
    expanded = jsonld.from_rdf(nquads, {"format": "application/n-quads"})
    compacted = jsonld.compact(
        expanded, {"@context": context(base)}, options={"documentLoader": _no_fetch}
    )
    compacted["@context"] = context(base)  # inline: parsers without a loader read it too
    return json.dumps(compacted, ensure_ascii=False, indent=2).encode()
