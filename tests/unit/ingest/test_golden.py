"""Golden snapshot: the provisions, chapters and metadata of every document in data/raw.

The snapshot (``golden/<document>.json``) was written from the pipeline as it stood before
the parser and cleaner learned the texts of other governments; every later change must
leave these six documents exactly as they were.  To rewrite a snapshot on purpose (a
reviewed improvement), run this module with ``GUIZE_WRITE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from variants import RAW_DIR, SEED_NAMES

from guize.ingest.clean import clean, decode
from guize.ingest.parse import parse
from guize.ingest.sources import load_sources

GOLDEN = Path(__file__).with_name("golden")


def snapshot(name: str) -> dict:
    """What must not change: provisions (number, label, chapter, text), chapters, metadata."""
    data = RAW_DIR.joinpath(name).read_bytes()
    parsed = parse(clean(decode(data, Path(name).stem)), load_sources(RAW_DIR).get(name))
    return {
        "metadata": parsed.metadata.as_json(),
        "numbering_style": parsed.numbering_style,
        "title": parsed.title,
        "chapters": [[c.number, c.label, c.title, c.title_status] for c in parsed.chapters],
        "provisions": [[p.number, p.label, p.chapter, p.text] for p in parsed.provisions],
    }


@pytest.mark.parametrize("name", SEED_NAMES)
def test_document_matches_its_snapshot(name):
    path = GOLDEN / f"{Path(name).stem}.json"
    got = snapshot(name)
    if os.environ.get("GUIZE_WRITE_GOLDEN"):
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got["metadata"] == expected["metadata"]
    assert got["title"] == expected["title"]
    assert got["numbering_style"] == expected["numbering_style"]
    assert got["chapters"] == expected["chapters"]
    assert [p[:3] for p in got["provisions"]] == [p[:3] for p in expected["provisions"]]
    for g, e in zip(got["provisions"], expected["provisions"], strict=True):
        assert g[3] == e[3], f"text of {e[1]}"


def test_every_document_has_a_snapshot():
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(Path(n).stem for n in SEED_NAMES)
