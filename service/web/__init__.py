"""The guize web service: a SPARQL 1.1 endpoint, linked data, a dataset description, dumps.

``create_app(settings, store)`` builds the Flask app.  Blueprints are listed in
:func:`register_blueprints` (adding one is one line).  Every response gets CORS headers
(``Access-Control-Allow-Origin: *``; preflight ``OPTIONS`` is answered for every route) and one
structured log line (method, path, status, duration_ms, bytes).
"""

from __future__ import annotations

import atexit
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Flask, current_app, g, jsonify, request

from service.config import ConfigError, Settings
from service.store import EmbeddedStore
from service.web import errors
from service.web.executor import InlineExecutor, PooledExecutor

access_log = logging.getLogger("guize.access")

EXPOSED_HEADERS = (
    "Link, Location, Content-Length, Last-Modified, X-Guize-Truncated, X-Guize-Result-Limit"
)


@dataclass
class Services:
    """What the views share: settings, the query executor, the static (ontology) store."""

    settings: Settings
    base: str
    executor: Any
    static: EmbeddedStore
    cache: dict = field(default_factory=dict)
    """Values computed once per store version: name -> (version key, value)."""

    @property
    def updates_enabled(self) -> bool:
        return bool(self.settings.update_token)


def services() -> Services:
    """The current app's :class:`Services`."""
    return current_app.extensions["guize"]


def mark_truncated(response: Any) -> None:
    """Signal an answer cut at ``max_result_rows`` (headers only: the body stays standard)."""
    response.headers["X-Guize-Truncated"] = "true"
    response.headers["X-Guize-Result-Limit"] = str(services().settings.max_result_rows)


def create_app(settings: Settings | None = None, store: Any = None) -> Flask:
    """The Flask app for ``settings`` (read from ``GUIZE_*`` variables only when None).

    With ``store`` None the store comes from the settings: ``embedded`` opens
    ``store_path`` read-only in worker processes that enforce ``query_timeout_s``;
    ``remote`` talks to ``remote_query_url``.  A store object passed in (an
    :class:`~service.store.EmbeddedStore`, e.g. in memory for tests, or a
    :class:`~service.remote_store.RemoteStore`) is queried in the request thread.

    :raises ConfigError: if the settings cannot work (e.g. a remote store without URL).
    """
    from service.web.resources import load_static

    settings = settings or Settings.from_env()
    base = settings.base_iri if settings.base_iri.endswith("/") else settings.base_iri + "/"
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
        MAX_FORM_MEMORY_SIZE=settings.max_request_bytes,
    )
    executor = _executor(settings, store)
    atexit.register(executor.close)
    app.extensions["guize"] = Services(settings, base, executor, load_static(settings, base))
    errors.register(app)
    register_blueprints(app)
    _install_hooks(app, settings)
    return app


def register_blueprints(app: Flask) -> None:
    """Every blueprint of the service (the pages for people own ``/``)."""
    from service.web import dataset, pages, resources, sparql

    for blueprint in (pages.bp, sparql.bp, resources.bp, dataset.bp, health):
        app.register_blueprint(blueprint)


def _executor(settings: Settings, store: Any) -> Any:
    if store is not None:
        return InlineExecutor(store)
    if settings.store_kind == "remote":
        from service.remote_store import RemoteStore

        if not settings.remote_query_url:
            raise ConfigError("GUIZE_STORE_KIND=remote needs GUIZE_REMOTE_QUERY_URL")
        return InlineExecutor(
            RemoteStore(
                settings.remote_query_url,
                settings.remote_update_url,
                settings.remote_gsp_url,
                timeout_s=settings.query_timeout_s,
            )
        )
    return PooledExecutor(
        settings.store_path,
        workers=settings.query_workers,
        timeout_s=settings.query_timeout_s,
        dump_timeout_s=settings.dump_timeout_s,
    )


def _install_hooks(app: Flask, settings: Settings) -> None:
    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()
        if len(request.query_string) > settings.max_request_bytes:
            raise errors.PayloadTooLarge(
                f"the query string is longer than {settings.max_request_bytes} bytes; POST the query"
            )

    @app.after_request
    def _finish(response: Any) -> Any:
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = (
                "GET, HEAD, POST, PUT, DELETE, OPTIONS"
            )
            response.headers["Access-Control-Allow-Headers"] = request.headers.get(
                "Access-Control-Request-Headers", "Accept, Content-Type, Authorization"
            )
            response.headers["Access-Control-Max-Age"] = "86400"
        _log(settings, response)
        return response


def _log(settings: Settings, response: Any) -> None:
    started = g.get("started")
    duration = round((time.perf_counter() - started) * 1000, 1) if started else None
    size = response.calculate_content_length()
    if settings.log_format == "json":
        line = json.dumps(
            {
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration,
                "bytes": size,
            },
            ensure_ascii=False,
        )
    else:
        line = f"{request.method} {request.path} {response.status_code} {duration}ms {size}B"
    access_log.info(line)


health = Blueprint("health", __name__)


@health.get("/health")
def alive() -> Any:
    """Liveness: the process answers."""
    return jsonify(ok=True, status="alive")


@health.get("/health/ready")
def ready() -> Any:
    """Readiness: the store opens and holds at least one graph."""
    graphs = services().executor.ping()
    if graphs == 0:
        raise errors.ServiceUnavailable("the store holds no graphs yet")
    return jsonify(ok=True, status="ready", graphs=graphs)
