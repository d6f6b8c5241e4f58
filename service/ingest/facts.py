"""Facts extracted from a work rule (抽取结果), each with the provision and cleaned span it came from.

Every fact carries a :class:`Source`: the provision's number (and which occurrence of that
number, when a document repeats one) and the *cleaned* span of the sentence or clause it was
read from.  :mod:`guize.rdf.facts` maps the span to raw offsets with
``doc.clean.raw_span``.  Codes are the SKOS notations of ontology/vocab (role-kind, meeting-kind,
meeting-role, power-action, document-category, time-unit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from guize.ingest.model import Span


@dataclass(frozen=True)
class Source:
    """Where a fact was read: provision number, its occurrence (1 unless the number repeats), span."""

    provision: int
    span: Span  # cleaned offsets, inside the provision's span
    occurrence: int = 1


@dataclass(frozen=True)
class Role:
    """A post as the text names it (职务): a role-kind code and the words as written."""

    code: str
    label: str


@dataclass(frozen=True)
class Post:
    """A distinct post (岗位): a role kind and a normalised wording, with every wording as written."""

    code: str  # role-kind code
    wording: str  # normalised: the post's key within its document and role kind
    labels: tuple[str, ...]  # as written, the first first
    body: str | None  # body-kind code of the body it sits in (org:postIn)
    source: Source  # the first fact that names it


@dataclass(frozen=True)
class Body:
    """A body the rules name (机构): a body-kind code and its words (first, then others)."""

    kind: str  # body-kind code
    label: str
    variants: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class LegalBasis:
    """What the rules say they are made under (根据《…》) or modelled after (参照《…》)."""

    title: str  # as written, without 《》
    relation: str  # based-on | by-analogy
    source: Source


@dataclass(frozen=True)
class Composition:
    """Who composes the government (组成人员)."""

    members: tuple[Role, ...]
    source: Source


@dataclass(frozen=True)
class HeadResponsibility:
    """The head-responsibility system (市长/县长/总理负责制)."""

    holder: Role
    source: Source


@dataclass(frozen=True)
class Assist:
    """Roles that assist the head (协助市长工作)."""

    holders: tuple[Role, ...]
    assisted: Role
    source: Source
    object_text: str | None = None  # 处理市政府日常工作, when the text says what


@dataclass(frozen=True)
class ActingHead:
    """Who runs the government while the head is away (主持工作 / 代行职务)."""

    acting: tuple[Role, ...]
    condition: str  # 市长外出期间
    requires_entrustment: bool  # 受市长委托
    action: str  # preside-work | act-for
    source: Source


@dataclass(frozen=True)
class Backup:
    """Who stands in for an absent deputy (补位, AB角, 代管)."""

    acting: tuple[Role, ...]
    condition: str | None
    source: Source


@dataclass(frozen=True)
class Meeting:
    """A kind of meeting the government holds; ``key`` is the kind, or other-{n}."""

    key: str
    kind: str  # plenary | standing | head-office | thematic | other
    name: str  # as first written
    variants: tuple[str, ...]  # further names as written
    provisions: tuple[tuple[int, int], ...]  # (number, occurrence) of every contributing provision
    source: Source | None = None  # the sentence that first names it


@dataclass(frozen=True)
class MeetingRole:
    """One assertion about a meeting and a role: member, chair, minutes-signer …"""

    meeting: str  # Meeting.key
    attribute: str  # meeting-role code
    role: Role
    source: Source
    condition: str | None = None


@dataclass(frozen=True)
class Frequency:
    """How often a meeting sits: 原则上每月召开1次 → per=month, min=max=1, hedged."""

    meeting: str
    text: str
    per: str | None  # time-unit code; None for 不定期/定期 without a count
    min: int | None
    max: int | None
    hedged: bool
    source: Source


@dataclass(frozen=True)
class Quorum:
    """How many must attend: 半数以上 (inclusive) or 超过半数 (strict)."""

    meeting: str
    text: str
    fraction: Fraction
    strict: bool
    source: Source
    base: str | None = None  # 应到人数, 组成人员
    note: str | None = None

    @property
    def fraction_text(self) -> str:
        return f"{self.fraction.numerator}/{self.fraction.denominator}"


@dataclass(frozen=True)
class Qualifier:
    """How a norm binds: modality (vocab/modality), hedge (原则上/一般), and its structured
    condition: the event (vocab/condition-event) and whether entrustment (受…委托) or
    authorisation (经…授权) is required."""

    modality: str = "power"
    hedged: bool = False
    event: str | None = None
    entrustment_required: bool = False
    authorisation_required: bool = False


@dataclass(frozen=True)
class Signing:
    """Who signs (签署) or signs off (签发) a category of document."""

    category: str  # document-category code
    object_text: str  # the category as written
    actions: tuple[str, ...]  # sign | sign-off | finalise
    holders: tuple[Role, ...]
    source: Source
    condition: str | None = None
    qualifier: Qualifier = Qualifier()


@dataclass(frozen=True)
class Norm:
    """A power or duty other than signing (规范): who does what to what, how binding, when.

    ``object_scheme`` is the scheme of ``object`` (document-category, matter-category) or
    ``meeting`` when ``object`` is a meeting's key (convening and chairing)."""

    action: str  # power-action code
    holders: tuple[Role, ...]
    source: Source
    object_scheme: str | None = None
    object: str | None = None
    object_text: str | None = None
    condition: str | None = None
    qualifier: Qualifier = Qualifier()
    delegates: tuple[Role, ...] = ()  # whom an entrust/authorise norm names


