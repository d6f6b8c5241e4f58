"""The conformance matrix: governments × conformance shapes, each cell the worst severity of
the shape's results for that document, ``pass`` (the shape applied and found nothing) or
``n/a`` (it did not apply).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from guize.iris import DEFAULT_BASE_IRI, ONTOLOGY
from guize.namespaces import ELI as ELI_NS
from guize.validate.editions import cite
from guize.validate.mirror import MirroredQueryGraph
from guize.validate.prepared import prepared
from guize.validate.report import SEVERITIES, Edition, LegalBasis, Result
from guize.validate.run import document_graph, store_documents, store_model, validate_one
from guize.validate.shapes import Shapes, load_shapes, normal_base
from guize.validate.trace import legal_basis

#: A cell: the worst severity of the shape's results for that document, "pass"
#: (the shape applied and found nothing), or "n/a" (the shape does not apply).
CELL_VALUES = (*SEVERITIES, "pass", "n/a")


@dataclass(frozen=True)
class MatrixShape:
    iri: str
    name: str
    label_zh: str
    label_en: str
    legal_basis: LegalBasis | None


@dataclass(frozen=True)
class MatrixRow:
    government: str
    label: str | None
    level: str | None
    document: str
    cells: dict[str, str]  # shape name → cell value
    #: the editions of law the applicable shapes judged the document by (its date's)
    editions: tuple[Edition, ...] = ()


@dataclass
class Matrix:
    shapes: list[MatrixShape]
    rows: list[MatrixRow]
    base_iri: str = ""
    results: list[Result] = field(default_factory=list)
    """Every result behind the cells (what a page links a cell to)."""

    def as_json(self) -> dict[str, Any]:
        return {
            "shapes": [
                {
                    "iri": s.iri,
                    "name": s.name,
                    "label_zh": s.label_zh,
                    "label_en": s.label_en,
                    "legal_basis": s.legal_basis.as_json() if s.legal_basis else None,
                }
                for s in self.shapes
            ],
            "rows": [
                {
                    "government": r.government,
                    "label": r.label,
                    "level": r.level,
                    "document": r.document,
                    "cells": r.cells,
                    "editions": [e.as_json() for e in r.editions],
                }
                for r in self.rows
            ],
        }


def _prefix_header(sg: Graph, node: Any) -> str:
    out = []
    for decl in sg.objects(node, SH.declare):
        out.append(f"PREFIX {sg.value(decl, SH.prefix)}: <{sg.value(decl, SH.namespace)}>")
    return "\n".join(out) + "\n"


def focus_nodes(shapes: Shapes, data: Graph, shape: URIRef) -> set[Any]:
    """The nodes of ``data`` a shape targets (class, node, subjects/objects-of and SPARQL targets)."""
    sg, out = shapes.graph, set()
    for cls in sg.objects(shape, SH.targetClass):
        out |= set(data.subjects(RDF.type, cls))
    for node in sg.objects(shape, SH.targetNode):
        if (node, None, None) in data or (None, None, node) in data:
            out.add(node)
    for p in sg.objects(shape, SH.targetSubjectsOf):
        out |= set(data.subjects(p, None))
    for p in sg.objects(shape, SH.targetObjectsOf):
        out |= set(data.objects(None, p))
    for target in sg.objects(shape, SH.target):
        select = sg.value(target, SH.select)
        if select is not None:
            text = _prefix_header(sg, sg.value(target, SH.prefixes)) + str(select)
            out |= {row[0] for row in data.query(prepared(text))}
    return out


def _matrix_shapes(shapes: Shapes) -> list[MatrixShape]:
    sg, out = shapes.graph, []
    for s in shapes.named():
        labels = {x.language: str(x) for x in sg.objects(s, RDFS.label) if isinstance(x, Literal)}
        name = str(s).rsplit("#", 1)[-1]
        out.append(
            MatrixShape(
                str(s),
                name,
                labels.get("zh", name),
                labels.get("en", name),
                legal_basis(shapes.graph, shapes.base_iri, s),
            )
        )
    return out


def matrix_of_graphs(
    graphs: Iterable[Graph],
    base_iri: str = DEFAULT_BASE_IRI,
    *,
    model: Graph | None = None,
    shapes: Shapes | None = None,
) -> Matrix:
    """Governments × conformance shapes over document graphs: each cell the worst severity,
    ``pass`` (the shape applied, nothing found) or ``n/a`` (it did not apply).

    :param shapes: the conformance shapes already loaded (default: those guize ships with).
    """
    base = normal_base(base_iri)
    shapes = shapes or load_shapes("conformance", base)
    columns = _matrix_shapes(shapes)
    gz = Namespace(ONTOLOGY)
    rows, results = [], []
    for data in graphs:
        one = validate_one(data, shapes, base, model)
        g = data.impl if isinstance(data, MirroredQueryGraph) else data  # (validation_data)
        results.extend(one.results)
        for doc in sorted(set(g.subjects(RDF.type, gz.WorkRules))):
            gov = g.value(doc, gz.government)
            level = g.value(gov, gz.administrativeLevel) if gov is not None else None
            dated = g.value(doc, URIRef(ELI_NS + "date_document"))
            date = str(dated)[:10] if dated is not None else None
            cells, editions = {}, {}
            for col in columns:
                found = [
                    r.severity
                    for r in one.results
                    if r.shape == col.iri and r.document in (str(doc), None)
                ]
                if found:
                    cells[col.name] = min(found, key=SEVERITIES.index)
                else:  # n/a also when the rule's law was not in force on the document's date
                    applies = focus_nodes(shapes, g, URIRef(col.iri)) and (
                        col.legal_basis is None or cite(col.legal_basis, date) is not None
                    )
                    cells[col.name] = "pass" if applies else "n/a"
                if cells[col.name] != "n/a" and col.legal_basis is not None:
                    cited = cite(col.legal_basis, date)
                    editions.update({e.iri: e for e in (cited.editions if cited else ())})
            # the Chinese label (else the first in text order): not whichever the engine
            # happened to return first
            label = (
                min(
                    (str(x) for x in g.objects(gov, RDFS.label)),
                    key=lambda x: (not _is_chinese(x), x),
                    default=None,
                )
                if gov is not None
                else None
            )
            rows.append(
                MatrixRow(
                    str(gov) if gov is not None else "",
                    label,
                    str(level).rsplit("/", 1)[-1] if level is not None else None,
                    str(doc),
                    cells,
                    tuple(sorted(editions.values(), key=lambda e: e.iri)),
                )
            )
    rows.sort(key=lambda r: (r.label or "", r.document))
    return Matrix(columns, rows, base, results)


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def matrix(store: Any, base_iri: str = DEFAULT_BASE_IRI) -> Matrix:
    """The conformance matrix of every document in the store."""
    base = normal_base(base_iri)
    model = store_model(store, base)
    return matrix_of_graphs(
        (document_graph(store, g) for g in store_documents(store, base)), base, model=model
    )
