"""Lists that grow with the corpus come a page at a time: the documents list, the matrix's
governments (HTML, JSON, CSV), the facts' exports, the catalogue's answers; links rel=prev/next in the HTML head and
pager and as ``Link`` headers; and a page of the matrix computed from its documents' own graphs
gives what the whole store gives for them."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator

import pytest
from test_pages import build_pages_store, get, pages_app

from guize.config import Settings
from guize.query.catalogue import catalogue, rows
from guize.store import EmbeddedStore
from guize.web.pages import data


@pytest.fixture(scope="module")
def paging_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = build_pages_store(tmp_path_factory.mktemp("paging") / "store")
    yield store
    store.close()


@pytest.fixture(scope="module")
def app(paging_store, tmp_path_factory):
    root = tmp_path_factory.mktemp("paging-settings")
    settings = Settings(
        base_iri="http://guize.test/", store_path=str(root / "x"), dump_dir=str(root / "d")
    )
    return pages_app(paging_store, settings)


@pytest.fixture
def client(app):
    return app.test_client()


def doc_links(html: str) -> list[str]:
    return re.findall(r'<td lang="zh-Hans"><a href="/documents/([^"#]+)">', html)


def head_link(html: str, rel: str) -> str | None:
    found = re.search(rf'<link rel="{rel}" href="([^"]+)">', html)
    return found[1].replace("&amp;", "&") if found else None


def test_documents_list_comes_a_page_at_a_time(client):
    first = get(client, "/documents?per_page=4")
    assert len(doc_links(first)) == 4
    nxt = head_link(first, "next")
    assert nxt and "page=2" in nxt and "per_page=4" in nxt and head_link(first, "prev") is None
    assert re.search(r'<a rel="next" href="[^"]*page=2', first)
    second = get(client, nxt)
    assert len(doc_links(second)) == 2 and head_link(second, "next") is None
    assert "page=1" in (head_link(second, "prev") or "")
    every = doc_links(get(client, "/documents"))
    assert len(every) == 6 and doc_links(first) + doc_links(second) == every
    assert head_link(get(client, "/documents"), "next") is None


@pytest.mark.parametrize(
    ("query", "status"),
    [("page=3&per_page=4", 404), ("per_page=0", 400), ("page=x", 400), ("per_page=9999", 400)],
)
def test_bad_pages_are_refused(client, query, status):
    get(client, f"/documents?{query}", status)
    get(client, f"/compare?{query}", status)


def test_home_lists_the_first_documents_and_links_the_rest(client, monkeypatch):
    assert "all-documents" not in get(client, "/")  # six documents: all shown
    monkeypatch.setattr(data, "HOME_DOCUMENTS", 2)
    html = get(client, "/?lang=en")
    assert len(doc_links(html)) == 2 and "All documents (6)" in html


def columns(html: str) -> list[str]:
    return re.findall(r'<th scope="col" class="gov"[^>]*>\s*<a href="/documents/([^"]+)"', html)


def test_the_matrix_shows_a_page_of_governments(client):
    first = get(client, "/compare?per_page=4")
    assert len(columns(first)) == 4
    nxt = head_link(first, "next")
    assert nxt and "page=2" in nxt
    second = get(client, nxt)
    assert len(columns(second)) == 2 and head_link(second, "prev")
    every = columns(get(client, "/compare"))
    assert len(every) == 6 and columns(first) + columns(second) == every
    assert 'href="/compare.json?page=2&amp;per_page=4"' in second


def test_a_page_of_the_profile_is_what_the_whole_store_gives_for_its_documents(client):
    whole = client.get("/compare.json?page=all")
    assert "Link" not in whole.headers
    everything = {d["id"]: d for d in whole.get_json()["documents"]}
    assert len(everything) == 6
    paged, url = {}, "/compare.json?per_page=2&page=1"
    while url:
        resp = client.get(url)
        body = resp.get_json()
        assert body["page"]["total"] == 6 and body["page"]["pages"] == 3
        assert len(body["documents"]) == 2
        paged.update({d["id"]: d for d in body["documents"]})
        nxt = re.search(r'<([^>]+)>; rel="next"', resp.headers.get("Link", ""))
        url = nxt[1] if nxt else None
    assert paged == everything


def test_compare_exports_are_paged_with_link_headers(client):
    resp = client.get("/compare.csv?per_page=4")
    assert resp.status_code == 200 and len(resp.get_data(as_text=True).splitlines()) == 5
    assert 'rel="next"' in resp.headers["Link"] and 'rel="prev"' not in resp.headers["Link"]
    last = client.get("/compare.csv?per_page=4&page=2")
    assert len(last.get_data(as_text=True).splitlines()) == 3
    assert 'rel="prev"' in last.headers["Link"] and 'rel="next"' not in last.headers["Link"]
    assert client.get("/compare.json").get_json()["page"]["per_page"] == 100
    assert client.get("/compare.json?page=all").get_json()["page"]["number"] == "all"
    assert client.get("/compare?page=all").status_code == 400  # the page itself is always paged


def test_fact_exports_are_paged(client):
    first = client.get("/facts.json?per_page=3")
    rows = first.get_json()
    assert len(rows) == 3 and 'rel="next"' in first.headers["Link"]
    nxt = re.search(r'<([^>]+)>; rel="next"', first.headers["Link"])[1]
    second = client.get(nxt)
    assert 'rel="prev"' in second.headers["Link"]
    assert {r["fact"] for r in rows}.isdisjoint({r["fact"] for r in second.get_json()})
    csv_page = client.get("/facts.csv?per_page=3").get_data(as_text=True).splitlines()
    assert len(csv_page) == 4
    assert client.get("/facts.csv?per_page=0").status_code == 400


# --- the catalogue's answers, a page of documents at a time ----------------------------------


def _rows_key(rows: list[dict]) -> Counter:
    return Counter(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_a_catalogue_answer_by_pages_is_the_whole_stores_answer(client, paging_store, name):
    """Every catalogue query, read a page of documents at a time from their own graphs, gives
    the rows the whole store gives (as a multiset: the order of rows is the page's)."""
    paged, url, pages = [], f"/catalogue/{name}.json?per_page=4", 0
    while url:
        resp = client.get(url)
        assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
        body = resp.get_json()
        assert body["query"] == name and body["pages"] == 2
        assert len(body["documents"]) == (4 if body["page"] == 1 else 2)
        paged += body["rows"]
        pages += 1
        nxt = re.search(r'<([^>]+)>; rel="next"', resp.headers.get("Link", ""))
        url = nxt[1] if nxt else None
    assert pages == 2
    whole = rows(paging_store, name, "http://guize.test/")
    assert whole, f"{name} has no answer on the seeds: the comparison proves nothing"
    assert _rows_key(paged) == _rows_key(whole)


def test_a_catalogue_answer_page_shows_its_documents_rows_and_pager(client):
    first = get(client, "/catalogue/powers?per_page=4")
    assert "<code>?action</code>" in first and "<code>?modality</code>" in first
    nxt = head_link(first, "next")
    assert nxt and nxt.startswith("/catalogue/powers?") and "page=2" in nxt
    assert re.search(r'<a rel="next" href="/catalogue/powers\?[^"]*page=2', first)
    shown = set(re.findall(r'<a href="/documents/([^"#]+)">', first))
    assert len(shown) == 4  # the page's documents, named above the table
    second = get(client, nxt)
    assert head_link(second, "prev") and head_link(second, "next") is None
    assert shown.isdisjoint(re.findall(r'<a href="/documents/([^"#]+)">', second))
    assert (
        'href="/query?name=powers"' in first and 'href="/catalogue/powers.csv?per_page=4"' in first
    )


def test_a_catalogue_answer_for_one_document(client, paging_store):
    key = rows(paging_store, "documents", "http://guize.test/")[0]["key"]
    body = client.get(f"/catalogue/meeting_roles.json?doc={key}").get_json()
    assert body["documents"] == [key] and body["rows"]
    assert {r["doc"] for r in body["rows"]} == {f"http://guize.test/eli/{key}"}
    html = get(client, f"/catalogue/meeting_roles?doc={key}")
    assert f'<option value="{key}" lang="zh-Hans" selected>' in html
    assert head_link(html, "next") is None


def test_catalogue_answer_csv_is_a_page_with_link_headers(client):
    resp = client.get("/catalogue/documents.csv?per_page=4")
    lines = resp.get_data(as_text=True).splitlines()
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert lines[0].startswith("doc,key,title,") and len(lines) == 5
    assert (
        'rel="next"' in resp.headers["Link"] and "/catalogue/documents.csv?" in resp.headers["Link"]
    )
    last = client.get("/catalogue/documents.csv?per_page=4&page=2")
    assert len(last.get_data(as_text=True).splitlines()) == 3
    assert 'rel="next"' not in last.headers["Link"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/catalogue/no_such_query", 404),
        ("/catalogue/powers?doc=no-such-document", 404),
        ("/catalogue/powers?page=3&per_page=4", 404),
        ("/catalogue/powers?per_page=0", 400),
        ("/catalogue/powers.json?per_page=101", 400),
        ("/catalogue/powers.csv?page=x", 400),
    ],
)
def test_bad_catalogue_answer_requests_are_refused(client, path, status):
    assert client.get(path, headers={"Accept": "text/html"}).status_code == status


def test_the_catalogue_index_links_every_question_both_ways(client):
    html = get(client, "/catalogue")
    for name in catalogue():
        assert f'href="/catalogue/{name}"' in html and f'href="/query?name={name}"' in html
    assert 'href="/catalogue"' in get(client, "/query")
