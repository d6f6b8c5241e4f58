"""SHACL-SPARQL on Oxigraph (guize.validate.mirror) gives exactly what pyshacl gives on rdflib.

The reference is validation as it was before the mirror: the data and shapes in rdflib's default
store, every SPARQL query on rdflib's engine, pyshacl's own bookkeeping (its list of constraint
parameters, components made per focus node: :mod:`guize.validate.quicker` off).  Each graph is validated both ways and the results
compared whole (severity, focus node, path, value, shape, constraint, both messages, and what
is traced from them), and so are the report graphs' values as terms (datatypes included): on
every shape fixture, two seed documents (``make test-long``: the six, and twelve generated
documents), with the integrity and the conformance shapes.
"""

from __future__ import annotations

import sys
from dataclasses import astuple
from functools import cache
from pathlib import Path

import pyshacl.shape
import pytest
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
from rdflib import RDF, Graph
from rdflib.namespace import SH

from guize.iris import DEFAULT_BASE_IRI, Iris
from guize.pipeline import ingest_bytes
from guize.validate import load_shapes, model_from_dir, validate_graph
from guize.validate.hazards import hazards
from guize.validate.mirror import mirror
from guize.validate.prepared import prepared
from guize.validate.quicker import quicker_pyshacl
from guize.validate.run import IntegrityCheck, combine, validate_one
from guize.validate.shapes import Shapes

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests" / "shapes"))
sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402
from shapes_support import BASE as FIXTURE_BASE  # noqa: E402
from shapes_support import invalid_files, load, valid_files  # noqa: E402

RAW = ROOT / "data" / "raw"
BASE = DEFAULT_BASE_IRI


@cache
def shapes(which: str, base: str) -> tuple[Shapes, Shapes]:
    """The shapes as loaded, and a copy in rdflib's default store (the reference's)."""
    loaded = load_shapes(which, base)
    copy = Graph()
    copy += loaded.graph
    return loaded, Shapes(which, base, copy)


@cache
def model(base: str) -> Graph:
    return model_from_dir(ROOT / "ontology", base)


def outcome(report) -> tuple[list, list]:
    results = sorted((repr(astuple(r)) for r in report.results), key=str)
    g = report.graph
    terms = sorted(
        tuple(g.value(node, p) for p in (SH.focusNode, SH.resultPath, SH.value, SH.resultSeverity))
        for node in g.subjects(RDF.type, SH.ValidationResult)
        if not any(t is not None and t.n3().startswith("_:") for t in (g.value(node, SH.value),))
    )
    return results, [tuple(t.n3() if t is not None else "" for t in row) for row in terms]


def assert_same(graph: Graph, which: str, base: str, with_model: bool) -> int:
    loaded, reference_shapes = shapes(which, base)
    m = model(base) if with_model else None
    quicker_pyshacl(on=False)
    params, components = pyshacl.shape.module.CONSTRAINT_PARAMS
    assert params is ALL_CONSTRAINT_PARAMETERS and components is CONSTRAINT_PARAMETERS_MAP
    reference = validate_graph(graph, reference_shapes, base, model=m, sparql="rdflib")
    fast = validate_graph(graph, loaded, base, model=m)
    assert outcome(fast) == outcome(reference)
    return len(reference.results)


@pytest.mark.parametrize("path", valid_files() + invalid_files(), ids=lambda p: p.stem)
def test_fixture(path):
    g = load(path)
    assert_same(g, "all", FIXTURE_BASE, with_model=False)
    assert_same(g, "all", FIXTURE_BASE, with_model=True)


def _ingested(path: Path):
    return ingest_bytes(path.read_bytes(), path.stem, Iris(BASE), None, str(path))


#: Seeds checked by ``make test``; the others by ``make test-long`` (each takes seconds).
SEEDS_IN_MAKE_TEST = ("003_346de4b0a8a54efd", "guowuyuan-2004")


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=() if p.stem in SEEDS_IN_MAKE_TEST else pytest.mark.long)
        for p in sorted(RAW.glob("*.txt"))
    ],
    ids=lambda p: p.stem,
)
def test_seed_document(path):
    assert_same(_ingested(path).full, "all", BASE, with_model=True)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return corpus.generate(tmp_path_factory.mktemp("corpus"), 12, seed=1)


