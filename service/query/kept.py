"""Answers kept beside a store version: whole-store queries the build answers once, so that
no reader waits for them (the home page's counts: seconds over every graph at thousands of
documents, every time a web worker meets a new version).

The answers are kept in the folder of the version's comparison profile
(:mod:`guize.compare_stored`), as SPARQL JSON results with the digest of the query's text.
They are read only while that folder is trusted (made by this code, covering exactly the
store's documents; a write through the service removes it) and the query's text is the one
answered.  Otherwise the query is asked of the store, which gives the same rows.

A build that rewrote a few documents of a large store does not ask the whole store again for
the answers that are sums over documents (counts of chapters, provisions, facts): it takes the
previous version's and adds what changed, read from the graphs it rewrote (at 3,000 documents
the two whole-store counts took about 1.7 s of an incremental build).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from guize import compare_stored
from guize.store import StoreError, open_store

ANSWERS_FILE = "ANSWERS.json.gz"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def keep_answers(
    store: Any,
    store_dir: str | Path,
    queries: dict[str, str],
    *,
    additive: Iterable[str] = (),
    since: tuple[str | Path, Iterable[str]] | None = None,
) -> dict[str, str]:
    """Answer ``queries`` (name → SPARQL text) on ``store`` (the version at ``store_dir``,
    whose profile folder :func:`guize.compare_stored.keep` has written) and keep the answers.

    :param additive: the queries whose answer is a sum over documents: each counts nodes that
        belong to one document's graphs (its chapters, provisions, facts), grouped by terms
        that are not counts.  With ``since``, their answers are the previous version's
        updated by what changed (:func:`_updated`) rather than asked of the whole store.
    :param since: (the previous version's folder, the document graphs this build wrote or
        removed).
    :returns: name → ``"updated"`` or ``"asked"``: how each answer was made.
    """
    updated = _updated(store, queries, set(additive), since) if since is not None else {}
    answers, how = {}, {}
    for name, text in queries.items():
        results = updated.get(name)
        how[name] = "asked" if results is None else "updated"
        answers[name] = {
            "query": _digest(text),
            "results": _results(store, text) if results is None else results,
        }
    data = json.dumps(answers, ensure_ascii=False).encode("utf-8")
    path = compare_stored.kept_folder(store_dir) / ANSWERS_FILE
    path.write_bytes(gzip.compress(data, compresslevel=6, mtime=0))
    return how


def _results(store: Any, text: str, graphs: list[str] | None = None) -> dict[str, Any]:
    """SPARQL JSON results of ``text`` on ``store`` (on the union of ``graphs`` alone)."""
    found = store.query(text) if graphs is None else store.query(text, default_graphs=graphs)
    return json.loads(found.serialize(format=ox.QueryResultsFormat.JSON))


def _updated(
    store: Any, queries: dict[str, str], additive: set[str], since: tuple[Any, Iterable[str]]
) -> dict[str, dict[str, Any]]:
    """The answers of the additive ``queries`` on ``store``, from those kept beside the
    previous version: kept − (what the previous version's other graphs give) + (what the new
    version's give), where the other graphs are every graph but those of the documents this
    build left as they were (a document's graph, ``…/inferred``, ``…/conformance``).

    Exact when no counted node belongs both to a document left alone and to another graph,
    which holds for nodes minted under their document's IRI.  Empty (every answer asked of
    the whole store) when the previous answers cannot be trusted, when half the documents or
    more were rewritten (asking is then cheaper), or when a count would come out negative.
    """
    previous_dir, rewritten = since
    wanted = {n: t for n, t in queries.items() if n in additive}
    if not wanted:
        return {}
    try:
        before = open_store(previous_dir, read_only=True)
    except StoreError:
        return {}
    try:
        kept = _kept_results(before, previous_dir, wanted)
        documents = compare_stored.document_graphs(before)
        rewritten = set(rewritten)
        left = (documents & compare_stored.document_graphs(store)) - rewritten
        if not kept or 2 * (len(documents | rewritten) - len(left)) >= max(len(documents), 1):
            return {}
        old, new = _others(before, left), _others(store, left)
        out = {}
        for name, results in kept.items():
            total = _sum(
                [
                    (1, results),
                    (-1, _results(before, wanted[name], old)),
                    (1, _results(store, wanted[name], new)),
                ]
            )
            if total is not None:
                out[name] = total
        return out
    finally:
        before.close()


def _others(store: Any, documents: set[str]) -> list[str]:
    """The named graphs of ``store`` that are not those of ``documents``."""
    return [
        g
        for g in store.named_graphs()
        if g not in documents and g.rsplit("/", 1)[0] not in documents
    ]


_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def _sum(signed: list[tuple[int, dict[str, Any]]]) -> dict[str, Any] | None:
    """SPARQL JSON results added up with their signs: rows with the same terms that are not
    integers are one row, whose integers are the signed sums.  A row whose counts all come to
    zero is gone (a group with no member), unless it is the only row of an answer without
    groups (the counts of a whole store).  None if a count comes out negative.  Rows come in
    descending order of their counts, then of their terms."""
    variables = signed[0][1]["head"]["vars"]
    rows: dict[str, tuple[dict[str, Any], dict[str, int]]] = {}
    for sign, results in signed:
        for binding in results["results"]["bindings"]:
            terms = {v: t for v, t in binding.items() if not _is_integer(t)}
            key = json.dumps(terms, sort_keys=True)
            counts = rows.setdefault(key, (terms, {}))[1]
            for v, t in binding.items():
                if _is_integer(t):
                    counts[v] = counts.get(v, 0) + sign * int(t["value"])
    out = []
    for terms, counts in rows.values():
        if any(n < 0 for n in counts.values()):
            return None
        if terms and not any(counts.values()):
            continue
        row = dict(terms)
        row.update(
            {
                v: {"type": "literal", "value": str(n), "datatype": _INTEGER}
                for v, n in counts.items()
            }
        )
        out.append((sorted(counts.values(), reverse=True), json.dumps(terms, sort_keys=True), row))
    out.sort(key=lambda r: ([-n for n in r[0]], r[1]))
    return {"head": {"vars": variables}, "results": {"bindings": [r[2] for r in out]}}


def _is_integer(term: dict[str, Any]) -> bool:
    return term.get("type") == "literal" and term.get("datatype") == _INTEGER


def _kept_results(
    store: Any, store_dir: str | Path, queries: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """The SPARQL JSON results kept beside the version at ``store_dir`` for each of
    ``queries`` that can be trusted for ``store`` (see :func:`kept_answers`)."""
    if not compare_stored.covers(store, store_dir):
        return {}
    try:
        path = compare_stored.kept_folder(store_dir) / ANSWERS_FILE
        kept = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError):
        return {}
    if not isinstance(kept, dict):
        return {}
    out = {}
    for name, text in queries.items():
        answer = kept.get(name)
        if isinstance(answer, dict) and answer.get("query") == _digest(text):
            results = answer.get("results")
            if isinstance(results, dict) and isinstance(results.get("results"), dict):
                out[name] = results
    return out


def kept_answers(
    store: Any, store_dir: str | Path | None, queries: dict[str, str]
) -> dict[str, list[dict[str, Any]]]:
    """The rows (variable → pyoxigraph term, None when unbound) the build kept for each of
    ``queries`` (name → SPARQL text) that can be trusted for ``store``: a query it kept no
    answer for, or answered with another text, is left out (all are when the kept folder is
    not trusted)."""
    if store_dir is None:
        return {}
    out = {}
    for name, kept in _kept_results(store, store_dir, queries).items():
        try:
            results = ox.parse_query_results(
                json.dumps(kept).encode("utf-8"), ox.QueryResultsFormat.JSON
            )
            names = [v.value for v in results.variables]
            out[name] = [{n: sol[n] for n in names} for sol in results]
        except (ValueError, KeyError, TypeError, SyntaxError):
            continue
    return out
