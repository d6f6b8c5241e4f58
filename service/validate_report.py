"""Validation results (校验结果): read from pyshacl's report graph and traced back to the
government, document, provision and article of law; and shown as JSON, text, Turtle and HTML.
Also the cross-government conformance matrix as JSON, CSV and HTML.

:mod:`service.validate` runs the shapes; the values here are format-free until rendered.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SH

_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
ELI = Namespace("http://data.europa.eu/eli/ontology#")
#: Meeting shortcut property (local name) → meeting-role code of its provenance record.
SHORTCUT_ROLES = {
    "member": "member",
    "nonVotingAttendee": "non-voting-attendee",
    "participant": "participant",
    "convenedBy": "convener",
    "chairedBy": "chair",
    "substituteChair": "substitute-chair",
    "agendaSetBy": "agenda-setter",
    "minutesSignedBy": "minutes-signer",
}

#: Severities from worst to mildest, as they appear in JSON ("violation" …).
SEVERITIES = ("violation", "warning", "info")
_PLURAL = {"violation": "violations", "warning": "warnings", "info": "info"}
_HEADINGS = {
    "violation": ("违规", "Violations"),
    "warning": ("警告", "Warnings"),
    "info": ("提示", "Info"),
}


@dataclass(frozen=True)
class LegalBasis:
    """The article(s) of law a conformance shape cites (法律依据)."""

    zh: str
    en: str
    articles: tuple[int, ...]

    def as_json(self) -> dict:
        return {"zh": self.zh, "en": self.en, "articles": list(self.articles)}


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


#: Prefixes used to shorten IRIs in text and HTML output.
PREFIXES = {
    "eli": "http://data.europa.eu/eli/ontology#",
    "oa": "http://www.w3.org/ns/oa#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


def short(iri: str | None, base: str) -> str:
    """An IRI for people to read: ``gz:``/``eli:``/``oa:``… for vocabulary terms, else relative to the base."""
    if iri is None:
        return ""
    if base and iri.startswith(base + "ontology#"):
        return "gz:" + iri[len(base) + len("ontology#") :]
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri[len(base) :] if base and iri.startswith(base) else iri


def to_text(report: Report) -> str:
    """One line per result, grouped by severity, then a summary line."""
    base, out = report.base_iri, []
    for sev in SEVERITIES:
        rows = [r for r in report.results if r.severity == sev]
        if not rows:
            continue
        out.append(f"{_HEADINGS[sev][1]} / {_HEADINGS[sev][0]} ({len(rows)})")
        for r in rows:
            where = f" [{short(r.source_provision, base)}]" if r.source_provision else ""
            law = f" ({r.legal_basis.en})" if r.legal_basis else ""
            value = f" = {short(r.value, base)}" if r.value else ""
            path = f" {short(r.path, base)}" if r.path else ""
            out.append(
                f"  {r.shape_name}: {short(r.focus_node, base)}{path}{value}{where}: "
                f"{r.message_en} | {r.message_zh}{law}"
            )
    out.append(report.summary())
    return "\n".join(out) + "\n"


_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:2em;color:#222}
h1{font-size:1.4em} table{border-collapse:collapse;width:100%;margin-bottom:2em}
th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:left;font-size:.9em}
th{background:#f3f3f3} .violation{color:#a40000} .warning{color:#8a5a00} .info{color:#00528a}
.pass{color:#2a7a2a} .na{color:#999} code{font-size:.85em;word-break:break-all}
"""


def _link(iri: str | None, base: str) -> str:
    if not iri:
        return ""
    return f'<a href="{html.escape(iri)}"><code>{html.escape(short(iri, base))}</code></a>'


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def to_html(report: Report) -> str:
    """A standalone page: a summary, then one table per severity."""
    base = report.base_iri
    verdict = (
        "符合（无违规） / Conforms (no violations)"
        if report.conforms
        else "不符合 / Does not conform"
    )
    parts = [
        f"<h1>SHACL 校验报告 / Validation report</h1><p><strong>{verdict}</strong> — "
        f"{html.escape(report.summary())}</p>"
    ]
    if report.documents:
        parts.append("<p>" + " ".join(_link(d, base) for d in report.documents) + "</p>")
    for sev in SEVERITIES:
        rows = [r for r in report.results if r.severity == sev]
        if not rows:
            continue
        zh, en = _HEADINGS[sev]
        parts.append(
            f'<h2 class="{sev}">{zh} / {en} ({len(rows)})</h2><table><tr><th>shape</th>'
            "<th>focus / value</th><th>message</th><th>provision</th><th>legal basis</th></tr>"
        )
        for r in rows:
            value = (
                f"<br>{_link(r.value, base)}"
                if r.value and r.value.startswith("http")
                else (f"<br><code>{html.escape(r.value)}</code>" if r.value else "")
            )
            law = (
                (
                    f'<span lang="zh">{html.escape(r.legal_basis.zh)}</span><br>'
                    f'<span lang="en">{html.escape(r.legal_basis.en)}</span>'
                )
                if r.legal_basis
                else ""
            )
            parts.append(
                f"<tr><td>{_link(r.shape, base)}</td><td>{_link(r.focus_node, base)}{value}</td>"
                f'<td><span lang="zh">{html.escape(r.message_zh)}</span><br>'
                f'<span lang="en">{html.escape(r.message_en)}</span></td>'
                f"<td>{_link(r.source_provision, base)}</td><td>{law}</td></tr>"
            )
        parts.append("</table>")
    return _page("SHACL 校验报告 / Validation report", "".join(parts))


