"""Store versions: a build fills a new copy of the store beside the served one and swaps a
symlink to it atomically; the service finds the version it should read by resolving the link.

The contract with the service (see :mod:`guize.query.executor`): the service resolves
``store_path`` before every job and derives a *version key* from the resolved directory
(``realpath`` + inode) and the modification time of an optional marker file
``<store_path>.version``; a query worker reopens its read-only view when the key changes.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from guize.errors import StoreUnavailable
from guize.store.base import StoreError


def versioned_dir(path: str | Path, stamp: str) -> Path:
    """The sibling directory a new version of the store at ``path`` is built in."""
    path = Path(path)
    return path.parent / f"{path.name}-{stamp}"


def prepare_version(path: str | Path, stamp: str) -> Path:
    """Start a new store version beside ``path``: a checkpoint copy of the current one.

    The live store is never written: a build fills the copy, then :func:`publish_version`
    swaps it in, so readers see either the old or the new store, never half a build.

    :raises StoreError: if the current store cannot be copied.
    """
    path = Path(path)
    new = versioned_dir(path, stamp)
    if new.exists():
        raise StoreError(f"{new} already exists")
    if path.exists():
        try:
            current = ox.Store.read_only(str(path))
            current.backup(str(new))
            del current
        except OSError as exc:
            raise StoreError(f"cannot copy the current store {path}: {exc}") from exc
    return new


def publish_version(path: str | Path, new: Path, keep: int = 2) -> None:
    """Point the ``path`` symlink at ``new`` atomically and drop versions older than ``keep``.

    A store that is still a plain directory (built before versioning) is moved aside first.
    The previous version is kept so that queries still running on it can finish.
    """
    path = Path(path)
    if path.exists() and not path.is_symlink():
        path.rename(versioned_dir(path, "legacy-" + new.name.rsplit("-", 1)[-1]))
    tmp = path.parent / f".{path.name}.swap"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(new.name)
    tmp.replace(path)
    versions = sorted(
        (p for p in path.parent.glob(f"{path.name}-*") if p.is_dir() and p != new),
        key=lambda p: p.stat().st_mtime,
    )
    for old in versions[: max(0, len(versions) - (keep - 1))]:
        shutil.rmtree(old, ignore_errors=True)


@dataclass(frozen=True)
class StoreVersion:
    path: str
    key: str
    modified: float


def locate(store_path: str | Path) -> StoreVersion:
    """The store directory ``store_path`` points at now, and its version key.

    :raises StoreUnavailable: if there is no store there.
    """
    real = os.path.realpath(store_path)
    try:
        st = os.stat(real)
    except OSError as exc:
        raise StoreUnavailable(f"no store at {store_path}: {exc.strerror}") from exc
    marker = Path(f"{os.fspath(store_path).rstrip('/')}.version")
    try:
        marked = marker.stat().st_mtime_ns
    except OSError:
        marked = 0
    modified = max(st.st_mtime, marked / 1e9)
    return StoreVersion(real, f"{real}|{st.st_ino}|{marked}", modified)
