"""Running the shapes: over a document graph, a dataset of them, the store, or a file.

Each document graph is validated on its own (with the SKOS vocabularies mixed in when they are
at hand, see :func:`store_model`) and the results are put together into one
:class:`~guize.validate.report.Report`.  A report *conforms* when it has no violation.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pyshacl
from rdflib import RDF, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from guize.ingest.errors import IngestError
from guize.iris import DEFAULT_BASE_IRI, ONTOLOGY
from guize.rdf.plain import is_plain, plain_graph
from guize.validate.inputs import model_from_dir, rdflib_graph, read_file
from guize.validate.mirror import MirroredQueryGraph, mirror
from guize.validate.prepared import PreparedQueryGraph
from guize.validate.quicker import quicker_pyshacl
from guize.validate.report import Report, Result, report_order, short
from guize.validate.screen import Screen
from guize.validate.shapes import Shapes, load_shapes, normal_base
from guize.validate.trace import read_results


def validate_graph(
    data: Graph | Dataset,
    shapes: str | Shapes = "all",
    base_iri: str = DEFAULT_BASE_IRI,
    *,
    model: Graph | None = None,
    sparql: str = "oxigraph",
) -> Report:
    """Validate a document graph (or a dataset of them, each named graph on its own).

    :param shapes: integrity | conformance | all, or shapes already loaded.
    :param model: vocabulary (SKOS) triples to mix into each graph, so concepts are checked.
    :param sparql: where SHACL-SPARQL runs: ``oxigraph`` (a copy of the graph, where it gives
        rdflib's answer, see :mod:`guize.validate.mirror`) or ``rdflib`` (pyshacl's own way).
    :raises ShapesError: if the shapes cannot be loaded.
    """
    base = normal_base(base_iri)
    loaded = shapes if isinstance(shapes, Shapes) else load_shapes(shapes, base)
    parts = _split(data, base) if isinstance(data, Dataset) else [data]
    return combine([validate_one(g, loaded, base, model, sparql) for g in parts], base)


def _split(ds: Dataset, base: str) -> list[Graph]:
    """The document graphs of a dataset, each with the dataset's other graphs mixed in."""
    work_rules = URIRef(ONTOLOGY + "WorkRules")
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
class One:
    results: list[Result]
    graph: Graph
    documents: list[str]


def validation_data(*graphs: Graph | None, vocabularies: Graph | None = None) -> MirroredQueryGraph:
    """The union of ``graphs`` and ``vocabularies`` as the data graph pyshacl validates, with
    its Oxigraph copy: made once, it can be validated against several sets of shapes (a build
    runs the integrity and the conformance shapes on each document).

    :param vocabularies: the vocabulary triples mixed into every document's data: the Oxigraph
        copy reads them once per process (:func:`~guize.validate.mirror.mirror`'s ``reused``).
    """
    given = [g for g in graphs if g is not None and len(g)]
    reused = vocabularies if vocabularies is not None and len(vocabularies) else None
    every = given + ([reused] if reused is not None else [])
    one_plain = len(every) == 1 and is_plain(every[0])
    data = every[0] if one_plain else plain_graph(*every)  # a plain graph alone: not copied
    return MirroredQueryGraph(data, mirror(*given, reused=reused))


def validate_one(
    g: Graph, shapes: Shapes, base: str, model: Graph | None, sparql: str = "oxigraph"
) -> One:
    if isinstance(g, MirroredQueryGraph):  # made by validation_data, vocabularies in
        if model is not None or sparql != "oxigraph":
            raise ValueError("validation data is validated as it is, on Oxigraph")
        data, dg = g.impl, g
        quicker_pyshacl()
    elif sparql == "rdflib":  # pyshacl's own way, all on rdflib
        data = g
        if model is not None and len(model):
            data = Graph()
            data += g
            data += model
        dg: PreparedQueryGraph = PreparedQueryGraph(store=data.store, impl=data)
    else:
        dg = validation_data(g, vocabularies=model)
        data = dg.impl
        quicker_pyshacl()
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
    return One(results, report_graph, documents)


def combine(parts: list[One], base: str) -> Report:
    graph = Graph()
    graph.bind("sh", SH)
    graph.bind("gz", Namespace(ONTOLOGY))
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
    results.sort(key=report_order)
    out = Report(results, graph, documents, base)
    graph.add((report, SH.conforms, Literal(out.conforms)))
    return out


def store_graph(store: Any, graph_iri: str) -> Graph:
    """One named graph of the store, whole (a remote store reads it by the Graph Store Protocol,
    which no row cap cuts)."""
    if hasattr(store, "graph_triples"):
        triples = store.graph_triples(graph_iri)
        return rdflib_graph(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    res = store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
        substitutions={"g": ox.NamedNode(graph_iri)},
        union_default_graph=False,
    )
    return rdflib_graph(res.serialize(format=ox.RdfFormat.N_TRIPLES))


def document_graph(store: Any, graph_iri: str) -> Graph:
    """A document's graph with its inferred graph (``{graph}/inferred``, written by the build)."""
    g = store_graph(store, graph_iri)
    g += store_graph(store, f"{graph_iri}/inferred")
    return g


