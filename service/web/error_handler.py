"""The one handler that answers every error: :class:`~guize.errors.GuizeError` with its status,
werkzeug's own HTTP exceptions (404 unknown route, 405, 413 from ``MAX_CONTENT_LENGTH``) with
theirs, anything else as a logged 500 -- never a 400.

Every error the service answers has the same body: JSON
``{"ok": false, "error": "<message>", "status": <code>}`` for machines, or a small HTML page
when the client prefers ``text/html`` (a browser).  The statuses are listed in
:mod:`guize.errors`.
"""

from __future__ import annotations

import json
import logging
import re
from http import HTTPStatus

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException

from guize.errors import GuizeError

log = logging.getLogger("guize.web")

_SERVER_PATH = re.compile(r"(?<![\w:/.])/(?:[\w.+\-]+/)+[\w.+\-]*")


def redact_paths(message: str) -> str:
    """``message`` with the server's file paths left out (they are logged, not shown).

    >>> redact_paths("cannot open store at /srv/guize/data/store-1: No such file")
    'cannot open store at <path>: No such file'
    >>> redact_paths("no graph <http://127.0.0.1:5000/documents/a/b>")
    'no graph <http://127.0.0.1:5000/documents/a/b>'
    """
    return _SERVER_PATH.sub("<path>", message)


def wants_html() -> bool:
    """True when the client prefers HTML over JSON (a browser)."""
    accept = request.accept_mimetypes
    return bool(accept) and accept.best_match(["application/json", "text/html"]) == "text/html"


def error_response(status: int, message: str, headers: dict | None = None) -> Response:
    """The canonical error body, as JSON or (for browsers) HTML."""
    if wants_html():
        try:
            title = HTTPStatus(status).phrase
        except ValueError:
            title = "Error"
        body = render_template("error.html", status=status, title=title, message=message)
        resp = Response(body, status=status, mimetype="text/html")
    else:
        payload = {"ok": False, "error": message, "status": status}
        resp = Response(
            json.dumps(payload, ensure_ascii=False), status=status, mimetype="application/json"
        )
    for name, value in (headers or {}).items():
        resp.headers[name] = value
    resp.headers.add("Vary", "Accept")
    return resp


#: At most this much of a refused body is read (and thrown away) before the refusal is sent.
DRAIN_MAX_BYTES = 16 * 2**20


def drain_refused_body() -> None:
    """Read what the client is still sending of a body refused as too large (up to
    :data:`DRAIN_MAX_BYTES`; the server's read timeout bounds a slow sender), so it reads the
    413 instead of failing on a connection closed under it (a broken pipe while it sends)."""
    left = min(request.content_length or 0, DRAIN_MAX_BYTES)
    stream = request.environ.get("wsgi.input")
    try:
        while left > 0 and stream is not None:
            chunk = stream.read(min(65536, left))
            if not chunk:
                break
            left -= len(chunk)
    except (OSError, ValueError):
        pass  # the client went away or the read timed out: nothing more to answer


def _handle(exc: Exception) -> Response:
    if getattr(exc, "status", None) == 413 or getattr(exc, "code", None) == 413:
        drain_refused_body()
    if isinstance(exc, GuizeError):
        if exc.status >= 500:
            log.warning("%s %s -> %s: %s", request.method, request.path, exc.status, exc.message)
            return error_response(exc.status, redact_paths(exc.message), exc.headers)
        return error_response(exc.status, exc.message, exc.headers)
    if isinstance(exc, TimeoutError):  # the socket's read timeout, while reading the body
        return error_response(
            408, "the request body did not arrive in time", {"Connection": "close"}
        )
    if isinstance(exc, HTTPException):
        headers = {
            k: v
            for k, v in exc.get_headers()
            if k.lower() not in ("content-type", "content-length")
        }
        return error_response(exc.code or 500, exc.description or exc.name, headers)
    log.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500, "internal server error (logged)")


def register(app: Flask) -> None:
    """Install the one error handler."""
    app.register_error_handler(Exception, _handle)
