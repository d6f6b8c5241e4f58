"""The ``guize`` command line.

Exit status: 0 success; 1 a build with failed documents; 2 bad input (a file
that is not a work rule, a malformed query, a store that cannot be opened).
Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import unicodedata
from pathlib import Path

import pyoxigraph as ox

from service.config import ConfigError, Settings
from service.ingest.errors import IngestError
from service.iris import Iris
from service.store import StoreError, open_store, prepare_version, publish_version

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _fail(message: str, status: int = EXIT_BAD_INPUT) -> int:
    print(f"guize: error: {message}", file=sys.stderr)
    return status


def cmd_build(args, settings: Settings) -> int:
    from service.build import build

    source = Path(args.source or settings.source_dir)
    if not source.is_dir():
        return _fail(f"--source {source}: not a folder")
    from service.validate import ShapesError

    try:
        check = _integrity_check(args, settings)
    except ShapesError as exc:
        return _fail(f"shapes: {exc}")
    target = Path(args.store or settings.store_path)
    new = prepare_version(target, time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}")
    store = open_store(new)
    store.clean_staging()
    report = build(source, store, Iris(settings.base_iri), prune=args.prune, check=check)
    store.close()
    publish_version(target, new)
    print(f"store {target} → {new.name}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED


def _integrity_check(args, settings: Settings):
    """The SHACL integrity check run on each document before it is written (None: skipped).

    :raises ShapesError: if the integrity shapes cannot be loaded.
    """
    if getattr(args, "no_check", False):
        return None
    from service.validate import integrity_check

    return integrity_check(settings.base_iri, settings.shapes_dir, settings.ontology_dir)


def cmd_validate(args, settings: Settings) -> int:
    from service.validate import (
        ShapesError,
        ValidationInputError,
        load_shapes,
        matrix,
        validate_file,
        validate_store,
    )
    from service.validate_report import (
        EXIT_UNREADABLE,
        MATRIX_FORMATS,
        REPORT_FORMATS,
        exit_status,
        render,
        render_matrix,
    )

    fmt = args.format or ("json" if args.matrix else "text")
    allowed = MATRIX_FORMATS if args.matrix else REPORT_FORMATS
    if fmt not in allowed:
        return _fail(
            f"--format {fmt}: use one of {', '.join(allowed)}"
            + (" with --matrix" if args.matrix else "")
        )
    try:
        if args.matrix:
            sys.stdout.write(
                render_matrix(matrix(_read_store(args, settings), settings.base_iri), fmt)
            )
            return EXIT_OK
        shapes = load_shapes(args.shapes, settings.base_iri, settings.shapes_dir)
        if args.file:
            report = validate_file(
                args.file, shapes, settings.base_iri, ontology_dir=settings.ontology_dir
            )
        else:
            report = validate_store(_read_store(args, settings), shapes, settings.base_iri)
    except (ValidationInputError, ShapesError) as exc:
        return _fail(str(exc), EXIT_UNREADABLE)
    sys.stdout.write(render(report, fmt))
    if fmt != "text":
        print(report.summary(), file=sys.stderr)
    return exit_status(report)


def cmd_ingest(args, settings: Settings) -> int:
    from service.ingest.pipeline import ingest_bytes, load_sources

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _fail(f"{path}: cannot read: {exc.strerror}")
    try:
        sources = load_sources(path.parent)
        result = ingest_bytes(
            data, path.stem, Iris(settings.base_iri), sources.get(path.name), str(path)
        )
    except IngestError as exc:
        return _fail(str(exc) if exc.doc_id else f"{path.name}: {exc}")
    out = ingest_json(result)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        md = out["metadata"]
        print(
            f"{md['issuer']} {md['doc_number'] or '(no 文号)'} {md['date'] or ''} [{md['status']}]"
        )
        print(
            f"{len(out['chapters'])} chapters, {len(out['provisions'])} provisions, "
            f"{len(out['cleaning'])} cleaning entries, {len(out['warnings'])} warnings"
        )
        for w in out["warnings"]:
            print(f"  warning: {w}")
    return EXIT_OK


def ingest_json(result) -> dict:
    """The ``guize ingest --json`` object (the CLI contract other work relies on)."""
    p = result.parsed
    return {
        "id": result.graph.key,
        "iri": result.graph.document_iri,
        "title": p.title,
        "numbering_style": p.numbering_style,
        "metadata": p.metadata.as_json(),
        "notice": {
            "title": p.notice.title,
            "recipients": list(p.notice.recipients),
            "published": p.notice.published,
            "adopted_date": p.notice.adopted_date,
            "index_number": p.notice.index_number,
        },
        "chapters": [
            {
                "number": c.number,
                "label": c.label,
                "title": c.title,
                "title_status": c.title_status,
                "provisions": list(c.provisions),
                "raw_span": list(c.raw_span),
            }
            for c in p.chapters
        ],
        "provisions": [
            {
                "number": v.number,
                "label": v.label,
                "chapter": v.chapter,
                "text": v.text,
                "raw_span": list(v.raw_span),
                "paragraphs": [
                    {
                        "number": para.number,
                        "text": para.text,
                        "items": [
                            {"number": it.number, "label": it.label, "text": it.text}
                            for it in para.items
                        ],
                    }
                    for para in v.paragraphs
                ],
            }
            for v in p.provisions
        ],
        "cleaning": [e.as_json() for e in p.clean.report],
        "warnings": list(p.warnings),
    }


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def render_solutions(results, fmt: str) -> str:
    """SELECT results as a table, JSON (SPARQL results), CSV or TSV."""
    if fmt in ("json", "csv", "tsv", "xml"):
        qf = {
            "json": ox.QueryResultsFormat.JSON,
            "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV,
            "xml": ox.QueryResultsFormat.XML,
        }[fmt]
        return results.serialize(format=qf).decode("utf-8")
    names = [v.value for v in results.variables]
    rows = [[_cell(sol[n]) for n in names] for sol in results]
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells):
        return " | ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))

    out = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def cmd_query(args, settings: Settings) -> int:
    text = args.query
    if text == "-":
        text = sys.stdin.read()
    elif text.startswith("@"):
        text = Path(text[1:]).read_text(encoding="utf-8")
    try:
        store = _read_store(args, settings)
        results = store.query(text, base_iri=settings.base_iri)
    except SyntaxError as exc:
        return _fail(f"query: {exc}")
    except StoreError as exc:
        return _fail(str(exc))
    if isinstance(results, ox.QueryBoolean):
        print(
            json.dumps({"head": {}, "boolean": bool(results)})
            if args.format == "json"
            else str(bool(results)).lower()
        )
    elif isinstance(results, ox.QueryTriples):
        fmt = (
            ox.RdfFormat.N_TRIPLES
            if args.format in ("csv", "tsv", "table")
            else ox.RdfFormat.TURTLE
        )
        sys.stdout.write(results.serialize(format=fmt).decode("utf-8"))
    else:
        print(render_solutions(results, args.format))
    return EXIT_OK


def _read_store(args, settings: Settings):
    path = Path(args.store or settings.store_path)
    if not path.exists():
        raise StoreError(f"no store at {path}: run `guize build` first")
    return open_store(path, read_only=True)


def cmd_compare(args, settings: Settings) -> int:
    from service.compare import profile, to_csv

    prof = profile(_read_store(args, settings), settings.base_iri)
    if args.csv:
        sys.stdout.write(to_csv(prof))
    else:
        print(json.dumps(prof, ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_serve(args, settings: Settings) -> int:
    from service.serve import serve

    return serve(settings, host=args.host, port=args.port, workers=args.workers) or EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="guize", description="Work rules of Chinese people's governments as a knowledge graph."
    )
    sub = p.add_subparsers(dest="command", required=True)
    store_help = "store directory (default data/build/store, or $GUIZE_STORE_PATH)"

    b = sub.add_parser("build", help="ingest every document of a folder into the store")
    b.add_argument("--source", help="folder of raw documents (default data/raw)")
    b.add_argument("--store", help=store_help)
    b.add_argument(
        "--prune", action="store_true", help="drop document graphs this build did not produce"
    )
    b.add_argument(
        "--no-check",
        action="store_true",
        help="write documents even if they break the SHACL integrity shapes",
    )
    b.set_defaults(func=cmd_build)

    i = sub.add_parser("ingest", help="run the pipeline on one file and print what it found")
    i.add_argument("file")
    i.add_argument("--json", action="store_true", help="print one JSON object")
    i.set_defaults(func=cmd_ingest)

    q = sub.add_parser("query", help="run a SPARQL query on the store")
    q.add_argument("query", help="the query, @file.rq, or - for stdin")
    q.add_argument("--store", help=store_help)
    q.add_argument("--format", choices=("table", "json", "csv", "tsv", "xml"), default="table")
    q.set_defaults(func=cmd_query)

    v = sub.add_parser(
        "validate",
        help="SHACL-validate a file (work-rules text or RDF) or every document in the store",
        description="Exit status: 0 conforms (warnings and info allowed), 1 violations found, "
        "2 the input could not be read.",
    )
    v.add_argument(
        "file",
        nargs="?",
        help="a .txt work rule or an RDF file (.ttl .nt .nq .trig .jsonld "
        ".rdf); omitted: validate the store",
    )
    v.add_argument("--store", help=store_help)
    v.add_argument("--shapes", choices=("integrity", "conformance", "all"), default="all")
    v.add_argument(
        "--format",
        choices=("text", "json", "turtle", "html", "csv"),
        help="report: text (default), json, turtle, html; --matrix: json (default), csv, html",
    )
    v.add_argument(
        "--matrix",
        action="store_true",
        help="the cross-government conformance matrix of the store instead of a report",
    )
    v.set_defaults(func=cmd_validate)

    c = sub.add_parser("compare", help="the comparison profile of every document in the store")
    c.add_argument("--store", help=store_help)
    fmt = c.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", default=True, help="one JSON object (default)")
    fmt.add_argument("--csv", action="store_true", help="a flat matrix, one row per document")
    c.set_defaults(func=cmd_compare)

    s = sub.add_parser(
        "serve", help="serve the store over HTTP (SPARQL endpoint, linked data, pages)"
    )
    s.add_argument("--store", help=store_help)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=5000)
    s.add_argument("--workers", type=int, default=1, help="worker processes (>1 uses gunicorn)")
    s.add_argument("--base-iri", help="base of minted IRIs (default: http://HOST:PORT/)")
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    overrides = {}
    if getattr(args, "store", None):
        overrides["store_path"] = args.store
    if args.command == "serve":
        overrides["base_iri"] = args.base_iri
    try:
        settings = Settings.from_env(**overrides)
    except ConfigError as exc:
        return _fail(str(exc))
    try:
        return args.func(args, settings)
    except IngestError as exc:
        return _fail(str(exc))
    except StoreError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