def store_documents(store: Any, base_iri: str = DEFAULT_BASE_IRI) -> list[str]:
    """IRIs of the named graphs of the store that hold a work-rules document."""
    q = "PREFIX gz: <https://w3id.org/guize/ontology#> SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a gz:WorkRules } } ORDER BY ?g"
    return [
        s["g"].value
        for s in store.query(q, base_iri=normal_base(base_iri), union_default_graph=False)
    ]


def store_model(store: Any, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """The vocabulary graphs of the store (``{base}graph/model/vocab/…``), merged.

    Only the SKOS schemes are mixed into the data: they let the shapes check that a
    concept exists.  The OWL ontology is left out on purpose: its class axioms (e.g.
    gz:GovernmentRole and gz:Meeting as subclasses of gz:Fact) would change which
    nodes the shapes target, so a graph would validate differently in the store than
    on its own or in ``guize build``.
    """
    prefix = normal_base(base_iri) + "graph/model/vocab/"
    model = Graph()
    for g in store.named_graphs():
        if g.startswith(prefix):
            model += store_graph(store, g)
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
    base = normal_base(base_iri)
    loaded = shapes if isinstance(shapes, Shapes) else load_shapes(shapes, base)
    model = store_model(store, base)
    parts = [
        validate_one(document_graph(store, g), loaded, base, model)
        for g in (graphs if graphs is not None else store_documents(store, base))
    ]
    return combine(parts, base)


def validate_file(
    path: str | Path,
    shapes: str | Shapes = "all",
    base_iri: str = DEFAULT_BASE_IRI,
    *,
    ontology_dir: str | Path | None = None,
    lexicon_dir: Path | None = None,
) -> Report:
    """Validate a text or RDF file without touching the store.

    :param ontology_dir: check concepts against its vocabularies.
    :param lexicon_dir: the lexicon a text is ingested with (default: the shipped one).
    :raises ValidationInputError: if the file cannot be read (CLI exit status 2).
    """
    data = read_file(Path(path), base_iri, lexicon_dir=lexicon_dir)
    return validate_graph(data, shapes, base_iri, model=model_from_dir(ontology_dir, base_iri))


def integrity_check(
    base_iri: str = DEFAULT_BASE_IRI,
    shapes_dir: str | Path | None = None,
    ontology_dir: str | Path | None = None,
) -> IntegrityCheck:
    """The ``check`` callback of :func:`guize.build.build`: refuse a document that breaks integrity.

    :param ontology_dir: check concepts against its vocabularies too, as ``validate_store`` does.
    :returns: ``check(ingested)`` raising :class:`~guize.ingest.errors.IngestError` (stage
        ``validate``) with the number of violations and the first of them.
    :raises ShapesError: if the integrity shapes cannot be loaded.
    """
    return IntegrityCheck(base_iri, shapes_dir, ontology_dir)


class IntegrityCheck:
    """The integrity check of a build: callable on an ingested document, and picklable (a build's
    worker processes each get a copy, which loads the shapes again on first use).

    A document is first put to the shapes' :class:`~guize.validate.screen.Screen` (SPARQL on its
    Oxigraph copy); pyshacl validates it only when the screen cannot clear it, and its report
    names the violations.  ``screened`` and ``validated`` count the documents each way.
    """

    def __init__(
        self,
        base_iri: str = DEFAULT_BASE_IRI,
        shapes_dir: str | Path | None = None,
        ontology_dir: str | Path | None = None,
    ) -> None:
        self.base = normal_base(base_iri)
        self.shapes_dir, self.ontology_dir = shapes_dir, ontology_dir
        self._load()  # ShapesError now rather than in a worker

    def _load(self) -> None:
        self._shapes = load_shapes("integrity", self.base, self.shapes_dir)
        self._model = plain_graph(model_from_dir(self.ontology_dir, self.base))
        self._screen: Screen | None = None
        self.screened = self.validated = 0

    def __getstate__(self) -> dict:
        return {"base": self.base, "shapes_dir": self.shapes_dir, "ontology_dir": self.ontology_dir}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._shapes = self._model = self._screen = None
        self.screened = self.validated = 0

    def screen_off(self) -> str | None:
        """Why the shapes cannot be screened (every document then goes to pyshacl), or None."""
        return self._compiled_screen().why_not

    def _compiled_screen(self) -> Screen:
        """The shapes' screen, compiled on first use in this process."""
        if self._shapes is None:
            self._load()
        if self._screen is None:
            self._screen = Screen(self._shapes)
        return self._screen

    def data(self, ingested: Any) -> MirroredQueryGraph:
        """What the check validates: the document, its inferences and the vocabularies."""
        if self._shapes is None:
            self._load()
        return validation_data(ingested.graph.graph, ingested.inferred, vocabularies=self._model)

    def __call__(self, ingested: Any, data: MirroredQueryGraph | None = None) -> None:
        """:param data: ``self.data(ingested)``, when the caller made it already."""
        if self._shapes is None:
            self._load()
        base = self.base
        data = self.data(ingested) if data is None else data
        if self._compiled_screen().clear(
            data
        ):  # no node can break a shape: pyshacl would find nothing
            self.screened += 1
            return
        self.validated += 1
        report = combine([validate_one(data, self._shapes, base, None)], base)
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
