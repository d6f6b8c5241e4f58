"""Store versions under fault: a build lock, publish-order retention that never removes the
served version or one superseded less than a query timeout ago, partial versions cleaned, and
a build that cannot write (full disk, corrupted store) ending in exit 2 with nothing published."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from guize.store import (
    STAGING_PREFIX,
    BuildLock,
    StoreBusy,
    open_store,
    prepare_version,
    publish_version,
)

REPO = Path(__file__).resolve().parents[3]
EX = "http://example.org/"


def _version(live: Path, stamp: str, graph: str) -> Path:
    new = prepare_version(live, stamp)
    s = open_store(new)
    s.replace_graph(
        EX + graph, [ox.Triple(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal(graph))]
    )
    s.close()
    return new


def test_retention_follows_publication_order_not_modification_time(tmp_path):
    live = tmp_path / "store"
    publish_version(live, _version(live, "a", "a"), grace_s=60)
    publish_version(live, _version(live, "b", "b"), grace_s=60)
    served = live.resolve()
    os.utime(served, (0, 0))  # the served version looks oldest by mtime
    partial = tmp_path / "store-partial"  # left by a build that was killed
    partial.mkdir()
    (partial / "MANIFEST-000001").write_bytes(b"x")
    publish_version(live, _version(live, "c", "c"), grace_s=60)
    names = sorted(p.name for p in tmp_path.glob("store-*"))
    assert names == ["store-a", "store-b", "store-c"]  # a and b: superseded less than 60 s ago
    ledger = json.loads((tmp_path / "store.versions.json").read_text())
    assert [e["name"] for e in ledger] == ["store-a", "store-b", "store-c"]
    for entry in ledger[:2]:  # a minute passes
        entry["published"] -= 120
    ledger[2]["published"] -= 120
    (tmp_path / "store.versions.json").write_text(json.dumps(ledger))
    publish_version(live, _version(live, "d", "d"), grace_s=60)
    assert sorted(p.name for p in tmp_path.glob("store-*")) == ["store-c", "store-d"]
    assert open_store(live, read_only=True).named_graphs() == [EX + g for g in "abcd"]


def test_the_served_version_is_never_removed(tmp_path):
    live = tmp_path / "store"
    publish_version(live, _version(live, "a", "a"), grace_s=0)
    (tmp_path / "store.versions.json").write_text("[]")  # a lost ledger
    publish_version(live, _version(live, "b", "b"), grace_s=0)
    assert live.resolve().name == "store-b"
    assert open_store(live, read_only=True).named_graphs() == [EX + "a", EX + "b"]


def test_one_build_at_a_time(tmp_path):
    live = tmp_path / "store"
    with BuildLock(live):
        with pytest.raises(StoreBusy, match="another build is writing store"):
            with BuildLock(live):
                pass
    with BuildLock(live):  # released
        pass


def _build_command(store: Path, *extra: str) -> list[str]:
    source = str(REPO / "data/raw")
    return [
        sys.executable,
        "-m",
        "guize",
        "build",
        "--source",
        source,
        "--store",
        str(store),
        "--no-check",
        *extra,
    ]


def _build(store: Path, limit_bytes: int | None = None, *extra: str) -> subprocess.CompletedProcess:
    def limit() -> None:
        if limit_bytes:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run(
        _build_command(store, *extra),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=limit,
    )


def test_simultaneous_builds_do_not_destroy_each_other(tmp_path):
    store = tmp_path / "store"
    procs = [
        subprocess.Popen(
            _build_command(store),
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    outcomes = [(p.returncode, err) for p, err in zip(procs, errors, strict=True)]
    assert any(code == 0 for code, _ in outcomes)
    for code, err in outcomes:
        assert "Traceback" not in err
        if code != 0:
            assert code == 2 and "another build is writing store" in err.strip().splitlines()[-1]
    assert len(open_store(store, read_only=True).named_graphs()) > 6


def test_a_full_disk_ends_the_build_with_exit_2_and_nothing_published(tmp_path):
    store = tmp_path / "store"
    assert _build(store).returncode == 0
    served = store.resolve()
    before = open_store(store, read_only=True).named_graphs()
    done = _build(store, 256 * 1024, "--full")  # every document written again
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("guize: error: ") and "nothing was published" in last
    assert store.resolve() == served
    assert [p for p in tmp_path.glob("store-*") if p != served] == []
    assert open_store(store, read_only=True).named_graphs() == before


def test_a_corrupted_store_ends_the_build_with_exit_2(tmp_path):
    store = tmp_path / "store"
    assert _build(store).returncode == 0
    served = store.resolve()
    for f in served.iterdir():
        if f.name.startswith(("MANIFEST", "CURRENT")):
            f.write_bytes(b"garbage")
    done = _build(store)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and "cannot copy the current store" in done.stderr
    assert store.resolve() == served


def test_staging_graphs_left_by_a_killed_writer_are_removed_on_opening_for_writing(tmp_path):
    raw = ox.Store(str(tmp_path / "s"))
    raw.add(
        ox.Quad(
            ox.NamedNode(EX + "a"),
            ox.NamedNode(EX + "b"),
            ox.Literal("c"),
            ox.NamedNode(STAGING_PREFIX + "x"),
        )
    )
    raw.flush()
    del raw
    store = open_store(tmp_path / "s")
    assert list(store.raw.named_graphs()) == []
    store.replace_graph(
        EX + "g", [ox.Triple(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "b"), ox.Literal("c"))]
    )
    assert [g.value for g in store.raw.named_graphs()] == [EX + "g"]  # no staging graph on the way
    store.close()
