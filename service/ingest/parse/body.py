"""Parse (结构化): cleaned text → notice metadata + chapters, provisions, paragraphs, items.

Both numbering styles occur: ``第十二条`` (article) and ``十二、`` (enumerated); the labels
of both, of chapters, sections and items are those of :mod:`guize.ingest.numbering`.
The style is chosen by counting line-initial labels; the other style's labels are
then plain text (lists inside a provision).  Gaps and repeats in the numbering are
reported as warnings, never silently fixed.
"""

from __future__ import annotations

import re

from guize.ingest.errors import IngestError
from guize.ingest.model import (
    SPAM_PLACEHOLDER,
    Chapter,
    CleanText,
    Item,
    Metadata,
    Notice,
    Paragraph,
    ParsedDocument,
    Provision,
    SourceInfo,
)
from guize.ingest.numbering import ITEM
from guize.ingest.numerals import chinese_number
from guize.ingest.parse.kind import incompleteness, other_kind
from guize.ingest.parse.layout import (
    CHAPTER_RE,
    MAX_GAP,
    PROVISION_RE,
    SECTION_RE,
    Line,
    bare_headings,
    label_typo,
    split_lines,
    split_run_on,
)
from guize.ingest.parse.metadata import resolve_metadata
from guize.ingest.parse.notice import parse_notice

ARTICLE_RE, ENUMERATED_RE = PROVISION_RE["article"], PROVISION_RE["enumerated"]
ITEM_RE = ITEM.regex
TITLE_RE = re.compile(r"^(?P<title>.{2,40}?工作规则(?:[（(][^）)]{1,8}[）)])?)$")
#: Longest chapter title we accept on the heading's own line.
MAX_TITLE = 30


def numbering_style(lines: list[Line]) -> str:
    """article if 第X条 labels outnumber X、 labels at line starts, else enumerated."""
    articles = sum(1 for ln in lines if ARTICLE_RE.match(ln.text))
    enumerated = sum(1 for ln in lines if ENUMERATED_RE.match(ln.text))
    if articles == 0 and enumerated == 0:
        return "none"
    return "article" if articles >= enumerated else "enumerated"


def _label(line: Line, style: str) -> re.Match | None:
    return PROVISION_RE[style].match(line.text)


def body_start(lines: list[Line], style: str) -> int:
    """Index of the first line of the rules body (first chapter heading or provision 1)."""
    for i, ln in enumerate(lines):
        ch = CHAPTER_RE.match(ln.text)
        if ch and chinese_number(ch["num"]) == 1:
            return i
        m = _label(ln, style)
        if m and chinese_number(m["num"]) == 1:
            # a provision 1 counts only when provision 2 follows somewhere after it
            if any(
                (m2 := _label(o, style)) and chinese_number(m2["num"]) == 2 for o in lines[i + 1 :]
            ):
                return i
    for i, ln in enumerate(lines):  # an excerpt: a sequence that starts later
        n = chinese_number(m["num"]) if (m := _label(ln, style)) else None
        if n and any(
            (m2 := _label(o, style)) and chinese_number(m2["num"]) == n + 1
            for o in lines[i + 1 : i + 40]
        ):
            return i
    raise IngestError(
        "parse", "no provisions found (neither 第一条 nor 一、 starts a numbered sequence)"
    )


def _first_number(line: Line, style: str) -> int | None:
    m = _label(line, style)
    return chinese_number(m["num"]) if m else None


def rules_title(lines: list[Line], start: int) -> tuple[str | None, int]:
    """The rules' title: the nearest ``…工作规则`` line above the body; (title, its index)."""
    for i in range(start - 1, max(-1, start - 6), -1):
        m = TITLE_RE.match(lines[i].text)
        if m and "印发" not in lines[i].text:
            return m["title"], i
    return None, start


def _items(text: str, start: int) -> tuple[Item, ...]:
    """Enumerated items （一）（二）… in a paragraph: a chain starting at 一, each after punctuation."""
    chain: list[re.Match] = []
    for m in ITEM_RE.finditer(text):
        n = chinese_number(m["num"])
        before = text[m.start() - 1] if m.start() else ""
        if n == len(chain) + 1 and (m.start() == 0 or before in "：:；;。，,\n"):
            chain.append(m)
    items = []
    for k, m in enumerate(chain):
        end = chain[k + 1].start() if k + 1 < len(chain) else len(text)
        body = text[m.end() : end].strip()
        items.append(Item(k + 1, m.group(0), body, (start + m.start(), start + end)))
    return tuple(items)


