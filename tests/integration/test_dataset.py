"""Service description, VoID/DCAT dataset description, bulk dumps, health."""

from __future__ import annotations

import gzip
import json

import pyoxigraph as ox
import pytest

pytestmark = pytest.mark.integration

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def graph(resp) -> ox.Store:
    assert resp.status == 200, resp.text
    store = ox.Store()
    store.load(resp.body, format=ox.RdfFormat.TURTLE)
    return store


def values(store: ox.Store, s, p: str) -> list:
    return [q.object for q in store.quads_for_pattern(s, ox.NamedNode(p), None)]


def test_service_description(guize):
    sd = graph(guize.get("sparql", {"Accept": "text/turtle"}))
    endpoint = ox.NamedNode(guize.base + "sparql")
    assert ox.NamedNode(SD + "Service") in values(sd, endpoint, RDF_TYPE.value)
    assert values(sd, endpoint, SD + "endpoint") == [endpoint]
    assert values(sd, endpoint, SD + "supportedLanguage") == [ox.NamedNode(SD + "SPARQL11Query")]
    assert ox.NamedNode(SD + "UnionDefaultGraph") in values(sd, endpoint, SD + "feature")
    formats = {f.value.rsplit("/", 1)[1] for f in values(sd, endpoint, SD + "resultFormat")}
    assert {
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "JSON-LD",
        "RDF_XML",
        "N-Triples",
    } <= formats
    names = {o.value for o in values(sd, None, SD + "name")}
    assert names == {guize.base + "graph/doc-a", guize.base + "graph/doc-b"}


def test_service_description_for_browsers_is_the_query_page(guize):
    resp = guize.get("sparql", {"Accept": "text/html"})
    assert resp.status == 303 and resp.header("Location").endswith("/query")


def test_void_and_dcat_with_counts(guize):
    void = graph(guize.get("dataset"))
    ds = ox.NamedNode(guize.base + "dataset")
    types = values(void, ds, RDF_TYPE.value)
    assert ox.NamedNode(VOID + "Dataset") in types and ox.NamedNode(DCAT + "Dataset") in types
    dump = ox.parse(guize.get("dumps/guize.nq").body, format=ox.RdfFormat.N_QUADS)
    assert values(void, ds, VOID + "triples") == [
        ox.Literal(
            str(len(list(dump))), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
        )
    ]
    subsets = values(void, ds, VOID + "subset")
    assert {s.value for s in subsets} == {guize.base + "graph/doc-a", guize.base + "graph/doc-b"}
    assert [values(void, s, VOID + "triples")[0].value for s in sorted(subsets, key=str)] == [
        "32",
        "20",
    ]
    (partition,) = values(void, ds, VOID + "classPartition")
    assert values(void, partition, VOID + "entities")[0].value == "2"
    downloads = {d.value for d in values(void, ds, VOID + "dataDump")}
    assert downloads == {
        guize.base + f"dumps/guize.{e}" for e in ("nq", "nq.gz", "trig", "trig.gz")
    }
    assert values(void, ds, VOID + "sparqlEndpoint") == [ox.NamedNode(guize.base + "sparql")]


@pytest.mark.parametrize(
    ("name", "fmt", "compressed"),
    [
        ("guize.nq", ox.RdfFormat.N_QUADS, False),
        ("guize.nq.gz", ox.RdfFormat.N_QUADS, True),
        ("guize.trig", ox.RdfFormat.TRIG, False),
        ("guize.trig.gz", ox.RdfFormat.TRIG, True),
    ],
)
def test_dumps(guize, name, fmt, compressed):
    resp = guize.get(f"dumps/{name}")
    assert resp.status == 200
    assert int(resp.header("Content-Length")) == len(resp.body)
    assert resp.header("Last-Modified")
    body = gzip.decompress(resp.body) if compressed else resp.body
    quads = list(ox.parse(body, format=fmt))
    assert len(quads) == 52
    assert {q.graph_name.value for q in quads} == {
        guize.base + "graph/doc-a",
        guize.base + "graph/doc-b",
    }
    again = guize.get(f"dumps/{name}", {"If-Modified-Since": resp.header("Last-Modified")})
    assert again.status == 304


def test_unknown_dump_is_404(guize):
    assert guize.get("dumps/guize.xlsx").status == 404


def test_health(guize):
    assert json.loads(guize.get("health").body) == {"ok": True, "status": "alive"}
    assert json.loads(guize.get("health/ready").body) == {
        "ok": True,
        "status": "ready",
        "graphs": 2,
    }


def test_home_page_links_the_endpoints(guize):
    body = guize.get("", {"Accept": "text/html"}).body.decode("utf-8")
    for path in ('href="/sparql"', 'href="/dataset"', 'href="/query"', 'href="/compare"'):
        assert path in body
