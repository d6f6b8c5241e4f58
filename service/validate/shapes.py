"""The SHACL shapes (``shapes/``): loading a set of them under a base IRI.

Two sets (see ``shapes/README.md``): *integrity* (``integrity.ttl``: what every node of a
document graph must have; all violations) and *conformance* (``conformance/*.ttl``: what the law
requires of a government's rules, each shape citing its article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from guize.assets import AssetError, bundled, parse_turtle, shape_files
from guize.errors import GuizeError
from guize.iris import DEFAULT_BASE_IRI, NAMESPACE
from guize.rdf.plain import PlainStore

#: Which shape files each set is made of (globs under the shapes folder).
SHAPE_SETS = {
    "integrity": ("integrity.ttl",),
    "conformance": ("conformance/*.ttl",),
    "all": ("integrity.ttl", "conformance/*.ttl"),
}


class ShapesError(GuizeError):
    """A shapes file is missing or malformed (a fault of the installation, 500)."""


@dataclass(frozen=True)
class Shapes:
    """A loaded set of shapes, every IRI resolved against ``base_iri``."""

    which: str
    base_iri: str
    graph: Graph

    def named(self) -> list[URIRef]:
        """The named node shapes (those with targets), in IRI order."""
        sg = self.graph
        targets = (
            SH.targetClass,
            SH.targetNode,
            SH.targetSubjectsOf,
            SH.targetObjectsOf,
            SH.target,
        )
        return sorted({s for p in targets for s in sg.subjects(p, None) if isinstance(s, URIRef)})


def normal_base(base_iri: str) -> str:
    return base_iri if base_iri.endswith("/") else base_iri + "/"


def load_shapes(
    which: str = "all", base_iri: str = DEFAULT_BASE_IRI, shapes_dir: str | Path | None = None
) -> Shapes:
    """Parse the shape files of ``which`` (integrity | conformance | all) under ``base_iri``,
    from ``shapes_dir`` (default: the shapes guize ships with, :mod:`guize.assets`).

    The files write the model's IRIs relative to its stable namespace (:data:`guize.iris.NAMESPACE`);
    a relative ``sh:namespace`` literal (a shapes folder of one's own may have them) is resolved
    against it too.  Loaded shapes are cached.

    :raises ShapesError: if ``which`` is unknown, a file does not parse, or an IRI stays relative.
    """
    if which not in SHAPE_SETS:
        raise ShapesError(f"unknown shapes {which!r}; use one of: {', '.join(SHAPE_SETS)}")
    return _load_shapes(which, normal_base(base_iri), str(Path(shapes_dir or bundled("shapes"))))


@lru_cache(maxsize=16)
def _load_shapes(which: str, base: str, shapes_dir: str) -> Shapes:
    folder = Path(shapes_dir)
    files = shape_files(folder, SHAPE_SETS[which])
    if not files:
        raise ShapesError(f"no shape files for {which!r} in {folder}")
    g = Graph(store=PlainStore())  # read for every shape and focus node: see guize.rdf.plain
    for path in files:
        try:  # Oxigraph's parser: exact line and column on a syntax error
            triples = parse_turtle(path)
        except AssetError as exc:
            raise ShapesError(str(exc)) from exc
        g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    for s, ns in list(g.subject_objects(SH.namespace)):
        if isinstance(ns, Literal) and not re.match(r"^[a-z][a-z0-9+.-]*:", str(ns)):
            g.remove((s, SH.namespace, ns))
            g.add((s, SH.namespace, Literal(_resolve(NAMESPACE, str(ns)), datatype=XSD.anyURI)))
    relative = sorted(
        {
            str(t)
            for triple in g
            for t in triple
            if isinstance(t, URIRef) and not re.match(r"^[a-z][a-z0-9+.-]*:", str(t))
        }
    )
    if relative:
        raise ShapesError(f"relative IRIs left in the shapes: {', '.join(relative[:5])}")
    return Shapes(which, base, g)


def _resolve(base: str, ref: str) -> str:
    return str(URIRef(ref, base=base))
