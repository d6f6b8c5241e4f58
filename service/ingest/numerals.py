"""Chinese numerals and dates as they occur in work rules (cn2an does the numerals).

>>> chinese_number("八十四")
84
>>> chinese_number("一百零二")
102
>>> chinese_number("12")
12
>>> iso_date("二○一一年七月十三日")
'2011-07-13'
>>> iso_date("2004年06月26日")
'2004-06-26'
>>> iso_date("2022-03-28")
'2022-03-28'
>>> iso_date("2022年3月") is None
True
"""

from __future__ import annotations

import re

import cn2an

#: Year digits written in Chinese; zero also as 〇, ○ or a letter O (a lost conversion).
_YEAR_DIGITS = str.maketrans("零〇○ＯOoΟ一二三四五六七八九", "0000000123456789")

#: A date in any of the forms that occur: 2023年8月19日, 二○一一年七月十三日, 2022-03-28, 2022.3.28
DATE_PATTERN = re.compile(
    r"(?P<y>[0-9]{4}|[零〇○ＯOoΟ一二三四五六七八九]{4})\s*年\s*(?P<m>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<d>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日"
    r"|(?P<y2>[0-9]{4})[-./](?P<m2>[0-9]{1,2})[-./](?P<d2>[0-9]{1,2})(?![0-9])"
)


def chinese_number(text: str) -> int | None:
    """Value of a numeral written in Chinese or Arabic digits, or None."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    try:
        value = cn2an.cn2an(text.replace("○", "零").replace("〇", "零"), "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if value == int(value) else None


def _part(text: str) -> int | None:
    return int(text) if text.isdigit() else chinese_number(text)


def iso_date(text: str) -> str | None:
    """The first complete date in ``text`` as ISO 8601, or None."""
    m = DATE_PATTERN.search(text)
    if not m:
        return None
    if m["y"]:
        year = int(m["y"].translate(_YEAR_DIGITS))
        month, day = _part(m["m"]), _part(m["d"])
    else:
        year, month, day = int(m["y2"]), int(m["m2"]), int(m["d2"])
    if not month or not day or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def digit_run_dates(text: str) -> list[str]:
    """The dates a run of digits that lost its 年月日 may stand for (2018211 → 2018-02-11).

    >>> digit_run_dates("2018211"), digit_run_dates("2019524"), digit_run_dates("2018111")
    (['2018-02-11'], ['2019-05-24'], ['2018-01-11', '2018-11-01'])
    """
    m = re.fullmatch(r"((?:19|20)\d{2})(\d{2,4})", text.strip())
    if not m:
        return []
    year, rest = m.group(1), m.group(2)
    out = []
    for k in (1, 2):
        month, day = rest[:k], rest[k:]
        if not day or len(day) > 2 or month.startswith("0") and k == 1:
            continue
        if (
            1 <= int(month) <= 12
            and 1 <= int(day) <= 31
            and not (len(day) == 2 and day[0] == "0" and k == 1 and len(rest) == 3)
        ):
            out.append(f"{year}-{int(month):02d}-{int(day):02d}")
    return sorted(set(out))
