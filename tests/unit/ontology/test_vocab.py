"""The SKOS concept schemes in ontology/vocab/: labels, notations, structure, and GLOSSARY coverage."""

from __future__ import annotations

from collections import Counter

import pytest
from ontology_helpers import GZ, VOCAB, parse
from rdflib import RDF, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS

#: scheme code → the ontology class its concepts belong to.
SCHEMES = {
    "administrative-level": "AdministrativeLevel",
    "administrative-tier": "AdministrativeTier",
    "role-kind": "RoleKind",
    "body-kind": "BodyKind",
    "meeting-kind": "MeetingKind",
    "meeting-role": "MeetingRole",
    "power-action": "PowerAction",
    "document-category": "DocumentCategory",
    "time-unit": "TimeUnit",
    "provision-topic": "ProvisionTopic",
    "validity-status": "ValidityStatus",
    "quorum-base": "QuorumBase",
    "quorum-rule": "QuorumRule",
    "modality": "Modality",
    "condition-event": "ConditionEvent",
    "matter-category": "MatterCategory",
    "decision-step": "DecisionStepKind",
}


def scheme_iri(code: str) -> URIRef:
    return URIRef(f"https://w3id.org/guize/vocab/{code}")


def concepts(g, code: str) -> list[URIRef]:
    return sorted(g.subjects(SKOS.inScheme, scheme_iri(code)), key=str)


def langs(g, s, p) -> list[str]:
    return sorted(o.language or "" for o in g.objects(s, p) if isinstance(o, Literal))


def labels(g, code: str, concept: str) -> set[str]:
    c = URIRef(f"https://w3id.org/guize/vocab/{code}/{concept}")
    return {str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in g.objects(c, p)}


def test_one_file_per_scheme():
    assert sorted(p.stem for p in VOCAB) == sorted(SCHEMES)


@pytest.mark.parametrize("code", sorted(SCHEMES))
def test_scheme_is_described(code):
    g = parse([next(p for p in VOCAB if p.stem == code)])
    assert list(g.subjects(RDF.type, SKOS.ConceptScheme)) == [scheme_iri(code)]
    s = scheme_iri(code)
    assert langs(g, s, DCTERMS.title) == ["en", "zh"]
    assert langs(g, s, SKOS.prefLabel) == ["en", "zh"]
    assert langs(g, s, SKOS.definition) == ["en", "zh"]
    assert str(g.value(s, SKOS.notation)) == code


@pytest.mark.parametrize("code", sorted(SCHEMES))
def test_every_concept_is_complete(model, code):
    scheme = scheme_iri(code)
    found = concepts(model, code)
    assert found
    bad = {}
    for c in found:
        problems = []
        if langs(model, c, SKOS.prefLabel) != ["en", "zh"]:
            problems.append("prefLabel must be exactly one @zh and one @en")
        if langs(model, c, SKOS.definition) != ["en", "zh"]:
            problems.append("definition must be one @zh and one @en")
        notations = [str(n) for n in model.objects(c, SKOS.notation)]
        if len(notations) != 1 or str(c) != f"{scheme}/{notations[0]}":
            problems.append(f"notation {notations} must be one and end the IRI")
        for t in (SKOS.Concept, URIRef(GZ + SCHEMES[code])):
            if (c, RDF.type, t) not in model:
                problems.append(f"not typed {t}")
        pref = {str(o) for o in model.objects(c, SKOS.prefLabel)}
        if pref & {str(o) for o in model.objects(c, SKOS.altLabel)}:
            problems.append("an altLabel repeats the prefLabel")
        if any(a.language not in ("zh", "en") for a in model.objects(c, SKOS.altLabel)):
            problems.append("altLabel without zh/en tag")
        broader_here = [
            b for b in model.objects(c, SKOS.broader) if (b, SKOS.inScheme, scheme) in model
        ]
        is_top = (c, SKOS.topConceptOf, scheme) in model
        if is_top == bool(broader_here):
            problems.append("top concept iff no broader concept in the same scheme")
        for b in model.objects(c, SKOS.broader):
            if (b, RDF.type, SKOS.Concept) not in model:
                problems.append(f"broader {b} is not a concept")
        if problems:
            bad[str(c)] = problems
    assert bad == {}


