"""The build's per-document integrity check, before and after SHACL-SPARQL moved to Oxigraph,
side by side: medians of a few runs per document, on the seeds and on a generated corpus.

"Before" is the check as it was: the document and its inferences copied into rdflib's default
store, the vocabularies merged in, every SPARQL query on rdflib's engine, the shapes in rdflib's
default store, pyshacl's own bookkeeping (:mod:`guize.validate.quicker` off).  "After" is :class:`guize.validate.run.IntegrityCheck` today.  Both must give the
same results (compared whole); the script says how many SPARQL queries Oxigraph answered.

    .venv/bin/python bench/integrity_check.py [--generated 24] [--repeat 3] [--seed 1]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import astuple
from pathlib import Path

import corpus
from rdflib import Graph

from guize.iris import DEFAULT_BASE_IRI, Iris
from guize.pipeline import ingest_bytes
from guize.rdf.plain import plain_graph
from guize.validate import load_shapes, model_from_dir, validate_graph
from guize.validate import mirror as mirror_module
from guize.validate.quicker import quicker_pyshacl
from guize.validate.run import IntegrityCheck, combine, validate_one
from guize.validate.shapes import Shapes

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
BASE = DEFAULT_BASE_IRI
ANSWERS: Counter[str] = Counter()


def _counting(select):
    def wrapped(self, text, bindings):
        out = select(self, text, bindings)
        ANSWERS["oxigraph" if out is not None else "rdflib"] += 1
        return out

    return wrapped


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generated", type=int, default=24)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    mirror_module.Mirror.select = _counting(mirror_module.Mirror.select)
    iris = Iris(BASE)
    loaded = load_shapes("integrity", BASE)
    memory = Graph()
    memory += loaded.graph
    old_shapes = Shapes("integrity", BASE, memory)
    model = model_from_dir(ROOT / "ontology", BASE)
    check = IntegrityCheck(BASE, None, ROOT / "ontology")

    def before(ingested):
        quicker_pyshacl(on=False)  # pyshacl's own bookkeeping (validate_one puts it back)
        return validate_graph(ingested.full, old_shapes, BASE, model=model, sparql="rdflib")

    def after(ingested):
        return check(ingested)  # as in a build: raises on a violation

    def after_report(ingested):
        data = plain_graph(ingested.graph.graph, ingested.inferred, model)
        return combine([validate_one(data, loaded, BASE, None)], BASE)

    with tempfile.TemporaryDirectory() as tmp:
        paths = sorted(RAW.glob("*.txt"))
        if args.generated:
            paths += corpus.generate(Path(tmp), args.generated, seed=args.seed)
        docs = [(p, ingest_bytes(p.read_bytes(), p.stem, iris, None, str(p))) for p in paths]
        before(docs[0][1]), after(docs[0][1])  # parse and cache each query once
        ANSWERS.clear()
        rows, same = [], 0
        for path, ingested in docs:
            old = [_timed(before, ingested) for _ in range(args.repeat)]
            new = [_timed(after, ingested) for _ in range(args.repeat)]
            a = sorted(map(_key, old[0][1].results))
            b = sorted(map(_key, after_report(ingested).results))
            same += a == b
            rows.append((path, _median(old), _median(new)))
            print(
                f"{path.stem}: {rows[-1][1]:.2f} s → {rows[-1][2]:.2f} s {dict(ANSWERS)}",
                file=sys.stderr,
            )
    print("| documents | check before (median s per document) | after | speed-up |")
    print("|---|---:|---:|---:|")
    for label, part in (("seeds (6)", rows[:6]), (f"generated ({len(rows) - 6})", rows[6:])):
        if part:
            b = statistics.median(r[1] for r in part)
            a = statistics.median(r[2] for r in part)
            print(f"| {label} | {b:.2f} | {a:.2f} | {b / a:.1f}× |")
    print(
        f"\nsame results on {same} of {len(rows)} documents; SPARQL queries answered by "
        f"Oxigraph {ANSWERS['oxigraph']}, by rdflib {ANSWERS['rdflib']}"
    )
    return 0 if same == len(rows) else 1


def _median(runs) -> float:
    return statistics.median(t for t, _ in runs)


def _timed(fn, ingested):
    t0 = time.perf_counter()
    out = fn(ingested)
    return time.perf_counter() - t0, out


def _key(result) -> str:
    return repr(astuple(result))


if __name__ == "__main__":
    sys.exit(main())
