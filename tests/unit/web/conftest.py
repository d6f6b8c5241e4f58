"""Fixtures of the web unit tests: an in-memory store, the app on it, its test client."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from guize.config import Settings
from guize.store import EmbeddedStore, open_store
from guize.web.app import create_app

BASE = "http://guize.test/"

TRIG = """
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix gz: <https://w3id.org/guize/ontology#> .
<graph/doc-a> {
  <eli/doc-a> a eli:LegalResource ; eli:title "甲市人民政府工作规则"@zh ; eli:passed_by <id/government/a> .
  <eli/doc-a/art_1> eli:is_part_of <eli/doc-a> ; gz:text "第一条"@zh .
  <id/government/a> rdfs:label "甲市人民政府"@zh , "A City"@en .
}
"""


@pytest.fixture
def store() -> EmbeddedStore:
    store = open_store(None)
    store.raw.extend(ox.parse(TRIG, format=ox.RdfFormat.TRIG, base_iri=BASE))
    return store


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(
        base_iri=BASE,
        ontology_dir=str(tmp_path / "no-ontology"),
        shapes_dir=str(tmp_path / "no-shapes"),
        dump_dir=str(tmp_path / "dumps"),
        max_result_rows=5,
    )


@pytest.fixture
def app(settings, store):
    return create_app(settings, store=store)


@pytest.fixture
def client(app):
    return app.test_client()
