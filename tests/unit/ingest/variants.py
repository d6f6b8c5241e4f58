"""Generators of variant texts for ingest tests: the seeds' defects, made on purpose.

Each function takes a (usually simplified, clean-ish) document text and returns a text
with one kind of damage that real scraped pages show, so a test can check that the
cleaner undoes it: traditional characters with pinyin conversion artifacts (發(fā)), PDF
line breaks inside sentences, injected spam brands, other sites' page junk, and byte
encodings (BOM, CRLF, GB18030).  All are deterministic.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import opencc
from pypinyin import Style, pinyin

#: data/raw/ and the six real documents in it (five seeds and the State Council's 2004 rules).
RAW_DIR = Path(__file__).resolve().parents[3] / "data" / "raw"
SEED_NAMES = tuple(sorted(p.name for p in RAW_DIR.glob("*.txt")))

CJK = re.compile(r"[\u4e00-\u9fff]")
TONE_MARKS = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
PROVISION_START = re.compile(
    r"^\s*(第[一二三四五六七八九十百零]+条|[一二三四五六七八九十百零]+、|[（(][一二三四五六七八九十]+[)）])"
)
CLAUSE = re.compile(r"[，、；,;]")
#: A piece of a broken line without clause punctuation must not end like a title or a date.
BAD_PIECE_END = re.compile(r"(通知|规则|规定|办法|决定|意见|细则|方案|章程|[年月日号])$")
#: …nor may the next piece start like a label or a date.
BAD_PIECE_START = re.compile(r"^(第|[一二三四五六七八九十百零〇○]+[、年]|[（(])")

#: Other sites' page junk, for :func:`wrap_in_junk`.
HEADER_JUNK = (
    "欢迎访问某某市人民政府门户网站",
    "首页 | 政务公开 | 政务服务 | 互动交流 | 走进某某",
    "您现在的位置：首页 > 政府信息公开 > 政策文件 > 市政府文件",
    "【字体：大 中 小】 【打印】 【关闭】",
    "分享到：微信 微博 QQ空间",
    "  ",
)
FOOTER_JUNK = (
    "上一篇：关于印发某某市政府投资项目管理办法的通知",
    "下一篇：关于做好今年防汛工作的通知",
    "【打印本页】 【关闭窗口】",
    "扫码在手机上查看",
    "网站地图 | 联系我们 | 隐私声明 | 网站纠错",
    "主办单位：某某市人民政府办公室 承办单位：某某市大数据中心",
    "网站标识码：1234000001 皖ICP备12345678号 皖公网安备34010002000001号",
    "市情概况",
    "领导信息",
    "机构设置",
)


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """Simplified → traditional (OpenCC s2t)."""
    return _converter("s2t").convert(text)


def reading(char: str) -> str | None:
    """The tone-marked pinyin of a character (None for a neutral tone or a non-character)."""
    if not CJK.match(char):
        return None
    syllable = pinyin(char, style=Style.TONE)[0][0]
    return syllable if TONE_MARKS.search(syllable) else None


def add_pinyin_artifacts(text: str, every: int = 5) -> str:
    """Insert ``(pinyin)`` after every ``every``-th Chinese character (發(fā)), like a broken
    traditional conversion; every third artifact uses full-width parentheses."""
    out, count, made = [], 0, 0
    for ch in text:
        out.append(ch)
        if CJK.match(ch):
            count += 1
            if count % every == 0 and (syl := reading(ch)):
                made += 1
                out.append(f"（{syl}）" if made % 3 == 0 else f"({syl})")
    return "".join(out)


def traditional_with_artifacts(text: str, every: int = 5) -> str:
    """Traditional characters with pinyin artifacts, like seed 001."""
    return add_pinyin_artifacts(to_traditional(text), every)


def _break_line(line: str, width: int, blank: bool) -> str:
    pieces, last = [], 0
    for i in range(1, len(line)):
        if i - last < width or not (CJK.match(line[i - 1]) and CJK.match(line[i])):
            continue
        piece = _converter("t2s").convert(line[last:i])
        if (BAD_PIECE_END.search(piece) and not CLAUSE.search(piece)) or BAD_PIECE_START.match(
            line[i:]
        ):
            continue
        pieces.append(line[last:i])
        last = i
    pieces.append(line[last:])
    return ("\n\n" if blank else "\n").join(pieces)


def pdf_breaks(text: str, width: int = 30, blank: bool = True) -> str:
    """Break provision lines about every ``width`` characters between two Chinese
    characters (with a blank line between the pieces when ``blank``), like seed 002."""
    return "\n".join(
        _break_line(line, width, blank) if PROVISION_START.match(line) else line
        for line in text.split("\n")
    )


def inject(text: str, context: str, old: str, new: str) -> str:
    """Replace ``old`` by ``new`` inside the first occurrence of ``context``.

    :raises ValueError: if ``context`` (containing ``old``) is not in ``text``.
    """
    if context not in text or old not in context:
        raise ValueError(f"context {context!r} not found")
    return text.replace(context, context.replace(old, new, 1), 1)


def wrap_in_junk(text: str, header=HEADER_JUNK, footer=FOOTER_JUNK) -> str:
    """Other sites' header lines before the text and footer lines after it."""
    return "\n".join([*header, text.rstrip("\n"), *footer]) + "\n"


def with_bom_and_crlf(text: str) -> bytes:
    """UTF-8 bytes with a byte-order mark and CRLF line endings."""
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


def gb18030_bytes(text: str) -> bytes:
    """The text encoded in GB18030 (a superset of GBK)."""
    return text.encode("gb18030")
