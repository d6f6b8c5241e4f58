"""Every document in data/raw under every kind of generated noise (bench/noise.py) yields the
same provisions (text similarity ≥ 0.97 each), chapters and notice metadata.

The variants are made from the cleaned text of each document (the form a well-made page
has) with fixed seeds; nothing generated is stored.  A kind that finds no place in a
document (no signing date to damage, no 一、二、 series for a label typo) is skipped for it,
and each kind must apply to at least two documents.
"""

from __future__ import annotations

from pathlib import Path

import noise
import pytest
from test_clean import assert_invariants
from variants import RAW_DIR, SEED_NAMES

from guize.ingest.clean import clean, decode, load_lexicon
from guize.ingest.model import SPAM_PLACEHOLDER
from guize.ingest.parse import parse
from guize.ingest.sources import load_sources

SEEDS = (0, 1)
KINDS = (*noise.KINDS, *(f"date-{how}" for how in noise.DATE_DAMAGE))


@pytest.fixture(scope="module")
def originals():
    sources = load_sources(RAW_DIR)
    return {
        name: parse(
            clean(decode(RAW_DIR.joinpath(name).read_bytes(), Path(name).stem)),
            sources.get(name),
        )
        for name in SEED_NAMES
    }


def reparse(text: str, name: str):
    return parse(
        clean(decode(text.encode("utf-8"), Path(name).stem)), load_sources(RAW_DIR).get(name)
    )


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_noise_leaves_provisions_and_metadata(originals, kind):
    tried = 0
    for name in SEED_NAMES:
        original = originals[name]
        for seed in SEEDS:
            variant = noise.variant(kind, original.clean.text, f"{name}:{seed}")
            if variant is None:
                continue
            assert variant != original.clean.text
            tried += 1
            got = reparse(variant, name)
            assert noise.differences(original, got) == [], (name, seed)
            assert_invariants(got.clean)  # what cleaning removed is all in its report
    assert tried >= 2 * len(SEEDS), f"{kind} found a place in fewer than two documents"


def provision_of_line(parsed, k: int):
    """The provision holding line ``k`` of the parsed document's cleaned text."""
    offset = sum(len(ln) + 1 for ln in parsed.clean.text.split("\n")[:k])
    return next(p for p in parsed.provisions if p.span[0] <= offset < p.span[1])


@pytest.mark.parametrize("name", SEED_NAMES)
def test_unseen_spam_is_replaced_and_reported(originals, name):
    """A generated brand (never a string of the lexicon) where a word stood: □ in its place,
    a spam entry covering it, the rest of the provision unchanged."""
    original = originals[name]
    avoid = load_lexicon().spam.strong_re
    found = 0
    for seed in range(6):
        trial = noise.spam_trial(original.clean.text, f"test:{name}:{seed}", avoid)
        assert not avoid.search(trial.brand)
        cleaned = clean(decode(trial.variant.encode("utf-8"), "variant"))
        hit, extra = noise.detection(cleaned.report, trial.span)
        assert extra == 0, trial.brand
        if not hit:
            continue
        found += 1
        got = parse(cleaned)
        target = provision_of_line(original, trial.line)
        line = original.clean.text.split("\n")[trial.line]
        label = len(target.label) if line.startswith(target.label) else 0
        new_text = target.text.replace(line[label:], trial.expected_line[label:], 1)
        assert new_text != target.text
        expected = {target.number: new_text}
        assert noise.differences(original, got, expected) == [], trial.brand
        assert SPAM_PLACEHOLDER in provision_of_line(got, trial.line).text
    assert found >= 4, f"only {found} of 6 generated brands found"


def test_an_excerpt_is_ingested_and_marked_incomplete(originals):
    for name in SEED_NAMES:
        original = originals[name]
        cut = noise.excerpt(original.clean.text, noise._rng(f"excerpt:{name}"))
        if cut is None:
            continue
        got = reparse(cut[0], name)
        assert not got.complete and any("incomplete" in w for w in got.warnings)
        n = len(got.provisions)
        assert [p.number for p in got.provisions] == [p.number for p in original.provisions[:n]]
        for a, b in zip(original.provisions[: n - 1], got.provisions[: n - 1], strict=True):
            assert noise.similarity(a.text, b.text) >= 0.97
        assert original.complete


@pytest.mark.parametrize(
    ("damaged", "date", "note"),
    [("2019524", "2019-05-24", "read as 2019-05-24"), ("2019111", None, "ambiguous")],
)
def test_a_date_that_lost_its_characters_is_read_or_reported(originals, damaged, date, note):
    name = "002_1a72dbc9b0f0b77f.txt"
    text = originals[name].clean.text
    assert "攀枝花市人民政府\n2019年5月24日\n" in text
    got = parse(clean(decode(text.replace("2019年5月24日", damaged, 1).encode("utf-8"), "d")))
    assert got.notice.date == date
    assert any(note in w for w in got.warnings)
