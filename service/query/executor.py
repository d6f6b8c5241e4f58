"""Running queries within a time limit, on a store that can be swapped under the service.

pyoxigraph has no query timeout, so with the embedded store every query runs in a pool of
confined worker processes (``query_workers``, :class:`guize.sandbox.ConfinedPool`: no network,
``worker_memory_mb`` of memory, a bounded admission queue), each holding a **read-only**
view of the store (``Store.read_only``: no write lock, so a builder can write a new store
meanwhile).  The request thread hands the job to the pool and waits for the answer; a job
that runs longer than ``query_timeout_s`` has its worker killed and replaced, and the client
gets 503 "query exceeded the time limit".  Other requests keep being served by the other
workers; when none becomes free within ``queue_wait_s``, or the queue is full, the client gets
503 with ``Retry-After`` (429 when it is the client who has too many requests in).

Swapping the store (the contract with ``guize build``)
    The service resolves ``store_path`` before every job and derives a *version key* from the
    resolved directory (``realpath`` + inode) and the modification time of an optional marker
    file ``<store_path>.version``.  A worker reopens its read-only view when the key changes,
    so a swap takes effect at the next query and queries already running finish on the old
    view.  The builder therefore publishes a rebuild by

    1. writing a complete store into a new sibling directory (``store-<stamp>/``), closing it;
    2. atomically repointing ``store_path``: a symlink replaced with ``rename(2)``
       (``ln -s store-<stamp> store.tmp && mv -T store.tmp store``);
    3. deleting the previous directory no sooner than ``query_timeout_s`` after the swap
       (the next build may delete it).

    Writing into the served directory in place is possible only for finished transactions
    followed by a touch of ``<store_path>.version``; views opened before the touch see the old
    data, and RocksDB may remove files an old view still reads, so prefer the swap.

A job that has run in a worker within ``inprocess_max_s`` is answered in the serving process
from then on, while the store version stays (:mod:`guize.query.proven`: never a text that
mentions ``SERVICE``, never a kept answer).

Results are serialised in the worker (:func:`execute`), so only bytes cross the pipe.  The
same function runs in-process for a store handed to ``create_app`` (unit tests: no time
limit) and for the remote store (whose HTTP timeout is the limit).
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from guize.errors import QuerySyntaxError, QueryTimedOut, StoreUnavailable
from guize.query.jobs import QueryJob, QueryResult, execute, in_worker, write_dump
from guize.query.proven import ProvenCheap
from guize.sandbox import Confinement, PerProcessPool
from guize.store import (
    EmbeddedStore,
    Rebase,
    RemoteTimeout,
    StoreError,
    StoreVersion,
    locate,
    open_store,
    recorded_base,
)


class _Addressed:
    """The map between the store's canonical base and the address the service runs at
    (:mod:`guize.store.rebase`), worked out once per store version.

    ``public_base`` None (the command line) maps nothing: answers carry the canonical IRIs.
    """

    public_base: str | None = None
    _rebase: tuple[str, tuple[str, str] | None] = ("", None)

    def rebase(self, version: StoreVersion | None = None) -> tuple[str, str] | None:
        """(canonical, public) for the store version (default: the current one), or None when
        they agree."""
        if self.public_base is None:
            return None
        key = (version or self.version()).key
        if self._rebase[0] != key:
            found = Rebase.between(self.recorded_base(), self.public_base)
            self._rebase = (key, (found.canonical, found.public) if found else None)
        return self._rebase[1]

    def canonical_base(self) -> str | None:
        """The base the store's data is minted under (None: an empty store)."""
        found = self.rebase()
        return found[0] if found else self.public_base

    def _addressed(self, job: QueryJob, version: StoreVersion | None = None) -> QueryJob:
        if job.rebase is not None or self.public_base is None:
            return job
        return replace(job, rebase=self.rebase(version))

    def version(self) -> StoreVersion:  # pragma: no cover - both executors define it
        raise NotImplementedError

    def recorded_base(self) -> str | None:  # pragma: no cover - both executors define it
        raise NotImplementedError


