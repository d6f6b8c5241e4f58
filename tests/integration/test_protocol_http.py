"""The SPARQL endpoint over plain HTTP: content negotiation, every failure status, CORS, logs."""

from __future__ import annotations

import json
import urllib.parse

import pyoxigraph as ox
import pytest
from guize_integration import http, raw

pytestmark = pytest.mark.integration

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}
SELECT = "SELECT ?s WHERE { ?s a <http://data.europa.eu/eli/ontology#LegalResource> } ORDER BY ?s"


def q(query: str, **params: str) -> str:
    return "sparql?" + urllib.parse.urlencode({"query": query, **params})


def assert_error(resp, status: int, *words: str) -> dict:
    """The canonical error body."""
    assert resp.status == status, resp.text
    assert resp.header("Content-Type").startswith("application/json")
    body = json.loads(resp.body)
    assert body["ok"] is False and body["status"] == status
    for word in words:
        assert word in body["error"]
    return body


# --- success and content negotiation ---------------------------------------------------------


def test_get_post_form_and_post_direct_agree(guize):
    answers = [
        guize.get(q(SELECT)),
        guize.post("sparql", urllib.parse.urlencode({"query": SELECT}), FORM),
        guize.post("sparql", SELECT, DIRECT),
    ]
    for resp in answers:
        assert resp.status == 200
        assert resp.header("Content-Type") == "application/sparql-results+json"
        assert resp.header("Vary") == "Accept"
        assert resp.header("Access-Control-Allow-Origin") == "*"
    assert answers[0].body == answers[1].body == answers[2].body


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("application/json", "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/html, */*;q=0.1", "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
    ],
)
def test_select_formats_by_accept(guize, accept, media_type):
    resp = guize.get(q(SELECT), {"Accept": accept} if accept else {})
    assert resp.status == 200
    assert resp.header("Content-Type") == media_type
    rows = (
        list(ox.parse_query_results(resp.body, _results_format(media_type)))
        if "csv" not in media_type
        else None
    )
    if rows is not None:
        assert len(rows) == 2


def _results_format(media_type: str) -> ox.QueryResultsFormat:
    for fmt in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML, ox.QueryResultsFormat.TSV):
        if media_type.startswith(fmt.media_type):
            return fmt
    raise AssertionError(media_type)


@pytest.mark.parametrize(
    ("fmt", "rdf"),
    [
        ("turtle", ox.RdfFormat.TURTLE),
        ("ntriples", ox.RdfFormat.N_TRIPLES),
        ("jsonld", ox.RdfFormat.JSON_LD),
        ("rdfxml", ox.RdfFormat.RDF_XML),
        ("nquads", ox.RdfFormat.N_QUADS),
        ("trig", ox.RdfFormat.TRIG),
    ],
)
def test_construct_formats_by_format_parameter(guize, fmt, rdf):
    query = "CONSTRUCT WHERE { ?s a <http://data.europa.eu/eli/ontology#LegalResource> }"
    resp = guize.get(q(query, format=fmt), {"Accept": "text/html"})
    assert resp.status == 200
    assert resp.header("Content-Type").split(";")[0] == rdf.media_type
    statements = list(ox.parse(resp.body, format=rdf))
    assert len(statements) == 2
    if rdf in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        assert all(s.graph_name == ox.DefaultGraph() for s in statements)


def test_format_parameter_wins_over_accept_and_ignores_other_forms(guize):
    assert (
        guize.get(q(SELECT, format="csv"), {"Accept": "application/sparql-results+xml"}).header(
            "Content-Type"
        )
        == "text/csv; charset=utf-8"
    )
    # SPARQLWrapper sends format=turtle with a SELECT: the Accept header decides.
    resp = guize.get(q(SELECT, format="turtle"), {"Accept": "application/sparql-results+xml"})
    assert resp.header("Content-Type") == "application/sparql-results+xml"


def test_query_text_mentioning_service_is_not_refused(guize):
    query = 'SELECT * WHERE { # SERVICE <http://evil/>\n ?s ?p "SERVICE <http://evil/> {}" }'
    assert guize.get(q(query)).status == 200
    query = "PREFIX ex: <http://x/SERVICE> SELECT ?service WHERE { ?service ex:SERVICE ?o }"
    assert guize.get(q(query)).status == 200


# --- failures ---------------------------------------------------------------------------------


def test_malformed_query_is_400_with_the_parser_message(guize):
    body = assert_error(
        guize.get(q("SELECT * WHERE { ?s ?p ")), 400, "malformed query", "error at 1:"
    )
    assert "expected" in body["error"]


@pytest.mark.parametrize(
    ("path", "data", "headers", "words"),
    [
        ("sparql?query=ASK%7B%7D&query=ASK%7B%7D", None, {}, ["more than one query"]),
        (q("ASK {}"), "query=ASK%20%7B%7D", FORM, ["not both"]),
        ("sparql", "default-graph-uri=http%3A%2F%2Fa", FORM, ["missing query"]),
        ("sparql", "query=", FORM, ["empty query"]),
        (q("ASK {}", **{"default-graph-uri": "not an iri"}), None, {}, ["not an absolute IRI"]),
        ("sparql", b"ASK {\xff}", DIRECT, ["not valid UTF-8"]),
    ],
)
def test_bad_requests_are_400(guize, path, data, headers, words):
    resp = guize.post(path, data, headers) if data is not None else guize.get(path)
    assert_error(resp, 400, *words)


