"""Extract: signing authority per document category, deadlines, leave and reporting rules —
seed sentences and variants at other levels and in other orders."""

from __future__ import annotations

import pytest

from guize.ingest.extract.extractor import extract_text


def signing(f):
    """category → list of (holder codes, actions, condition)"""
    out: dict[str, list] = {}
    for s in f.signings:
        out.setdefault(s.category, []).append(
            (sorted(r.code for r in s.holders), s.actions, s.condition)
        )
    return out


# -- signing -----------------------------------------------------------------------------------


def test_statutory_signatures():
    # 合作 58
    f = extract_text(
        "市政府向市人民代表大会或市人民代表大会常务委员会提出的议案、发布的命令、人事任免由市长签署。"
    )
    assert signing(f) == {
        c: [(["head"], ("sign",), None)] for c in ("bill", "order", "appointment")
    }
    # 国务院 44
    f = extract_text(
        "国务院公布的行政法规、决定、命令，向全国人民代表大会或全国人民代表大会常务委员会提出的议案，人员任免，由总理签署。"
    )
    assert set(signing(f)) == {
        "administrative-regulation",
        "decision",
        "order",
        "bill",
        "appointment",
    }
    bill = next(s for s in f.signings if s.category == "bill")
    assert bill.object_text == "向全国人民代表大会或全国人民代表大会常务委员会提出的议案"
    # 瓜州 50: a county that claims 规章
    f = extract_text(
        "县政府向县人民代表大会或县人民代表大会常务委员会提出的议案,制定的规章,发布的命令,人事任免,由县长签署。"
    )
    assert set(signing(f)) == {"bill", "rules", "order", "appointment"}


def test_sign_or_sign_off():
    # 攀枝花 51
    f = extract_text(
        "市政府报省政府和市委的文件，向市人民代表大会及其常务委员会提出的议案，市政府发布的规章、决定、命令和人事任免文件，"
        "由市长签署或签发。其他以市政府（含市政府授权市政府办公室）发文，由市政府分管领导同志签发；如有必要，报市长签发。"
        "事务性文件可由市政府秘书长签发。",
        level="prefecture-city",
    )
    s = signing(f)
    assert s["upward"] == [(["head"], ("sign", "sign-off"), None)]
    assert {"bill", "rules", "decision", "order", "appointment"} <= set(s)
    assert s["government-document"] == [
        (["leader-in-charge"], ("sign-off",), None),
        (["head"], ("sign-off",), "如有必要"),
    ]
    assert s["routine"] == [(["secretary-general"], ("sign-off",), None)]
    assert "office-document" not in s


def test_upward_lateral_downward():
    # 瓜州 51
    f = extract_text(
        "以县政府名义制发的上行文,经县政府办公室主任、分管副县长审核后,由县长签发;以县政府名义制发的平行文和下行文,"
        "由县政府分管副县长签发,如有必要,报县长签发;常规事项的发文,可由县政府办公室主任签发。"
    )
    s = signing(f)
    assert s["upward"] == [(["head"], ("sign-off",), None)]
    assert (
        s["lateral"]
        == s["downward"]
        == [(["leader-in-charge"], ("sign-off",), None), (["head"], ("sign-off",), "如有必要")]
    )
    assert s["routine"] == [(["office-director"], ("sign-off",), None)]


def test_upward_depends_on_the_level():
    # 济宁 61(一): 报省政府 is upward for a city …
    f = extract_text(
        "以市政府名义报省政府的请示、报告,由市长或常务副市长签发。", level="prefecture-city"
    )
    assert signing(f) == {"upward": [(["executive-deputy-head", "head"], ("sign-off",), None)]}
    # … and 报市政府 is upward for a county, a submission for the city itself
    f = extract_text("以县政府名义报市政府的请示，由县长签发。", level="county")
    assert set(signing(f)) == {"upward"}
    f = extract_text(
        "确需向市政府书面请示、报告事项,必须以正式公文形式报送,须由报送单位主要负责人签发。",
        level="prefecture-city",
    )
    assert signing(f) == {
        c: [(["department-head"], ("sign-off",), None)] for c in ("request", "report")
    }


