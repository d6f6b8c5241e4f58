"""Finding things in real Chromium: every kind of deep link lands on its element, highlighted;
search and facets (bad parameters answered 400 in the layout); the codebook and facts
downloads; the query page's copy buttons (the copied curl and Python are run) and run-on-load;
the pages at 390 px; every HTML page in the same layout.  IRIs to follow are read from the
store over the endpoint, so the tests follow the data."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import shot
from helpers import sparql

pytestmark = pytest.mark.browser

BASE = "http://127.0.0.1:5000/"


def _first(service_url: str, where: str) -> str:
    rows = sparql(service_url, f"SELECT ?x WHERE {{ {where} }} ORDER BY ?x LIMIT 1")
    assert rows, where
    return rows[0]["x"]


DEEP_LINKS = {
    "provision": "?x a gz:Provision",
    "paragraph": "?x a gz:Paragraph",
    "chapter": "?x a gz:Chapter",
    "fact": "?x a gz:LeaveRule",
    "post": "?x a gz:GovernmentRole",
    "meeting": "?x a gz:Meeting",
    "notice": "?d gz:notice ?x",
    "cleaning entry": "?x a gz:CleaningEntry",
}


@pytest.mark.parametrize("kind", list(DEEP_LINKS))
def test_every_document_iri_lands_on_its_element_highlighted(page, service_url, kind):
    iri = _first(service_url, DEEP_LINKS[kind])
    assert iri.startswith(BASE + "eli/")
    page.goto(service_url + "/" + iri[len(BASE) :])
    fragment = iri.split("/", 5)[-1]  # the path below the document
    assert page.url.endswith("#" + fragment), page.url
    target = page.locator(f'[id="{fragment}"]')
    assert target.count() == 1
    target.wait_for(state="visible")
    page.wait_for_function(
        "id => document.getElementById(id).classList.contains('targeted')", arg=fragment
    )
    box = target.bounding_box()
    assert box is not None and -5 <= box["y"] < 900, box  # scrolled to it
    page.console.assert_clean()


def test_ontology_terms_and_things_land_in_the_layout(page, service_url):
    term = _first(
        service_url,
        "?f a ?x . ?f gz:sourceProvision ?p "
        'FILTER(?x != gz:Fact && STRSTARTS(STR(?x), "https://w3id.org/guize/ontology#"))',
    )
    name = term.rsplit("#", 1)[-1]
    page.goto(service_url + "/ontology#" + name)
    section = page.locator(f'section.term[id="{name}"]')
    assert section.is_visible() and "targeted" in section.get_attribute("class")
    assert section.locator("dt", has_text="定义").count() == 1
    assert page.locator(f".ref-nav a[href='#{name}']").count() == 1  # in the index
    gov = _first(service_url, "?x a gz:PeoplesGovernment")
    page.goto(service_url + "/" + gov[len(BASE) :])
    assert page.locator("header.site nav").is_visible() and gov in page.locator("main").inner_text()
    page.goto(service_url + "/dataset")
    assert page.locator("header.site nav").is_visible()
    page.console.assert_clean()


def test_search_all_documents_and_bad_input(page, service_url):
    page.goto(service_url + "/search?q=" + "请假")
    hits = page.locator("ol.hits li")
    assert hits.count() >= 1
    assert "请假" in hits.first.locator("mark").inner_text()
    for bad in ("q=" + "x" * 101, "doc=no-such-document&q=a", "q=a&page=0"):
        resp = page.goto(service_url + "/search?" + bad)
        assert resp.status == 400
        assert page.locator("header.site nav").is_visible()
        assert page.locator(".error-page").inner_text().strip()
    resp = page.goto(service_url + "/search?q=%22%20%7D%20DROP%20ALL%20%23")  # " } DROP ALL #
    assert resp.status == 200 and "0" in page.locator(".result-count").inner_text()


def test_facets_filter_and_export(page, service_url):
    page.goto(service_url + "/facts?kind=LeaveRule")
    rows = page.locator("table.facts-list tbody tr")
    n = rows.count()
    assert n >= 1
    with page.expect_download() as info:
        page.locator("a.download", has_text="CSV").click()
    with open(info.value.path(), encoding="utf-8") as f:
        text = f.read()
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(table) == n and {r["kind"] for r in table} == {"LeaveRule"}
    data = json.loads(page.request.get(service_url + "/facts.json?kind=LeaveRule").text())
    assert len(data) == n
    resp = page.goto(service_url + "/facts?role=not-a-role")
    assert resp.status == 400 and page.locator("header.site nav").is_visible()


def test_codebook_download_describes_every_column(page, service_url):
    page.goto(service_url + "/compare")
    with page.expect_download() as info:
        page.locator("#codebook").click()
    with zipfile.ZipFile(info.value.path()) as z:
        names = set(z.namelist())
        files = {n: z.read(n).decode() for n in names}
    assert names >= {"matrix.csv", "codebook.csv", "cells.csv", "README.txt"}
    header = next(csv.reader(io.StringIO(files["matrix.csv"])))
    book = list(csv.DictReader(io.StringIO(files["codebook.csv"])))
    assert [r["variable"] for r in book] == header
    assert all(r["label_zh"] and r["description_en"] for r in book)
    cells = list(csv.DictReader(io.StringIO(files["cells.csv"])))
    assert any(c["provisions"].startswith(BASE + "eli/") for c in cells)


def test_matrix_filters_are_kept_in_the_url(page, service_url):
    page.goto(service_url + "/compare")
    page.locator('input[name="group"][value="document"]').uncheck()
    assert "group=" in page.url and "group=document" not in page.url
    page.reload()
    assert not page.locator('input[name="group"][value="document"]').is_checked()
    assert page.locator('tbody[data-group="document"]').is_hidden()


def test_query_page_copies_and_runs_on_load(page, service_url):
    query = "SELECT ?doc WHERE { ?doc a <https://w3id.org/guize/ontology#WorkRules> }"
    page.goto(service_url + "/query?query=" + query.replace(" ", "%20").replace("#", "%23"))
    rows = page.locator(".results-table tbody tr")
    rows.first.wait_for()  # ran without a click
    page.locator(".label-beside").first.wait_for()  # labels beside the IRIs
    assert page.locator("#endpoint-url").inner_text() == service_url + "/sparql"
    assert "union" in page.locator("#union-note").inner_text()
    page.locator("#copy-curl").click()
    curl = page.locator("#snippet").inner_text()
    if shutil.which("curl"):
        out = subprocess.run(["sh", "-c", curl], capture_output=True, text=True, timeout=30)
        assert len(json.loads(out.stdout)["results"]["bindings"]) == rows.count()
    page.locator("#copy-python").click()
    script = page.locator("#snippet").inner_text()
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.strip().splitlines()) == rows.count()
    assert page.locator('a[href$="/ontology"]', has_text="本体").count() >= 1
    page.console.assert_clean()


PHONE_PAGES = ["/", "/documents", "/compare", "/search?q=会议", "/facts", "/query", "/ontology"]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_pages_fit_390px(chromium, service_url, path):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    pg = context.new_page()
    try:
        pg.goto(service_url + path)
        pg.wait_for_load_state("networkidle")
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 392, f"{path} is {width}px wide at 390px"
        for i in range(pg.locator("svg.chart").count()):
            box = pg.locator("svg.chart").nth(i).bounding_box()
            assert box and box["width"] <= 390 and box["height"] > 50
        shot(pg, "phone" + path.replace("/", "-").split("?")[0])
    finally:
        context.close()


def test_copy_citation_and_facts_by_keyboard(page, service_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=service_url)
    fact = _first(service_url, "?x a gz:LeaveRule")
    doc, _, _ = fact[len(BASE) + 4 :].partition("/")
    source = _first(service_url, f"<{fact}> gz:sourceProvision ?x")
    anchor = source.split("/", 5)[-1]
    page.goto(f"{service_url}/documents/{doc}#{anchor}")
    prov = page.locator(f'section.provision[id="{anchor}"]')
    button = prov.locator("button.cite")
    button.click()
    page.wait_for_function("b => b.classList.contains('done')", arg=button.element_handle())
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("《") and source in copied and "第" in copied
    mark = prov.locator("mark.fact").first
    mark.focus()
    page.keyboard.press("Enter")  # the fact's details, without a mouse or a tooltip
    assert prov.locator("details.facts").get_attribute("open") is not None
    assert prov.locator("li.fact-item.targeted").count() >= 1
    page.console.assert_clean()


def test_keyboard_reaches_the_charts_quickly(page, service_url):
    page.goto(service_url + "/compare")
    stops = page.evaluate(
        """() => {
      const charts = document.getElementById('charts');
      const all = [...document.querySelectorAll('a[href],button,input,select,textarea,[tabindex]')]
        .filter(e => e.tabIndex >= 0 && e.checkVisibility()
                && (e.compareDocumentPosition(charts) & Node.DOCUMENT_POSITION_FOLLOWING));
      return {total: all.length, skip: all.findIndex(e => e.classList.contains('skip-charts')),
              cells: document.querySelectorAll('#matrix td:not(.empty)').length};
    }"""
    )
    assert 0 <= stops["skip"] < 25, stops  # a skip link among the first stops
    assert stops["total"] < stops["cells"] + 60, stops  # one stop per filled cell, not two
    page.locator("a.skip-charts").focus()
    page.keyboard.press("Enter")
    box = page.locator("#charts").bounding_box()
    assert box is not None and box["y"] < 300