# ---------------------------------------------------------------------------
# Reading pyshacl's report graph
# ---------------------------------------------------------------------------


def read_results(rg: Graph, sg: Graph, data: Graph, base: str) -> tuple[list[Result], list[str]]:
    """The results of a pyshacl report graph, traced back into the data graph; and the documents.

    The report graph is annotated in place: messages re-tagged @zh/@en, and each result
    given rdfs:seeAlso (its named shape), gz:sourceProvision, gz:government and
    dcterms:source (the article of law).
    """
    lookup = _Lookup(data, base)
    nodes = list(rg.subjects(RDF.type, SH.ValidationResult))
    results = [_result(rg, node, sg, base, lookup) for node in nodes]
    for node, res in zip(nodes, results, strict=True):
        _annotate(rg, node, res, lookup.gz)
    return results, sorted(str(d) for d in lookup.docs)


def _result(rg: Graph, node: Any, sg: Graph, base: str, lookup: _Lookup) -> Result:
    focus = rg.value(node, SH.focusNode)
    path = rg.value(node, SH.resultPath)
    value = rg.value(node, SH.value)
    zh, en = _messages(rg, node, sg)
    named = _named_shape(sg, rg.value(node, SH.sourceShape))
    return Result(
        severity=_SEVERITY.get(rg.value(node, SH.resultSeverity), "violation"),
        focus_node=str(focus),
        path=str(path) if isinstance(path, URIRef) else None,
        value=str(value) if value is not None and not isinstance(value, BNode) else None,
        message_zh=zh,
        message_en=en,
        shape=str(named),
        constraint=str(rg.value(node, SH.sourceConstraintComponent)),
        source_provision=lookup.source_provision(focus, path, value),
        legal_basis=legal_basis(sg, base, named),
        government=lookup.government(focus, value),
        document=lookup.document(focus, value),
        value_label=lookup.label(value),
    )


def _templates(sg: Graph, rg: Graph, node: Any) -> list[tuple[re.Pattern, str | None]]:
    """The message templates a result's messages may come from, most specific first.

    pyshacl substitutes ``{?var}`` in messages but drops their language tags, so each
    message is matched back to its template to learn its language.
    """
    sources = [rg.value(node, SH.sourceConstraint)]
    component = rg.value(node, SH.sourceConstraintComponent)
    sources += [
        v
        for p in (SH.validator, SH.nodeValidator, SH.propertyValidator)
        for v in sg.objects(component, p)
    ]
    sources.append(rg.value(node, SH.sourceShape))
    out = []
    for src in sources:
        for m in sg.objects(src, SH.message) if src is not None else ():
            if isinstance(m, Literal):
                parts = re.split(r"\{[?$]\w+\}", str(m))
                out.append(
                    (re.compile("(?s)" + "(.*?)".join(re.escape(x) for x in parts)), m.language)
                )
    return out


def _messages(rg: Graph, node: Any, sg: Graph) -> tuple[str, str]:
    """The result's message in Chinese and in English (re-tagged in the report graph)."""
    found = [m for m in rg.objects(node, SH.resultMessage) if isinstance(m, Literal)]
    best: dict[str, str] = {}
    for pattern, lang in _templates(sg, rg, node):
        for m in found:
            if lang and lang not in best and (m.language == lang or pattern.fullmatch(str(m))):
                best[lang] = str(m)
    if not best:  # a generic pyshacl message, no template of ours
        best = {"en": str(found[0])} if found else {}
    zh, en = best.get("zh", best.get("en", "")), best.get("en", best.get("zh", ""))
    for m in found:
        rg.remove((node, SH.resultMessage, m))
    rg.add((node, SH.resultMessage, Literal(zh, lang="zh")))
    rg.add((node, SH.resultMessage, Literal(en, lang="en")))
    return zh, en


