"""Extract: powers and duties as norms — modality, hedge, structured condition, holders and
objects — for signing and the other power verbs; seed sentences and rewritten variants (other
levels, other wording, other numbering)."""

from __future__ import annotations

import pytest

from guize.ingest.extract.extractor import extract_text


def norms(f, action=None):
    return [n for n in f.norms if action is None or n.action == action]


def codes(roles) -> list[str]:
    return sorted(r.code for r in roles)


# -- modality and hedge ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "text", "expected"),
    [
        # 瓜州 51 (县): 可由 → permission, 一般由 → hedged power
        ("县长", "常规事项的发文,可由县政府办公室主任签发。", ("permission", False)),
        (
            "县长",
            "以县政府办公室名义下发的政务类公文,一般由县政府办公室主任签发。",
            ("power", True),
        ),
        # rewritten: a province, 须由 → obligation, 原则上 → hedged
        ("省长", "以省政府名义报国务院的请示，须由省长签发。", ("obligation", False)),
        ("省长", "以省政府办公厅名义发文，原则上由秘书长签发。", ("power", True)),
        # 纪要 is no 要 (must): still a plain power
        ("州长", "州政府专题会议纪要由州长或分管副州长签发。", ("power", False)),
        ("区长", "区政府全体会议纪要，不得由区政府办公室主任签发。", ("prohibition", False)),
    ],
)
def test_modality_and_hedge_of_signing(head, text, expected):
    f = extract_text(text, head_title=head)
    assert f.signings, text
    q = f.signings[0].qualifier
    assert (q.modality, q.hedged) == expected


def test_modality_of_other_norms():
    # 济宁 61 (五): 应报请…审定签发 → finalise, an obligation, as a major matter
    f = extract_text(
        "以市政府名义制发的其他公文,根据公文内容,一般由市政府分管领导同志签发;"
        "涉及面广的,应报请市长或常务副市长审定签发。",
        head_title="市长",
    )
    fin = norms(f, "finalise")
    assert len(fin) == 1
    assert codes(fin[0].holders) == ["executive-deputy-head", "head"]
    assert fin[0].qualifier.modality == "obligation"
    assert fin[0].qualifier.event == "major-matter"
    # the sign-off of the same clause is a signing with the same condition
    assert {s.qualifier.modality for s in f.signings if s.condition} == {"obligation"}
    # rewritten for a township: 乡长 may finalise
    f = extract_text("涉及全乡的重要文件，可报乡长审定。", head_title="乡长")
    fin = norms(f, "finalise")
    assert [codes(n.holders) for n in fin] == [["head"]]
    assert fin[0].qualifier.modality == "permission"


# -- conditions are kept whole ---------------------------------------------------------------


def test_opening_condition_governs_every_signer():
    # 连云港 50: 属市政府办公室职权范围内的 governs both 一般事项 and 重要事项
    f = extract_text(
        "以市政府办公室名义发文,经分管副秘书长审核、分管副市长审阅后,由秘书长签发。"
        "其中,属市政府办公室职权范围内的,一般事项由办公室主任签发,重要事项经办公室主任审核后,由秘书长签发。",
        head_title="市长",
    )
    conds = [s.condition for s in f.signings]
    assert conds[0] is None
    assert all("属市政府办公室职权范围内的" in c for c in conds[1:]), conds
    assert "一般事项" in conds[1] and "重要事项" in conds[2]
    assert f.signings[2].qualifier.event == "within-remit"
    # rewritten: a county, the remit of the office written differently
    f = extract_text(
        "以县政府办公室名义发文，由县政府秘书长签发；其中，属于县政府办公室职责范围内的，"
        "一般事项由办公室主任签发，重要事项由秘书长签发。",
        head_title="县长",
    )
    later = [s for s in f.signings if s.condition]
    assert len(later) == 2
    assert all(s.condition.startswith("属于县政府办公室职责范围内的") for s in later)


def test_authorisation_is_kept_and_structured():
    # 济宁 61 (七)
    f = extract_text(
        "(七)特殊、紧急情况下,经市长或副市长授权,以市政府名义制发的公文,可由市政府秘书长签发;",
        head_title="市长",
    )
    (s,) = f.signings
    assert s.condition == "特殊、紧急情况下，经市长或副市长授权"
    assert (s.qualifier.event, s.qualifier.authorisation_required) == ("emergency", True)
    assert s.qualifier.modality == "permission"
    (auth,) = norms(f, "authorise")
    assert codes(auth.holders) == ["deputy-head", "head"]
    assert auth.object == "government-document"
    # rewritten: a prefecture, another numbering and wording
    f = extract_text(
        "7．紧急情况下，经州长授权，以州政府名义印发的文件，可以由州政府秘书长签发。",
        head_title="州长",
    )
    (s,) = f.signings
    assert "经州长授权" in s.condition
    assert s.qualifier.authorisation_required and s.qualifier.event == "emergency"