@pytest.mark.long
def test_generated_documents(generated):
    """Twelve generated documents of every level and noise (``make test-long``)."""
    for path in generated:
        assert_same(_ingested(path).full, "all", BASE, with_model=True)


def test_integrity_check_of_a_build_agrees(tmp_path):
    """The build's check (its own way to the data graph) refuses what the reference refuses."""
    path = sorted(RAW.glob("*.txt"))[0]
    ingested = _ingested(path)
    check = IntegrityCheck(BASE, None, ROOT / "ontology")
    check(ingested)  # the seed passes
    assert assert_same(ingested.full, "integrity", BASE, with_model=True) == 0


def test_the_comparison_can_fail():
    """Where the engines differ the mirror must not answer: rdflib orders the string "1994" after
    the integer 2000, Oxigraph calls it an error; asked unguarded, the engines disagree on the
    fixture that has offsets as strings, and the guard sends the query to rdflib."""
    g = load(next(p for p in invalid_files() if "offsets-as-text" in p.name))
    text = """PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?sel WHERE { ?raw dcterms:extent ?extent . ?span oa:hasSource ?raw ;
        oa:hasSelector ?sel . ?sel oa:end ?end . FILTER (?end > ?extent) }"""
    by_rdflib = {str(r[0]) for r in g.query(text)}
    copy = mirror(g)
    assert copy is not None
    by_oxigraph = {s["sel"].value for s in copy.store.query(text)}
    assert by_rdflib != by_oxigraph
    assert hazards(prepared(text).algebra).mixed(copy.kinds, {})
    assert copy.select(text, {}) is None


def _graph(turtle: str) -> Graph:
    return Graph().parse(data="@prefix : <http://example.org/> .\n" + turtle, format="turtle")


def test_a_join_of_folded_literals_goes_to_rdflib():
    """Oxigraph holds "5"^^xsd:positiveInteger as "5"^^xsd:integer: joined on, the two are one
    term there and two in rdflib."""
    g = _graph(
        ':a :ordinal "5"^^<http://www.w3.org/2001/XMLSchema#positiveInteger> . :b :count 5 .'
    )
    text = "PREFIX : <http://example.org/> SELECT ?s ?t WHERE { ?s :ordinal ?n . ?t :count ?n }"
    copy = mirror(g)
    assert copy is not None and copy.folded
    assert len(list(g.query(text))) == 0
    assert len(list(copy.store.query(text))) == 1
    assert copy.select(text, {}) is None
    by_value = "PREFIX : <http://example.org/> SELECT ?s WHERE { ?s :ordinal ?n FILTER (?n > 4) }"
    answer = copy.select(by_value, {})  # compared by value: the same in both engines
    assert answer is not None and [r["s"] for r in answer] == [r["s"] for r in g.query(by_value)]
    shown = "PREFIX : <http://example.org/> SELECT ?n WHERE { ?s :ordinal ?n }"
    assert copy.select(shown, {}) is None  # would give back "5"^^xsd:integer


def test_literals_oxigraph_would_rewrite_get_no_copy():
    xsd = "<http://www.w3.org/2001/XMLSchema#"
    assert mirror(_graph(f':a :p "1.50"^^{xsd}decimal> .')) is None  # Oxigraph writes 1.5
    assert mirror(_graph(f':a :p "x"^^{xsd}string> .')) is None  # a simple literal to Oxigraph
    assert mirror(_graph(':a :p "x"@zh-CN .')) is None  # language tag lower-cased
    assert mirror(_graph(f':a :p "x"^^{xsd}integer> .')) is None  # ill-typed
    assert mirror(_graph(':a :p "x"@zh, 5, "y" .')) is not None


