"""Serving helpers: gunicorn options, log lines; the remote store's substitutions."""

from __future__ import annotations

import json
import logging

from guize.config import Settings
from guize.store.remote import _with_values
from guize.web.serve import _gunicorn_options, _JsonLines


def test_gunicorn_options():
    options = _gunicorn_options(
        Settings(http_threads=6, query_timeout_s=30, dump_timeout_s=100), "0.0.0.0", 8080, 3
    )
    assert options["bind"] == "0.0.0.0:8080"
    assert (options["workers"], options["worker_class"], options["threads"]) == (3, "gthread", 6)
    assert options["timeout"] == 130
    assert options["limit_request_line"] == 0


def test_log_lines_are_json():
    formatter = _JsonLines()
    access = logging.LogRecord(
        "guize.access", logging.INFO, __file__, 1, '{"method": "GET"}', None, None
    )
    assert formatter.format(access) == '{"method": "GET"}'
    other = logging.LogRecord(
        "guize.web", logging.WARNING, __file__, 1, "slow %s", ("query",), None
    )
    assert json.loads(formatter.format(other)) == {
        "level": "warning",
        "logger": "guize.web",
        "message": "slow query",
    }


def test_remote_substitutions_become_a_values_clause():
    text = _with_values("SELECT ?o WHERE { ?this ?p ?o }", {"this": "http://x/a", "n": 3})
    assert text.endswith('VALUES (?this ?n) { (<http://x/a> "3") }')
    assert _with_values("ASK {}", None) == "ASK {}"
