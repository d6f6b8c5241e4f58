"""Serving the web app: gunicorn with guize's threaded worker (:mod:`guize.web.gworker`).

``serve(settings, host, port, workers)`` runs a gunicorn arbiter with ``workers`` worker
processes (default :func:`default_workers`), each answering on ``http_threads`` threads and
holding its own app and pool of ``query_workers`` confined query processes.  The worker keeps
the promises of the service's HTTP server: a read timeout on request bodies
(``request_read_timeout_s``), over-long request lines and headers answered 413 in the
service's JSON, and a stop (SIGTERM or SIGINT to the server) that kills the query workers.

With the embedded store and updates enabled, only one process can hold the store's write
lock, so the server runs one worker then (and refuses more).  Every request is logged once to
stderr by the app (JSON or text, ``log_format``); gunicorn logs its own warnings there too.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from typing import Any

from gunicorn.app.base import BaseApplication

from guize.config import ConfigError, Settings
from guize.web.app import create_app
from guize.web.context import EXTENSION

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


def default_workers(settings: Settings, cpus: int | None = None) -> int:
    """Worker processes when ``--workers`` is not given: one when the service writes to an
    embedded store (one process holds its write lock), else one per CPU, at most two (the
    query processes of each worker do the heavy work; a second worker spreads the Python
    work of the requests over a second core).

    >>> default_workers(Settings(), cpus=8), default_workers(Settings(update_token="t"), cpus=8)
    (2, 1)
    """
    if settings.update_token and settings.store_kind == "embedded":
        return 1
    return max(1, min(2, cpus if cpus is not None else os.cpu_count() or 1))


def serve(
    settings: Settings, host: str = "127.0.0.1", port: int = 5000, workers: int | None = None
) -> None:
    """Serve the app until SIGTERM/SIGINT.

    :raises guize.config.ConfigError: if the settings cannot work (several workers writing to
        one embedded store).
    """
    configure_logging(settings)
    workers = workers or default_workers(settings)
    if workers > 1 and settings.update_token and settings.store_kind == "embedded":
        raise ConfigError(
            "updates to the embedded store need one worker (--workers 1): only one process "
            "can hold the store's write lock"
        )
    log.info(
        "serving on http://%s:%s/ with %d worker(s) (base %s, store %s: %s)",
        host,
        port,
        workers,
        settings.base_iri,
        settings.store_kind,
        settings.store_path,
    )
    GuizeGunicorn(settings, gunicorn_options(settings, host, port, workers)).run()


def gunicorn_options(settings: Settings, host: str, port: int, workers: int) -> dict[str, Any]:
    """gunicorn's settings for ``serve``."""
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "guize.web.gworker.GuizeWorker",
        "threads": settings.http_threads,
        # the arbiter's heartbeat check; the worker's main loop beats whatever a request does
        "timeout": int(max(settings.query_timeout_s, settings.dump_timeout_s) + 30),
        "graceful_timeout": 5,
        "keepalive": 5,
        "limit_request_line": 0,  # the app answers 413 beyond max_request_bytes
        "accesslog": None,  # the app logs every request
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
        """The worker's app, its query workers started (the first request does not wait for
        them)."""
        configure_logging(self.settings)
        app = create_app(self.settings)
        app.extensions[EXTENSION].executor.confinement()
        return app