def test_a_reused_graph_is_mirrored_as_if_merged():
    """The vocabularies mixed into each document's data are read once per process (``reused``):
    the copy holds the same quads, and knows the same folded literals and object kinds, as the
    copy of the merged graph, even when the fold is in the reused graph and the join in the
    other; a reused graph that grew is read again."""
    xsd = "<http://www.w3.org/2001/XMLSchema#"
    vocab = _graph(f':a :ordinal "5"^^{xsd}positiveInteger> ; :label "甲"@zh .')
    doc = _graph(':b :count 5 ; :label "甲"@zh , "乙"@en .')
    merged = Graph()
    merged += vocab
    merged += doc
    whole = mirror(merged)
    for _ in range(2):  # the second time from what the first read
        split = mirror(doc, reused=vocab)
        assert whole is not None and split is not None
        assert set(split.store) == set(whole.store)
        assert (split.folded, split.folded_predicates) == (whole.folded, whole.folded_predicates)
        assert split.integer_predicates == whole.integer_predicates
        assert split.kinds == whole.kinds
    join = "PREFIX : <http://example.org/> SELECT ?s ?t WHERE { ?s :ordinal ?n . ?t :count ?n }"
    assert split.select(join, {}) is None  # a folded literal joined on: rdflib answers
    vocab.parse(
        data=f'@prefix : <http://example.org/> . :c :p "x"^^{xsd}string> .', format="turtle"
    )
    assert mirror(doc, reused=vocab) is None  # read again: a literal Oxigraph would rewrite


def test_the_build_check_and_the_reference_agree_on_a_document_with_violations():
    """The build's data for a document (its graph, its inferences, the vocabularies read once)
    gives the results the reference gives, on a document whose graph breaks integrity."""
    ingested = _ingested(sorted(RAW.glob("*.txt"))[1])
    for s in list(ingested.graph.graph.subjects(RDF.type, None))[:40]:
        ingested.graph.graph.remove((s, None, None))  # dangling links, missing parts
    check = IntegrityCheck(BASE, None, ROOT / "ontology")
    loaded, reference_shapes = shapes("integrity", BASE)
    for _ in range(2):  # the vocabularies read the first time, reused the second
        fast = combine([validate_one(check.data(ingested), loaded, BASE, None)], BASE)
        quicker_pyshacl(on=False)
        reference = validate_graph(
            ingested.full, reference_shapes, BASE, model=model(BASE), sparql="rdflib"
        )
        assert reference.results and outcome(fast) == outcome(reference)


def test_a_folded_join_through_a_property_path_goes_to_rdflib():
    """A path's objects are its last step's: joined with a folded literal, rdflib answers."""
    g = _graph(
        ':a :has :x . :x :ordinal "5"^^<http://www.w3.org/2001/XMLSchema#positiveInteger> .'
        " :b :count 5 ."
    )
    copy = mirror(g)
    assert copy is not None
    text = (
        "PREFIX : <http://example.org/> SELECT ?s ?t WHERE { ?s :has/:ordinal ?n . ?t :count ?n }"
    )
    assert len(list(g.query(text))) == 0 and len(list(copy.store.query(text))) == 1
    assert copy.select(text, {}) is None
    inverse = "PREFIX : <http://example.org/> SELECT ?s ?t WHERE { ?s ^:has ?n . ?t :count ?n }"
    assert copy.select(inverse, {}) is not None  # an inverse step gives subjects: no literal


def test_true_and_false_in_a_pattern_stay_on_oxigraph_other_typed_literals_do_not():
    g = _graph(
        ':a :decisive true ; :ordinal "5"^^<http://www.w3.org/2001/XMLSchema#positiveInteger> .'
    )
    copy = mirror(g)
    assert copy is not None
    asked = "PREFIX : <http://example.org/> SELECT ?s WHERE { ?s :decisive true }"
    answer = copy.select(asked, {})
    assert answer is not None and [r["s"] for r in answer] == [r["s"] for r in g.query(asked)]
    five = "PREFIX : <http://example.org/> SELECT ?s WHERE { ?s :ordinal 5 }"
    assert len(list(g.query(five))) == 0 and len(list(copy.store.query(five))) == 1
    assert copy.select(five, {}) is None
    decimal = 'PREFIX : <http://example.org/> SELECT ?s WHERE { ?s :p "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> }'
    assert hazards(prepared(decimal).algebra).term_sensitive
