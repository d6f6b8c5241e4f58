"""Validation results (校验结果): format-free values -- one :class:`Result` per finding, traced
to the government, document, provision and article of law, and the :class:`Report` of a run.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib import Graph

from guize.iris import ONTOLOGY
from guize.namespaces import PREFIXES

#: Severities from worst to mildest, as they appear in JSON ("violation" …).
SEVERITIES = ("violation", "warning", "info")

_PLURAL = {"violation": "violations", "warning": "warnings", "info": "info"}


@dataclass(frozen=True)
class Edition:
    """An edition of a law (法律版本) with the dates it was in force (ontology/legal/statutes.ttl)."""

    iri: str
    law: str  # the law across its editions (eli/law/{law})
    label_zh: str  # 《title》（2015年修正）
    label_en: str
    in_force_from: str | None  # YYYY-MM-DD
    in_force_until: str | None  # YYYY-MM-DD, None while in force

    def as_json(self) -> dict:
        return {
            "iri": self.iri,
            "label_zh": self.label_zh,
            "label_en": self.label_en,
            "in_force_from": self.in_force_from,
            "in_force_until": self.in_force_until,
        }


@dataclass(frozen=True)
class LegalBasis:
    """The article(s) of law a conformance shape cites (法律依据), in the edition applied."""

    zh: str
    en: str
    articles: tuple[int, ...]
    article_iris: tuple[
        str, ...
    ] = ()  # the articles as ELI resources (ontology/legal/statutes.ttl), of the edition applied
    edition: Edition | None = None  # the edition of the first law cited that was applied
    editions: tuple[Edition, ...] = ()  # every edition applied (a rule may cite two laws)
    earlier: bool = False  # True when an edition older than the one the shape cites was applied

    def as_json(self) -> dict:
        return {
            "zh": self.zh,
            "en": self.en,
            "articles": list(self.articles),
            "article_iris": list(self.article_iris),
            "edition": self.edition.as_json() if self.edition else None,
            "editions": [e.as_json() for e in self.editions],
        }


@dataclass(frozen=True)
class Result:
    """One SHACL validation result, with what a reader needs to act on it."""

    severity: str  # violation | warning | info
    focus_node: str
    path: str | None
    value: str | None
    message_zh: str
    message_en: str
    shape: str  # IRI of the named shape (<Class>Shape / <Rule>Rule) that fired
    constraint: str  # IRI of the SHACL constraint component
    source_provision: str | None = None  # provision the offending fact came from
    legal_basis: LegalBasis | None = None
    government: str | None = None
    document: str | None = None
    value_label: str | None = None

    @property
    def shape_name(self) -> str:
        return self.shape.rsplit("#", 1)[-1]

    def as_json(self) -> dict:
        return {
            "severity": self.severity,
            "focus_node": self.focus_node,
            "path": self.path,
            "value": self.value,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "shape": self.shape,
            "source_provision": self.source_provision,
            "legal_basis": self.legal_basis.as_json() if self.legal_basis else None,
            "constraint": self.constraint,
            "government": self.government,
            "document": self.document,
            "value_label": self.value_label,
        }


@dataclass
class Report:
    """The results of validating one or more document graphs."""

    results: list[Result]
    graph: Graph  # the SHACL validation report graph (sh:ValidationReport)
    documents: list[str] = field(default_factory=list)  # documents validated
    base_iri: str = ""

    @property
    def conforms(self) -> bool:
        """True when no result is a violation (warnings and info are allowed)."""
        return not any(r.severity == "violation" for r in self.results)

    def counts(self) -> dict[str, int]:
        c = Counter(r.severity for r in self.results)
        return {s: c.get(s, 0) for s in SEVERITIES}

    def summary(self) -> str:
        """``3 violations, 2 warnings, 1 info``."""
        c = self.counts()
        return ", ".join(f"{c[s]} {_PLURAL[s] if c[s] != 1 else s}" for s in SEVERITIES)

    def as_json(self) -> dict:
        return {
            "conforms": self.conforms,
            "counts": self.counts(),
            "documents": self.documents,
            "results": [r.as_json() for r in self.results],
        }

    def to_turtle(self) -> str:
        return self.graph.serialize(format="turtle")


def short(iri: str | None, base: str) -> str:
    """An IRI for people to read: ``gz:``/``eli:``/``oa:``… for vocabulary terms, else relative
    to the base."""
    if iri is None:
        return ""
    if iri.startswith(ONTOLOGY):
        return "gz:" + iri[len(ONTOLOGY) :]
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri[len(base) :] if base and iri.startswith(base) else iri


def report_order(r: Result) -> tuple:
    """How a report lists its results: worst first, then by document, rule, node, path, value."""
    return (
        SEVERITIES.index(r.severity),
        r.document or "",
        r.shape,
        r.focus_node,
        r.path or "",
        r.value or "",
    )


#: Exit statuses of ``guize validate``: conforms (warnings and info allowed), violations found,
#: the input could not be read.
EXIT_CONFORMS, EXIT_VIOLATIONS, EXIT_UNREADABLE = 0, 1, 2


def exit_status(report: Report) -> int:
    return EXIT_CONFORMS if report.conforms else EXIT_VIOLATIONS
