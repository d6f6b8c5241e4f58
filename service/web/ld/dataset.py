"""The dataset described: SPARQL service description, VoID + DCAT, bulk dumps.

* ``GET /sparql`` without a query: the SPARQL 1.1 Service Description of ``{base}sparql``
  (RDF by content negotiation; a browser is sent to ``/query`` when that page exists).
* ``GET /dataset``: ``{base}dataset`` as a ``void:Dataset`` and ``dcat:Dataset`` -- triple count,
  one ``void:subset`` per named graph (its triple count), the number of documents
  (``void:classPartition`` of ``eli:LegalResource``), the SPARQL endpoint and the dumps as
  ``dcat:distribution`` / ``void:dataDump``.
* ``GET /dumps/guize.nq``, ``guize.nq.gz``, ``guize.trig``, ``guize.trig.gz``: the whole dataset,
  written once per store version into ``dump_dir`` and served with ``Content-Length``,
  ``Last-Modified`` (the store version's time), ``ETag`` and ranges.

Counts are computed once per store version.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, redirect, request, send_file

from guize import formats
from guize.errors import NotFound
from guize.formats import NQUADS, TRIG
from guize.namespaces import DCAT, DCTERMS, ELI, FORMATS, RDF, SD, VOID, XSD
from guize.query.jobs import QueryJob
from guize.store import STAGING_PREFIX
from guize.web.conneg import RESOURCE_FORMATS, negotiate
from guize.web.context import services
from guize.web.ld.describe import Description
from guize.web.ld.represent import respond

bp = Blueprint("dataset", __name__)

DUMPS = {
    "guize.nq": (NQUADS, False),
    "guize.nq.gz": (NQUADS, True),
    "guize.trig": (TRIG, False),
    "guize.trig.gz": (TRIG, True),
}

IANA = "https://www.iana.org/assignments/media-types/"

#: What someone loading the dumps elsewhere must know: the catalogue's queries read the union of
#: the named graphs as the default graph.
UNION_NOTE_ZH = (
    "每份文档一个命名图；本服务的默认图是所有命名图的并集，查询目录依赖这一点。"
    "在别处加载全量下载时，请开启默认图为并集的选项（如 Oxigraph 的相应启动选项），"
    "或按命名图（GRAPH ?g）查询。"
)
UNION_NOTE_EN = (
    "One named graph per document; this service's default graph is the union of the named "
    "graphs, and the query catalogue relies on it. Loading the dumps elsewhere, turn on the "
    "union default graph (e.g. Oxigraph's --union-default-graph) or query per named graph "
    "(GRAPH ?g)."
)

PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
DOCUMENTS = f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a <{ELI}LegalResource> }}"

#: Result formats named in the service description (W3C format IRIs).
_RESULT_FORMATS = tuple(f.w3c for f in (*formats.TABULAR, *formats.GRAPH) if f.w3c)
_dump_lock = threading.Lock()


@dataclass(frozen=True)
class Stats:
    quads: int
    union_triples: int
    graphs: dict[str, int]
    documents: int
    modified: float


def stats() -> Stats:
    """Counts of the current store version (cached per version)."""
    svc = services()
    version = svc.executor.version()
    cached = svc.cache.get("stats")
    if cached and cached[0] == version.key:
        return cached[1]
    graphs = {
        row["g"].value: int(row["n"].value)
        for row in _select(PER_GRAPH, union=False)
        if isinstance(row["g"], ox.NamedNode) and not row["g"].value.startswith(STAGING_PREFIX)
    }
    default = _count(_select(COUNT, union=False))
    result = Stats(
        quads=default + sum(graphs.values()),
        union_triples=_count(_select(COUNT, union=True)),
        graphs=dict(sorted(graphs.items())),
        documents=_count(_select(DOCUMENTS, union=True)),
        modified=version.modified,
    )
    svc.cache["stats"] = (version.key, result)
    return result


def _select(sparql: str, union: bool) -> list:
    result = services().executor.run(QueryJob(sparql, tabular="json", union=union))
    return list(ox.parse_query_results(result.body, ox.QueryResultsFormat.JSON))


def _count(rows: list) -> int:
    return int(rows[0]["n"].value) if rows and rows[0]["n"] is not None else 0


def _q(s: ox.NamedNode | ox.BlankNode, p: str, o: object) -> ox.Quad:
    return ox.Quad(s, ox.NamedNode(p), o, ox.DefaultGraph())


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))


@bp.get("/dataset")
def dataset() -> Response:
    """VoID + DCAT description of the dataset."""
    base = services().base
    return respond(Description(base + "dataset", dataset_quads(base, stats())))


def dataset_quads(base: str, st: Stats) -> list[ox.Quad]:
    ds, endpoint = ox.NamedNode(base + "dataset"), ox.NamedNode(base + "sparql")
    modified = datetime.fromtimestamp(st.modified, tz=UTC).isoformat(timespec="seconds")
    quads = [
        _q(ds, RDF + "type", ox.NamedNode(VOID + "Dataset")),
        _q(ds, RDF + "type", ox.NamedNode(DCAT + "Dataset")),
        _q(ds, DCTERMS + "title", ox.Literal("guize：人民政府工作规则知识图谱", language="zh")),
        _q(
            ds,
            DCTERMS + "title",
            ox.Literal("guize: the work rules of Chinese people's governments", language="en"),
        ),
        _q(ds, DCTERMS + "description", ox.Literal(UNION_NOTE_ZH, language="zh")),
        _q(ds, DCTERMS + "description", ox.Literal(UNION_NOTE_EN, language="en")),
        _q(ds, DCTERMS + "modified", ox.Literal(modified, datatype=ox.NamedNode(XSD + "dateTime"))),
        _q(ds, VOID + "sparqlEndpoint", endpoint),
        _q(ds, VOID + "uriSpace", ox.Literal(base)),
        _q(ds, VOID + "triples", _int(st.quads)),
        _q(endpoint, RDF + "type", ox.NamedNode(DCAT + "DataService")),
        _q(endpoint, DCAT + "endpointURL", endpoint),
        _q(endpoint, DCAT + "endpointDescription", endpoint),
        _q(endpoint, DCAT + "servesDataset", ds),
        _q(ds, DCAT + "distribution", ox.NamedNode(base + "sparql#distribution")),
        _q(
            ox.NamedNode(base + "sparql#distribution"),
            RDF + "type",
            ox.NamedNode(DCAT + "Distribution"),
        ),
        _q(ox.NamedNode(base + "sparql#distribution"), DCAT + "accessService", endpoint),
        _q(ox.NamedNode(base + "sparql#distribution"), DCAT + "accessURL", endpoint),
    ]
    part = ox.BlankNode("documents")
    quads += [
        _q(ds, VOID + "classPartition", part),
        _q(part, VOID + "class", ox.NamedNode(ELI + "LegalResource")),
        _q(part, VOID + "entities", _int(st.documents)),
    ]
    for graph, n in st.graphs.items():
        quads += [
            _q(ds, VOID + "subset", ox.NamedNode(graph)),
            _q(ox.NamedNode(graph), RDF + "type", ox.NamedNode(VOID + "Dataset")),
            _q(ox.NamedNode(graph), VOID + "triples", _int(n)),
        ]
    for name, (fmt, compressed) in DUMPS.items():
        dump = ox.NamedNode(f"{base}dumps/{name}")
        quads += [
            _q(ds, DCAT + "distribution", dump),
            _q(ds, VOID + "dataDump", dump),
            _q(dump, RDF + "type", ox.NamedNode(DCAT + "Distribution")),
            _q(dump, DCAT + "downloadURL", dump),
            _q(dump, DCAT + "mediaType", ox.NamedNode(IANA + fmt.media_type)),
        ]
        if compressed:
            quads.append(_q(dump, DCAT + "compressFormat", ox.NamedNode(IANA + "application/gzip")))
    return quads


def service_description() -> Response:
    """The SPARQL 1.1 Service Description of the endpoint (``GET /sparql`` without a query)."""
    svc = services()
    fmt = negotiate(request.accept_mimetypes, RESOURCE_FORMATS, request.args.getlist("format"))
    if fmt is formats.HTML and any(r.rule == "/query" for r in current_app.url_map.iter_rules()):
        return redirect(f"{request.script_root}/query", code=303)
    quads = sd_quads(svc.base, stats(), svc.updates_enabled)
    return respond(Description(svc.base + "sparql", quads, title="SPARQL endpoint 查询端点"))


def sd_quads(base: str, st: Stats, updates: bool) -> list[ox.Quad]:
    endpoint, ds = ox.NamedNode(base + "sparql"), ox.NamedNode(base + "dataset")
    quads = [
        _q(endpoint, RDF + "type", ox.NamedNode(SD + "Service")),
        _q(endpoint, SD + "endpoint", endpoint),
        _q(endpoint, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Query")),
        _q(endpoint, SD + "feature", ox.NamedNode(SD + "UnionDefaultGraph")),
        _q(
            endpoint,
            SD + "defaultEntailmentRegime",
            ox.NamedNode("http://www.w3.org/ns/entailment/Simple"),
        ),
        _q(endpoint, SD + "defaultDataset", ds),
        _q(ds, RDF + "type", ox.NamedNode(SD + "Dataset")),
        _q(ds, SD + "defaultGraph", ox.BlankNode("default")),
        _q(ox.BlankNode("default"), RDF + "type", ox.NamedNode(SD + "Graph")),
        _q(ox.BlankNode("default"), VOID + "triples", _int(st.union_triples)),
    ]
    if updates:
        quads.append(_q(endpoint, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Update")))
    quads += [_q(endpoint, SD + "resultFormat", ox.NamedNode(FORMATS + f)) for f in _RESULT_FORMATS]
    for n, (graph, count) in enumerate(st.graphs.items()):
        named, g = ox.BlankNode(f"ng{n}"), ox.BlankNode(f"g{n}")
        quads += [
            _q(ds, SD + "namedGraph", named),
            _q(named, RDF + "type", ox.NamedNode(SD + "NamedGraph")),
            _q(named, SD + "name", ox.NamedNode(graph)),
            _q(named, SD + "graph", g),
            _q(g, RDF + "type", ox.NamedNode(SD + "Graph")),
            _q(g, VOID + "triples", _int(count)),
        ]
    return quads


@bp.get("/dumps/<name>")
def dump(name: str) -> Response:
    """A bulk dump of the whole dataset, written once per store version."""
    if name not in DUMPS:
        raise NotFound(f"no dump {name!r}; there are: {', '.join(DUMPS)}")
    svc = services()
    fmt, compressed = DUMPS[name]
    version = svc.executor.version()
    root = Path(svc.settings.dump_dir or f"{svc.settings.store_path}.dumps")
    folder = root / hashlib.sha256(version.key.encode()).hexdigest()[:16]
    path = folder / name
    if not path.exists():
        with _dump_lock:
            if not path.exists():
                folder.mkdir(parents=True, exist_ok=True)
                svc.executor.dump(fmt.name, str(path), compressed)
                for old in root.iterdir():
                    if old.is_dir() and old != folder:
                        shutil.rmtree(old, ignore_errors=True)
    mimetype = "application/gzip" if compressed else fmt.content_type
    return send_file(
        path,
        mimetype=mimetype,
        as_attachment=False,
        download_name=name,
        conditional=True,
        etag=True,
        last_modified=version.modified,
        max_age=0,
    )
