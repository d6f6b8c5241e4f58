"""Extract: what each meeting discusses or decides (matter categories), the major-decision
procedure, Party reporting and rule-making claims — seed sentences and rewritten variants."""

from __future__ import annotations

from guize.ingest.extract.extractor import extract_text


def decides(f) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in f.meeting_matters:
        if m.matter not in out.setdefault(m.meeting, []):
            out[m.meeting].append(m.matter)
    return out


def test_tasks_on_one_line():
    # 合作 48 (numbered items run on one line)
    f = extract_text(
        "市政府常务会议由市长、副市长组成,由市长召集和主持。市政府常务会议的主要任务是: "
        "(一)研究贯彻落实党中央、国务院、省委、省政府及市委的重大决策部署的具体举措; "
        "(二)研究需要报请市人民代表大会及其常务委员会审议的重要事项; (三)研究决定市政府规范性文件; "
        "(四)听取市政府部门和单位重要工作汇报; (五)研究市政府工作部门和单位的人事任免事项; "
        "(六)通报和讨论其他重要事项。",
        head_title="市长",
    )
    assert decides(f) == {
        "standing": [
            "higher-instructions",
            "bills",
            "normative-documents",
            "work-report",
            "personnel",
            "major-decisions",
        ]
    }
    # every item is its own fact with its own span
    spans = {m.source.span for m in f.meeting_matters}
    assert len(spans) == 6


def test_tasks_on_numbered_lines_after_a_bare_meeting():
    # 济宁 45: "会议的主要任务是:" then one item per line; the text after the list is no item
    text = (
        "市政府常务会议由市长、副市长、市政府秘书长组成,由市长召集和主持。会议的主要任务是:\n"
        "(一)审议《政府工作报告》、市级预算和预备费安排等重要事项;\n"
        "(二)讨论市政府部门起草的地方性法规草案,审议市政府规章草案;\n"
        "(三)定期研究安全生产等重点事项。\n"
        "市政府副秘书长列席市政府常务会议。"
    )
    f = extract_text(text, head_title="市长")
    assert decides(f) == {"standing": ["budget", "work-report", "bills", "rules", "emergencies"]}
    # rewritten: a county plenary, Chinese-dash numbering (一是 …)
    f = extract_text(
        "县政府全体会议的主要任务是：\n一是传达贯彻上级的重要指示和决定；\n二是部署县政府的重要工作；\n"
        "三是讨论决定县政府工作中的重大事项。\n县政府全体会议一般每年召开两次。",
        head_title="县长",
    )
    assert decides(f) == {"plenary": ["higher-instructions", "plans", "major-decisions"]}


def test_meetings_that_decide_named_matters():
    # 连云港 7 / 国务院 7
    f = extract_text(
        "市政府工作中的重大事项,必须经市政府全体会议或市政府常务会议讨论决定。", head_title="市长"
    )
    assert decides(f) == {"plenary": ["major-decisions"], "standing": ["major-decisions"]}
    # rewritten: a province, several matters, 审议决定
    f = extract_text(
        "省政府规章草案、年度预算和重大项目，由省政府常务会议审议决定。", head_title="省长"
    )
    assert set(decides(f)["standing"]) == {"rules", "budget", "major-projects"}
    # a meeting's decisions made public is no competence
    f = extract_text("市政府常务会议讨论决定的事项，应及时公布。", head_title="市长")
    assert decides(f) == {}