def test_office_documents_and_conditions_carried_over():
    # 连云港 50
    f = extract_text(
        "以市政府办公室名义发文，经分管副秘书长审核、分管副市长审阅后，由秘书长签发。其中，属市政府办公室职权范围内的，"
        "一般事项由办公室主任签发，重要事项经办公室主任审核后，由秘书长签发。"
    )
    assert signing(f)["office-document"] == [
        (["secretary-general"], ("sign-off",), None),
        (["office-director"], ("sign-off",), "属市政府办公室职权范围内的，一般事项"),
        # the opening condition governs the second signer too
        (["secretary-general"], ("sign-off",), "属市政府办公室职权范围内的，重要事项"),
    ]
    # 国务院 45: the second sub-sentence inherits the category
    f = extract_text(
        "以国务院办公厅名义发文，由国务院秘书长签发；如有需要，可由国务院分管领导同志签发或核报总理签发。"
    )
    assert signing(f)["office-document"] == [
        (["secretary-general"], ("sign-off",), None),
        (["leader-in-charge"], ("sign-off",), "如有需要"),
        (["head"], ("sign-off",), "如有需要"),
    ]


def test_delegated_signers_get_their_own_fact():
    # 济宁 61(六)
    f = extract_text(
        "已经市政府全体会议、市政府常务会议、市长办公会议决定的事项和属于例行批准手续的事项,需以市政府名义行文的,"
        "由市长或市长授权副市长、市政府秘书长签发。"
    )
    ((head, _, c1), (delegated, _, c2)) = next(iter(signing(f).values()))
    assert head == ["head"] and c1 is None
    assert delegated == ["deputy-head", "secretary-general"] and c2 == "经市长授权"


def test_unknown_category_is_other_with_its_words():
    # 济宁 61(四)
    f = extract_text("（四）县(市、区)长、市政府各部门主要负责人出国审批公文,由市长签发;")
    (s,) = f.signings
    assert (s.category, s.object_text) == (
        "other",
        "县(市、区)长、市政府各部门主要负责人出国审批公文",
    )


def test_signer_words_are_not_signing():
    f = extract_text(
        "市政府和其他县或州直部门联合行文的,由与联合方签发人对应职务的市政府领导同志签发,由副市长签发的须报告市长。"
    )
    (s,) = f.signings
    assert (s.category, [r.code for r in s.holders]) == ("joint", ["government-leader"])


def test_variant_orders_of_signing():
    f = extract_text("区长签署区政府向区人民代表大会提出的议案、发布的命令和人事任免。")
    assert signing(f) == {
        c: [(["head"], ("sign",), None)] for c in ("bill", "order", "appointment")
    }
    f = extract_text("区政府规章由区长签署。区政府人事任免文件，由区长签发。")
    assert set(signing(f)) == {"rules", "appointment"}


# -- deadlines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "部门之间征求意见或会签文件时,除主管部门另有时限要求外,一般应在7个工作日内回复;",  # 合作 56
            [(7, "working-day", "within", "会签/征求意见回复")],
        ),
        (
            "部门之间征求意见或会签文件时，除主办部门另有时限要求外，一般应在3个工作日内回复，特别复杂的事项不得超过一周；",  # 济宁 59
            [
                (3, "working-day", "within", "会签/征求意见回复"),
                (1, "week", "within", "会签/征求意见回复"),
            ],
        ),
        (
            "拟提交市政府常务会议研究的议题材料，除特殊情况外，应于会前5个工作日报送市政府办公室运转。",  # 济宁 49
            [(5, "working-day", "ahead", "提交会议材料")],
        ),
        (
            "副市长出差、出访,离开本市休假、学习,提前3天向市长请假,书面报告市委。",  # 合作 66
            [(3, "day", "ahead", "请假报告")],
        ),
        (
            "执行领导干部调查研究制度，每年到基层调研不少于60天。",
            [(60, "day", "at-least", "基层调研")],
        ),  # 攀枝花 31
        (
            "讨论通过决定印发的文件,原则上须在会议结束后7个工作日内印发。",  # 合作 53
            [(7, "working-day", "within", "会议决定文件印发")],
        ),
        (
            "制发贯彻落实省政府（办公厅）非规划类、非法规类文件的对应发文，原则上不超过6个月。",  # 攀枝花 53
            [(6, "month", "within", "贯彻上级文件的对应发文")],
        ),
        (
            "需要调查论证的事项，应先说明办理情况，报告结果不得超过10个工作日。",
            [(10, "working-day", "within", "报告办理结果")],
        ),
        (
            "区政府各部门之间会签文件，应在五个工作日内回复。",
            [(5, "working-day", "within", "会签/征求意见回复")],
        ),
        ("请假报告须提前两天报区政府办公室。", [(2, "day", "ahead", "请假报告")]),
        ("县政府于2018年11月13日发布的规则同时废止。", []),
        ("每期简报控制在2000字以内。", []),
    ],
)
def test_deadlines(text, expected):
    assert [(d.amount, d.unit, d.bound, d.topic) for d in extract_text(text).deadlines] == expected


