"""Validation for the pages and the ``POST /validate`` API, over :mod:`service.validate`.

:mod:`service.validate` is imported lazily: while it is missing (or fails to import) the form
says so and the API answers 503.  An upload is written to a temporary file named with the
suffix of its format, and handed to ``validate_file``; the report is read as JSON
(``conforms``, ``results`` with ``severity``, ``focus_node``, ``path``, ``value``,
``message_zh``, ``message_en``, ``shape``, ``source_provision``, ``legal_basis``) and, for
Turtle, as RDF.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import tempfile
from typing import Any

#: Input kinds the form offers: name → (file suffix, zh, en).
KINDS = {
    "auto": ("", "自动识别", "detect"),
    "text": (".txt", "工作规则文本", "work-rules text"),
    "turtle": (".ttl", "Turtle", "Turtle"),
    "trig": (".trig", "TriG", "TriG"),
    "ntriples": (".nt", "N-Triples", "N-Triples"),
    "nquads": (".nq", "N-Quads", "N-Quads"),
    "jsonld": (".jsonld", "JSON-LD", "JSON-LD"),
    "rdfxml": (".rdf", "RDF/XML", "RDF/XML"),
}

SUFFIXES = {s: k for k, (s, _, _) in KINDS.items() if s} | {
    ".ttl": "turtle",
    ".xml": "rdfxml",
    ".owl": "rdfxml",
    ".json": "jsonld",
}


class ValidationUnavailable(Exception):
    """service.validate cannot be used (not written yet, or it failed to import)."""


def module() -> Any:
    """:mod:`service.validate`.

    :raises ValidationUnavailable: if it is missing or fails to import.
    """
    try:
        return importlib.import_module("service.validate")
    except ImportError as exc:
        raise ValidationUnavailable(f"validation is not available on this service ({exc})") from exc


def available() -> bool:
    try:
        module()
    except ValidationUnavailable:
        return False
    return True


def detect_kind(data: bytes, filename: str = "", declared: str = "auto") -> str:
    """The input kind from the form's choice, the file name, or a look at the content."""
    if declared in KINDS and declared != "auto":
        return declared
    suffix = os.path.splitext(filename.lower())[1]
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    head = data[:2000].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    low = head.lower()
    if low.startswith(("@prefix", "@base", "prefix ", "base ")):
        return "trig" if "{" in head and "graph" in low else "turtle"
    if low.startswith("<?xml") or "<rdf:rdf" in low:
        return "rdfxml"
    if low.startswith(("{", "[")):
        return "jsonld"
    if low.startswith("<") and ">" in head:
        return "ntriples"
    return "text"


class InvalidInput(ValueError):
    """The validator cannot read the input (its message says why)."""


def run(
    data: bytes,
    filename: str = "",
    declared: str = "auto",
    *,
    base_iri: str,
    ontology_dir: str | None = None,
) -> tuple[Any, str]:
    """Validate ``data`` with every shape; returns (the report, the kind it was read as).

    :raises ValidationUnavailable: if service.validate is missing.
    :raises InvalidInput: for input the validator cannot read (its message).
    """
    mod = module()
    kind = detect_kind(data, filename, declared)
    suffix = KINDS[kind][0] or ".txt"
    stem = os.path.splitext(os.path.basename(filename))[0] if filename else "upload"
    stem = "".join(ch for ch in stem if ch.isalnum() or ch in "-_") or "upload"
    refused = getattr(mod, "ValidationInputError", ValueError)
    with tempfile.TemporaryDirectory(prefix="guize-validate-") as tmp:
        path = os.path.join(tmp, stem + suffix)
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            return mod.validate_file(path, "all", base_iri, ontology_dir=ontology_dir), kind
        except refused as exc:
            raise InvalidInput(str(exc).replace(path, filename or "upload")) from exc


def as_json(report: Any) -> dict[str, Any]:
    """The report as the API's JSON object."""
    for name in ("to_json", "as_json", "to_dict", "as_dict", "json"):
        fn = getattr(report, name, None)
        if callable(fn):
            value = fn()
            return json.loads(value) if isinstance(value, (str, bytes)) else value
    if dataclasses.is_dataclass(report):
        return dataclasses.asdict(report)
    if isinstance(report, dict):
        return report
    raise TypeError(f"cannot read a validation report of type {type(report).__name__}")


def as_turtle(report: Any) -> str:
    """The report as Turtle (the SHACL validation report graph)."""
    for name in ("to_turtle", "as_turtle", "turtle"):
        fn = getattr(report, name, None)
        if callable(fn):
            value = fn()
            return value.decode() if isinstance(value, bytes) else value
    graph = getattr(report, "graph", None) or getattr(report, "results_graph", None)
    if graph is not None and hasattr(graph, "serialize"):
        value = graph.serialize(format="turtle")
        return value.decode() if isinstance(value, bytes) else value
    raise TypeError(f"cannot write a validation report of type {type(report).__name__} as Turtle")


SEVERITY_ORDER = {"violation": 0, "warning": 1, "info": 2}


def summary(report: dict[str, Any]) -> dict[str, Any]:
    """Counts by severity, results sorted (violations first), for the HTML report."""
    results = list(report.get("results") or [])
    for r in results:
        sev = str(r.get("severity") or "").rsplit("#", 1)[-1].lower()
        r["severity_code"] = sev
        basis = r.get("legal_basis")
        if isinstance(basis, str):
            r["legal_basis"] = {"zh": basis, "en": "", "articles": []}
    results.sort(
        key=lambda r: (SEVERITY_ORDER.get(r["severity_code"], 9), str(r.get("focus_node") or ""))
    )
    counts: dict[str, int] = {}
    for r in results:
        counts[r["severity_code"]] = counts.get(r["severity_code"], 0) + 1
    return {"conforms": report.get("conforms"), "results": results, "counts": counts}
