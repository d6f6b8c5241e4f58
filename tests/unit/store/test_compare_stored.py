"""The comparison profile the build keeps beside a store version (guize.compare_stored) is the
profile the store's queries give (and its documents index the query ``documents``) -- after a first build, an incremental one, one whose changed
document failed (its old graph stays), and one that removed a document -- and a write through
the service's Graph Store Protocol removes it, so a stale one is never read."""

from __future__ import annotations

import gzip
import json
import shutil
import sys
from pathlib import Path

import pytest

from guize import compare, compare_stored
from guize.cli.main import main
from guize.config import Settings
from guize.query.catalogue import rows
from guize.query.kept import ANSWERS_FILE, kept_answers
from guize.query.per_document import PerDocumentView
from guize.store import open_store
from guize.web.app import create_app
from guize.web.context import EXTENSION
from guize.web.pages import store as pages_store
from guize.web.pages.store import KEPT_QUERIES, sparql

REPO = Path(__file__).resolve().parents[3]
RAW = REPO / "data" / "raw"
sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402

BASE = "http://127.0.0.1:5000/"
JINING = "004_ea0f23940cb5d166.txt"


def build(src: Path, store: Path) -> None:
    args = ["build", "--source", str(src), "--store", str(store), "--jobs", "1", "--no-check"]
    assert main(args) in (0, 1)


def both(store_path: Path) -> tuple[dict | None, dict]:
    """(the kept profile, the profile the store's queries give)."""
    store = open_store(store_path, read_only=True)
    try:
        return compare_stored.kept_profile(store, store_path), compare.profile(store, BASE)
    finally:
        store.close()


def dumped(profile: dict | None) -> str:
    return json.dumps(profile, ensure_ascii=False, indent=1)


def documents_both(store_path: Path) -> tuple[list | None, list]:
    """(the documents index the build kept, the rows of the query ``documents``), each row as
    sorted JSON, in sorted order."""
    store = open_store(store_path, read_only=True)
    try:
        kept = compare_stored.kept_documents(store, store_path)
        queried = rows(store, "documents", BASE)
    finally:
        store.close()
    as_json = lambda found: sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in found)  # noqa: E731
    return (None if kept is None else as_json(kept)), as_json(queried)


def answers_both(store_path: Path) -> tuple[dict | None, dict]:
    """(the answers the build kept for the whole-store page queries, None when it kept none
    that can be trusted; the rows the store gives), each row as sorted JSON of its terms."""
    store = open_store(store_path, read_only=True)

    def as_text(found: list[dict]) -> list[str]:
        return sorted(
            json.dumps({k: str(v) for k, v in r.items()}, sort_keys=True, ensure_ascii=False)
            for r in found
        )

    try:
        kept = kept_answers(store, store_path, {n: sparql(n) for n in KEPT_QUERIES})
        queried = {}
        for n in KEPT_QUERIES:
            found = store.query(sparql(n))
            names = [v.value for v in found.variables]
            queried[n] = as_text([{k: sol[k] for k in names} for sol in found])
    finally:
        store.close()
    if set(kept) != set(KEPT_QUERIES):
        return None, queried
    return {n: as_text(v) for n, v in kept.items()}, queried


