"""What the browser tests share beyond fixtures: the store's ground truth over plain HTTP (the
SPARQL endpoint, used by the tests only, never by the "researcher"), and a record of how long
each question took through the pages (``timings.json`` beside the screenshots)."""

from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from conftest import SHOTS

GZ = "https://w3id.org/guize/ontology#"
PREFIXES = (
    f"PREFIX gz: <{GZ}>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX eli: <http://data.europa.eu/eli/ontology#>\n"
)


def sparql(service_url: str, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT on the service's endpoint, as {variable: value}."""
    body = urllib.parse.urlencode({"query": PREFIXES + query}).encode()
    req = urllib.request.Request(
        service_url + "/sparql",
        data=body,
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        data = json.load(resp)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


@contextmanager
def timed(name: str) -> Iterator[None]:
    """Time a question answered through the pages; written to ``timings.json``."""
    started = time.monotonic()
    yield
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / "timings.json"
    times = json.loads(path.read_text()) if path.exists() else {}
    times[name] = round(time.monotonic() - started, 2)
    path.write_text(json.dumps(times, ensure_ascii=False, indent=1))
