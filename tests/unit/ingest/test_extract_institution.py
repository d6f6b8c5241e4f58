"""Posts (岗位), bodies (机构) and the legal basis (制定依据): seed sentences and rewritten variants."""

from __future__ import annotations

import pytest

from guize.ingest.extract.extractor import extract_text
from guize.ingest.extract.posts import post_for


def posts(f, code: str) -> list[tuple[str, ...]]:
    return sorted(p.labels for p in f.posts if p.code == code)


def meeting_posts(f, meeting: str, attribute: str) -> set[str]:
    """The wordings (post keys) asserted for a meeting part."""
    return {
        post_for(f.posts, a.role).wording
        for a in f.meeting_roles
        if a.meeting == meeting and a.attribute == attribute
    }


# --- distinct posts ------------------------------------------------------------------------------

SEED_PLENARY = (  # 000 art. 47 and 48 (hezhengfa), shortened
    "市政府全体会议由市长、副市长、办公室主任、市政府组成部门主要负责同志组成，由市长召集和主持。"
    "根据需要，可安排相关乡镇、街道和部门主要负责同志列席。"
)


def test_members_and_attendees_of_one_kind_are_distinct_posts_seed():
    f = extract_text(SEED_PLENARY, head_title="市长")
    members = meeting_posts(f, "plenary", "member")
    attendees = meeting_posts(f, "plenary", "non-voting-attendee")
    assert "组成部门主要负责人" in members
    assert "乡镇、街道和部门主要负责人" in attendees
    assert not members & attendees


@pytest.mark.parametrize(
    ("text", "head"),
    [
        (
            "县政府全体会议由县长、副县长、县政府组成部门主要负责同志组成。"
            "必要时邀请有关部门、单位负责人列席会议。",
            "县长",
        ),
        (
            "区人民政府全体会议由区长、副区长和区政府各组成部门主要负责人组成；"
            "根据需要，可以邀请有关部门、单位负责人列席。",
            "区长",
        ),
    ],
    ids=["county", "district"],
)
def test_the_plenary_attendees_are_not_the_members_variants(text, head):
    f = extract_text(text, head_title=head)
    attendees = meeting_posts(f, "plenary", "non-voting-attendee")
    members = meeting_posts(f, "plenary", "member")
    assert "部门、单位负责人" in attendees
    assert "部门、单位负责人" not in members
    labels = {p.labels[0] for p in f.posts if p.wording == "部门、单位负责人"}
    assert labels == {"有关部门、单位负责人"}


def test_deputy_and_executive_deputy_secretary_general_and_office_director_are_four_posts():
    f = extract_text(
        "市政府常务会议由市长、常务副市长、副市长、市政府秘书长组成，市政府办公室主任列席。"
        "会议纪要由秘书长签发。",
        head_title="市长",
    )
    codes = {p.code for p in f.posts}
    assert {"deputy-head", "executive-deputy-head", "secretary-general", "office-director"} <= codes
    # 市政府秘书长 and 秘书长 are one post, named two ways
    assert posts(f, "secretary-general") == [("市政府秘书长", "秘书长")]


@pytest.mark.parametrize("head", ["市长", "州长", "省长"])
def test_public_experts_and_non_party_representatives_are_different_posts(head):
    # 002 (panfufa) 四十一、 and the decision chapter, at other levels
    lvl = head[0]
    f = extract_text(
        f"{lvl}政府全体会议由{head}、副{head}组成。邀请{lvl}纪委监委机关、{lvl}法院负责人，"
        "无党派人士代表等列席会议。"
        f"{lvl}政府常务会议由{head}、副{head}组成。"
        "根据需要，邀请相关利益方、公众代表、专家、法律顾问、媒体等列席会议。",
        head_title=head,
    )
    others = {p.wording: p.labels for p in f.posts if p.code == "other"}
    assert "无党派人士代表" in others
    assert others["无党派人士代表"] == ("无党派人士代表",)
    assert {"专家", "媒体"} <= set(others)
    assert all("无党派" not in w for w in others if w != "无党派人士代表")


