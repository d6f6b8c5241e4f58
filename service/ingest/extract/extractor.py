"""Extract (抽取): a parsed work rule → facts with provenance (:class:`~guize.ingest.facts.Facts`).

Pure: reads the provisions of a :class:`ParsedDocument` and the hand-kept lexicon
(data/lexicon/extraction.yaml, see data/lexicon/EXTRACTION.md).  Every fact carries the number
of the provision it came from and the cleaned span of its sentence or clause.

The lexicon is filled in for the document's level from its head title (metadata.head_title, else
the most frequent head word in the text), so 市长/县长/区长/省长/总理 documents share one lexicon.

>>> f = extract_text("市政府常务会议由市长、副市长、秘书长组成，由市长召集和主持，原则上每月召开1次。")
>>> sorted(f.meeting_codes("standing", "member"))
['deputy-head', 'head', 'secretary-general']
>>> f.frequencies[0].per, f.frequencies[0].min, f.frequencies[0].hedged
('month', 1, True)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from guize.ingest.extract.competence import meeting_matters, procedure
from guize.ingest.extract.government import GovernmentExtractor
from guize.ingest.extract.legal import legal_basis
from guize.ingest.extract.lexicon import Lexicon, context_for, load_lexicon
from guize.ingest.extract.meetings import MeetingExtractor
from guize.ingest.extract.norms import NormExtractor, derived, qualify, sign_window
from guize.ingest.extract.posts import institution
from guize.ingest.extract.roles import Roles
from guize.ingest.extract.rules import deadlines, leave_rules
from guize.ingest.extract.signing import sign_clauses
from guize.ingest.extract.text import sentences
from guize.ingest.facts import Facts, Signing, Source, named_roles
from guize.ingest.model import ParsedDocument

#: (provision number, occurrence, text, cleaned offset of the text)
Unit = tuple[int, int, str, int]


def extract(doc: ParsedDocument, lexicon: Lexicon | None = None) -> Facts:
    """Every fact the provisions of ``doc`` state.

    :raises OSError: if the lexicon file is missing; :raises ValueError: if it lacks a section.
    """
    lex = lexicon or load_lexicon()
    seen: Counter[int] = Counter()
    units: list[Unit] = []
    for p in doc.provisions:
        seen[p.number] += 1
        units.append((p.number, seen[p.number], p.text, p.span[1] - len(p.text)))
    head = doc.metadata.head_title or infer_head(lex, [u[2] for u in units])
    rank = lex.data.get("level_ranks", {}).get(doc.metadata.level or "")
    warnings = [] if head else ["no head of government found: roles matched for every level"]
    return _extract(lex, head, rank, units, warnings)


def extract_text(
    text: str,
    head_title: str | None = None,
    level: str | None = None,
    number: int = 1,
    lexicon: Lexicon | None = None,
) -> Facts:
    """Facts in one provision's text (offsets relative to ``text``), for tests and drafts.

    ``head_title`` (市长, 县长 …) defaults to the one the text names most; ``level`` is a
    metadata.level code (county-city, prefecture-city …) when the tier matters.
    """
    lex = lexicon or load_lexicon()
    head = head_title or infer_head(lex, [text])
    rank = lex.data.get("level_ranks", {}).get(level or "")
    return _extract(lex, head, rank, [(number, 1, text, 0)], [])


def infer_head(lex: Lexicon, texts: list[str]) -> str | None:
    """The head title a text speaks of most (市长 in 市长、副市长…; 县 in 县政府 counts for 县长)."""
    joined = "\n".join(texts)
    scores: Counter[str] = Counter()
    for lw, spec in lex.data["levels"].items():
        if spec.get("only_when_known"):
            continue
        head = spec["head"]
        scores[head] += len(re.findall(f"(?<![副理]){re.escape(head)}(?!助理)", joined))
        govs = spec.get("gov") or [f"{lw}政府", f"{lw}人民政府"]
        scores[head] += sum(joined.count(g) for g in govs)
    best = scores.most_common(1)
    return best[0][0] if best and best[0][1] > 0 else None


def _extract(
    lex: Lexicon, head: str | None, rank: int | None, units: list[Unit], warnings: list[str]
) -> Facts:
    ctx = context_for(lex, head, rank)
    roles = Roles(ctx)
    meetings = MeetingExtractor(ctx, roles)
    gov = GovernmentExtractor(ctx, roles)
    norm_reader = NormExtractor(ctx, roles)
    signings, found_deadlines, leave, norms, matters = [], [], [], [], []
    evidence: dict[str, list] = {"decision_steps": [], "party_reporting": [], "rule_making": []}
    for number, occurrence, text, start in units:
        prov = (number, occurrence)
        meetings.provision(number, occurrence, text, start)
        matters.extend(meeting_matters(ctx, meetings.registry.key, number, occurrence, text, start))
        for name, found in procedure(ctx, number, occurrence, text, start).items():
            evidence[name].extend(found)
        carry = None
        for sent in sentences(text, start):
            gov.sentence(sent, prov, text)
            clauses, carry = sign_clauses(sent, ctx, roles, carry)
            for c in clauses:
                src = Source(number, c.sub.span, occurrence)
                window = sign_window(c.sub.text, c.list_start, c.verb_start)
                q = qualify(ctx, roles, window, c.condition, c.delegator)
                signings.extend(
                    Signing(code, obj, c.actions, c.holders, src, c.condition, q)
                    for code, obj in c.categories
                )
            norms.extend(norm_reader.sentence(sent, number, occurrence))
            found_deadlines.extend(deadlines(sent, ctx, prov))
            leave.extend(leave_rules(sent, ctx, roles, prov))
    found_meetings = meetings.meetings()
    norms.extend(derived(ctx, roles, found_meetings, meetings.roles, gov.acting, gov.backups))
    facts = Facts(
        composition=tuple(gov.composition),
        head_responsibility=tuple(gov.head_responsibility),
        assists=tuple(gov.assists),
        acting_head=tuple(gov.acting),
        backups=tuple(gov.backups),
        meetings=found_meetings,
        meeting_roles=tuple(meetings.roles),
        frequencies=tuple(meetings.frequencies),
        quorums=tuple(meetings.quorums),
        signings=tuple(signings),
        deadlines=tuple(found_deadlines),
        leave=tuple(leave),
        applicability=tuple(gov.applicability),
        norms=tuple(norms),
        meeting_matters=tuple(matters),
        decision_steps=tuple(evidence["decision_steps"]),
        party_reporting=tuple(evidence["party_reporting"]),
        rule_making=tuple(evidence["rule_making"]),
        legal_basis=tuple(legal_basis(ctx, units)),
        warnings=tuple(warnings),
    )
    posts, bodies = institution(ctx, named_roles(facts))
    return replace(facts, posts=posts, bodies=bodies)
