"""Extract: composition, head-responsibility, assist, acting head, backup deputies, applicability,
and the role words themselves — seed sentences and variants at other levels."""

from __future__ import annotations

import pytest

from guize.ingest.extract.extractor import extract_text, infer_head
from guize.ingest.extract.lexicon import context_for, load_lexicon
from guize.ingest.extract.roles import Roles


def member_codes(f):
    (c,) = f.composition
    return [r.code for r in c.members]


# -- roles -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "head, text, expected",
    [
        ("市长", "常务副市长", [("executive-deputy-head", "常务副市长")]),
        ("县长", "负责常务工作的副县长", [("executive-deputy-head", "负责常务工作的副县长")]),
        ("总理", "负责常务工作的副总理", [("executive-deputy-head", "负责常务工作的副总理")]),
        (
            "区长",
            "区长、副区长、区政府办公室主任",
            [("head", "区长"), ("deputy-head", "副区长"), ("office-director", "区政府办公室主任")],
        ),
        (
            "省长",
            "省长、副省长、秘书长",
            [("head", "省长"), ("deputy-head", "副省长"), ("secretary-general", "秘书长")],
        ),
        ("州长", "州长助理", [("head-assistant", "州长助理")]),
        ("市长", "代理市长", [("acting-head", "代理市长")]),
        ("市长", "市政府秘书长", [("secretary-general", "市政府秘书长")]),
        ("总理", "国务院办公厅主任", [("office-director", "国务院办公厅主任")]),
        ("市长", "分管副市长", [("leader-in-charge", "分管副市长")]),
        ("市长", "市政府分管领导同志", [("leader-in-charge", "市政府分管领导同志")]),
        ("县长", "相关副县长", [("deputy-head", "相关副县长")]),
        ("市长", "补位的副市长", [("backup-deputy", "补位的副市长")]),
        (
            "市长",
            "市政府各工作部门局（委、办）局长（主任）",
            [("department-head", "市政府各工作部门局（委、办）局长（主任）")],
        ),
        (
            "总理",
            "各部部长、审计长",
            [("department-head", "各部部长"), ("department-head", "审计长")],
        ),
        ("市长", "市政府组成人员", [("government-member", "市政府组成人员")]),
        ("市长", "市政府领导班子成员", [("government-leader", "市政府领导班子成员")]),
        ("县长", "会议主持人", [("meeting-chair", "会议主持人")]),
        (
            "市长",
            "相关乡镇、街道和部门主要负责同志",
            [
                ("subordinate-government-head", "相关乡镇、街道和部门主要负责同志"),
                ("department-head", "相关乡镇、街道和部门主要负责同志"),
            ],
        ),
        (
            "市长",
            "市政府派出机构主要负责人",
            [("affiliated-body-head", "市政府派出机构主要负责人")],
        ),
        ("市长", "人大代表、政协委员", [("other", "人大代表"), ("other", "政协委员")]),
        ("市长", "军分区主要负责人", [("unit-head", "军分区主要负责人")]),
        ("区长", "区法院、区检察院负责人", [("unit-leader", "区法院、区检察院负责人")]),
        (
            "市长",
            "市政府派出机构和省垂直管理机构主要负责人",
            [
                ("affiliated-body-head", "市政府派出机构和省垂直管理机构主要负责人"),
                ("unit-head", "市政府派出机构和省垂直管理机构主要负责人"),
            ],
        ),
    ],
)
def test_role_words(head, text, expected):
    roles = Roles(context_for(load_lexicon(), head))
    assert [(r.code, r.label) for r in roles.parse(text)] == expected


def test_meeting_names_and_the_responsibility_system_never_yield_the_head():
    roles = Roles(context_for(load_lexicon(), "县长"))
    assert roles.parse("县长办公会议") == []
    assert roles.parse("县长负责制") == []


def test_head_is_inferred_from_the_text():
    lex = load_lexicon()
    assert infer_head(lex, ["区政府常务会议由区长主持，副区长参加。"]) == "区长"
    assert infer_head(lex, ["副县长协助县长工作。"]) == "县长"
    assert infer_head(lex, ["国务院常务会议由总理召集和主持。"]) == "总理"
    assert infer_head(lex, ["本规则自印发之日起施行。"]) is None


