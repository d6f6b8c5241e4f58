"""Shared fixtures of the ingest unit tests: the raw documents in data/raw/."""

from __future__ import annotations

from pathlib import Path

import pytest
from variants import RAW_DIR, SEED_NAMES


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """data/raw/ (never written to)."""
    return RAW_DIR


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """file name → the document's text as stored (UTF-8), for the six documents."""
    return {name: RAW_DIR.joinpath(name).read_text(encoding="utf-8") for name in SEED_NAMES}
