"""Bilingual labels for the codes the pages show (levels, roles, meeting kinds, units …).

Labels come from the store first (``skos:prefLabel``/``rdfs:label`` of the ontology terms and
the SKOS concepts, loaded by ``guize build``), so the vocabularies stay the one source; the
table below, taken from ../shared/GLOSSARY.md, only fills gaps while a scheme is missing.
"""

from __future__ import annotations

from typing import Any

from guize.web.pages.store import base, memo, select

#: scheme → code → (zh, en); the fallback when the store has no label for a concept.
FALLBACK: dict[str, dict[str, tuple[str, str]]] = {
    "administrative-level": {
        "national": ("国务院", "State Council"),
        "provincial": ("省级", "provincial"),
        "prefecture-city": ("设区的市", "prefecture-level city"),
        "autonomous-prefecture": ("自治州", "autonomous prefecture"),
        "prefecture-office": ("行政公署", "prefectural office"),
        "county-city": ("县级市", "county-level city"),
        "county": ("县", "county"),
        "district": ("市辖区", "city district"),
        "township": ("乡镇", "township"),
    },
    "status": {
        "in-force": ("有效", "in force"),
        "expired": ("失效", "expired"),
        "unknown": ("效力不明", "validity unknown"),
    },
    "meeting-kind": {
        "plenary": ("全体会议", "plenary meeting"),
        "standing": ("常务会议", "executive meeting"),
        "head-office": ("首长办公会议", "head's office meeting"),
        "thematic": ("专题会议", "thematic meeting"),
        "other": ("其他会议", "other meeting"),
    },
    "meeting-role": {
        "member": ("组成人员", "members"),
        "non-voting-attendee": ("列席", "non-voting attendees"),
        "participant": ("参加", "participants"),
        "attendee": ("出席", "attendees"),
        "convener": ("召集", "convener"),
        "chair": ("主持", "chair"),
        "substitute-chair": ("代为主持", "substitute chair"),
        "agenda-setter": ("确定议题", "agenda set by"),
        "minutes-signer": ("纪要签发", "minutes signed by"),
    },
    "role-kind": {
        "head": ("行政首长", "head of government"),
        "executive-deputy-head": ("常务副职", "executive deputy head"),
        "deputy-head": ("副职", "deputy head"),
        "state-councillor": ("国务委员", "State Councillor"),
        "secretary-general": ("秘书长", "secretary-general"),
        "deputy-secretary-general": ("副秘书长", "deputy secretary-general"),
        "office-director": ("办公室主任", "director of the general office"),
        "office-deputy-director": ("办公室副主任", "deputy director of the general office"),
        "department-head": ("部门主要负责人", "department head"),
        "head-assistant": ("首长助理", "assistant to the head"),
        "government-member": ("政府组成人员", "member of the government"),
        "government-leader": ("政府领导同志", "government leaders"),
        "leader-in-charge": ("分管领导", "leader in charge"),
        "acting-head": ("代理首长", "acting head"),
        "backup-deputy": ("补位副职", "backup deputy"),
    },
    "power-action": {
        "sign-off": ("签发", "sign off"),
        "sign": ("签署", "sign"),
        "countersign": ("会签", "countersign"),
        "review": ("审核", "review"),
        "approve": ("审批", "approve"),
        "finalise": ("审定", "finalise"),
    },
    "document-category": {
        "bill": ("议案", "bills"),
        "rules": ("规章", "rules (规章)"),
        "order": ("命令", "orders"),
        "decision": ("决定", "decisions"),
        "appointment": ("人事任免", "appointments"),
        "upward": ("上行文", "upward documents"),
        "lateral": ("平行文", "lateral documents"),
        "downward": ("下行文", "downward documents"),
        "office-document": ("办公室名义发文", "general-office documents"),
        "routine": ("事务性文件", "routine documents"),
        "joint": ("联合发文", "joint documents"),
        "normative-document": ("规范性文件", "normative documents"),
        "minutes": ("会议纪要", "minutes"),
        "government-document": ("政府名义发文", "documents in the government's name"),
    },
    "time-unit": {
        "working-day": ("工作日", "working days"),
        "day": ("日", "days"),
        "week": ("周", "week"),
        "two-weeks": ("两周", "two weeks"),
        "month": ("月", "month"),
        "quarter": ("季度", "quarter"),
        "half-year": ("半年", "half-year"),
        "year": ("年", "year"),
    },
    "provision-topic": {
        "general": ("总则", "general provisions"),
        "party-leadership": ("党的全面领导", "Party leadership"),
        "composition": ("组成人员职责", "composition and duties"),
        "functions": ("政府职能", "government functions"),
        "rule-of-law": ("依法行政", "law-based administration"),
        "decision-making": ("科学民主决策", "decision-making"),
        "research": ("调查研究", "investigation and research"),
        "openness": ("政务公开", "openness"),
        "supervision": ("监督", "supervision"),
        "work-planning": ("工作安排布局", "work planning"),
        "meetings": ("会议制度", "meeting system"),
        "documents": ("公文", "official documents"),
        "official-activities": ("政务活动", "official activities"),
        "government-information": ("政务信息", "government information"),
        "inspection": ("督查", "inspection"),
        "performance": ("目标绩效管理", "performance management"),
        "digital-government": ("数字政府", "digital government"),
        "discipline": ("纪律", "discipline"),
        "conduct": ("作风", "work style"),
        "integrity": ("廉政", "integrity"),
        "supplementary": ("附则", "supplementary provisions"),
        "countersign": ("会签", "countersigning"),
        "leave": ("请假", "leave"),
        "legal-basis": ("制定依据", "legal basis"),
        "other": ("其他", "other"),
    },
}


def store_labels() -> dict[str, dict[str, str]]:
    """IRI → {"zh": …, "en": …} for every labelled ontology term and vocabulary concept."""

    def compute() -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for r in select("labels"):
            lang = (r["label"].language or "").split("-")[0]
            if lang in ("zh", "en"):
                entry = out.setdefault(r["s"].value, {})
                # skos:prefLabel wins over rdfs:label (the query sorts prefLabel first).
                entry.setdefault(lang, r["label"].value)
        return out

    return memo("labels", compute)


def label(scheme: str, code: str | None) -> tuple[str, str]:
    """(zh, en) label of ``code`` in ``scheme``; the code itself when nothing is known."""
    if not code:
        return ("", "")
    found = store_labels().get(f"{base()}vocab/{scheme}/{code}")
    fb = FALLBACK.get(scheme, {}).get(code)
    zh = (found or {}).get("zh") or (fb[0] if fb else code)
    en = (found or {}).get("en") or (fb[1] if fb else code.replace("-", " "))
    return (zh, en)


def term_label(iri: str) -> tuple[str, str]:
    """(zh, en) label of an ontology term or concept IRI; its local name when unlabelled."""
    found = store_labels().get(iri, {})
    local = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return (
        found.get("zh") or found.get("en") or local,
        found.get("en") or found.get("zh") or local,
    )


def code_of(iri: Any, scheme: str) -> str | None:
    """The code of a concept IRI in ``scheme`` (``…/vocab/{scheme}/{code}``)."""
    if iri is None:
        return None
    value = getattr(iri, "value", iri)
    marker = f"/vocab/{scheme}/"
    return value.split(marker, 1)[1] if marker in value else None
