"""The comparison matrix as a dataset with its codebook, as legal-epidemiology datasets are
published: a zip of

* ``matrix.csv`` -- one row per document, coded (:func:`guize.compare.to_csv`);
* ``codebook.csv`` -- every column of ``matrix.csv``: its name in both languages, its type, the
  codes it takes with their labels (from the SKOS vocabularies), and what it records;
* ``cells.csv`` -- every filled cell of the matrix page: the value as shown, the rules' own
  words, and the provisions behind it (IRI and label);
* ``README.txt`` -- what the files are.
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from guize import compare
from guize.web.pages import strings
from guize.web.pages.compare import matrix, profile
from guize.web.pages.labels import label, scheme, vocabulary

#: Columns whose values are role-kind codes separated by ``;``.
ROLE_COLUMNS = {"composition", "acting_head", *compare.ROLE_FIELDS.values()}
#: Plain columns: name → (type, strings key of the description).
PLAIN = {
    "id": "string",
    "place": "string",
    "province": "string",
    "head_title": "string",
    "doc_number": "string",
    "issued": "date",
    "chapter_count": "integer",
    "provision_count": "integer",
    "supersedes": "string",
    "superseded_by": "string",
    "head_responsibility": "boolean",
    "other_meetings": "string",
    "deadline_count": "integer",
    "leave_rules": "integer",
    "power_count": "integer",
    "powers": "string",
    "conditional_powers": "integer",
    "rule_making": "boolean",
    "party_reporting": "boolean",
}
CODEBOOK_COLUMNS = (
    "variable",
    "label_zh",
    "label_en",
    "type",
    "codes",
    "description_zh",
    "description_en",
)
CELL_COLUMNS = (
    "document",
    "group",
    "row",
    "row_zh",
    "row_en",
    "value",
    "words",
    "provisions",
    "provision_labels",
)


def _codes(scheme_code: str) -> str:
    sch = scheme(scheme_code)
    return "; ".join(f"{c}={'/'.join(dict.fromkeys(sch.label(c)))}" for c in sch.codes())


def describe(column: str) -> dict[str, str]:
    """One codebook row for a column of ``matrix.csv``.

    >>> from guize.web.pages.codebook import describe
    >>> describe("standing.frequency")["type"]
    'frequency'
    """
    kind, _, field = column.partition(".")
    row = {"variable": column, "codes": ""}
    if column in PLAIN:
        zh, en = strings.pair(f"cb.{column}")
        row.update(type=PLAIN[column], label_zh=zh, label_en=en)
    elif column == "decision_procedure":
        zh, en = strings.pair(f"cb.{column}")
        row.update(type="codes", label_zh=zh, label_en=en, codes=_codes("decision-step"))
    elif column in ("level", "status"):
        sch = "administrative-level" if column == "level" else "validity-status"
        zh, en = strings.pair(f"cb.{column}")
        row.update(type="code", label_zh=zh, label_en=en, codes=_codes(sch))
    elif column in ROLE_COLUMNS:
        zh, en = strings.pair(f"cb.{column}")
        row.update(type="codes", label_zh=zh, label_en=en, codes=_codes("role-kind"))
    elif kind == "signing":
        czh, cen = label("document-category", field)
        szh, sen = strings.pair("cb.signing")
        row.update(
            type="codes", label_zh=czh + szh, label_en=f"{sen} {cen}", codes=_codes("role-kind")
        )
    else:
        kzh, ken = label("meeting-kind", kind)
        role = next((r for r, f in compare.ROLE_FIELDS.items() if f == field), None)
        if role is not None:
            fzh, fen = label("meeting-role", role)
            row.update(type="codes", codes=_codes("role-kind"))
        else:
            fzh, fen = strings.pair(f"cb.{field}")
            row["type"] = {"held": "boolean", "frequency": "frequency", "decides": "codes"}.get(
                field, "string"
            )
            if field == "frequency":
                row["codes"] = _codes("time-unit")
            elif field == "decides":
                row["codes"] = _codes("matter-category")
        row.update(label_zh=f"{kzh}·{fzh}", label_en=f"{ken}: {fen}")
    dzh, den = strings.pair(f"cb.type.{row['type']}")
    row.update(description_zh=dzh, description_en=den)
    return row


def _csv(columns: tuple[str, ...] | list[str], rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def cells() -> list[dict[str, Any]]:
    """Every filled cell of the matrix with the provisions behind it."""
    mx = matrix(profile(), per_document=False)
    out = []
    for g in mx["groups"]:
        for r in g["rows"]:
            for col, c in zip(mx["columns"], r["cells"], strict=True):
                if c["empty"]:
                    continue
                links = [link for link in c["links"] if not link.get("document")]
                out.append(
                    {
                        "document": col["key"],
                        "group": g["code"],
                        "row": r["key"],
                        "row_zh": r["zh"],
                        "row_en": r["en"],
                        "value": c["text"],
                        "words": c["words"],
                        "provisions": " ".join(link["iri"] for link in links),
                        "provision_labels": " ".join(link["label"] for link in links),
                    }
                )
    return out


def codebook_zip() -> bytes:
    """The zip: ``matrix.csv``, ``codebook.csv``, ``cells.csv``, ``README.txt``."""
    matrix_csv = compare.to_csv(profile(), vocabulary())
    header = next(csv.reader(io.StringIO(matrix_csv)), [])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("matrix.csv", matrix_csv)
        z.writestr("codebook.csv", _csv(CODEBOOK_COLUMNS, [describe(c) for c in header]))
        z.writestr("cells.csv", _csv(CELL_COLUMNS, cells()))
        z.writestr("README.txt", "\n\n".join(strings.pair("cb.readme")) + "\n")
    return buf.getvalue()