class PooledExecutor(_Addressed):
    """The embedded store, queried through a :class:`~guize.sandbox.ConfinedPool` with a
    time limit.

    Update mode (``update_token`` set): the service process opens the store read-write on the
    first write and, after opening and after every write, checkpoints it (``Store.backup``:
    hard links, cheap) into ``<store_path>.snapshots/<n>``; workers read the newest checkpoint,
    which nobody writes, so readers never open a directory a writer is changing.  The three
    newest checkpoints are kept.
    """

    KEEP_SNAPSHOTS = 3

    def __init__(
        self,
        store_path: str | Path,
        *,
        workers: int,
        timeout_s: float,
        dump_timeout_s: float,
        memory_bytes: int | None = None,
        queue_wait_s: float | None = None,
        max_queue: int | None = None,
        max_per_client: int | None = None,
        slow_after_s: float | None = None,
        inprocess_max_s: float = 0.0,
    ):
        self.store_path = Path(store_path)
        self._proven = ProvenCheap(inprocess_max_s) if inprocess_max_s > 0 else None
        self.timeout_s = timeout_s
        self.dump_timeout_s = dump_timeout_s
        self.queue_wait_s = timeout_s if queue_wait_s is None else queue_wait_s
        self._pool = PerProcessPool(
            workers,
            memory_bytes=memory_bytes,
            max_queue=max_queue,
            max_per_client=max_per_client,
            slow_after_s=slow_after_s,
        )
        self._lock = threading.Lock()
        self._writer: tuple[StoreVersion, EmbeddedStore] | None = None
        self._snapshot: tuple[str, StoreVersion] | None = None
        self._last: StoreVersion | None = None

    def version(self) -> StoreVersion:
        """The store version queries run on now (the last one seen while ``store_path`` is
        briefly missing during a swap).

        :raises StoreUnavailable: if there is no store at ``store_path``.
        """
        try:
            found = self._last = locate(self.store_path)
        except StoreUnavailable:
            if self._last is not None and os.path.isdir(self._last.path):
                return self._last
            raise
        snapshot = self._snapshot
        if snapshot is not None and snapshot[0] == found.key:
            return snapshot[1]
        return found

    def run(self, job: QueryJob) -> QueryResult:
        """Answer ``job``: in a confined worker, or here when it proved cheap on this version."""
        version = self.version()
        job = self._addressed(job, version)
        proven = self._proven
        if proven is None or not proven.eligible(job):
            return self._call("query", job, self.timeout_s, version)
        key = proven.key(version, job)
        proof = proven.proof(key)
        if proof is not None:
            return _guard(proven.run, version, job, proof)
        started = time.monotonic()
        result = self._call("query", job, self.timeout_s, version)
        proven.record(key, time.monotonic() - started, result)
        return result

    def ping(self) -> int:
        """Number of named graphs (the store opens and answers)."""
        return self._call("ping", None, self.timeout_s)

    def recorded_base(self) -> str | None:
        return self._call("base", None, self.timeout_s)

    def dump(self, fmt_name: str, path: str, compress: bool) -> None:
        self._call("dump", (fmt_name, path, compress, self.rebase()), self.dump_timeout_s)

    def confinement(self) -> Confinement:
        """What the query workers are confined by (network barrier, memory limit)."""
        return self._pool.get().confinement()

    def _call(
        self, kind: str, payload: Any, timeout_s: float, version: StoreVersion | None = None
    ) -> Any:
        version = version or self.version()
        return self._pool.call(
            in_worker, (kind, version, payload), timeout_s, wait_s=self.queue_wait_s
        )

    def writable(self) -> EmbeddedStore:
        """A read-write handle on the current store (update mode only; takes the write lock).

        :raises StoreUnavailable: if the store is missing or another process holds the lock.
        """
        found = locate(self.store_path)
        with self._lock:
            if self._writer is None or self._writer[0].key != found.key:
                self._writer = None
                try:
                    self._writer = (found, open_store(found.path))
                except StoreError as exc:
                    raise StoreUnavailable(f"cannot open the store for writing: {exc}") from exc
                self._checkpoint()
            return self._writer[1]

    def changed(self) -> None:
        """The writer wrote: checkpoint, so that the next queries see the new data."""
        with self._lock:
            if self._writer is not None:
                self._checkpoint()

    def _checkpoint(self) -> None:
        found, store = self._writer
        folder = Path(f"{self.store_path}.snapshots")
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / str(time.time_ns())
        store.raw.backup(str(target))
        self._snapshot = (found.key, StoreVersion(str(target), f"snapshot|{target}", time.time()))
        for old in sorted(folder.iterdir(), key=lambda p: p.name)[: -self.KEEP_SNAPSHOTS]:
            shutil.rmtree(old, ignore_errors=True)

    def close(self) -> None:
        self._pool.close()
        if self._proven is not None:
            self._proven.close()
        with self._lock:
            if self._writer is not None:
                self._writer[1].close()
                self._writer = None


class InlineExecutor(_Addressed):
    """A store object queried in the request thread: one handed to ``create_app`` (no time
    limit: for tests) or a :class:`guize.store.remote.RemoteStore` (its HTTP timeout is the
    limit)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._generation = 0
        self._started = time.time()
        self._modified = self._started

    def version(self) -> StoreVersion:
        return StoreVersion("", f"inline|{id(self.store)}|{self._generation}", self._modified)

    def run(self, job: QueryJob) -> QueryResult:
        return _guard(execute, self.store, self._addressed(job))

    def ping(self) -> int:
        return len(_guard(self.store.named_graphs))

    def recorded_base(self) -> str | None:
        return _guard(recorded_base, self.store)

    def dump(self, fmt_name: str, path: str, compress: bool) -> None:
        _guard(write_dump, self.store, fmt_name, path, compress, self.rebase())

    def writable(self) -> Any:
        return self.store

    def confinement(self) -> Confinement:
        """Queries run in the calling process: nothing confines them."""
        return Confinement(False, False, None)

    def changed(self) -> None:
        self._generation += 1
        self._modified = time.time()

    def close(self) -> None:
        pass


def _guard(fn: Any, *args: Any) -> Any:
    """``fn(*args)`` run in this process, its store's errors as the service's."""
    try:
        return fn(*args)
    except RemoteTimeout as exc:
        raise QueryTimedOut(exc.timeout_s) from exc
    except SyntaxError as exc:
        raise QuerySyntaxError(f"malformed query: {exc}") from exc
    except StoreError as exc:
        raise StoreUnavailable(f"store unavailable: {exc}") from exc
