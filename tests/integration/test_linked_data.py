"""Linked data: every IRI the fixture graph mints dereferences, with content negotiation,
303 for things, 200 for documents, 404 for the unknown."""

from __future__ import annotations

import json
import urllib.parse

import pyoxigraph as ox
import pytest
from guize_integration import http

from guize.iris import NAMESPACE, path_of_iri

pytestmark = pytest.mark.integration

RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def triples(resp, fmt=ox.RdfFormat.TURTLE, base: str | None = None) -> set:
    assert resp.status == 200, resp.text
    return {
        (q.subject, q.predicate, q.object) for q in ox.parse(resp.body, format=fmt, base_iri=base)
    }


def test_document_answers_200_turtle_by_default(guize):
    resp = guize.get("eli/doc-a")
    assert resp.header("Content-Type") == "text/turtle; charset=utf-8"
    assert resp.header("Vary") == "Accept"
    doc = ox.NamedNode(guize.base + "eli/doc-a")
    title = ox.Literal("甲市人民政府工作规则", language="zh")
    assert (doc, ox.NamedNode("http://data.europa.eu/eli/ontology#title"), title) in triples(resp)


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("text/turtle", ox.RdfFormat.TURTLE),
    ],
)
def test_every_rdf_format_says_the_same(guize, accept, fmt):
    reference = triples(
        guize.get("eli/doc-a", {"Accept": "application/n-triples"}), ox.RdfFormat.N_TRIPLES
    )
    resp = guize.get("eli/doc-a", {"Accept": accept})
    assert resp.header("Content-Type").split(";")[0] == fmt.media_type
    got = triples(resp, fmt)
    assert len(got) == len(reference)
    assert {t for t in got if not isinstance(t[2], ox.BlankNode)} == {
        t for t in reference if not isinstance(t[2], ox.BlankNode)
    }


def test_one_link_header_with_one_alternate(guize):
    """One well-formed Link header naming one alternate (JSON-LD document loaders such as PyLD's
    refuse several rel="alternate" links); the HTML view lists every alternate in its head."""
    resp = guize.get("eli/doc-a")
    link = resp.header("Link")
    assert link.count('rel="alternate"') == 1 and 'type="application/ld+json"' in link
    alternate = link.split(";")[0].strip("<> ")
    answer = http("GET", urllib.parse.urljoin(guize.url, alternate))
    assert answer.status == 200 and answer.header("Content-Type").startswith("application/ld+json")
    back = guize.get("eli/doc-a", {"Accept": "application/ld+json"}).header("Link")
    assert 'type="text/turtle"' in back
    page = guize.get("data/eli/doc-a", BROWSER).text
    for media in (
        "text/turtle",
        "application/ld+json",
        "application/n-triples",
        "application/rdf+xml",
    ):
        assert f'<link rel="alternate" type="{media}" href="/data/eli/doc-a?format=' in page


def test_browser_gets_an_html_table_with_labels_and_links(guize):
    resp = guize.get("eli/doc-a", BROWSER)
    assert resp.header("Content-Type") == "text/html; charset=utf-8"
    page = resp.text
    assert '<table class="data ld">' in page and "甲市人民政府工作规则" in page
    assert '<header class="site">' in page  # the site's layout and navigation
    assert ">甲市人民政府 <code" in page  # label of a linked IRI, in the page's language
    assert 'href="/id/government/a"' in page  # links stay on this service
    assert 'href="/eli/doc-a/art_1"' in page  # referenced by


def test_description_closes_over_blank_nodes(guize):
    got = triples(
        guize.get("eli/doc-a/art_1", {"Accept": "application/n-triples"}), ox.RdfFormat.N_TRIPLES
    )
    starts = [o for _, p, o in got if p.value == "http://www.w3.org/ns/oa#start"]
    assert starts == [
        ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    ]


def test_things_answer_303_to_their_document(guize):
    resp = guize.get("id/government/a", {"Accept": "text/turtle"})
    assert resp.status == 303
    assert resp.header("Location").endswith("/data/id/government/a")
    got = triples(guize.get("data/id/government/a", {"Accept": "text/turtle"}))
    gov = ox.NamedNode(guize.base + "id/government/a")
    assert (gov, RDFS_LABEL, ox.Literal("甲市人民政府", language="zh")) in got
    passed_by = ox.NamedNode("http://data.europa.eu/eli/ontology#passed_by")
    assert (ox.NamedNode(guize.base + "eli/doc-a"), passed_by, gov) in got  # what points at it


def test_303_keeps_the_format_parameter(guize):
    resp = guize.get("id/government/b?format=jsonld")
    assert resp.status == 303
    assert resp.header("Location").endswith("/data/id/government/b?format=jsonld")


