"""The pages (guize.web.pages.views) on a store built from data/raw plus hand-made facts.

The app is ``create_app`` given the store (queried in the request thread, as the pages read
every store: through the app's query executor).
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
from flask import Flask

from guize.build import build
from guize.config import Settings
from guize.ingest.clean import clean, decode
from guize.ingest.parse import parse as parse_text
from guize.iris import Iris
from guize.query.catalogue import catalogue, rows
from guize.rdf import to_rdf
from guize.store import EmbeddedStore, open_store
from guize.validate import stored as stored_conformance
from guize.web.app import create_app

PROJECT_ROOT = Path(__file__).resolve().parents[3]

BASE = "http://guize.test/"
FACTS = PROJECT_ROOT / "tests" / "browser" / "fixture_facts.ttl"
JINING = "370800-jizhengfa-2022-4"
HEZUO = "623001-hezhengfa-2023-38"


def build_pages_store(path: Path | None, base: str = BASE, facts: bool = True) -> EmbeddedStore:
    """data/raw built into a store (at ``path``, or in memory), plus the fixture facts.

    On disk it is built once per test run and copied: ``path`` is ``mktemp(name)/"store"`` of
    the module's ``tmp_path_factory``, and the first module to ask builds the store in the
    run's temporary folder (shared by the xdist workers, under a lock), the others copy it.
    """
    if path is None:
        return _built(None, base, facts)
    under_xdist = bool(os.environ.get("PYTEST_XDIST_WORKER"))
    root = path.parents[2] if under_xdist else path.parents[1]  # the run's temporary folder
    tag = hashlib.sha256(f"{base}|{facts}".encode()).hexdigest()[:12]
    master = root / f"pages-store-{tag}"
    with (root / f"pages-store-{tag}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (master / "BUILT").exists():
            shutil.rmtree(master, ignore_errors=True)
            _built(master / "store", base, facts).close()
            (master / "BUILT").touch()
    shutil.copytree(master / "store", path)
    return open_store(path)


def _built(path: Path | None, base: str, facts: bool) -> EmbeddedStore:
    store = open_store(path)
    report = build(PROJECT_ROOT / "data" / "raw", store, Iris(base), log=lambda _m: None)
    assert report.ok, report.failed
    if facts:
        quads = ox.parse(path=str(FACTS), format=ox.RdfFormat.TURTLE, base_iri=base)
        changed = set()
        for q in quads:  # each fact into its document's graph, where the build puts facts
            key = re.search(r"/eli/([^/#]+)", q.subject.value)[1]
            graph = ox.NamedNode(Iris(base).graph(key))
            store.raw.add(ox.Quad(q.subject, q.predicate, q.object, graph))
            changed.add(graph.value)
        # the documents changed: their conformance results as a build would have them
        stored_conformance.rewrite(store, base, sorted(changed))
    return store


@pytest.fixture(scope="module")
def pages_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = build_pages_store(tmp_path_factory.mktemp("pages") / "store")
    yield store
    store.close()


@pytest.fixture(scope="module")
def pages_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("pages-settings")
    return Settings(base_iri=BASE, store_path=str(root / "unused"), dump_dir=str(root / "dumps"))


def pages_app(store, settings: Settings) -> Flask:
    app = create_app(settings, store=store)
    app.config.update(TESTING=True)
    return app


@pytest.fixture(scope="module")
def app(pages_store, pages_settings) -> Flask:
    return pages_app(pages_store, pages_settings)


@pytest.fixture
def client(app):
    return app.test_client()  # a fresh cookie jar per test


def get(client, path: str, status: int = 200) -> str:
    resp = client.get(path, headers={"Accept": "text/html"})
    assert resp.status_code == status, (path, resp.status_code, resp.get_data(as_text=True)[:500])
    return resp.get_data(as_text=True)


class Links(HTMLParser):
    """Every ``href`` and ``id`` of a page, and the text of marks."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.marks: list[str] = []
        self._in_mark = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append((a["href"], a))
        if tag == "mark" and "fact" in (a.get("class") or ""):
            self._in_mark += 1
            self.marks.append("")

    def handle_endtag(self, tag):
        if tag == "mark" and self._in_mark:
            self._in_mark -= 1

    def handle_data(self, data):
        if self._in_mark:
            self.marks[-1] += data


def parse(html: str) -> Links:
    p = Links()
    p.feed(html)
    return p


