"""The query catalogue: SPARQL files in service/queries/, each answering a user question.

Each ``.rq`` file starts with ``# title: … @zh``, ``# title: … @en`` and optionally
``# source:`` (the question in ../shared/QUESTIONS.md) and free comment lines.  Queries
name the model's terms under its stable namespace (``PREFIX gz:
<https://w3id.org/guize/ontology#>``) and take documents as substituted IRIs, so they work
under any data base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

QUERY_DIR = Path(__file__).resolve().parent / "queries"


@dataclass(frozen=True)
class CatalogueQuery:
    name: str
    title_zh: str
    title_en: str
    source: str
    description: str
    text: str


def _parse(path: Path) -> CatalogueQuery:
    text = path.read_text(encoding="utf-8")
    titles = {lang: t for t, lang in re.findall(r"^# title:\s*(.+?)\s*@(zh|en)\s*$", text, re.M)}
    source = re.search(r"^# source:\s*(.+)$", text, re.M)
    notes = [
        ln[2:].strip()
        for ln in text.splitlines()
        if ln.startswith("# ") and not re.match(r"# (title|source):", ln)
    ]
    return CatalogueQuery(
        path.stem,
        titles.get("zh", path.stem),
        titles.get("en", path.stem),
        source.group(1).strip() if source else "",
        " ".join(notes),
        text,
    )


@cache
def catalogue() -> dict[str, CatalogueQuery]:
    """Every catalogue query by name, in file-name order."""
    return {p.stem: _parse(p) for p in sorted(QUERY_DIR.glob("*.rq"))}


@cache
def variables(name: str) -> tuple[str, ...]:
    """The variables catalogue query ``name`` selects, in order (its answer on an empty store:
    the engine's parser says, with no store read).

    :raises KeyError: if there is no such query.
    """
    answer = ox.Store().query(catalogue()[name].text, base_iri="http://example.org/")
    return tuple(v.value for v in answer.variables)


def run(store: Any, name: str, base_iri: str, **kwargs: Any) -> Any:
    """Run catalogue query ``name`` on ``store``.

    :raises KeyError: if there is no such query.
    """
    return store.query(catalogue()[name].text, base_iri=base_iri, **kwargs)


def rows(store: Any, name: str, base_iri: str, **kwargs: Any) -> list[dict[str, Any]]:
    """A SELECT catalogue query's solutions as dicts of Python values (None when unbound), in
    one order whatever the engine: by the query's ``ORDER BY`` variables, then by every other
    variable (engines differ in how they collate strings and in how they order ties)."""
    query = catalogue()[name]
    results = run(store, name, base_iri, **kwargs)
    names = [v.value for v in results.variables]
    found = [{n: python_value(sol[n]) for n in names} for sol in results]
    keys = [k for k in _ORDER_BY.findall(query.text.rsplit("ORDER BY", 1)[-1]) if k in names]
    keys += [n for n in names if n not in keys]
    if "ORDER BY" in query.text:
        found.sort(key=lambda row: [sortable(row[k]) for k in keys])
    return found


_ORDER_BY = re.compile(r"[?$](\w+)")


def sortable(value: Any) -> tuple:
    """A key that orders None first, then numbers by value, then everything else as text."""
    if value is None:
        return (0, 0, "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (1, value, "")
    return (2, 0, str(value))


def python_value(term: Any) -> Any:
    """pyoxigraph term → str / int / float / bool / None."""
    if term is None:
        return None
    value = term.value
    datatype = getattr(term, "datatype", None)
    if datatype is None:
        return value
    dt = datatype.value.rsplit("#", 1)[-1]
    if dt in ("integer", "positiveInteger", "nonNegativeInteger", "int", "long"):
        return int(float(value)) if "." in value or "e" in value.lower() else int(value)
    if dt in ("decimal", "double", "float"):  # "0.5", "5.0E-1" and ".5" are one number
        return float(value)
    if dt == "boolean":  # engines write it "true"/"false" or "1"/"0" (Virtuoso)
        return value.strip().lower() in ("true", "1")
    return value
