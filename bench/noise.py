"""Realistic noise for ingest tests and benchmarks: seeded, deterministic, nothing stored.

Every generator takes a document text (the cleaner's output of a document in data/raw:
one paragraph per line, the form a well-made page has) and a :class:`random.Random`, and
returns a damaged copy, as texts from other governments' sites and PDFs come:

* :func:`pdf_reflow`: paragraphs cut every 30–40 characters wherever they fall (inside a
  word, after a full stop, inside a label 第十|二条), page numbers (— 3 —, -3-, 第 3 页)
  and blank lines between the pieces;
* :func:`inject_spam`: a generated brand (:func:`brand`: Latin letters, digits and Chinese
  mixed, never a string of the spam lexicon) put where a word of a provision stood;
* :func:`mirror_junk`: forum anti-copy strings inside lines, a "download the app" paywall
  line, a porn/SEO header line, ``?`` where full-width spaces stood;
* :func:`damage_date`: the notice's signing date lost its 年月日, letter-spaced, written
  with 〇/○/零, moved into the notice's closing line, or beside a later publication date;
* numbering traps: :func:`bare_headings` (会议制度 without 第X章), :func:`run_headings`
  (a heading run into the first provision), :func:`run_provisions` (several provisions on
  one line), :func:`label_typo` (二十九条 in a 一、二、 series), :func:`traditional`.

Each returns the new text, or None when the document offers no place for that damage
(no chapters, no signing date …).  :func:`inject_spam` also returns what it replaced.
"""

from __future__ import annotations

import difflib
import random
import re
import string
from dataclasses import dataclass

import opencc

from guize.ingest.numerals import iso_date

CJK = re.compile(r"[\u4e00-\u9fff]")
ARTICLE_LINE = re.compile(r"^第[一二三四五六七八九十百零〇]+条")
ENUM_LINE = re.compile(r"^(?P<num>[一二三四五六七八九十百零]+)、")
CHAPTER_LINE = re.compile(r"^第[一二三四五六七八九十]+章\s*(?P<title>\S{2,15})$")
LABEL = re.compile(
    r"^(第[一二三四五六七八九十百零〇]+条|[一二三四五六七八九十百零]+、|[（(][一二三四五六七八九十]+[)）])"
)
DATE_LINE = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
CN_DATE_LINE = re.compile(
    r"^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$"
)
FIELD = re.compile(
    r"^(索引号|发布机构|发文机关|标题|文号|发文字号|时效|有效性|成文日期|发布日期|发布时间|主题)"
)
ISSUER = re.compile(r"[\u4e00-\u9fff]{2,20}(人民政府|国务院|政府|行政公署)")
DIGITS_CN = "〇一二三四五六七八九"

#: Characters brand names are made of (sound and luck words), and what follows them.
BRAND_CHARS = "乐鱼虎豹凯宝星博亚鸭蜜桃抖快火猫兔龙鑫盈赢欧爱秀酷豆糖橙芒果狐狸熊猴牛马鹿鲨鲸趣嗨哆啦咪喵奇迹尊爵鼎"
BRAND_TAILS = (
    "体育",
    "直播",
    "视频",
    "娱乐",
    "电竞",
    "影视",
    "传媒",
    "短视频",
    "TV",
    "tv",
    "app",
    "APP",
    "平台",
    "社区",
    "会所",
)
PAGE_NUMBERS = ("— {n} —", "-{n}-", "第 {n} 页", "－ {n} －", "第{n}页 共{t}页", "{n}")
PAYWALL = (
    "下载APP，阅读全文",
    "打开App查看剩余全文",
    "剩余80%内容，下载客户端继续阅读",
    "展开全文 ▼ 打开APP阅读",
)
SEO_WORDS = ("亚洲无码", "日韩精品", "午夜福利", "在线观看", "免费视频", "国产精品", "高清在线")
JAMMER = string.ascii_letters + string.digits + "$%&*#@^~[]{}|+;:'/-.,"


def _rng(seed: int | str) -> random.Random:
    return random.Random(str(seed))


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def brand(rng: random.Random, avoid: re.Pattern | None = None) -> str:
    """A made-up spam brand mixing Latin letters, digits and Chinese (k8凯发娱乐, 9鱼TV …);
    never one that ``avoid`` (the spam lexicon's strong cues) matches."""
    while True:
        latin = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, 3)))
        digits = str(rng.randint(1, 999))
        name = "".join(rng.choice(BRAND_CHARS) for _ in range(rng.randint(1, 2)))
        tail = rng.choice(BRAND_TAILS)
        parts = rng.choice(
            [
                (latin, name, tail),
                (digits, name, tail),
                (name, digits, tail),
                (latin.upper(), digits, name),
                (name, latin, digits),
                (latin, digits, name, tail),
            ]
        )
        made = "".join(parts)
        if avoid is None or not avoid.search(made):
            return made


