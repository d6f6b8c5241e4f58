"""The SPARQL tokenizer finds keywords exactly: never inside strings, IRIs, comments, names."""

from __future__ import annotations

import doctest

import pytest

from guize.query import text as query_text
from guize.query.text import analyse, keywords


def test_doctests():
    assert doctest.testmod(query_text).failed == 0


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * { ?s ?p "SERVICE <http://x/> { }" }',
        "SELECT * { ?s ?p 'service' }",
        'SELECT * { ?s ?p """multi\nline SERVICE\n""" }',
        "SELECT * { ?s ?p '''it''s SERVICE''' }",
        'SELECT * { ?s ?p "escaped \\" SERVICE" }',
        "SELECT * { ?s <http://example.org/SERVICE> ?o }",
        "PREFIX service: <http://x/> SELECT * { ?s service:SERVICE ?o }",
        "SELECT ?service $SERVICE { ?service ?p ?o }",
        "# SERVICE <http://x/> { }\nSELECT * { ?s ?p ?o }",
        'SELECT * { ?s ?p "x"@service }',
        "SELECT * { _:service ?p ?o }",
        "SELECT * { ?s ?p ?o FILTER(?o<?b) }",
    ],
)
def test_service_in_strings_iris_comments_and_names_is_not_a_keyword(text):
    assert not analyse(text).uses_service


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }",
        "select * { service silent ?endpoint { ?s ?p ?o } }",
        'SELECT * { ?s ?p "a" . SeRvIcE<http://x/>{} }',
        "SELECT * { ?s ?p ?o } # comment\n SERVICE <x> {}",
        "PREFIX : <http://x/> SELECT * { :a :b :c . SERVICE :endpoint { } }",
    ],
)
def test_service_keyword_is_found(text):
    assert analyse(text).uses_service


@pytest.mark.parametrize(
    ("text", "form", "update"),
    [
        ("PREFIX ex: <http://ex/> BASE <http://b/> SELECT * {}", "SELECT", False),
        ("ask {}", "ASK", False),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", False),
        ("DESCRIBE <http://x>", "DESCRIBE", False),
        ("PREFIX select: <http://x/> INSERT DATA { select:a select:b select:c }", "INSERT", True),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH", True),
        ("CLEAR ALL", "CLEAR", True),
        ("# ASK {}\nLOAD <http://x>", "LOAD", True),
        ("", None, False),
        ("{ ?s ?p ?o }", None, False),
    ],
)
def test_form_and_update(text, form, update):
    result = analyse(text)
    assert (result.form, result.is_update) == (form, update)


def test_from_clauses_are_found_only_as_keywords():
    assert analyse("SELECT * FROM NAMED <http://g> { GRAPH ?g { ?s ?p ?o } }").has_dataset
    assert not analyse("SELECT ?from { ?from <http://x/FROM> 'FROM' }").has_dataset


def test_keywords_skip_numbers_and_punctuation():
    assert keywords("SELECT (1.5e3 AS ?x) { FILTER(?x > 2) }") == ["SELECT", "E3", "AS", "FILTER"]
