"""What ``guize`` prints: the ``ingest --json`` object and query answers as tables or SPARQL
result formats."""

from __future__ import annotations

import unicodedata

import pyoxigraph as ox

from guize.pipeline import Ingested


def ingest_json(result: Ingested) -> dict:
    """The ``guize ingest --json`` object (the CLI contract other work relies on)."""
    p = result.parsed
    return {
        "id": result.graph.key,
        "iri": result.graph.document_iri,
        "title": p.title,
        "numbering_style": p.numbering_style,
        "metadata": p.metadata.as_json(),
        "notice": {
            "title": p.notice.title,
            "recipients": list(p.notice.recipients),
            "published": p.notice.published,
            "adopted_date": p.notice.adopted_date,
            "index_number": p.notice.index_number,
        },
        "chapters": [
            {
                "number": c.number,
                "label": c.label,
                "title": c.title,
                "title_status": c.title_status,
                "provisions": list(c.provisions),
                "raw_span": list(c.raw_span),
            }
            for c in p.chapters
        ],
        "provisions": [
            {
                "number": v.number,
                "label": v.label,
                "chapter": v.chapter,
                "text": v.text,
                "raw_span": list(v.raw_span),
                "paragraphs": [
                    {
                        "number": para.number,
                        "text": para.text,
                        "items": [
                            {"number": it.number, "label": it.label, "text": it.text}
                            for it in para.items
                        ],
                    }
                    for para in v.paragraphs
                ],
            }
            for v in p.provisions
        ],
        "cleaning": [e.as_json() for e in p.clean.report],
        "warnings": list(p.warnings),
    }


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def render_solutions(results, fmt: str) -> str:
    """SELECT results as a table, JSON (SPARQL results), CSV or TSV."""
    if fmt in ("json", "csv", "tsv", "xml"):
        qf = {
            "json": ox.QueryResultsFormat.JSON,
            "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV,
            "xml": ox.QueryResultsFormat.XML,
        }[fmt]
        return results.serialize(format=qf).decode("utf-8")
    names = [v.value for v in results.variables]
    rows = [[_cell(sol[n]) for n in names] for sol in results]
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells):
        return " | ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))

    out = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
