"""Text with an exact map back to the raw text, edited in reported steps (清洗偏移映射).

Every cleaning step is a list of :class:`Edit` over the *current* text: replace
``text[start:end]`` by ``replacement``.  :meth:`MappedText.apply` builds the new
text and its offsets in one pass and records one :class:`CleaningEntry` per edit
with the raw span the edited characters came from.  A replacement of the same
length maps character for character; any other replacement maps every new
character to the raw start of what it replaced.  Nothing is removed without a
report entry, so the raw characters missing from the final offset map are exactly
those covered by entries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from guize.ingest.model import CleaningEntry


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` of the current text by ``replacement`` (a note says why)."""

    start: int
    end: int
    replacement: str = ""
    note: str = ""


class MappedText:
    """The text being cleaned, with per-character raw start/end offsets and the report."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = raw
        self.starts = list(range(len(raw) + 1))  # raw start of each char; last = len(raw)
        self.ends = list(range(1, len(raw) + 1)) + [len(raw)]  # raw end (exclusive)
        self.report: list[CleaningEntry] = []

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span of the current span ``[start, end)`` (empty spans map to a point)."""
        if end <= start:
            pos = self.starts[start]
            return (pos, pos)
        return (self.starts[start], max(self.ends[start:end]))

    def apply(self, kind: str, edits: Iterable[Edit]) -> int:
        """Apply non-overlapping edits (any order) and report each; returns how many."""
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        if not ordered:
            return 0
        text, starts, ends, pos = [], [], [], 0
        for ed in ordered:
            if ed.start < pos:
                raise ValueError(f"overlapping edits at {ed.start} ({kind})")
            text.append(self.text[pos : ed.start])
            starts.extend(self.starts[pos : ed.start])
            ends.extend(self.ends[pos : ed.start])
            rs, re_ = self.raw_span(ed.start, ed.end)
            n = len(ed.replacement)
            if n == ed.end - ed.start:
                starts.extend(self.starts[ed.start : ed.end])
                ends.extend(self.ends[ed.start : ed.end])
            else:
                starts.extend([rs] * n)
                ends.extend([re_] * n)
            text.append(ed.replacement)
            self.report.append(
                CleaningEntry(kind, (rs, re_), self.raw[rs:re_], ed.replacement, ed.note)
            )
            pos = ed.end
        text.append(self.text[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        self.text, self.starts, self.ends = "".join(text), starts, ends
        return len(ordered)

    def sub(
        self,
        kind: str,
        pattern: re.Pattern,
        repl: str | Callable[[re.Match], str | None],
        note: str = "",
    ) -> int:
        """Regex substitution as edits; a callable returning None keeps that match."""
        edits = []
        for m in pattern.finditer(self.text):
            rep = repl(m) if callable(repl) else m.expand(repl)
            if rep is not None and rep != m.group(0):
                edits.append(Edit(m.start(), m.end(), rep, note))
        return self.apply(kind, edits)

    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of every line of the current text, without the newline."""
        out, pos = [], 0
        for line in self.text.split("\n"):
            out.append((pos, pos + len(line)))
            pos += len(line) + 1
        return out
