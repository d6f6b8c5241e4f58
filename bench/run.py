"""guize benchmarks (`make bench`): medians measured side by side in one run.

Writes a dated section to bench/RESULTS.md and prints it.  Numbers on these shared
machines are noisy: compare ratios within one run, not absolute times across runs.
"""

from __future__ import annotations

import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from wild import bench_wild

from guize.build import build
from guize.compare import profile
from guize.config import Settings
from guize.ingest.clean import clean, decode
from guize.ingest.extract import extract
from guize.ingest.parse import parse
from guize.ingest.sources import document_files, load_sources
from guize.iris import Iris
from guize.pipeline import ingest_bytes
from guize.rdf import to_rdf
from guize.reason import compile_rules, materialise
from guize.store import open_store
from guize.validate import load_shapes, matrix, validate_store
from guize.validate.run import store_documents
from guize.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent

RAW = ROOT / "data" / "raw"
REPEAT = 7


def median_time(fn, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_ingest(iris: Iris) -> list[str]:
    sources = load_sources(RAW)
    rows = [
        "| document | KB | ingest total (s) | clean (ms) | parse (ms) | extract (ms) | RDF (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    ingest_bytes(
        RAW.joinpath(document_files(RAW)[0].name).read_bytes(), "warm", iris
    )  # warm caches
    for path in document_files(RAW):
        data = path.read_bytes()
        src = sources.get(path.name)
        total = median_time(lambda d=data, p=path, s=src: ingest_bytes(d, p.stem, iris, s))
        cleaned = clean(decode(data, path.stem))
        parsed = parse(cleaned, src)
        facts = extract(parsed)
        t_clean = median_time(lambda d=data, p=path: clean(decode(d, p.stem)))
        t_parse = median_time(lambda c=cleaned, s=src: parse(c, s))
        t_extract = median_time(lambda p=parsed: extract(p))
        t_rdf = median_time(lambda p=parsed, f=facts: to_rdf(p, iris, f))
        rows.append(
            f"| {path.name} | {len(data) / 1024:.1f} | {total:.3f} | {1000 * t_clean:.0f} | "
            f"{1000 * t_parse:.0f} | {1000 * t_extract:.0f} | {1000 * t_rdf:.0f} |"
        )
    return rows


def bench_store_queries(iris: Iris) -> list[str]:
    """guize compare (all catalogue queries) on a store built from data/raw."""
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "store")
        build(RAW, store, iris, log=lambda m: None)
        t = median_time(lambda: profile(store, iris.base))
        store.close()
    return [
        f"- `guize compare` profile over the store (6 documents, 14 catalogue queries): median {1000 * t:.0f} ms"
    ]


def bench_build(iris: Iris) -> list[str]:
    """The whole build with the inferences materialised (the default) and without
    (``guize build --no-inferred``), and the materialisation alone per document."""

    def once(reason: bool):
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "store")
            build(RAW, store, iris, log=lambda m: None, reason=reason)
            store.close()

    with_inf = median_time(lambda: once(True), repeat=3)
    without = median_time(lambda: once(False), repeat=3)
    rules = compile_rules()
    graphs = [
        ingest_bytes(p.read_bytes(), p.stem, iris, reason=False).graph.graph
        for p in document_files(RAW)
    ]
    per_doc = median_time(lambda: [materialise(g, rules) for g in graphs]) / len(graphs)
    n = len(document_files(RAW))
    return [
        f"- whole store build ({n} documents, fresh on-disk store): median {with_inf:.2f} s of 3 "
        f"with the inferences materialised, {without:.2f} s without (`--no-inferred`); "
        f"materialisation alone {1000 * per_doc:.1f} ms per document"
    ]


def bench_validation(iris: Iris) -> list[str]:
    """pyshacl over each document of the store (all shapes, with its inferred graph and the
    vocabularies, as ``guize validate`` reads it), over the whole store, the conformance matrix
    of the store, and the matrix page of the service: first request and cached."""
    shapes = load_shapes("all", iris.base)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "store")
        build(RAW, store, iris, log=lambda m: None)
        graphs = store_documents(store, iris.base)
        validate_store(store, shapes, iris.base, graphs=graphs[:1])  # warm the caches
        out = []
        for g in graphs:
            t = median_time(lambda g=g: validate_store(store, shapes, iris.base, graphs=[g]), 3)
            out.append(f"  - {g.rsplit('/', 1)[-1]}: median {t:.2f} s of 3")
        whole = median_time(lambda: validate_store(store, shapes, iris.base), repeat=3)
        grid = median_time(lambda: matrix(store, iris.base), repeat=3)
        first, cached = _matrix_page(store, iris, Path(tmp))
        store.close()
    return [
        "- validation, all shapes, per document of the store:",
        *out,
        f"- validation, all shapes, whole store ({len(graphs)} documents): median {whole:.2f} s of 3",
        f"- conformance matrix of the whole store (`guize validate --matrix`): median {grid:.2f} s of 3",
        f"- `/conformance` page (test client): first request {first:.2f} s (validates the store), "
        f"then median {1000 * cached:.1f} ms of {REPEAT} (cached per store version)",
    ]


def _matrix_page(store, iris: Iris, tmp: Path) -> tuple[float, float]:
    settings = Settings(base_iri=iris.base, store_path=str(tmp / "unused"), dump_dir=str(tmp / "d"))
    client = create_app(settings, store=store).test_client()
    t0 = time.perf_counter()
    assert client.get("/conformance").status_code == 200
    first = time.perf_counter() - t0
    return first, median_time(lambda: client.get("/conformance"))


def main() -> int:
    iris = Iris()
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## {stamp} — {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}",
        "",
        f"Ingest (decode → clean → parse → extract → RDF), median of {REPEAT}:",
        "",
    ]
    if sys.argv[1:] == ["validation"]:  # `python bench/run.py validation`: that part alone
        return _record(lines[:2] + bench_validation(iris) + [""])
    lines += bench_ingest(iris)
    lines += [""] + bench_wild(iris)
    lines += [""] + bench_build(iris) + bench_store_queries(iris) + bench_validation(iris) + [""]
    sys.path.insert(0, str(ROOT / "bench"))
    from overload_bench import main as bench_overload  # noqa: PLC0415 - a script beside this one
    from service_bench import main as bench_service  # noqa: PLC0415 - a script beside this one

    lines += bench_service() + [""]
    lines += bench_overload() + [""]
    return _record(lines)


def _record(lines: list[str]) -> int:
    text = "\n".join(lines)
    print(text)
    results = ROOT / "bench" / "RESULTS.md"
    header = "# Benchmark results\n\nAppended by `make bench`; newest last.\n\n"
    old = results.read_text(encoding="utf-8") if results.exists() else header
    results.write_text(old + text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