@pytest.mark.parametrize(
    ("path", "data", "headers"),
    [
        (q("INSERT DATA { <http://a> <http://b> <http://c> }"), None, {}),
        ("sparql", "PREFIX : <http://a/> DELETE WHERE { ?s ?p ?o }", DIRECT),
    ],
)
def test_update_text_given_as_a_query_is_400(guize, path, data, headers):
    resp = guize.post(path, data, headers) if data is not None else guize.get(path)
    assert_error(resp, 400, "/update")


def test_head_is_answered_as_get(guize):
    for path in ("sparql", q("ASK {}")):
        get = raw("GET", guize.url + path, b"", {"Accept": "*/*"})
        head = raw("HEAD", guize.url + path, b"", {"Accept": "*/*"})
        assert head.status == get.status == 200, (path, head.status, get.status)
        assert head.body == b"" and head.header("Content-Type") == get.header("Content-Type")


@pytest.mark.parametrize(
    ("path", "data", "headers"),
    [
        ("sparql?update=CLEAR%20ALL", None, {}),
        ("sparql", "update=CLEAR%20ALL", FORM),
        ("sparql", "CLEAR ALL", {"Content-Type": "application/sparql-update"}),
    ],
)
def test_updates_sent_to_the_query_operation_are_403(guize, path, data, headers):
    resp = guize.post(path, data, headers) if data is not None else guize.get(path)
    assert_error(resp, 403, "/update")


def test_federated_service_is_403(guize):
    query = "SELECT * WHERE { SERVICE <http://dbpedia.org/sparql> { ?s ?p ?o } }"
    assert_error(guize.get(q(query)), 403, "SERVICE")
    assert_error(
        guize.post("sparql", "select * { ?a ?b ?c . service silent <http://x/> {} }", DIRECT), 403
    )


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405(guize, method):
    resp = http(method, guize.url + q("ASK {}"), data=b"", headers=FORM)
    assert_error(resp, 405)
    assert {"GET", "POST"} <= {m.strip() for m in resp.header("Allow").split(",")}


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        (SELECT, "image/png"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "text/csv"),
        ("ASK {}", "text/turtle"),
    ],
)
def test_unacceptable_accept_is_406(guize, query, accept):
    assert_error(guize.get(q(query), {"Accept": accept}), 406, "acceptable")


@pytest.mark.parametrize(
    "headers",
    [
        {"Content-Type": "text/plain"},
        {},
        {"Content-Type": "application/sparql-query; charset=UTF-16"},
        {"Content-Type": "application/x-www-form-urlencoded; charset=latin-1"},
    ],
)
def test_wrong_content_type_or_charset_is_415(guize, headers):
    resp = raw(
        "POST", guize.url + "sparql", "ASK {}".encode("utf-16" if headers else "utf-8"), headers
    )
    assert_error(resp, 415)


def test_request_over_max_request_bytes_is_413(guize):
    """The client reads the refusal: the server takes in the rest of the refused body first
    (a connection closed while the client still sends is a broken pipe, not a 413)."""
    query = "ASK {}" + "#" * 2_100_000
    for _ in range(5):
        assert_error(guize.post("sparql", query, DIRECT), 413)


def test_unknown_path_is_404_and_browsers_get_html(guize):
    assert_error(guize.get("no/such/thing"), 404)
    resp = guize.get("no/such/thing", {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert resp.status == 404
    assert resp.header("Content-Type").startswith("text/html")
    assert "404" in resp.text


# --- CORS and logs -----------------------------------------------------------------------------


def test_cors_preflight_is_answered(guize):
    resp = http(
        "OPTIONS",
        guize.url + "sparql",
        headers={
            "Origin": "https://yasgui.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, authorization",
        },
    )
    assert resp.status in (200, 204)
    assert resp.header("Access-Control-Allow-Origin") == "*"
    assert "POST" in resp.header("Access-Control-Allow-Methods")
    assert resp.header("Access-Control-Allow-Headers") == "content-type, authorization"


def test_cors_on_errors_too(guize):
    resp = guize.get(q("SELECT {"), {"Origin": "https://x.example"})
    assert resp.status == 400
    assert resp.header("Access-Control-Allow-Origin") == "*"


def test_one_json_log_line_per_request(guize):
    guize.get("health?probe=log-line")
    lines = [
        json.loads(line) for line in guize.logs[1].read_text().splitlines() if line.startswith("{")
    ]
    entry = next(e for e in reversed(lines) if e.get("path") == "/health")
    assert entry["method"] == "GET" and entry["status"] == 200
    assert isinstance(entry["duration_ms"], float) and isinstance(entry["bytes"], int)
