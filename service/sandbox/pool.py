"""Confined worker processes: each runs one job at a time, without network, within a memory
limit; a job that overruns its time limit is killed with its worker.

The processes are a :class:`pebble.ProcessPool` of ``size`` workers, each confined at start
(:func:`guize.sandbox.confine.confine`).  The caller hands it a top-level function and its
arguments with the time limit of the job; pebble starts the clock when a worker takes the job,
kills the worker when the limit passes (pyoxigraph and pyshacl cannot be interrupted) and
starts a new one, and reports a worker that died.  A worker that died of ``SIGABRT``/``SIGKILL``
ran out of memory (Rust aborts when an allocation fails; the kernel's OOM killer sends
``SIGKILL``) and the caller gets 503 "over the memory limit"; any other death is a bug (500).
A job that runs longer than ``slow_after_s`` is moved to a lower CPU priority, so that cheap
jobs on the other workers keep their latency while it runs.

Admission (:class:`Admission`): pebble queues without bound, so callers first take one of
``size`` slots.  At most ``max_queue`` callers wait for a slot (beyond that: 503 at once) and
one client (:data:`client_key`, set per request) may have at most ``max_per_client`` jobs
running or waiting (beyond that: 429; default 8 per worker, so that one address behind which
many users sit is not starved); a caller that waits ``wait_s`` without a slot gets 503.
All three carry ``Retry-After``.  Waiting for a slot is not running time.

Workers start from a ``forkserver`` (``spawn`` outside Linux), ignore SIGINT (the service
decides when they stop), die at once on SIGTERM, and exit on their own when the service process
is gone -- even in the middle of a job.  Answers come back as tagged tuples rather than raised
exceptions, so that an error of the job is never taken for one of the pool's own.
"""

from __future__ import annotations

import contextvars
import logging
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from pebble import ProcessExpired, ProcessPool

from guize.errors import (
    GuizeError,
    OverMemoryLimit,
    QuerySyntaxError,
    QueryTimedOut,
    StoreUnavailable,
    TooManyRequests,
    WorkerFailed,
    WorkersBusy,
)
from guize.sandbox.confine import Confinement, confine

log = logging.getLogger("guize.sandbox")

client_key: contextvars.ContextVar[str] = contextvars.ContextVar("guize_client", default="")
"""Who is asking (the web layer sets the client's address per request); "" = unknown."""

_confinement: Confinement | None = None
"""In a worker process: what :func:`confine` applied at start."""

_MEMORY_SIGNALS = (-signal.SIGABRT, -signal.SIGKILL)


_job_started: float | None = None
"""In a worker: when the running job started (``time.monotonic``), None when idle."""
_niced = False


def _start_worker(
    app_pid: int, memory_bytes: int | None, slow_after_s: float | None
) -> None:  # pragma: no cover - runs in a subprocess
    global _confinement
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _confinement = confine(memory_bytes)  # before any thread starts
    threading.Thread(target=_watch, args=(app_pid, slow_after_s), daemon=True).start()


