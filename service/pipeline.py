"""The ingest pipeline for one document: decode → clean → parse → extract → to_rdf.

Pure: takes bytes and settings, returns values.  Files and the store are touched
only by :mod:`guize.cli` and :mod:`guize.build`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from guize.assets import bundled
from guize.ingest.clean import clean, decode, load_lexicon
from guize.ingest.extract import extract
from guize.ingest.extract.lexicon import load_lexicon as load_extraction_lexicon
from guize.ingest.facts import Facts
from guize.ingest.model import ParsedDocument, SourceInfo
from guize.ingest.parse import parse
from guize.iris import Iris
from guize.rdf import DocumentGraph, to_rdf


@dataclass(frozen=True)
class Ingested:
    parsed: ParsedDocument
    graph: DocumentGraph
    facts: Facts | None = None


def ingest_bytes(
    data: bytes,
    doc_id: str,
    iris: Iris,
    source: SourceInfo | None = None,
    path: str | None = None,
    *,
    lexicon_dir: Path | None = None,
) -> Ingested:
    """Run every stage on one document.

    :param lexicon_dir: the lexicon to read (default: the one guize ships with).
    :raises IngestError: naming the stage and the problem, if it is not a work rule.
    """
    folder = Path(lexicon_dir) if lexicon_dir else bundled("lexicon")
    parsed = parse(clean(decode(data, doc_id, path), load_lexicon(folder)), source)
    facts = extract(parsed, load_extraction_lexicon(folder / "extraction.yaml"))
    return Ingested(parsed, to_rdf(parsed, iris, facts), facts)
