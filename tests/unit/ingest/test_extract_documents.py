"""Extract on the six real documents, through the real pipeline (decode → clean → parse).

Every expectation below was checked by reading the raw text in data/raw/ (the provision is
named in the comment); none comes from the extractor's own output.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import SKOS
from variants import pdf_breaks

from guize.ingest.clean.cleaner import clean, decode
from guize.ingest.extract.extractor import extract
from guize.ingest.parse.body import parse
from guize.ingest.sources import load_sources
from guize.iris import Iris
from guize.rdf.document import document_key
from guize.rdf.facts import add_facts
from guize.reason import compile_rules, materialise

RAW = Path(__file__).resolve().parents[3] / "data" / "raw"
HEZUO, LYG, PZH, GUAZHOU, JINING, GWY = (
    "000_50def087fffe3e04.txt",
    "001_d50b9b78f692606e.txt",
    "002_1a72dbc9b0f0b77f.txt",
    "003_346de4b0a8a54efd.txt",
    "004_ea0f23940cb5d166.txt",
    "guowuyuan-2004.txt",
)
ALL = (HEZUO, LYG, PZH, GUAZHOU, JINING, GWY)


def _parse(name: str, data: bytes | None = None):
    path = RAW / name
    raw = decode(data if data is not None else path.read_bytes(), path.stem, str(path))
    return parse(clean(raw), load_sources(RAW).get(name))


@pytest.fixture(scope="module")
def docs():
    out = {}
    for name in ALL:
        doc = _parse(name)
        out[name] = (doc, extract(doc))
    return out


def facts(docs, name):
    return docs[name][1]


# -- integrity ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_every_fact_span_lies_inside_its_provision(docs, name):
    doc, f = docs[name]
    by_number: dict[tuple[int, int], tuple[int, int]] = {}
    seen: dict[int, int] = {}
    for p in doc.provisions:
        seen[p.number] = seen.get(p.number, 0) + 1
        by_number[(p.number, seen[p.number])] = p.span
    sources = f.sources()
    assert sources
    for src in sources:
        start, end = by_number[(src.provision, src.occurrence)]
        assert start <= src.span[0] < src.span[1] <= end, src
        s, e = doc.clean.raw_span(*src.span)
        assert 0 <= s < e <= len(doc.clean.raw.text)
    for m in f.meetings:
        assert all(p in by_number for p in m.provisions)


@pytest.mark.parametrize("name", ALL)
def test_every_document_states_head_responsibility_and_meetings(docs, name):
    f = facts(docs, name)
    assert [h.holder.code for h in f.head_responsibility] == ["head"]
    assert {"plenary", "standing"} <= {m.key for m in f.meetings}
    assert f.meeting_codes("standing", "convener") >= {"head"}
    assert f.meeting_codes("standing", "chair") >= {"head"}
    assert not f.warnings


# -- composition and the head's deputies -------------------------------------------------------


@pytest.mark.parametrize(
    "name, members",
    [
        (HEZUO, ["head", "deputy-head", "office-director", "department-head"]),  # 8
        (LYG, ["head", "deputy-head", "secretary-general", "department-head"]),  # 五
        (PZH, ["head", "deputy-head", "secretary-general", "department-head"]),  # 四
        (GUAZHOU, ["head", "deputy-head", "department-head"]),  # 4
        (
            GWY,
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
        ),  # 五
    ],
)
def test_composition(docs, name, members):
    (c,) = facts(docs, name).composition
    assert [r.code for r in c.members] == members


def test_jining_states_no_composition(docs):
    assert facts(docs, JINING).composition == ()  # chapter 2 lists duties, never members


@pytest.mark.parametrize(
    "name, holders",
    [
        (HEZUO, {"deputy-head"}),
        (LYG, {"deputy-head", "secretary-general"}),
        (PZH, {"deputy-head", "secretary-general"}),
        (GUAZHOU, {"deputy-head", "office-director"}),
        (JINING, {"deputy-head", "secretary-general"}),
        (GWY, {"deputy-head", "state-councillor"}),
    ],
)
def test_assist(docs, name, holders):
    assert {r.code for a in facts(docs, name).assists for r in a.holders} == holders


@pytest.mark.parametrize(
    "name, entrusted, action",
    [
        (HEZUO, True, "preside-work"),
        (PZH, True, "act-for"),
        (GUAZHOU, True, "preside-work"),
        (JINING, False, "preside-work"),
        (GWY, False, "act-for"),
    ],
)
def test_acting_head(docs, name, entrusted, action):
    (a,) = facts(docs, name).acting_head
    assert [r.code for r in a.acting] == ["executive-deputy-head"]
    assert (a.requires_entrustment, a.action) == (entrusted, action)


def test_lianyungang_has_no_acting_head_rule(docs):
    # 三十八 names a substitute chair of the standing meeting only
    assert facts(docs, LYG).acting_head == ()
    assert facts(docs, LYG).meeting_codes("standing", "substitute-chair") == {
        "executive-deputy-head"
    }


def test_backups(docs):
    assert [[r.code for r in b.acting] for b in facts(docs, JINING).backups] == [
        ["backup-deputy"]
    ]  # 八 补位的副市长
    assert len(facts(docs, PZH).backups) == 2  # 六十一 AB角
    assert [[r.code for r in b.acting] for b in facts(docs, HEZUO).backups] == [
        ["head", "deputy-head"]
    ]  # 14


# -- meetings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, kinds",
    [
        (HEZUO, {"plenary", "standing", "head-office", "thematic"}),
        (LYG, {"plenary", "standing", "head-office", "other-1"}),  # 四十 市长碰头会, no 专题会议
        (PZH, {"plenary", "standing", "head-office", "thematic"}),
        (
            GUAZHOU,
            {"plenary", "standing", "head-office", "thematic", "other-1"},
        ),  # 四十七 现场办公会
        (JINING, {"plenary", "standing", "head-office", "thematic"}),
        (GWY, {"plenary", "standing"}),
    ],
)
def test_meeting_kinds(docs, name, kinds):
    assert {m.key for m in facts(docs, name).meetings} == kinds


def test_meeting_names_as_written(docs):
    assert facts(docs, LYG).meeting("other-1").name == "市长碰头会"
    assert facts(docs, GUAZHOU).meeting("other-1").name == "现场办公会"
    assert facts(docs, GUAZHOU).meeting("head-office").name == "县长办公会议"
    assert facts(docs, GWY).meeting("standing").name == "国务院常务会议"


@pytest.mark.parametrize(
    "name, members",
    [
        (HEZUO, {"head", "deputy-head", "office-director"}),  # 48
        (LYG, {"head", "deputy-head", "secretary-general"}),  # 三十八
        (PZH, {"head", "deputy-head", "secretary-general"}),  # 四十二
        (GUAZHOU, {"head", "deputy-head", "office-director"}),  # 41: a county, 办公室主任
        (JINING, {"head", "deputy-head", "secretary-general"}),  # 四十五
        (GWY, {"head", "deputy-head", "state-councillor", "secretary-general"}),  # 三十七
    ],
)
def test_standing_meeting_members(docs, name, members):
    assert facts(docs, name).meeting_codes("standing", "member") == members


def test_jining_standing_meeting(docs):
    f = facts(docs, JINING)  # 四十五
    assert f.meeting_codes("standing", "convener") == {"head"}
    assert f.meeting_codes("standing", "chair") == {"head"}
    assert f.meeting_codes("standing", "substitute-chair") == {"executive-deputy-head"}
    assert "deputy-secretary-general" in f.meeting_codes("standing", "non-voting-attendee")
    (q,) = f.quorums
    assert (q.meeting, q.fraction, q.strict, q.base) == (
        "standing",
        Fraction(1, 2),
        True,
        "应到人数",
    )
    assert f.meeting_codes("head-office", "member") == {"head", "deputy-head"}  # 四十六
    assert f.meeting_codes("head-office", "non-voting-attendee") >= {
        "secretary-general",
        "deputy-secretary-general",
    }
    assert f.meeting_codes("thematic", "substitute-chair") == {
        "secretary-general",
        "deputy-secretary-general",
    }
    assert f.meeting_codes("standing", "agenda-setter") == {"head"}  # 五十
    assert f.meeting_codes("thematic", "minutes-signer") == {"head", "leader-in-charge"}  # 五十二


def test_panzhihua_meetings(docs):
    f = facts(docs, PZH)
    freq = {(x.meeting, x.per, x.min, x.max, x.hedged) for x in f.frequencies}
    assert freq == {
        ("plenary", "year", 3, 3, True),
        ("standing", "two-weeks", 1, 1, True),
    }  # 四十一, 四十二
    (q,) = f.quorums
    assert (q.meeting, q.fraction_text, q.strict, q.base) == ("standing", "1/2", False, "组成人员")
    assert f.meeting_codes("standing", "non-voting-attendee") >= {
        "deputy-secretary-general",
        "office-director",
        "department-head",
    }
    assert f.meeting_codes("standing", "participant") == {"unit-head"}  # 军分区主要负责人
    assert f.meeting_codes("thematic", "substitute-chair") == {"deputy-secretary-general"}  # 四十五
    assert f.meeting_codes("thematic", "minutes-signer") >= {"meeting-convener"}
    assert f.meeting_codes("standing", "agenda-setter") == {"head"}


def test_guazhou_meetings(docs):
    f = facts(docs, GUAZHOU)
    (q,) = f.quorums  # 41
    assert (q.fraction_text, q.strict) == ("1/2", True) and q.note
    assert f.meeting_codes("thematic", "chair") == {"deputy-head"}  # 43
    assert f.meeting_codes("thematic", "substitute-chair") == {"office-deputy-director"}
    for key in ("plenary", "standing", "head-office"):  # 46
        assert f.meeting_codes(key, "minutes-signer") == {"meeting-chair"}
    assert f.meeting_codes("thematic", "minutes-signer") == {"meeting-chair", "head"}
    assert f.meeting_codes("thematic", "agenda-setter") == {"deputy-head"}  # 44


def test_hezuo_meetings(docs):
    f = facts(docs, HEZUO)
    assert f.meeting_codes("thematic", "chair") == {
        "head",
        "deputy-head",
    }  # 11 says the head, 50 a deputy
    assert f.meeting_codes("head-office", "participant") >= {"deputy-head", "office-director"}  # 49
    for key in ("plenary", "standing", "head-office", "thematic"):  # 53
        assert f.meeting_codes(key, "minutes-signer") == {"meeting-chair"}
    assert f.frequencies == () and f.quorums == ()


def test_lianyungang_and_state_council_frequencies(docs):
    freq = {(x.meeting, x.per, x.min, x.max) for x in facts(docs, LYG).frequencies}
    assert freq == {
        ("plenary", "half-year", 1, 1),
        ("standing", "month", 1, 2),
        ("head-office", None, None, None),
        ("other-1", "week", 1, 1),
    }
    freq = {(x.meeting, x.per, x.min, x.max) for x in facts(docs, GWY).frequencies}
    assert freq == {("plenary", "half-year", 1, 1), ("standing", "month", 3, 3)}
    assert facts(docs, LYG).meeting_codes("plenary", "member") == {"government-member"}  # 三十七


# -- signing, deadlines, leave, applicability --------------------------------------------------


def _signers(f, category, action=None):
    return {
        r.code
        for s in f.signings
        if s.category == category and (action is None or action in s.actions)
        for r in s.holders
    }


@pytest.mark.parametrize(
    "name, action",
    [
        (HEZUO, "sign"),
        (GUAZHOU, "sign"),
        (GWY, "sign"),
        (PZH, "sign"),
        (LYG, "sign-off"),
        (JINING, "sign-off"),
    ],
)
def test_the_head_signs_bills(docs, name, action):
    assert _signers(facts(docs, name), "bill", action) == {"head"}


def test_signing_categories(docs):
    assert _signers(facts(docs, GUAZHOU), "rules") == {"head"}  # 50: a county claims 规章
    assert _signers(facts(docs, GWY), "administrative-regulation") == {"head"}  # 四十四
    assert _signers(facts(docs, GWY), "office-document") >= {"secretary-general"}  # 四十五
    assert _signers(facts(docs, HEZUO), "upward") == {"head"}  # 60
    assert _signers(facts(docs, HEZUO), "downward") == {"leader-in-charge", "head"}
    assert _signers(facts(docs, PZH), "routine") == {"secretary-general"}  # 五十一
    assert _signers(facts(docs, JINING), "appointment") == {"head"}  # 六十一(三)
    assert _signers(facts(docs, JINING), "upward") == {
        "head",
        "executive-deputy-head",
    }  # 六十一(一)
    assert _signers(facts(docs, LYG), "office-document") >= {
        "secretary-general",
        "office-director",
    }  # 五十


@pytest.mark.parametrize(
    "name, expected",
    [
        (
            HEZUO,
            [
                (7, "working-day", "within"),
                (7, "working-day", "within"),
                (3, "day", "ahead"),
                (3, "day", "ahead"),
                (3, "day", "ahead"),
            ],
        ),  # 53, 56, 66
        (
            LYG,
            [
                (3, "working-day", "within"),
                (3, "working-day", "within"),
                (7, "working-day", "within"),
                (10, "working-day", "within"),
            ],
        ),  # 五十二
        (
            PZH,
            [
                (60, "day", "at-least"),
                (7, "working-day", "within"),
                (6, "month", "within"),
                (1, "day", "ahead"),
            ],
        ),
        (GUAZHOU, [(7, "working-day", "within")]),  # 48
        (
            JINING,
            [
                (5, "working-day", "ahead"),
                (3, "working-day", "within"),
                (1, "week", "within"),
                (3, "day", "ahead"),
                (7, "day", "ahead"),
            ],
        ),  # 四十九, 五十九, 八十, 九十
        (GWY, []),
    ],
)
def test_deadlines(docs, name, expected):
    assert [(d.amount, d.unit, d.bound) for d in facts(docs, name).deadlines] == expected


@pytest.mark.parametrize("name, days", [(HEZUO, 7), (PZH, 7), (GUAZHOU, 7), (JINING, 3)])
def test_countersigning_reply_deadline(docs, name, days):
    (d,) = [
        d
        for d in facts(docs, name).deadlines
        if d.topic == "会签/征求意见回复" and d.unit == "working-day"
    ]
    assert d.amount == days


def test_leave_rules(docs):
    def rule(name, who):
        return next(r for r in facts(docs, name).leave if {x.code for x in r.who} == who)

    r = rule(HEZUO, {"deputy-head"})  # 66
    assert {x.code for x in r.report_to} == {"head", "party-committee"}
    assert (r.advance.amount, r.advance.unit) == (3, "day")
    r = rule(HEZUO, {"head"})
    assert {x.code for x in r.report_to} == {
        "superior-party-committee",
        "superior-government",
    }  # 州委、州政府
    r = rule(PZH, {"deputy-head", "secretary-general"})  # 八十四
    assert (r.advance.amount, r.advance.unit) == (1, "day")
    r = rule(GWY, {"deputy-head", "state-councillor", "secretary-general"})  # 五十三
    assert (
        [x.code for x in r.report_to] == ["head"] and r.advance is None and r.advance_text == "事先"
    )
    r = rule(GUAZHOU, {"head"})  # 57: 按市委、市政府要求报备
    assert {x.code for x in r.report_to} == {"superior-party-committee", "superior-government"}
    assert any("返程后" in (r.condition or "") for r in facts(docs, GUAZHOU).leave)  # Q15
    r = rule(JINING, {"deputy-head", "secretary-general"})  # 八十
    assert {x.code for x in r.report_to} == {"head", "party-committee"}


@pytest.mark.parametrize(
    "name, bodies",
    [
        (HEZUO, ("市政府直属单位",)),
        (LYG, ("市政府直属机构", "办事机构", "直属事业单位")),
        (PZH, ("市政府派出机构", "直属事业单位")),
        (GUAZHOU, ("县政府直属事业单位", "部门管理机构", "下设事业单位")),
        (JINING, ("市政府派出机构", "部门管理机构", "市政府直属事业单位")),
    ],
)
def test_applicability(docs, name, bodies):
    (a,) = facts(docs, name).applicability
    assert a.bodies == bodies


def test_state_council_names_no_other_bodies(docs):
    assert facts(docs, GWY).applicability == ()


# -- robustness --------------------------------------------------------------------------------


def test_pdf_line_breaks_do_not_change_the_meetings():
    text = (RAW / JINING).read_text(encoding="utf-8")
    broken = extract(_parse(JINING, pdf_breaks(text).encode("utf-8")))
    intact = extract(_parse(JINING))

    def summary(f):
        return {(a.meeting, a.attribute, a.role.code) for a in f.meeting_roles}

    assert summary(broken) == summary(intact)


# -- RDF ---------------------------------------------------------------------------------------

BASE = "http://example.org/guize/"
GZ = Namespace("https://w3id.org/guize/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")


@pytest.fixture(scope="module")
def jining_graph(docs):
    doc, f = docs[JINING]
    iris = Iris(BASE)
    g = Graph()
    key = document_key(doc)
    add_facts(g, f, doc, iris, key, iris.government("370800"))
    g += materialise(g, compile_rules())  # the direct meeting triples are inferred
    return g, iris.document(key), doc


def post(g, kind: str) -> URIRef:
    """The one post of a role kind (a document may have several wordings of a kind)."""
    (node,) = set(g.subjects(GZ.roleKind, URIRef(f"https://w3id.org/guize/vocab/role-kind/{kind}")))
    return node


def test_rdf_roles_and_meetings(jining_graph):
    g, d, _ = jining_graph
    head = post(g, "head")
    assert str(head) == f"{d}/post/head/shizhang"
    assert (head, RDF.type, GZ.GovernmentRole) in g
    assert g.value(head, GZ.roleKind) == URIRef("https://w3id.org/guize/vocab/role-kind/head")
    assert str(g.value(head, RDFS.label)) == "市长"
    standing = URIRef(f"{d}/meeting/standing")
    assert g.value(standing, GZ.meetingKind) == URIRef(
        "https://w3id.org/guize/vocab/meeting-kind/standing"
    )
    assert set(g.objects(standing, GZ.member)) == {
        post(g, c) for c in ("head", "deputy-head", "secretary-general")
    }
    # 常务副市长 and 负责常务工作的副市长 are two wordings of one post
    assert g.value(standing, GZ.substituteChair) == post(g, "executive-deputy-head")
    labels = {str(x) for x in g.objects(post(g, "executive-deputy-head"), SKOS.altLabel)}
    labels.add(str(g.value(post(g, "executive-deputy-head"), RDFS.label)))
    assert labels == {"常务副市长", "负责常务工作的副市长"}
    quorum = g.value(standing, GZ.quorum)
    assert (
        str(g.value(quorum, GZ.fractionText)) == "1/2"
        and g.value(quorum, GZ.strict).toPython() is True
    )
    freq = g.value(standing, GZ.frequency)
    assert g.value(freq, GZ.per) == URIRef("https://w3id.org/guize/vocab/time-unit/month")
    assert (
        g.value(freq, GZ.minTimes).toPython() == 1 and g.value(freq, GZ.hedged).toPython() is True
    )
    assert (URIRef(BASE + "id/government/370800"), GZ.headResponsibility, None) in g


def test_rdf_every_fact_has_provision_and_raw_span(jining_graph):
    g, d, doc = jining_graph
    fact_nodes = set(g.subjects(RDF.type, GZ.Fact))
    assert len(fact_nodes) > 50
    raw = doc.clean.raw.text
    for node in fact_nodes:
        prov = g.value(node, GZ.sourceProvision)
        assert str(prov).startswith(f"{d}/art_")
        span = g.value(node, GZ.span)
        assert g.value(span, OA.hasSource) == URIRef(f"{d}/raw")
        selectors = list(g.objects(span, OA.hasSelector))
        pos = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in g)
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in g)
        start, end = g.value(pos, OA.start).toPython(), g.value(pos, OA.end).toPython()
        assert 0 <= start < end <= len(raw)
        exact = str(g.value(quote, OA.exact))
        assert exact[0] in raw[start:end] and exact[-1] in raw[start:end]
    assignment = URIRef(f"{d}/fact/meeting-standing-substitute-chair-1")
    assert (assignment, RDF.type, GZ.MeetingRoleAssignment) in g
    assert g.value(assignment, GZ.meetingRole) == URIRef(
        "https://w3id.org/guize/vocab/meeting-role/substitute-chair"
    )


def test_rdf_signing_deadline_leave(jining_graph):
    g, d, _ = jining_graph
    bill = URIRef(f"{d}/fact/signing-bill")
    assert (bill, RDF.type, GZ.Power) in g
    assert g.value(bill, GZ.object) == URIRef("https://w3id.org/guize/vocab/document-category/bill")
    assert g.value(bill, GZ.action) == URIRef("https://w3id.org/guize/vocab/power-action/sign-off")
    assert g.value(bill, GZ.holder) == post(g, "head")
    dl = URIRef(f"{d}/fact/deadline-1")
    assert g.value(dl, GZ.amount).toPython() == 5 and str(g.value(dl, GZ.bound)) == "ahead"
    leave = [n for n in g.subjects(RDF.type, GZ.LeaveRule) if g.value(n, GZ.advanceNotice)]
    (node,) = leave
    adv = g.value(node, GZ.advanceNotice)
    assert g.value(adv, GZ.unit) == URIRef("https://w3id.org/guize/vocab/time-unit/day")
    assert (URIRef(f"{d}/fact/applies-to"), GZ.appliesTo, None) in g


# -- SHACL -------------------------------------------------------------------------------------

#: Role kinds the extractor mints that ontology/vocab/role-kind.ttl does not list yet (see
#: data/lexicon/EXTRACTION.md, "Decisions"); everything else must conform.
PENDING_ROLE_KINDS = {
    "meeting-chair",
    "meeting-convener",
    "subordinate-government-head",
    "affiliated-body-head",
    "other",
    "general-office",
    "government",
    "party-committee",
    "superior-government",
    "superior-party-committee",
}


def test_fact_graph_meets_the_integrity_shapes(docs):
    from guize.rdf.document import government_key, to_rdf
    from guize.validate import model_from_dir, validate_graph

    doc, f = docs[JINING]
    iris = Iris()
    dg = to_rdf(doc, iris)
    add_facts(dg.graph, f, doc, iris, dg.key, iris.government(government_key(doc)))
    report = validate_graph(
        dg.graph, "integrity", model=model_from_dir(RAW.parents[1] / "ontology")
    )
    problems = [
        (r.focus_node, r.path, r.value, r.message_en)
        for r in report.results
        if not (
            str(r.path).endswith("#roleKind")
            and str(r.value).rsplit("/", 1)[-1] in PENDING_ROLE_KINDS
        )
    ]
    assert problems == []


# -- a level the seeds lack --------------------------------------------------------------------

DISTRICT = """某某区人民政府工作规则
第一章 总则
第一条 根据《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》，制定本规则。
第二章 组成人员职责
第二条 区政府由区长、副区长、区政府办公室主任和区政府工作部门主要负责人组成。
第三条 区政府实行区长负责制。副区长、区政府办公室主任协助区长工作。
第四条 区长外出期间，由常务副区长主持区政府工作。
第三章 会议制度
第五条 区政府常务会议由区长、副区长、区政府办公室主任组成，区长召集和主持。区长不能出席时，由常务副区长主持。常务会议每两周召开一次，半数以上组成人员出席方可召开。
第六条 区政府全体会议一般每半年召开一次，由区长召集和主持，根据需要可安排街道办事处主要负责人列席。
第七条 区长办公会议由区长召集，有关副区长参加。会议纪要由区长签发。
第四章 公文审批
第八条 以区政府名义向市政府的请示，由区长签发；以区政府办公室名义发文，由办公室主任签发。
第九条 部门之间会签文件，应在5个工作日内回复。
第五章 纪律
第十条 副区长出差，应提前2天向区长请假。
第十一条 区政府派出机构参照本规则执行。
"""


def test_a_district_document_needs_no_new_lexicon_entries():
    raw = decode(DISTRICT.encode("utf-8"), "district", None)
    f = extract(parse(clean(raw)))
    assert not f.warnings
    (c,) = f.composition
    assert [r.code for r in c.members] == [
        "head",
        "deputy-head",
        "office-director",
        "department-head",
    ]
    assert f.meeting_codes("standing", "member") == {"head", "deputy-head", "office-director"}
    assert f.meeting_codes("standing", "substitute-chair") == {"executive-deputy-head"}
    assert f.meeting_codes("plenary", "non-voting-attendee") == {"subordinate-government-head"}
    assert f.meeting_codes("head-office", "minutes-signer") == {"head"}
    assert {(x.meeting, x.per) for x in f.frequencies} == {
        ("standing", "two-weeks"),
        ("plenary", "half-year"),
    }
    assert [(q.fraction_text, q.strict) for q in f.quorums] == [("1/2", False)]
    assert {s.category for s in f.signings} == {"minutes", "upward", "office-document"}
    assert [(d.amount, d.unit, d.bound) for d in f.deadlines] == [
        (5, "working-day", "within"),
        (2, "day", "ahead"),
    ]
    (rule,) = f.leave
    assert ([r.code for r in rule.who], [r.code for r in rule.report_to]) == (
        ["deputy-head"],
        ["head"],
    )
    (a,) = f.acting_head
    assert (a.acting[0].code, a.requires_entrustment) == ("executive-deputy-head", False)
    assert f.applicability[0].bodies == ("区政府派出机构",)
