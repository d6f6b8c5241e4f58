"""Extract: meetings — kinds, members, attendees, convener, chair, substitute, frequency, quorum,
agenda, minutes.  Seed sentences (quoted from data/raw/) and rewritten variants: other levels
(县长, 区长, 省长, 州长), other orders, other frequency and quorum wordings."""

from __future__ import annotations

from fractions import Fraction

import pytest

from guize.ingest.extract.extractor import extract_text


def codes(facts, key, attribute):
    return facts.meeting_codes(key, attribute)


# -- who ---------------------------------------------------------------------------------------


def test_seed_standing_meeting_with_substitute_chair_and_quorum():
    # 济宁 45 (first paragraph)
    f = extract_text(
        "市政府常务会议由市长、副市长、市政府秘书长组成,由市长决定召开,由市长召集和主持,市长不能出席"
        "会议时,可委托负责常务工作的副市长召集和主持。出席人数须超过应到人数的二分之一。"
    )
    assert codes(f, "standing", "member") == {"head", "deputy-head", "secretary-general"}
    assert codes(f, "standing", "convener") == {"head"}
    assert codes(f, "standing", "chair") == {"head"}
    assert codes(f, "standing", "substitute-chair") == {"executive-deputy-head"}
    assert codes(f, "standing", "participant") == set()  # 不能出席 is no participation
    (q,) = f.quorums
    assert (q.meeting, q.fraction, q.strict, q.base) == (
        "standing",
        Fraction(1, 2),
        True,
        "应到人数",
    )


def test_seed_county_standing_meeting_has_the_office_director():
    # 瓜州 41
    f = extract_text("县政府常务会议由县长、副县长、县政府办公室主任组成,由县长召集和主持。")
    assert codes(f, "standing", "member") == {"head", "deputy-head", "office-director"}
    labels = {a.role.label for a in f.meeting_roles if a.attribute == "member"}
    assert labels == {"县长", "副县长", "县政府办公室主任"}


def test_seed_attendee_list_continues_across_a_comma():
    # 攀枝花 42
    f = extract_text(
        "市政府常务会议由市长、副市长、秘书长组成，半数以上组成人员到会方可召开。邀请攀枝花军分区主要负责人参加。"
        "副秘书长、市政府办公室主任，市司法局以及与议题直接相关部门（单位）主要负责人列席会议。"
    )
    assert codes(f, "standing", "non-voting-attendee") == {
        "deputy-secretary-general",
        "office-director",
        "department-head",
    }
    assert codes(f, "standing", "participant") == {"unit-head"}  # 军分区主要负责人
    (q,) = f.quorums
    assert (q.fraction_text, q.strict) == ("1/2", False)


def test_seed_participants_of_the_head_office_meeting():
    # 合作 49
    f = extract_text(
        "市长办公会议由市长召集和主持,相关副市长,市政府办公室主任或副主任,相关乡镇、街道和部门主要负责同志参加。"
    )
    assert codes(f, "head-office", "convener") == {"head"}
    assert codes(f, "head-office", "participant") == {
        "deputy-head",
        "office-director",
        "office-deputy-director",
        "subordinate-government-head",
        "department-head",
    }
    deputy = next(a.role for a in f.meeting_roles if a.role.code == "deputy-head")
    assert deputy.label == "相关副市长"


def test_seed_one_sentence_covers_several_meetings():
    # 合作 11; 连云港 7
    f = extract_text("市长召集和主持市政府全体会议、市政府常务会议和市长办公会议、市政府专题会议。")
    for key in ("plenary", "standing", "head-office", "thematic"):
        assert codes(f, key, "convener") == codes(f, key, "chair") == {"head"}
    f = extract_text(
        "市长召集和主持市政府全体会议、市政府常务会议；市长或副市长召集和主持市长办公会议。"
    )
    assert codes(f, "standing", "chair") == {"head"}
    assert codes(f, "head-office", "chair") == {"head", "deputy-head"}


