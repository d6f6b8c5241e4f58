"""The pages' pure parts: quote finding and marking, topics of chapter titles, frequencies,
charts, input sniffing; and the doctests of the pages modules."""

from __future__ import annotations

import doctest
from xml.etree import ElementTree

import pytest

from guize.web.pages import charts as pages_charts
from guize.web.pages import data as pages_data
from guize.web.pages import text as pages_text
from guize.web.pages import validate as pages_validate
from guize.web.pages import values as pages_values
from guize.web.pages.text import find_quote, render_marked, render_raw


@pytest.mark.parametrize("module", [pages_text, pages_data, pages_values])
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0


def test_find_quote_exact_and_normalised():
    text = "市政府常务会议原则上每月召开1次,遇有重要情况可以随时召开。"
    assert find_quote(text, "每月召开1次") == (10, 16)
    assert find_quote(text, "每月召开１次，遇有") == (10, 19)  # full-width digit and comma
    assert find_quote(text, "每年召开") is None
    assert find_quote(text, "") is None


def test_render_marked_overlaps_and_escapes():
    html = str(render_marked("a<b>c", [(0, 3, "f1"), (2, 5, "f2")], {"f1": "one", "f2": 'two "2"'}))
    assert html.count("<mark") == 3
    assert 'data-facts="f1 f2"' in html and "&lt;" in html and "&#34;2&#34;" in html
    assert "<b>" not in html


def test_render_marked_paragraph_ids():
    html = str(render_marked("x\ny\nz", [], {}, ["p1", "p2"]))
    assert html == '<p id="p1">x</p><p id="p2">y</p><p>z</p>'


def test_render_raw_skips_overlaps():
    html = str(
        render_raw("abcdef", [(1, 3, "spam", "s"), (2, 4, "spam", "t"), (4, 5, "line-join", "\n")])
    )
    assert html.count("<mark") == 2 and 'id="cut-1"' in html and 'id="cut-4"' in html


@pytest.mark.parametrize(
    "title,code",
    [
        ("总则", "general"),
        ("会议制度", "meetings"),
        ("公文审批", "documents"),
        ("公文处理", "documents"),
        ("公文制度", "documents"),
        ("推进政务公开", "openness"),
        ("政务公开", "openness"),
        ("组成人员及职责", "composition"),
        ("全面正确履行政府职能", "functions"),
        ("加强行政监督", "supervision"),
        ("政务督查工作", "inspection"),
        ("纪律和作风", "discipline"),
        ("作风纪律", "discipline"),
        ("廉政和作风建设", "integrity"),
        ("坚持廉洁从政", "integrity"),
        ("数字政府建设", "digital-government"),
        ("推进□", None),
        (None, None),
    ],
)
def test_topic_of_title(title, code):
    assert pages_data.topic_of_title(title) == code


@pytest.mark.parametrize(
    "freq,expected",
    [
        ({"per": "week", "min": 1, "max": 1}, (52.0, 52.0)),
        ({"per": "two-weeks", "min": 1, "max": 1}, (26.0, 26.0)),
        ({"per": "month", "min": 1, "max": 2}, (12.0, 24.0)),
        ({"per": "quarter", "min": 1, "max": None}, (4.0, 4.0)),
        ({"per": "half-year", "min": None, "max": 1}, (2.0, 2.0)),
        ({"per": "year", "min": 3, "max": 3}, (3.0, 3.0)),
        ({"per": None, "min": None, "max": None, "text": "不定期召开"}, None),
        (None, None),
    ],
)
def test_per_year(freq, expected):
    assert pages_values.per_year(freq) == expected


def test_charts_are_well_formed_svg():
    series = [
        {
            "place": "甲市",
            "key": "a",
            "kind": "standing",
            "kind_label": ("常务会议", "executive"),
            "name": "常务会议",
            "min": 12.0,
            "max": 24.0,
            "hedged": True,
            "text": "每月1—2次",
            "href": "/documents/a#art_3",
        },
        {
            "place": "乙县 <&>",
            "key": "b",
            "kind": "plenary",
            "kind_label": ("全体会议", "plenary"),
            "name": None,
            "min": 2.0,
            "max": 2.0,
            "hedged": False,
            "text": "每半年1次",
            "href": None,
        },
    ]
    svg = pages_charts.frequency_svg(series)
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("role") == "img"
    assert "乙县 &lt;&amp;&gt;" in svg
    bars = [
        {
            "place": "甲市",
            "key": "a",
            "topic": ("会签", "countersigning"),
            "amount": 3,
            "unit": "working-day",
            "text": "3 工作日",
            "href": "/documents/a#art_9",
        }
    ]
    ElementTree.fromstring(pages_charts.deadline_svg(bars))
    assert pages_charts.frequency_svg([]) == "" and pages_charts.deadline_svg([]) == ""


@pytest.mark.parametrize(
    "data,name,declared,kind",
    [
        (b"@prefix gz: <x#> .", "", "auto", "turtle"),
        (b"<http://a> <http://b> <http://c> .", "", "auto", "ntriples"),
        (b'{"@context": {}}', "", "auto", "jsonld"),
        (b"<?xml version='1.0'?><rdf:RDF/>", "", "auto", "rdfxml"),
        ("××市人民政府工作规则".encode(), "", "auto", "text"),
        (b"anything", "rules.trig", "auto", "trig"),
        (b"anything", "rules.ttl", "text", "text"),
    ],
)
def test_detect_kind(data, name, declared, kind):
    assert pages_validate.detect_kind(data, name, declared) == kind