# -- composition -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "市政府由下列人员组成:市长、副市长、市政府办公室主任、市政府组成部门主要负责同志。",  # 合作 8
            ["head", "deputy-head", "office-director", "department-head"],
        ),
        (
            "市政府组成人员包括：市长、副市长、秘书长，市政府组成部门主要负责同志。",  # 连云港 5
            ["head", "deputy-head", "secretary-general", "department-head"],
        ),
        (
            "市政府由市长、副市长、秘书长，市政府各工作部门局（委、办）局长（主任）组成。",  # 攀枝花 4
            ["head", "deputy-head", "secretary-general", "department-head"],
        ),
        (
            "县政府由下列人员组成:县长、副县长,县政府组成部门主要负责同志。",  # 瓜州 4
            ["head", "deputy-head", "department-head"],
        ),
        (
            "国务院由下列人员组成：总理、副总理、国务委员、各部部长、各委员会主任、人民银行行长、审计长、秘书长。",
            [
                "head",
                "deputy-head",
                "state-councillor",
                "department-head",
                "department-head",
                "department-head",
                "department-head",
                "secretary-general",
            ],
        ),
        (
            "区政府由区长、副区长、区政府办公室主任和区政府组成部门主要负责人组成。",
            ["head", "deputy-head", "office-director", "department-head"],
        ),
        (
            "省政府组成人员为：省长、副省长、秘书长、省政府组成部门主要负责人。",
            ["head", "deputy-head", "secretary-general", "department-head"],
        ),
    ],
)
def test_composition(text, expected):
    assert member_codes(extract_text(text)) == expected


def test_a_meeting_composition_is_not_the_governments():
    assert not extract_text("市政府常务会议由市长、副市长、秘书长组成。").composition


# -- head responsibility and assistance -------------------------------------------------------


@pytest.mark.parametrize(
    "text, head",
    [
        ("市政府实行市长负责制,市长领导和主持市政府全盘工作。", "市长"),
        ("县政府实行县长负责制，县长领导县政府的工作。", "县长"),
        ("国务院实行总理负责制，总理领导国务院的工作。", "总理"),
        ("区政府实行区长负责制。", "区长"),
        ("省政府实行省长负责制。", "省长"),
    ],
)
def test_head_responsibility(text, head):
    (h,) = extract_text(text).head_responsibility
    assert (h.holder.code, h.holder.label) == ("head", head)


def test_department_responsibility_is_not_the_heads():
    assert not extract_text(
        "市政府组成部门实行主任、局长负责制，由其领导本部门的工作。"
    ).head_responsibility


@pytest.mark.parametrize(
    "text, holders, obj",
    [
        (
            "市长领导市政府的工作，副市长、秘书长协助市长工作。",
            ["deputy-head", "secretary-general"],
            None,
        ),  # 攀枝花 6
        ("副总理、国务委员协助总理工作。", ["deputy-head", "state-councillor"], None),  # 国务院 6
        (
            "市政府秘书长在市长领导下，协助处理市政府的日常工作。",
            ["secretary-general"],
            "处理市政府的日常工作",
        ),  # 连云港 9
        (
            "县政府办公室主任在县长领导下,协助处理县政府日常工作。",
            ["office-director"],
            "处理县政府日常工作",
        ),  # 瓜州 9
        ("副区长、区政府办公室主任协助区长工作。", ["deputy-head", "office-director"], None),
    ],
)
def test_assist(text, holders, obj):
    (a,) = extract_text(text).assists
    assert [r.code for r in a.holders] == holders
    assert a.assisted.code == "head"
    assert a.object_text == obj


def test_assisting_the_leadership_collectively_is_not_assisting_the_head():
    f = extract_text(
        "市政府根据工作需要配副秘书长若干名，在市长、副市长、秘书长的领导下，协助处理相关工作。"
    )
    assert not f.assists


