"""Health checks for operators and load balancers: ``/health`` (alive) and ``/health/ready``."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from guize.errors import Unavailable
from guize.web.context import services

bp = Blueprint("health", __name__)


@bp.get("/health")
def alive() -> Any:
    """Liveness: the process answers."""
    return jsonify(ok=True, status="alive")


@bp.get("/health/ready")
def ready() -> Any:
    """Readiness: the store opens and holds at least one graph."""
    graphs = services().executor.ping()
    if graphs == 0:
        raise Unavailable("the store holds no graphs yet")
    return jsonify(ok=True, status="ready", graphs=graphs)
