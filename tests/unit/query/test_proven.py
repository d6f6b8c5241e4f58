"""Jobs answered in the serving process once a confined worker showed them cheap: only the
same job on the same store version, never a text that mentions SERVICE, never a kept answer.

The observable difference: a proven job is answered while the only query worker is busy with
a runaway; any other job then waits for the worker and is refused (503).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time

import pytest
from test_executor import EX, RUNAWAY, count, make_store

from guize.errors import QueryTimedOut, WorkersBusy
from guize.query.executor import PooledExecutor
from guize.query.jobs import QueryJob


def executor(tmp_path, inprocess_max_s: float) -> PooledExecutor:
    return PooledExecutor(
        tmp_path / "store",
        workers=1,
        timeout_s=2.0,
        dump_timeout_s=10,
        queue_wait_s=0.2,
        inprocess_max_s=inprocess_max_s,
    )


@pytest.fixture
def store(tmp_path):
    make_store(tmp_path / "store-1", 300)
    os.symlink("store-1", tmp_path / "store")
    return tmp_path


@contextlib.contextmanager
def worker_busy(ex: PooledExecutor):
    """The only worker runs a runaway query (cut at the time limit) meanwhile."""
    outcome: list = []

    def runaway() -> None:
        try:
            ex.run(QueryJob(RUNAWAY))
        except QueryTimedOut as exc:
            outcome.append(exc)

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.5)
    try:
        yield
    finally:
        thread.join()
    assert len(outcome) == 1  # the runaway itself still ran in a worker, and was cut


def test_a_proven_job_is_answered_while_the_worker_is_busy(store):
    ex = executor(store, inprocess_max_s=10)
    try:
        assert count(ex) == 300  # in a worker: now proven on this version
        with worker_busy(ex):
            started = time.monotonic()
            assert count(ex) == 300  # here, computed afresh
            assert time.monotonic() - started < 1.0
            with pytest.raises(WorkersBusy):
                ex.run(QueryJob(f"ASK {{ <{EX}s1> ?p ?o }}"))  # never ran: waits, refused
    finally:
        ex.close()


def test_a_text_that_mentions_service_is_never_answered_here(store):
    ex = executor(store, inprocess_max_s=10)
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } # SERVICE <http://elsewhere/>"
    try:
        ex.run(QueryJob(text))
        with worker_busy(ex), pytest.raises(WorkersBusy):
            ex.run(QueryJob(text))
    finally:
        ex.close()


def test_a_proof_holds_for_one_store_version(store):
    ex = executor(store, inprocess_max_s=10)
    try:
        assert count(ex) == 300
        make_store(store / "store-2", 301)  # big enough for the runaway to run away
        os.symlink("store-2", store / "store.tmp")
        os.replace(store / "store.tmp", store / "store")
        with worker_busy(ex), pytest.raises(WorkersBusy):
            count(ex)  # another version: in a worker again
        assert count(ex) == 301  # the new data, proven anew
        with worker_busy(ex):
            assert count(ex) == 301
    finally:
        ex.close()


@pytest.mark.parametrize("limit", [0, 1e-9], ids=["off", "too-slow"])
def test_nothing_is_proven_when_off_or_slower_than_the_limit(store, limit):
    ex = executor(store, inprocess_max_s=limit)
    try:
        assert count(ex) == 300
        with worker_busy(ex), pytest.raises(WorkersBusy):
            count(ex)
    finally:
        ex.close()


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("max_rows", [None, 1000, 7], ids=["no-limit", "under", "cut"])
def test_a_proven_select_answers_the_same_bytes_as_the_worker(store, fmt, max_rows):
    """A proven SELECT that was not cut is written straight from the engine's rows; one that
    was cut goes through the cut again: either way the bytes and the counts are the worker's."""
    job = QueryJob(
        f'SELECT ?s ?o ("a\\tb"@en AS ?l) WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s LIMIT 40',
        tabular=fmt,
        max_rows=max_rows,
    )
    ex = executor(store, inprocess_max_s=10)
    try:
        first = ex.run(job)  # in the worker
        with worker_busy(ex):
            again = ex.run(job)  # here (the worker is busy: it could not have answered)
        assert again == first
        assert (first.count, first.truncated) == ((7, True) if max_rows == 7 else (40, False))
    finally:
        ex.close()
