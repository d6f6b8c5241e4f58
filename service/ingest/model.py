"""Typed values passed between the ingest stages (clean → parse → extract → to_rdf).

Offsets: every ``raw_span`` is a half-open ``[start, end)`` pair of *character*
offsets into :attr:`RawText.text`, the raw file decoded to a Python string (a
UTF-8 byte-order mark, when present, is character 0).  Spans called ``span``
(without ``raw_``) are offsets into :attr:`CleanText.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]

#: Kinds of entry in a cleaning report (清洗报告).
CLEANING_KINDS = (
    "encoding",  # byte-order mark, control characters
    "line-ending",  # CR / CRLF normalised to LF
    "whitespace",  # spaces removed or collapsed, blank lines, letter-spacing
    "line-join",  # a line break inside a sentence removed
    "line-split",  # a line break inserted before an inline heading or provision
    "traditional-to-simplified",  # 繁→简 conversion (OpenCC)
    "conversion-artifact",  # 發(fā): pinyin left after a character by a broken conversion
    "page-junk",  # navigation, share widgets, QR prompts, attachment links, link farms, footers
    "spam",  # injected words foreign to government text (betting, streaming, adult…)
    "punctuation",  # full-width/half-width normalisation of punctuation and digits
)


@dataclass(frozen=True)
class RawText:
    """A source document as read from disk (原文)."""

    doc_id: str  # stable local key of the source (file stem or sources.yaml id)
    text: str  # decoded text, verbatim
    encoding: str  # the encoding that decoded it: utf-8, utf-8-sig, gb18030
    path: str | None = None


@dataclass(frozen=True)
class CleaningEntry:
    """One removal or replacement made by the cleaner."""

    kind: str  # one of CLEANING_KINDS
    raw_span: Span  # what it touched in the raw text
    text: str  # the raw text that was removed or replaced
    replacement: str = ""  # what stands in the cleaned text instead ("" = removed)
    note: str = ""  # why, e.g. the pattern or lexicon entry that fired

    def as_json(self) -> dict:
        out = {"kind": self.kind, "raw_span": list(self.raw_span), "text": self.text}
        if self.replacement:
            out["replacement"] = self.replacement
        if self.note:
            out["note"] = self.note
        return out


#: Character that stands in the cleaned text for a span of detected spam.
SPAM_PLACEHOLDER = "□"


@dataclass(frozen=True)
class CleanText:
    """Cleaned, simplified text with an offset map back to the raw text (清洗后文本)."""

    raw: RawText
    text: str
    # offsets[i] is the raw offset of text[i]; len(offsets) == len(text) + 1 and the
    # last element is len(raw.text), so slicing arithmetic works at the end too.
    offsets: tuple[int, ...]
    report: tuple[CleaningEntry, ...]
    # spans (in the cleaned text) that stand for detected spam, each a SPAM_PLACEHOLDER
    spam_spans: tuple[Span, ...] = ()
    # raw_ends[i] is the raw (exclusive) end of what text[i] stands for: a □ covers a
    # whole spam span, a "\n" may stand for "\r\n".  Empty means one raw char each.
    raw_ends: tuple[int, ...] = ()

    @property
    def doc_id(self) -> str:
        return self.raw.doc_id

    def raw_span(self, start: int, end: int) -> Span:
        """Map a cleaned span to the raw span it came from."""
        if end <= start:
            pos = self.offsets[start]
            return (pos, pos)
        if self.raw_ends:
            return (self.offsets[start], max(self.raw_ends[start:end]))
        return (self.offsets[start], self.offsets[end - 1] + 1)


@dataclass(frozen=True)
class Repeal:
    """An earlier document this one repeals (废止)."""

    doc_number: str | None  # 文号, normalised, e.g. 合政发〔2018〕114号
    date: str | None  # ISO date the repealed document was issued, when stated
    title: str | None = None


@dataclass(frozen=True)
class Notice:
    """The issuing notice (印发通知) and page metadata of a document."""

    issuer: str | None = None  # 发文机关, e.g. 济宁市人民政府
    doc_number: str | None = None  # 文号 with normalised brackets 〔〕
    title: str | None = None  # the notice's title
    date: str | None = None  # 成文日期, ISO 8601
    published: str | None = None  # 发布日期 of the page, ISO 8601 (may be a re-post)
    adopted_by: str | None = None  # the meeting that adopted the rules
    adopted_date: str | None = None
    recipients: tuple[str, ...] = ()  # 主送机关
    repeals: tuple[Repeal, ...] = ()
    status: str = "unknown"  # in-force | expired | unknown (有效性)
    superseded_by: tuple[str, ...] = ()  # 文号 of what replaced it
    index_number: str | None = None  # 索引号
    span: Span | None = None  # cleaned span of the notice text
    notes: tuple[str, ...] = ()  # how a damaged signing date was read, or why it was not


@dataclass(frozen=True)
class Item:
    """An enumerated item （一）(二)… inside a paragraph (目)."""

    number: int
    label: str  # as written, e.g. （三）
    text: str
    span: Span


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (款) of a provision."""

    number: int  # 1-based
    text: str
    span: Span
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Provision:
    """A provision (条): 第十二条 or 十二、."""

    number: int
    label: str  # as written: 第十二条 / 十二、
    chapter: int | None
    text: str  # full text without the label
    span: Span  # cleaned span including the label
    raw_span: Span
    paragraphs: tuple[Paragraph, ...] = ()


