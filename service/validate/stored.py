"""Conformance results kept in the store (存储的合规结果): written by the build, one named graph
per document beside its inferred graph (``{graph}/conformance``), read back by the pages and
``guize validate --matrix`` without running the shapes.

The graph holds one ``sh:ValidationReport`` (``{graph}/conformance#report``) in SHACL's own
terms and a few of guize's:

- on the report: ``sh:conforms``, ``gz:validatedDocument`` (the document), ``gz:government``,
  ``gz:editionApplied`` (the editions of law the applicable rules judged the document by, those
  of its date), ``gz:shapesFingerprint`` (of the shapes and statutes it was computed with), and
  per conformance rule a ``gz:ruleOutcome`` node (a ``gz:RuleOutcome``: ``sh:sourceShape``, and
  ``gz:ruleApplies`` true when the rule applied to the document -- a matrix cell ``pass``
  rather than ``n/a`` when it found nothing);
- on each ``sh:result`` (a ``sh:ValidationResult``): ``sh:focusNode``, ``sh:resultPath``,
  ``sh:value``, ``sh:resultSeverity``, ``sh:resultMessage`` (@zh and @en),
  ``sh:sourceShape`` (the named rule), ``sh:sourceConstraintComponent``, and guize's trace:
  ``gz:sourceProvision``, ``gz:government``, ``gz:validatedDocument``, ``gz:valueLabel``, the
  legal basis as applied (``dcterms:source`` @zh/@en, ``gz:articleOfLaw``, ``gz:article``) and
  ``gz:editionApplied``.

The rules themselves (their labels and the articles they cite) are the conformance shapes,
loaded by the build into ``{base}graph/model/shapes/conformance``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from guize.assets import bundled, legal_files, shape_files
from guize.iris import ONTOLOGY
from guize.namespaces import DCTERMS, RDF, SH, XSD
from guize.query.catalogue import python_value
from guize.validate.editions import statutes
from guize.validate.inputs import model_from_dir
from guize.validate.matrix import (
    Matrix,
    MatrixRow,
    MatrixShape,
    _is_chinese,
    _matrix_shapes,
    matrix_of_graphs,
)
from guize.validate.report import SEVERITIES, LegalBasis, Result, report_order
from guize.validate.run import document_graph, store_documents
from guize.validate.shapes import SHAPE_SETS, Shapes, load_shapes, normal_base
from guize.validate.stored_queries import GOVERNMENTS, OUTCOMES, RESULTS, SHAPES

#: The graph of a document's conformance results, beside its graph.
SUFFIX = "/conformance"
#: The graph the build loads the conformance shapes into (under the base).
SHAPES_GRAPH = "graph/model/shapes/conformance"

_SEV = {"violation": SH + "Violation", "warning": SH + "Warning", "info": SH + "Info"}
_SEV_BACK = {v: k for k, v in _SEV.items()}
_BOOL = ox.NamedNode(XSD + "boolean")


def graph_of(graph_iri: str) -> str:
    """The conformance graph of the document graph ``graph_iri``."""
    return graph_iri + SUFFIX


def fingerprint(shapes_dir: Any, ontology_dir: Any) -> str:
    """A hash of what the results depend on besides the document: the conformance shapes and
    the statutes (their editions and articles)."""
    h = hashlib.sha256()
    for path in [*shape_files(shapes_dir, SHAPE_SETS["conformance"]), *legal_files(ontology_dir)]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


# --- writing -------------------------------------------------------------------------------


def _term(value: str) -> ox.NamedNode | ox.Literal:
    """A result's focus node or value as it was: an IRI, else a literal."""
    if value.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(value)
    return ox.Literal(value)


def triples(m: Matrix, graph_iri: str, stamp: str = "") -> list[ox.Triple]:
    """The conformance graph of one document graph from its matrix (one row, its results)."""
    out: list[ox.Triple] = []
    cg = graph_of(graph_iri)
    report = ox.NamedNode(cg + "#report")

    def add(s: ox.NamedNode, p: str, o: Any) -> None:
        out.append(ox.Triple(s, ox.NamedNode(p), o))

    add(report, RDF + "type", ox.NamedNode(SH + "ValidationReport"))
    conforms = not any(r.severity == "violation" for r in m.results)
    add(report, SH + "conforms", ox.Literal(str(conforms).lower(), datatype=_BOOL))
    if stamp:
        add(report, ONTOLOGY + "shapesFingerprint", ox.Literal(stamp))
    for row in m.rows:
        add(report, ONTOLOGY + "validatedDocument", ox.NamedNode(row.document))
        if row.government:
            add(report, ONTOLOGY + "government", ox.NamedNode(row.government))
        for e in row.editions:
            add(report, ONTOLOGY + "editionApplied", ox.NamedNode(e.iri))
        for shape in m.shapes:
            node = ox.NamedNode(f"{cg}#rule-{shape.name}")
            add(report, ONTOLOGY + "ruleOutcome", node)
            add(node, RDF + "type", ox.NamedNode(ONTOLOGY + "RuleOutcome"))
            add(node, SH + "sourceShape", ox.NamedNode(shape.iri))
            applies = row.cells.get(shape.name, "n/a") != "n/a"
            add(node, ONTOLOGY + "ruleApplies", ox.Literal(str(applies).lower(), datatype=_BOOL))
    # numbered in an order of their content, not pyshacl's (which follows set iteration and so
    # the process's hash seed): the same document gets the same IRIs in any worker
    for n, r in enumerate(sorted(m.results, key=_order), 1):
        node = ox.NamedNode(f"{cg}#result-{n}")
        add(report, SH + "result", node)
        _result(add, node, r)
    return out


