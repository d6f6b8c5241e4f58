"""The remote store against a real ``oxigraph serve``, and the service in front of it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from guize_integration import DOCUMENTS, REPO, free_port, start_server, write_static
from SPARQLWrapper import JSON, SPARQLWrapper

from guize.store import StoreError
from guize.store.remote import RemoteStore, RemoteTimeout

pytestmark = pytest.mark.integration

EX = "http://example.org/"


def t(s: str, p: str, o: str | ox.Literal) -> ox.Triple:
    obj = o if isinstance(o, ox.Literal) else ox.NamedNode(EX + o)
    return ox.Triple(ox.NamedNode(EX + s), ox.NamedNode(EX + p), obj)


def ours(store: RemoteStore) -> list[str]:
    return [g for g in store.named_graphs() if g.startswith(EX)]


@pytest.fixture(scope="module")
def remote(oxigraph_server) -> RemoteStore:
    url = oxigraph_server.url
    return RemoteStore(f"{url}/query", f"{url}/update", f"{url}/store", timeout_s=10)


def test_replace_graph_and_named_graphs(remote):
    assert remote.replace_graph(EX + "g1", [t("a", "p", "b"), t("a", "q", ox.Literal("x"))]) == 2
    assert remote.replace_graph(EX + "g2", [t("c", "p", "a")]) == 1
    assert remote.replace_graph(EX + "g1", [t("a", "p", "d")]) == 1  # replaced, not merged
    assert ours(remote) == [EX + "g1", EX + "g2"]


def test_query_answers_have_the_embedded_types(remote):
    select = remote.query("SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?s")
    assert isinstance(select, ox.QuerySolutions)
    assert [(r["s"].value, r["o"].value) for r in select] == [
        (EX + "a", EX + "d"),
        (EX + "c", EX + "a"),
    ]
    ask = remote.query("ASK { <http://example.org/a> ?p ?o }")
    assert isinstance(ask, ox.QueryBoolean) and bool(ask)
    construct = remote.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(construct, ox.QueryTriples)
    assert len(list(construct)) == 2
    assert b"example.org" in remote.query("CONSTRUCT WHERE { ?s ?p ?o }").serialize(
        format=ox.RdfFormat.TURTLE
    )


def test_dataset_parameters_and_substitutions(remote):
    rows = remote.query("SELECT ?s WHERE { ?s ?p ?o }", default_graphs=[EX + "g2"])
    assert [r["s"].value for r in rows] == [EX + "c"]
    assert not bool(
        remote.query("ASK { ?s ?p ?o }", union_default_graph=False)
    )  # real default graph
    rows = remote.query("SELECT ?o WHERE { ?this ?p ?o }", substitutions={"this": EX + "c"})
    assert [r["o"].value for r in rows] == [EX + "a"]
    rows = remote.query("SELECT (<x> AS ?x) {}", base_iri=EX + "sparql")
    assert [r["x"].value for r in rows] == [EX + "x"]


def test_errors(remote):
    with pytest.raises(SyntaxError, match="error at"):
        remote.query("SELECT * {")
    with pytest.raises(StoreError):
        RemoteStore("http://127.0.0.1:9/query", timeout_s=2).query("ASK {}")
    assert issubclass(RemoteTimeout, StoreError)


def test_dump_and_drop(remote):
    quads = list(ox.parse(remote.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == {EX + "g1", EX + "g2"}
    trig = list(ox.parse(remote.dump(ox.RdfFormat.TRIG), format=ox.RdfFormat.TRIG))
    assert len(trig) == len(quads)
    remote.drop_graph(EX + "g2")
    remote.drop_graph(EX + "g2")  # gone already: no error
    assert ours(remote) == [EX + "g1"]
    remote.update(f"DROP GRAPH <{EX}g1>")
    assert ours(remote) == []


RUNAWAY = "SELECT (COUNT(*) AS ?c) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_remote_timeout(remote):
    remote.replace_graph(EX + "big", [t(f"s{i}", "p", ox.Literal(str(i))) for i in range(300)])
    slow = RemoteStore(remote.query_url, timeout_s=1)
    with pytest.raises(RemoteTimeout, match="did not answer within 1 s"):
        slow.query(RUNAWAY)
    remote.drop_graph(EX + "big")


@pytest.fixture(scope="module")
def fronted(tmp_path_factory, oxigraph_server) -> Iterator:
    """guize with store_kind=remote, in front of oxigraph serve loaded with the fixture documents."""
    root = tmp_path_factory.mktemp("fronted")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    url = oxigraph_server.url
    store = RemoteStore(f"{url}/query", f"{url}/update", f"{url}/store")
    graphs: dict[str, list] = {}
    for q in ox.parse(DOCUMENTS, format=ox.RdfFormat.TRIG, base_iri=base):
        graphs.setdefault(q.graph_name.value, []).append(q.triple)
    for graph, triples in graphs.items():
        store.replace_graph(graph, triples)
    onto, shapes = write_static(root)
    server = start_server(
        root,
        port,
        {
            "base_iri": base,
            "store_kind": "remote",
            "remote_query_url": f"{url}/query",
            "remote_update_url": f"{url}/update",
            "remote_gsp_url": f"{url}/store",
            "ontology_dir": onto,
            "shapes_dir": shapes,
            "dump_dir": root / "dumps",
            "store_path": root / "unused",
        },
    )
    yield server
    server.stop()


def test_service_on_the_remote_store(fronted):
    sw = SPARQLWrapper(fronted.url + "sparql")
    sw.setQuery(
        "SELECT (COUNT(*) AS ?n) WHERE { ?d a <http://data.europa.eu/eli/ontology#LegalResource> }"
    )
    sw.setReturnFormat(JSON)
    assert (
        sw.query().convert()["results"]["bindings"][0]["n"]["value"] == "2"
    )  # union default graph
    assert fronted.get("eli/doc-a").status == 200
    assert fronted.get("id/government/a").status == 303
    assert json.loads(fronted.get("health/ready").body)["graphs"] == 2
    dump = fronted.get("dumps/guize.nq.gz")
    assert dump.status == 200 and int(dump.header("Content-Length")) == len(dump.body)
    bad = fronted.get("sparql?" + urllib.parse.urlencode({"query": "SELECT * {"}))
    assert bad.status == 400 and "error at" in json.loads(bad.body)["error"]


def test_every_command_uses_the_remote_store(oxigraph_server, tmp_path):
    """With GUIZE_STORE_KIND=remote, build, query, compare and validate read and write the
    remote store -- none of them builds or reads a local one -- and --store is refused by name."""
    url = oxigraph_server.url
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUIZE_")}
    env.update(
        GUIZE_STORE_KIND="remote",
        GUIZE_REMOTE_QUERY_URL=f"{url}/query",
        GUIZE_REMOTE_UPDATE_URL=f"{url}/update",
        GUIZE_REMOTE_GSP_URL=f"{url}/store",
    )

    def guize(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "guize", *args],
            cwd=tmp_path,  # a local store would appear here, under data/build
            env={**env, "PYTHONPATH": str(REPO / "service")},
            capture_output=True,
            text=True,
            timeout=300,
        )

    built = guize("build", "--source", str(REPO / "data" / "raw"), "--no-check")
    assert built.returncode == 0, built.stderr
    assert f"store: remote {url}/query" in built.stderr
    assert not (tmp_path / "data").exists()
    docs = len(list((REPO / "data" / "raw").glob("*.txt")))
    reports = guize(  # the conformance results beside each document graph, written by GSP PUT
        "query",
        "SELECT ?c WHERE { GRAPH ?c { ?r a <http://www.w3.org/ns/shacl#ValidationReport> ; "
        "<https://w3id.org/guize/ontology#validatedDocument> ?d } GRAPH ?g { ?d a "
        "<https://w3id.org/guize/ontology#WorkRules> } FILTER (STR(?c) = CONCAT(STR(?g), "
        '"/conformance")) }',
        "--format",
        "json",
    )
    assert reports.returncode == 0, reports.stderr
    assert len(json.loads(reports.stdout)["results"]["bindings"]) == docs
    count = guize(
        "query",
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/guize/ontology#WorkRules> }",
        "--format",
        "json",
    )
    assert count.returncode == 0, count.stderr
    assert json.loads(count.stdout)["results"]["bindings"][0]["n"]["value"] == str(docs)
    compared = guize("compare")
    assert compared.returncode == 0, compared.stderr
    assert len(json.loads(compared.stdout)["documents"]) == docs
    checked = guize("validate", "--shapes", "integrity", "--format", "json")
    assert checked.returncode in (0, 1), checked.stderr
    assert len(json.loads(checked.stdout)["documents"]) == docs
    refused = guize("query", "ASK {}", "--store", str(tmp_path / "store"))
    assert refused.returncode == 2 and "GUIZE_STORE_KIND=remote" in refused.stderr
    assert not (tmp_path / "data").exists() and not (tmp_path / "store").exists()