def test_broader_has_no_cycles(model):
    for c in set(model.subjects(SKOS.broader, None)):
        seen, todo = set(), [c]
        while todo:
            for b in model.objects(todo.pop(), SKOS.broader):
                assert b != c, f"{c} is its own broader"
                if b not in seen:
                    seen.add(b)
                    todo.append(b)


@pytest.mark.parametrize("code", sorted(SCHEMES))
def test_labels_are_unambiguous_within_a_scheme(model, code):
    counts = Counter(
        (str(o), o.language)
        for c in concepts(model, code)
        for p in (SKOS.prefLabel, SKOS.altLabel)
        for o in model.objects(c, p)
    )
    assert [k for k, n in counts.items() if n > 1] == []


def test_levels_point_to_their_tier(model):
    tier = {
        str(c).rsplit("/", 1)[1]: str(model.value(c, SKOS.broader)).rsplit("/", 1)[1]
        for c in concepts(model, "administrative-level")
    }
    assert tier == {
        "national": "national",
        "provincial": "provincial",
        "prefecture-city": "prefectural",
        "autonomous-prefecture": "prefectural",
        "prefecture-office": "prefectural",
        "county-city": "county",
        "county": "county",
        "district": "county",
        "township": "township",
    }
    for c in concepts(model, "administrative-level"):
        assert (
            model.value(c, SKOS.broader),
            SKOS.inScheme,
            scheme_iri("administrative-tier"),
        ) in model


# Codes the brief and GLOSSARY.md fix; the extractor and queries use them.
REQUIRED_CODES = {
    "administrative-level": "national provincial prefecture-city autonomous-prefecture prefecture-office "
    "county-city county district township",
    "administrative-tier": "national provincial prefectural county township",
    "role-kind": "head executive-deputy-head deputy-head state-councillor secretary-general "
    "deputy-secretary-general office-director office-deputy-director department-head "
    "head-assistant government-member government-leader leader-in-charge acting-head backup-deputy "
    "unit-leader unit-head meeting-chair meeting-convener subordinate-government-head "
    "affiliated-body-head other general-office government party-committee superior-government "
    "superior-party-committee",
    "body-kind": "general-office party-group party-committee coordinating-body peoples-congress "
    "congress-standing-committee cppcc department dispatched-agency affiliated-body legal-office "
    "audit-office",
    "meeting-kind": "plenary standing head-office thematic other briefing",
    "meeting-role": "member participant attendee non-voting-attendee convener chair substitute-chair "
    "agenda-setter minutes-signer frequency quorum",
    "power-action": "sign-off sign countersign review approve finalise peruse approve-printing read-instruct "
    "submit-for-approval file submit issue repeal act-for entrust authorise preside-work "
    "convene chair decide leave-request",
    "document-category": "administrative-regulation local-regulation rules normative-document "
    "administrative-measure decision order bill appointment upward lateral downward request "
    "report letter bulletin minutes office-document routine joint agenda-item government-document other",
    "time-unit": "working-day day week two-weeks month quarter half-year year",
    "provision-topic": "general party-leadership composition functions rule-of-law decision-making research "
    "openness supervision work-planning meetings documents official-activities "
    "government-information inspection performance digital-government discipline conduct "
    "integrity supplementary legal-basis guiding-ideology head-responsibility acting-head "
    "normative-documents major-decisions petitions leave secrecy applicability",
    "validity-status": "in-force expired unknown",
    "quorum-base": "members due-to-attend",
    "quorum-rule": "half-or-more more-than-half",
}


@pytest.mark.parametrize("code", sorted(REQUIRED_CODES))
def test_required_codes(model, code):
    have = {str(model.value(c, SKOS.notation)) for c in concepts(model, code)}
    assert set(REQUIRED_CODES[code].split()) - have == set()


