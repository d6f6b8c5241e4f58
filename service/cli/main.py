"""The ``guize`` command line: the parser and ``main``.

Exit status: 0 success; 1 a build with failed documents or a validation with violations; 2 bad
input (a file that is not a work rule, a malformed query, a store that cannot be opened).
Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import PackageNotFoundError, version

from guize.cli.build_command import cmd_build
from guize.cli.commands import (
    cmd_compare,
    cmd_ingest,
    cmd_query,
    cmd_serve,
    cmd_validate,
    fail,
)
from guize.cli.reason import cmd_reason
from guize.config import ConfigError, Settings
from guize.errors import GuizeError
from guize.ingest.errors import IngestError
from guize.web.serve import serving_address


def _version() -> str:
    try:
        return version("guize")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="guize", description="Work rules of Chinese people's governments as a knowledge graph."
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
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
    b.add_argument(
        "--no-inferred",
        action="store_true",
        help="do not materialise the ontology's inferences (no {graph}/inferred graphs)",
    )
    b.add_argument(
        "--jobs",
        type=int,
        default=0,
        help="worker processes that ingest and check documents (default: the machine's cores)",
    )
    b.add_argument(
        "--shard",
        metavar="K/N",
        help="build only shard K of N of the documents (several builds into one remote store)",
    )
    b.add_argument(
        "--full",
        action="store_true",
        help="build every document again, even those unchanged since the last build",
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
    v.add_argument(
        "--jobs",
        type=int,
        default=0,
        help="worker processes validating the store's documents (default: the machine's cores)",
    )
    v.set_defaults(func=cmd_validate)

    c = sub.add_parser("compare", help="the comparison profile of every document in the store")
    c.add_argument("--store", help=store_help)
    fmt = c.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", default=True, help="one JSON object (default)")
    fmt.add_argument("--csv", action="store_true", help="a flat matrix, one row per document")
    c.set_defaults(func=cmd_compare)

    r = sub.add_parser(
        "reason",
        help="HermiT's consistency verdict on the store, and what the build inferred",
        description="Exit status: 0 consistent, 1 inconsistent (or unsatisfiable classes, or two "
        "posts sharing a key), 2 no store or no java.",
    )
    r.add_argument("--store", help=store_help)
    r.add_argument("--documents", type=int, help="reason over the first N documents only")
    r.add_argument("--json", action="store_true", help="one JSON object")
    r.set_defaults(func=cmd_reason)

    s = sub.add_parser(
        "serve", help="serve the store over HTTP (SPARQL endpoint, linked data, pages)"
    )
    s.add_argument("--store", help=store_help)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=5000)
    s.add_argument(
        "--workers",
        type=int,
        help="gunicorn worker processes (default: 1 with updates to the embedded store, "
        "else 2 on a machine of two or more cores)",
    )
    s.add_argument(
        "--base-iri",
        help="the address IRIs are answered at (default: GUIZE_BASE_IRI, else http://HOST:PORT/); "
        "a store built under another base is mapped to it",
    )
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    overrides = {}
    if getattr(args, "store", None):
        overrides["store_path"] = args.store
    if args.command == "serve":
        overrides["base_iri"] = args.base_iri or serving_address(args.host, args.port)
    try:
        settings = Settings.from_env(**overrides)
    except ConfigError as exc:
        return fail(str(exc))
    try:
        return args.func(args, settings)
    except (IngestError, GuizeError) as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