@pytest.mark.parametrize(
    "text",
    [
        "市长召集和主持常务会议和全体会议。",
        "常务会议和全体会议由市长召集和主持。",
        "全体会议、常务会议均由市长召集并主持。",
    ],
)
def test_variant_orders_cover_both_meetings(text):
    f = extract_text(text)
    assert codes(f, "standing", "chair") == codes(f, "plenary", "chair") == {"head"}
    assert codes(f, "standing", "convener") == {"head"}


def test_variant_chair_first_then_participants():
    f = extract_text("常务会议由市长主持，副市长、秘书长参加。")
    assert codes(f, "standing", "chair") == {"head"}
    assert codes(f, "standing", "convener") == set()
    assert codes(f, "standing", "participant") == {"deputy-head", "secretary-general"}


def test_variant_district_level_needs_no_new_words():
    f = extract_text(
        "区政府常务会议由区长、副区长、区政府办公室主任组成，由区长召集和主持，每两周召开一次。"
        "出席人数须过半数。区政府常务会议纪要由区长签发。"
    )
    assert codes(f, "standing", "member") == {"head", "deputy-head", "office-director"}
    assert codes(f, "standing", "minutes-signer") == {"head"}
    (fr,) = f.frequencies
    assert (fr.per, fr.min, fr.max, fr.hedged) == ("two-weeks", 1, 1, False)
    (q,) = f.quorums
    assert q.strict


def test_variant_province_and_prefecture():
    f = extract_text(
        "省政府全体会议由省长、副省长、秘书长和省政府组成部门主要负责人组成，由省长召集和主持，"
        "根据需要可安排省政府直属机构主要负责人列席会议。"
    )
    assert codes(f, "plenary", "member") == {
        "head",
        "deputy-head",
        "secretary-general",
        "department-head",
    }
    assert codes(f, "plenary", "non-voting-attendee") == {"affiliated-body-head"}
    cond = next(a.condition for a in f.meeting_roles if a.attribute == "non-voting-attendee")
    assert cond == "根据需要"
    f = extract_text("州政府常务会议由州长、副州长、州政府秘书长组成，州长召集和主持。")
    assert codes(f, "standing", "member") == {"head", "deputy-head", "secretary-general"}


def test_substitute_chair_forms():
    # 连云港 38
    f = extract_text(
        "市政府常务会议由市长、副市长、秘书长组成，由市长召集和主持。市长外出期间，由市长委托常务副市长召集和主持。"
    )
    sub = [a for a in f.meeting_roles if a.attribute == "substitute-chair"]
    assert {a.role.code for a in sub} == {"executive-deputy-head"}
    assert "市长外出期间" in sub[0].condition
    # 攀枝花 45: 受…委托，X也可召集、主持
    f = extract_text(
        "市政府专题会议由市长、副市长或秘书长召集和主持，受市长、副市长或秘书长委托，副秘书长也可召集、主持专题会议。"
    )
    assert codes(f, "thematic", "chair") == {"head", "deputy-head", "secretary-general"}
    assert codes(f, "thematic", "substitute-chair") == {"deputy-secretary-general"}
    # 瓜州 43: X受Y委托，可主持召开
    f = extract_text(
        "县政府专题会议由相关副县长召集和主持。县政府办公室副主任受副县长委托,可主持召开县政府专题会议。"
    )
    assert codes(f, "thematic", "substitute-chair") == {"office-deputy-director"}
    # 济宁 47: 由市长、副市长或市长、副市长委托秘书长…召集和主持
    f = extract_text(
        "市政府专题会议由市长、副市长或市长、副市长委托市政府秘书长、副秘书长等有关负责同志召集和主持，"
        "有关部门、单位负责人出席。"
    )
    assert codes(f, "thematic", "chair") == {"head", "deputy-head"}
    assert codes(f, "thematic", "substitute-chair") == {
        "secretary-general",
        "deputy-secretary-general",
    }
    assert codes(f, "thematic", "participant") == {"department-head"}
    # variant: the head's absence makes the named chair a substitute
    f = extract_text("县长不能出席时，由常务副县长主持县政府常务会议。")
    assert codes(f, "standing", "substitute-chair") == {"executive-deputy-head"}
    assert codes(f, "standing", "chair") == set()


