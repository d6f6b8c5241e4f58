"""The statistical spam detector (guize.ingest.clean.oddity): measured on generated brands
that no lexicon lists, and silent on official text."""

from __future__ import annotations

from pathlib import Path

import noise
import pytest
from variants import RAW_DIR, SEED_NAMES

from guize.ingest.clean import clean, decode, load_lexicon
from guize.ingest.clean.oddity import CharModel, count_text, find_odd, load_model
from guize.ingest.errors import IngestError
from guize.ingest.parse import parse

LEGAL = Path(__file__).resolve().parents[3].parent / "shared" / "legal-basis"


def official(path: Path) -> str:
    return clean(decode(path.read_bytes(), path.stem), statistical=False).text


def test_no_false_alarm_on_the_six_documents():
    for name in SEED_NAMES:
        text = official(RAW_DIR / name)
        assert find_odd(text, load_model(), ordinary=load_lexicon().spam.legit_latin) == [], name
        cleaned = clean(decode(RAW_DIR.joinpath(name).read_bytes(), name))
        lexicon_only = clean(decode(RAW_DIR.joinpath(name).read_bytes(), name), statistical=False)
        assert cleaned.text == lexicon_only.text, name


@pytest.mark.skipif(not LEGAL.is_dir(), reason="../shared/legal-basis is not beside the checkout")
def test_no_false_alarm_on_the_legal_basis():
    texts = sorted(LEGAL.glob("*.txt"))
    assert texts
    for path in texts:
        assert find_odd(official(path), load_model()) == [], path.name


def test_precision_and_recall_on_generated_brands():
    """Brands mixing Latin letters, digits and Chinese, none in the lexicon, put where a
    word stood in each document: most are found, nothing else is flagged."""
    lexicon = load_lexicon()
    found = missed = extra = lexicon_found = 0
    for name in SEED_NAMES:
        text = clean(decode(RAW_DIR.joinpath(name).read_bytes(), name)).text
        for seed in range(10):
            trial = noise.spam_trial(text, f"recall:{name}:{seed}", lexicon.spam.strong_re)
            report = clean(decode(trial.variant.encode("utf-8"), "v")).report
            hit, others = noise.detection(report, trial.span)
            found, missed, extra = found + hit, missed + (not hit), extra + others
            plain = clean(decode(trial.variant.encode("utf-8"), "v"), statistical=False).report
            lexicon_found += noise.detection(plain, trial.span)[0]
    recall = found / (found + missed)
    assert extra == 0
    assert recall >= 0.75, recall
    assert lexicon_found / (found + missed) < 0.3  # the model, not the lexicon, finds them


def test_a_word_of_ordinary_acronyms_is_not_spam():
    ordinary = load_lexicon().spam.legit_latin
    for text in (
        "推进5G基站建设。",
        "推广PPP项目,GDP增长较快。",
        "按照GB/T9704格式。",
        "通过OA系统报送。",
    ):
        assert find_odd(text, load_model(), ordinary=ordinary) == [], text


def test_a_model_learns_from_its_texts():
    model = CharModel.from_counts(*count_text(["市政府实行市长负责制。"] * 20))
    assert find_odd("市政府实行市长负责制。", model) == []
    assert [s[2] for s in find_odd("市政府实行ab12乐鱼市长负责制。", model)] == ["ab12乐鱼"]


def test_a_meeting_s_rules_of_procedure_are_refused(seed_texts):
    text = clean(decode(RAW_DIR.joinpath("002_1a72dbc9b0f0b77f.txt").read_bytes(), "x")).text
    other = text.replace("人民政府工作规则", "人民政府常务会议议事规则")
    with pytest.raises(IngestError, match="not a work rule: .*议事规则"):
        parse(clean(decode(other.encode("utf-8"), "other")))
