"""Injected spam (注入垃圾词): find brand-shaped spam and put one □ where each span stood.

Cues and shapes live in ``data/lexicon/spam.yaml`` (its header explains them).  A
strong cue is spam wherever it stands; a weak cue (体育, 直播 …) only in brand shape.
Each detected span grows over brand prefixes and suffixes and over comma-joined
repeats; spans the character model of :mod:`~guize.ingest.clean.oddity` finds improbable
in official text join them (merged where they overlap); each then becomes one :data:`~guize.ingest.model.SPAM_PLACEHOLDER`.  The words
the spam replaced are not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guize.ingest.clean.oddity import CharModel, find_odd
from guize.ingest.clean.offsets import Edit, MappedText
from guize.ingest.model import SPAM_PLACEHOLDER

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_RUN = re.compile(r"[A-Za-z0-9]{1,12}$")
LABEL_BEFORE = re.compile(r"第[一二三四五六七八九十百零〇\d]+[章条节]$")


def _alternation(words) -> re.Pattern:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


@dataclass(frozen=True)
class SpamLexicon:
    """spam.yaml, compiled."""

    strong: dict[str, tuple[str, bool]]  # cue (lower case) -> (category, expand_left)
    strong_re: re.Pattern
    latin: tuple[tuple[re.Pattern, str], ...]
    weak_re: re.Pattern
    hard: tuple[str, ...]
    soft: tuple[str, ...]
    brand_prefixes: tuple[str, ...]
    legit_before: tuple[str, ...]
    legit_latin: frozenset[str]
    boundary: frozenset[str]
    max_prefix: int
    join_separators: frozenset[str]
    not_before: dict[str, str]
    complete_endings: tuple[str, ...]

    @classmethod
    def from_yaml(cls, data: dict) -> SpamLexicon:
        strong = {}
        for category, spec in data["strong"].items():
            for cue in spec["cues"]:
                strong[str(cue).lower()] = (category, bool(spec.get("expand_left")))
        latin = tuple(
            (re.compile(rf"(?<![A-Za-z])(?:{d['re']})(?![A-Za-z])", re.IGNORECASE), d["why"])
            for d in data.get("latin", [])
        )
        by_len = lambda key: tuple(sorted(map(str, data[key]), key=len, reverse=True))  # noqa: E731
        return cls(
            strong=strong,
            strong_re=_alternation(strong),
            latin=latin,
            weak_re=_alternation(data["weak"]),
            hard=by_len("hard_suffixes"),
            soft=by_len("soft_suffixes"),
            brand_prefixes=by_len("brand_prefixes"),
            legit_before=by_len("legit_before"),
            legit_latin=frozenset(str(x).lower() for x in data["legit_latin"]),
            boundary=frozenset(data["boundary_chars"]),
            max_prefix=int(data["max_cjk_prefix"]),
            join_separators=frozenset(data["join_separators"]),
            not_before={str(k): str(v or "") for k, v in data.get("suffix_not_before", {}).items()},
            complete_endings=tuple(map(str, data.get("complete_endings", []))),
        )


@dataclass
class Hit:
    start: int
    end: int
    note: str


def _suffix_end(text: str, end: int, suffixes: tuple[str, ...], lex: SpamLexicon) -> int:
    """End after the suffixes (repeated) that follow ``end``."""
    while True:
        low = text[end : end + 8].lower()
        found = next((s for s in suffixes if low.startswith(s.lower())), None)
        after = text[end + len(found) : end + len(found) + 1] if found else ""
        if found is None or (after and after in lex.not_before.get(found, "")):
            return end
        end += len(found)


def _latin_before(text: str, start: int, lex: SpamLexicon) -> int:
    """Start of a digit/Latin brand token right before ``start`` (``start`` if none)."""
    m = LATIN_RUN.search(text, max(0, start - 12), start)
    if (
        not m
        or m.end() != start
        or (m.start() > 0 and text[m.start() - 1].isascii() and text[m.start() - 1].isalnum())
    ):
        return start
    return start if m.group(0).lower() in lex.legit_latin else m.start()


def _cjk_prefix(text: str, start: int, lex: SpamLexicon) -> int:
    """Start of a brand name of up to max_prefix Chinese characters before ``start``."""
    j = start
    while (
        j > 0
        and start - j < lex.max_prefix
        and CJK.match(text[j - 1])
        and text[j - 1] not in lex.boundary
    ):
        j -= 1
    before = text[max(0, start - 8) : start]
    if j == start or any(before.endswith(w) for w in lex.legit_before):
        return start
    for k in range(start, j, -1):  # never into a label: 第三章体育官网 keeps 第三章
        if LABEL_BEFORE.search(text, max(0, k - 10), k):
            return k
    return j


def _prefix_start(text: str, start: int, lex: SpamLexicon) -> int:
    """Grow left over known brand prefixes (澳门, 真人 …) and digit/Latin brands."""
    while True:
        found = next((p for p in lex.brand_prefixes if text.endswith(p, 0, start)), None)
        new = start - len(found) if found else _latin_before(text, start, lex)
        if new == start:
            return start
        start = new


def _strong_hits(text: str, lex: SpamLexicon) -> list[Hit]:
    hits = []
    for m in lex.strong_re.finditer(text):
        category, expand = lex.strong[m.group(0).lower()]
        start = _prefix_start(text, m.start(), lex)
        if expand and start == m.start():
            start = _cjk_prefix(text, start, lex)
        complete = m.group(0).lower().endswith(lex.complete_endings)
        end = _suffix_end(text, m.end(), lex.hard if complete else lex.hard + lex.soft, lex)
        hits.append(Hit(start, end, f"{category} cue {m.group(0)!r}"))
    for pattern, why in lex.latin:
        for m in pattern.finditer(text):
            hits.append(Hit(_prefix_start(text, m.start(), lex), m.end(), f"{why}: {m.group(0)!r}"))
    return hits


def _weak_hit(text: str, m: re.Match, lex: SpamLexicon) -> Hit | None:
    """A weak cue in brand shape, or None."""
    cue, start, end = m.group(0), m.start(), m.end()
    hard_end = _suffix_end(text, end, lex.hard, lex)
    latin = _latin_before(text, start, lex)
    if latin < start:
        return Hit(
            _prefix_start(text, start, lex), hard_end, f"weak cue {cue!r} after a digit/Latin brand"
        )
    if hard_end > end:
        brand = _prefix_start(text, start, lex)
        brand = _cjk_prefix(text, start, lex) if brand == start else brand
        return Hit(brand, hard_end, f"weak cue {cue!r} with a brand suffix")
    soft_end = _suffix_end(text, end, lex.soft, lex)
    prefix = _cjk_prefix(text, start, lex)
    if soft_end > end and prefix < start:
        end = _suffix_end(text, soft_end, lex.hard, lex)
        return Hit(prefix, end, f"weak cue {cue!r} between a brand prefix and a suffix")
    return None


def _merge(text: str, hits: list[Hit], lex: SpamLexicon) -> list[Hit]:
    """Merge overlapping hits and hits joined only by separators (360直播,直播吧)."""
    out: list[Hit] = []
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        if out:
            gap = text[out[-1].end : h.start]
            if h.start <= out[-1].end or (len(gap) <= 2 and set(gap) <= lex.join_separators):
                last = out[-1]
                if h.end > last.end:
                    last.end = h.end
                    last.note = f"{last.note}; {h.note}"
                continue
        out.append(Hit(h.start, h.end, h.note))
    return out


def find_spam(text: str, lex: SpamLexicon) -> list[Hit]:
    """Spam spans in ``text``, merged, in text order."""
    hits = _strong_hits(text, lex)
    hits += [h for m in lex.weak_re.finditer(text) if (h := _weak_hit(text, m, lex))]
    return _merge(text, hits, lex)


def _tail_end(text: str, end: int, lex: SpamLexicon) -> int:
    """End of a brand found by the model, over a weak cue and brand suffixes right after it
    (…TV, …直播, …视频app): words the model knows from official text, here part of the name."""
    m = lex.weak_re.match(text, end)
    if m:
        end = m.end()
    return _suffix_end(text, end, lex.hard + lex.soft, lex)


def remove_spam(mt: MappedText, lex: SpamLexicon, model: CharModel | None = None) -> None:
    """Replace every spam span by one placeholder, reported with kind ``spam``: the lexicon's
    hits and, with a ``model``, the spans it finds improbable in official text."""
    hits = find_spam(mt.text, lex)
    if model is not None:
        hits += [
            Hit(s, _tail_end(mt.text, e, lex), f"improbable in official text ({bits:.0f} bits)")
            for s, e, _, bits in find_odd(mt.text, model, ordinary=lex.legit_latin)
        ]
    edits = [Edit(h.start, h.end, SPAM_PLACEHOLDER, h.note) for h in _merge(mt.text, hits, lex)]
    mt.apply("spam", edits)
