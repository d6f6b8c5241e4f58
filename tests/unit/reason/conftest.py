"""Fixtures of the reasoning tests: one real document through the pipeline, with and without
its inferred graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from guize.ingest.sources import load_sources
from guize.iris import Iris
from guize.pipeline import ingest_bytes

ROOT = Path(__file__).resolve().parents[3]
BASE = "http://127.0.0.1:5000/"


@pytest.fixture(scope="session")
def jining():
    """济宁市人民政府工作规则 (a prefecture-level city) ingested with materialisation."""
    raw = ROOT / "data" / "raw"
    path = raw / "004_ea0f23940cb5d166.txt"
    return ingest_bytes(path.read_bytes(), path.stem, Iris(BASE), load_sources(raw).get(path.name))
