"""SPARQL Update and the Graph Store Protocol: 403 without the token, working with it; and a
read-only service refuses both."""

from __future__ import annotations

import json
import urllib.parse

import pyoxigraph as ox
import pytest
from guize_integration import http

pytestmark = pytest.mark.integration

UPDATE = {"Content-Type": "application/sparql-update"}


def auth(server, **headers: str) -> dict:
    return {"Authorization": f"Bearer {server.token}", **headers}


def ask(server, query: str) -> bool:
    resp = server.get("sparql?" + urllib.parse.urlencode({"query": query}))
    assert resp.status == 200, resp.text
    return json.loads(resp.body)["boolean"]


def test_read_only_service_refuses_update_and_graph_store(guize):
    resp = guize.post("update", "CLEAR ALL", {**UPDATE, "Authorization": "Bearer anything"})
    assert resp.status == 403 and "read-only" in json.loads(resp.body)["error"]
    for method in ("PUT", "POST", "DELETE"):
        resp = http(
            method,
            guize.url + "rdf-graphs/service?default",
            b"<a:b> <a:c> <a:d> .",
            {"Content-Type": "application/n-triples"},
        )
        assert resp.status == 403, (method, resp.status)
    assert ask(guize, "ASK { ?s ?p ?o }")


def test_reading_a_graph_needs_no_token(guize):
    """Graph Store Protocol GET is reading, open to everyone as the query operation is."""
    resp = guize.get("rdf-graphs/service?default", {"Accept": "application/n-triples"})
    assert resp.status == 200 and resp.header("Content-Type").startswith("application/n-triples")
    missing = guize.get("rdf-graphs/service?graph=http%3A%2F%2Fexample.org%2Fnone")
    assert missing.status == 404


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong", "Basic czNjcmV0LXRva2Vu", "s3cret-token"]
)
def test_missing_or_wrong_token_is_403(writable, authorization):
    headers = dict(UPDATE, **({"Authorization": authorization} if authorization else {}))
    resp = writable.post("update", "CLEAR ALL", headers)
    assert resp.status == 403
    assert ask(writable, "ASK { ?s ?p ?o }")


def test_update_with_token_is_visible_to_the_next_query(writable):
    g = writable.base + "graph/added"
    resp = writable.post(
        "update",
        f"INSERT DATA {{ GRAPH <{g}> {{ <urn:x:a> <urn:x:p> 'one' }} }}",
        auth(writable, **UPDATE),
    )
    assert resp.status == 204, resp.text
    assert ask(writable, "ASK { <urn:x:a> <urn:x:p> 'one' }")
    form = urllib.parse.urlencode(
        {"update": f"DELETE DATA {{ GRAPH <{g}> {{ <urn:x:a> <urn:x:p> 'one' }} }}"}
    )
    resp = writable.post(
        "update", form, auth(writable, **{"Content-Type": "application/x-www-form-urlencoded"})
    )
    assert resp.status == 204
    assert not ask(writable, "ASK { <urn:x:a> <urn:x:p> 'one' }")


@pytest.mark.parametrize(
    ("path", "data", "content_type", "status"),
    [
        ("update", "CLEAR XYZ", "application/sparql-update", 400),
        ("update", "update=CLEAR+ALL&update=CLEAR+ALL", "application/x-www-form-urlencoded", 400),
        ("update", "CLEAR ALL", "text/plain", 415),
        (
            "update?using-graph-uri=http%3A%2F%2Fa",
            "WITH <http://b> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",  # its own dataset as well
            "application/sparql-update",
            400,
        ),
        (
            "update",
            "INSERT { ?s ?p ?o } WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
            "application/sparql-update",
            403,
        ),
        ("update", "LOAD <http://example.org/data.ttl>", "application/sparql-update", 403),
    ],
)
def test_bad_updates(writable, path, data, content_type, status):
    resp = writable.post(path, data, auth(writable, **{"Content-Type": content_type}))
    assert resp.status == status, resp.text
    assert json.loads(resp.body)["status"] == status


def test_update_by_get_is_405(writable):
    assert (
        http("GET", writable.url + "update?update=CLEAR%20ALL", headers=auth(writable)).status
        == 405
    )


def test_graph_store_protocol_round_trip(writable):
    g = writable.base + "graph/gsp"
    url = writable.url + "rdf-graphs/service?" + urllib.parse.urlencode({"graph": g})
    turtle = "@prefix ex: <http://example.org/> . ex:a ex:p 1 . ex:b ex:p 2 ."
    put = http("PUT", url, turtle, auth(writable, **{"Content-Type": "text/turtle"}))
    assert put.status == 201, put.text
    got = http("GET", url, headers=auth(writable, Accept="application/n-triples"))
    assert len(list(ox.parse(got.body, format=ox.RdfFormat.N_TRIPLES))) == 2
    assert (
        http(
            "PUT",
            url,
            '<http://example.org/c> <http://example.org/p> "3" .',
            auth(writable, **{"Content-Type": "application/n-triples"}),
        ).status
        == 204
    )
    assert (
        http(
            "POST",
            url,
            '<http://example.org/d> <http://example.org/p> "4" .',
            auth(writable, **{"Content-Type": "application/n-triples"}),
        ).status
        == 204
    )
    got = http("GET", url, headers=auth(writable, Accept="text/turtle"))
    subjects = {t.subject.value for t in ox.parse(got.body, format=ox.RdfFormat.TURTLE)}
    assert subjects == {"http://example.org/c", "http://example.org/d"}  # PUT replaced, POST merged
    assert ask(writable, f'ASK {{ GRAPH <{g}> {{ <http://example.org/d> ?p "4" }} }}')
    assert http("DELETE", url, headers=auth(writable)).status == 204
    assert http("GET", url, headers=auth(writable)).status == 404
    assert http("DELETE", url, headers=auth(writable)).status == 404


def test_graph_store_default_graph_and_errors(writable):
    url = writable.url + "rdf-graphs/service?default"
    assert (
        http(
            "PUT",
            url,
            '<urn:x:d> <urn:x:p> "1" .',
            auth(writable, **{"Content-Type": "application/n-triples"}),
        ).status
        == 204
    )
    got = http("GET", url, headers=auth(writable, Accept="application/n-triples"))
    assert [t.subject.value for t in ox.parse(got.body, format=ox.RdfFormat.N_TRIPLES)] == [
        "urn:x:d"
    ]
    assert (
        http("PUT", url, "x", auth(writable, **{"Content-Type": "application/pdf"})).status == 415
    )
    assert (
        http(
            "PUT", url, "<a> <b>", auth(writable, **{"Content-Type": "application/n-triples"})
        ).status
        == 400
    )
    assert http("GET", writable.url + "rdf-graphs/service", headers=auth(writable)).status == 400
    assert http("DELETE", url, headers=auth(writable)).status == 204


def test_service_description_announces_update(writable):
    resp = writable.get("sparql", {"Accept": "application/n-triples"})
    assert "http://www.w3.org/ns/sparql-service-description#SPARQL11Update" in resp.text