def _result(add: Callable, node: ox.NamedNode, r: Result) -> None:
    add(node, RDF + "type", ox.NamedNode(SH + "ValidationResult"))
    add(node, SH + "resultSeverity", ox.NamedNode(_SEV[r.severity]))
    add(node, SH + "focusNode", _term(r.focus_node))
    if r.path:
        add(node, SH + "resultPath", ox.NamedNode(r.path))
    if r.value is not None:
        add(node, SH + "value", _term(r.value))
    add(node, SH + "resultMessage", ox.Literal(r.message_zh, language="zh"))
    add(node, SH + "resultMessage", ox.Literal(r.message_en, language="en"))
    add(node, SH + "sourceShape", ox.NamedNode(r.shape))
    add(node, SH + "sourceConstraintComponent", ox.NamedNode(r.constraint))
    for p, v in (
        ("sourceProvision", r.source_provision),
        ("government", r.government),
        ("validatedDocument", r.document),
    ):
        if v:
            add(node, ONTOLOGY + p, ox.NamedNode(v))
    if r.value_label is not None:
        add(node, ONTOLOGY + "valueLabel", ox.Literal(r.value_label))
    b = r.legal_basis
    if b is not None:
        add(node, DCTERMS + "source", ox.Literal(b.zh, language="zh"))
        add(node, DCTERMS + "source", ox.Literal(b.en, language="en"))
        for a in b.article_iris:
            add(node, ONTOLOGY + "articleOfLaw", ox.NamedNode(a))
        for a in b.articles:
            add(
                node,
                ONTOLOGY + "article",
                ox.Literal(str(a), datatype=ox.NamedNode(XSD + "integer")),
            )
        for e in b.editions:
            add(node, ONTOLOGY + "editionApplied", ox.NamedNode(e.iri))


def rewrite(
    store: Any,
    base_iri: str,
    graphs: list[str] | None = None,
    *,
    shapes_dir: Any = None,
    ontology_dir: Any = None,
) -> int:
    """Compute the conformance graphs of ``graphs`` (default: every document graph) of a store
    whose documents changed outside a build, as the build would; returns how many were written.
    """
    base = normal_base(base_iri)
    shapes = load_shapes("conformance", base, shapes_dir)
    model = model_from_dir(ontology_dir, base)
    stamp = fingerprint(shapes_dir or bundled("shapes"), ontology_dir or bundled("ontology"))
    todo = graphs if graphs is not None else store_documents(store, base)
    for g in todo:
        m = matrix_of_graphs([document_graph(store, g)], base, model=model, shapes=shapes)
        store.replace_graph(graph_of(g), triples(m, g, stamp))
    return len(todo)


# --- reading -------------------------------------------------------------------------------

#: ``select(text, **substitutions)``: rows as dicts of pyoxigraph terms (None when unbound).
Select = Callable[..., list[dict[str, Any]]]


def _order(r: Result) -> tuple[str, ...]:
    return (
        r.shape,
        r.focus_node,
        r.path or "",
        r.value or "",
        r.severity,
        r.source_provision or "",
        r.message_zh,
        r.message_en,
    )


def _v(row: dict, name: str) -> str | None:
    term = row.get(name)
    return term.value if term is not None else None


def columns(triples_: Iterable[ox.Triple], base: str) -> list[MatrixShape]:
    """The matrix's rules from the conformance shapes' triples (as the store holds them)."""
    g = Graph()
    g.parse(data=ox.serialize(list(triples_), format=ox.RdfFormat.N_TRIPLES), format="nt")
    return _matrix_shapes(Shapes("conformance", base, g))


def results(select: Select, graph: str | None = None) -> dict[str, list[Result]]:
    """The stored results by conformance graph (of ``graph`` alone when given), in the order
    ``guize validate`` reports them."""
    subs = {"c": ox.NamedNode(graph)} if graph else {}
    out: dict[str, list[Result]] = {}
    for row in select(RESULTS, **subs):
        out.setdefault(_v(row, "c") or graph or "", []).append(_read_result(row))
    for found in out.values():
        found.sort(key=report_order)
    return out


