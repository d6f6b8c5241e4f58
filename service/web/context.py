"""What the views share, and how a view reaches it: the app's :class:`Services`.

``create_app`` (:mod:`guize.web.app`) puts one :class:`Services` on the app; every blueprint
reads it through :func:`services` at request time.  Nothing here imports a blueprint, so
blueprints import this module at their top.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from guize.assets import Assets
from guize.config import Settings
from guize.store import EmbeddedStore
from guize.vocab import Vocabulary

EXTENSION = "guize"


@dataclass
class Services:
    """Settings, where the hand-kept inputs are, the domain tables, the query executor and the
    static (ontology, vocabularies, shapes) store -- each resolved once, when the app is made."""

    settings: Settings
    base: str
    assets: Assets
    vocabulary: Vocabulary
    executor: Any
    static: EmbeddedStore
    uploads: Any = None
    """Confined worker processes that read and validate uploads
    (:class:`guize.sandbox.PerProcessPool`)."""
    cache: dict = field(default_factory=dict)
    """Values computed once per store version: name -> (version key, value)."""

    @property
    def updates_enabled(self) -> bool:
        return bool(self.settings.update_token)

    def cached_only(self, name: str) -> Any:
        """What :meth:`cached` holds for ``name`` for the current store version, else None."""
        hit = self.cache.get(name)
        return hit[1] if hit is not None and hit[0] == self.executor.version().key else None

    def cached(self, name: str, compute: Any) -> Any:
        """``compute()``, computed once per store version."""
        version = self.executor.version().key
        hit = self.cache.get(name)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = compute()
        self.cache[name] = (version, value)
        return value


def services() -> Services:
    """The current app's :class:`Services`."""
    return current_app.extensions[EXTENSION]


def mark_truncated(response: Any) -> None:
    """Signal an answer cut at ``max_result_rows`` (headers only: the body stays standard)."""
    response.headers["X-Guize-Truncated"] = "true"
    response.headers["X-Guize-Result-Limit"] = str(services().settings.max_result_rows)
