"""Validating a store's documents in worker processes gives the report of one process."""

from __future__ import annotations

import sys
from pathlib import Path

from guize.build import build
from guize.iris import Iris
from guize.store import open_store
from guize.validate import validate_store
from guize.validate.parallel import validate_store_in_workers

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402

BASE = "http://127.0.0.1:5000/"


def test_workers_give_the_report_of_one_process(tmp_path):
    corpus.generate(tmp_path / "src", 4, seed=11)
    store = open_store(tmp_path / "store")
    assert build(tmp_path / "src", store, Iris(BASE), log=lambda _m: None).ok
    store.close()
    store = open_store(tmp_path / "store", read_only=True)
    one = validate_store(store, "integrity", BASE)
    two = validate_store_in_workers(store, tmp_path / "store", "integrity", BASE, jobs=2)
    assert len(one.documents) == 4 and sorted(two.documents) == sorted(one.documents)
    assert two.results == one.results
    assert two.conforms == one.conforms
    assert len(two.graph) == len(one.graph)