# -- acting head and backups -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, acting, condition, entrusted, action",
    [
        (
            "市长外出期间,受市长委托,由负责常务工作的副市长主持政府工作。",  # 合作 14
            "executive-deputy-head",
            "市长外出期间",
            True,
            "preside-work",
        ),
        (
            "市长出国出境、脱产学习、出差、请假休假等期间，受市长委托，由负责常务工作的副市长代行市长职责。",  # 攀枝花 10
            "executive-deputy-head",
            "市长出国出境、脱产学习、出差、请假休假等期间",
            True,
            "act-for",
        ),
        (
            "市长因公出市(出访)、休假期间,由负责常务工作的副市长主持市政府全面工作。",  # 济宁 6
            "executive-deputy-head",
            "市长因公出市(出访)、休假期间",
            False,
            "preside-work",
        ),
        (
            "总理出国访问期间，由负责常务工作的副总理代行总理职务。",  # 国务院 10
            "executive-deputy-head",
            "总理出国访问期间",
            False,
            "act-for",
        ),
        (
            "区长外出时，由区长委托常务副区长主持区政府工作。",
            "executive-deputy-head",
            "区长外出时",
            True,
            "preside-work",
        ),
        (
            "省长不在省内期间，常务副省长代行省长职务。",
            "executive-deputy-head",
            "省长不在",
            False,
            "act-for",
        ),
    ],
)
def test_acting_head(text, acting, condition, entrusted, action):
    (a,) = extract_text(text).acting_head
    assert [r.code for r in a.acting] == [acting]
    assert a.condition.startswith(condition)
    assert (a.requires_entrustment, a.action) == (entrusted, action)


def test_acting_roles_must_follow_the_condition():
    # 攀枝花 84: who acts is filed, nobody is named as acting head
    f = extract_text(
        "市长、副市长、秘书长外出活动的安排及外出期间代行其职责的领导应向市政府办公室备案。"
    )
    assert not f.acting_head


@pytest.mark.parametrize(
    "text, acting, condition",
    [
        (
            "市政府领导同志实行工作补位制度,副市长出市(出访)、休假期间,由补位的副市长代为处理有关工作。",  # 济宁 8
            [("backup-deputy", "补位的副市长")],
            "副市长出市(出访)、休假期间",
        ),
        (
            "副市长学习和休假期间,其分管工作由市长或市长指定其他副市长代管。",  # 合作 14
            [("head", "市长"), ("deputy-head", "其他副市长")],
            "副市长学习和休假期间",
        ),
        (
            "副县长外出期间，其分管工作由县长指定其他副县长代管。",
            [("deputy-head", "其他副县长")],
            "副县长外出期间",
        ),
    ],
)
def test_backup(text, acting, condition):
    (b,) = extract_text(text).backups
    assert [(r.code, r.label) for r in b.acting] == acting
    assert b.condition == condition
    assert not extract_text(text).acting_head


def test_ab_roles():
    # 攀枝花 61
    f = extract_text(
        "副市长在部分政务活动中实行 AB 角，互为 AB 角的领导同志，其中一位外出期间，由另一位代行部分政务活动职责。"
        "互为 AB 角的领导同志同时外出时，由市政府办公室协调其他市政府领导代行政务活动职责。"
    )
    first, second = f.backups
    assert [r.code for r in first.acting] == ["deputy-head"]
    assert first.condition == "其中一位外出期间"
    assert [(r.code, r.label) for r in second.acting] == [("government-leader", "其他市政府领导")]


# -- applicability -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, bodies",
    [
        (
            "市政府直属机构、办事机构、直属事业单位适用本规则。",
            ("市政府直属机构", "办事机构", "直属事业单位"),
        ),
        (
            "县政府直属事业单位、部门管理机构及下设事业单位适用本规则。",
            ("县政府直属事业单位", "部门管理机构", "下设事业单位"),
        ),
        ("区政府派出机构、直属事业单位参照本规则执行。", ("区政府派出机构", "直属事业单位")),
    ],
)
def test_applicability(text, bodies):
    (a,) = extract_text(text).applicability
    assert a.bodies == bodies