# --- every page answers ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def doc_keys(pages_store) -> list[str]:
    keys = [r["key"] for r in rows(pages_store, "documents", BASE)]
    assert len(keys) == 6 and {JINING, HEZUO} <= set(keys)
    return keys


@pytest.mark.parametrize("lang", ["", "?lang=en"])
@pytest.mark.parametrize(
    "path", ["/", "/documents", "/query", "/compare", "/compare/topics", "/validate"]
)
def test_every_page_answers(client, path, lang):
    html = get(client, path + lang)
    assert html.startswith("<!doctype html>")
    assert f'<html lang="{"en" if lang else "zh-Hans"}">' in html
    assert 'href="/static/pages/guize.css"' in html


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_every_document_page_answers(client, doc_keys, lang):
    for key in doc_keys:
        for path in (f"/documents/{key}", f"/documents/{key}/raw"):
            html = get(client, path + lang)
            assert f'<html lang="{"en" if lang else "zh-Hans"}">' in html


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_query_page_loads_each_catalogue_query(client, name):
    html = get(client, f"/query?name={name}")
    assert f"BASE &lt;{BASE}&gt;" in html


def test_topic_pages(client):
    html = get(client, "/compare/topics")
    codes = sorted(set(re.findall(r"/compare/topics\?topic=([a-z-]+)", html)))
    assert {"meetings", "documents", "openness", "general"} <= set(codes)
    for code in codes:
        get(client, f"/compare/topics?topic={code}")


def test_unknown_things_are_404(client):
    get(client, "/documents/no-such-doc", 404)
    get(client, "/documents/no-such-doc/raw", 404)
    get(client, "/documents/..%2Fetc", 404)
    get(client, "/compare/topics?topic=nonsense", 404)


# --- content -------------------------------------------------------------------------------


def test_home_counts_and_links(client):
    html = get(client, "/")
    assert re.search(r"<dt>文档</dt><dd><a [^>]*>6</a></dd>", html)
    assert re.search(r"<dt>条</dt><dd>439</dd>", html)
    facts = int(re.search(r"<dt>抽取的事实</dt><dd>(\d+)</dd>", html).group(1))
    assert facts >= 20
    for target in (
        "/sparql",
        "/dataset",
        "/dumps/guize.nq",
        "/query",
        "/compare",
        "/documents",
        "/validate",
    ):
        assert f'href="{target}"' in html, target
    assert "国务院" in html and "设区的市" in html


def test_documents_list_links_every_document(client, doc_keys):
    hrefs = {h for h, _ in parse(get(client, "/documents")).hrefs}
    for key in doc_keys:
        assert f"/documents/{key}" in hrefs


def test_document_page_metadata_and_anchors(client):
    html = get(client, f"/documents/{JINING}")
    page = parse(html)
    assert "济政发〔2022〕4号" in html and "济宁市人民政府" in html and "2022-03-28" in html
    assert "第2次常务会议" in html  # adopted by
    assert {f"art_{n}" for n in range(1, 93)} <= page.ids
    assert "chp_8" in page.ids and "cleaning" in page.ids
    assert any(h == f"/eli/{JINING}/raw" for h, _ in page.hrefs)
    assert any(h == f"/documents/{JINING}/raw" for h, _ in page.hrefs)


def test_document_page_marks_facts_in_place(client):
    page = parse(get(client, f"/documents/{JINING}"))
    for quote in (
        "市政府实行市长负责制",
        "由市长召集和主持",
        "出席人数须超过应到人数的二分之一",
        "市政府常务会议原则上每月召开1次",
        "应于会前5个工作日报送市政府办公室运转",
    ):
        assert quote in page.marks, quote


def test_fact_tooltip_says_what_the_fact_is(client):
    html = get(client, f"/documents/{JINING}")
    m = re.search(
        r'<mark class="fact" data-facts="[^"]+" title="([^"]+)"[^>]*>市政府实行市长负责制</mark>',
        html,
    )
    assert m, "head-responsibility quote not marked"
    assert "首长负责制" in m.group(1) or "HeadResponsibility" in m.group(1)


def test_document_without_facts_says_so(pages_settings):
    raw = PROJECT_ROOT / "data" / "raw" / "guowuyuan-2004.txt"
    parsed = parse_text(clean(decode(raw.read_bytes(), raw.stem)))
    graph = to_rdf(parsed, Iris(BASE))  # no facts extracted
    store = open_store(None)
    store.replace_graph(graph.graph_iri, graph.triples())
    html = get(pages_app(store, pages_settings).test_client(), "/documents/guowuyuan-guofa-2004-18")
    assert "本文档尚无抽取出的事实" in html
    assert '<mark class="fact"' not in html


