"""Conformance on the pages, through the Flask test client on the six documents of data/raw:
the matrix page (HTML, CSV, JSON, filters), a document's conformance section, the conformance
row group of the comparison matrix, the honest headline of the validation page, an uploaded
draft compared with its peers, and an edition of the law rendered when a result carries one."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import shutil
import time
from pathlib import Path

import pytest
from flask import render_template_string
from test_pages import BASE, HEZUO, JINING, build_pages_store, pages_app, pages_settings  # noqa: F401

from guize.validate import stored as stored_conformance
from guize.validate.render import verdict
from guize.web.pages import conformance as conf_pages
from guize.web.pages.conformance import counts

ROOT = Path(__file__).resolve().parents[3]
GUAZHOU = "620922-2020-02-24"


@pytest.fixture(scope="module")
def conf_store(tmp_path_factory):
    store = build_pages_store(tmp_path_factory.mktemp("conf") / "store")
    yield store
    store.close()


@pytest.fixture(scope="module")
def app(conf_store, pages_settings):  # noqa: F811 - the fixture of test_pages
    return pages_app(conf_store, pages_settings)


@pytest.fixture
def client(app):
    return app.test_client()


def get(client, path: str, accept: str = "text/html", status: int = 200):
    resp = client.get(path, headers={"Accept": accept})
    assert resp.status_code == status, (path, resp.status_code, resp.get_data(as_text=True)[:400])
    return resp


def test_matrix_json_has_every_document_and_the_results_behind_the_cells(client):
    m = get(client, "/conformance?format=json").get_json()
    assert len(m["rows"]) == 6 and len(m["shapes"]) >= 10
    names = {s["name"] for s in m["shapes"]}
    for row in m["rows"]:
        assert set(row["cells"]) == names
        for r in row["results"]:  # every result behind a non-pass cell is there
            assert r["document"] == row["document"]
            assert row["cells"][r["shape"].rsplit("#", 1)[-1]] in ("violation", "warning", "info")
    by_doc = {r["document"].rsplit("/", 1)[-1]: r for r in m["rows"]}
    # the county tier puts the office director in the standing meeting: a warning
    for key in (HEZUO, GUAZHOU):
        assert by_doc[key]["cells"]["StandingMeetingCompositionRule"] == "warning"
    assert by_doc[JINING]["cells"]["StandingMeetingCompositionRule"] == "pass"


def test_matrix_by_accept_and_csv(client):
    assert get(client, "/conformance", accept="application/json").is_json
    resp = get(client, "/conformance?format=csv&level=county")
    assert resp.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True))))
    assert [r["level"] for r in rows] == ["county"]
    assert rows[0]["StandingMeetingCompositionRule"] == "warning"


def test_matrix_filters_by_severity(client):
    m = get(client, "/conformance?format=json&severity=warning").get_json()
    names = [s["name"] for s in m["shapes"]]
    assert "StandingMeetingCompositionRule" in names
    for s in names:  # every rule kept has a warning among the governments kept …
        assert any(r["cells"][s] == "warning" for r in m["rows"])
    for r in m["rows"]:  # … and every government kept a warning among the rules kept
        assert "warning" in r["cells"].values() and set(r["cells"]) == set(names)
    assert {HEZUO, GUAZHOU} <= {r["document"].rsplit("/", 1)[-1] for r in m["rows"]}
    full = get(client, "/conformance?format=json").get_json()
    assert len(names) < len(full["shapes"])
    violations = get(client, "/conformance?format=json&severity=violation").get_json()
    assert GUAZHOU in {r["document"].rsplit("/", 1)[-1] for r in violations["rows"]}
    assert all("violation" in r["cells"].values() for r in violations["rows"])
    none = get(client, "/conformance?severity=violation&level=township").get_data(as_text=True)
    assert 'id="conf-empty"' in none
    get(client, "/conformance?severity=fatal", status=400)
    get(client, "/conformance?format=xls", status=400)


def test_matrix_page_links_cells_to_results_and_provisions(client):
    html = get(client, "/conformance").get_data(as_text=True)
    assert 'id="conf-matrix"' in html
    assert f'href="/documents/{HEZUO}#conf-StandingMeetingCompositionRule"' in html
    assert f'class="src" href="/documents/{HEZUO}#art_' in html  # the provision
    assert 'href="/eli/law/' in html  # the articles of law of the rules


def test_matrix_is_computed_once_per_store_version(app, client):
    get(client, "/conformance")  # computed (or already cached by an earlier test)
    started = time.perf_counter()
    for _ in range(3):
        get(client, "/conformance")
        get(client, f"/documents/{GUAZHOU}")
    assert (time.perf_counter() - started) / 3 < 2.0  # cached: no pyshacl run
    with app.app_context():
        svc = conf_pages.services()
        version, first = svc.cache[conf_pages.CACHE_KEY]
        svc.executor.changed()  # a write: a new store version
        assert svc.executor.version().key != version


def test_document_page_has_its_conformance_section(client):
    html = get(client, f"/documents/{GUAZHOU}").get_data(as_text=True)
    assert 'id="conformance"' in html
    # the headline counts what the matrix holds for the document (violations: 规章 power)
    row = next(
        r
        for r in get(client, "/conformance?format=json").get_json()["rows"]
        if r["document"].endswith(GUAZHOU)
    )
    found = verdict(counts(row["results"]))
    assert row["cells"]["RuleMakingPowerRule"] == "violation" and found["ok"] == "fail"
    assert found["zh"] in html and found["en"] in html
    assert 'id="conf-StandingMeetingCompositionRule"' in html
    assert 'id="conf-RuleMakingPowerRule"' in html
    assert "第七十八条" in html and 'href="/eli/law/' in html
    assert f'href="/documents/{GUAZHOU}#art_' in html or 'href="#art_' in html
    assert 'id="peers"' in html and "合作市" in html  # its county-tier peer is named
    assert "✔" not in html


def test_national_document_says_it_has_no_peers(client):
    m = get(client, "/conformance?format=json&level=national").get_json()
    key = m["rows"][0]["document"].rsplit("/", 1)[-1]
    html = get(client, f"/documents/{key}").get_data(as_text=True)
    assert "库中没有其他" in html


def test_compare_page_has_a_conformance_row_group(client):
    html = get(client, "/compare").get_data(as_text=True)
    assert 'data-group="conformance"' in html
    assert 'data-row="conformance.StandingMeetingCompositionRule"' in html
    assert f"/documents/{HEZUO}#conf-StandingMeetingCompositionRule" in html
    assert 'data-codes="warning"' in html


def test_upload_shows_an_honest_headline_and_the_peers(client):
    text = (ROOT / "data" / "raw" / "003_346de4b0a8a54efd.txt").read_bytes()  # 瓜州县
    resp = client.post(
        "/validate",
        data={"text": text.decode("utf-8"), "format": "html"},
        headers={"Accept": "text/html"},
    )
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200, html[:400]
    stored = get(client, f"/documents/{GUAZHOU}").get_data(as_text=True)
    headline = re.search(r'id="conf-headline"[^>]*>([^<]+)<', stored)[1]
    assert "符合全部约束" not in html and headline in html  # the draft: as the stored copy
    assert re.search(r"\d+ 项违规；1 项警告", html)
    assert 'id="peers"' in html and "合作市" in html and "县级" in html
    resp = client.post("/validate?format=json", data={"text": text.decode("utf-8")})
    body = resp.get_json()
    assert body["peers"]["group"] == "county"
    assert [p["place"] for p in body["peers"]["peers"]] == ["合作市"]


def test_upload_of_a_variant_departs_from_its_peers(client):
    """A prefectural draft whose standing meeting needs two thirds: stricter than every peer."""
    raw = (ROOT / "data" / "raw" / "004_ea0f23940cb5d166.txt").read_text(encoding="utf-8")
    assert "出席人数须超过应到人数的二分之一" in raw
    draft = raw.replace("出席人数须超过应到人数的二分之一", "出席人数须达到应到人数的三分之二以上")
    body = client.post("/validate?format=json", data={"text": draft}).get_json()
    quorum = [r for r in body["peers"]["results"] if r["shape"].endswith("#QuorumPeers")]
    assert (
        len(quorum) == 1 and "严于" in quorum[0]["message_zh"] and "2/3" in quorum[0]["message_zh"]
    )
    assert body["peers"]["results"] and all(
        r["severity"] == "info" for r in body["peers"]["results"]
    )


def test_rdf_upload_without_a_document_says_nothing_to_compare(client):
    ttl = "<http://x.test/a> <http://x.test/p> <http://x.test/b> ."
    html = client.post(
        "/validate", data={"text": ttl, "kind": "turtle", "format": "html"}
    ).get_data(as_text=True)
    assert 'id="peers"' in html and "没有工作规则文件" in html


def test_an_edition_is_rendered_when_the_result_carries_one(app):
    result = {
        "severity": "violation",
        "shape": "https://w3id.org/guize/shapes/conformance/x#SomeRule",
        "message_zh": "甲",
        "message_en": "A",
        "source_provision": None,
        "legal_basis": {
            "zh": "《地方组织法》（2015年修正）第六十四条",
            "en": "Organic Law (2015), art. 64",
            "articles": [64],
            "article_iris": ["https://w3id.org/guize/eli/law/difang-zuzhifa-2015/art_64"],
            "edition": {
                "iri": "https://w3id.org/guize/eli/law/difang-zuzhifa-2015",
                "label_zh": "2015年修正本",
                "label_en": "as amended in 2015",
                "in_force_from": "2015-08-29",
                "in_force_until": "2022-03-11",
            },
        },
    }
    without = {
        **result,
        "legal_basis": {k: v for k, v in result["legal_basis"].items() if k != "edition"},
    }
    tpl = '{% import "pages/_conformance.html" as cf with context %}{{ cf.result_list(groups) }}'
    with app.test_request_context("/"):
        html = render_template_string(tpl, groups=conf_pages.grouped([result]), lang="zh")
        plain = render_template_string(tpl, groups=conf_pages.grouped([without]), lang="zh")
    assert "2015年修正本" in html and "2015-08-29" in html
    assert 'href="/eli/law/difang-zuzhifa-2015"' in html
    assert 'href="/eli/law/difang-zuzhifa-2015/art_64"' in html
    assert "适用版本" not in plain and "第64条" in plain


def test_pages_read_the_stored_results_without_the_shapes(conf_store, pages_settings, tmp_path):  # noqa: F811
    """Served with a shapes folder that is then emptied, the matrix, a document's section, its
    validation page and the comparison still show the results the build stored: no page runs
    the shapes."""
    shapes = tmp_path / "shapes"
    shutil.copytree(ROOT / "shapes", shapes)
    settings = dataclasses.replace(pages_settings, shapes_dir=str(shapes))
    app = pages_app(conf_store, settings)
    shutil.rmtree(shapes)
    client = app.test_client()
    m = get(client, "/conformance?format=json").get_json()
    row = next(r for r in m["rows"] if r["document"].endswith(GUAZHOU))
    assert row["cells"]["RuleMakingPowerRule"] == "violation" and row["results"]
    found = verdict(counts(row["results"]))
    html = get(client, f"/documents/{GUAZHOU}").get_data(as_text=True)
    assert found["zh"] in html and 'id="conf-RuleMakingPowerRule"' in html
    page = get(client, f"/documents/{GUAZHOU}/conformance").get_data(as_text=True)
    assert found["zh"] in page and "RuleMakingPowerRule" in page
    cmp = get(client, f"/compare?docs={GUAZHOU}&docs={HEZUO}").get_data(as_text=True)
    assert f"/documents/{GUAZHOU}#conf-RuleMakingPowerRule" in cmp


def test_a_superseded_document_names_the_provision_that_shows_it(client):
    """The 2004 State Council rules: 连云港's rules cite their successor (国发〔2008〕14号)."""
    html = get(client, "/documents/guowuyuan-guofa-2004-18").get_data(as_text=True)
    assert 'id="superseded-in-store"' in html and 'id="superseded-banner"' in html
    block = html[html.index('id="superseded-in-store"') :]
    block = block[: block.index("</dd>")]
    assert 'href="/documents/320700-lianzhengfa-2011-96#art_' in block  # the citing provision
    assert "国发〔2008〕14号" in block and "以更晚的文号引用其后继文件" in block
    english = get(client, "/documents/guowuyuan-guofa-2004-18?lang=en").get_data(as_text=True)
    assert "cites its successor under a later number" in english
    citing = get(client, "/documents/320700-lianzhengfa-2011-96").get_data(as_text=True)
    assert 'id="superseded-in-store"' not in citing