def same_answers(store_path: Path) -> bool:
    kept, queried = answers_both(store_path)
    assert kept is not None, "the build kept no answers, or they are not trusted"
    assert all(queried[n] for n in KEPT_QUERIES)  # counts: one row at least
    return kept == queried


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Jining seed, a second edition of it (another 文号 and date: one government, two
    graphs) and two generated documents."""
    src = tmp_path_factory.mktemp("src")
    shutil.copy(RAW / JINING, src / "jining.txt")
    text = (RAW / JINING).read_text("utf-8")
    edition = text.replace("济政发〔2022〕4号", "济政发〔2024〕9号").replace(
        "2022-03-28", "2024-05-06"
    )
    (src / "jining-2024.txt").write_text(edition, "utf-8")
    corpus.generate(src, 2, seed=11)
    return src


def test_the_kept_profile_is_the_queried_one_through_rebuilds(
    source, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("GUIZE_BASE_IRI", BASE)
    src, store = tmp_path / "src", tmp_path / "store"
    shutil.copytree(source, src)
    build(src, store)
    kept, queried = both(store)
    assert kept is not None and len(kept["documents"]) == 4
    assert dumped(kept) == dumped(queried)
    index, listed = documents_both(store)
    assert index is not None and len(index) == 4 and index == listed
    assert same_answers(store)

    # incremental: one document changed, the others carried over from the version before
    generated = sorted(src.glob("gen-*.txt"))
    changed = generated[0].read_text("utf-8") + "\n附：无。\n"
    generated[0].write_text(changed, "utf-8")
    capsys.readouterr()
    build(src, store)
    err = capsys.readouterr().err  # the 3 unchanged documents' parts carried over
    assert "3 documents unchanged" in err and "profiled from the store" not in err
    kept, queried = both(store)
    assert kept is not None and dumped(kept) == dumped(queried)
    assert documents_both(store)[0] == documents_both(store)[1]
    # the counts: the previous version's, updated by the rewritten document's graphs
    assert "page answers fact_types, stats updated from the previous version's (1 document" in err
    assert same_answers(store)

    # a changed document that fails keeps its old graph, and its old part
    generated[1].write_bytes(b"\xff\xfe not a work rules text")
    build(src, store)
    err = capsys.readouterr().err
    assert "FAILED" in err and "profiled from the store" not in err
    kept, queried = both(store)
    assert kept is not None and len(kept["documents"]) == 4
    assert dumped(kept) == dumped(queried)
    assert documents_both(store)[0] == documents_both(store)[1]
    assert "(0 document(s) rewritten)" in err and same_answers(store)

    # a document removed with --prune: its part goes with its graph
    generated[1].unlink()
    args = ["build", "--source", str(src), "--store", str(store), "--jobs", "1", "--no-check"]
    assert main([*args, "--prune"]) == 0
    err = capsys.readouterr().err
    assert "3 documents unchanged" in err and "(1 document(s) rewritten)" in err  # the one removed
    kept, queried = both(store)
    assert kept is not None and len(kept["documents"]) == 3
    assert dumped(kept) == dumped(queried)
    index, listed = documents_both(store)
    assert index is not None and len(index) == 3 and index == listed
    assert same_answers(store)


@pytest.fixture(scope="module")
def built(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the store built from ``source`` (``store`` → its version)."""
    folder = tmp_path_factory.mktemp("built")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GUIZE_BASE_IRI", BASE)
        build(source, folder / "store")
    return folder


def copy_of(built: Path, tmp_path: Path) -> Path:
    shutil.copytree(built, tmp_path / "built", symlinks=True)
    return tmp_path / "built" / "store"


def test_parts_that_do_not_cover_the_store_are_not_used(built, tmp_path):
    store = copy_of(built, tmp_path)
    parts = compare_stored.read(store)
    assert parts is not None and len(parts) == 4
    next((store.resolve() / compare_stored.PROFILE_DIR).glob("*.json.gz")).unlink()
    kept, queried = both(store)
    assert kept is None
    s = open_store(store, read_only=True)
    assert dumped(compare_stored.profile(s, BASE)) == dumped(queried)
    s.close()


