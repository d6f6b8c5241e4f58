"""Incremental builds: a document whose content hash the last build recorded is not built again;
a changed, added or removed one is; shards share the documents out exactly; the bulk-loaded
store of a private build equals the one written graph by graph."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from guize.build import BuildReport, build, in_shard
from guize.build_manifest import Manifest, read_manifest, write_manifest
from guize.cli.build_command import _rewrote_much
from guize.iris import Iris
from guize.store import compact, open_store

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402

IRIS = Iris("http://127.0.0.1:5000/")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen")
    corpus.generate(out, 4, seed=3)
    return out


def quiet(_m: str) -> None:
    pass


def dataset(store) -> set[ox.Quad]:
    d = ox.Dataset(list(store.raw))
    d.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(d)


def test_an_unchanged_document_is_not_built_again(folder, tmp_path):
    store = open_store(None)
    first = build(folder, store, IRIS, log=quiet)
    assert first.ok and first.unchanged == 0 and len(first.manifest.documents) == 4
    write_manifest(tmp_path, first.manifest)
    previous = read_manifest(tmp_path)
    assert previous == first.manifest

    lines: list[str] = []
    again = build(folder, store, IRIS, log=lines.append, previous=previous)
    assert again.unchanged == 4 and sorted(again.written) == sorted(first.written)
    assert not any("→" in line for line in lines)  # nothing ingested
    assert "4 documents unchanged since the last build" in "\n".join(lines)


def test_a_changed_document_replaces_its_graph_alone(folder, tmp_path):
    work = tmp_path / "src"
    work.mkdir()
    for p in folder.iterdir():
        work.joinpath(p.name).write_bytes(p.read_bytes())
    store = open_store(None)
    first = build(work, store, IRIS, log=quiet, conformance=False)
    name = sorted(first.manifest.documents)[1]
    graph = first.manifest.documents[name].graph
    path = work / name
    path.write_text(
        path.read_text("utf-8").replace("工作规则", "工作规则", 1) + "\n附件：无\n", "utf-8"
    )
    lines: list[str] = []
    second = build(work, store, IRIS, log=lines.append, previous=first.manifest, conformance=False)
    assert second.unchanged == 3
    assert [line for line in lines if "→" in line and name in line]
    assert second.manifest.documents[name].hash != first.manifest.documents[name].hash
    assert graph in store.named_graphs()

    fresh = open_store(None)
    build(work, fresh, IRIS, log=quiet, conformance=False)
    assert dataset(store) == dataset(fresh)


def test_other_settings_build_everything_again(folder):
    """(Without the conformance shapes throughout: the subject is the fingerprint.)"""
    store = open_store(None)
    first = build(folder, store, IRIS, log=quiet, conformance=False)
    other = build(
        folder, store, IRIS, log=quiet, previous=first.manifest, reason=False, conformance=False
    )
    assert other.unchanged == 0  # without the inferences: another fingerprint
    elsewhere = open_store(None)  # (a store refuses a build under another base: a fresh one)
    moved = build(
        folder,
        elsewhere,
        Iris("http://example.org/"),
        log=quiet,
        previous=first.manifest,
        conformance=False,
    )
    assert moved.manifest.fingerprint != first.manifest.fingerprint  # another base IRI
    assert other.manifest.fingerprint not in (
        first.manifest.fingerprint,
        moved.manifest.fingerprint,
    )
    missing = Manifest(first.manifest.fingerprint, dict(first.manifest.documents))
    empty = open_store(None)
    again = build(folder, empty, IRIS, log=quiet, previous=missing, conformance=False)
    assert again.unchanged == 0  # the graphs are not in this store


def test_shards_share_the_documents_out_exactly():
    names = [f"gen-0-{i:05d}.txt" for i in range(200)]
    for n in (1, 2, 3, 7):
        owners = [[k for k in range(1, n + 1) if in_shard(name, (k, n))] for name in names]
        assert all(len(o) == 1 for o in owners)
        if n > 1:
            assert len({o[0] for o in owners}) == n


def test_a_private_build_bulk_loads_the_same_graphs(folder, tmp_path):
    one = open_store(tmp_path / "one")
    build(folder, one, IRIS, log=quiet)
    two = open_store(tmp_path / "two")
    build(folder, two, IRIS, log=quiet, private=True)
    build(folder, two, IRIS, log=quiet, private=True)  # replacing graphs already there
    assert dataset(one) == dataset(two)
    one.close()
    two.close()


def test_a_compacted_version_keeps_no_write_ahead_log(folder, tmp_path):
    store = open_store(tmp_path / "v")
    build(folder, store, IRIS, log=quiet)  # graph by graph: every write goes through the log
    store.close()
    logged = sum(p.stat().st_size for p in (tmp_path / "v").glob("*.log"))
    assert logged > 100_000
    compact(tmp_path / "v")
    assert sum(p.stat().st_size for p in (tmp_path / "v").glob("*.log")) < 1_000
    again = open_store(tmp_path / "v", read_only=True)
    assert len(again.named_graphs()) >= 4


def test_a_full_compaction_merges_the_files_and_keeps_the_data(tmp_path):
    def p(i: int) -> ox.NamedNode:
        return ox.NamedNode(f"http://x/p{i}")

    for name in ("flushed", "optimized"):
        for rounds in range(3):  # each session's writes flushed as files of their own
            store = open_store(tmp_path / name)
            for g in range(5):
                store.replace_graph(
                    f"http://x/g{g}",
                    [ox.Triple(p(i), p(rounds), ox.Literal(str(i))) for i in range(200)],
                )
            store.close()
    compact(tmp_path / "flushed")
    compact(tmp_path / "optimized", optimize=True)
    files = {n: len(list((tmp_path / n).glob("*.sst"))) for n in ("flushed", "optimized")}
    assert files["optimized"] < files["flushed"], files
    one, two = (open_store(tmp_path / n, read_only=True) for n in ("flushed", "optimized"))
    assert dataset(one) == dataset(two) and len(dataset(two)) == 5 * 200


@pytest.mark.parametrize(
    ("built", "unchanged", "compacted"),
    [(6, 0, True), (0, 6, False), (1, 29, False), (3, 27, True), (0, 0, False)],
)
def test_a_build_is_fully_compacted_when_it_rewrote_a_tenth_of_the_documents(
    built, unchanged, compacted
):
    report = BuildReport(written=[f"g{i}" for i in range(built + unchanged)], unchanged=unchanged)
    assert _rewrote_much(report) is compacted
