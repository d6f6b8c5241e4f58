"""Text that does not belong to an official document (异常文本): a character bigram model.

The spam lexicon (:mod:`~guize.ingest.clean.spam`) is the fast path for what is known; this
finds what is not: a brand name nobody listed (``k8凯发娱乐``, ``9鱼TV``) put where a word of
the text stood.  A :class:`CharModel` holds character unigram and bigram counts of official
Chinese (work rules and the organic laws, trained by :mod:`~guize.ingest.clean.train`;
the shipped model is ``official_bigrams.json.gz`` beside this module).

Each character is scored by how much better a flat "foreign text" model explains it than
the official model does, in bits::

    r(i) = log2 P_foreign(c_i) - log2 max(P(c_i | c_i-1), P(c_i | c_i+1))

with interpolated absolute discounting over the unigrams (unseen characters get a floor).
Taking the better of the left and the right context keeps the words around an injected
brand cheap: the first word after the brand is well predicted by what follows it.  The
spans of highest total score (a maximum-subarray scan within each run between
punctuation) that reach :data:`THRESHOLD` bits are reported.

A run of digits is one symbol (numbers are ordinary in official text; a number between
the Chinese characters of a brand is not), Latin letters are lower-cased; the foreign model
gives letters and numbers the higher probabilities they have in brand names.

>>> model = CharModel.from_counts(*count_text(["市政府实行市长负责制。"] * 50))
>>> [text for _, _, text, _ in find_odd("市政府实行市长负责制。", model)]
[]
>>> [text for _, _, text, _ in find_odd("市政府实行k8xq凯发娱乐市长负责制。", model)]
['k8xq凯发娱乐']
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: The model guize ships with (see :mod:`guize.ingest.clean.train` for how it was made).
MODEL_PATH = Path(__file__).with_name("official_bigrams.json.gz")
#: Least total score, in bits, of a span reported as foreign.
THRESHOLD = 26.0
#: Least total score of a span of Chinese characters only (no Latin letter, no digit).
PLAIN_THRESHOLD = 60.0
CJK = re.compile(r"[\u3400-\u9fff]")
MIXED = re.compile(r"[A-Za-z0-9][\u3400-\u9fff]|[\u3400-\u9fff][A-Za-z0-9]")
#: Bits a flat foreign-text model gives each character (about 1 in 1 500).
FOREIGN_BITS = 10.5
LATIN_BITS = 4.7
NUMBER_BITS = 3.0
#: Discount of the bigram counts (absolute discounting).
DISCOUNT = 0.75
#: Size of the character inventory assumed for unseen characters.
INVENTORY = 8000
#: Characters that end a run: punctuation, spaces, the spam placeholder, line breaks.
BREAKS = frozenset(" \t\n\r\u3000\u00a0，。、；：！？,.;:!?“”‘’\"'《》〈〉（）()【】[]〔〕□…—-/|")
#: Shortest span reported.
MIN_LEN = 2
BOUNDARY = "\n"


DIGITS = re.compile(r"[0-9]+")
ALNUM = re.compile(r"[A-Za-z0-9]+(?:/[A-Za-z]+)?[0-9.]*")
LATIN = re.compile(r"[a-z]")


def tokens(line: str, ordinary: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """(start, end, symbol) of what the model sees: a run of digits is one ``0``, and so is
    a Latin word in ``ordinary`` (5G, GDP, App: the lexicon's ``legit_latin``); other Latin
    letters are lower-cased, every other character is itself."""
    out, i = [], 0
    while i < len(line):
        m = DIGITS.match(line, i)
        w = ALNUM.match(line, i) if ordinary else None
        word = re.sub(r"[0-9.]+$", "", w.group(0).lower()) if w else ""
        if word in ordinary and (i == 0 or not (line[i - 1].isascii() and line[i - 1].isalnum())):
            out.append((i, w.end(), "0"))
            i = w.end()
        elif m:
            out.append((i, m.end(), "0"))
            i = m.end()
        else:
            out.append((i, i + 1, line[i].lower() if line[i].isascii() else line[i]))
            i += 1
    return out


def foreign_bits(symbol: str) -> float:
    """Bits the flat foreign-text model gives a symbol: brands are made of Latin letters
    (1 in 26), numbers (1 in 8) and Chinese characters (1 in about 1 500)."""
    if symbol == "0":
        return NUMBER_BITS
    return LATIN_BITS if LATIN.match(symbol) else FOREIGN_BITS


def count_text(texts: Iterable[str]) -> tuple[Counter, Counter]:
    """Unigram and bigram counts of ``texts`` (lines are units; □ and runs break bigrams)."""
    uni: Counter = Counter()
    bi: Counter = Counter()
    for text in texts:
        for line in text.split("\n"):
            symbols = [sym for _, _, sym in tokens(line.strip())]
            uni.update(s for s in symbols if s != "□")
            padded = [BOUNDARY, *symbols, BOUNDARY]
            bi.update(a + b for a, b in zip(padded, padded[1:], strict=False) if "□" not in a + b)
    return uni, bi


@dataclass(frozen=True)
class CharModel:
    """Character unigram and bigram counts with what the probabilities need precomputed."""

    uni: dict[str, int]
    bi: dict[str, int]
    total: int
    left_count: dict[str, int]  # how often a symbol is the left of a bigram
    left_types: dict[str, int]  # how many different symbols follow it
    right_count: dict[str, int]
    right_types: dict[str, int]

    @classmethod
    def from_counts(cls, uni: Counter | dict, bi: Counter | dict) -> CharModel:
        lc: Counter = Counter()
        lt: Counter = Counter()
        rc: Counter = Counter()
        rt: Counter = Counter()
        for pair, n in bi.items():
            lc[pair[0]] += n
            lt[pair[0]] += 1
            rc[pair[1]] += n
            rt[pair[1]] += 1
        return cls(dict(uni), dict(bi), sum(uni.values()), dict(lc), dict(lt), dict(rc), dict(rt))

    @classmethod
    def load(cls, path: Path | str = MODEL_PATH) -> CharModel:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            data = json.load(f)
        return cls.from_counts(data["unigrams"], data["bigrams"])

    def save(self, path: Path | str, about: dict | None = None) -> None:
        data = {"about": about or {}, "unigrams": self.uni, "bigrams": self.bi}
        with gzip.GzipFile(path, "wb", mtime=0) as f:
            f.write(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    def unigram(self, s: str) -> float:
        return (self.uni.get(s, 0) + 0.5) / (self.total + 0.5 * INVENTORY)

    def _cond(self, pair: str, ctx: str, count: dict, types: dict, s: str) -> float:
        c = count.get(ctx, 0)
        if not c:
            return self.unigram(s)
        backoff = DISCOUNT * types[ctx] / c
        return max(self.bi.get(pair, 0) - DISCOUNT, 0) / c + backoff * self.unigram(s)

    def forward(self, prev: str, s: str) -> float:
        """P(s | the symbol before it)."""
        return self._cond(prev + s, prev, self.left_count, self.left_types, s)

    def backward(self, s: str, nxt: str) -> float:
        """P(s | the symbol after it)."""
        return self._cond(s + nxt, nxt, self.right_count, self.right_types, s)


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> CharModel:
    """The model at ``path`` (default: the shipped one), read once."""
    return CharModel.load(path)


def scores(
    text: str, model: CharModel, ordinary: frozenset[str] = frozenset()
) -> list[tuple[int, int, float]]:
    """(start, end, r) for every symbol of ``text``; run breaks score -inf."""
    toks = tokens(text, ordinary)
    brk = [text[s] in BREAKS for s, _, _ in toks]
    syms = [sym if not b else BOUNDARY for (_, _, sym), b in zip(toks, brk, strict=True)]
    fwd: dict[str, float] = {}  # bits of a bigram read forwards / backwards, per text
    bwd: dict[str, float] = {}
    out = []
    for i, (start, end, sym) in enumerate(toks):
        if brk[i]:
            out.append((start, end, -math.inf))
            continue
        prev = syms[i - 1] if i else BOUNDARY
        nxt = syms[i + 1] if i + 1 < len(toks) else BOUNDARY
        f = fwd.get(prev + sym)
        if f is None:
            f = fwd[prev + sym] = -math.log2(model.forward(prev, sym))
        b = bwd.get(sym + nxt)
        if b is None:
            b = bwd[sym + nxt] = -math.log2(model.backward(sym, nxt))
        out.append((start, end, (f + b) / 2 - foreign_bits(sym)))
    return out


def _best_spans(r: list[tuple[int, int, float]], threshold: float) -> list[tuple[int, int, float]]:
    """Maximum-sum segments (one per stretch of positive running sum) reaching ``threshold``,
    as character spans."""
    out = []
    run, start = 0.0, 0
    best, best_span = 0.0, (0, 0)
    for i, (_, _, x) in enumerate([*r, (0, 0, -math.inf)]):
        if x == -math.inf or run + x <= 0:
            if best >= threshold:
                s, e = r[best_span[0]][0], r[best_span[1] - 1][1]
                if e - s >= MIN_LEN:
                    out.append((s, e, best))
            run, start, best = 0.0, i + 1, 0.0
            continue
        run += x
        if run > best:
            best, best_span = run, (start, i + 1)
    return out


def mixed(span: str) -> bool:
    """Latin letters or digits glued to Chinese characters: the shape of a brand name."""
    return bool(MIXED.search(span))


def find_odd(
    text: str,
    model: CharModel,
    threshold: float = THRESHOLD,
    plain: float = PLAIN_THRESHOLD,
    ordinary: frozenset[str] = frozenset(),
) -> list[tuple[int, int, str, float]]:
    """Spans of ``text`` improbable in official Chinese: (start, end, text, score in bits).
    A span of Chinese characters only must reach the higher ``plain`` threshold: rare words
    and names of an unseen place are improbable too, but rarely that much.  A span without
    any Chinese character (an English gloss, a code) is left to the lexicon.  Latin words in
    ``ordinary`` (lower case) count as numbers do."""
    low = min(threshold, plain)
    return [
        (s, e, text[s:e], b)
        for s, e, b in _best_spans(scores(text, model, ordinary), low)
        if CJK.search(text[s:e]) and b >= (threshold if mixed(text[s:e]) else plain)
    ]
