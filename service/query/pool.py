"""Query worker processes: each holds a read-only view of the store and runs one job at a time.

The service process sends ``(kind, version, payload)`` down a pipe and waits at most the time
limit; a worker that has not answered by then is killed (SIGKILL: pyoxigraph cannot be
interrupted) and replaced in the background.  Workers start from a ``forkserver`` (``spawn``
outside Linux), reopen their view when the store version changes, ignore SIGINT (the service
decides when they stop), and exit on their own when the service process is gone -- even in the
middle of a query, which pyoxigraph runs with the GIL released.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import signal
import sys
import threading
import time
import traceback
from typing import Any

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
from guize.store import EmbeddedStore, StoreError, open_store

log = logging.getLogger("guize.executor")


def _worker_main(conn: Any, app_pid: int) -> None:  # pragma: no cover - runs in a subprocess
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(app_pid,), daemon=True).start()
    opened: tuple[str, EmbeddedStore] | None = None
    while True:
        try:
            kind, version, payload = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if opened is None or opened[0] != version.key:
                opened = None
                opened = (version.key, open_store(version.path, read_only=True))
            reply = ("ok", _work(opened[1], kind, payload))
        except SyntaxError as exc:
            reply = ("syntax", str(exc))
        except GuizeError as exc:
            reply = ("error", (exc.status, str(exc)))
        except (StoreError, OSError) as exc:
            reply = ("store", str(exc))
        except Exception:  # noqa: BLE001 - reported to the parent, which logs it as a 500
            reply = ("internal", traceback.format_exc())
        conn.send(reply)


def _work(store: EmbeddedStore, kind: str, payload: Any) -> Any:
    if kind == "query":
        return execute(store, payload)
    if kind == "dump":
        return write_dump(store, *payload)
    return len(store.named_graphs())


def _exit_with(app_pid: int) -> None:  # pragma: no cover - runs in a subprocess
    while True:
        time.sleep(1.0)
        try:
            os.kill(app_pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass


def _unwrap(reply: tuple[str, Any]) -> Any:
    status, value = reply
    if status == "ok":
        return value
    if status == "syntax":
        raise QuerySyntaxError(f"malformed query: {value}")
    if status == "error":
        code, message = value
        raise {400: QuerySyntaxError, 406: FormNotAcceptable}.get(code, GuizeError)(message)
    if status == "store":
        raise StoreUnavailable(f"store unavailable: {value}")
    log.error("query worker failed:\n%s", value)
    raise WorkerFailed("internal error in a query worker (logged)")


class _Worker:
    def __init__(self, ctx: Any) -> None:
        parent, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(child, os.getpid()), daemon=True, name="guize-query"
        )
        self.process.start()
        child.close()
        self.conn = parent

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes; a job that overruns its time kills its worker."""

    def __init__(self, size: int) -> None:
        method = "forkserver" if sys.platform.startswith("linux") else "spawn"
        self._ctx = mp.get_context(method)
        if method == "forkserver":
            self._ctx.set_forkserver_preload([__name__])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx)
        with self._lock:
            self._all.add(worker)
        return worker

    def call(self, message: tuple, timeout_s: float, wait_s: float) -> Any:
        """Send ``message`` to an idle worker and return its answer.

        :raises WorkersBusy: no worker became free within ``wait_s``.
        :raises QueryTimedOut: the worker did not answer within ``timeout_s`` (it is replaced).
        :raises WorkerFailed: the worker died.
        :raises GuizeError: the job failed (syntax, store, format).
        """
        try:
            worker = self._idle.get(timeout=wait_s)
        except queue.Empty:
            raise WorkersBusy(
                f"all query workers stayed busy for {wait_s:g} s; try again later"
            ) from None
        try:
            worker.conn.send(message)
            if not worker.conn.poll(timeout_s):
                self._replace(worker)
                raise QueryTimedOut(timeout_s)
            reply = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._replace(worker)
            raise WorkerFailed(f"a query worker died ({exc.__class__.__name__})") from exc
        self._idle.put(worker)
        return _unwrap(reply)

    def _replace(self, worker: _Worker) -> None:
        threading.Thread(target=self._respawn, args=(worker,), daemon=True).start()

    def _respawn(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
            if self._closed:
                return
        try:
            self._idle.put(self._spawn())
        except OSError:
            log.exception("could not start a query worker; the pool is one smaller")

    def close(self) -> None:
        """Kill every worker (idle or busy)."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