def _cut_points(line: str, rng: random.Random) -> list[int]:
    points, pos = [], 0
    while pos + 40 < len(line):
        pos += rng.randint(30, 40)
        points.append(pos)
    return points


def pdf_reflow(text: str, rng: random.Random) -> str:
    """Cut long lines every 30–40 characters, split some labels, add page numbers."""
    out: list[str] = []
    page, per_page, total = 1, rng.randint(28, 40), 1 + text.count("\n") // 30
    style = rng.choice(PAGE_NUMBERS)
    for line in lines_of(text):
        if FIELD.match(line):  # a page's metadata table is not part of a PDF's text
            out.append(line)
            continue
        pieces = []
        label = re.match(r"^第[一二三四五六七八九十百]{2,}条", line)
        if label and rng.random() < 0.3:  # 第十|二条: a break inside the label
            k = rng.randint(2, label.end() - 1)
            pieces.append(line[:k])
            line = line[k:]
        last = 0
        for p in _cut_points(line, rng):
            pieces.append(line[last:p])
            last = p
        pieces.append(line[last:])
        for piece in pieces:
            out.append(piece)
            if len(out) % per_page == 0:
                page += 1
                out += ["", style.format(n=page, t=total), ""]
    return "\n".join(out)


def _word_slot(line: str, rng: random.Random) -> tuple[int, int] | None:
    """A 2–3 character run of Chinese characters inside a provision's sentence."""
    m = LABEL.match(line)
    start = m.end() + 2 if m else 2
    slots = [
        i for i in range(start, len(line) - 4) if all(CJK.match(c) for c in line[i - 1 : i + 4])
    ]
    if not slots:
        return None
    i = rng.choice(slots)
    return i, i + rng.randint(2, 3)


def inject_spam(
    text: str, rng: random.Random, made: str, where: str = "provision"
) -> tuple[str, int, str, int] | None:
    """Put ``made`` where a word of a provision line stood; (text, line index, old word,
    where the old word started in its line)."""
    lines = lines_of(text)
    candidates = [k for k, ln in enumerate(lines) if LABEL.match(ln) and len(ln) > 20]
    if where == "paragraph":
        candidates = [k for k, ln in enumerate(lines) if not LABEL.match(ln) and len(ln) > 30]
    if not candidates:
        return None
    k = rng.choice(candidates)
    slot = _word_slot(lines[k], rng)
    if slot is None:
        return None
    old = lines[k][slot[0] : slot[1]]
    sep = rng.choice(["", "", " "])
    lines[k] = lines[k][: slot[0]] + sep + made + sep + lines[k][slot[1] :]
    return "\n".join(lines), k, old, slot[0]


def _jammer(rng: random.Random) -> str:
    tokens = [
        "".join(rng.choice(JAMMER) for _ in range(rng.randint(1, 2)))
        for _ in range(rng.randint(3, 6))
    ]
    k = rng.randrange(len(tokens))
    tokens[k] += rng.choice("$%&*#@^~[]{}|+;:'/-.,")  # a forum jammer always has symbols
    return " ".join(tokens)


