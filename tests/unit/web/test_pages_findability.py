"""Search, facets, the codebook, the ontology reference, deep-link ids and the strings table,
through the test client on a store built from data/raw (the browser tests drive the same pages
in Chromium)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from test_pages import BASE, JINING, build_pages_store, pages_app, pages_settings  # noqa: F401

from guize.web.pages import strings

TEMPLATES = Path(__file__).resolve().parents[3] / "service" / "web"


@pytest.fixture(scope="module")
def pages_store(tmp_path_factory):
    store = build_pages_store(tmp_path_factory.mktemp("find") / "store")
    yield store
    store.close()


@pytest.fixture(scope="module")
def app(pages_store, pages_settings):  # noqa: F811
    return pages_app(pages_store, pages_settings)


@pytest.fixture
def client(app):
    return app.test_client()


def html(client, path: str, status: int = 200) -> str:
    resp = client.get(path, headers={"Accept": "text/html"})
    assert resp.status_code == status, (path, resp.status_code)
    return resp.get_data(as_text=True)


def test_every_string_a_template_asks_for_is_in_the_table():
    asked = set()
    for path in TEMPLATES.rglob("*.html"):
        asked |= set(re.findall(r"\btb?\('([\w.-]+)'\)", path.read_text(encoding="utf-8")))
    assert asked, "templates use t()/tb()"
    assert not asked - set(strings.STRINGS)
    assert all(zh and (en or k.endswith(".suffix")) for k, (zh, en) in strings.STRINGS.items())
    inline = []
    for path in TEMPLATES.rglob("*.html"):  # no pair of literals left in a template
        inline += re.findall(r"m\.(?:tr|bi)\(\s*'[^']", path.read_text(encoding="utf-8"))
    assert not inline


def test_search_finds_words_and_pages(client):
    page = html(client, "/search?q=请假")
    total = int(re.search(r"<strong>(\d+)</strong>", page).group(1))
    assert total >= 2 and page.count('class="hit"') == min(total, 20)
    one = html(client, f"/search?q=请假&doc={JINING}")
    assert f'href="/documents/{JINING}#art_' in one
    assert "/documents/" + JINING in one and "hezhengfa" not in one.split("<ol")[1]


@pytest.mark.parametrize(
    "query",
    ["q=" + "长" * 101, "q=a&doc=nope", "q=a&page=0", "q=a&page=abc", "q=a&page=99999"],
)
def test_search_bad_parameters_are_400_in_the_layout(client, query):
    page = html(client, "/search?" + query, 400)
    assert '<header class="site">' in page and "请求有误" in page


@pytest.mark.parametrize("text", ['" } DROP ALL #', "') } ; DELETE", "\\", "http://x", "%"])
def test_search_text_cannot_change_the_query(client, text):
    page = html(client, "/search?" + "q=" + text.replace("%", "%25").replace("#", "%23"))
    assert "<strong>0</strong>" in page


def test_facets_and_exports_agree(client):
    page = html(client, "/facts?kind=LeaveRule&government=370800")
    rows = page.count("<tr>") - 1
    assert rows >= 1
    table = list(
        csv.DictReader(
            io.StringIO(
                client.get("/facts.csv?kind=LeaveRule&government=370800").get_data(as_text=True)
            )
        )
    )
    assert len(table) == rows and {r["government"] for r in table} == {"济宁市"}
    data = json.loads(client.get("/facts.json?kind=LeaveRule&government=370800").data)
    assert [d["fact"] for d in data] == [r["fact"] for r in table]
    assert all(d["provision"].startswith(BASE + f"eli/{JINING}/") for d in data)


@pytest.mark.parametrize("query", ["kind=Nope", "government=../../x", "role=<x>", "page=-1"])
def test_facet_values_are_checked(client, query):
    assert "请求有误" in html(client, "/facts?" + query, 400)
    assert client.get("/facts.csv?" + query).status_code == 400


def test_codebook_describes_every_column(client):
    resp = client.get("/compare/codebook.zip")
    assert resp.status_code == 200 and resp.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(resp.data)) as z:
        files = {n: z.read(n).decode() for n in z.namelist()}
    header = next(csv.reader(io.StringIO(files["matrix.csv"])))
    book = list(csv.DictReader(io.StringIO(files["codebook.csv"])))
    assert [b["variable"] for b in book] == header
    assert {b["type"] for b in book} >= {"code", "codes", "boolean", "frequency", "integer"}
    roles = next(b for b in book if b["variable"] == "composition")["codes"]
    assert "head=" in roles and "deputy-head=" in roles


def test_provision_json(client):
    data = client.get(f"/provision.json?iri={BASE}eli/{JINING}/art_45").get_json()
    assert data["text"] and data["href"] == f"/documents/{JINING}#art_45"
    assert client.get("/provision.json?iri=http://elsewhere/x").status_code == 400
    assert client.get(f"/provision.json?iri={BASE}eli/{JINING}/art_9999").status_code == 404


def test_document_ids_are_unique_and_cover_its_iris(client, pages_store):
    page = html(client, f"/documents/{JINING}")
    ids = Counter(re.findall(r' id="([^"]+)"', page))
    assert not [i for i, n in ids.items() if n > 1]
    prefix = f"{BASE}eli/{JINING}/"
    minted = {
        r[0].value[len(prefix) :]
        for r in pages_store.raw.query(
            f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?s), '{prefix}')) }}"
        )
    }
    # spans of raw text are described at their own IRI, not anchored on the page
    # (test_web_app.test_a_fact_is_described_with_its_span_and_the_words)
    spans = {m for m in minted if m.startswith("span/")}
    assert spans
    things = {m for m in minted - spans if "#" not in m and m != "raw" and "/item_" not in m}
    assert things and not things - set(ids), sorted(things - set(ids))[:10]  # items: paragraph


def test_ontology_reference_anchors_every_term(client):
    page = html(client, "/ontology")
    for name in ("MeetingRoleAssignment", "LeaveRule", "sourceProvision", "chairedBy"):
        assert f'id="{name}"' in page and f'href="#{name}"' in page
    assert "定义域" in page and "值域" in page
    assert client.get("/ontology", headers={"Accept": "text/turtle"}).mimetype == "text/turtle"


def test_expired_document_has_a_banner_and_citations(client):
    page = html(client, "/documents/320700-lianzhengfa-2011-96")
    assert 'id="status-banner"' in page and "〔2018〕" in page.split('id="status-banner"')[1][:400]
    cite = re.search(r'data-cite="([^"]+)"', page).group(1)
    assert (
        cite.startswith("《")
        and "第" in cite
        and f"{BASE}eli/320700-lianzhengfa-2011-96/art_" in cite
    )