def test_concepts_come_from_the_vocabulary_files_and_the_store(guize):
    assert guize.get("vocab/role-kind/head").status == 303
    got = triples(guize.get("data/vocab/role-kind/head"))
    head = ox.NamedNode("https://w3id.org/guize/vocab/role-kind/head")
    assert (head, SKOS_PREF, ox.Literal("head of government", language="en")) in got  # file
    mentions = ox.NamedNode("https://w3id.org/guize/ontology#mentionsRole")
    assert (ox.NamedNode(guize.base + "eli/doc-b/art_1"), mentions, head) in got  # store


def test_scheme_document_holds_its_concepts(guize):
    got = triples(guize.get("data/vocab/role-kind"))
    assert (
        ox.NamedNode("https://w3id.org/guize/vocab/role-kind/head"),
        SKOS_PREF,
        ox.Literal("行政首长", language="zh"),
    ) in got


def test_ontology_and_its_hash_terms(guize):
    """A client that names no format (owlready2 sends no Accept) gets RDF/XML."""
    got = triples(guize.get("ontology"), ox.RdfFormat.RDF_XML)
    assert got == triples(guize.get("ontology", {"Accept": "text/turtle"}))
    provision = ox.NamedNode("https://w3id.org/guize/ontology#Provision")
    assert (provision, RDFS_LABEL, ox.Literal("条款", language="zh")) in got
    reference = guize.get("ontology", BROWSER).text  # the reference page, a section per term
    assert '<section class="term" id="Provision">' in reference and "条款" in reference


def test_shapes_file(guize):
    got = triples(guize.get("shapes/integrity"))
    shape = ox.NamedNode(NAMESPACE + "shapes/integrity#DocumentShape")
    assert any(s == shape for s, _, _ in got)


def test_graph_document_in_quad_formats_keeps_the_graph(guize):
    resp = guize.get("graph/doc-b", {"Accept": "application/n-quads"})
    quads = list(ox.parse(resp.body, format=ox.RdfFormat.N_QUADS))
    graph = ox.NamedNode(guize.base + "graph/doc-b")
    inside = [q for q in quads if q.graph_name == graph]
    assert len(inside) == 20
    resp = guize.get("graph/doc-b", {"Accept": "application/trig"})
    assert (
        len([q for q in ox.parse(resp.body, format=ox.RdfFormat.TRIG) if q.graph_name == graph])
        == 20
    )


@pytest.mark.parametrize(
    "path", ["eli/doc-z", "id/government/zzz", "vocab/nope/x", "graph/nope", "data/eli/nope"]
)
def test_unknown_iris_are_404(guize, path):
    resp = guize.get(path)
    assert resp.status == 404
    assert json.loads(resp.body)["status"] == 404


def test_unacceptable_accept_is_406(guize):
    assert guize.get("eli/doc-a", {"Accept": "image/png"}).status == 406


def test_request_host_maps_onto_the_base(guize):
    """The same path on another host name (localhost vs 127.0.0.1) means the same IRI."""
    other = guize.url.replace("127.0.0.1", "localhost")
    resp = http("GET", other + "eli/doc-a", headers={"Accept": "application/n-triples"})
    assert triples(resp, ox.RdfFormat.N_TRIPLES) == triples(
        guize.get("eli/doc-a", {"Accept": "application/n-triples"}), ox.RdfFormat.N_TRIPLES
    )


def test_every_minted_iri_dereferences(guize):
    """Every IRI under the base in the store answers 200 (directly or after its 303)."""
    query = (
        "SELECT DISTINCT ?x WHERE { { ?x ?p ?o } UNION { ?s ?x ?o } UNION { ?s ?p ?x }"
        " UNION { GRAPH ?x { ?a ?b ?c } } FILTER(isIRI(?x)) }"
    )
    resp = guize.get("sparql?" + urllib.parse.urlencode({"query": query}))
    iris = [r["x"]["value"] for r in json.loads(resp.body)["results"]["bindings"]]
    paths = {i: path_of_iri(i, guize.base) for i in iris}
    minted = [i for i, path in paths.items() if path is not None]
    # 9 documents/parts/orgs/posts, 2 graphs under the base; 1 concept, 4 ontology terms under
    # the model's namespace, answered at the service's own paths
    assert len([i for i in minted if i.startswith(guize.base)]) == 11
    assert len([i for i in minted if i.startswith(NAMESPACE)]) == 5
    for iri in minted:
        url = guize.url + paths[iri].split("#")[0]
        resp = http("GET", url)
        if resp.status == 303:
            resp = http("GET", urllib.parse.urljoin(url, resp.header("Location")))
        assert resp.status == 200, (iri, resp.text)