def mirror_junk(text: str, rng: random.Random) -> str:
    """Forum anti-copy strings, a paywall line, an SEO header line, ``?`` for spaces."""
    lines = lines_of(text)
    body = [k for k, ln in enumerate(lines) if LABEL.match(ln) and len(ln) > 30]
    for k in rng.sample(body, min(4, len(body))):
        ln = lines[k]
        i = rng.randint(len(ln) // 3, 2 * len(ln) // 3)
        while i < len(ln) and not (CJK.match(ln[i - 1]) and CJK.match(ln[i])):
            i += 1
        lines[k] = ln[:i] + _jammer(rng) + ln[i:]
    for k in rng.sample(range(len(lines)), min(12, len(lines))):
        if lines[k]:
            lines[k] = "??" + lines[k]
    seo = (
        "_".join(rng.sample(SEO_WORDS, 3)) + "_" + rng.choice(["最新地址", "永久网址", "点击进入"])
    )
    after = rng.randint(len(lines) // 3, 2 * len(lines) // 3)
    while (
        after < len(lines)
        and not ENUM_LINE.match(lines[after])
        and not ARTICLE_LINE.match(lines[after])
    ):
        after += 1
    lines.insert(after, rng.choice(PAYWALL))
    lines.insert(after + 1, "")
    return "\n".join([seo, *lines])


def _date_index(lines: list[str]) -> int | None:
    """The notice's signing date: a line that is a date right after the issuer's line,
    within the first 40 lines (a page's 成文日期 value is not the signature)."""
    for k, ln in enumerate(lines[1:40], start=1):
        if (DATE_LINE.match(ln) or CN_DATE_LINE.match(ln)) and (
            ISSUER.fullmatch(lines[k - 1]) or lines[k - 1].endswith("。")
        ):
            return k
    return None


def _cn_year(y: str, zero: str) -> str:
    return "".join(DIGITS_CN[int(c)] for c in y).replace("〇", zero)


def _cn_small(n: int) -> str:
    if n < 10:
        return DIGITS_CN[n]
    return ("十" if n < 20 else DIGITS_CN[n // 10] + "十") + (DIGITS_CN[n % 10] if n % 10 else "")


def damage_date(text: str, rng: random.Random, how: str) -> str | None:
    """Damage the notice's signing date line one way (``how``): digits, spaced, zero,
    closing (moved to the end of the line before), published (a later page date added)."""
    lines = lines_of(text)
    k = _date_index(lines)
    if k is None:
        return None
    if m := DATE_LINE.match(lines[k]):
        y, mo, d = m["y"], int(m["m"]), int(m["d"])
    else:  # 二○一一年七月十三日
        iso = iso_date(lines[k])
        y, mo, d = iso[:4], int(iso[5:7]), int(iso[8:])
    if how == "digits":  # 年月日 lost in conversion: 2018年2月11日 → 2018211
        lines[k] = f"{y}{mo}{d}"
    elif how == "spaced":
        lines[k] = " ".join(f"{y}年{mo}月{d}日")
    elif how == "zero":
        zero = rng.choice([z for z in "〇○零O" if z not in lines[k]])
        lines[k] = f"{_cn_year(y, zero)}年{_cn_small(mo)}月{_cn_small(d)}日"
    elif how == "closing":  # the date only at the end of the notice's closing line
        before = k - 1
        while before > 0 and not lines[before].endswith("。"):
            before -= 1
        if before <= 0:
            return None
        moved = lines.pop(k)
        if ISSUER.fullmatch(lines[k - 1]):  # the issuer's line goes along with the date
            moved = lines.pop(k - 1) + rng.choice(["", " "]) + moved
        lines[before] = lines[before] + rng.choice(["", " ", "  "]) + moved
    elif how == "published":  # a later publication date of the page beside it
        later = f"{int(y) + rng.randint(0, 1)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        lines.insert(0, f"发布时间：{later} 来源：某某网 浏览次数：{rng.randint(10, 999)}")
    else:
        raise ValueError(how)
    return "\n".join(lines)


DATE_DAMAGE = ("digits", "spaced", "zero", "closing", "published")


def bare_headings(text: str, rng: random.Random) -> str | None:
    """Chapter headings without 第X章: a bare 会议制度 line."""
    lines = lines_of(text)
    hits = [k for k, ln in enumerate(lines) if CHAPTER_LINE.match(ln)]
    if len(hits) < 3:
        return None
    for k in hits:
        lines[k] = CHAPTER_LINE.match(lines[k])["title"]
    return "\n".join(lines)


def run_headings(text: str, rng: random.Random) -> str | None:
    """Each chapter heading run into the provision after it (第一章 总则第一条 为了…)."""
    lines = lines_of(text)
    hits = [k for k, ln in enumerate(lines) if CHAPTER_LINE.match(ln) and k + 1 < len(lines)]
    if not hits:
        return None
    for k in reversed(hits):
        lines[k : k + 2] = [lines[k] + rng.choice(["", " "]) + lines[k + 1]]
    return "\n".join(lines)


def run_provisions(text: str, rng: random.Random) -> str | None:
    """Several provisions on one line: some provision lines joined to the one before."""
    lines = lines_of(text)
    hits = [
        k
        for k in range(1, len(lines))
        if LABEL.match(lines[k])
        and not lines[k].startswith(("（", "("))
        and lines[k - 1].endswith("。")
        and LABEL.match(lines[k - 1])
    ]
    if len(hits) < 4:
        return None
    for k in sorted(rng.sample(hits, len(hits) // 3), reverse=True):
        lines[k - 1 : k + 1] = [lines[k - 1] + rng.choice(["", " "]) + lines[k]]
    return "\n".join(lines)


def label_typo(text: str, rng: random.Random) -> str | None:
    """In a 一、二、 series, one label written 二十九条 (or 第二十九条)."""
    lines = lines_of(text)
    hits = [k for k, ln in enumerate(lines) if ENUM_LINE.match(ln)]
    if len(hits) < 10:
        return None
    k = rng.choice(hits[2:])
    m = ENUM_LINE.match(lines[k])
    lines[k] = (
        rng.choice(["", "第"]) + m["num"] + "条" + rng.choice(["", " "]) + lines[k][m.end() :]
    )
    return "\n".join(lines)


def traditional(text: str, rng: random.Random) -> str:
    """The whole text in traditional characters (第十條)."""
    return opencc.OpenCC("s2t").convert(text)


def excerpt(text: str, rng: random.Random) -> tuple[str, int] | None:
    """The page cut inside a provision in the second half; (text, line index of the cut)."""
    lines = lines_of(text)
    body = [k for k, ln in enumerate(lines) if LABEL.match(ln) and len(ln) > 40]
    body = body[len(body) // 2 :]
    if not body:
        return None
    k = rng.choice(body)
    cut = rng.randint(15, len(lines[k]) - 10)
    while cut < len(lines[k]) and not CJK.match(lines[k][cut - 1]):
        cut += 1
    return "\n".join([*lines[:k], lines[k][:cut]]), k


#: The kinds of whole-document noise, by name, for tests and bench.
KINDS = {
    "pdf-reflow": pdf_reflow,
    "mirror-junk": mirror_junk,
    "bare-headings": bare_headings,
    "run-headings": run_headings,
    "run-provisions": run_provisions,
    "label-typo": label_typo,
    "traditional": traditional,
}


def variant(kind: str, text: str, seed: int | str) -> str | None:
    """The ``kind`` variant of ``text`` made with ``seed`` (None: no place for it)."""
    if kind.startswith("date-"):
        return damage_date(text, _rng(seed), kind.removeprefix("date-"))
    return KINDS[kind](text, _rng(seed))


def similarity(a: str, b: str) -> float:
    """Text similarity of two provisions (difflib ratio, 1.0 when equal)."""
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def differences(original, got, expected_text: dict[int, str] | None = None, min_sim: float = 0.97):
    """What differs between two parsed documents: provision numbers, a provision text less
    similar than ``min_sim`` (``expected_text`` overrides the original's text by number),
    chapter numbers, notice metadata.  An empty list: the same document."""
    expected_text = expected_text or {}
    out = []
    a = [p.number for p in original.provisions]
    b = [p.number for p in got.provisions]
    if a != b:
        missing = sorted(set(a) - set(b))[:5]
        extra = sorted(set(b) - set(a))[:5]
        out.append(f"provisions {len(a)} → {len(b)} (missing {missing}, extra {extra})")
    by_number = {p.number: p for p in got.provisions}
    for p in original.provisions:
        q = by_number.get(p.number)
        want = expected_text.get(p.number, p.text)
        if q is not None and (s := similarity(want, q.text)) < min_sim:
            out.append(f"{p.label} similarity {s:.3f}: {q.text[:60]!r}")
    ca = [(c.number, c.title) for c in original.chapters]
    cb = [(c.number, c.title) for c in got.chapters]
    if [n for n, _ in ca] != [n for n, _ in cb]:
        out.append(f"chapters {ca[:3]}… → {cb[:3]}…")
    ma, mb = original.metadata.as_json(), got.metadata.as_json()
    for key in ma:
        if ma[key] != mb[key]:
            out.append(f"metadata {key}: {ma[key]!r} → {mb[key]!r}")
    return out


@dataclass(frozen=True)
class SpamTrial:
    """A generated brand put where a word of a provision line stood."""

    variant: str
    span: tuple[int, int]  # the brand in ``variant``
    brand: str
    old: str  # the word it replaced
    line: int  # index of the line
    expected_line: str  # the original line with □ where the word stood


def spam_trial(text: str, seed: int | str, avoid: re.Pattern | None = None) -> SpamTrial | None:
    """One trial (None when the text offers no place for it)."""
    rng = _rng(seed)
    made = brand(rng, avoid)
    got = inject_spam(text, rng, made)
    if got is None:
        return None
    variant, k, old, at = got
    line_start = sum(len(ln) + 1 for ln in lines_of(variant)[:k])
    start = variant.index(made, line_start)
    original = lines_of(text)[k]
    expected = original[:at] + "□" + original[at + len(old) :]
    return SpamTrial(variant, (start, start + len(made)), made, old, k, expected)


def detection(report, span: tuple[int, int]) -> tuple[bool, int]:
    """(the injected raw ``span`` is reported as spam, how many other spam entries)."""
    spam = [e for e in report if e.kind == "spam"]
    hit = [e for e in spam if e.raw_span[0] < span[1] and e.raw_span[1] > span[0]]
    return bool(hit), len(spam) - len(hit)