@dataclass(frozen=True)
class MeetingMatter:
    """A category of matters a meeting discusses or decides (议事范围)."""

    meeting: str  # Meeting.key
    matter: str  # matter-category code
    text: str  # the item as written
    source: Source
    decisive: bool = (
        False  # the meeting decides it (讨论决定, 审定 …), not only studies or hears it
    )


@dataclass(frozen=True)
class Evidence:
    """A statement of the rules found by its words: a decision-procedure step (``code`` from
    vocab/decision-step), a Party-reporting rule or a rule-making claim."""

    code: str
    text: str
    source: Source


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: str  # time-unit code


@dataclass(frozen=True)
class Deadline:
    """An explicit time limit: 7个工作日内回复 → 7 working-day within, topic 会签/征求意见回复."""

    amount: int
    unit: str
    bound: str  # within | at-least | ahead
    topic: str
    text: str  # the expression as written
    source: Source


@dataclass(frozen=True)
class LeaveRule:
    """Who asks leave of / reports to whom before being away (请假, 报告, 报备)."""

    who: tuple[Role, ...]
    report_to: tuple[Role, ...]
    verbs: tuple[str, ...]  # 请假 报告 报备 …
    source: Source
    advance: Duration | None = None
    advance_text: str | None = None  # 事先 / 提前 when no amount is given
    condition: str | None = None  # 不能出席…会议, 返程后


@dataclass(frozen=True)
class Applicability:
    """Bodies the rules also apply to (…适用本规则)."""

    bodies: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class Facts:
    """Everything :func:`guize.ingest.extract.extractor.extract` found in one document."""

    composition: tuple[Composition, ...] = ()
    head_responsibility: tuple[HeadResponsibility, ...] = ()
    assists: tuple[Assist, ...] = ()
    acting_head: tuple[ActingHead, ...] = ()
    backups: tuple[Backup, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    meeting_roles: tuple[MeetingRole, ...] = ()
    frequencies: tuple[Frequency, ...] = ()
    quorums: tuple[Quorum, ...] = ()
    signings: tuple[Signing, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    leave: tuple[LeaveRule, ...] = ()
    applicability: tuple[Applicability, ...] = ()
    norms: tuple[Norm, ...] = ()
    meeting_matters: tuple[MeetingMatter, ...] = ()
    decision_steps: tuple[Evidence, ...] = ()
    party_reporting: tuple[Evidence, ...] = ()
    rule_making: tuple[Evidence, ...] = ()
    posts: tuple[Post, ...] = ()
    bodies: tuple[Body, ...] = ()
    legal_basis: tuple[LegalBasis, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    # -- conveniences for tests and reports --------------------------------------------------
    def meeting(self, key: str) -> Meeting | None:
        return next((m for m in self.meetings if m.key == key), None)

    def meeting_codes(self, key: str, attribute: str) -> set[str]:
        """Role codes asserted for one meeting and attribute: ``meeting_codes("standing", "member")``."""
        return {
            a.role.code for a in self.meeting_roles if a.meeting == key and a.attribute == attribute
        }

    def roles(self) -> tuple[Role, ...]:
        """Every role any fact names, in text order, one entry per (code, label)."""
        seen: dict[tuple[str, str], Role] = {}
        for _, role in sorted(_all_roles(self), key=lambda x: x[0].span[0]):
            seen.setdefault((role.code, role.label), role)
        return tuple(seen.values())

    def role_sources(self) -> dict[str, Source]:
        """Role-kind code → the source of the first fact that names a role of that kind."""
        out: dict[str, Source] = {}
        for src, role in sorted(_all_roles(self), key=lambda x: x[0].span[0]):
            out.setdefault(role.code, src)
        return out

    def counts(self) -> dict[str, int]:
        return {
            name: len(getattr(self, name))
            for name in (
                "composition",
                "head_responsibility",
                "assists",
                "acting_head",
                "backups",
                "meetings",
                "meeting_roles",
                "frequencies",
                "quorums",
                "signings",
                "deadlines",
                "leave",
                "applicability",
                *NORM_FIELDS,
                "posts",
                "bodies",
                "legal_basis",
            )
        }

    def sources(self) -> list[Source]:
        """The source of every fact (meetings excluded: they have provisions, not one span)."""
        out: list[Source] = []
        for name in (
            "composition",
            "head_responsibility",
            "assists",
            "acting_head",
            "backups",
            "meeting_roles",
            "frequencies",
            "quorums",
            "signings",
            "deadlines",
            "leave",
            "applicability",
            *NORM_FIELDS,
            "legal_basis",
        ):
            out.extend(f.source for f in getattr(self, name))
        return out


#: The fields of :class:`Facts` that hold norms, competences and procedure statements.
NORM_FIELDS = ("norms", "meeting_matters", "decision_steps", "party_reporting", "rule_making")


def named_roles(f: Facts) -> list[tuple[Source, Role]]:
    """(source, role) of every role any fact names, in fact order."""
    return list(_all_roles(f))


def _all_roles(f: Facts):
    """(source, role) of every role a fact names."""
    for c in f.composition:
        yield from ((c.source, r) for r in c.members)
    for h in f.head_responsibility:
        yield h.source, h.holder
    for a in f.assists:
        yield from ((a.source, r) for r in (*a.holders, a.assisted))
    for x in (*f.acting_head, *f.backups):
        yield from ((x.source, r) for r in x.acting)
    for m in f.meeting_roles:
        yield m.source, m.role
    for s in f.signings:
        yield from ((s.source, r) for r in s.holders)
    for rule in f.leave:
        yield from ((rule.source, r) for r in (*rule.who, *rule.report_to))
    for n in f.norms:
        yield from ((n.source, r) for r in (*n.holders, *n.delegates))