def test_cleaning_report_lists_spam_and_junk(client):
    html = get(client, f"/documents/{HEZUO}")
    section = html[html.index('id="cleaning"') :]
    assert "三升体育平台" in section  # the injected betting-site name, cut
    assert "cut-spam" in section and "cut-page-junk" in section
    assert re.search(r'href="/documents/623001-hezhengfa-2023-38/raw#cut-\d+"', section)


def test_raw_page_marks_every_cut(client):
    html = get(client, f"/documents/{HEZUO}/raw")
    ids = parse(html).ids
    report = get(client, f"/documents/{HEZUO}")
    for start in re.findall(r'/raw#cut-(\d+)"', report):
        assert f"cut-{start}" in ids
    assert 'class="cut cut-spam"' in html


def test_query_page_has_prefixes_and_catalogue(client):
    html = get(client, "/query")
    assert "PREFIX gz: &lt;https://w3id.org/guize/ontology#&gt;" in html
    for p in ("eli", "org", "rdfs", "skos", "oa", "prov", "dcterms", "xsd"):
        assert f"PREFIX {p}: " in html, p
    data = re.search(
        r'<script type="application/json" id="catalogue-data">(.*?)</script>', html, re.S
    ).group(1)
    entries = json.loads(data)
    assert {e["name"] for e in entries} == set(catalogue())
    assert all(e["text"].startswith(f"BASE <{BASE}>\n") and e["zh"] and e["en"] for e in entries)
    assert 'data-endpoint="/sparql"' in html


def test_compare_cells_link_to_provisions(client):
    html = get(client, "/compare")
    src = [h for h, a in parse(html).hrefs if "src" in (a.get("class") or "")]
    assert f"/documents/{JINING}#art_45" in src  # standing-meeting members, chair, quorum …
    assert f"/documents/{JINING}#art_52" in src  # minutes signer
    assert f"/documents/{HEZUO}#art_48" in src
    targets: dict[str, set[str]] = {}
    for h in src:
        path, _, anchor = h.partition("#")
        if path not in targets:
            targets[path] = parse(get(client, path)).ids
        assert anchor in targets[path], h


def test_compare_rows_show_the_facts(client):
    html = get(client, "/compare")
    assert "常务会议" in html and "全体会议" in html
    assert "超过二分之一" in html  # quorum, strict
    assert "每月 1 次 · 12/年" in html  # frequency, normalised
    assert "市长 签发" in html or "市长签发" in html
    assert "5 工作日" in html


def test_compare_charts_are_inline_svg(client):
    html = get(client, "/compare")
    svgs = re.findall(r"<svg [^>]*class=\"chart\".*?</svg>", html, re.S)
    assert len(svgs) == 2
    for svg in re.findall(r"<svg .*?</svg>", html, re.S):  # charts and legend swatches
        ElementTree.fromstring(svg)  # well-formed
    assert "济宁市" in svgs[0] and ">12<" in svgs[0]


def test_compare_json_and_csv(client):
    resp = client.get("/compare.json")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    prof = resp.get_json()
    assert len(prof["documents"]) == 6
    jining = next(d for d in prof["documents"] if d["id"] == JINING)
    assert any(m["kind"] == "standing" for m in jining["meetings"])
    resp = client.get("/compare.csv")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    lines = resp.get_data(as_text=True).splitlines()
    assert lines[0].startswith("id,") and len(lines) == 7


def test_topics_place_damaged_chapter_by_its_words(client):
    html = get(client, "/compare/topics?topic=openness")
    column = html[html.index('aria-label="济宁市"') :]
    column = column[: column.index("</section>")]
    assert "推进□" in column and "推断" in column


def test_language_is_remembered(client):
    resp = client.get("/?lang=en")
    assert "guize_lang=en" in resp.headers.get("Set-Cookie", "")
    assert '<html lang="en">' in resp.get_data(as_text=True)
    assert '<html lang="en">' in get(client, "/documents")  # the cookie, no parameter
    assert '<html lang="zh-Hans">' in get(client, "/documents?lang=zh")
    assert '<html lang="zh-Hans">' in get(client, "/documents")


def test_pages_send_a_content_security_policy(client):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp


