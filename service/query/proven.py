"""Queries answered in the serving process once a confined worker has shown them cheap.

A query whose text the service has not seen runs in a confined worker
(:class:`guize.sandbox.ConfinedPool`: no network, a memory limit, killed at the time limit).
When it finishes there within ``max_s`` and its answer is at most :data:`MAX_ANSWER_BYTES`, the
job (its text, dataset, formats and row limit) is *proven cheap on that store version*, and
the same job on the same version is answered from then on in the serving process, on a
read-only view of the store the process holds, without the round trip through the pool.

Why that is safe:

* **time and memory**: a read-only store version does not change, and the engine evaluates the
  same job on it the same way, so a job that took a few milliseconds in a worker takes as much
  here; a proof holds for one version only (a swap or an update starts over);
* **network**: a text that mentions ``SERVICE`` at all -- in any spelling, however a parser
  would read it (:func:`guize.query.text.mentions`) -- is never answered here, so a
  ``SERVICE SILENT`` that failed quietly in a worker cannot reach the network from the
  serving process; queries have no other way out (``LOAD`` is an update);
* the answer is computed afresh every time: only the fact that the job is cheap is kept, never
  its answer -- and, for a SELECT that was not cut at the row limit, how many rows it has: on
  the same version it has as many again, so the rows are written straight from the engine's
  iterator (:func:`guize.query.jobs.execute` with ``whole_rows``) instead of being counted
  and cut first.

Proofs are kept for the :data:`CAPACITY` most recent jobs (a digest each, not the text).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from guize.query.jobs import QueryJob, QueryResult, execute
from guize.query.text import mentions
from guize.store import EmbeddedStore, StoreVersion, open_store

MAX_ANSWER_BYTES = 1_000_000
"""An answer larger than this never proves its job cheap (writing it costs memory)."""
CAPACITY = 4096
"""How many proven jobs are remembered (least recently used forgotten first)."""


@dataclass(frozen=True)
class Proof:
    """A job proved cheap on a store version."""

    whole_rows: int | None
    """A SELECT's number of rows when they were all answered (not cut at the row limit)."""


class ProvenCheap:
    """Which jobs proved cheap on which store version, and a view of the store to run them on."""

    def __init__(self, max_s: float) -> None:
        self.max_s = max_s
        self._lock = threading.Lock()
        self._proven: OrderedDict[tuple[str, bytes], Proof] = OrderedDict()
        self._view: tuple[str, EmbeddedStore] | None = None

    @staticmethod
    def eligible(job: QueryJob) -> bool:
        """Whether ``job`` may ever run in the serving process (its text cannot name a
        federated query)."""
        return not mentions(job.sparql, "service")

    @staticmethod
    def key(version: StoreVersion, job: QueryJob) -> tuple[str, bytes]:
        return version.key, hashlib.blake2b(repr(job).encode(), digest_size=16).digest()

    def proof(self, key: tuple[str, bytes]) -> Proof | None:
        """The proof that the job of ``key`` is cheap on its version (None: not proven)."""
        with self._lock:
            found = self._proven.get(key)
            if found is not None:
                self._proven.move_to_end(key)
            return found

    def record(self, key: tuple[str, bytes], seconds: float, result: QueryResult) -> None:
        """A worker answered the job of ``key`` in ``seconds``: remember it if that was cheap."""
        if seconds > self.max_s or len(result.body) > MAX_ANSWER_BYTES:
            return
        whole = result.count if result.form == "select" and not result.truncated else None
        with self._lock:
            self._proven[key] = Proof(whole)
            while len(self._proven) > CAPACITY:
                self._proven.popitem(last=False)

    def run(self, version: StoreVersion, job: QueryJob, proof: Proof) -> QueryResult:
        """Answer a proven job here, on this process's read-only view of ``version``."""
        return execute(self._store(version), job, whole_rows=proof.whole_rows)

    def _store(self, version: StoreVersion) -> Any:
        with self._lock:
            view = self._view
            if view is None or view[0] != version.key:
                # queries still running on the previous view keep their own reference to it
                view = self._view = (version.key, open_store(version.path, read_only=True))
            return view[1]

    def close(self) -> None:
        with self._lock:
            self._view = None
            self._proven.clear()
