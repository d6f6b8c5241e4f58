"""Answers of other SPARQL engines read leniently, where they depart from the standard formats in
ways that lose nothing: Virtuoso's blank-node labels (``nodeID://b10001``) and its ASK answered as
a table of one value (``__ASK_RETVAL`` = 1) on its authenticated endpoint.

>>> blank_labels(b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "bnode", "value": "nodeID://b1"}}]}}', ox.QueryResultsFormat.JSON)
b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "bnode", "value": "nodeID___b1"}}]}}'
"""

from __future__ import annotations

import json
import re

import pyoxigraph as ox


def blank_labels(body: bytes, fmt: ox.QueryResultsFormat) -> bytes:
    """SPARQL JSON results with blank-node labels made valid (Virtuoso writes
    ``nodeID://b10001``, which is not a blank-node label)."""
    if fmt != ox.QueryResultsFormat.JSON or b'"bnode"' not in body:
        return body
    data = json.loads(body)
    for row in data.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "bnode":
                term["value"] = re.sub(r"[^A-Za-z0-9_]", "_", term["value"])
    return json.dumps(data).encode()


def boolean(solutions: ox.QuerySolutions) -> ox.QueryBoolean:
    """An ASK answered as a table of one value (``__ASK_RETVAL`` = 1): read as the boolean."""
    rows = list(solutions)
    value = rows[0][0] if rows and len(solutions.variables) == 1 else None
    truth = value is not None and value.value.strip().lower() in ("1", "true")
    return ox.parse_query_results(
        b'{"head": {}, "boolean": ' + (b"true" if truth else b"false") + b"}",
        ox.QueryResultsFormat.JSON,
    )
