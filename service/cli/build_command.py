"""``guize build``: the documents of a folder into a new version of the embedded store (published
when the build ends, the old one kept beside it), or into a remote store, incrementally.

Exit status as every subcommand's (:mod:`guize.cli.commands`).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from guize import compare_stored
from guize.assets import Assets
from guize.build import build
from guize.build_manifest import (
    fingerprint,
    read_manifest,
    read_store_manifest,
    write_manifest,
    write_store_manifest,
)
from guize.cli.commands import EXIT_FAILED, EXIT_OK, _remote, fail
from guize.config import Settings
from guize.iris import Iris
from guize.query.kept import keep_answers
from guize.store import (
    BuildLock,
    RemoteStore,
    StoreError,
    compact,
    discard_version,
    open_store,
    prepare_version,
    publish_version,
)
from guize.validate import ShapesError, integrity_check
from guize.web.pages.store import ADDITIVE_KEPT, KEPT_QUERIES, sparql


def cmd_build(args, settings: Settings) -> int:
    source = Path(args.source or settings.source_dir)
    if not source.is_dir():
        return fail(f"--source {source}: not a folder")
    try:
        shard = _shard(args.shard)
    except ValueError as exc:
        return fail(str(exc))
    if shard is not None and args.prune:
        return fail("--prune with --shard: a shard would drop the other shards' documents")
    try:
        check = _integrity_check(args, settings)
    except ShapesError as exc:
        return fail(f"shapes: {exc}")
    remote = _remote(args, settings)
    if remote is not None:  # each graph replaced atomically by a Graph Store Protocol PUT
        return _build_remote(remote, source, args, settings, check, shard)
    if shard is not None:
        return fail("--shard needs a remote store (GUIZE_STORE_KIND=remote): one writer per store")
    target = Path(args.store or settings.store_path)
    try:
        with BuildLock(target):
            previous = None if args.full or not target.exists() else read_manifest(target)
            new = prepare_version(target, _stamp())
            try:
                store = open_store(new)
                report = _build_into(store, source, args, settings, check, None, previous)
                computed = compare_stored.keep(
                    store, report.profiles, target if target.exists() else None, settings.base_iri
                )
                if computed:
                    print(
                        f"comparison profile: {computed} document(s) profiled from the store "
                        "(the previous version kept no profile for them)",
                        file=sys.stderr,
                    )
                _keep_answers(store, new, target, previous, report)
                store.close()
                compact(new, optimize=_rewrote_much(report))
                write_manifest(new, report.manifest)
            except (StoreError, OSError) as exc:
                discard_version(new)
                return fail(f"build: {exc}; nothing was published, {target} is unchanged")
            publish_version(target, new, grace_s=settings.query_timeout_s)
    except StoreError as exc:
        return fail(str(exc))
    print(f"store {target} → {new.name}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED


def _keep_answers(store, new: Path, target: Path, previous, report) -> None:
    """Keep the whole-store page answers beside the new version: the additive ones updated
    from the previous version's by the documents this build rewrote, when it was incremental."""
    since = None
    if previous is not None and target.exists():
        since = (target, [*report.rebuilt, *report.pruned])
    how = keep_answers(
        store,
        new,
        {name: sparql(name) for name in KEPT_QUERIES},
        additive=ADDITIVE_KEPT,
        since=since,
    )
    updated = sorted(name for name, made in how.items() if made == "updated")
    if updated:
        print(
            f"page answers {', '.join(updated)} updated from the previous version's "
            f"({len(report.rebuilt) + len(report.pruned)} document(s) rewritten)",
            file=sys.stderr,
        )


def _rewrote_much(report) -> bool:
    """Whether a build wrote enough of the store to be worth a full compaction: a first or
    full build, or one that replaced at least a tenth of the documents.  Rebuilding a few
    documents of a large store skips it (a full compaction rewrites every file, seconds per
    hundred documents)."""
    return report.built > 0 and 10 * report.built >= len(report.written)


def _stamp() -> str:
    """A new store version's name: the time to the microsecond and the process (two builds of
    one process within a second, as tests run them, got the same name)."""
    now = time.time()
    return (
        time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f"{now % 1:.6f}"[1:] + f"-{os.getpid()}"
    )


def _build_remote(remote, source: Path, args, settings: Settings, check, shard) -> int:
    """Build into a remote store, incrementally: the manifest is kept in the store's graph
    ``urn:guize:build`` (:func:`guize.build_manifest.read_store_manifest`)."""
    reasoned = not getattr(args, "no_inferred", False)
    current = fingerprint(
        Assets.from_settings(settings), settings.base_iri, check is not None, reasoned
    )
    previous = None if args.full else read_store_manifest(remote, current)
    report = _build_into(remote, source, args, settings, check, shard, previous)
    write_store_manifest(remote, report.manifest, previous)
    print(f"store: remote {settings.remote_query_url}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED


def _shard(text: str | None) -> tuple[int, int] | None:
    """``K/N`` as ``(k, n)``.

    :raises ValueError: unless 1 ≤ K ≤ N.
    """
    if not text:
        return None
    k, sep, n = text.partition("/")
    if sep and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n):
        return int(k), int(n)
    raise ValueError(f"--shard {text}: expected K/N with 1 ≤ K ≤ N, e.g. 1/4")


def _build_into(store, source: Path, args, settings: Settings, check, shard, previous):
    """Build into ``store``; an embedded store is a version nobody reads yet (bulk-loaded)."""
    return build(
        source,
        store,
        Iris(settings.base_iri),
        prune=args.prune,
        check=check,
        assets=Assets.from_settings(settings),
        reason=not getattr(args, "no_inferred", False),
        jobs=args.jobs if getattr(args, "jobs", 0) > 0 else (os.cpu_count() or 1),
        shard=shard,
        previous=previous,
        private=not isinstance(store, RemoteStore),
    )


def _integrity_check(args, settings: Settings):
    """The SHACL integrity check run on each document before it is written (None: skipped).

    :raises ShapesError: if the integrity shapes cannot be loaded.
    """
    if getattr(args, "no_check", False):
        return None
    assets = Assets.from_settings(settings)
    return integrity_check(settings.base_iri, assets.shapes_dir, assets.ontology_dir)