# -- leave -------------------------------------------------------------------------------------


def rules(f):
    return [
        (
            [r.code for r in x.who],
            [r.code for r in x.report_to],
            (x.advance.amount, x.advance.unit) if x.advance else x.advance_text,
        )
        for x in f.leave
    ]


def test_seed_leave_rules_of_one_provision():
    # 合作 66
    f = extract_text(
        "市政府组成人员要严格执行请销假制度。市长出差、出访,离开本市休假、学习,按州委、州政府要求报备。"
        "副市长出差、出访,离开本市休假、学习,提前3天向市长请假,书面报告市委。市政府各部门主要负责同志出差,离岗休假、学习,"
        "由市政府分管领导加注意见后,提前3天向市政府书面报告。陪同市委、市政府主要领导同志外出的可直接报备。",
        head_title="市长",
        level="county-city",
    )
    assert rules(f) == [
        (["head"], ["superior-party-committee", "superior-government"], None),
        (["deputy-head"], ["head", "party-committee"], (3, "day")),
        (["department-head"], ["government"], (3, "day")),
    ]


def test_meeting_absence_and_written_reports_after_trips():
    # 攀枝花 43
    f = extract_text(
        "市政府领导同志不能出席市政府全体会议或常务会议，向市长请假；市政府各部门和各县（区）政府主要负责人不能参加会议，"
        "向市长请假，并指派人员代为参会。",
        level="prefecture-city",
    )
    assert rules(f) == [
        (["government-leader"], ["head"], None),
        (["department-head", "subordinate-government-head"], ["head"], None),
    ]
    assert f.leave[0].condition == "不能出席市政府全体会议或常务会议"
    # 瓜州 57 (Q15)
    f = extract_text(
        "县政府各部门、单位负责同志外出考察学习或参加招商引资活动,返程后须以书面形式向县政府报告学习考察情况。"
    )
    (r,) = f.leave
    assert ([x.code for x in r.who], [x.code for x in r.report_to]) == (
        ["department-head"],
        ["government"],
    )
    assert "返程后" in r.condition


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "副总理、国务委员、秘书长离京出访、出差和休养,应事先报告总理,由国务院办公厅通报国务院其他领导同志。",  # 国务院 53
            [(["deputy-head", "state-councillor", "secretary-general"], ["head"], "事先")],
        ),
        (
            "各部门主要负责人离京外出，应事先向国务院办公厅报告。",
            [(["department-head"], ["general-office"], "事先")],
        ),
        (
            "副市长、秘书长离攀外出，应提前1天报告市长或负责常务工作的副市长。",  # 攀枝花 84
            [(["deputy-head", "secretary-general"], ["head", "executive-deputy-head"], (1, "day"))],
        ),
        (
            "副区长、区政府办公室主任出差，应提前2天向区长请假，并按要求向区委报备。",
            [(["deputy-head", "office-director"], ["head", "party-committee"], (2, "day"))],
        ),
        (
            "副省长、秘书长出国、出境，应事先报告省长。",
            [(["deputy-head", "secretary-general"], ["head"], "事先")],
        ),
        (
            "副县长出差、出访,离开本县休假、学习,按照相关规定履行报备手续。",
            [(["deputy-head"], [], None)],
        ),
    ],
)
def test_leave_variants(text, expected):
    assert rules(extract_text(text)) == expected


def test_head_absence_is_no_leave_rule():
    # 攀枝花 10 names 请假休假 as an absence, not as a request
    assert not extract_text(
        "市长出国出境、脱产学习、出差、请假休假等期间，受市长委托，由负责常务工作的副市长代行市长职责。"
    ).leave
