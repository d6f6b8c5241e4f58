"""Validation (校验): the SHACL shapes in ``shapes/`` run over document graphs with pyshacl.

Two sets of shapes (see ``shapes/README.md``):

- *integrity* (``shapes/integrity.ttl``): what every node of a document graph must
  have; all violations.  ``guize build`` refuses a document that breaks one
  (:func:`integrity_check`).
- *conformance* (``shapes/conformance/*.ttl``): what the Organic Law requires of a
  government's rules, each shape citing its article; violation (contradiction),
  warning (a departure worth a look) or info (silence).

Each document graph is validated on its own (with the SKOS vocabularies mixed in
when they are at hand, see :func:`store_model`) and the results are put together
into one :class:`~service.validate_report.Report`.  A report *conforms* when it has
no violation.  Every result is traced back to the government, the document, the
provision the offending fact came from, and the article of law.

Speed: pyshacl parses a SHACL-SPARQL query again for every focus node, and rdflib
orders a query's triple patterns without knowing that pyshacl binds ``$this``; the
data graph handed to pyshacl (:class:`_PreparedQueryGraph`) caches parsed queries
and reorders them, which takes a document from about ten seconds to about one.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pyshacl
from pyshacl.graph_abstraction import RdfLibDataGraph
from rdflib import RDF, RDFS, BNode, Dataset, Graph, Literal, Namespace, URIRef, Variable
from rdflib.namespace import SH, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from service.config import PROJECT_ROOT
from service.iris import DEFAULT_BASE_IRI
from service.validate_report import (
    SEVERITIES,
    Matrix,
    MatrixRow,
    MatrixShape,
    Report,
    Result,
    legal_basis,
    read_results,
    short,
)

SHAPES_DIR = PROJECT_ROOT / "shapes"
#: Which shape files each set is made of (globs under the shapes folder).
SHAPE_SETS = {
    "integrity": ("integrity.ttl",),
    "conformance": ("conformance/*.ttl",),
    "all": ("integrity.ttl", "conformance/*.ttl"),
}


class ValidationInputError(Exception):
    """The data to validate could not be read (CLI exit status 2)."""


class ShapesError(Exception):
    """A shapes file is missing or malformed."""


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


def _normal_base(base_iri: str) -> str:
    return base_iri if base_iri.endswith("/") else base_iri + "/"


def load_shapes(
    which: str = "all", base_iri: str = DEFAULT_BASE_IRI, shapes_dir: str | Path | None = None
) -> Shapes:
    """Parse the shape files of ``which`` (integrity | conformance | all) under ``base_iri``.

    The relative ``sh:namespace`` literals of SPARQL prefix declarations are
    resolved against the base too.  Loaded shapes are cached.

    :raises ShapesError: if ``which`` is unknown, a file does not parse, or an IRI stays relative.
    """
    if which not in SHAPE_SETS:
        raise ShapesError(f"unknown shapes {which!r}; use one of: {', '.join(SHAPE_SETS)}")
    return _load_shapes(which, _normal_base(base_iri), str(Path(shapes_dir or SHAPES_DIR)))


@lru_cache(maxsize=16)
def _load_shapes(which: str, base: str, shapes_dir: str) -> Shapes:
    folder = Path(shapes_dir)
    files = [p for pattern in SHAPE_SETS[which] for p in sorted(folder.glob(pattern))]
    if not files:
        raise ShapesError(f"no shape files for {which!r} in {folder}")
    g = Graph()
    for path in files:
        try:  # Oxigraph's parser: exact line and column on a syntax error
            quads = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=base)
            g.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES), format="nt")
        except (SyntaxError, ValueError, OSError) as exc:
            raise ShapesError(f"{path}: {exc}") from exc
    for s, ns in list(g.subject_objects(SH.namespace)):
        if isinstance(ns, Literal) and not re.match(r"^[a-z][a-z0-9+.-]*:", str(ns)):
            g.remove((s, SH.namespace, ns))
            g.add((s, SH.namespace, Literal(_resolve(base, str(ns)), datatype=XSD.anyURI)))
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


class _PreparedQueryGraph(RdfLibDataGraph):
    """A pyshacl data graph that parses each SPARQL text once, not once per focus node, and
    orders its triple patterns knowing which variables pyshacl binds ($this, $value)."""

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            bound = kwargs.get("initBindings") or (args[3] if len(args) > 3 else None) or {}
            query_object = _prepared(query_object, tuple(sorted(str(k) for k in bound)))
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=1024)
def _prepared(text: str, bound: tuple[str, ...] = ()) -> Any:
    """The parsed query, each basic graph pattern ordered so that patterns on bound
    variables run first (rdflib orders them as if nothing were bound, and would scan
    every selector of the graph before looking at the focus node)."""
    query = prepareQuery(text)
    if bound:
        _reorder(query.algebra, {Variable(b) for b in bound}, set())
    return query


def _reorder(node: Any, known: set[Variable], seen: set[int]) -> None:
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, CompValue):
        if node.name == "BGP":
            node["triples"] = _greedy(node["triples"], known)
        for value in node.values():
            _reorder(value, known, seen)
    elif isinstance(node, list | tuple):
        for value in node:
            _reorder(value, known, seen)


def _greedy(triples: list, known: set[Variable]) -> list:
    """Fewest unbound variables first, keeping the written order on ties."""
    known, rest, out = set(known), list(triples), []
    while rest:
        i = min(range(len(rest)), key=lambda k: (len(_variables(rest[k]) - known), k))
        out.append(rest.pop(i))
        known |= _variables(out[-1])
    return out


def _variables(triple: Any) -> set[Any]:
    return {t for t in triple if isinstance(t, Variable | BNode)}


# ---------------------------------------------------------------------------
# Validating graphs
# ---------------------------------------------------------------------------


def validate_graph(
    data: Graph | Dataset,
    shapes: str | Shapes = "all",
    base_iri: str = DEFAULT_BASE_IRI,
    *,
    model: Graph | None = None,
) -> Report:
    """Validate a document graph (or a dataset of them, each named graph on its own).

    :param shapes: integrity | conformance | all, or shapes already loaded.
    :param model: vocabulary (SKOS) triples to mix into each graph, so concepts are checked.
    :raises ShapesError: if the shapes cannot be loaded.
    """
    base = _normal_base(base_iri)
    loaded = shapes if isinstance(shapes, Shapes) else load_shapes(shapes, base)
    parts = _split(data, base) if isinstance(data, Dataset) else [data]
    return _combine([_validate_one(g, loaded, base, model) for g in parts], base)


def _split(ds: Dataset, base: str) -> list[Graph]:
    """The document graphs of a dataset, each with the dataset's other graphs mixed in."""
    work_rules = URIRef(base + "ontology#WorkRules")
    graphs = [g for g in ds.graphs() if len(g)]
    docs = [g for g in graphs if (None, RDF.type, work_rules) in g]
    if len(docs) <= 1:
        merged = Graph()
        for g in graphs:
            merged += g
        return [merged]
    rest = [g for g in graphs if g not in docs]
    out = []
    for d in docs:
        merged = Graph()
        merged += d
        for g in rest:
            merged += g
        out.append(merged)
    return out


