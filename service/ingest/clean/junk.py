"""Page junk (网页杂质): cut what a web page wraps around a document.

Patterns live in ``data/lexicon/page_junk.yaml``; the rules here are structural:

* lines before the first line that belongs to the document (a 文号, a page-metadata
  field, a government's notice or rules title, the issuer's name, a first provision);
* short widget lines (breadcrumbs, QR prompts, share and print widgets …) matched by
  the lexicon's ``line`` patterns, and link farms / breadcrumbs recognised by shape;
* widget pieces at the start or end of a line (``edge`` patterns), e.g.
  ``…适用本规则。 相关文档 |`` or ``发布日期:… 浏览次数: 字体:[ ]``;
* the trailing block of short link-like lines after the last line of the document.

Page-metadata lines (索引号, 发布机构, 成文日期 …) are kept: the parser reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guize.ingest.clean.offsets import Edit, MappedText

SENTENCE_PUNCT = re.compile(r"[。；;！!？?]")
CLAUSE_PUNCT = re.compile(r"[，,、]")
DOC_PUNCT = re.compile(r"[。；;！!？?：:，,]")
SEP = r"[\s|｜•·]"
#: A heading or provision label: such a line is never junk as a whole.
LABEL_START = re.compile(
    r"^\s*(第[一二三四五六七八九十百零〇\d]+[章条节]|[一二三四五六七八九十百零]+、|[（(][一二三四五六七八九十]+[)）])"
)
Rule = tuple[re.Pattern, str]
#: A forum's anti-copy string candidate: three or more short tokens of ASCII letters, digits
#: and symbols between spaces, set inside Chinese text (工cz NX P d+ A +作); it is one when
#: it holds a symbol or four tokens or more (see :func:`_jammer`).
JAMMER = re.compile(
    r"(?<=[\u4e00-\u9fff，。、；：,;:])[ \t]*(?:[\x21-\x7e]{1,4}[ \t]+){2,}[\x21-\x7e]{1,4}[ \t]*"
    r"(?=[\u4e00-\u9fff])"
)


def _rules(items: list[dict]) -> tuple[Rule, ...]:
    return tuple((re.compile(d["re"]), d["why"]) for d in items)


def label_pattern(labels: list[str]) -> str:
    """Alternation of labels that tolerates letter-spacing (索 引 号)."""
    spaced = [r"\s*".join(map(re.escape, lab)) for lab in sorted(labels, key=len, reverse=True)]
    return "(?:" + "|".join(spaced) + ")"


@dataclass(frozen=True)
class JunkLexicon:
    """page_junk.yaml, compiled."""

    metadata_re: re.Pattern  # a metadata label at the start of a line
    label_re: re.Pattern  # a metadata label anywhere (followed by a value or a colon)
    start: tuple[Rule, ...]
    line: tuple[Rule, ...]
    edge: tuple[tuple[re.Pattern, re.Pattern, str], ...]  # (head, tail, why)
    keep: tuple[Rule, ...]
    short_max: int
    trailing_max: int
    farm_sep: re.Pattern
    farm_min: int
    farm_max_item: int
    crumb_sep: re.Pattern
    crumb_min: int
    crumb_max_item: int

    @classmethod
    def from_yaml(cls, d: dict) -> JunkLexicon:
        labels = label_pattern(d["metadata_labels"])
        after = r"(?=\s|[:：]|$|\d)"
        edge = tuple(
            (
                re.compile(rf"^{SEP}*(?:{e['re']})(?:{SEP}+|$)"),
                re.compile(rf"(?:^|(?<=[\s|｜•·。；;!！?？】\]])){SEP}*(?:{e['re']}){SEP}*$"),
                e["why"],
            )
            for e in d["edge"]
        )
        return cls(
            metadata_re=re.compile(rf"^\s*{labels}\s*{after}"),
            label_re=re.compile(rf"{labels}\s*{after}"),
            start=_rules(d["document_start"]),
            line=_rules(d["line"]),
            edge=edge,
            keep=_rules(d["keep"]),
            short_max=int(d["short_line_max"]),
            trailing_max=int(d["trailing_max_len"]),
            farm_sep=re.compile(d["link_farm_separators"]),
            farm_min=int(d["link_farm_min_items"]),
            farm_max_item=int(d["link_farm_max_item"]),
            crumb_sep=re.compile(d["breadcrumb_separators"]),
            crumb_min=int(d["breadcrumb_min_items"]),
            crumb_max_item=int(d["breadcrumb_max_item"]),
        )

    def is_metadata(self, line: str) -> bool:
        return bool(self.metadata_re.match(line))


def _key_len(line: str) -> int:
    return len(re.sub(r"\s+", "", line))


def _edge_cuts(line: str, lex: JunkLexicon) -> tuple[list[tuple[int, int, str]], str]:
    """Widget pieces at the start/end of ``line`` (repeatedly) and what is left."""
    a, b, cuts = 0, len(line), []
    changed = True
    while changed and a < b:
        changed = False
        seg = line[a:b]
        for head, tail, why in lex.edge:
            if (m := head.match(seg)) and m.end() > 0:
                cuts.append((a, a + m.end(), why))
                a, changed = a + m.end(), True
                break
            if (m := tail.search(seg)) and m.start() < len(seg):
                cuts.append((a + m.start(), b, why))
                b, changed = a + m.start(), True
                break
    return cuts, line[a:b]


def _shape(line: str, sep: re.Pattern, min_items: int, max_item: int) -> bool:
    """Many short items between separators, no sentence punctuation: a link farm."""
    if SENTENCE_PUNCT.search(line):
        return False
    items = [it.strip() for it in sep.split(line) if it.strip()]
    return len(items) >= min_items and all(len(it) <= max_item for it in items)


def _whole_line(line: str, rest: str, lex: JunkLexicon) -> str | None:
    """Why the whole line is junk, or None (``rest``: the line without its edge widgets)."""
    if lex.is_metadata(line) or LABEL_START.match(rest):
        return None
    if (
        _key_len(line) <= lex.short_max
        and not SENTENCE_PUNCT.search(line)
        and len(CLAUSE_PUNCT.findall(line)) <= 1  # a PDF line cut from a sentence is no widget
    ):
        for pattern, why in lex.line:
            if pattern.search(line):
                return why
    if _shape(line, lex.farm_sep, lex.farm_min, lex.farm_max_item):
        return "link farm (many short items between separators)"
    if _shape(line, lex.crumb_sep, lex.crumb_min, lex.crumb_max_item):
        return "breadcrumb navigation"
    return None


def _starts_document(line: str, lex: JunkLexicon) -> bool:
    return lex.is_metadata(line) or any(p.search(line) for p, _ in lex.start)


def _is_trailing_junk(line: str, lex: JunkLexicon) -> bool:
    """A short link-like line: no punctuation, no signature/date/label."""
    if _key_len(line) > lex.trailing_max or DOC_PUNCT.search(line) or lex.is_metadata(line):
        return False
    return not any(p.search(line) for p, _ in lex.keep)


def _classify(text: str, spans: list[tuple[int, int]], lex: JunkLexicon):
    """Per line: (whole-line reason or None, edge cuts)."""
    whole: dict[int, str] = {}
    cuts: dict[int, list[tuple[int, int, str]]] = {}
    for i, (s, e) in enumerate(spans):
        line = text[s:e]
        if not line.strip():
            continue
        found, rest = _edge_cuts(line, lex)
        if found and not re.sub(r"[\s|｜•·:：>\-]", "", rest):
            whole[i] = found[0][2]
        elif why := _whole_line(line, rest, lex):
            whole[i] = why
        elif found:
            cuts[i] = found
    return whole, cuts


def _head_and_tail(
    text: str, spans: list[tuple[int, int]], whole: dict[int, str], lex: JunkLexicon
) -> None:
    """Mark the lines before the document start and the trailing block of short lines."""
    live = [i for i, (s, e) in enumerate(spans) if text[s:e].strip() and i not in whole]
    first = next((i for i in live if _starts_document(text[slice(*spans[i])], lex)), None)
    if first is not None:
        for i in live:
            if i >= first:
                break
            whole[i] = "before the document starts (site header)"
    tail = []
    for i in reversed(live):
        if (first is not None and i <= first) or not _is_trailing_junk(text[slice(*spans[i])], lex):
            break
        tail.append(i)
    if len(tail) >= 2:
        whole.update({i: "short link-like line after the document ends" for i in tail})


def remove_inline_junk(mt: MappedText) -> None:
    """Cut forum anti-copy strings set inside the text (kind ``page-junk``)."""
    mt.sub("page-junk", JAMMER, _jammer, "forum anti-copy string (random ASCII tokens)")


def _jammer(m: re.Match) -> str | None:
    tokens = m.group(0).split()
    if all(t.isdigit() for t in tokens):  # letter-spaced digits (2 0 1 9 年) are text
        return None
    symbol = any(not ch.isalnum() for t in tokens for ch in t)
    return "" if symbol or len(tokens) >= 4 else None


def remove_page_junk(mt: MappedText, lex: JunkLexicon) -> None:
    """Cut page junk from ``mt`` (kind ``page-junk``)."""
    spans = mt.lines()
    whole, cuts = _classify(mt.text, spans, lex)
    _head_and_tail(mt.text, spans, whole, lex)
    edits = []
    for i, (s, e) in enumerate(spans):
        if i in whole:
            end = e + 1 if i + 1 < len(spans) else e
            edits.append(Edit(s, end, "", whole[i]))
        else:
            edits += [Edit(s + a, s + b, "", why) for a, b, why in cuts.get(i, [])]
    mt.apply("page-junk", edits)
