"""Store versions: a build fills a new copy of the store beside the served one and swaps a
symlink to it atomically; the service finds the version it should read by resolving the link.

The contract with the service (see :mod:`guize.query.executor`): the service resolves
``store_path`` before every job and derives a *version key* from the resolved directory
(``realpath`` + inode) and the modification time of an optional marker file
``<store_path>.version``; a query worker reopens its read-only view when the key changes.

Builds take :class:`BuildLock` (``<store>.lock``, an ``flock``: released by the kernel when the
build dies) before they prepare a version, so one build at a time writes beside a store.
:func:`publish_version` records each publication, in order, in ``<store>.versions.json`` and
keeps, besides the version it publishes, every version superseded less than ``grace_s`` ago
(queries that started on it may still be reading it).  Any other ``<store>-*`` directory was
left by a build that died (a build holds the lock while its version is unpublished) and is
removed.  The directory ``<store>`` points at is never removed.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
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
        except (OSError, RuntimeError) as exc:  # RuntimeError: RocksDB found corruption
            shutil.rmtree(new, ignore_errors=True)
            raise StoreError(f"cannot copy the current store {path}: {exc}") from exc
    return new


class StoreBusy(StoreError):
    """Another build holds the store's build lock."""


class BuildLock:
    """The build lock of the store at ``path`` (``<store>.lock``), held while in the block.

    :raises StoreBusy: another build holds it (the lock is not waited for).
    """

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        self.file = path.parent / f"{path.name}.lock"
        self._fd: int | None = None

    def __enter__(self) -> BuildLock:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.file, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise StoreBusy(
                f"another build is writing {self.file.name[: -len('.lock')]} (it holds "
                f"{self.file.name}); wait for it to finish"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _ledger(path: Path) -> Path:
    return path.parent / f"{path.name}.versions.json"


def _published(path: Path) -> list[dict]:
    try:
        entries = json.loads(_ledger(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [e for e in entries if isinstance(e, dict) and "name" in e and "published" in e]


def _record(path: Path, entries: list[dict]) -> None:
    tmp = _ledger(path).with_suffix(".tmp")
    tmp.write_text(json.dumps(entries, indent=1), encoding="utf-8")
    tmp.replace(_ledger(path))


def publish_version(path: str | Path, new: Path, grace_s: float = 60.0) -> None:
    """Point the ``path`` symlink at ``new`` atomically, record the publication, and remove
    versions superseded more than ``grace_s`` ago and any that were never published.

    Call it holding the :class:`BuildLock`.  A store that is still a plain directory (built
    before versioning) is moved aside first and counts as superseded now.
    """
    path = Path(path)
    now = time.time()
    entries = _published(path)
    if path.exists() and not path.is_symlink():
        legacy = versioned_dir(path, "legacy-" + new.name.rsplit("-", 1)[-1])
        path.rename(legacy)
        entries.append({"name": legacy.name, "published": now})
    tmp = path.parent / f".{path.name}.swap"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(new.name)
    tmp.replace(path)
    entries.append({"name": new.name, "published": now})
    superseded = {e["name"]: n["published"] for e, n in zip(entries, entries[1:], strict=False)}
    served = os.path.realpath(path)
    kept = []
    for entry in entries:
        name = entry["name"]
        gone = not (path.parent / name).is_dir()
        old = name in superseded and now - superseded[name] >= grace_s
        if gone or (old and os.path.realpath(path.parent / name) != served):
            shutil.rmtree(path.parent / name, ignore_errors=True)
        else:
            kept.append(entry)
    _record(path, kept)
    known = {e["name"] for e in kept}
    for other in path.parent.glob(f"{path.name}-*"):
        if other.is_dir() and other.name not in known and os.path.realpath(other) != served:
            shutil.rmtree(other, ignore_errors=True)  # a build that died left it


def discard_version(new: Path) -> None:
    """Remove a version that will not be published (its build failed)."""
    shutil.rmtree(new, ignore_errors=True)


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
