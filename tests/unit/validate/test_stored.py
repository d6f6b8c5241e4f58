"""Conformance results kept in the store by the build (guize.validate.stored): one report per
document in ``{graph}/conformance``, equal to what ``guize validate --shapes conformance`` finds
for that document, and the matrix read back from them equal to the one pyshacl computes.

The store is built from two seeds and a variant of a third (another number, a different
quorum and a standing meeting without its secretary-general)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from guize.build import build
from guize.iris import Iris
from guize.store import open_store
from guize.validate import matrix, store_documents
from guize.validate import stored as stored_conformance

ROOT = Path(__file__).resolve().parents[3]
RAW = ROOT / "data" / "raw"
BASE = "http://stored.test/"
JINING = "004_ea0f23940cb5d166.txt"


def _variant(text: str) -> str:
    for old, new in (
        ("济政发〔2022〕4号", "济政发〔2022〕40号"),
        ("出席人数须超过应到人数的二分之一", "出席人数须达到应到人数的三分之一"),
        ("市长、副市长、市政府秘书长组成", "市长、副市长组成"),
    ):
        assert old in text
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = tmp_path_factory.mktemp("raw")
    sources = yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8"))
    keep = {}
    for name in ("003_346de4b0a8a54efd.txt", "guowuyuan-2004.txt"):
        (src / name).write_bytes((RAW / name).read_bytes())
        keep[name] = sources["documents"].get(name)
    (src / "variant.txt").write_text(_variant((RAW / JINING).read_text("utf-8")), "utf-8")
    keep["variant.txt"] = sources["documents"][JINING]
    (src / "sources.yaml").write_text(
        yaml.safe_dump({"documents": {k: v for k, v in keep.items() if v}}, allow_unicode=True),
        encoding="utf-8",
    )
    path = tmp_path_factory.mktemp("store") / "store"
    store = open_store(path)
    report = build(src, store, Iris(BASE), log=lambda _m: None)
    assert report.ok, report.failed
    store.close()
    return src, path


def _canonical(results: list[dict]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in results)


def _key(r: dict) -> tuple:
    return (r["severity"], r["document"], r["shape"], r["focus_node"], r["path"], r["value"])


def select(store):
    def run(text, **subs):
        found = store.query(text, substitutions=subs or None, union_default_graph=False)
        names = [v.value for v in found.variables]
        return [{n: s[n] for n in names} for s in found]

    return run


def test_each_document_has_its_report_equal_to_guize_validate(built):
    _, path = built
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUIZE_")}
    env.update(GUIZE_BASE_IRI=BASE, PYTHONPATH=str(ROOT / "service"))
    done = subprocess.run(
        [sys.executable, "-m", "guize", "validate", "--store", str(path)]
        + ["--shapes", "conformance", "--format", "json", "--jobs", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode in (0, 1), done.stderr
    by_doc: dict[str, list] = {}
    for r in json.loads(done.stdout)["results"]:
        by_doc.setdefault(r["document"], []).append(r)
    store = open_store(path, read_only=True)
    graphs = store_documents(store, BASE)
    assert len(graphs) == 3
    named = set(store.named_graphs())
    seen = 0
    for g in graphs:
        assert stored_conformance.graph_of(g) in named
        found = stored_conformance.results(select(store), stored_conformance.graph_of(g))
        mine = [r.as_json() for rs in found.values() for r in rs]
        doc = g.replace("/graph/", "/eli/")
        # the same results, in the same order (results pyshacl gives in no order of its own,
        # those with the same severity, rule, focus node, path and value, may come either way)
        assert _canonical(mine) == _canonical(by_doc.get(doc, [])), doc
        assert [_key(r) for r in mine] == [_key(r) for r in by_doc.get(doc, [])]
        seen += len(mine)
    assert seen == sum(len(v) for v in by_doc.values()) and seen > 0


def test_the_stored_matrix_is_the_computed_one(built):
    _, path = built
    store = open_store(path, read_only=True)
    shapes = [
        t
        for t in store.query(
            stored_conformance.SHAPES,
            substitutions={"g": ox.NamedNode(BASE + stored_conformance.SHAPES_GRAPH)},
        )
    ]
    columns = stored_conformance.columns(shapes, BASE)
    read, stamps = stored_conformance.matrix(select(store), columns, BASE)
    computed = matrix(store, BASE)
    assert read.as_json() == computed.as_json()
    assert {"pass", "n/a"} <= {v for r in read.rows for v in r.cells.values()}
    assert sorted(json.dumps(r.as_json(), sort_keys=True) for r in read.results) == sorted(
        json.dumps(r.as_json(), sort_keys=True) for r in computed.results
    )
    rules = ROOT / "shapes"
    assert stamps == {stored_conformance.fingerprint(rules, ROOT / "ontology")}
    one, _ = stored_conformance.matrix(
        select(store), columns, BASE, store_documents(store, BASE)[0]
    )
    assert len(one.rows) == 1 and one.rows[0] in read.rows


def test_a_rebuild_keeps_the_reports_and_a_pruned_document_loses_its_own(built):
    src, path = built
    store = open_store(path)
    try:
        before = set(store.named_graphs())
        report = build(src, store, Iris(BASE), log=lambda _m: None)
        assert report.ok and set(store.named_graphs()) == before
        (src / "variant.txt").unlink()
        report = build(src, store, Iris(BASE), prune=True, log=lambda _m: None)
        assert report.ok and len(report.pruned) == 1
        gone = stored_conformance.graph_of(report.pruned[0])
        assert gone in before and gone not in set(store.named_graphs())
    finally:
        store.close()