@dataclass
class _One:
    results: list[Result]
    graph: Graph
    documents: list[str]


def _validate_one(g: Graph, shapes: Shapes, base: str, model: Graph | None) -> _One:
    data = g
    if model is not None and len(model):
        data = Graph()
        data += g
        data += model
    dg = _PreparedQueryGraph(store=data.store, impl=data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # ill-typed literals are findings, not errors
        _, report_graph, _ = pyshacl.validate(
            dg,
            shacl_graph=shapes.graph,
            advanced=True,
            inference="none",
            inplace=True,
            allow_warnings=True,
            allow_infos=True,
        )
    results, documents = read_results(report_graph, shapes.graph, data, base)
    return _One(results, report_graph, documents)


def _combine(parts: list[_One], base: str) -> Report:
    graph = Graph()
    graph.bind("sh", SH)
    graph.bind("gz", Namespace(base + "ontology#"))
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    results: list[Result] = []
    documents: list[str] = []
    for p in parts:
        results.extend(p.results)
        documents.extend(p.documents)
        for node in p.graph.subjects(RDF.type, SH.ValidationResult):
            graph.add((report, SH.result, node))
        for t in p.graph:
            if p.graph.value(t[0], RDF.type) != SH.ValidationReport:
                graph.add(t)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    results.sort(
        key=lambda r: (
            order[r.severity],
            r.document or "",
            r.shape,
            r.focus_node,
            r.path or "",
            r.value or "",
        )
    )
    out = Report(results, graph, documents, base)
    graph.add((report, SH.conforms, Literal(out.conforms)))
    return out


# ---------------------------------------------------------------------------
# Validating the store, a file; the build check
# ---------------------------------------------------------------------------


def _store_graph(store: Any, graph_iri: str) -> Graph:
    res = store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
        substitutions={"g": ox.NamedNode(graph_iri)},
        union_default_graph=False,
    )
    return _rdflib_graph(res.serialize(format=ox.RdfFormat.N_TRIPLES))


