"""Clean (清洗): raw bytes → decoded :class:`RawText` → :class:`CleanText` with an offset map.

The cleaned text is the contract the parser relies on: simplified characters, ASCII
digits and letters, no page junk, one □ per span of injected spam, one paragraph per
line, headings and provisions each on their own line.  Steps, in this order::

    decode → encoding (BOM, control chars) → line endings → conversion artifacts (發(fā))
    → traditional→simplified (OpenCC t2s) → full-width digits/letters → page junk
    → line splits → strip lines, drop blank lines → line joins → spam → inner spaces

Spam is found by the lexicon's cues and by a character model of official Chinese
(:mod:`~guize.ingest.clean.oddity`) on joined lines (a PDF break inside a brand name does not hide it) while
the spaces that set a brand off (``合作市人民政府 三升体育平台印发``) are still there;
page junk comes before it, so a link farm of adult words goes as one page-junk line.

Every step edits a :class:`~guize.ingest.clean.offsets.MappedText`, so ``offsets`` maps
each cleaned character to the raw character it came from, and every removal or
replacement is in ``report``: the raw characters missing from the offset map are all
covered by report entries (nothing is dropped silently).

>>> raw = decode("第一章 總 則\\r\\n第一條 發(fā)展".encode(), "demo")
>>> clean(raw).text
'第一章总则\\n第一条发展'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import charset_normalizer
import opencc

from guize.assets import bundled
from guize.ingest.clean.junk import JunkLexicon, remove_inline_junk, remove_page_junk
from guize.ingest.clean.lines import join_lines, split_lines, strip_lines, tighten_spaces
from guize.ingest.clean.oddity import load_model
from guize.ingest.clean.offsets import Edit, MappedText
from guize.ingest.clean.spam import SpamLexicon, remove_spam
from guize.ingest.errors import IngestError
from guize.ingest.model import CLEANING_KINDS, SPAM_PLACEHOLDER, CleanText, RawText
from guize.yamltext import load_yaml

#: The lexicon guize ships with (``data/lexicon`` in a checkout).
LEXICON_DIR = bundled("lexicon")

#: Fewest CJK characters, and least share of CJK among letters, of a Chinese text.
MIN_CJK, MIN_CJK_SHARE = 10, 0.3
CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u00ad\u200b-\u200d\u2060\ufeff\ufffe]")
#: ``?`` standing for lost full-width spaces: two or more between Chinese characters, or
#: any number indenting a line (a text never starts a line with a question mark).
LOST_SPACES = re.compile(r"(?m)(?<=[\u4e00-\u9fff])\?{2,}(?=[\u4e00-\u9fff])|^[ \t]*\?+(?=[^\s?])")
LINE_ENDING = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
ARTIFACT = re.compile(
    rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[（(]\s*(?=[a-z{TONE}\u0300-\u030c]*[{TONE}\u0300-\u030c])"
    rf"[a-z{TONE}\u0300-\u030c]{{1,8}}\s*[)）]"
)
FULL_WIDTH = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


@dataclass(frozen=True)
class Lexicon:
    """The cleaner's hand-kept lexicons (data/lexicon/*.yaml), compiled."""

    junk: JunkLexicon
    spam: SpamLexicon


@lru_cache(maxsize=8)
def _load(directory: str) -> Lexicon:
    folder = Path(directory)
    read = lambda name: load_yaml(folder.joinpath(name).read_text(encoding="utf-8"))  # noqa: E731
    return Lexicon(
        JunkLexicon.from_yaml(read("page_junk.yaml")), SpamLexicon.from_yaml(read("spam.yaml"))
    )


def load_lexicon(dir: Path | str = LEXICON_DIR) -> Lexicon:  # noqa: A002 - the brief's name
    """Read and compile ``page_junk.yaml`` and ``spam.yaml`` from ``dir`` (cached).

    :raises OSError: if a file is missing; :raises yaml.YAMLError: if one is not YAML.
    """
    return _load(str(Path(dir).resolve()))


# --- decode ---------------------------------------------------------------------------