def test_a_document_without_a_stored_report_says_so(pages_settings):  # noqa: F811
    """A store whose report of a document is missing (built before reports were kept) does not
    pass the document off as conforming."""
    store = build_pages_store(None, facts=False)
    graph = f"{BASE}graph/{GUAZHOU}"
    store.drop_graph(stored_conformance.graph_of(graph))
    client = pages_app(store, pages_settings).test_client()
    html = get(client, f"/documents/{GUAZHOU}").get_data(as_text=True)
    assert (
        "库中没有该文件的合规结果" in html
        and "无违规" not in html.split('id="conf-headline"')[1][:200]
    )
    other = get(client, f"/documents/{HEZUO}").get_data(as_text=True)
    assert "库中没有该文件的合规结果" not in other


def test_a_large_store_shows_peers_once_the_profile_is_at_hand(
    conf_store,
    pages_settings,  # noqa: F811 - the fixture of test_pages
    monkeypatch,
):
    """Above PEERS_INLINE_MAX_DOCUMENTS a document page does not compute the whole store's
    profile (40 s at 1,000 documents): it links to the peer comparison, and shows the peers
    itself once something has computed the profile for this store version (a new app: its
    cache is empty)."""
    monkeypatch.setattr(conf_pages, "PEERS_INLINE_MAX_DOCUMENTS", 0)
    c = pages_app(conf_store, pages_settings).test_client()
    html = get(c, f"/documents/{GUAZHOU}").get_data(as_text=True)
    block = html[html.index('id="peers"') :]
    assert f'href="/documents/{GUAZHOU}/conformance#peers"' in block
    assert "合作市" not in block[: block.index("</section>")]
    assert "合作市" in get(c, f"/documents/{GUAZHOU}/conformance").get_data(as_text=True)
    html = get(c, f"/documents/{GUAZHOU}").get_data(as_text=True)
    block = html[html.index('id="peers"') :]
    assert "合作市" in block[: block.index("</section>")]
