"""Answers kept beside a store version: whole-store queries the build answers once, so that
no reader waits for them (the home page's counts: seconds over every graph at thousands of
documents, every time a web worker meets a new version).

The answers are kept in the folder of the version's comparison profile
(:mod:`guize.compare_stored`), as SPARQL JSON results with the digest of the query's text.
They are read only while that folder is trusted (made by this code, covering exactly the
store's documents; a write through the service removes it) and the query's text is the one
answered.  Otherwise the query is asked of the store, which gives the same rows.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from guize import compare_stored

ANSWERS_FILE = "ANSWERS.json.gz"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def keep_answers(store: Any, store_dir: str | Path, queries: dict[str, str]) -> None:
    """Answer ``queries`` (name → SPARQL text) on ``store`` (the version at ``store_dir``,
    whose profile folder :func:`guize.compare_stored.keep` has written) and keep the answers."""
    answers = {
        name: {
            "query": _digest(text),
            "results": json.loads(store.query(text).serialize(format=ox.QueryResultsFormat.JSON)),
        }
        for name, text in queries.items()
    }
    data = json.dumps(answers, ensure_ascii=False).encode("utf-8")
    path = compare_stored.kept_folder(store_dir) / ANSWERS_FILE
    path.write_bytes(gzip.compress(data, compresslevel=6, mtime=0))


def kept_answer(
    store: Any, store_dir: str | Path | None, name: str, text: str
) -> list[dict[str, Any]] | None:
    """The rows (variable → pyoxigraph term, None when unbound) the build kept for the query
    ``name`` whose text is ``text``, or None when it kept none that can be trusted for
    ``store``."""
    if store_dir is None or not compare_stored.covers(store, store_dir):
        return None
    try:
        path = compare_stored.kept_folder(store_dir) / ANSWERS_FILE
        kept = json.loads(gzip.decompress(path.read_bytes())).get(name)
        if not isinstance(kept, dict) or kept.get("query") != _digest(text):
            return None
        results = ox.parse_query_results(
            json.dumps(kept["results"]).encode("utf-8"), ox.QueryResultsFormat.JSON
        )
    except (OSError, ValueError, EOFError, KeyError, TypeError, SyntaxError):
        return None
    names = [v.value for v in results.variables]
    return [{n: sol[n] for n in names} for sol in results]