def test_delegated_signer_and_entrustment():
    # 连云港 42
    f = extract_text(
        "市政府全体会议、常务会议纪要,由秘书长审核后报市长签发,或由市长委托常务副市长签发。",
        head_title="市长",
    )
    delegated = [s for s in f.signings if codes(s.holders) == ["executive-deputy-head"]]
    assert delegated and delegated[0].qualifier.entrustment_required
    assert not next(
        s for s in f.signings if codes(s.holders) == ["head"]
    ).qualifier.entrustment_required
    (entrust,) = norms(f, "entrust")
    assert codes(entrust.holders) == ["head"] and codes(entrust.delegates) == [
        "executive-deputy-head"
    ]
    (review,) = norms(f, "review")
    assert codes(review.holders) == ["secretary-general"] and review.object == "minutes"
    # rewritten: a district, 授权 instead of 委托
    f = extract_text(
        "区政府常务会议纪要由区长签发，或由区长授权常务副区长签发。", head_title="区长"
    )
    (auth,) = norms(f, "authorise")
    assert codes(auth.delegates) == ["executive-deputy-head"]


# -- other power verbs -----------------------------------------------------------------------


def test_countersign_approve_and_review():
    # 合作 56-57
    f = extract_text(
        "各部门报送市政府的请示性公文,凡涉及其他部门职权的,必须主动与相关部门充分协商,"
        "由主管部门主要负责同志与相关部门负责同志会签或联合报市政府审批。",
        head_title="市长",
    )
    (cs,) = norms(f, "countersign")
    assert codes(cs.holders) == ["department-head", "department-head"]
    assert cs.object == "request" and cs.condition == "涉及其他部门职权的"
    f = extract_text(
        "公文及办理意见由市政府办公室按照市政府领导同志分工呈批,重大事项必须报市长审批。",
        head_title="市长",
    )
    approve = [n for n in norms(f, "approve") if codes(n.holders) == ["head"]]
    assert approve and approve[0].object == "major-decisions"
    assert approve[0].qualifier.modality == "obligation"
    # rewritten: a province, 批准 and 审核
    f = extract_text(
        "重大事项须报省长批准；一般事项经秘书长审核后，由副省长签发。", head_title="省长"
    )
    assert [codes(n.holders) for n in norms(f, "approve")] == [["head"]]
    assert [codes(n.holders) for n in norms(f, "review")] == [["secretary-general"]]


def test_routing_words_are_no_holders():
    # 瓜州 49: the office director routes (呈), the leader finalises
    f = extract_text(
        "部门间如有意见分歧,要提出办理建议报县政府办公室,由县政府办公室主任呈县政府领导审定。",
        head_title="县长",
    )
    assert [codes(n.holders) for n in norms(f, "finalise")] == [["government-leader"]]
    # 合作 57 rewritten for a district: 转请 another leader to approve
    f = extract_text(
        "公文由区政府领导同志转请区政府其他领导同志审批，重大事项必须报区长审批。",
        head_title="区长",
    )
    approve = norms(f, "approve")
    assert [codes(n.holders) for n in approve] == [["government-leader"], ["head"]]
    assert approve[0].holders[0].label == "区政府其他领导同志"
    assert (approve[1].object, approve[1].object_text) == ("major-decisions", "重大事项")


def test_government_acts():
    # 合作 25 / 瓜州 20
    f = extract_text(
        "市政府根据经济社会发展的需要,制定政府规范性文件,修改或废止不适应改革发展要求的政府规范性文件。",
        head_title="市长",
    )
    (n,) = norms(f, "issue-normative-documents")
    assert codes(n.holders) == ["government"] and n.object == "normative-document"
    f = extract_text("县政府根据经济社会发展的需要,适时制定政府规章。", head_title="县长")
    assert [n.object for n in norms(f, "rule-making")] == ["rules"]
    # departments making rules are not the government's act
    f = extract_text("国务院各部门在本部门的职权范围内，制定规章。", head_title="总理")
    assert norms(f, "rule-making") == []


def test_nouns_are_no_acts():
    # 决定 as a noun, 委托 of a third party, 审批 of a procedure
    f = extract_text(
        "市政府组成人员必须坚决执行市政府的决定。涉及重大公共利益的,要委托第三方进行风险评估。"
        "严格执行接待审批制度。",
        head_title="市长",
    )
    assert norms(f, "decide") == norms(f, "entrust") == norms(f, "approve") == []


# -- convening, chairing and acting as norms ---------------------------------------------------


def test_meeting_and_acting_powers_are_norms():
    # 济宁 45
    f = extract_text(
        "市政府常务会议由市长、副市长、市政府秘书长组成,由市长决定召开,由市长召集和主持,"
        "市长不能出席会议时,可委托负责常务工作的副市长召集和主持。",
        head_title="市长",
    )
    chair = [n for n in norms(f, "chair") if n.object == "standing"]
    assert [codes(n.holders) for n in chair] == [["head"], ["executive-deputy-head"]]
    sub = chair[1].qualifier
    assert (sub.event, sub.entrustment_required) == ("head-absent", True)
    assert {n.object_scheme for n in chair} == {"meeting"}
    # rewritten: a county, the acting head
    f = extract_text(
        "县长外出期间,受县长委托,由负责常务工作的副县长主持县政府工作。", head_title="县长"
    )
    (act,) = norms(f, "preside-work")
    assert codes(act.holders) == ["executive-deputy-head"]
    assert (act.qualifier.event, act.qualifier.entrustment_required) == ("head-absent", True)
