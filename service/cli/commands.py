"""What each ``guize`` subcommand does (the parser is :mod:`guize.cli.main`).

Each ``cmd_<name>(args, settings)`` returns the exit status: 0 success; 1 work done but
something failed (a document, a validation); 2 bad input.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pyoxigraph as ox

from guize import compare_stored
from guize.assets import Assets
from guize.cli.output import ingest_json, render_solutions
from guize.compare import to_csv
from guize.config import ConfigError, Settings
from guize.errors import GuizeError
from guize.ingest.errors import IngestError
from guize.ingest.sources import load_sources
from guize.iris import Iris
from guize.pipeline import ingest_bytes
from guize.query.executor import InlineExecutor, PooledExecutor
from guize.query.jobs import QueryJob
from guize.query.text import admit
from guize.sandbox import ConfinedPool
from guize.store import (
    RemoteStore,
    StoreError,
    open_store,
    recorded_base,
)
from guize.validate import (
    EXIT_UNREADABLE,
    MATRIX_FORMATS,
    REPORT_FORMATS,
    ShapesError,
    ValidationInputError,
    exit_status,
    load_shapes,
    matrix,
    render,
    render_matrix,
    stored,
    validate_store,
)
from guize.validate.isolated import check_file
from guize.validate.parallel import validate_store_in_workers
from guize.vocab import load_vocabulary
from guize.web.serve import serve

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def fail(message: str, status: int = EXIT_BAD_INPUT) -> int:
    print(f"guize: error: {message}", file=sys.stderr)
    return status


def cmd_validate(args, settings: Settings) -> int:
    fmt = args.format or ("json" if args.matrix else "text")
    allowed = MATRIX_FORMATS if args.matrix else REPORT_FORMATS
    if fmt not in allowed:
        return fail(
            f"--format {fmt}: use one of {', '.join(allowed)}"
            + (" with --matrix" if args.matrix else "")
        )
    try:
        if args.matrix:
            store, base = _read_store(args, settings)
            assets = Assets.from_settings(settings)  # the stored results when they are current
            found = stored.current(store, base, assets.shapes_dir, assets.ontology_dir)
            sys.stdout.write(render_matrix(found or matrix(store, base), fmt))
            return EXIT_OK
        assets = Assets.from_settings(settings)
        if args.file:
            return _validate_file_confined(args, settings, assets, fmt)
        store, base = _read_store(args, settings)
        shapes = load_shapes(args.shapes, base, assets.shapes_dir)
        jobs = args.jobs if getattr(args, "jobs", 0) > 0 else (os.cpu_count() or 1)
        if jobs > 1 and getattr(store, "path", None) is not None:  # an embedded store
            report = validate_store_in_workers(
                store,
                os.path.realpath(store.path),
                args.shapes,
                base,
                shapes_dir=assets.shapes_dir,
                jobs=jobs,
            )
        else:
            report = validate_store(store, shapes, base)
    except (ValidationInputError, ShapesError) as exc:
        return fail(str(exc), EXIT_UNREADABLE)
    sys.stdout.write(render(report, fmt))
    if fmt != "text":
        print(report.summary(), file=sys.stderr)
    return exit_status(report)


def _validate_file_confined(args, settings: Settings, assets: Assets, fmt: str) -> int:
    """``guize validate FILE``: read and validate the file in a confined worker, so that a
    hostile file ends in exit status 2 and a message, not a crash."""
    pool = ConfinedPool(1, memory_bytes=settings.worker_memory_bytes, what="validation")
    try:
        out, summary, status = pool.call(
            check_file,
            (
                str(args.file),
                args.shapes,
                settings.base_iri,
                fmt,
                str(assets.shapes_dir),
                str(assets.ontology_dir),
                str(assets.lexicon_dir),
            ),
            settings.validate_timeout_s,
            wait_s=settings.validate_timeout_s,
        )
    except GuizeError as exc:
        return fail(f"{args.file}: {exc}", EXIT_UNREADABLE)
    finally:
        pool.close()
    sys.stdout.write(out)
    if fmt != "text":
        print(summary, file=sys.stderr)
    return status


def cmd_ingest(args, settings: Settings) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return fail(f"{path}: cannot read: {exc.strerror}")
    try:
        sources = load_sources(path.parent)
        result = ingest_bytes(
            data,
            path.stem,
            Iris(settings.base_iri),
            sources.get(path.name),
            str(path),
            lexicon_dir=Assets.from_settings(settings).lexicon_dir,
        )
    except IngestError as exc:
        return fail(str(exc) if exc.doc_id else f"{path.name}: {exc}")
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


def cmd_query(args, settings: Settings) -> int:
    text = args.query
    try:
        if text == "-":
            text = sys.stdin.buffer.read().decode("utf-8")
        elif text.startswith("@"):
            text = Path(text[1:]).read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return fail(f"query: not valid UTF-8: {exc}")
    except OSError as exc:
        return fail(f"query: cannot read {text[1:]}: {exc.strerror}")
    graph = "ntriples" if args.format in ("csv", "tsv", "table") else "turtle"
    remote = _remote(args, settings)
    path = Path(args.store or settings.store_path)
    if remote is None and not path.exists():
        return fail(f"no store at {path}: run `guize build` first")
    executor = (
        InlineExecutor(remote)  # the remote engine runs it; nothing here confines it
        if remote is not None
        else PooledExecutor(
            path,
            workers=1,
            timeout_s=settings.query_timeout_s,
            dump_timeout_s=settings.dump_timeout_s,
            memory_bytes=settings.worker_memory_bytes,
        )
    )
    try:
        read = admit(text, network_blocked=executor.confinement().network_blocked)
        base = executor.recorded_base() or settings.base_iri  # relative IRIs: the data's base
        job = QueryJob(text, "json", graph, union=not read.has_dataset, base_iri=base)
        result = executor.run(job)
    except GuizeError as exc:
        return fail(f"query: {exc}")
    finally:
        executor.close()
    if result.form == "graph":
        sys.stdout.write(result.body.decode("utf-8"))
        return EXIT_OK
    results = ox.parse_query_results(result.body, format=ox.QueryResultsFormat.JSON)
    if isinstance(results, ox.QueryBoolean):
        print(
            json.dumps({"head": {}, "boolean": bool(results)})
            if args.format == "json"
            else str(bool(results)).lower()
        )
    else:
        print(render_solutions(results, args.format))
    return EXIT_OK


def _remote(args, settings: Settings) -> RemoteStore | None:
    """The remote store when ``GUIZE_STORE_KIND=remote`` (else None).

    :raises StoreError: ``--store`` given as well (it names an embedded store), or no query URL.
    """
    if settings.store_kind != "remote":
        return None
    if getattr(args, "store", None):
        raise StoreError(
            "--store names an embedded store, but GUIZE_STORE_KIND=remote: drop --store to use "
            f"the remote store at {settings.remote_query_url or '(no GUIZE_REMOTE_QUERY_URL)'}, "
            "or unset GUIZE_STORE_KIND"
        )
    return RemoteStore.from_settings(settings)


def _read_store(args, settings: Settings):
    """The store to read -- the remote one (``GUIZE_STORE_KIND=remote``) or the embedded one --
    and the base its data is minted under (recorded by ``guize build``; the settings' base for
    a store that records none)."""
    store = _remote(args, settings)
    if store is None:
        path = Path(args.store or settings.store_path)
        if not path.exists():
            raise StoreError(f"no store at {path}: run `guize build` first")
        store = open_store(path, read_only=True)
    return store, recorded_base(store) or settings.base_iri


def cmd_compare(args, settings: Settings) -> int:
    prof = compare_stored.profile(*_read_store(args, settings))
    if args.csv:
        sys.stdout.write(to_csv(prof, load_vocabulary(Assets.from_settings(settings).ontology_dir)))
    else:
        print(json.dumps(prof, ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_serve(args, settings: Settings) -> int:
    try:
        serve(settings, host=args.host, port=args.port, workers=args.workers)
    except ConfigError as exc:
        return fail(str(exc))
    return EXIT_OK
