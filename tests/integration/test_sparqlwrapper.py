"""The endpoint through SPARQLWrapper: every query form x every return format x GET / POST form /
POST direct, and the dataset set by the client (default graph, named graph).

Where SPARQLWrapper itself asks for a format that does not exist for the query form (TURTLE for a
SELECT, CSV for a CONSTRUCT) it sends ``Accept: */*`` and warns; the service then answers in its
default for the form (SPARQL JSON, Turtle) and SPARQLWrapper warns again on converting.
"""

from __future__ import annotations

import warnings
import xml.dom.minidom

import pyoxigraph as ox
import pytest
import rdflib
from SPARQLWrapper import (
    CSV,
    GET,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)

pytestmark = pytest.mark.integration

ELI = "PREFIX eli: <http://data.europa.eu/eli/ontology#>\n"
METHODS = {
    "get": (GET, URLENCODED),
    "post-form": (POST, URLENCODED),
    "post-direct": (POST, POSTDIRECTLY),
}
FORMATS = [JSON, XML, CSV, TSV, TURTLE, N3, RDFXML, JSONLD]


def client(server, query: str, fmt: str, method: str = "get") -> SPARQLWrapper:
    sw = SPARQLWrapper(server.url + "sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    http_method, request_method = METHODS[method]
    sw.setMethod(http_method)
    sw.setRequestMethod(request_method)
    sw.setTimeout(30)
    return sw


def run(sw: SPARQLWrapper, expect_warning: bool):
    """Query and convert; SPARQLWrapper's RuntimeWarnings must come exactly when expected.

    (Its JSON-LD conversion also triggers rdflib's ConjunctiveGraph DeprecationWarning: not ours.)
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = sw.query().convert()
    runtime = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert bool(runtime) == expect_warning, runtime
    return result


SELECT = (
    ELI
    + 'SELECT ?doc ?title WHERE { ?doc a eli:LegalResource ; eli:title ?title FILTER(lang(?title) = "zh") } ORDER BY ?doc'
)
ASK = ELI + "ASK { ?doc a eli:LegalResource }"
CONSTRUCT = (
    ELI + "CONSTRUCT { ?doc eli:title ?t } WHERE { ?doc a eli:LegalResource ; eli:title ?t }"
)


def describe(server) -> str:
    return f"DESCRIBE <{server.base}eli/doc-a>"


def check_tabular(form: str, fmt: str, result) -> None:
    if fmt in (JSON, TURTLE, N3, RDFXML, JSONLD):  # the last four: the server's default, JSON
        if form == "SELECT":
            rows = result["results"]["bindings"]
            assert [r["title"]["value"] for r in rows] == [
                "甲市人民政府工作规则",
                "乙县人民政府工作规则",
            ]
        else:
            assert result["boolean"] is True
    elif fmt == XML:
        assert isinstance(result, xml.dom.minidom.Document)
        if form == "SELECT":
            assert len(result.getElementsByTagName("result")) == 2
        else:
            assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        lines = result.decode().splitlines()
        if form == "ASK":
            assert lines == ["true"]
        else:
            assert lines[0] == ("doc,title" if fmt == CSV else "?doc\t?title")
            assert len(lines) == 3


def graph_size(fmt: str, result) -> int:
    if isinstance(result, rdflib.Graph):
        return len(result)
    assert isinstance(result, bytes), (fmt, type(result))
    return len(list(ox.parse(result, format=ox.RdfFormat.TURTLE)))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("form", ["SELECT", "ASK"])
def test_select_and_ask(guize, form, fmt, method):
    query = SELECT if form == "SELECT" else ASK
    result = run(
        client(guize, query, fmt, method), expect_warning=fmt in (TURTLE, N3, RDFXML, JSONLD)
    )
    check_tabular(form, fmt, result)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("form", ["CONSTRUCT", "DESCRIBE"])
def test_construct_and_describe(guize, form, fmt, method):
    query = CONSTRUCT if form == "CONSTRUCT" else describe(guize)
    result = run(client(guize, query, fmt, method), expect_warning=fmt in (JSON, CSV, TSV))
    if fmt in (RDFXML, XML, JSONLD, JSON):
        assert isinstance(result, rdflib.Graph)
    size = graph_size(fmt, result)
    assert size == 4 if form == "CONSTRUCT" else size >= 7


def test_describe_is_the_concise_bounded_description(guize):
    query = f"DESCRIBE <{guize.base}eli/doc-a/art_1>"
    graph = run(client(guize, query, RDFXML), expect_warning=False)
    starts = list(graph.objects(None, rdflib.URIRef("http://www.w3.org/ns/oa#start")))
    assert [int(s) for s in starts] == [12]  # two blank nodes deep


COUNT_DOCS = ELI + "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a eli:LegalResource }"


def count(result) -> int:
    return int(result["results"]["bindings"][0]["n"]["value"])


def test_default_graph_is_the_union_of_all_graphs(guize):
    assert count(run(client(guize, COUNT_DOCS, JSON), False)) == 2


@pytest.mark.parametrize("method", METHODS)
def test_client_sets_the_default_graph(guize, method):
    sw = client(guize, COUNT_DOCS, JSON, method)
    sw.addDefaultGraph(guize.base + "graph/doc-a")
    assert count(run(sw, False)) == 1


@pytest.mark.parametrize("method", METHODS)
def test_client_sets_named_graphs(guize, method):
    query = ELI + "SELECT ?g ?d WHERE { GRAPH ?g { ?d a eli:LegalResource } }"
    sw = client(guize, query, JSON, method)
    sw.addNamedGraph(guize.base + "graph/doc-b")
    rows = run(sw, False)["results"]["bindings"]
    assert [(r["g"]["value"], r["d"]["value"]) for r in rows] == [
        (guize.base + "graph/doc-b", guize.base + "eli/doc-b")
    ]
    sw = client(guize, "ASK { ?s ?p ?o }", JSON, method)
    sw.addNamedGraph(guize.base + "graph/doc-b")
    assert run(sw, False)["boolean"] is False  # only named graphs given: the default graph is empty


def test_from_in_the_query_is_honoured(guize):
    query = ELI + f"SELECT ?d FROM <{guize.base}graph/doc-b> WHERE {{ ?d a eli:LegalResource }}"
    rows = run(client(guize, query, JSON), False)["results"]["bindings"]
    assert [r["d"]["value"] for r in rows] == [guize.base + "eli/doc-b"]


def test_relative_iris_resolve_against_the_endpoint(guize):
    rows = run(client(guize, "SELECT (<x> AS ?x) {}", JSON), False)["results"]["bindings"]
    assert rows[0]["x"]["value"] == guize.base + "x"
