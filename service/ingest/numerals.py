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

_YEAR_DIGITS = str.maketrans("零〇○Ｏ一二三四五六七八九", "0000123456789")

#: A date in any of the forms that occur: 2023年8月19日, 二○一一年七月十三日, 2022-03-28, 2022.3.28
DATE_PATTERN = re.compile(
    r"(?P<y>[0-9]{4}|[零〇○Ｏ一二三四五六七八九]{4})\s*年\s*(?P<m>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月"
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
