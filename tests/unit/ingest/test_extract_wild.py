"""Roles, meetings and places the six documents lack, at every level: sentences generated
from templates for each head title, and a document renamed to other kinds of government."""

from __future__ import annotations

import pytest
from variants import RAW_DIR

from guize.ingest.clean import clean, decode
from guize.ingest.extract.extractor import extract_text
from guize.ingest.parse import parse
from guize.vocab import load_vocabulary

HEADS = {"市长": "市", "县长": "县", "区长": "区", "省长": "省", "州长": "州"}


@pytest.mark.parametrize("head", HEADS)
def test_advisers_party_group_members_and_assistants_are_members(head):
    lvl = HEADS[head]
    f = extract_text(
        f"{lvl}政府常务（扩大）会议由{head}、副{head}、{head}助理、{lvl}政府顾问、{lvl}政府党组成员、"
        f"{lvl}府办主任组成，由{head}召集和主持。资政根据需要列席会议。",
        head_title=head,
    )
    assert f.meeting_codes("standing", "member") == {
        "head",
        "deputy-head",
        "head-assistant",
        "adviser",
        "party-group-member",
        "office-director",
    }
    assert f.meeting_codes("standing", "convener") == {"head"}


@pytest.mark.parametrize("head", HEADS)
def test_meetings_the_seeds_lack(head):
    lvl = HEADS[head]
    f = extract_text(
        f"{lvl}政府党组会议由{head}召集和主持。{lvl}政府业务会议由副{head}召集。"
        f"秘书长办公会议由秘书长召集和主持。{lvl}政府全体（扩大）会议由{head}召集。",
        head_title=head,
    )
    kinds = {m.kind for m in f.meetings}
    assert {"party-group", "business", "secretary-general-office", "plenary"} <= kinds
    assert f.meeting_codes("party-group", "convener") == {"head"}
    assert f.meeting_codes("secretary-general-office", "chair") == {"secretary-general"}


def test_a_commissioner_s_office_meeting():
    f = extract_text("专员办公会议由专员召集和主持。", head_title="专员")
    assert {m.kind for m in f.meetings} == {"head-office"}
    assert f.meeting_codes("head-office", "chair") == {"head"}


def test_a_legal_adviser_is_no_adviser_to_the_government():
    f = extract_text(
        "市政府常务会议由市长、副市长组成。市政府法律顾问、市政府顾问列席会议。", head_title="市长"
    )
    attendees = {
        a.role.label: a.role.code for a in f.meeting_roles if a.attribute == "non-voting-attendee"
    }
    assert attendees["市政府顾问"] == "adviser"
    assert attendees.get("市政府法律顾问") != "adviser"


def test_new_codes_are_in_the_vocabulary():
    vocab = load_vocabulary()
    expected = {
        ("role-kind", "adviser"): ("政府顾问", "adviser to the government"),
        ("role-kind", "party-group-member"): (
            "政府党组成员",
            "member of the government's Party group",
        ),
        ("meeting-kind", "party-group"): (
            "政府党组会议",
            "meeting of the government's Party group",
        ),
        ("meeting-kind", "business"): ("政府业务会议", "government business meeting"),
        ("meeting-kind", "secretary-general-office"): (
            "秘书长办公会议",
            "secretary-general's office meeting",
        ),
    }
    for (scheme, code), labels in expected.items():
        assert vocab.label(scheme, code) == labels
        assert vocab.scheme(scheme).get(code).order is not None


@pytest.mark.parametrize(
    ("government", "level", "head"),
    [
        ("某某地区行政公署", "prefecture-office", "专员"),
        ("某某藏族自治州人民政府", "autonomous-prefecture", "州长"),
        ("某某新区人民政府", "district", "区长"),
    ],
)
def test_other_kinds_of_government(government, level, head):
    text = clean(decode(RAW_DIR.joinpath("002_1a72dbc9b0f0b77f.txt").read_bytes(), "x")).text
    renamed = text.replace("攀枝花市人民政府", government)
    got = parse(clean(decode(renamed.encode("utf-8"), "renamed")))
    assert got.metadata.issuer == government
    assert (got.metadata.level, got.metadata.head_title) == (level, head)