def _paragraphs(lines: list[Line], first_text_start: int) -> tuple[Paragraph, ...]:
    """Paragraphs (款): one per line; item lines （一）… attach to the paragraph before them."""
    paras: list[tuple[int, int, str]] = []  # start, end, text
    for k, ln in enumerate(lines):
        start = first_text_start if k == 0 else ln.start
        text = ln.text[start - ln.start :]
        if paras and _continues_items(paras[-1][2], text):
            s, _, t = paras[-1]
            paras[-1] = (s, ln.end, t + "\n" + text)
        else:
            paras.append((start, ln.end, text))
    return tuple(Paragraph(i + 1, t, (s, e), _items(t, s)) for i, (s, e, t) in enumerate(paras))


def _continues_items(previous: str, text: str) -> bool:
    m = ITEM_RE.match(text)
    if not m:
        return False
    n = chinese_number(m["num"])
    if n == 1:
        return bool(re.search(r"[：:]\s*$", previous))
    last = [chinese_number(x["num"]) for x in ITEM_RE.finditer(previous)]
    return bool(last) and last[-1] == n - 1


def _bare_chapter(ln: Line, number: int) -> dict:
    return {
        "number": number,
        "label": ln.text,
        "title": ln.text,
        "status": "ok",
        "span": (ln.start, ln.end),
        "title_line": None,
    }


def structure(
    lines: list[Line],
    style: str,
    clean: CleanText,
    warnings: list[str],
    bare: frozenset = frozenset(),
    first: int = 1,
):
    """Walk the body lines into chapters and provisions (``bare``: starts of bare headings)."""
    chapters: list[dict] = []
    provisions: list[dict] = []
    last_num = first - 1
    for i, ln in enumerate(lines):
        if ln.start in bare:
            chapters.append(_bare_chapter(ln, chapters[-1]["number"] + 1 if chapters else 1))
            warnings.append(
                f"chapter heading without 第X章 read as chapter {chapters[-1]['number']}: {ln.text}"
            )
            continue
        ch = CHAPTER_RE.match(ln.text)
        if ch and len(ch["title"]) <= MAX_TITLE and not re.search(r"[。；;]", ch["title"]):
            chapters.append(_chapter(ch, ln, lines[i + 1] if i + 1 < len(lines) else None, style))
            continue
        if SECTION_RE.match(ln.text) and len(ln.text) <= MAX_TITLE:
            continue
        if chapters and chapters[-1].get("title_line") is ln:
            continue
        m = _label(ln, style)
        if m is None and (m := label_typo(ln, last_num)):
            warnings.append(
                f"provision label {m['label']} written in another style, read as {last_num + 1}"
            )
        n = chinese_number(m["num"]) if m else None
        if m and n is not None and last_num <= n <= last_num + MAX_GAP and (n > 0):
            if n == last_num:
                warnings.append(f"provision number {n} repeats ({m['label']})")
            elif n != last_num + 1:
                warnings.append(f"numbering gap: {m['label']} follows provision {last_num}")
            provisions.append(
                {
                    "num": n,
                    "label": m["label"].strip(),
                    "lines": [ln],
                    "text_start": ln.start + m.start("text"),
                    "chapter": chapters[-1]["number"] if chapters else None,
                }
            )
            last_num = n
        elif provisions:
            provisions[-1]["lines"].append(ln)
        else:
            warnings.append(f"text before the first provision ignored: {ln.text[:30]}")
    return chapters, provisions


def _chapter(m: re.Match, ln: Line, nxt: Line | None, style: str) -> dict:
    title = m["title"].strip()
    title_line = None
    if (
        not title
        and nxt is not None
        and len(nxt.text) <= 15
        and not _label(nxt, style)
        and not CHAPTER_RE.match(nxt.text)
        and not re.search(r"[。，,；;：:]", nxt.text)
    ):
        title, title_line = nxt.text, nxt
    status = "missing" if not title else ("damaged" if SPAM_PLACEHOLDER in title else "ok")
    end = title_line.end if title_line else ln.end
    return {
        "number": chinese_number(m["num"]),
        "label": m["label"],
        "title": title or None,
        "status": status,
        "span": (ln.start, end),
        "title_line": title_line,
    }