def test_enlarged_plenary_session_and_bare_meeting_word():
    # 济宁 44
    f = extract_text(
        "市政府全体会议由市长、副市长、市政府秘书长和市政府组成部门的主要负责人组成。必要时召开扩大会议,"
        "吸收市政府副秘书长,各县(市、区)政府、市政府派出机构主要负责人参加,视情邀请人大代表、政协委员列席。"
        "会议由市长召集和主持。"
    )
    assert codes(f, "plenary", "participant") == {
        "deputy-secretary-general",
        "subordinate-government-head",
        "affiliated-body-head",
    }
    assert codes(f, "plenary", "non-voting-attendee") == {"other"}
    assert codes(f, "plenary", "chair") == {"head"}
    cond = {a.condition for a in f.meeting_roles if a.attribute == "participant"}
    assert cond == {"必要时，扩大会议"}


def test_negated_and_relative_verbs_are_not_attendance():
    f = extract_text(
        "市政府领导同志不能出席市政府全体会议、常务会议的，须向市长请假。"
        "县政府专题会议形成的纪要，由召集和主持会议的县政府领导签发。"
    )
    assert not [a for a in f.meeting_roles if a.attribute in ("participant", "convener", "chair")]


def test_other_meetings_keep_their_names():
    # 连云港 40; 瓜州 47
    f = extract_text(
        "市长碰头会是一种议事形式，由市长、副市长、秘书长组成，市长召集和主持。市长碰头会原则上每周召开一次，"
        "一般安排在周一上午。提倡到基层召开现场办公会。"
    )
    names = {m.key: m.name for m in f.meetings}
    assert names == {"other-1": "市长碰头会", "other-2": "现场办公会"}
    assert codes(f, "other-1", "member") == {"head", "deputy-head", "secretary-general"}
    (fr,) = f.frequencies
    assert (fr.meeting, fr.per, fr.min, fr.hedged) == ("other-1", "week", 1, True)


# -- how often ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, per, lo, hi, hedged",
    [
        (
            "市政府常务会议原则上每月召开1次，遇有重要情况可以随时召开。",
            "month",
            1,
            1,
            True,
        ),  # 济宁
        (
            "市政府常务会议由市长召集和主持，原则上每两周召开1次。",
            "two-weeks",
            1,
            1,
            True,
        ),  # 攀枝花
        ("市政府全体会议由市长召集和主持，一般每年召开3次。", "year", 3, 3, True),  # 攀枝花
        ("市政府全体会议一般每年召开1—2次。", "year", 1, 2, True),  # 济宁
        ("市政府常务会议一般每月召开一至两次，如有需要可临时召开。", "month", 1, 2, True),  # 连云港
        ("国务院全体会议一般每半年召开一次。", "half-year", 1, 1, True),  # 国务院
        ("国务院常务会议一般每月召开三次。", "month", 3, 3, True),  # 国务院
        ("县政府常务会议每季度召开2至3次。", "quarter", 2, 3, False),
        ("区政府全体会议每半年召开1次。", "half-year", 1, 1, False),
        ("省政府常务会议通常每周举行一次。", "week", 1, 1, True),
        ("区政府常务会议每月至少召开1次。", "month", 1, None, False),
        ("县政府原则上每月召开两次常务会议。", "month", 2, 2, True),
    ],
)
def test_frequency(text, per, lo, hi, hedged):
    (fr,) = extract_text(text).frequencies
    assert (fr.per, fr.min, fr.max, fr.hedged) == (per, lo, hi, hedged)