def test_decision_procedure_steps():
    # 攀枝花 27
    f = extract_text(
        "市政府及各部门要完善重大事项决策的规则和程序，把公众参与、专家论证、风险评估、合法性审查、"
        "集体讨论决定作为重大行政决策的法定程序。",
        head_title="市长",
    )
    assert [e.code for e in f.decision_steps] == [
        "public-participation",
        "expert-argumentation",
        "risk-assessment",
        "legality-review",
        "collective-discussion",
    ]
    # 济宁 29: the Party committee first
    f = extract_text(
        "市政府在作出事关全市经济社会发展全局、涉及群众切身利益的重大决策前,及时向市委请示报告。",
        head_title="市长",
    )
    assert [e.code for e in f.decision_steps] == ["party-report"]
    assert len(f.party_reporting) == 1
    # rewritten: a county, other words; publication
    f = extract_text(
        "县政府作出重大行政决策，应当听取社会公众意见，进行合法性审核，经县政府常务会议集体讨论，"
        "并依法向社会公布。",
        head_title="县长",
    )
    assert {e.code for e in f.decision_steps} == {
        "public-participation",
        "legality-review",
        "collective-discussion",
        "publication",
    }
    # the same words outside a provision on decisions are no step
    f = extract_text("市政府各部门要加强政务公开，及时公布办事指南。", head_title="市长")
    assert f.decision_steps == ()


def test_party_reporting():
    # 瓜州 28
    f = extract_text(
        "县政府在经济建设方面的重大决策部署,须先提出意见,报请县委同意后部署实施。",
        head_title="县长",
    )
    assert [e.text for e in f.party_reporting] == ["报请县委同意"]
    # rewritten: a province and its Party committee
    f = extract_text("重大事项由省政府党组向省委请示报告。", head_title="省长")
    assert len(f.party_reporting) == 1
    # reporting to the congress is not to the Party
    f = extract_text("市政府依法向市人大常委会报告工作。", head_title="市长")
    assert f.party_reporting == ()


def test_rule_making_claims():
    # 瓜州 50 (a county claims 规章) and 济宁 45
    f = extract_text(
        "县政府向县人民代表大会提出的议案,制定的规章,发布的命令,由县长签署。", head_title="县长"
    )
    assert [e.text for e in f.rule_making] == ["制定的规章"]
    f = extract_text("(三)审议市政府规章草案;", head_title="市长")
    assert len(f.rule_making) == 1
    # rules of others, or of departments, are no claim
    for text, head in [
        ("各部门制定的规章和其他规范性文件，必须符合宪法、法律。", "总理"),
        ("各部门制定规范性文件，必须符合法律、法规和规章的规定。", "市长"),
        ("市政府根据省政府规章的修订情况提出意见。", "市长"),
    ]:
        assert extract_text(text, head_title=head).rule_making == (), text


def test_major_matters_routed_to_an_unnamed_meeting_go_to_every_meeting_named():
    # 瓜州 7, 合作 11: the meetings are listed, then "…必须经会议讨论决定" names none of them
    f = extract_text(
        "县长召集和主持县政府全体会议、县政府常务会议、县长办公会议。"
        "县政府工作中的重大事项,必须经会议讨论决定。",
        head_title="县长",
    )
    found = {(m.meeting, m.matter, m.decisive) for m in f.meeting_matters}
    assert found == {
        ("plenary", "major-decisions", True),
        ("standing", "major-decisions", True),
        ("head-office", "major-decisions", True),
    }


def test_naming_the_statutory_meetings_routes_major_matters_to_them_alone():
    # 攀枝花 七、 (a variant with 县 words): the sentence names the meetings
    f = extract_text(
        "县长召集和主持县政府全体会议、县政府常务会议和县长办公会议。"
        "县政府工作中的重大事项，必须经县政府全体会议或县政府常务会议讨论决定。",
        head_title="县长",
    )
    kinds = {m.meeting for m in f.meeting_matters if m.matter == "major-decisions"}
    assert "head-office" not in kinds and kinds <= {"plenary", "standing"} and kinds


def test_a_task_that_studies_is_not_decisive_one_that_decides_is():
    f = extract_text(
        "县长办公会议由县长召集和主持。县长办公会议的主要任务是:\n"
        "(一)研究讨论县政府重点工作推进或需要统筹协调的重大事项;\n"
        "(二)讨论决定县政府工作中的重大问题。",
        head_title="县长",
    )
    decisive = {m.text: m.decisive for m in f.meeting_matters if m.meeting == "head-office"}
    assert decisive == {
        "研究讨论县政府重点工作推进或需要统筹协调的重大事项": False,
        "讨论决定县政府工作中的重大问题": True,
    }
