"""Serving the web app: werkzeug's threaded server for one process, gunicorn for several.

``serve(settings, host, port, workers)``:

* ``workers == 1``: one process, werkzeug's threaded WSGI server (a thread per request; the
  query time limit is kept by the query worker processes, so a runaway query never blocks
  other clients).  Fine for a single machine and for tests.
* ``workers > 1``: gunicorn with ``gthread`` workers (``http_threads`` threads each); every
  worker has its own pool of ``query_workers`` query processes.  With the embedded store and
  updates enabled, run one worker: only one process can hold the write lock.

Both log one line per request to stderr (JSON or text, ``log_format``) and stop on SIGTERM or
SIGINT, killing their query workers.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
from typing import Any

from gunicorn.app.base import BaseApplication
from werkzeug.serving import WSGIRequestHandler, run_simple

from guize.config import Settings
from guize.web.app import create_app

log = logging.getLogger("guize.serve")


class _JsonLines(logging.Formatter):
    """Access lines are already JSON; other records become ``{"level", "logger", "message"}``."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name == "guize.access":
            return record.getMessage()
        entry = {
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(settings: Settings) -> None:
    """Log INFO and up from guize to stderr, one line per record."""
    handler = logging.StreamHandler(sys.stderr)
    if settings.log_format == "json":
        handler.setFormatter(_JsonLines())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger("guize")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False
    logging.getLogger("werkzeug").setLevel(logging.WARNING)


def serving_address(host: str, port: int, environ: dict | None = None) -> str | None:
    """``http://HOST:PORT/`` when GUIZE_BASE_IRI (in ``environ``, default the process's) does
    not say where the service is reached (a wildcard host is reached as ``localhost``).

    >>> serving_address("0.0.0.0", 8080, {}), serving_address("::1", 80, {})
    ('http://localhost:8080/', 'http://[::1]:80/')
    >>> serving_address("127.0.0.1", 5001, {"GUIZE_BASE_IRI": "https://x/"}) is None
    True
    """
    if (os.environ if environ is None else environ).get("GUIZE_BASE_IRI"):
        return None
    if host in ("0.0.0.0", "::", ""):
        host = "localhost"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 5000, workers: int = 1) -> None:
    """Serve the app until SIGTERM/SIGINT.

    :raises guize.config.ConfigError: if the settings cannot work.
    :raises OSError: if the address cannot be bound.
    """
    configure_logging(settings)
    if workers <= 1:
        _serve_threaded(settings, host, port)
    else:
        GuizeGunicorn(settings, _gunicorn_options(settings, host, port, workers)).run()


def _serve_threaded(settings: Settings, host: str, port: int) -> None:
    class QuietHandler(WSGIRequestHandler):
        # A client that stops sending (a body shorter than its Content-Length) releases its
        # thread after this many seconds.
        timeout = settings.request_read_timeout_s

        def log_request(self, *args: Any, **kwargs: Any) -> None:  # the app logs every request
            pass

        def send_error(self, code: int, message: str | None = None, explain: Any = None) -> None:
            """The server's own refusals (a request line or headers over its limits) in the
            service's JSON error body, with the status the README promises (413)."""
            if code in (414, 431):
                code, message = 413, message or "request line or headers too long"
            body = json.dumps({"ok": False, "error": message or "", "status": code}).encode()
            self.send_response(code, message)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD" and code >= 200 and code not in (204, 304):
                self.wfile.write(body)

    app = create_app(settings)
    signal.signal(signal.SIGTERM, _exit)
    log.info(
        "serving on http://%s:%s/ (base %s, store %s: %s)",
        host,
        port,
        settings.base_iri,
        settings.store_kind,
        settings.store_path,
    )
    run_simple(host, port, app, threaded=True, request_handler=QuietHandler)


def _exit(signum: int, frame: Any) -> None:
    raise SystemExit(0)


def _gunicorn_options(settings: Settings, host: str, port: int, workers: int) -> dict[str, Any]:
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": settings.http_threads,
        "timeout": int(max(settings.query_timeout_s, settings.dump_timeout_s) + 30),
        "graceful_timeout": 10,
        "limit_request_line": 0,  # the app answers 413 beyond max_request_bytes
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
    }


class GuizeGunicorn(BaseApplication):
    """gunicorn started from Python: each worker builds its own app (and query pool)."""

    def __init__(self, settings: Settings, options: dict[str, Any]):
        self.settings = settings
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        configure_logging(self.settings)
        return create_app(self.settings)
