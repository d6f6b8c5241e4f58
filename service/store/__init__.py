"""The graph store (存储): one small interface, two adapters, and store versions.

- :mod:`~guize.store.base`: :class:`GraphStore` (what guize needs of a store), :class:`StoreError`;
- :mod:`~guize.store.embedded`: pyoxigraph on disk, atomic replacement of a named graph;
- :mod:`~guize.store.remote`: any SPARQL 1.1 Protocol + Graph Store Protocol server;
- :mod:`~guize.store.versions`: a build writes a new version beside the served one and swaps a
  symlink; readers find the version to read by resolving it;
- :mod:`~guize.store.rebase`: the data's canonical base recorded in the store, and the map
  between it and the address a service runs at.
"""

from guize.store.base import STAGING_PREFIX, GraphStore, StoreError, StoreWriteFailed, to_term
from guize.store.embedded import EmbeddedStore, compact, open_store
from guize.store.rebase import BaseMismatch, Rebase, claim_base, recorded_base
from guize.store.remote import RemoteStore, RemoteTimeout
from guize.store.versions import (
    BuildLock,
    StoreBusy,
    StoreVersion,
    discard_version,
    locate,
    prepare_version,
    publish_version,
    versioned_dir,
)

__all__ = [
    "STAGING_PREFIX",
    "BaseMismatch",
    "Rebase",
    "claim_base",
    "recorded_base",
    "BuildLock",
    "StoreBusy",
    "compact",
    "discard_version",
    "EmbeddedStore",
    "GraphStore",
    "RemoteStore",
    "RemoteTimeout",
    "StoreError",
    "StoreWriteFailed",
    "StoreVersion",
    "locate",
    "open_store",
    "prepare_version",
    "publish_version",
    "to_term",
    "versioned_dir",
]