def _named_shape(sg: Graph, shape: Any) -> Any:
    """The named shape a (blank) property shape belongs to."""
    seen = set()
    while isinstance(shape, BNode) and shape not in seen:
        seen.add(shape)
        parent = next(iter(sg.subjects(SH.property, shape)), None) or next(
            iter(sg.subjects(SH.node, shape)), None
        )
        if parent is None:
            break
        shape = parent
    return shape


def legal_basis(sg: Graph, base: str, shape: Any) -> LegalBasis | None:
    """The article(s) a shape cites: its dcterms:source (zh, en) and gz:article."""
    sources = {
        s.language: str(s) for s in sg.objects(shape, DCTERMS.source) if isinstance(s, Literal)
    }
    articles = sorted(int(a) for a in sg.objects(shape, URIRef(base + "ontology#article")))
    if not sources and not articles:
        return None
    return LegalBasis(sources.get("zh", ""), sources.get("en", ""), tuple(articles))


class _Lookup:
    """Find the document, government and source provision a result is about."""

    def __init__(self, g: Graph, base: str) -> None:
        self.g, self.gz = g, Namespace(base + "ontology#")
        self.docs = sorted(set(g.subjects(RDF.type, self.gz.WorkRules)))

    def document(self, focus: Any, value: Any) -> str | None:
        for node in (focus, value):
            if node in self.docs:
                return str(node)
        for d in self.docs:
            if str(focus).startswith(f"{d}/"):
                return str(d)
        of_gov = [d for d in self.docs if self.g.value(d, self.gz.government) == focus]
        return str(of_gov[0]) if len(of_gov) == 1 else None

    def government(self, focus: Any, value: Any) -> str | None:
        if not isinstance(focus, URIRef):
            return None
        if (focus, RDF.type, self.gz.PeoplesGovernment) in self.g:
            return str(focus)
        gov = self.g.value(focus, self.gz.government)
        if gov is None and (doc := self.document(focus, value)):
            gov = self.g.value(URIRef(doc), self.gz.government)
        return str(gov) if gov is not None else None

    def label(self, node: Any) -> str | None:
        if not isinstance(node, URIRef):
            return None
        labels = list(self.g.objects(node, RDFS.label))
        zh = [x for x in labels if getattr(x, "language", None) == "zh"]
        return str((zh or labels)[0]) if labels else None

    def _first(self, nodes: Iterable[Any]) -> str | None:
        found = sorted(str(n) for n in nodes if isinstance(n, URIRef))
        return found[0] if found else None

    def source_provision(self, focus: Any, path: Any, value: Any) -> str | None:
        g, gz = self.g, self.gz
        if (
            isinstance(focus, URIRef)
            and (focus, RDF.type, gz.Meeting) in g
            and isinstance(path, URIRef)
            and str(path).startswith(str(gz))
        ):
            code = SHORTCUT_ROLES.get(str(path)[len(str(gz)) :])
            if code:
                role = URIRef(str(gz).replace("ontology#", f"vocab/meeting-role/{code}"))
                records = [
                    a for a in g.subjects(gz.meeting, focus) if (a, gz.meetingRole, role) in g
                ]
                exact = [a for a in records if (a, gz.role, value) in g]
                found = self._first(
                    p for a in (exact or records) for p in g.objects(a, gz.sourceProvision)
                )
                if found:
                    return found
        for node in (value, focus):
            if isinstance(node, URIRef) and (
                found := self._first(g.objects(node, gz.sourceProvision))
            ):
                return found
        for node in (value, focus):
            provision = self._provision_of(node)
            if provision:
                return provision
        for node in (value, focus):
            if isinstance(node, URIRef) and (node, RDF.type, gz.GovernmentRole) in g:
                facts = [s for s, _ in g.subject_predicates(node) if (s, RDF.type, gz.Fact) in g]
                if found := self._first(p for f in facts for p in g.objects(f, gz.sourceProvision)):
                    return found
        return None

    def _provision_of(self, node: Any) -> str | None:
        seen = set()
        while isinstance(node, URIRef) and node not in seen:
            seen.add(node)
            if (node, RDF.type, self.gz.Provision) in self.g:
                return str(node)
            node = self.g.value(node, ELI.is_part_of)
        return None


def _annotate(rg: Graph, node: Any, res: Result, gz: Namespace) -> None:
    """Add what the report graph lacks: the named shape, the provision the offending fact
    came from, the government, and the article of law."""
    rg.add((node, RDFS.seeAlso, URIRef(res.shape)))
    if res.source_provision:
        rg.add((node, gz.sourceProvision, URIRef(res.source_provision)))
    if res.government:
        rg.add((node, gz.government, URIRef(res.government)))
    if res.legal_basis:
        rg.add((node, DCTERMS.source, Literal(res.legal_basis.zh, lang="zh")))
        rg.add((node, DCTERMS.source, Literal(res.legal_basis.en, lang="en")))


