"""Parse the issuing notice (印发通知) and the page's metadata fields.

Works on the cleaned lines *before* the rules body plus, for the repeal clause,
the body's text (county rules often repeal their predecessor in the last
provision).  Everything is found by the shape of the text, never by a place name.
"""

from __future__ import annotations

import re

from guize.ingest.model import Notice, Repeal
from guize.ingest.numerals import DATE_PATTERN, digit_run_dates, iso_date

#: 文号 with any of the brackets that occur: 〔〕 [] ［］ （） () 【】
DOC_NUMBER = re.compile(
    r"(?P<prefix>(?:(?![的之知则于为在日年月号经])[\u4e00-\u9fff]){1,6})\s*[〔\[［（(【]\s*(?P<year>\d{4})\s*[〕\]］）)】]\s*(?P<num>\d{1,5})\s*号"
)

#: Page metadata field names (as a site's information-disclosure table writes them).
FIELD_NAMES = {
    "索引号": "index_number",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "发文机关": "issuer",
    "发布机构": "publisher",
    "成文日期": "date",
    "发文日期": "date",
    "发布日期": "published",
    "发布时间": "published",
    "有效性": "validity",
    "时效": "validity",
    "失效日期": "expiry_date",
    "标题": "title",
    "主题分类": "subject",
    "主题词": "keywords",
    "公开方式": "disclosure",
    "组配分类": "category",
    "信息来源": "source",
    "文章来源": "source",
    "内容概述": "summary",
}
_FIELD_RE = re.compile(
    "(" + "|".join(sorted(map(re.escape, FIELD_NAMES), key=len, reverse=True)) + r")\s*[:：]?"
)
_ADOPTED = re.compile(
    r"已?经(?:过)?(?P<date>(?:[0-9]{4}|[零〇○一二三四五六七八九]{4})年[^，,。]{1,8}?日)?(?:召开的)?"
    r"(?P<meeting>[^，,。；;《》]{2,40}?(?:常务会议|全体会议|常务会|会议))"
    r"(?:(?:审议|讨论|研究|修订)(?:通过)?|通过|同意|决定)"
)
_REPEAL_SENTENCE = re.compile(r"[^。；;]*?(?:同时|予以|一并)?废止[^。；;]*")
_EXPIRED_WORDS = re.compile(r"失效|废止|已修订|被替代")


def normalise_doc_number(text: str) -> str | None:
    """济政发[2022]4号 / 济政发（2022）4号 → 济政发〔2022〕4号."""
    m = DOC_NUMBER.search(text)
    if not m:
        return None
    return f"{m['prefix']}〔{m['year']}〕{m['num']}号"


def page_fields(lines: list[str]) -> dict[str, str]:
    """Read ``索引号 …  发布机构 …`` fields, on one line or a name line followed by a value line."""
    found: dict[str, str] = {}
    for i, line in enumerate(lines):
        matches = list(_FIELD_RE.finditer(line))
        if not matches or matches[0].start() > 0:
            continue
        for j, m in enumerate(matches):
            end = matches[j + 1].start() if j + 1 < len(matches) else len(line)
            value = line[m.end() : end].strip(" :：")
            if not value and j + 1 == len(matches) and i + 1 < len(lines):
                nxt = lines[i + 1]
                if not _FIELD_RE.match(nxt):
                    value = nxt.strip()
            key = FIELD_NAMES[m.group(1)]
            if value and key not in found:
                found[key] = value
    return found


ISSUER_LINE = re.compile(r"[\u4e00-\u9fff]{2,20}(?:人民政府|国务院|政府|行政公署)")
CN_DATE = re.compile(
    r"[零〇○OoΟ一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
)
#: A date closing the notice's last sentence, after its 。 (…现予印发。2019年5月24日).
CLOSING_DATE = re.compile(
    rf"[。！!]\s*(?P<issuer>{ISSUER_LINE.pattern})?\s*(?P<date>(?:{DATE_PATTERN.pattern}|{CN_DATE.pattern}))\s*$"
)


def _is_field_value(lines: list[str], i: int) -> bool:
    """A page-metadata value: on a field's line or on the line after a bare field name."""
    if _FIELD_RE.match(lines[i]):
        return True
    return i > 0 and bool(re.fullmatch(_FIELD_RE.pattern + r"\s*", lines[i - 1]))


def _date_line(line: str) -> tuple[str | None, str | None]:
    """(date, why) of a line that is only a date, whole or damaged."""
    if DATE_PATTERN.fullmatch(line.strip()) or CN_DATE.fullmatch(line.strip()):
        return iso_date(line), None
    candidates = digit_run_dates(line)
    if len(candidates) == 1:
        return candidates[0], f"signing date {line.strip()} read as {candidates[0]} (年月日 lost)"
    if candidates:
        return None, f"signing date {line.strip()} is ambiguous: {' or '.join(candidates)}"
    return None, None


