"""The pages in headless Chromium against the running service: they load without console
errors, the query page runs catalogue queries, matrix cells lead to their provisions, the
document page marks facts and shows the cleaning report, the validation form takes pasted text.
Each test leaves a screenshot in /tmp/guize-shots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import shot

PROJECT_ROOT = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.browser

JINING = "370800-jizhengfa-2022-4"
HEZUO = "623001-hezhengfa-2023-38"

PAGES = [
    ("home", "/"),
    ("home-en", "/?lang=en"),
    ("documents", "/documents"),
    ("query", "/query"),
    ("compare", "/compare"),
    ("compare-en", "/compare?lang=en"),
    ("topics", "/compare/topics"),
    ("topics-openness", "/compare/topics?topic=openness"),
    ("document", f"/documents/{JINING}"),
    ("document-hezuo", f"/documents/{HEZUO}"),
    ("raw", f"/documents/{HEZUO}/raw"),
    ("validate", "/validate"),
]


@pytest.mark.parametrize("name,path", PAGES, ids=[n for n, _ in PAGES])
def test_page_loads_without_console_errors(page, service_url, name, path):
    resp = page.goto(service_url + path)
    assert resp.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("header.site nav").is_visible()
    assert page.locator("h1").first.is_visible()
    shot(page, name)
    page.console.assert_clean()


def test_query_page_runs_a_catalogue_query(page, service_url):
    page.goto(service_url + "/query")
    page.locator('.cat-item[data-name="documents"]').click()
    rows = page.locator(".results-table tbody tr")
    rows.first.wait_for()
    assert rows.count() == 6
    assert "BASE <" in page.locator("#query-text").input_value()
    assert page.locator("#query-hl .tok-keyword").count() > 5  # highlighted
    status = page.locator("#status").inner_text()
    assert re.search(r"6 行", status), status
    downloads = page.locator("#downloads a")
    assert [downloads.nth(i).inner_text() for i in range(downloads.count())] == [
        "JSON",
        "XML",
        "CSV",
        "TSV",
    ]
    first_iri = page.locator(".results-table tbody tr").first.locator("a.iri").first
    assert first_iri.get_attribute("href").startswith("/documents/")
    shot(page, "query-run")
    page.console.assert_clean()


def test_query_page_shows_errors_readably(page, service_url):
    page.goto(service_url + "/query")
    page.locator("#query-text").fill("SELECT ?x WHERE { ?x ?y }")
    page.locator("#run").click()
    box = page.locator("#error")
    box.wait_for(state="visible")
    assert "400" in box.inner_text()
    shot(page, "query-error", full_page=False)


def test_query_page_construct_and_ask(page, service_url):
    page.goto(service_url + "/query")
    editor = page.locator("#query-text")
    editor.fill(
        "PREFIX gz: <https://w3id.org/guize/ontology#>\n"
        "CONSTRUCT { ?d a gz:WorkRules } WHERE { ?d a gz:WorkRules }"
    )
    editor.press("Control+Enter")
    page.locator(".results-table tbody tr").first.wait_for()
    assert page.locator(".results-table tbody tr").count() == 6
    assert "Turtle" in page.locator("#downloads").inner_text()
    editor.fill("ASK { ?s ?p ?o }")
    page.locator("#run").click()
    page.locator(".ask").wait_for()
    assert "true" in page.locator(".ask").inner_text()
    page.console.assert_clean()


def test_matrix_cell_leads_to_its_provision(page, service_url):
    page.goto(service_url + "/compare")
    link = page.locator(f'a.src[href="/documents/{JINING}#art_45"]').first
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_url(f"**/documents/{JINING}#art_45")
    target = page.locator("#art_45")
    assert "targeted" in (target.get_attribute("class") or "")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view
    assert target.locator("mark.fact").count() >= 3
    shot(page, "compare-to-provision", full_page=False)
    page.console.assert_clean()


def test_matrix_filters(page, service_url):
    page.goto(service_url + "/compare")
    columns = page.locator("#matrix thead th.gov:visible")
    before = columns.count()
    page.locator('input[name="level"][value="prefecture-city"]').uncheck()
    assert columns.count() < before
    page.locator('input[name="group"][value="document"]').uncheck()
    assert page.locator('tbody[data-group="document"]').is_hidden()
    page.console.assert_clean()


def test_document_marks_facts_and_shows_cleaning(page, service_url):
    page.goto(service_url + f"/documents/{JINING}")
    marks = page.locator("mark.fact")
    assert marks.count() >= 8
    mark = page.locator("#art_6 mark.fact").first
    assert "负责制" in mark.inner_text()
    assert mark.get_attribute("title")
    mark.hover()
    assert (
        page.locator("#art_6 li.fact-item.active").count() >= 1
        or page.locator("#art_6 mark.active").count() >= 1
    )
    cleaning = page.locator("#cleaning")
    cleaning.scroll_into_view_if_needed()
    assert cleaning.is_visible()
    assert page.locator("#cleaning table.kinds tbody tr").count() >= 3
    assert page.locator("#cleaning table.cuts del").count() >= 1
    shot(page, "document-cleaning", full_page=False)
    page.goto(service_url + f"/documents/{HEZUO}")
    assert "三升体育平台" in page.locator("#cleaning").inner_text()
    page.console.assert_clean()


def test_validation_form_takes_pasted_text(page, service_url):
    page.goto(service_url + "/validate")
    text = (PROJECT_ROOT / "data" / "raw" / "004_ea0f23940cb5d166.txt").read_text(encoding="utf-8")
    page.locator("#v-text").fill(text)
    page.locator('.validate-form button[type="submit"]').click()
    page.wait_for_load_state("networkidle")
    verdict = page.locator(".verdict")
    verdict.wait_for(timeout=60000)
    assert verdict.is_visible()
    shot(page, "validate-report")
    with page.expect_response(
        lambda r: r.request.method == "POST" and "/validate" in r.url
    ) as info:
        page.locator('button[name="format"][value="json"]').click()
    assert info.value.status == 200 and info.value.headers["content-type"].startswith(
        "application/json"
    )
    page.console.assert_clean()


def test_language_toggle_persists(page, service_url):
    page.goto(service_url + "/")
    page.locator(".langs a[lang='en']").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("header.site nav a[href='/documents']").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("Documents")