def _line_at(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def _plausible(text: str) -> bool:
    """Decoded text that looks like text: few control chars, mostly common characters."""
    if not text or len(CONTROL.findall(text)) > len(text) * 0.005:
        return False
    common = sum(
        1 for ch in text if ch.isascii() or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
    )
    return common >= 0.9 * len(text)


def _decode_bytes(data: bytes, doc_id: str) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if (nul := data.find(b"\x00")) >= 0:
        raise IngestError(
            "decode",
            "binary input (NUL byte), not a text file",
            doc_id=doc_id,
            line=_line_at(data, nul),
            position=nul,
        )
    try:
        text = data.decode("utf-8")
        return text, "utf-8-sig" if text.startswith("\ufeff") else "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    for encoding in ("gb18030",):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, encoding
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and _plausible(str(best)):
        return str(best), best.encoding
    raise IngestError(
        "decode",
        "undecodable bytes: neither UTF-8 nor GB18030 nor a detectable encoding",
        doc_id=doc_id,
        line=_line_at(data, bad),
        position=bad,
    )


def decode(data: bytes, doc_id: str, path: str | None = None) -> RawText:
    """Decode a document's bytes: UTF-8 (a BOM stays as character 0), else GB18030.

    :raises IngestError: (stage ``decode``) for empty, binary or undecodable input, or
        text that is not Chinese (too few CJK characters).
    """
    if not data.strip():
        raise IngestError(
            "decode", "empty input" if not data else "input is only whitespace", doc_id=doc_id
        )
    text, encoding = _decode_bytes(data, doc_id)
    cjk = len(CJK_RE.findall(text))
    letters = sum(1 for ch in text if ch.isalpha())
    if cjk < MIN_CJK or cjk < MIN_CJK_SHARE * letters:
        raise IngestError(
            "decode",
            f"not Chinese text: {cjk} CJK characters among {letters} letters "
            f"(need at least {MIN_CJK} and {MIN_CJK_SHARE:.0%})",
            doc_id=doc_id,
        )
    return RawText(doc_id=doc_id, text=text, encoding=encoding, path=path)


# --- character-level steps ------------------------------------------------------------


def _encoding(mt: MappedText) -> None:
    mt.sub("encoding", LOST_SPACES, " ", "question marks standing for lost spaces")
    mt.sub("encoding", CONTROL, "", "byte-order mark, control or invisible character")


def _line_endings(mt: MappedText) -> None:
    mt.sub("line-ending", LINE_ENDING, "\n", "CR, CRLF or page/line separator normalised to LF")


def _artifacts(mt: MappedText) -> None:
    mt.sub(
        "conversion-artifact", ARTIFACT, "", "pinyin left after a character by a broken conversion"
    )


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _simplify_line(line: str, offset: int) -> list[Edit]:
    """Edits turning ``line`` simplified: runs of changed characters, same length."""
    converted = _t2s().convert(line)
    if len(converted) != len(line):  # a phrase changed length: convert char by char
        converted = "".join(c if len(c := _t2s().convert(ch)) == 1 else ch for ch in line)
    edits, i = [], 0
    while i < len(line):
        if line[i] == converted[i]:
            i += 1
            continue
        j = i
        while j < len(line) and line[j] != converted[j]:
            j += 1
        edits.append(Edit(offset + i, offset + j, converted[i:j], "OpenCC t2s"))
        i = j
    return edits


def _traditional(mt: MappedText) -> None:
    edits = [ed for s, e in mt.lines() for ed in _simplify_line(mt.text[s:e], s)]
    mt.apply("traditional-to-simplified", edits)


def _width(mt: MappedText) -> None:
    to_ascii = lambda m: "".join(chr(ord(c) - 0xFEE0) for c in m.group(0))  # noqa: E731
    mt.sub("punctuation", FULL_WIDTH, to_ascii, "full-width digits/letters to ASCII")


# --- the stage ------------------------------------------------------------------------


def clean(raw: RawText, lexicon: Lexicon | None = None, *, statistical: bool = True) -> CleanText:
    """Clean a decoded document; see the module docstring for the steps and the contract.

    ``statistical=False`` leaves out the character model's spam detector (the lexicon's
    cues still apply): for training the model and for measuring what it adds.
    """
    lex = lexicon or load_lexicon()
    mt = MappedText(raw.text)
    _encoding(mt)
    _line_endings(mt)
    _artifacts(mt)
    _traditional(mt)
    _width(mt)
    remove_inline_junk(mt)
    remove_page_junk(mt, lex.junk)
    split_lines(mt, lex.junk)
    strip_lines(mt)
    join_lines(mt, lex.junk)
    remove_inline_junk(mt)  # again: a PDF break may have cut an anti-copy string in two
    remove_spam(mt, lex.spam, load_model() if statistical else None)
    tighten_spaces(mt, lex.junk)
    spam_starts = {e.raw_span[0] for e in mt.report if e.kind == "spam"}
    spam_spans = tuple(
        (i, i + 1)
        for i, ch in enumerate(mt.text)
        if ch == SPAM_PLACEHOLDER and mt.starts[i] in spam_starts
    )
    return CleanText(
        raw=raw,
        text=mt.text,
        offsets=tuple(mt.starts),
        report=tuple(mt.report),
        spam_spans=spam_spans,
        raw_ends=tuple(mt.ends),
    )


def cleaning_summary(clean_text: CleanText) -> dict[str, int]:
    """How many report entries of each kind (every kind listed, zero included)."""
    counts = Counter(e.kind for e in clean_text.report)
    return {kind: counts.get(kind, 0) for kind in CLEANING_KINDS}
