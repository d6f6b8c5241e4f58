"""The gunicorn worker ``guize serve`` runs: gunicorn's threaded worker (``gthread``) with the
guarantees the service promises of its HTTP server.

* **Read timeout**: a client socket gets ``request_read_timeout_s`` as its timeout whenever
  the worker makes it blocking, so a body shorter than its ``Content-Length`` (or headers
  that never end) releases its thread: the app answers 408 when it was reading the body, the
  connection is closed when the worker was reading the headers.  gunicorn itself reads
  without a timeout once a request has begun.
* **The server's own refusals in the service's JSON**: a request line or headers over
  gunicorn's limits are answered ``413`` (gunicorn says 414/431 in HTML), any other request
  that cannot be parsed ``400``, both as ``{"ok": false, "error": ..., "status": ...}``.
* **Stopping**: when the worker stops (SIGTERM to the server: stop accepting, finish what is
  in flight within ``graceful_timeout``), the app's query and validation workers are killed
  before the threads are joined, so a runaway query does not hold the stop up.
"""

from __future__ import annotations

import json
import logging
import socket
from http import HTTPStatus
from typing import Any

from gunicorn import util
from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine, ParseException
from gunicorn.workers.gthread import ThreadWorker

from guize.web.context import EXTENSION

log = logging.getLogger("guize.serve")


class _TimedSocket(socket.socket):
    """A client socket whose blocking mode has a timeout (set per worker process)."""

    __slots__ = ()
    read_timeout_s: float | None = None

    def setblocking(self, flag: bool) -> None:
        if flag:
            self.settimeout(self.read_timeout_s)
        else:
            super().setblocking(False)


class _QuietTimeouts(logging.Filter):
    """gunicorn logs a socket error with its traceback; a client that stopped sending its
    headers is not an error of the service."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, TimeoutError)


def refusal(status: int, message: str) -> bytes:
    """A complete HTTP response with the service's JSON error body.

    >>> refusal(413, "too long").split(b"\\r\\n")[0]
    b'HTTP/1.1 413 Request Entity Too Large'
    """
    body = json.dumps({"ok": False, "error": message, "status": status}).encode()
    head = (
        f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Access-Control-Allow-Origin: *\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode("latin-1") + body


class GuizeWorker(ThreadWorker):
    """gunicorn's ``gthread`` worker with a read timeout, JSON refusals and a quick stop."""

    def init_process(self) -> None:
        _TimedSocket.read_timeout_s = self.app.settings.request_read_timeout_s
        logging.getLogger("gunicorn.error").addFilter(_QuietTimeouts())
        super().init_process()

    def enqueue_req(self, conn: Any) -> None:
        if type(conn.sock) is socket.socket:  # not TLS-wrapped: same layout, so retypable
            conn.sock.__class__ = _TimedSocket
        super().enqueue_req(conn)

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        if isinstance(exc, (LimitRequestLine, LimitRequestHeaders)):
            status, message = 413, f"request line or headers too long: {exc}"
        elif isinstance(exc, ParseException):
            status, message = 400, f"malformed request: {exc}"
        else:
            super().handle_error(req, client, addr, exc)
            return
        try:
            util.write_nonblock(client, refusal(status, message))
        except OSError:
            pass  # the client is gone

    def run(self) -> None:
        try:
            super().run()
        finally:
            services = getattr(self.wsgi, "extensions", {}).get(EXTENSION)
            if services is not None:
                services.executor.close()
                if services.uploads is not None:
                    services.uploads.close()
