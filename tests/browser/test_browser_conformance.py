"""Conformance in headless Chromium against the running service: the matrix page (filters, a
cell leading to its results), a document's conformance section (headline, legal basis, peers),
an uploaded draft compared with its peers, and the researcher's question "which governments put
the office director in the standing meeting, and is that allowed?" answered on the comparison
page.  The results are those the build stored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import shot
from helpers import sparql, timed

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HEZUO = "623001-hezhengfa-2023-38"
FIRST = 180_000  # ms: the first request validates the whole store


def test_matrix_page_filters_and_leads_to_the_results(page, service_url):
    page.goto(service_url + "/", timeout=FIRST)
    with page.expect_navigation(url="**/conformance", timeout=FIRST):
        page.locator("header.site nav a", has_text="合规").first.click()
    table = page.locator("#conf-matrix")
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == 6
    page.locator('#conf-filters input[name="level"][value="county"]').check()
    with page.expect_navigation(url="**/conformance?level=county"):
        page.locator("#conf-filters button[type=submit]").click()
    assert rows.count() == 1
    page.locator('#conf-filters input[name="level"][value="county"]').uncheck()
    page.locator('#conf-filters input[name="severity"][value="warning"]').check()
    with page.expect_navigation(url="**/conformance?severity=warning"):
        page.locator("#conf-filters button[type=submit]").click()
    # the two county-tier governments put the office director in the standing meeting: the
    # only warnings among the seeds, under the one rule that finds them
    assert rows.count() == 2
    assert table.locator("th.rule").count() == 1
    shot(page, "conformance-matrix-warnings", full_page=False)
    cell = table.locator(
        'td[data-rule="StandingMeetingCompositionRule"][data-value="warning"] a.val'
    )
    assert cell.count() >= 1
    with page.expect_navigation(url="**#conf-StandingMeetingCompositionRule"):
        cell.first.click()
    row = page.locator("#conf-StandingMeetingCompositionRule")
    assert "办公室主任" in row.inner_text() and "78" in row.inner_text()
    box = row.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled to it
    page.console.assert_clean()


def test_document_conformance_section(page, service_url):
    page.goto(service_url + f"/documents/{HEZUO}", timeout=FIRST)
    headline = page.locator("#conf-headline")
    # major matters routed to unnamed meetings: violations, the warning beside them
    assert re.fullmatch(r"\d+ 项违规；1 项警告", headline.inner_text().strip())
    headline.click()
    section = page.locator("#conformance")
    assert section.is_visible()
    text = section.inner_text()
    assert re.search(r"\d+ 项违规；1 项警告", text) and re.search(
        r"\d+ violations?; 1 warning", text
    )
    assert "✔" not in text
    assert section.locator("a.article").count() >= 1  # the articles of law
    peers = section.locator("#peers")
    assert "瓜州县" in peers.inner_text()  # its county-tier peer, named
    shot(page, "document-conformance", full_page=False)
    with page.expect_navigation(url=f"**/documents/{HEZUO}#art_*"):
        section.locator('table.conf-results[data-severity="warning"] a.provision').first.click()
    assert "办公室主任" in page.locator(".provision.targeted").inner_text()
    page.console.assert_clean()


def test_upload_a_draft_and_see_its_peers(page, service_url):
    raw = (PROJECT_ROOT / "data" / "raw" / "004_ea0f23940cb5d166.txt").read_text(encoding="utf-8")
    words = "出席人数须超过应到人数的二分之一"
    assert words in raw
    page.goto(service_url + "/validate", timeout=FIRST)
    page.locator("#v-text").fill(raw.replace(words, "出席人数须达到应到人数的三分之二以上"))
    page.locator('.validate-form button[type="submit"]').click()
    verdict = page.locator(".verdict")
    verdict.wait_for(timeout=FIRST)
    assert "无违规" in verdict.inner_text() and "✔" not in verdict.inner_text()
    peers = page.locator("#peers")
    text = peers.inner_text()
    assert "严于" in text and "2/3" in text  # the draft's quorum, stricter than every peer's
    assert "连云港市" in text and "攀枝花市" in text
    shot(page, "validate-peers")
    page.console.assert_clean()


def test_who_puts_the_office_director_in_the_standing_meeting_and_may_they(page, service_url):
    docs = sparql(
        service_url,
        "SELECT DISTINCT ?doc WHERE { ?m gz:meetingKind <https://w3id.org/guize/vocab/meeting-kind/standing> ;"
        " gz:member ?r . ?r gz:roleKind <https://w3id.org/guize/vocab/role-kind/office-director> ;"
        " gz:sourceProvision ?p . ?doc eli:has_part ?p }",
    )
    keys = {d["doc"].rsplit("/", 1)[-1] for d in docs}
    assert keys
    with timed("office director in the standing meeting, allowed? (compare page)"):
        page.goto(service_url + "/compare", timeout=FIRST)
        heads = page.locator("#matrix thead th.gov a")
        cols = [heads.nth(i).get_attribute("href").rsplit("/", 1)[-1] for i in range(heads.count())]
        members = page.locator('tr[data-row="meeting-standing.members"] td')
        rule = page.locator('tr[data-row="conformance.StandingMeetingCompositionRule"] td')
        rule.first.scroll_into_view_if_needed()
        for i, key in enumerate(cols):
            has = "办公室主任" in members.nth(i).inner_text()
            assert has == (key in keys), key
            if has:  # … and the law's rule on the standing meeting's composition warns
                assert rule.nth(i).get_attribute("data-codes") == "warning"
        shot(page, "compare-conformance-rows", full_page=False)
        first = next(i for i, k in enumerate(cols) if k in keys)
        with page.expect_navigation(url="**#conf-StandingMeetingCompositionRule"):
            rule.nth(first).locator("a.val").click()
        entry = page.locator("#conf-StandingMeetingCompositionRule")
        assert "第七十八条" in entry.inner_text()
    page.console.assert_clean()
