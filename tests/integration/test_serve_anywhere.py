"""One store, served at two addresses: the data's canonical base is recorded in the store at
build, and each service maps it to its own address (issue 12: "A store built once is served on
two different ports; on each, the home page lists every document, and every IRI taken from a
SPARQL answer dereferences there as Turtle, JSON-LD and HTML").

The store is built by the real ``guize build`` under the default base; neither service runs at
that address.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from guize_integration import REPO, free_port, http, start_server
from SPARQLWrapper import JSON, SPARQLWrapper

from guize.iris import DEFAULT_BASE_IRI, ONTOLOGY

pytestmark = pytest.mark.integration

SEEDS = sorted((REPO / "data" / "raw").glob("*.txt"))[:3]


def guize(*args: str, env: dict | None = None, cwd: Path | None = None):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GUIZE_")}
    return subprocess.run(
        [sys.executable, "-m", "guize.cli", *args],
        env={**clean, **(env or {})},
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("addresses")
    raw = root / "raw"
    raw.mkdir()
    for path in SEEDS:
        shutil.copy(path, raw / path.name)
    done = guize("build", "--source", str(raw), "--store", str(root / "store"), "--no-check")
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture(scope="module")
def servers(built):
    started = []
    try:
        for _ in range(2):
            port = free_port()
            started.append(
                start_server(built, port, {"store_path": built / "store", "query_workers": 2})
            )
        yield started
    finally:
        for server in started:
            server.stop()


def _select(server, query: str) -> list[dict]:
    sw = SPARQLWrapper(server.url + "sparql")
    sw.setQuery(query)
    sw.setReturnFormat(JSON)
    return sw.queryAndConvert()["results"]["bindings"]


def test_neither_service_runs_at_the_store_base(servers):
    assert all(not s.url.startswith(DEFAULT_BASE_IRI) for s in servers)
    assert servers[0].url != servers[1].url


def test_the_home_page_lists_every_document_on_each_address(servers):
    for server in servers:
        docs = _select(server, f"SELECT ?d WHERE {{ ?d a <{ONTOLOGY}WorkRules> }}")
        keys = {b["d"]["value"].rsplit("/", 1)[-1] for b in docs}
        assert len(keys) == len(SEEDS)
        home = server.get("", {"Accept": "text/html"})
        assert home.status == 200
        for key in keys:
            assert f'href="/documents/{key}"' in home.text


def test_every_iri_of_an_answer_dereferences_where_it_was_answered(servers):
    query = f"""SELECT DISTINCT ?x WHERE {{
        {{ ?x a <{ONTOLOGY}WorkRules> }} UNION {{ ?x a <{ONTOLOGY}Provision> }}
        UNION {{ ?d <http://data.europa.eu/eli/ontology#passed_by> ?x }}
        UNION {{ ?x a <{ONTOLOGY}Meeting> }}
    }} ORDER BY ?x"""
    for server in servers:
        found = [b["x"]["value"] for b in _select(server, query)]
        assert len(found) > 20
        for iri in found[:: max(1, len(found) // 12)] + found[-2:]:
            assert iri.startswith(server.url), iri
            for accept in ("text/turtle", "application/ld+json", "text/html"):
                resp = http("GET", iri, headers={"Accept": accept})
                if resp.status == 303:
                    target = resp.header("location")
                    resp = http("GET", server.url + target.lstrip("/"), headers={"Accept": accept})
                assert resp.status == 200, (iri, accept, resp.status, resp.text[:200])
                if accept == "text/turtle":
                    described = {
                        str(t.subject.value)
                        for t in ox.parse(resp.body, format=ox.RdfFormat.TURTLE, base_iri=iri)
                        if isinstance(t.subject, ox.NamedNode)
                    }
                    assert iri.split("#")[0] in described or iri in described, iri
                    assert DEFAULT_BASE_IRI not in resp.text  # nothing of the build's base
                if accept == "application/ld+json":
                    assert json.loads(resp.body)


def test_the_command_line_reads_the_store_under_its_recorded_base(built):
    """Whatever GUIZE_BASE_IRI says, reading commands use the base the store was built under."""
    env = {"GUIZE_BASE_IRI": "http://elsewhere.example/"}
    store = str(built / "store")
    matrix = guize("validate", "--store", store, "--matrix", "--format", "json", env=env)
    assert matrix.returncode == 0, matrix.stderr
    assert len(json.loads(matrix.stdout)["rows"]) == len(SEEDS)
    compared = guize("compare", "--store", store, env=env)
    assert compared.returncode == 0, compared.stderr
    assert len(json.loads(compared.stdout)["documents"]) == len(SEEDS)


def test_building_under_another_base_is_refused_by_name(built):
    copy = built / "raw-again"
    shutil.copytree(built / "raw", copy)
    done = guize(
        "build",
        "--source",
        str(copy),
        "--store",
        str(built / "store"),
        "--no-check",
        env={"GUIZE_BASE_IRI": "http://elsewhere.example/"},
    )
    assert done.returncode == 2
    assert DEFAULT_BASE_IRI in done.stderr and "http://elsewhere.example/" in done.stderr
    assert "unchanged" in done.stderr


# --- linked data as consumers load it ---------------------------------------------------------


def _meeting_with_frequency(server) -> tuple[str, str]:
    # a meeting (a fact that states the frequency points at the meeting's #frequency too)
    rows = _select(
        server,
        f"SELECT ?m ?f WHERE {{ ?m a <{ONTOLOGY}Meeting> ; <{ONTOLOGY}frequency> ?f }} LIMIT 1",
    )
    return rows[0]["m"]["value"], rows[0]["f"]["value"]


def test_pyld_expands_a_description_through_the_published_context(servers):
    from pyld import jsonld

    server = servers[1]
    meeting, frequency = _meeting_with_frequency(server)
    expanded = jsonld.expand(meeting)  # PyLD's own loader: GET, then the @context by URL
    ids = {node.get("@id") for node in expanded}
    assert meeting in ids
    assert frequency in ids  # the hash IRI is described in its base document
    compacted = json.loads(http("GET", meeting, headers={"Accept": "application/ld+json"}).body)
    published = json.loads(http("GET", server.url + "context.jsonld").body)["@context"]
    assert compacted["@context"] == published and published["gz"] == ONTOLOGY
    assert any(n.get("@type") for n in compacted["@graph"])  # compacted: @type, CURIEs


def test_one_link_header_and_html_alternates(servers):
    server = servers[0]
    meeting, _ = _meeting_with_frequency(server)
    resp = http("GET", meeting, headers={"Accept": "text/turtle"})
    links = [v for k, v in resp.headers.items() if k == "link"]
    assert len(links) == 1 and links[0].count('rel="alternate"') == 1
    assert 'type="application/ld+json"' in links[0]
    key = meeting.split("/eli/", 1)[1].split("/", 1)[0]
    page = http("GET", f"{server.url}documents/{key}", headers={"Accept": "text/html"}).text
    for media in ("text/turtle", "application/ld+json", "application/rdf+xml"):
        assert f'<link rel="alternate" type="{media}" href="/eli/{key}?format=' in page


def test_owlready2_loads_the_ontology_by_its_address(servers):
    import owlready2

    server = servers[0]
    resp = http("GET", server.url + "ontology", headers={})
    assert resp.header("content-type").startswith("application/rdf+xml")
    world = owlready2.World()
    onto = world.get_ontology(server.url + "ontology").load()
    assert onto.base_iri == ONTOLOGY
    assert world[ONTOLOGY + "WorkRules"] is not None
    version = http("GET", server.url + "ontology/0.0.0", headers={"Accept": "text/turtle"})
    assert version.status == 404
