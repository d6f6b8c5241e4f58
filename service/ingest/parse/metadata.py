"""Resolve a document's metadata: issuer, place, administrative level, province, head title,
administrative division (行政区划代码).

The text decides first; data/raw/sources.yaml fills what the text does not say, and a
disagreement between the two is a warning.  The place is then looked up in the gazetteer
(:mod:`guize.ingest.parse.division`): its code identifies the government, its province fills
a province the text does not name, and its kind of division (地级市 or 县级市) decides the level
of a 市 where the text's cues only guess it.  Cues are those of the GLOSSARY (§1):
the issuer's name, the head's title, a 秘书长 among the members, the recipients
(各县/区 → a city with districts; 各乡镇/街道 → county level), the provincial rules
the text follows (参照《××省人民政府工作规则》).
"""

from __future__ import annotations

import re

from guize.ingest.model import Metadata, Notice, SourceInfo
from guize.ingest.parse.division import division_of

#: Issuer suffix → (level code, head title).  Longest suffix first.
_LEVEL_BY_SUFFIX = (
    ("国务院", "national", "总理"),
    ("自治区", "provincial", "主席"),
    ("行政公署", "prefecture-office", "专员"),
    ("自治州", "autonomous-prefecture", "州长"),
    ("自治县", "county", "县长"),
    ("省", "provincial", "省长"),
    ("州", "autonomous-prefecture", "州长"),
    ("县", "county", "县长"),
    ("旗", "county", "旗长"),
    ("地区", "prefecture-office", "专员"),  # ××地区行政公署
    ("新区", "district", "区长"),
    ("区", "district", "区长"),
    ("市", None, "市长"),  # prefecture-city, county-city or a municipality: decided by cues
    ("乡", "township", "乡长"),
    ("镇", "township", "镇长"),
)
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_GOV_NAME = re.compile(r"([\u4e00-\u9fff]{2,15}?)(?:人民政府|行政公署)")


def issuer_from_title(title: str | None) -> str | None:
    """济宁市人民政府工作规则 → 济宁市人民政府; 国务院工作规则 → 国务院."""
    if not title:
        return None
    if title.startswith("国务院"):
        return "国务院"
    m = re.match(r"(.{2,20}?(?:人民政府|行政公署))", title)
    return m.group(1) if m else None


def place_of(issuer: str | None) -> str | None:
    if not issuer:
        return None
    if issuer == "国务院":
        return "中华人民共和国"
    m = _GOV_NAME.match(issuer)
    return m.group(1) if m else issuer


def _city_level(place: str, text: str) -> str:
    """A 市 is a municipality, a city with districts, or a county-level city."""
    if place in _MUNICIPALITIES:
        return "provincial"
    head = text[:3000]
    if re.search(r"各县|县（区）|县\(区\)|县（市、区）|县\(市、区\)|各区", head):
        return "prefecture-city"
    if re.search(r"秘书长", text):
        return "prefecture-city"
    if re.search(r"乡镇|街道", head):
        return "county-city"
    return "prefecture-city"


def level_and_head(issuer: str | None, text: str) -> tuple[str | None, str | None]:
    place = place_of(issuer)
    if not place:
        return None, None
    if issuer == "国务院":
        return "national", "总理"
    for suffix, level, head in _LEVEL_BY_SUFFIX:
        if place.endswith(suffix):
            if level is None:
                level = _city_level(place, text)
            return level, head
    return None, None


def province_of(text: str, level: str | None) -> str | None:
    """The province whose rules the document follows (参照/根据《××省人民政府工作规则》)."""
    if level in ("national",):
        return None
    m = re.search(r"《([\u4e00-\u9fff]{2,8}?(?:省|自治区))人民政府工作规则", text[:4000])
    return m.group(1) if m else None


def resolve_metadata(
    notice: Notice, title: str | None, text: str, source: SourceInfo | None, warnings: list[str]
) -> Metadata:
    issuer = notice.issuer or issuer_from_title(title)
    if source and source.government:
        if issuer and source.government != issuer:
            warnings.append(
                f"sources.yaml names the government {source.government}, the text {issuer}"
            )
        issuer = issuer or source.government
    level, head = level_and_head(issuer, text)
    if source and source.level:
        if level and level != source.level:
            warnings.append(
                f"level: the text suggests {level}, sources.yaml says {source.level} (kept)"
            )
        level = source.level
    province = province_of(text, level)
    if source and source.province:
        if province and province != source.province:
            warnings.append(
                f"province: the text cites {province}, sources.yaml says {source.province} (kept)"
            )
        province = source.province
    place = place_of(issuer)
    if source and source.place:
        place = source.place
    division = None
    if level != "national":
        division, problem = division_of(place, province, text, notice.index_number, level)
        if problem:
            warnings.append(f"administrative division: {problem}")
    if division:
        province = province or (division.province if division.superiors else None)
        if division.level and level != division.level and not (source and source.level):
            if level and not (place or "").endswith("市"):
                warnings.append(
                    f"level: the text suggests {level}, the gazetteer's {division.name} is a "
                    f"{division.kind} ({division.level}, kept)"
                )
            level = division.level
    if not notice.doc_number:
        warnings.append("no 文号 (document number) found in the notice")
    if not notice.date and not notice.published:
        warnings.append("no date found in the notice or on the page")
    return Metadata(
        issuer=issuer,
        doc_number=notice.doc_number,
        date=notice.date or notice.published,
        adopted_by=notice.adopted_by,
        repeals=notice.repeals,
        status=notice.status,
        superseded_by=notice.superseded_by,
        place=place,
        level=level,
        province=province,
        head_title=head,
        division_code=division.code if division else None,
    )