def _signature(lines: list[str], notes: list[str] | None = None) -> tuple[str | None, str | None]:
    """The issuer and the date that close the notice (落款): a date line, preferably after
    the issuer's line; or issuer and date on one line; or a date after the closing 。.
    Page-metadata values (成文日期, 发布日期 …) are not the signature."""
    notes = notes if notes is not None else []
    found: list[tuple[int, str | None, str | None]] = []  # (rank, issuer, date)
    for i, line in enumerate(lines):
        if _is_field_value(lines, i):
            continue
        date, why = _date_line(line)
        if date or why:
            after_issuer = i > 0 and bool(ISSUER_LINE.fullmatch(lines[i - 1]))
            found.append((0 if after_issuer else 1, lines[i - 1] if after_issuer else None, date))
            if why:
                notes.append(why)
            continue
        m = re.fullmatch(
            rf"(?P<issuer>[\u4e00-\u9fff]{{2,20}}(?:人民政府|国务院|行政公署))\s*"
            rf"(?P<date>{DATE_PATTERN.pattern}|{CN_DATE.pattern})",
            line,
        )
        if m and iso_date(m["date"]):
            found.append((0, m["issuer"], iso_date(m["date"])))
        elif (m := CLOSING_DATE.search(line)) and iso_date(m["date"]):
            found.append((2, m["issuer"], iso_date(m["date"])))
    if not found:
        return None, None
    rank = min(r for r, _, _ in found)
    _, issuer, date = next(f for f in found if f[0] == rank)
    return issuer, date


def _recipients(lines: list[str]) -> tuple[str, ...]:
    for line in lines:
        m = re.match(r"(?P<to>各[^：:。]{2,200}?)[：:]", line)
        if m:
            return tuple(p.strip() for p in _split_top_level(m["to"]) if p.strip())
    return ()


def _split_top_level(text: str) -> list[str]:
    """Split on ，,；; outside brackets (各县（市、区）人民政府 stays whole)."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if ch in "，,；;" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts


def repeals_in(text: str, own_number: str | None) -> tuple[Repeal, ...]:
    """Documents repealed (废止) by a sentence of ``text``: each 文号 with its issue date."""
    out: list[Repeal] = []
    for sentence in _REPEAL_SENTENCE.findall(text):
        if not re.search(r"(?:同时|予以|一并|即行|自行)?废止\s*$|同时废止", sentence):
            continue
        for m in DOC_NUMBER.finditer(sentence):
            number = f"{m['prefix']}〔{m['year']}〕{m['num']}号"
            if number == own_number or any(r.doc_number == number for r in out):
                continue
            before = sentence[: m.start()]
            title = re.findall(r"《([^》]+)》", before)
            date_m = list(DATE_PATTERN.finditer(before))
            out.append(
                Repeal(
                    number,
                    iso_date(date_m[-1].group(0)) if date_m else None,
                    title[-1] if title else None,
                )
            )
    return tuple(out)


def _status(fields: dict[str, str], own_number: str | None) -> tuple[str, tuple[str, ...]]:
    validity = fields.get("validity", "")
    if not validity:
        return "unknown", ()
    if _EXPIRED_WORDS.search(validity):
        supers = tuple(
            n
            for n in (normalise_doc_number(m.group(0)) for m in DOC_NUMBER.finditer(validity))
            if n and n != own_number
        )
        return "expired", supers
    if "有效" in validity:
        return "in-force", ()
    return "unknown", ()


def _title(lines: list[str]) -> str | None:
    for i, line in enumerate(lines):
        if "印发" in line and (
            "通知" in line or (i + 1 < len(lines) and lines[i + 1].startswith("通知"))
        ):
            m = re.search(
                r"[^\s]*?(?:关于)?印发.*?通知", line + (lines[i + 1] if i + 1 < len(lines) else "")
            )
            if m:
                title = DOC_NUMBER.sub("", m.group(0)).strip()
                return (
                    re.sub(
                        r"^.*?(?=(?:[\u4e00-\u9fff]{2,20}(?:人民政府|国务院))?关于印发)", "", title
                    )
                    or title
                )
    return None


def _own_number(text: str) -> str | None:
    """The first 文号 that is not a reference to another document (废止, 失效, 《…》(文号))."""
    for m in DOC_NUMBER.finditer(text):
        start = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        end = min(x for x in (text.find("。", m.end()), len(text)) if x >= 0)
        sentence = text[start:end]
        if re.search(r"废止|失效|出台|参照|根据", sentence) or re.search(
            r"》\s*[（(]\s*$", text[: m.start()]
        ):
            continue
        return normalise_doc_number(m.group(0))
    return None


def parse_notice(lines: list[str], body_text: str, span: tuple[int, int] | None) -> Notice:
    """Build the :class:`Notice` from the lines before the rules body."""
    fields = page_fields(lines)
    joined = "\n".join(lines)
    own = normalise_doc_number(fields["doc_number"]) if "doc_number" in fields else None
    if own is None:
        own = _own_number(joined)
    notes: list[str] = []
    issuer, sig_date = _signature(lines, notes)
    date = sig_date or (iso_date(fields["date"]) if "date" in fields else None)
    adopted = _ADOPTED.search(joined.replace("\n", ""))
    status, superseded = _status(fields, own)
    return Notice(
        issuer=issuer or fields.get("issuer"),
        doc_number=own,
        title=_title(lines) or fields.get("title"),
        date=date,
        published=iso_date(fields["published"]) if "published" in fields else None,
        adopted_by=adopted["meeting"].strip() if adopted else None,
        adopted_date=iso_date(adopted["date"]) if adopted and adopted["date"] else None,
        recipients=_recipients(lines),
        repeals=repeals_in(joined + "\n" + body_text, own),
        status=status,
        superseded_by=superseded,
        index_number=fields.get("index_number"),
        span=span,
        notes=tuple(notes),
    )