# ---------------------------------------------------------------------------
# The conformance matrix: governments × conformance shapes
# ---------------------------------------------------------------------------

#: A cell: the worst severity of the shape's results for that document, "pass"
#: (the shape applied and found nothing), or "n/a" (the shape does not apply).
CELL_VALUES = (*SEVERITIES, "pass", "n/a")


@dataclass(frozen=True)
class MatrixShape:
    iri: str
    name: str
    label_zh: str
    label_en: str
    legal_basis: LegalBasis | None


@dataclass(frozen=True)
class MatrixRow:
    government: str
    label: str | None
    level: str | None
    document: str
    cells: dict[str, str]  # shape name → cell value


@dataclass
class Matrix:
    shapes: list[MatrixShape]
    rows: list[MatrixRow]
    base_iri: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "shapes": [
                {
                    "iri": s.iri,
                    "name": s.name,
                    "label_zh": s.label_zh,
                    "label_en": s.label_en,
                    "legal_basis": s.legal_basis.as_json() if s.legal_basis else None,
                }
                for s in self.shapes
            ],
            "rows": [
                {
                    "government": r.government,
                    "label": r.label,
                    "level": r.level,
                    "document": r.document,
                    "cells": r.cells,
                }
                for r in self.rows
            ],
        }


def matrix_csv(m: Matrix) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["government", "label", "level", "document", *[s.name for s in m.shapes]])
    for r in m.rows:
        w.writerow(
            [
                r.government,
                r.label or "",
                r.level or "",
                r.document,
                *[r.cells.get(s.name, "n/a") for s in m.shapes],
            ]
        )
    return buf.getvalue()


def matrix_html(m: Matrix) -> str:
    base = m.base_iri
    head = "".join(
        f'<th title="{html.escape(s.legal_basis.zh if s.legal_basis else "")}">'
        f'<span lang="zh">{html.escape(s.label_zh)}</span><br><span lang="en">{html.escape(s.label_en)}</span>'
        f"<br><small>{html.escape(', '.join(f'art. {a}' for a in s.legal_basis.articles) if s.legal_basis else '')}"
        f"</small></th>"
        for s in m.shapes
    )
    body = []
    for r in m.rows:
        cells = "".join(
            f'<td class="{"na" if v == "n/a" else v}">{v}</td>'
            for v in (r.cells.get(s.name, "n/a") for s in m.shapes)
        )
        body.append(
            f"<tr><td>{html.escape(r.label or '')}<br>{_link(r.government, base)}</td>"
            f"<td>{html.escape(r.level or '')}</td><td>{_link(r.document, base)}</td>{cells}</tr>"
        )
    table = (
        f"<table><tr><th>政府 / government</th><th>层级 / level</th><th>文档 / document</th>{head}</tr>"
        + "".join(body)
        + "</table>"
    )
    return _page(
        "合规矩阵 / Conformance matrix",
        "<h1>合规矩阵 / Conformance matrix</h1><p>每格为该规则最严重的结果；pass = 适用且无结果；"
        "n/a = 不适用。 Each cell is the worst result of the rule; pass = applies, nothing found; "
        "n/a = does not apply.</p>" + table,
    )


REPORT_FORMATS = ("text", "json", "turtle", "html")
MATRIX_FORMATS = ("json", "csv", "html")


def render(report: Report, fmt: str) -> str:
    """The report as text, JSON, Turtle (the SHACL report graph) or HTML."""
    import json

    if fmt == "json":
        return json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "turtle":
        return report.to_turtle()
    if fmt == "html":
        return to_html(report)
    if fmt == "text":
        return to_text(report)
    raise ValueError(f"unknown report format {fmt!r}; use one of: {', '.join(REPORT_FORMATS)}")


def render_matrix(m: Matrix, fmt: str) -> str:
    """The conformance matrix as JSON, CSV or HTML."""
    import json

    if fmt == "json":
        return json.dumps(m.as_json(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return matrix_csv(m)
    if fmt == "html":
        return matrix_html(m)
    raise ValueError(f"unknown matrix format {fmt!r}; use one of: {', '.join(MATRIX_FORMATS)}")


#: Exit statuses of ``guize validate``: conforms (warnings and info allowed), violations found,
#: the input could not be read.
EXIT_CONFORMS, EXIT_VIOLATIONS, EXIT_UNREADABLE = 0, 1, 2


def exit_status(report: Report) -> int:
    return EXIT_CONFORMS if report.conforms else EXIT_VIOLATIONS