def _read_result(row: dict) -> Result:
    basis = None
    if int(_v(row, "basis") or 0):
        iris = tuple(sorted((_v(row, "articles") or "").split()))
        numbers = sorted(int(x) for x in (_v(row, "numbers") or "").split())
        from_iris = [a.rsplit("/art_", 1)[-1] for a in iris]
        if all(x.isdigit() for x in from_iris) and sorted(map(int, from_iris)) == numbers:
            articles = tuple(int(x) for x in from_iris)  # the order of the article IRIs
        else:
            articles = tuple(numbers)
        known = statutes()
        eds = [known.editions.get(known.edition_of_article.get(a, "")) for a in iris]
        editions = tuple(dict.fromkeys(e for e in eds if e is not None))
        basis = LegalBasis(
            _v(row, "bzh") or "",
            _v(row, "ben") or "",
            articles,
            iris,
            editions[0] if editions else None,
            editions,
        )
    value = row.get("value")
    return Result(
        severity=_SEV_BACK.get(_v(row, "severity") or "", "violation"),
        focus_node=_v(row, "focus") or "",
        path=_v(row, "path"),
        value=value.value if value is not None else None,
        message_zh=_v(row, "mzh") or "",
        message_en=_v(row, "men") or "",
        shape=_v(row, "shape") or "",
        constraint=_v(row, "constraint") or "",
        source_provision=_v(row, "provision"),
        legal_basis=basis,
        government=_v(row, "gov"),
        document=_v(row, "doc"),
        value_label=_v(row, "vlabel"),
    )


def matrix(
    select: Select, shapes: list[MatrixShape], base: str, graph: str | None = None
) -> tuple[Matrix, set[str]]:
    """The matrix of the stored results (of the document graph ``graph`` alone when given) and
    the shapes fingerprints the results were computed with.

    A cell is the worst severity of the rule's results for the document, else ``pass`` when the
    rule applied, else ``n/a`` -- as :func:`guize.validate.matrix.matrix_of_graphs` has it.
    """
    conf = graph_of(graph) if graph else None
    found = results(select, conf)
    outcomes: dict[str, dict[str, Any]] = {}
    stamps: set[str] = set()
    for row in select(OUTCOMES, **({"c": ox.NamedNode(conf)} if conf else {})):
        c = _v(row, "c") or conf or ""
        one = outcomes.setdefault(c, {"doc": _v(row, "doc"), "applies": {}, "editions": set()})
        # read as the catalogue reads a boolean: "true", or "1" from Virtuoso
        one["applies"][_v(row, "shape")] = python_value(row.get("applies")) in (True, 1)
        one["editions"].update((_v(row, "editions") or "").split())
        stamps.add(_v(row, "stamp") or "")
    govs: dict[str, dict[str, Any]] = {}
    for row in select(GOVERNMENTS, **({"g": ox.NamedNode(graph)} if graph else {})):
        one = govs.setdefault(_v(row, "doc") or "", {"gov": _v(row, "gov"), "labels": set()})
        one["level"] = one.get("level") or _v(row, "level")
        if _v(row, "label"):
            one["labels"].add(_v(row, "label"))
    known = statutes().editions
    rows, every = [], []
    for c, one in outcomes.items():
        doc = one["doc"] or ""
        mine = found.get(c, [])
        every.extend(mine)
        cells = {}
        for s in shapes:
            sev = [r.severity for r in mine if r.shape == s.iri and r.document in (doc, None)]
            if sev:
                cells[s.name] = min(sev, key=SEVERITIES.index)
            else:
                cells[s.name] = "pass" if one["applies"].get(s.iri) else "n/a"
        gov = govs.get(doc, {})
        labels = gov.get("labels") or set()
        label = min(labels, key=lambda x: (not _is_chinese(x), x)) if labels else None
        level = gov.get("level")
        editions = tuple(
            sorted((known[e] for e in one["editions"] if e in known), key=lambda e: e.iri)
        )
        rows.append(
            MatrixRow(
                gov.get("gov") or "",
                label,
                level.rsplit("/", 1)[-1] if level else None,
                doc,
                cells,
                editions,
            )
        )
    rows.sort(key=lambda r: (r.label or "", r.document))
    return Matrix(list(shapes), rows, base, every), stamps


def store_select(store: Any) -> Select:
    """``select`` over a store (embedded or remote) as :mod:`guize.validate.run` reads it."""

    def run(text: str, **subs: Any) -> list[dict[str, Any]]:
        found = store.query(text, substitutions=subs or None, union_default_graph=False)
        names = [v.value for v in found.variables]
        return [{n: s[n] for n in names} for s in found]

    return run


def current(
    store: Any, base_iri: str, shapes_dir: Any = None, ontology_dir: Any = None
) -> Matrix | None:
    """The matrix of the results stored in ``store`` when they are current -- every document
    has its report, each computed with the shapes and statutes there are now -- else None."""
    base = normal_base(base_iri)
    stamp = fingerprint(shapes_dir or bundled("shapes"), ontology_dir or bundled("ontology"))
    select = store_select(store)
    graph = ox.NamedNode(base + SHAPES_GRAPH)
    shapes = store.query(SHAPES, substitutions={"g": graph}, union_default_graph=False)
    m, stamps = matrix(select, columns(shapes, base), base)
    docs = store_documents(store, base)
    if stamps != {stamp} or len(m.rows) != len(docs) or not m.shapes:
        return None
    return m
