"""The ingest pipeline for one document: decode → clean → parse → extract → to_rdf.

Pure: takes bytes and settings, returns values.  Files and the store are touched
only by :mod:`guize.cli` and :mod:`guize.build`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from guize.assets import bundled
from guize.ingest.clean import clean, decode, load_lexicon
from guize.ingest.extract import extract
from guize.ingest.extract.lexicon import load_lexicon as load_extraction_lexicon
from guize.ingest.facts import Facts
from guize.ingest.model import ParsedDocument, SourceInfo
from guize.ingest.parse import parse
from guize.iris import Iris
from guize.rdf import DocumentGraph, to_rdf
from guize.reason import compile_rules, materialise


@dataclass(frozen=True)
class Ingested:
    parsed: ParsedDocument
    graph: DocumentGraph
    facts: Facts | None = None
    inferred: Graph | None = None  # what the ontology's axioms add (None: not materialised)

    @property
    def full(self) -> Graph:
        """The document's graph with its inferred triples (what shapes and queries see)."""
        if self.inferred is None or not len(self.inferred):
            return self.graph.graph
        g = Graph()
        g += self.graph.graph
        g += self.inferred
        return g


def ingest_bytes(
    data: bytes,
    doc_id: str,
    iris: Iris,
    source: SourceInfo | None = None,
    path: str | None = None,
    *,
    lexicon_dir: Path | None = None,
    reason: bool = True,
) -> Ingested:
    """Run every stage on one document.

    :param lexicon_dir: the lexicon to read (default: the one guize ships with).
    :param reason: materialise the ontology's inferences (:mod:`guize.reason`) into
        ``Ingested.inferred``.
    :raises IngestError: naming the stage and the problem, if it is not a work rule.
    """
    folder = Path(lexicon_dir) if lexicon_dir else bundled("lexicon")
    parsed = parse(clean(decode(data, doc_id, path), load_lexicon(folder)), source)
    facts = extract(parsed, load_extraction_lexicon(folder / "extraction.yaml"))
    graph = to_rdf(parsed, iris, facts)
    inferred = materialise(graph.graph, compile_rules()) if reason else None
    return Ingested(parsed, graph, facts, inferred)
