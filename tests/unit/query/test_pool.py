"""The query worker pool: busy workers, dead workers, errors kept with their status, closing."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time

import pytest
from test_executor import RUNAWAY, count, make_store

from guize.errors import FormNotAcceptable, QueryTimedOut, WorkerFailed, WorkersBusy
from guize.query.executor import PooledExecutor
from guize.query.jobs import QueryJob, in_worker
from guize.sandbox import ConfinedPool
from guize.store import locate

DEEP = "ASK { " + "{ " * 50_000 + "} " * 50_000 + "}"  # overflows the parser's stack: SIGSEGV


@pytest.fixture
def store(tmp_path):
    make_store(tmp_path / "store", 300)
    return tmp_path / "store"


@pytest.fixture
def single(store):
    executor = PooledExecutor(store, workers=1, timeout_s=1.0, dump_timeout_s=10)
    yield executor
    executor.close()


def in_thread(fn, *args):
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = fn(*args)
        except Exception as exc:  # noqa: BLE001 - the test looks at it
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def workers() -> list:
    return mp.active_children()  # the pool's processes (the forkserver is no Process object)


def test_a_worker_that_dies_fails_the_job_and_is_replaced(single):
    assert count(single) == 300
    with pytest.raises(WorkerFailed, match="a worker died") as failed:
        single.run(QueryJob(DEEP))
    assert failed.value.status == 500
    assert count(single) == 300


def test_an_idle_worker_killed_from_outside_does_not_break_the_pool(single):
    assert count(single) == 300
    for process in workers():
        os.kill(process.pid, signal.SIGKILL)
    time.sleep(0.5)  # pebble notices
    assert count(single) == 300


def test_busy_workers_answer_busy_and_waiting_is_not_running_time(store):
    pool = ConfinedPool(1)
    try:
        version = locate(store)
        runaway, outcome = in_thread(
            pool.call, in_worker, ("query", version, QueryJob(RUNAWAY)), 2.0, 1.0
        )
        time.sleep(0.5)  # the runaway holds the only worker
        started = time.monotonic()
        with pytest.raises(WorkersBusy, match="busy for 0.3 s"):
            pool.call(in_worker, ("query", version, QueryJob("ASK {}")), 1.0, 0.3)
        assert time.monotonic() - started < 1
        started = time.monotonic()
        answer = pool.call(in_worker, ("query", version, QueryJob("ASK {}")), 1.0, 5.0)
        assert answer.body == b'{"head":{},"boolean":true}'
        assert time.monotonic() - started > 1  # waited for the runaway's worker, past 1 s
        runaway.join(10)
        assert isinstance(outcome.get("error"), QueryTimedOut)
    finally:
        pool.close()


def test_errors_in_the_worker_keep_their_status(single, caplog):
    with pytest.raises(FormNotAcceptable, match="no acceptable representation") as refused:
        single.run(QueryJob("CONSTRUCT WHERE { ?s ?p ?o }", graph=None))
    assert refused.value.status == 406
    with pytest.raises(WorkerFailed, match="internal error in a worker"):
        single.run(QueryJob("ASK {}", tabular="no-such-format"))
    assert "KeyError: 'no-such-format'" in caplog.text
    assert count(single) == 300


def test_close_kills_busy_and_idle_workers(store):
    executor = PooledExecutor(store, workers=2, timeout_s=30, dump_timeout_s=30)
    assert count(executor) == 300
    runaway, outcome = in_thread(executor.run, QueryJob(RUNAWAY))
    time.sleep(0.5)
    assert len(workers()) == 2
    started = time.monotonic()
    executor.close()
    runaway.join(5)
    assert not runaway.is_alive()
    assert time.monotonic() - started < 5
    assert isinstance(outcome.get("error"), WorkerFailed)
    assert workers() == []
