"""Marking spans of text in HTML: facts in a provision, removals in the raw text (pure functions).

A fact says where it came from by a quote (``oa:TextQuoteSelector``/``oa:exact``).  The quote
is looked up in the provision's cleaned text; when it is not there verbatim (a quote taken from
the raw text, with full-width punctuation or traditional characters) it is looked up again
after NFKC normalisation of both sides, and mapped back to the cleaned text's offsets.

>>> find_quote("市政府实行市长负责制,市长领导市政府的工作。", "市长负责制")
(5, 10)
>>> find_quote("原则上每月召开1次", "每月召开１次")
(3, 9)
>>> find_quote("abc", "xyz") is None
True
>>> str(render_marked("甲乙\\n丙丁", [(1, 4, "f1")], {"f1": "fact one"}, ["art_1/para_1", "art_1/para_2"]))
'<p id="art_1/para_1">甲<mark class="fact" data-facts="f1" title="fact one" tabindex="0">乙</mark></p><p id="art_1/para_2"><mark class="fact" data-facts="f1" title="fact one" tabindex="0">丙</mark>丁</p>'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from markupsafe import Markup, escape


def _normalised(text: str) -> tuple[str, list[int]]:
    """NFKC of ``text`` (whitespace dropped) and, per output character, its input offset."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        for n in unicodedata.normalize("NFKC", ch):
            out.append(n)
            where.append(i)
    return "".join(out), where


def find_quote(text: str, quote: str, start: int = 0) -> tuple[int, int] | None:
    """Offsets ``[s, e)`` of ``quote`` in ``text`` at or after ``start``, or None."""
    if not quote:
        return None
    at = text.find(quote, start)
    if at >= 0:
        return (at, at + len(quote))
    norm_text, where = _normalised(text)
    norm_quote, _ = _normalised(quote)
    if not norm_quote:
        return None
    first = next((k for k, off in enumerate(where) if off >= start), len(where))
    at = norm_text.find(norm_quote, first)
    if at < 0:
        return None
    return (where[at], where[at + len(norm_quote) - 1] + 1)


def _cuts(length: int, marks: Sequence[tuple[int, int, str]], breaks: Sequence[int]) -> list[int]:
    points = {0, length, *breaks, *(b + 1 for b in breaks)}
    for s, e, _ in marks:
        points.update((max(0, min(s, length)), max(0, min(e, length))))
    return sorted(points)


def render_marked(
    text: str,
    marks: Sequence[tuple[int, int, str]],
    titles: dict[str, str],
    paragraph_ids: Sequence[str] | None = None,
    css: str = "fact",
) -> Markup:
    """``text`` as HTML paragraphs (split at newlines) with ``<mark>`` over each span.

    :param marks: ``(start, end, id)``; overlapping marks are merged piecewise, a piece
        carrying every id that covers it (``data-facts``) and their titles joined.
    :param titles: id → tooltip text.
    :param paragraph_ids: ``id`` attributes for the paragraphs, in order (fewer is fine).
    """
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]
    cuts = _cuts(len(text), marks, breaks)
    ids = list(paragraph_ids or [])
    html: list[str] = []
    para = 0

    def open_p() -> None:
        pid = ids[para] if para < len(ids) else None
        html.append(f'<p id="{escape(pid)}">' if pid else "<p>")

    open_p()
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = text[a:b]
        if piece == "\n":
            html.append("</p>")
            para += 1
            open_p()
            continue
        covering = [m for s, e, m in marks if s <= a and b <= e and s < e]
        if covering:
            names = list(dict.fromkeys(covering))
            title = "\n".join(titles.get(n, n) for n in names)
            html.append(
                f'<mark class="{css}" data-facts="{escape(" ".join(names))}" title="{escape(title)}" '
                f'tabindex="0">{escape(piece)}</mark>'
            )
        else:
            html.append(str(escape(piece)))
    html.append("</p>")
    return Markup("".join(html))


def render_raw(text: str, spans: Sequence[tuple[int, int, str, str]]) -> Markup:
    """The raw text with each cleaning span marked: ``(start, end, kind, title)``.

    Spans are taken in order; one overlapping an earlier span is skipped (the report lists it).
    Each mark gets ``id="cut-<start>"`` so the report can link to it.
    """
    html: list[str] = []
    pos = 0
    for s, e, kind, title in sorted(spans):
        if s < pos or e > len(text):
            continue
        html.append(str(escape(text[pos:s])))
        shown = text[s:e] if e > s else ""
        css = f"cut cut-{kind}" + (" cut-empty" if not shown.strip() else "")
        html.append(
            f'<mark id="cut-{s}" class="{escape(css)}" title="{escape(title)}">'
            f"{escape(shown) if shown.strip() else '⏎' if shown else '·'}</mark>"
        )
        pos = e
    html.append(str(escape(text[pos:])))
    return Markup("".join(html))


def context(text: str, start: int, end: int, width: int = 24) -> tuple[str, str, str]:
    """(before, span, after) around ``[start, end)``, newlines shown as ⏎."""

    def flat(s: str) -> str:
        return s.replace("\r", "").replace("\n", "⏎")

    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    return flat(before), flat(text[start:end]), flat(after)