def _build(chapters: list[dict], provisions: list[dict], clean: CleanText):
    provs = []
    seen: dict[int, int] = {}
    for p in provisions:
        lines = p["lines"]
        span = (lines[0].start, lines[-1].end)
        text = clean.text[p["text_start"] : span[1]]
        seen[p["num"]] = seen.get(p["num"], 0) + 1
        provs.append(
            Provision(
                number=p["num"],
                label=p["label"],
                chapter=p["chapter"],
                text=text,
                span=span,
                raw_span=clean.raw_span(*span),
                paragraphs=_paragraphs(lines, p["text_start"]),
            )
        )
    chaps = tuple(
        Chapter(
            number=c["number"],
            label=c["label"],
            title=c["title"],
            title_status=c["status"],
            span=c["span"],
            raw_span=clean.raw_span(*c["span"]),
            provisions=tuple(p.number for p in provs if p.chapter == c["number"]),
        )
        for c in chapters
    )
    return chaps, tuple(provs)


def _chapter_warnings(chapters: tuple[Chapter, ...], warnings: list[str]) -> None:
    expected = 1
    for c in chapters:
        if c.number != expected:
            warnings.append(f"chapter numbering: {c.label} where 第{expected}章 was expected")
        expected = c.number + 1
        if c.title_status == "missing":
            warnings.append(f"{c.label} has no title")
        elif c.title_status == "damaged":
            warnings.append(f"{c.label} title is damaged by injected text: {c.title}")
        if not c.provisions:
            warnings.append(f"{c.label} holds no provision")


def parse(clean: CleanText, source: SourceInfo | None = None) -> ParsedDocument:
    """Structure a cleaned document.

    :raises IngestError: if no numbered provisions are found (not a work rule).
    """
    lines = split_lines(clean.text)
    style = numbering_style(lines)
    if style == "none":
        raise IngestError(
            "parse",
            "not a work rule: no provisions found, no line starts with 第X条 or X、 (a news item, "
            "an article or another kind of text?)",
            doc_id=clean.doc_id,
        )
    try:
        start = body_start(lines, style)
    except IngestError as exc:
        raise IngestError("parse", exc.message, doc_id=clean.doc_id) from None
    if why := other_kind([ln.text for ln in lines[:start]]):
        raise IngestError("parse", f"not a work rule: {why}", doc_id=clean.doc_id)
    title, title_idx = rules_title(lines, start)
    start, bare = bare_headings(lines, start, PROVISION_RE[style])
    warnings: list[str] = []
    body = split_run_on(lines[start:], PROVISION_RE[style])
    bare_starts = frozenset(lines[k].start for k in bare)
    first = next((n for ln in body if (n := _first_number(ln, style))), 1)
    chapters, provisions = structure(body, style, clean, warnings, bare_starts, first)
    chaps, provs = _build(chapters, provisions, clean)
    _chapter_warnings(chaps, warnings)
    notes = [e.note for e in clean.report if e.kind == "page-junk"]
    cut = incompleteness(provs[0].number, provs[-1].text, notes) if provs else []
    warnings += [f"incomplete (an excerpt of the document?): {why}" for why in cut]
    head = [ln for k, ln in enumerate(lines[:start]) if k != title_idx]
    body_span = (lines[start].start, lines[-1].end)
    notice_span = (head[0].start, head[-1].end) if head else None
    notice: Notice = parse_notice(
        [ln.text for ln in head], clean.text[body_span[0] : body_span[1]], notice_span
    )
    warnings += notice.notes
    if not title:
        warnings.append("rules title not found above the body")
    if not notice.date and notice.published:
        warnings.append(
            f"no document date in the notice; the page's publication date {notice.published} is used"
        )
    metadata: Metadata = resolve_metadata(notice, title, clean.text, source, warnings)
    return ParsedDocument(
        clean=clean,
        title=title,
        notice=notice,
        metadata=metadata,
        chapters=chaps,
        provisions=provs,
        numbering_style=style,
        body_span=body_span,
        warnings=tuple(warnings),
        source=source,
        complete=not cut,
    )
