"""Bounded: the query time limit (with other clients served meanwhile), result truncation, 413.

The ``limited`` server: 2 s per query, 50 result rows, 20 kB requests, 3 query workers, and a
filler graph of 3000 triples so that a four-way cross join never finishes.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse

import pyoxigraph as ox
import pytest

pytestmark = pytest.mark.integration

RUNAWAY = "SELECT (COUNT(*) AS ?c) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SHORT = "SELECT ?t WHERE { ?d <http://data.europa.eu/eli/ontology#title> ?t }"


def q(query: str, **params: str) -> str:
    return "sparql?" + urllib.parse.urlencode({"query": query, **params})


def test_runaway_query_is_cancelled_while_others_are_served(limited):
    outcome: dict = {}

    def runaway() -> None:
        started = time.monotonic()
        outcome["resp"] = limited.get(q(RUNAWAY))
        outcome["elapsed"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)  # the runaway now holds a worker
    answered_meanwhile = 0
    while thread.is_alive():
        resp = limited.get(q(SHORT))
        assert resp.status == 200
        assert len(json.loads(resp.body)["results"]["bindings"]) == 4
        answered_meanwhile += thread.is_alive()  # answered before the runaway was cancelled
        time.sleep(0.1)
    thread.join()
    assert answered_meanwhile >= 1
    resp = outcome["resp"]
    assert resp.status == 503, resp.text
    body = json.loads(resp.body)
    assert body == {
        "ok": False,
        "status": 503,
        "error": "query exceeded the time limit of 2 s and was cancelled",
    }
    assert outcome["elapsed"] >= 2  # never cancelled before its time
    assert limited.get(q(SHORT)).status == 200  # the killed worker was replaced


def test_two_runaways_at_once_leave_a_worker_free(limited):
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(limited.get(q(RUNAWAY)).status))
        for _ in range(2)
    ]
    for t in threads:
        t.start()
    time.sleep(0.3)
    assert limited.get(q(SHORT)).status == 200
    assert all(t.is_alive() for t in threads)  # answered while both runaways held a worker
    for t in threads:
        t.join()
    assert results == [503, 503]


def test_select_past_the_row_limit_is_cut_off_and_says_so(limited):
    resp = limited.get(q("SELECT ?s WHERE { ?s ?p ?o }"))
    assert resp.status == 200
    assert resp.header("X-Guize-Truncated") == "true"
    assert resp.header("X-Guize-Result-Limit") == "50"
    assert "X-Guize-Truncated" in resp.header("Access-Control-Expose-Headers")
    assert len(json.loads(resp.body)["results"]["bindings"]) == 50


def test_construct_past_the_row_limit_is_cut_off(limited):
    resp = limited.get(q("CONSTRUCT WHERE { ?s ?p ?o }"), {"Accept": "application/n-triples"})
    assert resp.header("X-Guize-Truncated") == "true"
    assert len(list(ox.parse(resp.body, format=ox.RdfFormat.N_TRIPLES))) == 50


def test_answer_within_the_limit_is_not_marked(limited):
    resp = limited.get(q(SHORT))
    assert resp.header("X-Guize-Truncated") is None


def test_linked_data_is_cut_off_too(limited):
    resp = limited.get("graph/filler", {"Accept": "application/n-quads"})
    assert resp.status == 200
    assert resp.header("X-Guize-Truncated") == "true"


def test_overlong_query_string_is_413(limited):
    resp = limited.get(
        q("ASK {} #" + "x" * 25000)
    )  # 25 kB; werkzeug itself answers 414 past 64 KiB
    assert resp.status == 413
    assert json.loads(resp.body)["status"] == 413


def test_overlong_body_is_413(limited):
    resp = limited.post(
        "sparql", "ASK {}" + "#" * 25000, {"Content-Type": "application/sparql-query"}
    )
    assert resp.status == 413
    resp = limited.post(
        "sparql",
        urllib.parse.urlencode({"query": "ASK {}" + "#" * 25000}),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert resp.status == 413