@dataclass(frozen=True)
class Chapter:
    """A chapter (章)."""

    number: int
    label: str  # as written: 第三章
    title: str | None  # None when missing
    title_status: str  # ok | missing | damaged (spam inside, or cut)
    span: Span  # cleaned span of the heading line
    raw_span: Span
    provisions: tuple[int, ...] = ()


@dataclass(frozen=True)
class SourceInfo:
    """What data/raw/sources.yaml says of a document (all optional)."""

    doc_id: str
    government: str | None = None
    place: str | None = None
    level: str | None = None
    province: str | None = None
    url: str | None = None
    retrieved: str | None = None
    defects: tuple[str, ...] = ()
    notes: str | None = None


@dataclass(frozen=True)
class Metadata:
    """Resolved metadata of a document: from the text, with sources.yaml filling gaps."""

    issuer: str | None
    doc_number: str | None
    date: str | None
    adopted_by: str | None
    repeals: tuple[Repeal, ...]
    status: str
    superseded_by: tuple[str, ...]
    place: str | None  # e.g. 济宁市
    level: (
        str | None
    )  # national | provincial | prefecture-city | autonomous-prefecture | county-city | county | district | township
    province: str | None
    head_title: str | None  # 总理 / 省长 / 市长 / 县长 / 区长 …
    division_code: str | None = None  # 行政区划代码 of the place (620922), from the gazetteer

    def as_json(self) -> dict:
        return {
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "date": self.date,
            "adopted_by": self.adopted_by,
            "repeals": [r.doc_number for r in self.repeals if r.doc_number],
            "repealed_documents": [
                {"doc_number": r.doc_number, "date": r.date, "title": r.title} for r in self.repeals
            ],
            "status": self.status,
            "superseded_by": list(self.superseded_by),
            "place": self.place,
            "level": self.level,
            "province": self.province,
            "head_title": self.head_title,
            "division_code": self.division_code,
        }


@dataclass(frozen=True)
class ParsedDocument:
    """A document structured into notice, chapters, provisions, paragraphs and items."""

    clean: CleanText
    title: str | None  # title of the rules, e.g. 济宁市人民政府工作规则
    notice: Notice
    metadata: Metadata
    chapters: tuple[Chapter, ...]
    provisions: tuple[Provision, ...]
    numbering_style: str  # article (第十二条) | enumerated (十二、)
    body_span: Span  # cleaned span of the rules body
    warnings: tuple[str, ...] = ()
    source: SourceInfo | None = None
    complete: bool = True  # False: an excerpt (a page cut mid-document); the warnings say why

    @property
    def doc_id(self) -> str:
        return self.clean.doc_id


@dataclass
class IngestResult:
    """What the pipeline produced for one document, for the CLI and the store."""

    doc_id: str
    parsed: ParsedDocument | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
