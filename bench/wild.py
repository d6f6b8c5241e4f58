"""Ingest in the wild (`make bench`, section of bench/run.py): what the noise generator's
variants of the documents in data/raw yield, what the statistical spam detector finds, and
what it costs.

* ingest time per document (decode → clean → parse → extract → RDF) without the character
  model's spam detector and with it;
* for each kind of noise (bench/noise.py), how many variants keep every provision (text
  similarity ≥ 0.97), the chapters and the notice metadata;
* the detector on generated brands no lexicon lists, put where a word stood (seeds of its
  own, not those of the tests): recall with and without the model, spans flagged elsewhere
  (precision), false alarms on the six documents and the legal-basis texts, and held out:
  each document scored by a model trained without it.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import noise

from guize.ingest.clean import clean, decode, load_lexicon
from guize.ingest.clean.oddity import CharModel, count_text, find_odd, load_model
from guize.ingest.clean.train import official_text
from guize.ingest.extract import extract
from guize.ingest.parse import parse
from guize.ingest.sources import document_files, load_sources
from guize.iris import Iris
from guize.rdf import to_rdf

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
LEGAL = ROOT.parent / "shared" / "legal-basis"
SEEDS = 5
BRANDS = 30


def _median(fn, repeat: int = 5) -> float:
    """Median CPU time of this process (steadier than wall time on a shared machine)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def _ingest(data: bytes, name: str, iris: Iris, source, statistical: bool) -> None:
    parsed = parse(clean(decode(data, name), statistical=statistical), source)
    to_rdf(parsed, iris, extract(parsed))


def timing(iris: Iris) -> list[str]:
    sources = load_sources(RAW)
    rows = [
        "| document | ingest without the model (s) | with it (s) | ratio |",
        "|---|---:|---:|---:|",
    ]
    load_model()
    for path in document_files(RAW):
        data, src = path.read_bytes(), sources.get(path.name)
        before = _median(lambda d=data, s=src, p=path: _ingest(d, p.stem, iris, s, False))
        after = _median(lambda d=data, s=src, p=path: _ingest(d, p.stem, iris, s, True))
        rows.append(f"| {path.name} | {before:.3f} | {after:.3f} | {after / before:.2f} |")
    return rows


def variants() -> list[str]:
    sources = load_sources(RAW)
    originals = {
        p.name: parse(clean(decode(p.read_bytes(), p.stem)), sources.get(p.name))
        for p in document_files(RAW)
    }
    rows = ["| noise | variants | same provisions and metadata |", "|---|---:|---:|"]
    kinds = [*noise.KINDS, *(f"date-{how}" for how in noise.DATE_DAMAGE)]
    for kind in kinds:
        made = passed = 0
        for name, original in originals.items():
            for seed in range(SEEDS):
                text = noise.variant(kind, original.clean.text, f"bench:{name}:{seed}")
                if text is None:
                    continue
                made += 1
                got = parse(clean(decode(text.encode("utf-8"), name)), sources.get(name))
                passed += not noise.differences(original, got)
        rows.append(f"| {kind} | {made} | {passed} |")
    return rows


def detector() -> list[str]:
    lexicon = load_lexicon()
    found = lexicon_found = extra = tried = exact = 0
    for path in document_files(RAW):
        text = clean(decode(path.read_bytes(), path.stem)).text
        for seed in range(BRANDS):
            trial = noise.spam_trial(text, f"bench:{path.name}:{seed}", lexicon.spam.strong_re)
            if trial is None:
                continue
            tried += 1
            report = clean(decode(trial.variant.encode("utf-8"), "v")).report
            hit, others = noise.detection(report, trial.span)
            found, extra = found + hit, extra + others
            exact += any(e.kind == "spam" and tuple(e.raw_span) == trial.span for e in report)
            plain = clean(decode(trial.variant.encode("utf-8"), "v"), statistical=False).report
            lexicon_found += noise.detection(plain, trial.span)[0]
    official = {p.name: official_text(p) for p in document_files(RAW)}
    if LEGAL.is_dir():
        official |= {p.name: official_text(p) for p in sorted(LEGAL.glob("*.txt"))}
    ordinary = lexicon.spam.legit_latin
    alarms = sum(len(find_odd(t, load_model(), ordinary=ordinary)) for t in official.values())
    held_out = []
    for name, text in official.items():
        model = CharModel.from_counts(*count_text(t for n, t in official.items() if n != name))
        held_out += [(name, s[2]) for s in find_odd(text, model, ordinary=ordinary)]
    precision = found / (found + extra) if found + extra else 1.0
    return [
        f"- generated brands not in the lexicon, one per variant: {tried}; found {found} "
        f"(recall {found / tried:.2f}; the lexicon alone {lexicon_found / tried:.2f}); "
        f"span exactly the brand: {exact}; other spans flagged: {extra} (precision {precision:.2f})",
        f"- false alarms of the shipped model on the {len(official)} official texts it was "
        f"trained on (six documents, legal basis): {alarms}",
        f"- held out (each text scored by a model trained on the others): {len(held_out)} "
        f"spans flagged: {', '.join(f'{n}: {s[:12]!r}' for n, s in held_out) or 'none'}",
    ]


def bench_wild(iris: Iris) -> list[str]:
    return [
        "Ingest in the wild: the statistical spam detector's cost (CPU time, median of 5):",
        "",
        *timing(iris),
        "",
        f"Generated variants of the documents in data/raw (bench/noise.py, {SEEDS} seeds each):",
        "",
        *variants(),
        "",
        *detector(),
    ]
