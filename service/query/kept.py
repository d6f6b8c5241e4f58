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


def kept_answers(
    store: Any, store_dir: str | Path | None, queries: dict[str, str]
) -> dict[str, list[dict[str, Any]]]:
    """The rows (variable → pyoxigraph term, None when unbound) the build kept for each of
    ``queries`` (name → SPARQL text) that can be trusted for ``store``: a query it kept no
    answer for, or answered with another text, is left out (all are when the kept folder is
    not trusted)."""
    if store_dir is None or not compare_stored.covers(store, store_dir):
        return {}
    try:
        path = compare_stored.kept_folder(store_dir) / ANSWERS_FILE
        kept = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError):
        return {}
    out = {}
    for name, text in queries.items():
        answer = kept.get(name) if isinstance(kept, dict) else None
        if not isinstance(answer, dict) or answer.get("query") != _digest(text):
            continue
        try:
            results = ox.parse_query_results(
                json.dumps(answer["results"]).encode("utf-8"), ox.QueryResultsFormat.JSON
            )
            names = [v.value for v in results.variables]
            out[name] = [{n: sol[n] for n in names} for sol in results]
        except (ValueError, KeyError, TypeError, SyntaxError):
            continue
    return out
