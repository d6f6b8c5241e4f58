"""Every error path answers the canonical body; bugs are 500 and logged, never 400."""

from __future__ import annotations

import logging

import pytest

from guize.config import ConfigError, Settings
from guize.store import StoreError
from guize.web.app import create_app

FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status"),
    [
        ("get", "/sparql?query=SELECT%20*%20%7B", {}, 400),
        ("get", "/sparql?query=CLEAR%20ALL", {}, 400),
        ("get", "/sparql?update=CLEAR%20ALL", {}, 403),
        (
            "post",
            "/update",
            {"data": "CLEAR ALL", "content_type": "application/sparql-update"},
            403,
        ),
        ("get", "/eli/unknown", {}, 404),
        ("get", "/nowhere", {}, 404),
        ("put", "/sparql?query=ASK%7B%7D", {}, 405),
        ("get", "/sparql?query=ASK%7B%7D", {"headers": {"Accept": "image/png"}}, 406),
        (
            "post",
            "/sparql",
            {"data": "x" * 3_000_000, "content_type": "application/sparql-query"},
            413,
        ),
        ("post", "/sparql", {"data": "ASK {}", "content_type": "text/plain"}, 415),
    ],
)
def test_error_shape(client, method, url, kwargs, status):
    resp = getattr(client, method)(url, **kwargs)
    assert resp.status_code == status
    body = resp.get_json()
    assert list(body) == ["ok", "error", "status"]
    assert body["ok"] is False and body["status"] == status and body["error"]
    assert resp.headers["Access-Control-Allow-Origin"] == "*"


def test_405_names_the_allowed_methods(client):
    resp = client.delete("/sparql")
    assert set(resp.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


def test_browsers_get_an_html_page(client):
    resp = client.get("/eli/unknown", headers={"Accept": "text/html,*/*;q=0.8"})
    assert resp.status_code == 404 and resp.mimetype == "text/html"
    html = resp.get_data(as_text=True)
    assert '<span class="status-code">404</span>' in html
    assert "找不到这一页" in html and "Not found" in html  # both languages
    assert '<header class="site">' in html and 'href="/documents"' in html  # the layout, a way on
    english = client.get("/eli/unknown?lang=en", headers={"Accept": "text/html"})
    assert '<span lang="en">Not found</span>' in english.get_data(as_text=True)


def test_a_bug_is_500_and_logged(app, caplog):
    def boom():
        raise KeyError("a bug")

    app.add_url_rule("/boom", view_func=boom)
    with caplog.at_level(logging.ERROR, logger="guize.web"):
        resp = app.test_client().get("/boom")
    assert resp.status_code == 500
    assert resp.get_json() == {
        "ok": False,
        "error": "internal server error (logged)",
        "status": 500,
    }
    assert "KeyError: 'a bug'" in caplog.text


class BrokenStore:
    """A store whose disk has gone."""

    def query(self, *args, **kwargs):
        raise StoreError("disk gone")

    def named_graphs(self):
        raise StoreError("disk gone")


def test_store_failure_is_503(settings):
    client = create_app(settings, store=BrokenStore()).test_client()
    for url in ("/health/ready", "/sparql?query=ASK%7B%7D", "/eli/doc-a"):
        resp = client.get(url)
        assert resp.status_code == 503
        assert resp.get_json()["error"] == "store unavailable: disk gone"
    assert client.get("/health").status_code == 200


def test_remote_store_without_url_fails_at_start():
    with pytest.raises(ConfigError, match="GUIZE_REMOTE_QUERY_URL"):
        create_app(Settings(store_kind="remote"))
