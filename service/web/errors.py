"""Errors for bad requests: exceptions that carry a status, and the one handler that renders them.

Every error the service answers has the same body: JSON
``{"ok": false, "error": "<message>", "status": <code>}`` for machines, or a small HTML page
when the client prefers ``text/html`` (a browser).  Views raise an :class:`HTTPError`
subclass, the query executor an :class:`~service.web.executor.ExecutionError`; werkzeug's own
HTTP exceptions (404 unknown route, 405, 413 from ``MAX_CONTENT_LENGTH``) pass through the same
handler with their status and headers (``Allow`` for 405).  Anything else is a bug: it is logged with its traceback and answered 500 with no
details -- never turned into a 400.

=====  ==============================================================================
400    malformed request or query (the body quotes the SPARQL parser's message)
403    refused by policy: SPARQL Update / Graph Store Protocol without a valid token (or
       disabled), an update sent to the query operation, ``SERVICE``, ``LOAD``
404    no route, or an IRI the graph does not know
405    method not allowed (``Allow`` lists the allowed ones)
406    no acceptable representation for ``Accept``/``format=``
413    request body or query string larger than ``max_request_bytes``
415    POST with a content type the operation does not take, or a charset other than UTF-8
500    a bug (logged), or a query worker that died
503    the query ran past ``query_timeout_s`` and was cancelled; all query workers busy;
       the store cannot be opened
=====  ==============================================================================
"""

from __future__ import annotations

import json
import logging
from html import escape
from http import HTTPStatus

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from service.web.executor import ExecutionError

log = logging.getLogger("guize.web")


class HTTPError(Exception):
    """An error answered with ``status`` and ``message`` (plus optional extra headers)."""

    status = 500

    def __init__(self, message: str, *, status: int | None = None, headers: dict | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.headers = headers or {}


class BadRequest(HTTPError):
    status = 400


class Forbidden(HTTPError):
    status = 403


class NotFound(HTTPError):
    status = 404


class NotAcceptable(HTTPError):
    status = 406


class PayloadTooLarge(HTTPError):
    status = 413


class UnsupportedMediaType(HTTPError):
    status = 415


class ServiceUnavailable(HTTPError):
    status = 503


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{status} {title}</title></head>
<body><h1>{status} {title}</h1><p>{message}</p></body></html>
"""


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
        body = _PAGE.format(status=status, title=escape(title), message=escape(message))
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


def _handle(exc: Exception) -> Response:
    if isinstance(exc, HTTPError):
        if exc.status >= 500:
            log.warning("%s %s -> %s: %s", request.method, request.path, exc.status, exc.message)
        return error_response(exc.status, exc.message, exc.headers)
    if isinstance(exc, ExecutionError):
        if exc.status >= 500:
            log.warning("%s %s -> %s: %s", request.method, request.path, exc.status, exc)
        return error_response(exc.status, str(exc))
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