def _rdflib_graph(ntriples: bytes) -> Graph:
    g = Graph()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        g.parse(data=ntriples, format="nt")
    return g


def store_documents(store: Any, base_iri: str = DEFAULT_BASE_IRI) -> list[str]:
    """IRIs of the named graphs of the store that hold a work-rules document."""
    q = "PREFIX gz: <ontology#> SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a gz:WorkRules } } ORDER BY ?g"
    return [
        s["g"].value
        for s in store.query(q, base_iri=_normal_base(base_iri), union_default_graph=False)
    ]


def store_model(store: Any, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """The vocabulary graphs of the store (``{base}graph/model/vocab/…``), merged.

    Only the SKOS schemes are mixed into the data: they let the shapes check that a
    concept exists.  The OWL ontology is left out on purpose: its class axioms (e.g.
    gz:GovernmentRole and gz:Meeting as subclasses of gz:Fact) would change which
    nodes the shapes target, so a graph would validate differently in the store than
    on its own or in ``guize build``.
    """
    prefix = _normal_base(base_iri) + "graph/model/vocab/"
    model = Graph()
    for g in store.named_graphs():
        if g.startswith(prefix):
            model += _store_graph(store, g)
    return model


def validate_store(
    store: Any,
    shapes: str | Shapes = "all",
    base_iri: str = DEFAULT_BASE_IRI,
    *,
    graphs: list[str] | None = None,
) -> Report:
    """Validate every document graph of the store (with the ontology/vocabulary graphs mixed in).

    :param graphs: only these named graphs (default: every graph holding a document).
    """
    base = _normal_base(base_iri)
    loaded = shapes if isinstance(shapes, Shapes) else load_shapes(shapes, base)
    model = store_model(store, base)
    parts = [
        _validate_one(_store_graph(store, g), loaded, base, model)
        for g in (graphs if graphs is not None else store_documents(store, base))
    ]
    return _combine(parts, base)


#: File name ending → how to read it ("text" runs the ingest pipeline).
FORMATS = {
    ".txt": "text",
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}


def sniff_format(data: bytes) -> Any:
    """Guess the format of bytes with no telling file name: an RDF format or "text"."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return ox.RdfFormat.JSON_LD
    if head.startswith((b"<?xml", b"<rdf:RDF")):
        return ox.RdfFormat.RDF_XML
    if re.search(rb"^\s*(@prefix|@base|PREFIX|BASE)\b", head, re.M | re.I):
        return (
            ox.RdfFormat.TRIG
            if re.search(rb"^\s*(GRAPH\s*)?<[^>]*>\s*\{", head, re.M)
            else ox.RdfFormat.TURTLE
        )
    if re.match(rb"^(<[^>\s]*>|_:\S+)\s+<[^>\s]*>\s+\S", head):
        return ox.RdfFormat.N_QUADS
    return "text"


def read_file(path: Path, base_iri: str = DEFAULT_BASE_IRI) -> Graph | Dataset:
    """Read a work-rules text (through the ingest pipeline) or an RDF file, without the store.

    :raises ValidationInputError: if it cannot be read, parsed or ingested (with the reason).
    """
    from service.ingest.errors import IngestError

    base = _normal_base(base_iri)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationInputError(f"{path}: cannot read: {exc.strerror}") from exc
    fmt = FORMATS.get(path.suffix.lower()) or sniff_format(data)
    if fmt == "text":
        from service.ingest.pipeline import ingest_bytes
        from service.iris import Iris

        try:
            return ingest_bytes(data, path.stem, Iris(base), None, str(path)).graph.graph
        except IngestError as exc:
            raise ValidationInputError(f"{path.name}: {exc}") from exc
    try:
        quads = list(ox.parse(data, format=fmt, base_iri=base))
    except (SyntaxError, ValueError) as exc:
        raise ValidationInputError(f"{path.name}: not valid {fmt.name}: {exc}") from exc
    if not quads:
        raise ValidationInputError(f"{path.name}: no triples in the file")
    by_graph: dict[Any, list[Any]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(q.triple)
    if list(by_graph) == [ox.DefaultGraph()]:
        return _rdflib_graph(
            ox.serialize(by_graph[ox.DefaultGraph()], format=ox.RdfFormat.N_TRIPLES)
        )
    ds = Dataset()
    for name, triples in by_graph.items():
        target = ds.default_graph if name == ox.DefaultGraph() else ds.graph(_rdflib_term(name))
        target += _rdflib_graph(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    return ds


def _rdflib_term(node: Any) -> URIRef | BNode:
    return URIRef(node.value) if isinstance(node, ox.NamedNode) else BNode(node.value)


def model_from_dir(ontology_dir: str | Path | None, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """The vocabularies (``vocab/*.ttl``) of an ontology folder, if any (see :func:`store_model`)."""
    model = Graph()
    if ontology_dir is None:
        return model
    folder = Path(ontology_dir)
    for path in sorted(folder.glob("vocab/*.ttl")):
        try:
            model.parse(path, format="turtle", publicID=_normal_base(base_iri))
        except (SyntaxError, ValueError):
            continue  # a broken model file is the ontology's test's business, not the data's
    return model


def validate_file(
    path: str | Path,
    shapes: str | Shapes = "all",
    base_iri: str = DEFAULT_BASE_IRI,
    *,
    ontology_dir: str | Path | None = None,
) -> Report:
    """Validate a text or RDF file without touching the store.

    :raises ValidationInputError: if the file cannot be read (CLI exit status 2).
    """
    data = read_file(Path(path), base_iri)
    return validate_graph(data, shapes, base_iri, model=model_from_dir(ontology_dir, base_iri))


def integrity_check(
    base_iri: str = DEFAULT_BASE_IRI,
    shapes_dir: str | Path | None = None,
    ontology_dir: str | Path | None = None,
) -> Callable[[Any], None]:
    """The ``check`` callback of :func:`service.build.build`: refuse a document that breaks integrity.

    :param ontology_dir: check concepts against its vocabularies too, as ``validate_store`` does.
    :returns: ``check(ingested)`` raising :class:`~service.ingest.errors.IngestError` (stage
        ``validate``) with the number of violations and the first of them.
    :raises ShapesError: if the integrity shapes cannot be loaded.
    """
    from service.ingest.errors import IngestError

    base = _normal_base(base_iri)
    shapes = load_shapes("integrity", base, shapes_dir)
    model = model_from_dir(ontology_dir, base)

    def check(ingested: Any) -> None:
        report = validate_graph(ingested.graph.graph, shapes, base, model=model)
        violations = [r for r in report.results if r.severity == "violation"]
        if violations:
            first = violations[0]
            where = short(first.focus_node, base) + (
                f" {short(first.path, base)}" if first.path else ""
            )
            raise IngestError(
                "validate",
                f"{len(violations)} integrity violation(s); first: "
                f"{first.shape_name} at {where}: {first.message_en}",
                doc_id=ingested.graph.key,
            )

    return check


# ---------------------------------------------------------------------------
# The conformance matrix
# ---------------------------------------------------------------------------


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
            out |= {row[0] for row in data.query(_prepared(text))}
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
    graphs: Iterable[Graph], base_iri: str = DEFAULT_BASE_IRI, *, model: Graph | None = None
) -> Matrix:
    """Governments × conformance shapes over document graphs: each cell the worst severity,
    ``pass`` (the shape applied, nothing found) or ``n/a`` (it did not apply)."""
    base = _normal_base(base_iri)
    shapes = load_shapes("conformance", base)
    columns = _matrix_shapes(shapes)
    gz = Namespace(base + "ontology#")
    rows = []
    for g in graphs:
        one = _validate_one(g, shapes, base, model)
        for doc in sorted(set(g.subjects(RDF.type, gz.WorkRules))):
            gov = g.value(doc, gz.government)
            level = g.value(gov, gz.administrativeLevel) if gov is not None else None
            cells = {}
            for col in columns:
                found = [
                    r.severity
                    for r in one.results
                    if r.shape == col.iri and r.document in (str(doc), None)
                ]
                if found:
                    cells[col.name] = min(found, key=SEVERITIES.index)
                else:
                    applies = focus_nodes(shapes, g, URIRef(col.iri))
                    cells[col.name] = "pass" if applies else "n/a"
            label = (
                next((str(x) for x in g.objects(gov, RDFS.label)), None)
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
                )
            )
    rows.sort(key=lambda r: (r.label or "", r.document))
    return Matrix(columns, rows, base)


def matrix(store: Any, base_iri: str = DEFAULT_BASE_IRI) -> Matrix:
    """The conformance matrix of every document in the store."""
    base = _normal_base(base_iri)
    model = store_model(store, base)
    return matrix_of_graphs(
        (_store_graph(store, g) for g in store_documents(store, base)), base, model=model
    )