# Words an extractor must be able to match (GLOSSARY.md §§1–6): scheme, concept, zh labels.
REQUIRED_LABELS = [
    ("role-kind", "head", "行政首长 市长 县长 区长 省长 州长 总理 主席 自治区主席 乡长 镇长 旗长"),
    (
        "role-kind",
        "executive-deputy-head",
        "常务副市长 负责常务工作的副市长 常务副县长 负责常务工作的副县长 "
        "常务副省长 负责常务工作的副省长 常务副区长 负责常务工作的副区长 "
        "常务副州长 负责常务工作的副州长 常务副总理",
    ),
    ("role-kind", "deputy-head", "副总理 副省长 副市长 副州长 副县长 副区长"),
    ("role-kind", "secretary-general", "秘书长 市政府秘书长"),
    ("role-kind", "deputy-secretary-general", "副秘书长 分管副秘书长"),
    ("role-kind", "office-director", "办公室主任 办公厅主任"),
    ("role-kind", "office-deputy-director", "办公室副主任 分管副主任"),
    (
        "role-kind",
        "department-head",
        "部门主要负责人 组成部门主要负责同志 局长（主任） 部长 审计长 厅长 科长",
    ),
    ("role-kind", "head-assistant", "市长助理 县长助理 省长助理"),
    ("role-kind", "government-member", "组成人员 政府组成人员"),
    ("role-kind", "government-leader", "领导同志 领导班子成员"),
    ("role-kind", "leader-in-charge", "分管领导 分管副市长"),
    ("role-kind", "acting-head", "代理市长 代理县长"),
    ("role-kind", "backup-deputy", "补位副市长 AB角"),
    ("role-kind", "meeting-chair", "会议主持人 主持会议的领导同志"),
    ("role-kind", "meeting-convener", "会议召集人 召集会议的领导同志"),
    (
        "role-kind",
        "subordinate-government-head",
        "各县（市、区）政府主要负责人 乡镇主要负责同志 街道主要负责同志",
    ),
    (
        "role-kind",
        "affiliated-body-head",
        "派出机构主要负责人 直属事业单位主要负责人 部门管理机构主要负责人",
    ),
    ("role-kind", "other", "人大代表 政协委员 专家 媒体"),
    ("role-kind", "general-office", "办公室 办公厅 政府办"),
    ("role-kind", "government", "市政府 县政府 本级人民政府"),
    ("role-kind", "party-committee", "市委 县委 党委"),
    ("role-kind", "superior-government", "上级政府 省政府"),
    ("role-kind", "superior-party-committee", "上级党委 省委 党中央"),
    ("meeting-kind", "plenary", "全体会议 政府全体会议 扩大会议"),
    ("meeting-kind", "standing", "常务会议 常务会"),
    ("meeting-kind", "head-office", "市长办公会议 市长办公会 县长办公会议 总理办公会议"),
    ("meeting-kind", "thematic", "专题会议 国务院专题会议"),
    ("meeting-kind", "briefing", "市长碰头会 碰头会"),
    ("meeting-kind", "on-site-office", "现场办公会"),
    ("meeting-role", "member", "组成 由…组成"),
    ("meeting-role", "participant", "参加 吸收…参加"),
    ("meeting-role", "attendee", "出席 不能出席 出席人数"),
    ("meeting-role", "non-voting-attendee", "列席 列席会议"),
    ("meeting-role", "convener", "召集 决定召开"),
    ("meeting-role", "chair", "主持"),
    ("meeting-role", "substitute-chair", "受委托主持"),
    ("power-action", "sign-off", "签发 审定签发 报…签发"),
    ("power-action", "approve", "审批 签批 核批"),
    ("power-action", "read-instruct", "阅批 圈阅"),
    ("power-action", "submit-for-approval", "呈批 呈签 呈送"),
    ("power-action", "submit", "报送 报请 报批 呈报"),
    ("power-action", "act-for", "代行 代为处理 代管"),
    ("power-action", "entrust", "委托 受…委托"),
    ("power-action", "authorise", "授权 经…授权"),
    ("power-action", "preside-work", "主持工作 主持政府工作 主持…全面工作"),
    ("power-action", "leave-request", "请假 请销假"),
    ("power-action", "report-back", "销假"),
    ("power-action", "notify", "报备"),
    ("body-kind", "general-office", "办公室 办公厅"),
    ("body-kind", "party-committee", "党委 党中央 省委 州委 市委 县委"),
    ("body-kind", "coordinating-body", "议事协调机构 临时机构 领导小组"),
    ("body-kind", "dispatched-agency", "派出机构 派出机关 街道办事处 管委会"),
    ("body-kind", "affiliated-body", "直属机构 直属单位 直属事业单位 部门管理机构"),
    ("body-kind", "legal-office", "法制机构 司法局"),
    ("body-kind", "audit-office", "审计机关 审计局 审计署"),
    ("document-category", "rules", "规章 政府规章"),
    (
        "document-category",
        "normative-document",
        "规范性文件 行政规范性文件 政府规范性文件 部门规范性文件",
    ),
    ("document-category", "order", "命令 令 市政府令"),
    ("document-category", "appointment", "人事任免 人员任免"),
    ("document-category", "minutes", "会议纪要 纪要"),
    ("administrative-level", "prefecture-city", "设区的市 地级市"),
    ("administrative-level", "county-city", "不设区的市 县级市"),
    ("administrative-level", "prefecture-office", "行政公署 行署 地区行政公署"),
    ("administrative-level", "county", "县 自治县 旗"),
    ("time-unit", "working-day", "工作日"),
    ("time-unit", "day", "日 天"),
    ("time-unit", "ten-days", "旬"),
    ("quorum-rule", "half-or-more", "半数以上 二分之一以上"),
    ("quorum-rule", "more-than-half", "超过半数 过半数"),
    ("quorum-base", "due-to-attend", "应到人数"),
]


