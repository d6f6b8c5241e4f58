"""The conformance matrix page (blueprint ``conformance``): ``/conformance``, governments ×
conformance rules, filtered by ``level`` and ``severity`` (each repeatable), as HTML, CSV or
JSON (``format=html|csv|json`` or ``Accept``).

The matrix is read from the results the build stored (:mod:`.conformance`), once per store
version.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request

from guize import errors
from guize.validate.render import matrix_csv
from guize.web.pages import conformance_matrix as cm
from guize.web.pages.conformance import CELLS

bp = Blueprint("conformance", __name__, template_folder="templates")

_MEDIA = {"text/html": "html", "text/csv": "csv", "application/json": "json"}


def _format() -> str:
    asked = (request.args.get("format") or "").lower()
    if asked:
        if asked not in _MEDIA.values():
            raise errors.BadRequest(f"no format {asked!r}; use one of: html, csv, json")
        return asked
    best = request.accept_mimetypes.best_match(list(_MEDIA), default="text/html")
    return _MEDIA.get(best or "text/html", "html")


def _filters() -> tuple[list[str], list[str]]:
    levels = [x for x in request.args.getlist("level") if x]
    severities = [x for x in request.args.getlist("severity") if x]
    bad = [s for s in severities if s not in CELLS]
    if bad:
        raise errors.BadRequest(f"no severity {bad[0]!r}; use one of: {', '.join(CELLS)}")
    return levels, severities


@bp.get("/conformance")
def matrix() -> Response | str:
    """Governments × conformance rules: each cell the worst result, linked to the results and
    the provisions."""
    fmt = _format()
    levels, severities = _filters()
    if fmt == "csv":
        return Response(
            matrix_csv(cm.filtered(levels, severities)),
            mimetype="text/csv",
            headers={"Content-Disposition": 'attachment; filename="guize-conformance.csv"'},
        )
    if fmt == "json":
        body = json.dumps(cm.as_json(cm.filtered(levels, severities)), ensure_ascii=False, indent=1)
        return Response(body, mimetype="application/json")
    return render_template("pages/conformance.html", c=cm.page(levels, severities))