def test_a_bare_title_joins_the_longer_wording_of_its_post():
    f = extract_text(
        "县长办公会议由县长召集和主持，副县长、县政府办公室副主任参加。"
        "县政府常务会议由县长、副县长组成，副主任列席。",
        head_title="县长",
    )
    assert posts(f, "office-deputy-director") == [("县政府办公室副主任", "副主任")]


def test_posts_sit_in_bodies():
    f = extract_text(
        "市政府全体会议由市长、副市长、秘书长、市政府组成部门主要负责人组成，"
        "市政府办公室主任、各县（区）政府主要负责人列席。",
        head_title="市长",
    )
    body = {p.code: p.body for p in f.posts}
    assert body["head"] == body["deputy-head"] == body["secretary-general"] == "government"
    assert body["department-head"] == "department"
    assert body["office-director"] == "general-office"
    assert body["subordinate-government-head"] == "lower-government"


# --- bodies --------------------------------------------------------------------------------------


def test_addressees_are_bodies_not_posts_seed_and_variant():
    # 003 (guazhou) leave rule, and a district variant
    for text, head, superior in (
        ("副县长离开本县，须提前向县长请假，并报县政府办公室备案，同时向县委报告。", "县长", None),
        ("副区长出国（境）须报市政府批准，并向区委报备。", "区长", "superior-government"),
    ):
        f = extract_text(text, head_title=head)
        kinds = {b.kind for b in f.bodies}
        assert "party-committee" in kinds, text
        assert not {p.code for p in f.posts} & {"party-committee", "general-office"}
        if superior:
            assert superior in kinds


def test_bodies_named_in_a_post_wording():
    f = extract_text(
        "市政府全体会议由市长、副市长组成。"
        "邀请市纪委监委机关、市法院、市检察院、市人大常委会办公室、市政协办公室负责人列席会议。",
        head_title="市长",
    )
    kinds = {b.kind for b in f.bodies}
    assert {
        "supervisory-commission",
        "court",
        "procuratorate",
        "congress-standing-committee",
        "cppcc",
    } <= kinds


# --- legal basis ---------------------------------------------------------------------------------


def test_legal_basis_seed_based_on_and_by_analogy():
    # 004 (jizhengfa) 一、
    f = extract_text(
        "根据《中华人民共和国宪法》《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》,"
        "参照《山东省人民政府工作规则》,结合济宁实际,制定本规则。",
        head_title="市长",
    )
    assert [(b.title, b.relation) for b in f.legal_basis] == [
        ("中华人民共和国宪法", "based-on"),
        ("中华人民共和国地方各级人民代表大会和地方各级人民政府组织法", "based-on"),
        ("山东省人民政府工作规则", "by-analogy"),
    ]
    src = f.legal_basis[2].source
    text = "根据《中华人民共和国宪法》《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》,参照《山东省人民政府工作规则》"
    assert text[src.span[0] : src.span[1]] == "山东省人民政府工作规则"


def test_legal_basis_variants_other_levels_and_wording():
    f = extract_text(
        "为规范镇人民政府工作，依据《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》"
        "等法律法规，参照《某某县人民政府工作规则》，结合《某镇机构改革方案》，制定本工作规则。",
        head_title="镇长",
    )
    assert [b.relation for b in f.legal_basis] == ["based-on", "by-analogy", "considering"]
    # the enacting formula is required: a sentence that only mentions a law is no basis
    g = extract_text("各部门要认真贯彻《中华人民共和国立法法》。", head_title="市长")
    assert g.legal_basis == ()


@pytest.mark.parametrize("head", ["市长", "县长", "区长", "总理"])
def test_the_executive_deputy_named_two_ways_is_one_post(head):
    f = extract_text(
        f"常务会议由{head}、常务副{head}、副{head}组成。"
        f"{head}外出期间，由负责常务工作的副{head}主持政府日常工作。",
        head_title=head,
    )
    assert posts(f, "executive-deputy-head") == [(f"常务副{head}", f"负责常务工作的副{head}")]
