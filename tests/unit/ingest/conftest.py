"""Shared fixtures of the ingest unit tests: the raw documents in data/raw/; the noise
generator the benchmarks share (bench/noise.py) made importable as ``noise``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from variants import RAW_DIR, SEED_NAMES

BENCH = str(Path(__file__).resolve().parents[3] / "bench")
if BENCH not in sys.path:
    sys.path.append(BENCH)


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """data/raw/ (never written to)."""
    return RAW_DIR


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """file name → the document's text as stored (UTF-8), for the six documents."""
    return {name: RAW_DIR.joinpath(name).read_text(encoding="utf-8") for name in SEED_NAMES}
