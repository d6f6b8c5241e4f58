"""Query worker processes: each holds a read-only view of the store and runs one job at a time.

The processes are a :class:`pebble.ProcessPool` of ``size`` workers.  The service process
hands it ``(kind, version, payload)`` with the time limit of the job; pebble starts the clock
when a worker takes the job, kills the worker when the limit passes (pyoxigraph cannot be
interrupted) and starts a new one, and reports a worker that died (a segfault, say).  When
pebble gives up on the whole pool (it does when an idle worker dies), the next job starts a
new one.

pebble queues jobs without bound, so admission is bounded here: a caller first takes one of
``size`` slots, waiting at most ``wait_s`` (else 503 "workers busy"), and the slot comes back
when the job's future completes.  Waiting for a slot is therefore not running time.

Workers start from a ``forkserver`` (``spawn`` outside Linux), reopen their view when the store
version key changes, ignore SIGINT (the service decides when they stop), die at once on
SIGTERM (the default action: a Python handler would wait for the query to end), and exit on
their own when the service process is gone -- even in the middle of a query, which
pyoxigraph runs with the GIL released.  Answers come back as tagged tuples rather than raised
exceptions, so that an error of the job is never taken for one of the pool's own.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
import traceback
from concurrent.futures import CancelledError, Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from pebble import ProcessExpired, ProcessPool

from guize.errors import (
    FormNotAcceptable,
    GuizeError,
    QuerySyntaxError,
    QueryTimedOut,
    StoreUnavailable,
    WorkerFailed,
    WorkersBusy,
)
from guize.query.jobs import execute, write_dump
from guize.store import EmbeddedStore, StoreError, StoreVersion, open_store

log = logging.getLogger("guize.executor")

_views: dict[str, EmbeddedStore] = {}
"""In a worker process: the read-only view it holds, by store version key (one entry)."""


def _start_worker(app_pid: int) -> None:  # pragma: no cover - runs in a subprocess
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_exit_with, args=(app_pid,), daemon=True).start()


def _exit_with(app_pid: int) -> None:  # pragma: no cover - runs in a subprocess
    while True:
        time.sleep(1.0)
        try:
            os.kill(app_pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass


def _job(kind: str, version: StoreVersion, payload: Any) -> tuple[str, Any]:
    """Run one job in a worker and say how it went."""
    try:
        return ("ok", _work(_view(version), kind, payload))
    except SyntaxError as exc:
        return ("syntax", str(exc))
    except GuizeError as exc:
        return ("error", (exc.status, str(exc)))
    except (StoreError, OSError) as exc:
        return ("store", str(exc))
    except Exception:  # noqa: BLE001 - reported to the parent, which logs it as a 500
        return ("internal", traceback.format_exc())


def _view(version: StoreVersion) -> EmbeddedStore:
    store = _views.get(version.key)
    if store is None:
        _views.clear()
        store = _views[version.key] = open_store(version.path, read_only=True)
    return store


def _work(store: EmbeddedStore, kind: str, payload: Any) -> Any:
    if kind == "query":
        return execute(store, payload)
    if kind == "dump":
        return write_dump(store, *payload)
    return len(store.named_graphs())


def _unwrap(reply: tuple[str, Any]) -> Any:
    status, value = reply
    if status == "ok":
        return value
    if status == "syntax":
        raise QuerySyntaxError(f"malformed query: {value}")
    if status == "error":
        code, message = value
        kind = {400: QuerySyntaxError, 406: FormNotAcceptable}.get(code)
        raise kind(message) if kind else GuizeError(message, status=code)
    if status == "store":
        raise StoreUnavailable(f"store unavailable: {value}")
    log.error("query worker failed:\n%s", value)
    raise WorkerFailed("internal error in a query worker (logged)")


class WorkerPool:
    """``size`` worker processes; a job that overruns its time kills its worker."""

    GRACE_S = 30.0
    """How long after its time limit a caller still waits for pebble to settle a job."""

    def __init__(self, size: int) -> None:
        method = "forkserver" if sys.platform.startswith("linux") else "spawn"
        self._ctx = mp.get_context(method)
        if method == "forkserver":
            self._ctx.set_forkserver_preload([__name__])
        self._size = size
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._running: set[Future] = set()
        self._closed = False
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPool:
        return ProcessPool(
            max_workers=self._size,
            initializer=_start_worker,
            initargs=(os.getpid(),),
            context=self._ctx,
        )

    def call(self, message: tuple, timeout_s: float, wait_s: float) -> Any:
        """Run ``message`` on a free worker and return its answer.

        :raises WorkersBusy: no worker became free within ``wait_s``.
        :raises QueryTimedOut: the job ran longer than ``timeout_s`` (its worker is replaced).
        :raises WorkerFailed: the worker died.
        :raises GuizeError: the job failed (syntax, store, format).
        """
        if not self._slots.acquire(timeout=wait_s):
            raise WorkersBusy(f"all query workers stayed busy for {wait_s:g} s; try again later")
        try:
            future = self._schedule(message, timeout_s)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(self._finished)
        try:
            reply = future.result(timeout=timeout_s + self.GRACE_S)
        except TimeoutError:
            if future.done():
                raise QueryTimedOut(timeout_s) from None
            future.cancel()
            log.error("no answer from the query pool %g s past the time limit", self.GRACE_S)
            raise WorkerFailed("no answer from the query workers (logged)") from None
        except ProcessExpired as exc:
            raise WorkerFailed(f"a query worker died (exit code {exc.exitcode})") from exc
        except (CancelledError, BrokenProcessPool) as exc:
            if self._closed:
                raise WorkerFailed("the query workers were stopped") from None
            log.warning("the query pool broke: %r", exc)  # the next call starts a new one
            raise WorkerFailed("a query worker died (the pool broke)") from exc
        except Exception as exc:  # noqa: BLE001 - the pool itself failed (pickling)
            log.error("query pool failed", exc_info=exc)
            raise WorkerFailed("internal error in the query pool (logged)") from exc
        return _unwrap(reply)

    def _schedule(self, message: tuple, timeout_s: float) -> Future:
        with self._lock:
            pool = self._pool
        try:
            future = pool.schedule(_job, args=message, timeout=timeout_s)
        except RuntimeError:  # pebble gave up on its pool (an idle worker died)
            future = self._renew(pool).schedule(_job, args=message, timeout=timeout_s)
        with self._lock:
            if not self._closed:
                self._running.add(future)
                return future
        future.cancel()
        raise WorkerFailed("the query workers were stopped")

    def _renew(self, broken: ProcessPool) -> ProcessPool:
        with self._lock:
            if self._closed:
                raise WorkerFailed("the query workers were stopped")
            if self._pool is not broken:  # another caller renewed it
                return self._pool
            log.warning("the query pool broke; starting new workers")
            self._pool = pool = self._new_pool()
        _stop(broken)
        return pool

    def _finished(self, future: Future) -> None:
        with self._lock:
            self._running.discard(future)
        self._slots.release()

    def close(self) -> None:
        """Kill every worker (idle or busy); jobs still running fail with WorkerFailed."""
        with self._lock:
            self._closed = True
            pool, running = self._pool, list(self._running)
        _stop(pool)
        for future in running:
            future.cancel()


def _stop(pool: ProcessPool) -> None:
    pool.stop()
    pool.join()
