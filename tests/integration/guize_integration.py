"""Helpers of the integration tests: fixture data (two documents in two named graphs, an
ontology, a vocabulary, shapes -- IRIs relative to the base), stores built from it, the real
service started as a subprocess (:func:`start_server`), and plain HTTP without redirects.

(A module of its own, not ``conftest``: test modules import it by a name no other test
folder uses.)
"""

from __future__ import annotations

import http.server as http_server
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

import pyoxigraph as ox
import pytest

from guize.store import open_store

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"

PREFIXES = """
@prefix gz: <https://w3id.org/guize/ontology#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""

#: Two documents in two named graphs; every IRI relative to the base.
DOCUMENTS = (
    PREFIXES
    + """
<graph/doc-a> {
  <eli/doc-a> a eli:LegalResource ;
      eli:title "甲市人民政府工作规则"@zh , "Work rules of the People's Government of A City"@en ;
      eli:id_local "甲政发〔2023〕1号" ;
      eli:date_document "2023-01-05"^^xsd:date ;
      eli:passed_by <id/government/a> ;
      eli:has_part <eli/doc-a/art_1> , <eli/doc-a/art_2> .
  <eli/doc-a/art_1> a gz:Provision ;
      eli:is_part_of <eli/doc-a> ;
      rdfs:label "第一条"@zh , "Article 1"@en ;
      gz:text "为了规范市政府工作，制定本规则。"@zh ;
      gz:source [ a oa:SpecificResource ;
                  oa:hasSelector [ a oa:TextPositionSelector ; oa:start 12 ; oa:end 28 ] ] .
  <eli/doc-a/art_2> a gz:Provision ;
      eli:is_part_of <eli/doc-a> ;
      rdfs:label "第二条"@zh , "Article 2"@en ;
      gz:text "市政府实行市长负责制。"@zh ;
      gz:mentionsRole <https://w3id.org/guize/vocab/role-kind/head> .
  <id/government/a> a org:FormalOrganization ;
      rdfs:label "甲市人民政府"@zh , "People's Government of A City"@en .
  <id/government/a/post/head> a org:Post ;
      rdfs:label "市长"@zh ;
      org:role <https://w3id.org/guize/vocab/role-kind/head> ;
      org:postIn <id/government/a> .
}
<graph/doc-b> {
  <eli/doc-b> a eli:LegalResource ;
      eli:title "乙县人民政府工作规则"@zh , "Work rules of the People's Government of B County"@en ;
      eli:id_local "乙政发〔2020〕7号" ;
      eli:date_document "2020-06-30"^^xsd:date ;
      eli:passed_by <id/government/b> ;
      eli:has_part <eli/doc-b/art_1> .
  <eli/doc-b/art_1> a gz:Provision ;
      eli:is_part_of <eli/doc-b> ;
      rdfs:label "第一条"@zh , "Article 1"@en ;
      gz:text "县政府实行县长负责制。"@zh ;
      gz:mentionsRole <https://w3id.org/guize/vocab/role-kind/head> .
  <id/government/b> a org:FormalOrganization ;
      rdfs:label "乙县人民政府"@zh , "People's Government of B County"@en .
  <id/government/b/post/head> a org:Post ;
      rdfs:label "县长"@zh ;
      org:role <https://w3id.org/guize/vocab/role-kind/head> ;
      org:postIn <id/government/b> .
}
"""
)

ONTOLOGY = (
    PREFIXES
    + """
<https://w3id.org/guize/ontology> a owl:Ontology ; dcterms:title "工作规则本体"@zh , "guize ontology"@en .
gz:Provision a owl:Class ; rdfs:label "条款"@zh , "Provision"@en ; rdfs:isDefinedBy <https://w3id.org/guize/ontology> .
gz:text a owl:DatatypeProperty ; rdfs:label "正文"@zh , "text"@en .
"""
)
VOCAB = (
    PREFIXES
    + """
<https://w3id.org/guize/vocab/role-kind> a skos:ConceptScheme ; skos:prefLabel "职务类别"@zh , "Role kinds"@en .
<https://w3id.org/guize/vocab/role-kind/head> a skos:Concept ; skos:inScheme <https://w3id.org/guize/vocab/role-kind> ;
    skos:prefLabel "行政首长"@zh , "head of government"@en ; skos:altLabel "市长"@zh , "县长"@zh .
"""
)
SHAPES = (
    PREFIXES
    + """
<shapes/integrity#DocumentShape> a sh:NodeShape ; sh:targetClass eli:LegalResource ;
    sh:property [ sh:path eli:title ; sh:minCount 1 ] .
