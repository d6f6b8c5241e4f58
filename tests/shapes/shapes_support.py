"""Reading the shape fixtures of tests/shapes/ (see tests/shapes/README.md).

A fixture is Turtle written relative to the base IRI.  Header comment lines:

- ``# base: parts/x.ttl`` (repeatable): parse that file first (its own bases too);
  so a fixture is a few added triples on top of a known-good graph, and an
  absence is a fixture that leaves one part out.
- ``# severity: violation|warning|info``: the severity the named shape must report
  (default: the shape's own sh:severity).
- ``# also: ShapeName ...``: other shapes this fixture is expected to fire too.
- ``# value: <relative IRI>`` / ``# provision: <relative IRI>``: a result of the
  named shape must have this sh:value / source provision.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

ROOT = Path(__file__).resolve().parent
BASE = "http://127.0.0.1:5000/"
_HEADER = re.compile(r"^#\s*(base|severity|also|value|provision):\s*(.+?)\s*$")


def headers(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line)
        if m:
            out.setdefault(m.group(1), []).append(m.group(2))
    return out


def load(path: Path, base: str = BASE, into: Graph | None = None) -> Graph:
    """The fixture's graph: its bases, then itself, parsed under ``base``."""
    g = Graph() if into is None else into
    for b in headers(path).get("base", []):
        load(ROOT / b, base, g)
    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore", UserWarning
        )  # ill-typed literals are the point of some fixtures
        g.parse(path, format="turtle", publicID=base)
    return g


@dataclass(frozen=True)
class Expectation:
    shape: str  # the shape's local name, from the file name <Shape>__<what>.ttl
    severity: str | None
    also: frozenset[str]
    value: str | None
    provision: str | None


def expectation(path: Path) -> Expectation:
    h = headers(path)
    also = frozenset(x for line in h.get("also", []) for x in line.split())
    return Expectation(
        path.name.split("__", 1)[0],
        (h.get("severity") or [None])[0],
        also,
        (h.get("value") or [None])[0],
        (h.get("provision") or [None])[0],
    )


def valid_files() -> list[Path]:
    return sorted((ROOT / "valid").glob("*.ttl"))


def invalid_files() -> list[Path]:
    return sorted((ROOT / "invalid").glob("*.ttl"))