def test_irregular_frequency_is_text_only():
    f = extract_text("市长办公会议由市长或副市长召集并主持。市长办公会议根据需要不定期召开。")
    (fr,) = f.frequencies
    assert (fr.meeting, fr.text, fr.per, fr.min) == ("head-office", "不定期召开", None, None)


# -- quorum ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, frac, strict, note",
    [
        ("市政府常务会议半数以上组成人员到会方可召开。", "1/2", False, False),
        ("县政府常务会议二分之一以上组成人员出席方可召开。", "1/2", False, False),
        ("区政府常务会议出席人数须超过应到人数的二分之一。", "1/2", True, False),
        ("县政府常务会议出席人数须超过应到人数的一半以上。", "1/2", True, True),
        ("州政府常务会议须有全体组成人员过半数出席方可举行。", "1/2", True, False),
        ("省政府全体会议须有三分之二以上组成人员出席。", "2/3", False, False),
    ],
)
def test_quorum(text, frac, strict, note):
    (q,) = extract_text(text).quorums
    assert (
        q.meeting in ("standing", "plenary"),
        q.fraction_text,
        q.strict,
        q.note is not None,
    ) == (True, frac, strict, note)
    assert q.base in ("组成人员", "全体组成人员", "应到人数")
    assert q.text in text


def test_voting_majority_without_attendance_is_no_quorum():
    assert not extract_text("市政府常务会议决定事项须经组成人员过半数同意。").quorums


# -- agenda and minutes ------------------------------------------------------------------------


def test_agenda_setters():
    # 合作 51
    f = extract_text(
        "市政府全体会议、市政府常务会议、市长办公会议的议题,由分管副市长协调或审核后提出,由市政府办公室汇总报"
        "市长确定;市政府专题会议的议题由副市长确定。"
    )
    for key in ("plenary", "standing", "head-office"):
        assert codes(f, key, "agenda-setter") == {"head"}
    assert codes(f, "thematic", "agenda-setter") == {"deputy-head"}
    # 瓜州 41; 国务院 38
    f = extract_text(
        "提请县政府常务会议讨论的议题,由县长、副县长书面批示提出,归纳后经县政府办公室主任审核报县长确定。"
    )
    assert codes(f, "standing", "agenda-setter") == {"head"}
    f = extract_text(
        "提请国务院全体会议和国务院常务会议讨论的议题，由国务院分管领导同志协调或审核后提出，报总理确定。"
    )
    assert codes(f, "plenary", "agenda-setter") == codes(f, "standing", "agenda-setter") == {"head"}
    # variant order
    f = extract_text("区长确定区政府常务会议和全体会议的议题。")
    assert codes(f, "standing", "agenda-setter") == codes(f, "plenary", "agenda-setter") == {"head"}


def test_minutes_signers():
    # 瓜州 46
    f = extract_text(
        "县政府全体会议、县政府常务会议、县长办公会议形成的纪要,由所有县政府参会同志会签后报会议主持人签发。"
    )
    for key in ("plenary", "standing", "head-office"):
        assert codes(f, key, "minutes-signer") == {"meeting-chair"}
    # 连云港 42: a delegated signer carries the delegation as condition
    f = extract_text(
        "市政府全体会议、常务会议纪要，由秘书长审核后报市长签发，或由市长委托常务副市长签发。"
    )
    assert codes(f, "standing", "minutes-signer") == {"head", "executive-deputy-head"}
    cond = {a.role.code: a.condition for a in f.meeting_roles}
    assert cond["executive-deputy-head"] == "经市长委托"
    # the brief's variant: 审定后印发
    f = extract_text("市政府常务会议纪要经市长审定后印发。")
    assert codes(f, "standing", "minutes-signer") == {"head"}
    # 攀枝花 45: the bare 会议纪要 belongs to the meeting of the provision
    f = extract_text(
        "市政府专题会议由市长、副市长或秘书长召集和主持。会议纪要一般由会议召集人签发。"
    )
    assert codes(f, "thematic", "minutes-signer") == {"meeting-convener"}
