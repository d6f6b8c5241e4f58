"""The app on an in-memory store through Flask's test client."""

from __future__ import annotations

import pyoxigraph as ox

from guize.config import Settings
from guize.web.app import create_app


def test_query_and_truncation(client):
    resp = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert resp.status_code == 200
    assert (
        resp.headers["X-Guize-Truncated"] == "true" and resp.headers["X-Guize-Result-Limit"] == "5"
    )
    assert len(resp.get_json()["results"]["bindings"]) == 5


def test_missing_ontology_and_shapes_folders_are_fine(client):
    assert client.get("/ontology").status_code == 404
    assert client.get("/eli/doc-a").status_code == 200


def test_static_files_are_parsed_against_the_model_namespace(tmp_path, store):
    """Whatever the data's base, the model's terms keep their stable IRIs."""
    onto = tmp_path / "ontology"
    (onto / "vocab").mkdir(parents=True)
    (onto / "guize.ttl").write_text(
        "@prefix gz: <ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'gz:Provision rdfs:label "条款"@zh .',
        encoding="utf-8",
    )
    (onto / "vocab" / "broken.ttl").write_text("this is not turtle", encoding="utf-8")
    settings = Settings(
        base_iri="https://data.example/guize/", ontology_dir=str(onto), shapes_dir=str(tmp_path)
    )
    client = create_app(settings, store=store).test_client()
    resp = client.get("/ontology", headers={"Accept": "application/n-triples"})
    assert resp.status_code == 200
    assert b"<https://w3id.org/guize/ontology#Provision>" in resp.data
    assert client.get("/vocab/broken").status_code == 404  # logged and skipped


def test_base_with_a_path_maps_request_paths_onto_it(tmp_path, store):
    store.raw.add(
        ox.Quad(
            ox.NamedNode("https://data.example/guize/eli/x"),
            ox.NamedNode("http://x/p"),
            ox.Literal("v"),
            ox.NamedNode("https://data.example/guize/graph/x"),
        )
    )
    settings = Settings(
        base_iri="https://data.example/guize/", ontology_dir=str(tmp_path), shapes_dir=str(tmp_path)
    )
    client = create_app(settings, store=store).test_client()
    resp = client.get("/eli/x", headers={"Accept": "application/n-triples"})
    assert resp.status_code == 200 and b'"v"' in resp.data


def test_thing_redirects_and_document_describes(client):
    resp = client.get("/id/government/a?format=ttl")
    assert (
        resp.status_code == 303 and resp.headers["Location"] == "/data/id/government/a?format=ttl"
    )
    page = client.get("/data/id/government/a", headers={"Accept": "text/html"}).get_data(
        as_text=True
    )
    assert '<h1 lang="zh-Hans">甲市人民政府</h1>' in page  # labelled in the page's language
    assert 'href="/eli/doc-a"' in page
    english = client.get("/data/id/government/a?lang=en", headers={"Accept": "text/html"})
    assert "A City</h1>" in english.get_data(as_text=True)


def test_sd_for_browsers_goes_to_the_query_page_when_there_is_one(app):
    app.add_url_rule("/query", "query_page", lambda: "the query page")
    resp = app.test_client().get("/sparql", headers={"Accept": "text/html"})
    assert resp.status_code == 303 and resp.headers["Location"] == "/query"


def test_cors_preflight(client):
    resp = client.options(
        "/sparql", headers={"Access-Control-Request-Method": "POST", "Origin": "https://x"}
    )
    assert resp.status_code == 200
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert "Authorization" in resp.headers["Access-Control-Allow-Headers"]


def test_inline_update_with_token(settings, store):
    from dataclasses import replace

    client = create_app(replace(settings, update_token="t"), store=store).test_client()
    resp = client.post(
        "/update",
        data="INSERT DATA { <http://x/a> <http://x/b> 'c' }",
        content_type="application/sparql-update",
        headers={"Authorization": "Bearer t"},
    )
    assert resp.status_code == 204
    ask = client.get("/sparql", query_string={"query": "ASK { <http://x/a> ?p ?o }"})
    assert ask.get_json()["boolean"] is True


def test_a_fact_is_described_with_its_span_and_the_words(tmp_path):
    """A fact's description carries its span of raw text, the span's position and its quote
    (one answer: a client need not dereference three more IRIs to reach the words), and a
    span dereferences on its own, for browsers too."""
    from pathlib import Path

    from guize.iris import Iris
    from guize.pipeline import ingest_bytes
    from guize.store import open_store

    base = "http://guize.test/"
    raw = Path(__file__).resolve().parents[3] / "data" / "raw" / "004_ea0f23940cb5d166.txt"
    ingested = ingest_bytes(raw.read_bytes(), "004", Iris(base), reason=False)
    graph = ox.NamedNode(ingested.graph.graph_iri)
    store = open_store(None)
    store.raw.extend(
        ox.Quad(t.subject, t.predicate, t.object, graph) for t in ingested.graph.triples()
    )
    settings = Settings(
        base_iri=base,
        ontology_dir=str(tmp_path / "no-ontology"),
        shapes_dir=str(tmp_path / "no-shapes"),
        dump_dir=str(tmp_path / "dumps"),
    )
    client = create_app(settings, store=store).test_client()
    oa, gz = "http://www.w3.org/ns/oa#", "https://w3id.org/guize/ontology#"
    (row,) = store.raw.query(
        f"SELECT ?fact ?span ?start ?end ?exact WHERE {{ GRAPH ?g {{ ?fact a <{gz}Fact> ; "
        f"<{gz}span> ?span . ?span <{oa}hasSelector> ?p , ?q . ?p <{oa}start> ?start ; "
        f"<{oa}end> ?end . ?q <{oa}exact> ?exact }} }} ORDER BY ?fact LIMIT 1"
    )
    resp = client.get(row["fact"].value[len(base) - 1 :], headers={"Accept": "text/turtle"})
    assert resp.status_code == 200
    said = {
        (t.subject, t.predicate, t.object)
        for t in ox.parse(resp.get_data(), format=ox.RdfFormat.TURTLE)
    }
    span = row["span"]
    assert (row["fact"], ox.NamedNode(gz + "span"), span) in said
    position = ox.NamedNode(span.value + "#position")
    quote = ox.NamedNode(span.value + "#quote")
    assert (span, ox.NamedNode(oa + "hasSelector"), position) in said
    assert (position, ox.NamedNode(oa + "start"), row["start"]) in said
    assert (position, ox.NamedNode(oa + "end"), row["end"]) in said
    assert (quote, ox.NamedNode(oa + "exact"), row["exact"]) in said
    page = client.get(span.value[len(base) - 1 :], headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert row["exact"].value in page.get_data(as_text=True)