@pytest.mark.parametrize(
    ("code", "concept", "words"), REQUIRED_LABELS, ids=lambda v: v if "-" in v else None
)
def test_glossary_words_are_labels(model, code, concept, words):
    assert set(words.split()) - labels(model, code, concept) == set()


def test_briefing_meeting_is_narrower_than_other(model):
    other = URIRef("https://w3id.org/guize/vocab/meeting-kind/other")
    assert (
        URIRef("https://w3id.org/guize/vocab/meeting-kind/briefing"),
        SKOS.broader,
        other,
    ) in model


def test_meeting_roles_name_their_direct_property(model):
    direct = {
        str(c).rsplit("/", 1)[1]: str(model.value(c, URIRef(GZ + "directProperty")))
        for c in concepts(model, "meeting-role")
        if model.value(c, URIRef(GZ + "directProperty"))
    }
    assert direct == {
        "member": GZ + "member",
        "participant": GZ + "participant",
        "non-voting-attendee": GZ + "nonVotingAttendee",
        "convener": GZ + "convenedBy",
        "chair": GZ + "chairedBy",
        "substitute-chair": GZ + "substituteChair",
        "agenda-setter": GZ + "agendaSetBy",
        "minutes-signer": GZ + "minutesSignedBy",
        "frequency": GZ + "frequency",
        "quorum": GZ + "quorum",
    }


def test_time_units_normalise(model):
    per_year = {
        str(c).rsplit("/", 1)[1]: float(model.value(c, URIRef(GZ + "perYear")))
        for c in concepts(model, "time-unit")
    }
    assert per_year["month"] == 12 and per_year["two-weeks"] == 26 and per_year["year"] == 1
    assert all(
        float(model.value(c, URIRef(GZ + "lengthInDays"))) > 0 for c in concepts(model, "time-unit")
    )


def test_validity_status_maps_to_eli(model):
    eli = "http://data.europa.eu/eli/ontology#"
    vs = "https://w3id.org/guize/vocab/validity-status/"
    assert (URIRef(vs + "in-force"), SKOS.exactMatch, URIRef(eli + "InForce-inForce")) in model
    assert (URIRef(vs + "expired"), SKOS.exactMatch, URIRef(eli + "InForce-notInForce")) in model
