"""guize on Virtuoso Open Source 7 (Debian's ``virtuoso-opensource``), started by the test on
loopback with a scratch database and the grants its documentation gives for SPARQL update and
the Graph Store Protocol: build, compare, validate, serve, dumps and linked data give the same
answers as the embedded store, the engine's system graphs stay out, its row cap never
truncates an answer silently, and credentials never appear in a message.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from guize_integration import REPO, free_port, http, start_server

from guize.compare import to_csv
from guize.vocab import load_vocabulary

pytestmark = pytest.mark.integration

SEEDS = sorted((REPO / "data" / "raw").glob("*.txt"))[:3]
ROW_CAP = 10000  # Virtuoso's default ResultSetMaxRows

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {cap}
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A scratch Virtuoso on two free loopback ports; yields its HTTP root."""
    binary = shutil.which("virtuoso-t")
    assert binary, "virtuoso-t not found: `make system-deps` installs virtuoso-opensource"
    root = tmp_path_factory.mktemp("virtuoso")
    sql, web = free_port(), free_port()
    (root / "virtuoso.ini").write_text(INI.format(d=root, sql=sql, http=web, cap=ROW_CAP))
    log = (root / "stdout.log").open("wb")
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(root / "virtuoso.ini")],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{web}/"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert process.poll() is None, (root / "stdout.log").read_text()
            try:
                if http("GET", url + "sparql").status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail("Virtuoso did not start:\n" + (root / "stdout.log").read_text())
        grants = (
            "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"
        )
        done = subprocess.run(
            ["isql-vt", f"127.0.0.1:{sql}", "dba", "dba", f"exec={grants}"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        yield url
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _remote(url: str, **more: str) -> dict[str, str]:
    return {
        "GUIZE_STORE_KIND": "remote",
        "GUIZE_REMOTE_QUERY_URL": url + "sparql",
        "GUIZE_REMOTE_UPDATE_URL": url + "sparql",
        "GUIZE_REMOTE_GSP_URL": url + "sparql-graph-crud",
        "GUIZE_REMOTE_UNION": "native",
        "GUIZE_REMOTE_ROW_CAP": str(ROW_CAP),
        **more,
    }


def guize(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GUIZE_")}
    return subprocess.run(
        [sys.executable, "-m", "guize.cli", *args],
        env={**clean, **(env or {})},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def both(virtuoso, tmp_path_factory):
    """The same sources built into Virtuoso and into an embedded store."""
    root = tmp_path_factory.mktemp("virtuoso-sources")
    raw = root / "raw"
    raw.mkdir()
    for path in SEEDS:
        shutil.copy(path, raw / path.name)
    remote = guize("build", "--source", str(raw), "--no-check", env=_remote(virtuoso))
    assert remote.returncode == 0, remote.stderr
    local = guize("build", "--source", str(raw), "--store", str(root / "store"), "--no-check")
    assert local.returncode == 0, local.stderr
    return virtuoso, root / "store"


def test_the_comparison_is_the_same_byte_for_byte(both):
    """The profile from Virtuoso is the embedded store's, byte for byte; so is the matrix CSV
    written from it (``guize compare --csv`` writes the same profile with ``to_csv``; the
    remote profile is computed once, not once per format: half a minute on Virtuoso)."""
    url, store = both
    remote = guize("compare", "--json", env=_remote(url))
    local = guize("compare", "--json", "--store", str(store))
    assert remote.returncode == local.returncode == 0, remote.stderr + local.stderr
    assert remote.stdout == local.stdout
    assert len(json.loads(local.stdout)["documents"]) == len(SEEDS)
    local_csv = guize("compare", "--csv", "--store", str(store))
    assert local_csv.returncode == 0, local_csv.stderr
    vocabulary = load_vocabulary(REPO / "ontology")
    assert to_csv(json.loads(remote.stdout), vocabulary) == local_csv.stdout


def test_the_conformance_matrix_is_the_same(both):
    url, store = both
    remote = guize("validate", "--matrix", "--format", "csv", env=_remote(url))
    local = guize("validate", "--matrix", "--format", "csv", "--store", str(store))
    assert remote.returncode == local.returncode == 0, remote.stderr + local.stderr
    assert remote.stdout == local.stdout and remote.stdout.count("\n") == len(SEEDS) + 1


def test_the_service_on_virtuoso(both, tmp_path):
    url, store = both
    port = free_port()
    settings = {
        k[len("GUIZE_") :].lower(): v for k, v in _remote(url).items() if k.startswith("GUIZE_")
    }
    server = start_server(tmp_path, port, {**settings, "dump_dir": tmp_path / "dumps"})
    local = start_server(
        tmp_path, free_port(), {"store_path": store, "dump_dir": tmp_path / "local-dumps"}
    )
    try:
        keys = {p.stem for p in SEEDS}
        home = server.get("", {"Accept": "text/html"}).text
        documents = json.loads(
            server.get(
                "sparql?query="
                + urllib.request.quote(
                    "SELECT ?d WHERE { ?d a <https://w3id.org/guize/ontology#WorkRules> }"
                ),
                {"Accept": "application/sparql-results+json"},
            ).body
        )["results"]["bindings"]
        assert len(documents) == len(keys)
        for b in documents:
            iri = b["d"]["value"]
            assert iri.startswith(server.url)  # the build's base mapped to this address
            assert f'href="/documents/{iri.rsplit("/", 1)[1]}"' in home
            for accept in ("text/turtle", "application/ld+json", "text/html"):
                assert http("GET", iri, headers={"Accept": accept}).status == 200
        # the same counts as the embedded store: Virtuoso's system graphs stay out
        assert _normalised(_void(server), server.url) == _normalised(_void(local), local.url)
        dump = server.get("dumps/guize.nq.gz")
        assert dump.status == 200, dump.text[:300]
        quads = list(ox.parse(gzip.decompress(dump.body), format=ox.RdfFormat.N_QUADS))
        graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
        assert all(g.startswith(server.url) or g.startswith("urn:guize:") for g in graphs), graphs
        # a document's own graph: graph/{key} (its inferred and conformance graphs, the model's
        # and the cross-document graphs lie below graph/…/)
        documents = [g for g in graphs if "/graph/" in g and "/" not in g.split("/graph/", 1)[1]]
        assert len(documents) == len(keys), documents
    finally:
        server.stop()
        local.stop()


def _void(server) -> dict[str, int]:
    nt = server.get("dataset", {"Accept": "application/n-triples"}).body
    return {
        t.subject.value: int(t.object.value)
        for t in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
        if t.predicate.value == "http://rdfs.org/ns/void#triples"
    }


def _normalised(counts: dict[str, int], url: str) -> dict[str, int]:
    return {k.replace(url, "{service}/"): v for k, v in counts.items()}


def test_an_answer_cut_by_the_engine_fails_instead_of_shrinking(both):
    url, _ = both
    done = guize("query", "SELECT * WHERE { ?s ?p ?o }", "--format", "csv", env=_remote(url))
    assert done.returncode == 2
    assert f"limit of {ROW_CAP} rows" in done.stderr
    small = guize("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 10", env=_remote(url))
    assert small.returncode == 0, small.stderr


def test_credentials_authenticate_and_never_show(both):
    url, _ = both
    secret = "not-the-password-x7"
    auth = _remote(url, GUIZE_REMOTE_QUERY_URL=url + "sparql-auth")
    wrong = guize(
        "query", "ASK {}", env={**auth, "GUIZE_REMOTE_USER": "dba", "GUIZE_REMOTE_PASSWORD": secret}
    )
    assert wrong.returncode != 0
    assert secret not in wrong.stderr + wrong.stdout
    assert "credentials" in wrong.stderr
    right = guize(
        "query", "ASK {}", env={**auth, "GUIZE_REMOTE_USER": "dba", "GUIZE_REMOTE_PASSWORD": "dba"}
    )
    assert right.returncode == 0, right.stderr
    assert right.stdout.strip() == "true"
    in_url = _remote(
        url, GUIZE_REMOTE_QUERY_URL=url.replace("http://", f"http://dba:{secret}@") + "sparql-auth"
    )
    shown = guize("query", "ASK {}", env=in_url)
    assert shown.returncode != 0 and secret not in shown.stderr + shown.stdout
