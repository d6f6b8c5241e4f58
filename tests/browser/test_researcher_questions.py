"""Five questions a first-time researcher brings, answered through the pages in real Chromium
without writing SPARQL: start at the home page, follow the navigation, read the answer.

The expected answers are read from the store over the SPARQL endpoint first (the tests' ground
truth, not the researcher's route), so the tests follow the data rather than hard-coding it.
How long each question took is written to ``timings.json`` beside the screenshots.
"""

from __future__ import annotations

import pytest
from conftest import shot
from helpers import sparql, timed

pytestmark = pytest.mark.browser


def _nav(page, service_url: str, text: str, path: str) -> None:
    """From the home page, follow the navigation entry ``text`` (to ``path``)."""
    page.goto(service_url + "/")
    with page.expect_navigation(url=f"**{path}"):
        page.locator("header.site nav a", has_text=text).first.click()


def test_who_chairs_the_standing_meeting_when_the_head_is_away(page, service_url):
    expected = sparql(
        service_url,
        "SELECT ?label WHERE { ?m gz:meetingKind <https://w3id.org/guize/vocab/meeting-kind/standing> ;"
        " gz:substituteChair ?r . ?r rdfs:label ?label }",
    )
    assert expected
    with timed("1 standing meeting: substitute chair"):
        _nav(page, service_url, "比较", "/compare")
        row = page.locator('tr[data-row="meeting-standing.substitute_chair"]')
        row.scroll_into_view_if_needed()
        text = row.inner_text()
        for e in expected:
            assert e["label"] in text
        cell = row.locator("button.cell-open").first
        cell.click()  # the provision's words, in place
        words = row.locator(".cell-text").first
        words.wait_for(state="visible")
        page.wait_for_function("el => el.dataset.loaded === '1'", arg=words.element_handle())
        assert "主持" in words.inner_text()
    shot(page, "q1-substitute-chair", full_page=False)
    page.console.assert_clean()


def test_how_often_each_plenary_meets(page, service_url):
    rows = sparql(
        service_url,
        "SELECT ?text WHERE { ?m gz:meetingKind <https://w3id.org/guize/vocab/meeting-kind/plenary> ;"
        " gz:frequency ?f . ?f gz:frequencyText ?text }",
    )
    assert rows, "the store has plenary frequencies"
    with timed("2 plenary frequency"):
        _nav(page, service_url, "比较", "/compare")
        row = page.locator('tr[data-row="meeting-plenary.frequency"]')
        row.scroll_into_view_if_needed()
        text = row.inner_text()
        for r in rows:  # the rules' exact words, beside the normalised value
            assert r["text"] in text
        assert "/年" in text
    shot(page, "q2-plenary-frequency", full_page=False)
    page.console.assert_clean()


def test_who_puts_the_office_director_in_the_standing_meeting_and_is_it_lawful(page, service_url):
    docs = sparql(
        service_url,
        "SELECT DISTINCT ?doc WHERE { ?m gz:meetingKind <https://w3id.org/guize/vocab/meeting-kind/standing> ;"
        " gz:member ?r . ?r gz:roleKind <https://w3id.org/guize/vocab/role-kind/office-director> ;"
        " gz:sourceProvision ?p . ?doc eli:has_part ?p }",
    )
    assert docs
    with timed("3 office director in the standing meeting, lawful?"):
        _nav(page, service_url, "事实", "/facts")
        page.locator('select[name="role"]').select_option("office-director")
        page.locator('select[name="kind"]').select_option("MeetingRoleAssignment")
        with page.expect_navigation(url="**/facts?**"):
            page.locator("form.facets button[type=submit]").click()
        assert "role=office-director" in page.url and "kind=MeetingRoleAssignment" in page.url
        table = page.locator("table.facts-list")
        assert "办公室主任" in table.inner_text()
        key = docs[0]["doc"].rsplit("/", 1)[-1]
        link = table.locator(f'a[href^="/documents/{key}#art_"]').first
        with page.expect_navigation(url=f"**/documents/{key}#art_*"):
            link.click()
        target = page.locator(".provision.targeted")
        assert "办公室主任" in target.inner_text()
        page.locator("#check-law").click()
        page.locator(".verdict").wait_for(timeout=60000)
        report = page.locator("main").inner_text()
        assert "第七十八条" in report and "办公室主任" in report
    shot(page, "q3-office-director-lawful", full_page=False)
    page.console.assert_clean()


def test_show_the_leave_provision_of_one_government(page, service_url):
    rows = sparql(
        service_url,
        "SELECT DISTINCT ?doc ?p WHERE { ?f a gz:LeaveRule ; gz:sourceProvision ?p ."
        " ?doc eli:has_part ?p ; gz:government ?g . ?g gz:place ?place FILTER(CONTAINS(?place, '济宁')) }",
    )
    assert rows
    key = rows[0]["doc"].rsplit("/", 1)[-1]
    with timed("4 济宁 leave provision"):
        _nav(page, service_url, "文档", "/documents")
        with page.expect_navigation(url="**/documents/*"):
            page.locator("table.docs a", has_text="济宁").first.click()
        page.locator("#doc-q").fill("请假")
        with page.expect_navigation(url="**/search?**"):
            page.locator("#doc-q").press("Enter")
        hits = page.locator("ol.hits a.hit-link")
        hrefs = [hits.nth(i).get_attribute("href") for i in range(hits.count())]
        for r in rows:
            assert f"/documents/{key}#{r['p'].rsplit('/', 1)[-1]}" in hrefs
        with page.expect_navigation(url="**/documents/**#*"):
            hits.first.click()
        assert "请假" in page.locator(".provision.targeted").inner_text()
    shot(page, "q4-leave", full_page=False)
    page.console.assert_clean()


def test_which_documents_are_expired_and_what_replaced_them(page, service_url):
    rows = sparql(
        service_url,
        "SELECT ?doc ?next WHERE { ?doc gz:status 'expired' . OPTIONAL { ?doc gz:supersededByNumber ?next } }",
    )
    assert rows
    with timed("5 expired documents and successors"):
        _nav(page, service_url, "文档", "/documents")
        expired = page.locator("table.docs tr", has=page.locator(".badge.status-expired"))
        assert expired.count() == len({r["doc"] for r in rows})
        with page.expect_navigation(url="**/documents/*"):
            expired.first.locator("a").first.click()
        banner = page.locator("#status-banner")
        assert banner.is_visible()
        key = page.url.split("/documents/", 1)[1].split("#")[0]
        successors = [r["next"] for r in rows if r["doc"].endswith("/" + key) and r.get("next")]
        for s in successors:
            assert s in banner.inner_text()
    shot(page, "q5-expired", full_page=False)
    page.console.assert_clean()