"""
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(
    path: Path, base: str, *trig: str, extra: dict[str, list[ox.Triple]] | None = None
) -> None:
    """A store at ``path``: the TriG texts (parsed against ``base``) and ``extra`` graphs."""
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for text in trig:
        for q in ox.parse(text, format=ox.RdfFormat.TRIG, base_iri=base):
            graphs[q.graph_name.value].append(q.triple)
    for name, triples in (extra or {}).items():
        graphs[name].extend(triples)
    store = open_store(path)
    for name, triples in graphs.items():
        store.replace_graph(name, triples)
    store.close()


def write_static(root: Path) -> tuple[Path, Path]:
    """Fixture ontology/, ontology/vocab/ and shapes/ folders."""
    onto, shapes = root / "ontology", root / "shapes"
    (onto / "vocab").mkdir(parents=True)
    shapes.mkdir(parents=True)
    (onto / "guize.ttl").write_text(ONTOLOGY, encoding="utf-8")
    (onto / "vocab" / "role-kind.ttl").write_text(VOCAB, encoding="utf-8")
    (shapes / "integrity.ttl").write_text(SHAPES, encoding="utf-8")
    return onto, shapes


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


_opener = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))


def http(
    method: str, url: str, data: bytes | str | None = None, headers: dict | None = None
) -> Response:
    """One HTTP request, redirects not followed, errors returned (not raised)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with _opener.open(request, timeout=60) as resp:
            return Response(
                resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
            )
    except urllib.error.HTTPError as exc:
        with exc:
            return Response(exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read())


def raw(method: str, url: str, body: bytes, headers: dict) -> Response:
    """A request with exactly ``headers`` (urllib would add a form Content-Type to a POST)."""
    parts = urllib.parse.urlsplit(url)
    conn = HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request(
            method,
            parts.path + (f"?{parts.query}" if parts.query else ""),
            body=body,
            headers=headers,
        )
        resp = conn.getresponse()
        return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    finally:
        conn.close()


@dataclass
class Server:
    """A running service: ``url`` ends with ``/`` and is also the base IRI."""

    url: str
    base: str
    root: Path
    process: subprocess.Popen
    logs: list[Path] = field(default_factory=list)
    token: str = ""

    def get(self, path: str, headers: dict | None = None) -> Response:
        return http("GET", self.url + path.lstrip("/"), headers=headers)

    def post(self, path: str, data: bytes | str, headers: dict | None = None) -> Response:
        return http("POST", self.url + path.lstrip("/"), data=data, headers=headers)

    def output(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-4000:]}"
            for p in self.logs
            if p.exists()
        )

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


def start_server(root: Path, port: int, settings: dict, workers: int = 1) -> Server:
    """Start ``python -m guize.web`` with ``GUIZE_*`` settings; wait until it is ready."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUIZE_")}
    env.update({f"GUIZE_{k.upper()}": str(v) for k, v in settings.items()})
    out, err = root / f"server-{port}.out", root / f"server-{port}.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "guize.web",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],
            cwd=REPO,
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
    url = f"http://127.0.0.1:{port}/"
    server = Server(
        url,
        settings.get("base_iri", url),
        root,
        process,
        [out, err],
        settings.get("update_token", ""),
    )
    wait_until_ready(server)
    return server


def wait_until_ready(server: Server, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"the service died (exit {server.process.returncode}):\n{server.output()}")
        try:
            if server.get("health/ready").status in (200, 503):
                return
        except OSError:
            pass
        time.sleep(0.1)
    server.stop()
    pytest.fail(f"the service did not answer within {timeout_s} s:\n{server.output()}")


def server_on_documents(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    settings: dict,
    *,
    trig: tuple[str, ...] = (DOCUMENTS,),
    extra: dict | None = None,
    fillers: int = 0,
    workers: int = 1,
) -> Server:
    """The service on the fixture documents (``fillers``: plus a graph of that many labelled
    things, for runaway queries and truncation), ``settings`` over the defaults."""
    root = tmp_path_factory.mktemp(name)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    onto, shapes = write_static(root)
    if fillers:
        extra = {**(extra or {}), **filler(base, fillers)}
    build_store(root / "store", base, *trig, extra=extra)
    defaults = {
        "base_iri": base,
        "store_path": root / "store",
        "ontology_dir": onto,
        "shapes_dir": shapes,
        "dump_dir": root / "dumps",
        "query_workers": 2,
        "query_timeout_s": 20,
    }
    return start_server(root, port, {**defaults, **settings}, workers=workers)


def filler(base: str, n: int) -> dict[str, list[ox.Triple]]:
    """A graph of ``n`` labelled things, for runaway queries and truncation."""
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    return {
        f"{base}graph/filler": [
            ox.Triple(ox.NamedNode(f"{base}id/filler/{i}"), label, ox.Literal(f"filler {i}"))
            for i in range(n)
        ]
    }


@dataclass
class Oxigraph:
    url: str
    process: subprocess.Popen
    log: Path


class Listener:
    """A loopback HTTP server that answers every request with an empty SPARQL result and
    records it: the canary of the no-outbound-request tests (``hits`` must stay empty)."""

    def __init__(self) -> None:
        hits = self.hits = []

        class Handler(http_server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                hits.append(f"{self.command} {self.path}")
                body = b'{"head":{"vars":[]},"results":{"bindings":[{}]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_HEAD = _answer

            def log_message(self, *args) -> None:  # noqa: ANN002
                pass

        self._server = http_server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_port
        self.url = f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> Listener:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
