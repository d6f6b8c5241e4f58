"""Serving helpers: gunicorn options, log lines; the remote store's substitutions."""

from __future__ import annotations

import json
import logging

from guize.cli.main import main
from guize.config import Settings
from guize.query.substitute import substitute
from guize.store import to_term
from guize.web.gworker import refusal
from guize.web.serve import _JsonLines, default_workers, gunicorn_options


def test_gunicorn_options():
    options = gunicorn_options(
        Settings(http_threads=6, query_timeout_s=30, dump_timeout_s=100), "0.0.0.0", 8080, 3
    )
    assert options["bind"] == "0.0.0.0:8080"
    assert (options["workers"], options["threads"]) == (3, 6)
    assert options["worker_class"] == "guize.web.gworker.GuizeWorker"
    assert options["timeout"] == 130
    assert options["limit_request_line"] == 0


def test_default_workers_keep_the_write_lock_in_one_process():
    assert default_workers(Settings(), cpus=1) == 1
    assert default_workers(Settings(), cpus=2) == 2
    assert default_workers(Settings(), cpus=16) == 2
    assert default_workers(Settings(update_token="t"), cpus=16) == 1
    remote = Settings(update_token="t", store_kind="remote", remote_query_url="http://x/q")
    assert default_workers(remote, cpus=16) == 2  # the remote engine holds its own lock


def test_refusals_are_complete_json_responses():
    head, body = refusal(413, "request line or headers too long").split(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    assert lines[0] == "HTTP/1.1 413 Request Entity Too Large"
    assert "Content-Type: application/json" in lines
    assert f"Content-Length: {len(body)}" in lines
    assert "Connection: close" in lines
    assert json.loads(body) == {
        "ok": False,
        "error": "request line or headers too long",
        "status": 413,
    }


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


def test_remote_substitutions_are_written_into_the_query():
    """Not a trailing VALUES: the term replaces the variable where it occurs, and a projected
    variable stays bound (issue 12: Virtuoso refuses a trailing VALUES after CONSTRUCT, and a
    VALUES joins after a sub-select's LIMIT)."""
    text = substitute(
        "SELECT ?o ?this WHERE { { SELECT ?o WHERE { ?this ?p ?o } LIMIT 5 } } ORDER BY ?this",
        {"this": str(to_term("http://x/a")), "n": str(to_term(3))},
    )
    assert text == (
        "SELECT ?o (<http://x/a> AS ?this) WHERE { { SELECT ?o WHERE { <http://x/a> ?p ?o } "
        "LIMIT 5 } } ORDER BY (<http://x/a>)"
    )
    assert "VALUES" not in text
    assert substitute("ASK {}", {}) == "ASK {}"
    construct = substitute("CONSTRUCT { ?s ?p ?this } WHERE { ?s ?p ?this }", {"this": '"3"'})
    assert construct == 'CONSTRUCT { ?s ?p "3" } WHERE { ?s ?p "3" }'


def test_serve_refuses_several_workers_writing_to_one_store(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("GUIZE_UPDATE_TOKEN", "t")
    assert main(["serve", "--store", str(tmp_path / "store"), "--workers", "2"]) == 2
    assert "need one worker" in capsys.readouterr().err
