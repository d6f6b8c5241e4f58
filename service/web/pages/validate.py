"""The validation page's data, over :mod:`guize.validate`: what an upload is, the report of
validating it with every shape, and the report arranged for the HTML page.

Validation is unavailable (the form says so, the API answers 503) only when the shapes cannot
be loaded -- a broken installation, not the user's fault.
"""

from __future__ import annotations

from typing import Any

from guize import formats
from guize.validate import ShapesError, load_shapes
from guize.validate.isolated import ReportCopy, check_upload
from guize.web.context import services

#: Input kinds the form offers: name → (file suffix, zh, en); "auto" detects.
KINDS: dict[str, tuple[str, str, str]] = {
    "auto": ("", "自动识别", "detect"),
    "text": (formats.TEXT.extensions[0], "工作规则文本", "work-rules text"),
    **{f.name: (f.extensions[0], f.label, f.label) for f in formats.READABLE},
}


def detect_kind(data: bytes, filename: str = "", declared: str = "auto") -> str:
    """The input kind from the form's choice, the file name, or a look at the content."""
    if declared in KINDS and declared != "auto":
        return declared
    return formats.detect(data, filename).name


def available(base_iri: str, shapes_dir: str) -> bool:
    """Whether the shapes load (validation can run)."""
    try:
        load_shapes("all", base_iri, shapes_dir)
    except ShapesError:
        return False
    return True


def run(
    data: bytes,
    filename: str = "",
    declared: str = "auto",
    *,
    base_iri: str,
    ontology_dir: str,
    shapes_dir: str,
    lexicon_dir: str | None = None,
) -> tuple[ReportCopy, str]:
    """Validate ``data`` with every shape, in a confined worker (no network, time and memory
    limits: ``validate_timeout_s``, ``worker_memory_mb``); returns (the report, the kind it was
    read as).

    :raises guize.validate.ShapesError: if the shapes cannot be loaded.
    :raises guize.validate.ValidationInputError: for input that cannot be read (its message).
    :raises guize.errors.Unavailable: over the time or memory limit, or the workers busy (503).
    """
    kind = detect_kind(data, filename, declared)
    svc = services()
    timeout = svc.settings.validate_timeout_s
    args = (data, filename, kind, base_iri, ontology_dir, shapes_dir, lexicon_dir)
    return svc.uploads.call(check_upload, args, timeout, wait_s=timeout), kind


SEVERITY_ORDER = {"violation": 0, "warning": 1, "info": 2}


def summary(report: dict[str, Any]) -> dict[str, Any]:
    """Counts by severity, results sorted (violations first), for the HTML report."""
    results = list(report.get("results") or [])
    for r in results:
        r["severity_code"] = str(r.get("severity") or "")
    results.sort(
        key=lambda r: (SEVERITY_ORDER.get(r["severity_code"], 9), str(r.get("focus_node") or ""))
    )
    counts: dict[str, int] = {}
    for r in results:
        counts[r["severity_code"]] = counts.get(r["severity_code"], 0) + 1
    return {"conforms": report.get("conforms"), "results": results, "counts": counts}
