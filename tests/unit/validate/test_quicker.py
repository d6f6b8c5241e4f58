"""pyshacl with its bookkeeping done once (guize.validate.quicker), and a build's document
validated once for both sets of shapes: the same answers as without.

The report graphs and results are compared with pyshacl's own way on every shape fixture in
``test_sparql_engines.py``; here, pyshacl's text report (which reads the descriptions made
late) and a build worker's outcome.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyshacl
import pyshacl.shape
import pytest
from pyshacl.constraints import CONSTRAINT_PARAMETERS_MAP

from guize import build_work
from guize.iris import DEFAULT_BASE_IRI, Iris
from guize.validate import load_shapes
from guize.validate.quicker import WRITTEN_FOR, quicker_pyshacl
from guize.validate.run import integrity_check, validation_data
from guize.validate.stored import fingerprint

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests" / "shapes"))
sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402
from shapes_support import BASE, invalid_files, load  # noqa: E402


@pytest.fixture
def pyshacl_own():
    yield
    quicker_pyshacl(on=True)  # as every validation of guize leaves it


def test_written_for_the_pinned_pyshacl():
    """An upgrade of pyshacl leaves the speed-ups out until they are checked against it."""
    pins = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"pyshacl=={WRITTEN_FOR}"' in pins
    assert pyshacl.__version__ == WRITTEN_FOR
    quicker_pyshacl(on=True)
    assert pyshacl.shape.module.CONSTRAINT_PARAMS[1] is not CONSTRAINT_PARAMETERS_MAP


def _text_report(graph, shapes) -> str:
    _, _, text = pyshacl.validate(
        validation_data(graph),  # SPARQL on Oxigraph, as guize runs it
        shacl_graph=shapes,
        advanced=True,
        inference="none",
        inplace=True,
        allow_warnings=True,
    )
    return text


def test_text_report_is_pyshacl_own(pyshacl_own):
    """Descriptions written when the text report reads them: the same text, in the same order."""
    shapes = load_shapes("all", BASE).graph
    checked = 0
    for path in invalid_files()[::12]:
        graph = load(path)
        quicker_pyshacl(on=False)
        own = _text_report(graph, shapes)
        quicker_pyshacl(on=True)
        assert _text_report(graph, shapes) == own, path.name
        checked += own.count("Constraint Violation") + own.count("Validation Result")
    assert checked > 10


def _setup() -> build_work._Setup:
    base = DEFAULT_BASE_IRI
    conformance = build_work.Conformance(
        str(ROOT / "shapes"),
        str(ROOT / "ontology"),
        fingerprint(ROOT / "shapes", ROOT / "ontology"),
    )
    check = integrity_check(base, None, ROOT / "ontology")
    return build_work._Setup(Iris(base), ROOT / "data" / "lexicon", check, True, conformance)


def test_a_worker_validates_each_document_once(tmp_path, monkeypatch):
    """The integrity check's data is validated against the conformance shapes too; the outcome
    is the one of making it again for them."""
    setup = _setup()
    assert setup.conformance.shares(setup.check, setup.iris.base)
    made = []
    data = type(setup.check).data
    monkeypatch.setattr(type(setup.check), "data", lambda self, i: made.append(1) or data(self, i))
    seeds = sorted((ROOT / "data" / "raw").glob("*.txt"))
    paths = [seeds[0], seeds[-1], *corpus.generate(tmp_path, 1, seed=11)]
    shared = [build_work.work(build_work.Job(p, None, ""), setup) for p in paths]
    assert len(made) == len(paths)
    monkeypatch.setattr(build_work.Conformance, "shares", lambda *a: False)
    setup = _setup()  # decides once whether to share
    apart = [build_work.work(build_work.Job(p, None, ""), setup) for p in paths]
    for a, b in zip(shared, apart, strict=True):
        assert not a.error and not b.error
        assert a.conformance == b.conformance and a.conformance_results == b.conformance_results
        assert a.ntriples == b.ntriples
        assert a.conformance
    assert sum(a.conformance_results for a in shared) > 0  # findings among them