def test_a_rebuild_over_a_version_without_parts_profiles_from_the_store(
    source, built, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("GUIZE_BASE_IRI", BASE)
    store = copy_of(built, tmp_path)
    compare_stored.discard(store)  # a version built before parts were kept
    capsys.readouterr()
    build(source, store)
    assert "4 document(s) profiled from the store" in capsys.readouterr().err
    kept, queried = both(store)
    assert kept is not None and dumped(kept) == dumped(queried)


def test_a_write_through_the_service_discards_the_kept_parts(built, tmp_path):
    store_path = copy_of(built, tmp_path)
    assert compare_stored.read(store_path) is not None
    real = store_path.resolve()
    store = open_store(real)
    settings = Settings.from_env(store_path=str(real), base_iri=BASE, update_token="t")
    client = create_app(settings, store=store).test_client()
    resp = client.put(
        "/rdf-graphs/service?graph=http://example.org/g",
        data="<http://example.org/a> <http://example.org/b> <http://example.org/c> .",
        headers={"Authorization": "Bearer t", "Content-Type": "application/n-triples"},
    )
    assert resp.status_code in (201, 204), resp.get_data(as_text=True)
    assert compare_stored.read(store_path) is None
    assert compare_stored.kept_documents(store, store_path) is None
    store.close()


def test_parts_made_by_other_code_are_neither_read_nor_carried_over(
    source, built, tmp_path, monkeypatch, capsys
):
    """A catalogue query or the profile's code changed since the parts were made (the store
    was built by another version of guize): the parts are not trusted, and a rebuild that
    leaves every document as it was makes them again from the store."""
    monkeypatch.setenv("GUIZE_BASE_IRI", BASE)
    store = copy_of(built, tmp_path)
    stamp = store.resolve() / compare_stored.PROFILE_DIR / compare_stored.FINGERPRINT_FILE
    stamp.write_text("made by another version\n", "utf-8")
    assert compare_stored.read(store) is None
    capsys.readouterr()
    build(source, store)
    assert "4 document(s) profiled from the store" in capsys.readouterr().err
    kept, queried = both(store)
    assert kept is not None and dumped(kept) == dumped(queried)


def test_a_page_of_documents_from_the_kept_parts(built):
    """A page of the matrix: the parts of its documents alone, in the order the store's
    queries give for those documents."""
    store_path = built / "store"
    store = open_store(store_path, read_only=True)
    try:
        keys = sorted(d["id"] for d in compare.profile(store, BASE)["documents"])[:2]
        graphs = [f"{BASE}graph/{k}" for k in keys]
        parts = compare_stored.parts_of(store_path, graphs)
        assert parts is not None and sorted(parts) == sorted(graphs)
        queried = compare.profile(PerDocumentView(store, BASE, keys), BASE)
        assert dumped(compare_stored.in_order(parts)) == dumped(queried)
        assert compare_stored.parts_of(store_path, [f"{BASE}graph/no-such-document"]) is None
    finally:
        store.close()


def test_a_documents_index_that_does_not_cover_the_store_is_not_used(built, tmp_path):
    store_path = copy_of(built, tmp_path)
    index_file = store_path.resolve() / compare_stored.PROFILE_DIR / compare_stored.INDEX_FILE
    index = json.loads(gzip.decompress(index_file.read_bytes()))
    assert len(index) == 4
    index.pop(sorted(index)[0])
    index_file.write_bytes(gzip.compress(json.dumps(index).encode()))
    assert documents_both(store_path)[0] is None
    index_file.write_bytes(b"not gzip")
    assert documents_both(store_path)[0] is None


def test_kept_answers_are_not_used_once_they_may_be_wrong(built, tmp_path):
    """The answers the build kept are read only while the index covers the store, the file
    reads back and the query's text is the one answered."""
    store_path = copy_of(built, tmp_path)
    assert same_answers(store_path)
    folder = store_path.resolve() / compare_stored.PROFILE_DIR
    answers = folder / ANSWERS_FILE
    kept = json.loads(gzip.decompress(answers.read_bytes()))
    assert set(kept) == set(KEPT_QUERIES)

    # the query was changed since the build: its answer is not the query's
    store = open_store(store_path, read_only=True)
    edited = sparql("stats").replace("COUNT(DISTINCT ?c)", "COUNT(?c)")
    assert edited != sparql("stats")
    found = kept_answers(store, store_path, {"stats": edited, "fact_types": sparql("fact_types")})
    assert "stats" not in found and "fact_types" in found
    assert "stats" in kept_answers(store, store_path, {"stats": sparql("stats")})
    store.close()

    answers.write_bytes(b"not gzip")  # damaged
    assert answers_both(store_path)[0] is None
    answers.write_bytes(gzip.compress(json.dumps(kept).encode()))
    assert same_answers(store_path)

    index_file = folder / compare_stored.INDEX_FILE  # an index without one of the documents
    index = json.loads(gzip.decompress(index_file.read_bytes()))
    index.pop(sorted(index)[0])
    index_file.write_bytes(gzip.compress(json.dumps(index).encode()))
    assert answers_both(store_path)[0] is None


def test_the_home_page_reads_its_counts_from_the_kept_answers(built, tmp_path, monkeypatch):
    """The service on a built store version (its query worker reading it from disk) shows the
    counts the build kept, without the whole-store queries; without them, the same counts."""
    store_path = copy_of(built, tmp_path)
    asked: list[str] = []
    real_select = pages_store.select

    def select(name, *args, **kwargs):
        asked.append(name)
        return real_select(name, *args, **kwargs)

    monkeypatch.setattr(pages_store, "select", select)
    settings = Settings.from_env(store_path=str(store_path), base_iri=BASE, query_workers=1)

    def home() -> bytes:
        app = create_app(settings)  # a new service: nothing cached
        try:
            page = app.test_client().get("/", headers={"Accept": "text/html"})
            assert page.status_code == 200
            return page.get_data()
        finally:
            app.extensions[EXTENSION].executor.close()

    kept_page = home()
    assert not set(asked) & set(KEPT_QUERIES)
    (store_path.resolve() / compare_stored.PROFILE_DIR / ANSWERS_FILE).unlink()
    queried_page = home()
    assert set(KEPT_QUERIES) <= set(asked)
    assert kept_page == queried_page  # the same counts either way
