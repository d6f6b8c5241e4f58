"""The Flask app: ``create_app(settings, store)`` wires the services, the error handler, the
blueprints and the request hooks.

Blueprints are listed in :data:`BLUEPRINTS` (adding one is one line).  Every response gets
CORS headers (``Access-Control-Allow-Origin: *``; preflight ``OPTIONS`` is answered for every
route) and one structured log line (method, path, status, duration_ms, bytes).
"""

from __future__ import annotations

import atexit
import json
import logging
import time
from typing import Any

from flask import Flask, g, request

from guize.assets import Assets
from guize.config import ConfigError, Settings
from guize.errors import PayloadTooLarge
from guize.query.executor import InlineExecutor, PooledExecutor
from guize.sandbox import PerProcessPool, client_key
from guize.store import RemoteStore
from guize.vocab import load_vocabulary
from guize.web import error_handler, health
from guize.web.context import EXTENSION, Services
from guize.web.ld import dataset, resources
from guize.web.ld.static import load_static
from guize.web.pages import conformance_views, explore
from guize.web.pages import views as pages
from guize.web.sparql import query as sparql_query
from guize.web.sparql import update as sparql_update

access_log = logging.getLogger("guize.access")

EXPOSED_HEADERS = (
    "Link, Location, Content-Length, Last-Modified, X-Guize-Truncated, X-Guize-Result-Limit"
)

#: The longest query string answered (413 beyond): a request line's limit in common servers.
MAX_QUERY_STRING = 65536

#: Every blueprint of the service (the pages for people own ``/``).
BLUEPRINTS = (
    pages.bp,
    explore.bp,
    conformance_views.bp,
    sparql_query.bp,
    sparql_update.bp,
    resources.bp,
    dataset.bp,
    health.bp,
)


def create_app(settings: Settings | None = None, store: Any = None) -> Flask:
    """The Flask app for ``settings`` (read from ``GUIZE_*`` variables only when None).

    With ``store`` None the store comes from the settings: ``embedded`` opens
    ``store_path`` read-only in worker processes that enforce ``query_timeout_s``;
    ``remote`` talks to ``remote_query_url``.  A store object passed in (an
    :class:`~guize.store.EmbeddedStore`, e.g. in memory for tests, or a
    :class:`~guize.store.RemoteStore`) is queried in the request thread.

    :raises ConfigError: if the settings cannot work (e.g. a remote store without URL).
    """
    settings = settings or Settings.from_env()
    base = settings.base_iri if settings.base_iri.endswith("/") else settings.base_iri + "/"
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
        MAX_FORM_MEMORY_SIZE=settings.max_request_bytes,
    )
    executor = _executor(settings, store)
    executor.public_base = base  # IRIs under the store's own base are mapped to this address
    atexit.register(executor.close)
    uploads = PerProcessPool(
        settings.validate_workers,
        memory_bytes=settings.worker_memory_bytes,
        max_queue=2 * settings.validate_workers,
        max_per_client=2 * settings.validate_workers,
        slow_after_s=settings.slow_query_s,
        what="validation",
    )
    atexit.register(uploads.close)
    assets = Assets.from_settings(settings)
    app.extensions[EXTENSION] = Services(
        settings,
        base,
        assets,
        load_vocabulary(assets.ontology_dir),
        executor,
        load_static(assets, base),
        uploads=uploads,
    )
    error_handler.register(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    _install_hooks(app, settings)
    return app


def _executor(settings: Settings, store: Any) -> Any:
    if store is not None:
        return InlineExecutor(store)
    if settings.store_kind == "remote":
        if not settings.remote_query_url:
            raise ConfigError("GUIZE_STORE_KIND=remote needs GUIZE_REMOTE_QUERY_URL")
        return InlineExecutor(RemoteStore.from_settings(settings))
    return PooledExecutor(
        settings.store_path,
        workers=settings.query_workers,
        timeout_s=settings.query_timeout_s,
        dump_timeout_s=settings.dump_timeout_s,
        memory_bytes=settings.worker_memory_bytes,
        queue_wait_s=settings.queue_wait_s,
        max_queue=settings.max_queue or None,
        max_per_client=settings.max_per_client or None,
        slow_after_s=settings.slow_query_s or None,
        inprocess_max_s=settings.inprocess_max_ms / 1000,
    )


def _install_hooks(app: Flask, settings: Settings) -> None:
    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()
        client_key.set(request.remote_addr or "")
        limit = min(settings.max_request_bytes, MAX_QUERY_STRING)
        if len(request.query_string) > limit:
            raise PayloadTooLarge(f"the query string is longer than {limit} bytes; POST the query")

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