def _watch(app_pid: int, slow_after_s: float | None) -> None:  # pragma: no cover - subprocess
    """Exit when the service process is gone; lower the priority of a job that runs long."""
    global _niced
    beat = min(0.05, slow_after_s / 4) if slow_after_s else 1.0
    checked = 0.0
    while True:
        time.sleep(beat)
        started = _job_started
        if slow_after_s and started is not None and not _niced:
            if time.monotonic() - started >= slow_after_s:
                _renice(os.getpid(), 19)
                _niced = True
        checked += beat
        if checked >= 1.0:
            checked = 0.0
            try:
                os.kill(app_pid, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:
                pass


def worker_confinement() -> Confinement | None:
    """In a worker: what it is confined by (a job, run to ask a pool)."""
    return _confinement


def _renice(pid: int, niceness: int) -> None:
    try:
        os.setpriority(os.PRIO_PROCESS, pid, niceness)
    except OSError:
        pass  # lowering the niceness again needs CAP_SYS_NICE; the worker then stays nice


def _job(fn: Callable, args: tuple) -> tuple[str, Any]:
    """Run one job in a worker and say how it went."""
    global _job_started, _niced
    _job_started = time.monotonic()
    try:
        return ("ok", fn(*args))
    except MemoryError:
        return ("memory", None)
    except SyntaxError as exc:
        return ("syntax", str(exc))
    except UnicodeError as exc:  # text that is not UTF-8 (lone surrogates) met the engine
        return ("error", ("BadRequest", 400, f"the input is not valid UTF-8 text: {exc}", {}))
    except GuizeError as exc:
        return ("error", (type(exc).__name__, exc.status, str(exc), exc.headers))
    except OSError as exc:
        return ("store", str(exc))
    except Exception:  # noqa: BLE001 - reported to the parent, which logs it as a 500
        return ("internal", traceback.format_exc())
    finally:
        _job_started = None
        if _niced:
            _renice(os.getpid(), 0)
            _niced = False


class Admission:
    """Slots for running jobs, a bounded queue for them, and a bound per client."""

    def __init__(self, size: int, max_queue: int, max_per_client: int, retry_after_s: int):
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._waiting = 0
        self._by_client: dict[str, int] = {}
        self.max_queue = max_queue
        self.max_per_client = max_per_client
        self.retry_after = {"Retry-After": str(retry_after_s)}

    def enter(self, client: str, wait_s: float) -> None:
        """Take a slot, waiting at most ``wait_s``.

        :raises TooManyRequests: the client already has ``max_per_client`` jobs in.
        :raises WorkersBusy: the queue is full, or no slot came free in time.
        """
        with self._lock:
            if client and self._by_client.get(client, 0) >= self.max_per_client:
                raise TooManyRequests(
                    f"you have {self.max_per_client} requests running or waiting; "
                    "wait for one to finish",
                    headers=self.retry_after,
                )
            if self._waiting >= self.max_queue:
                raise WorkersBusy(
                    f"the service is busy ({self.max_queue} requests waiting); try again later",
                    headers=self.retry_after,
                )
            self._waiting += 1
            self._count(client, +1)
        try:
            got = self._slots.acquire(timeout=wait_s)
        finally:
            with self._lock:
                self._waiting -= 1
        if not got:
            self.leave(client, slot=False)
            raise WorkersBusy(
                f"all workers stayed busy for {wait_s:g} s; try again later",
                headers=self.retry_after,
            )

    def leave(self, client: str, *, slot: bool = True) -> None:
        with self._lock:
            self._count(client, -1)
        if slot:
            self._slots.release()

    def _count(self, client: str, delta: int) -> None:
        if not client:
            return
        n = self._by_client.get(client, 0) + delta
        if n > 0:
            self._by_client[client] = n
        else:
            self._by_client.pop(client, None)


class ConfinedPool:
    """``size`` confined worker processes; a job that overruns its time kills its worker."""

    GRACE_S = 30.0
    """How long after its time limit a caller still waits for pebble to settle a job."""

    def __init__(
        self,
        size: int,
        *,
        memory_bytes: int | None = None,
        max_queue: int | None = None,
        max_per_client: int | None = None,
        slow_after_s: float | None = None,
        retry_after_s: int = 5,
        what: str = "query",
    ) -> None:
        method = "forkserver" if sys.platform.startswith("linux") else "spawn"
        self._ctx = mp.get_context(method)
        if method == "forkserver":
            self._ctx.set_forkserver_preload([__name__])
        self._size = size
        self.what = what
        self.memory_bytes = memory_bytes
        self.slow_after_s = slow_after_s
        self.admission = Admission(
            size,
            max_queue if max_queue is not None else 4 * size,
            max_per_client if max_per_client is not None else 8 * size,
            retry_after_s,
        )
        self._lock = threading.Lock()
        self._running: set[Future] = set()
        self._closed = False
        self._confinement: Confinement | None = None
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPool:
        return ProcessPool(
            max_workers=self._size,
            initializer=_start_worker,
            initargs=(os.getpid(), self.memory_bytes, self.slow_after_s),
            context=self._ctx,
        )

    def confinement(self) -> Confinement:
        """What the workers are confined by (asked of a worker once)."""
        if self._confinement is None:
            found = self.call(worker_confinement, (), 30.0, 30.0)
            self._confinement = found or Confinement(False, False, None)
        return self._confinement

    def call(self, fn: Callable, args: tuple, timeout_s: float, wait_s: float) -> Any:
        """Run ``fn(*args)`` on a free worker and return its answer.

        :raises TooManyRequests: the client has too many jobs in (429).
        :raises WorkersBusy: the queue is full or no worker became free within ``wait_s``.
        :raises QueryTimedOut: the job ran longer than ``timeout_s`` (its worker is replaced).
        :raises OverMemoryLimit: the job's worker ran out of memory (it is replaced).
        :raises WorkerFailed: the worker died otherwise.
        :raises GuizeError: the job failed (syntax, store, format, its own errors).
        """
        client = client_key.get()
        self.admission.enter(client, wait_s)
        try:
            future = self._schedule((fn, args), timeout_s)
        except BaseException:
            self.admission.leave(client)
            raise
        future.add_done_callback(lambda f: self._finished(f, client))
        try:
            reply = future.result(timeout=timeout_s + self.GRACE_S)
        except TimeoutError:
            if future.done():
                raise QueryTimedOut(timeout_s, self.what) from None
            future.cancel()
            log.error("no answer from the worker pool %g s past the time limit", self.GRACE_S)
            raise WorkerFailed("no answer from the workers (logged)") from None
        except ProcessExpired as exc:
            if exc.exitcode in _MEMORY_SIGNALS:
                raise OverMemoryLimit(self.memory_bytes) from exc
            raise WorkerFailed(f"a worker died (exit code {exc.exitcode})") from exc
        except (CancelledError, BrokenProcessPool) as exc:
            if self._closed:
                raise WorkerFailed("the workers were stopped") from None
            log.warning("the worker pool broke: %r", exc)  # the next call starts a new one
            raise WorkerFailed("a worker died (the pool broke)") from exc
        except Exception as exc:  # noqa: BLE001 - the pool itself failed (pickling)
            log.error("worker pool failed", exc_info=exc)
            raise WorkerFailed("internal error in the worker pool (logged)") from exc
        return self._unwrap(reply)

    def _unwrap(self, reply: tuple[str, Any]) -> Any:
        status, value = reply
        if status == "ok":
            return value
        if status == "memory":
            raise OverMemoryLimit(self.memory_bytes)
        if status == "syntax":
            raise QuerySyntaxError(f"malformed query: {value}")
        if status == "error":
            name, code, message, headers = value
            raise GuizeError.rebuild(name, code, message, headers)
        if status == "store":
            raise StoreUnavailable(f"store unavailable: {value}")
        log.error("worker failed:\n%s", value)
        raise WorkerFailed("internal error in a worker (logged)")

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
        raise WorkerFailed("the workers were stopped")

    def _renew(self, broken: ProcessPool) -> ProcessPool:
        with self._lock:
            if self._closed:
                raise WorkerFailed("the workers were stopped")
            if self._pool is not broken:  # another caller renewed it
                return self._pool
            log.warning("the worker pool broke; starting new workers")
            self._pool = pool = self._new_pool()
        _stop(broken)
        return pool

    def _finished(self, future: Future, client: str) -> None:
        with self._lock:
            self._running.discard(future)
        self.admission.leave(client)

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


class PerProcessPool:
    """A :class:`ConfinedPool` made on first use in each process (a pool does not survive a
    fork, and gunicorn forks the app)."""

    def __init__(self, size: int, **options: Any) -> None:
        self._size = size
        self._options = options
        self._lock = threading.Lock()
        self._pool: ConfinedPool | None = None
        self._pid = 0

    def get(self) -> ConfinedPool:
        with self._lock:
            if self._pool is None or self._pid != os.getpid():
                self._pool = ConfinedPool(self._size, **self._options)
                self._pid = os.getpid()
            return self._pool

    def call(self, fn: Callable, args: tuple, timeout_s: float, wait_s: float) -> Any:
        """:meth:`ConfinedPool.call` on this process's pool."""
        return self.get().call(fn, args, timeout_s, wait_s)

    def close(self) -> None:
        with self._lock:
            if self._pool is not None and self._pid == os.getpid():
                self._pool.close()
            self._pool = None
