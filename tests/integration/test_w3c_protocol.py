"""The W3C SPARQL 1.1 Protocol test suite (``../shared/w3c/sparql11/protocol/manifest.ttl``),
read from the manifest and run against the real service.

Query-side cases (every case whose name does not start with ``update_`` or ``bad_update_``; the
manifest gives all cases the one type ``mf:ProtocolTest``, so the side is read from the name)
run against a read-only server whose store holds ``data1.nt``-``data3.nt`` as the named graphs
the cases name (their ``rdfs:label``).  All 21 of them run; none is skipped.

Update-side cases are not part of the read-only endpoint.  They run against a second server
with updates enabled: requests that are not ``application/sparql-query`` go to ``/update``
(the manifest allows a separate update path) with the bearer token.  Every case passes:
``using-graph-uri`` / ``using-named-graph-uri`` (which pyoxigraph's ``Store.update`` has no
parameter for) are written into the update as ``USING`` / ``USING NAMED``.

The path ``/sparql/`` of the manifest maps to ``/sparql``.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
from guize_integration import SHARED, build_store, free_port, raw, start_server, write_static

pytestmark = pytest.mark.integration

SUITE = (SHARED / "w3c" / "sparql11" / "protocol").resolve()
MANIFEST = SUITE / "manifest.ttl"

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
HT = "http://www.w3.org/2011/http#"
CNT = "http://www.w3.org/2011/content#"
UT = "http://www.w3.org/2009/sparql/tests/test-update#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
TOKEN = "w3c-token"
XFAIL: dict[str, str] = {}


@dataclass
class Request:
    method: str
    path: str
    body: bytes | None
    headers: dict[str, str]
    statuses: list[str]
    boolean: bool | None
    result_format: str | None


@dataclass
class Case:
    name: str
    requests: list[Request]
    data: dict[str, Path] = field(default_factory=dict)

    @property
    def update_side(self) -> bool:
        return self.name.startswith(("update_", "bad_update_"))


class _Manifest:
    def __init__(self, path: Path) -> None:
        self.store = ox.Store()
        self.store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri())

    def one(self, s, p: str):
        found = [q.object for q in self.store.quads_for_pattern(s, ox.NamedNode(p), None)]
        return found[0] if found else None

    def all(self, s, p: str) -> list:
        return [q.object for q in self.store.quads_for_pattern(s, ox.NamedNode(p), None)]

    def items(self, head) -> list:
        out = []
        while head != ox.NamedNode(RDF + "nil"):
            out.append(self.one(head, RDF + "first"))
            head = self.one(head, RDF + "rest")
        return out

    def cases(self) -> list[Case]:
        (manifest,) = [
            q.subject
            for q in self.store.quads_for_pattern(None, ox.NamedNode(MF + "entries"), None)
        ]
        return [self.case(entry) for entry in self.items(self.one(manifest, MF + "entries"))]

    def case(self, entry) -> Case:
        name = entry.value.rsplit("#", 1)[1]
        action = self.one(entry, MF + "action")
        requests = [self.request(r) for r in self.items(self.one(action, HT + "requests"))]
        data = {
            self.one(d, RDFS + "label").value: Path(
                urllib.parse.urlparse(self.one(d, UT + "graph").value).path
            )
            for d in self.all(entry, UT + "graphData")
        }
        return Case(name, requests, data)

    def request(self, node) -> Request:
        body = self.one(node, HT + "body")
        content = None
        if body is not None:
            encoding = self.one(body, CNT + "characterEncoding")
            content = self.one(body, CNT + "chars").value.encode(
                encoding.value if encoding else "utf-8"
            )
        headers = {}
        if (header_list := self.one(node, HT + "headers")) is not None:
            for h in self.items(header_list):
                headers[self.one(h, HT + "fieldName").value] = self.one(h, HT + "fieldValue").value
        resp = self.one(node, HT + "resp")
        boolean = self.one(resp, MF + "expectedBoolean")
        result_format = self.one(resp, MF + "expectedFormat")
        return Request(
            method=self.one(node, HT + "methodName").value,
            path=self.one(node, HT + "absolutePath").value,
            body=content,
            headers=headers,
            statuses=[
                s.value.rsplit("StatusCode", 1)[1] for s in self.all(resp, MF + "expectedStatus")
            ],
            boolean=boolean.value == "true" if boolean is not None else None,
            result_format=result_format.value if result_format is not None else None,
        )


CASES = _Manifest(MANIFEST).cases()
QUERY_CASES = [c for c in CASES if not c.update_side]
UPDATE_CASES = [c for c in CASES if c.update_side]


def _w3c_server(tmp_path_factory: pytest.TempPathFactory, name: str, settings: dict):
    root = tmp_path_factory.mktemp(name)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    graphs: dict[str, list[ox.Triple]] = {}
    for case in CASES:
        for graph, path in case.data.items():
            graphs[graph] = list(
                ox.parse(path=str(SUITE / path.name), format=ox.RdfFormat.N_TRIPLES)
            )
    build_store(root / "store", base, extra=graphs)
    onto, shapes = write_static(root)
    return start_server(
        root,
        port,
        {
            "base_iri": base,
            "store_path": root / "store",
            "ontology_dir": onto,
            "shapes_dir": shapes,
            "dump_dir": root / "dumps",
            "query_workers": 2,
            **settings,
        },
    )


@pytest.fixture(scope="module")
def w3c(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    server = _w3c_server(tmp_path_factory, "w3c", {})
    yield server
    server.stop()


@pytest.fixture(scope="module")
def w3c_update(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    server = _w3c_server(tmp_path_factory, "w3c-update", {"update_token": TOKEN})
    yield server
    server.stop()


def run_case(server, case: Case) -> None:
    for n, req in enumerate(case.requests):
        path = req.path.replace("/sparql/", "sparql", 1)
        headers = dict(req.headers)
        is_query = headers.get("content-type", "").startswith("application/sparql-query") or (
            req.method == "GET" and "query=" in path
        )
        if case.update_side and not is_query:
            path = path.replace("sparql", "update", 1)
            headers["Authorization"] = f"Bearer {TOKEN}"
        resp = raw(req.method, server.url + path, req.body or b"", headers)
        assert f"{resp.status // 100}xx" in req.statuses, (
            f"{case.name} request {n}: {req.method} {path} -> {resp.status} (expected {req.statuses}): {resp.text[:500]}"
        )
        ctype = (resp.header("Content-Type") or "").split(";")[0]
        if req.result_format == "boolean" or req.boolean is not None:
            assert ctype in ("application/sparql-results+json", "application/sparql-results+xml"), (
                ctype
            )
        if req.boolean is not None:
            assert _boolean(resp.body, ctype) is req.boolean, case.name
        if req.result_format == "tabular":
            assert ctype in (
                "application/sparql-results+json",
                "application/sparql-results+xml",
                "text/csv",
                "text/tab-separated-values",
            ), ctype
        if req.result_format == "RDF":
            assert ctype in ("application/rdf+xml", "text/turtle", "application/n-triples"), ctype
            list(ox.parse(resp.body, format=ox.RdfFormat.from_media_type(ctype)))


def _boolean(body: bytes, ctype: str) -> bool:
    if ctype == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    return bool(ox.parse_query_results(body, ox.QueryResultsFormat.XML))


def test_manifest_has_the_expected_cases():
    assert len(QUERY_CASES) == 21 and len(UPDATE_CASES) == 13


@pytest.mark.parametrize("case", QUERY_CASES, ids=[c.name for c in QUERY_CASES])
def test_query_side(w3c, case):
    run_case(w3c, case)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=XFAIL[c.name]))
        if c.name in XFAIL
        else c
        for c in UPDATE_CASES
    ],
    ids=[c.name for c in UPDATE_CASES],
)
def test_update_side(w3c_update, case):
    run_case(w3c_update, case)
