"""Sentences, sub-sentences and clauses of a provision, with cleaned offsets (句, 分句, 小句).

A sentence ends at 。！？ or at a line break after sentence-final punctuation (a paragraph);
a line break elsewhere is a stray PDF break and stays inside the sentence.  Sub-sentences are
split at ；, clauses at ，and ：.  Delimiters inside brackets never split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE = "（([【〔《“", "）)]】〕》”"
SENTENCE_END = "。！？!?"
SUB_END = "；;"
CLAUSE_END = "，,：:"
_HARD_BREAK_BEFORE = "。；;：:！？!?"
_ITEM = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")


@dataclass(frozen=True)
class Piece:
    """A stretch of the cleaned text: its words and where they start."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def sub(self, s: int, e: int) -> Piece:
        return Piece(self.text[s:e], self.start + s)

    def strip(self) -> Piece:
        lead = len(self.text) - len(self.text.lstrip())
        return Piece(self.text.strip(), self.start + lead)


def split(piece: Piece, delimiters: str) -> list[Piece]:
    """Split after each delimiter outside brackets; the delimiter stays with its piece."""
    out, depth, begin = [], 0, 0
    for i, ch in enumerate(piece.text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch in delimiters and depth == 0:
            out.append(piece.sub(begin, i + 1))
            begin = i + 1
    if begin < len(piece.text):
        out.append(piece.sub(begin, len(piece.text)))
    return [p.strip() for p in out if p.text.strip()]


def paragraphs(text: str, start: int) -> list[Piece]:
    """Split at line breaks that end a paragraph (after 。；： or before an item label)."""
    out, begin = [], 0
    for m in re.finditer("\n", text):
        before = text[: m.start()].rstrip()
        if (before and before[-1] in _HARD_BREAK_BEFORE) or _ITEM.match(text[m.end() :]):
            out.append(Piece(text[begin : m.start()], start + begin))
            begin = m.end()
    out.append(Piece(text[begin:], start + begin))
    return [p.strip() for p in out if p.text.strip()]


def sentences(text: str, start: int) -> list[Piece]:
    """The sentences of a provision's text (``start`` = its cleaned offset)."""
    return [s for para in paragraphs(text, start) for s in split(para, SENTENCE_END)]


def subs(sentence: Piece) -> list[Piece]:
    return split(sentence, SUB_END)


def clauses(piece: Piece) -> list[Piece]:
    return split(piece, CLAUSE_END)


def clause_start(text: str, pos: int, lower: int = 0) -> int:
    """Offset just after the last clause delimiter (outside brackets) before ``pos``."""
    depth = 0
    for i in range(pos - 1, lower - 1, -1):
        ch = text[i]
        if ch in CLOSE:
            depth += 1
        elif ch in OPEN:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in CLAUSE_END + SUB_END + SENTENCE_END:
            return i + 1
    return lower


def clause_end(text: str, pos: int) -> int:
    """Offset of the next clause delimiter (outside brackets) at or after ``pos``."""
    depth = 0
    for i in range(pos, len(text)):
        ch = text[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in CLAUSE_END + SUB_END + SENTENCE_END:
            return i
    return len(text)


def strip_delimiters(text: str) -> str:
    return text.strip().rstrip(CLAUSE_END + SUB_END + SENTENCE_END).strip()