def test_favicon_is_served_where_browsers_look(client):
    with client.get("/favicon.ico") as resp:
        assert resp.status_code == 200 and resp.mimetype == "image/svg+xml"
        assert resp.get_data(as_text=True).lstrip().startswith("<svg")


def test_static_files(client):
    for name in ("guize.css", "query.js", "compare.js", "document.js", "favicon.svg"):
        resp = client.get(f"/static/pages/{name}")
        assert resp.status_code == 200, name
        resp.close()


# --- validation ----------------------------------------------------------------------------

RAW_TEXT = (PROJECT_ROOT / "data" / "raw" / "004_ea0f23940cb5d166.txt").read_bytes()


def test_validate_api_json_turtle_html(client):
    resp = client.post(
        "/validate", data={"text": RAW_TEXT.decode("utf-8")}, headers={"Accept": "application/json"}
    )
    assert resp.status_code == 200, resp.get_data(as_text=True)
    report = resp.get_json()
    assert "conforms" in report and isinstance(report["results"], list)
    resp = client.post(
        "/validate", data=RAW_TEXT, headers={"Content-Type": "text/plain", "Accept": "text/turtle"}
    )
    assert resp.status_code == 200 and resp.mimetype == "text/turtle"
    assert "sh:ValidationReport" in resp.get_data(as_text=True)
    resp = client.post("/validate", data={"text": RAW_TEXT.decode("utf-8"), "format": "html"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and 'class="verdict' in html
    assert 'name="format" value="json"' in html and 'name="format" value="turtle"' in html


def test_validate_upload_file(client):
    from io import BytesIO

    resp = client.post(
        "/validate",
        data={"file": (BytesIO(RAW_TEXT), "rules.txt")},
        headers={"Accept": "application/json"},
        content_type="multipart/form-data",
    )
    assert resp.status_code == 200 and "conforms" in resp.get_json()


def test_validate_bad_input(client):
    resp = client.post("/validate", data={"text": ""}, headers={"Accept": "application/json"})
    assert resp.status_code == 400 and resp.get_json()["ok"] is False
    resp = client.post(
        "/validate",
        data=b"@prefix broken",
        headers={"Content-Type": "text/turtle", "Accept": "application/json"},
    )
    assert resp.status_code == 400 and "Turtle" in resp.get_json()["error"]
    resp = client.post("/validate", data={"text": "hello", "format": "html"})
    assert resp.status_code == 400 and "error-box" in resp.get_data(as_text=True)


def test_validate_unavailable(pages_store, pages_settings, tmp_path):
    """With no shapes to load (a broken installation) the form says so and the API answers 503."""
    (tmp_path / "no-shapes").mkdir()
    settings = dataclasses.replace(pages_settings, shapes_dir=str(tmp_path / "no-shapes"))
    client = pages_app(pages_store, settings).test_client()
    html = get(client, "/validate")
    assert "暂未提供校验功能" in html
    resp = client.post("/validate", data={"text": "x"}, headers={"Accept": "application/json"})
    assert resp.status_code == 503
    resp = client.post("/validate", data={"text": "x", "format": "html"})
    assert resp.status_code == 503 and "暂未提供校验功能" in resp.get_data(as_text=True)


# --- the same pages through create_app's query executor ------------------------------------


def test_pages_through_the_app_executor(pages_store, pages_settings):
    app = create_app(pages_settings, store=pages_store)
    client = app.test_client()
    page = parse(get(client, f"/documents/{JINING}"))
    assert "市政府实行市长负责制" in page.marks
    html = get(client, "/compare")
    assert f'href="/documents/{JINING}#art_45"' in html
    assert get(client, "/compare/topics")


def test_document_iris_dereference_to_pages_for_people(pages_store, pages_settings):
    client = create_app(pages_settings, store=pages_store).test_client()
    html = {"Accept": "text/html"}
    resp = client.get(f"/eli/{JINING}", headers=html)
    assert resp.status_code == 200 and 'id="art_45"' in resp.get_data(as_text=True)
    assert resp.headers["Vary"] == "Accept"
    resp = client.get(f"/eli/{JINING}/art_45", headers=html)
    assert resp.status_code == 303 and resp.headers["Location"].endswith(
        f"/documents/{JINING}#art_45"
    )
    resp = client.get(f"/eli/{JINING}/raw", headers={"Accept": "text/plain"})
    assert resp.status_code == 200 and resp.mimetype == "text/plain"
    raw = (PROJECT_ROOT / "data" / "raw" / "004_ea0f23940cb5d166.txt").read_text(encoding="utf-8")
    assert resp.get_data(as_text=True) == raw
    # machines still get RDF, by default and on request
    assert client.get(f"/eli/{JINING}").mimetype == "text/turtle"
    assert (
        client.get(f"/eli/{JINING}/art_45", headers={"Accept": "application/ld+json"}).status_code
        == 200
    )


def test_a_key_of_the_number_alone_is_moved_permanently(client):
    """Document keys once were the 文号 alone (jizhengfa-2022-4); such IRIs and pages answer
    301 to the document's key now, part and query kept; a key no document ends with, or one
    that is not of that form, stays 404."""
    resp = client.get("/documents/jizhengfa-2022-4", headers={"Accept": "text/html"})
    assert resp.status_code == 301 and resp.location.endswith(f"/documents/{JINING}")
    resp = client.get("/documents/jizhengfa-2022-4/raw")
    assert resp.status_code == 301 and resp.location.endswith(f"/documents/{JINING}/raw")
    resp = client.get("/eli/jizhengfa-2022-4/art_45?format=ttl")
    assert resp.status_code == 301
    assert resp.location.endswith(f"/eli/{JINING}/art_45?format=ttl")
    assert client.get(resp.location).status_code == 200
    assert client.get("/documents/jizhengfa-2099-4").status_code == 404
    assert client.get("/documents/4").status_code == 404
    assert client.get("/eli/2022-4").status_code == 404


def test_the_first_paragraph_of_an_undivided_provision_is_moved_permanently(client, pages_store):
    """A provision of one paragraph is no longer divided into 款: the IRIs of its paragraph and
    items minted before answer 301 to the provision's and its items', query kept.  A real
    first paragraph answers 200, and one of a provision that does not exist 404."""
    gz, eli = "https://w3id.org/guize/ontology#", "http://data.europa.eu/eli/ontology#"
    doc = f"{BASE}eli/{JINING}"
    rows = list(
        pages_store.raw.query(
            f"SELECT ?p (COUNT(?para) AS ?n) (SAMPLE(?item) AS ?i) WHERE {{ GRAPH ?g {{"
            f" ?p a <{gz}Provision> ; <{eli}is_part_of> <{doc}> ."
            f" OPTIONAL {{ ?para a <{gz}Paragraph> ; <{eli}is_part_of> ?p }}"
            f" OPTIONAL {{ ?item a <{gz}Item> ; <{eli}is_part_of> ?p }} }} }} GROUP BY ?p"
        )
    )
    undivided = [r for r in rows if int(r["n"].value) == 0]
    divided = [r for r in rows if int(r["n"].value) > 1]
    with_item = [r for r in undivided if r["i"] is not None]
    assert undivided and divided and with_item
    path = undivided[0]["p"].value[len(BASE) - 1 :]
    resp = client.get(f"{path}/para_1?format=ttl")
    assert resp.status_code == 301 and resp.location.endswith(f"{path}?format=ttl")
    assert client.get(resp.location).status_code == 200
    item = with_item[0]["i"].value[len(BASE) - 1 :]
    parent, _, last = item.rpartition("/")
    resp = client.get(f"{parent}/para_1/{last}", headers={"Accept": "text/turtle"})
    assert resp.status_code == 301 and resp.location.endswith(item)
    real = divided[0]["p"].value[len(BASE) - 1 :] + "/para_1"
    assert client.get(real, headers={"Accept": "text/turtle"}).status_code == 200
    assert client.get(f"/eli/{JINING}/art_999/para_1?format=ttl").status_code == 404


def test_home_counts_extracted_facts_not_conformance_findings(client, pages_store):
    """The home page's extracted facts are the nodes that cite a provision in the documents'
    own graphs: a conformance result cites the provision it is about too, and is not one."""
    html = get(client, "/")
    shown = int(re.search(r"<dt>抽取的事实</dt><dd>(\d+)</dd>", html).group(1))
    cited = """PREFIX gz: <https://w3id.org/guize/ontology#>
        SELECT DISTINCT ?g ?f WHERE { GRAPH ?g { ?f gz:sourceProvision ?p } }"""
    found = [(r["g"].value, r["f"].value) for r in pages_store.query(cited)]
    findings = {f for g, f in found if g.endswith(stored_conformance.SUFFIX)}
    facts = {f for g, f in found if not g.endswith(stored_conformance.SUFFIX)}
    assert findings, "the seeds' conformance results cite provisions: the case is not tested"
    assert shown == len(facts)
