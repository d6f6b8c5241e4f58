"""Reports and the matrix for people and programs: text, JSON, Turtle (the SHACL report
graph), CSV and HTML (Jinja templates in ``templates/``).
"""

from __future__ import annotations

import csv
import io
import json

from jinja2 import Environment, PackageLoader, select_autoescape

from guize.validate.matrix import Matrix
from guize.validate.report import SEVERITIES, Report, short

_HEADINGS = {
    "violation": ("违规", "Violations"),
    "warning": ("警告", "Warnings"),
    "info": ("提示", "Info"),
}


def verdict(counts: dict[str, int]) -> dict[str, str]:
    """The verdict with what stands beside it -- ``无违规；1 项警告`` / ``no violations; 1
    warning``, never "conforms" alone beside a warning -- and its tone (``ok``, ``warn``,
    ``fail``).

    >>> verdict({"violation": 0, "warning": 1, "info": 0})["en"]
    'no violations; 1 warning'
    >>> verdict({"violation": 2, "warning": 0, "info": 3})["zh"]
    '2 项违规；3 项提示'
    >>> verdict({})["zh"]
    '无违规、无警告'
    """
    v, w, i = (int(counts.get(s) or 0) for s in SEVERITIES)
    if not (v or w or i):
        return {"zh": "无违规、无警告", "en": "no violations, no warnings", "ok": "ok"}
    zh = [f"{v} 项违规" if v else "无违规"]
    en = [f"{v} violation{'s' if v != 1 else ''}" if v else "no violations"]
    if w:
        zh.append(f"{w} 项警告")
        en.append(f"{w} warning{'s' if w != 1 else ''}")
    if i:
        zh.append(f"{i} 项提示")
        en.append(f"{i} info")
    return {"zh": "；".join(zh), "en": "; ".join(en), "ok": "fail" if v else "warn" if w else "ok"}


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


_TEMPLATES = Environment(
    loader=PackageLoader("guize.validate", "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)


def to_html(report: Report) -> str:
    """A standalone page: a summary, then one table per severity."""
    sections = []
    for sev in SEVERITIES:
        rows = [r for r in report.results if r.severity == sev]
        if rows:
            sections.append((sev, *_HEADINGS[sev], rows))
    return _TEMPLATES.get_template("report.html").render(
        title="SHACL 校验报告 / Validation report",
        report=report,
        verdict=verdict(report.counts()),
        sections=sections,
        short=lambda iri: short(iri, report.base_iri),
    )


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
    """A standalone page: governments × conformance shapes."""
    return _TEMPLATES.get_template("matrix.html").render(
        title="合规矩阵 / Conformance matrix", m=m, short=lambda iri: short(iri, m.base_iri)
    )


REPORT_FORMATS = ("text", "json", "turtle", "html")

MATRIX_FORMATS = ("json", "csv", "html")


def render(report: Report, fmt: str) -> str:
    """The report as text, JSON, Turtle (the SHACL report graph) or HTML."""

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

    if fmt == "json":
        return json.dumps(m.as_json(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return matrix_csv(m)
    if fmt == "html":
        return matrix_html(m)
    raise ValueError(f"unknown matrix format {fmt!r}; use one of: {', '.join(MATRIX_FORMATS)}")
