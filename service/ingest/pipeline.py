"""The ingest pipeline for one document: decode → clean → parse → extract → to_rdf.

Pure: takes bytes and settings, returns values.  Files and the store are touched
only by :mod:`service.cli` and :mod:`service.build`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from service.ingest.clean import clean, decode
from service.ingest.errors import IngestError
from service.ingest.extract import extract
from service.ingest.facts import Facts
from service.ingest.model import ParsedDocument, SourceInfo
from service.ingest.parse import parse
from service.ingest.to_rdf import DocumentGraph, to_rdf
from service.iris import Iris

SOURCES_FILE = "sources.yaml"
#: File name endings read as documents.
TEXT_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Ingested:
    parsed: ParsedDocument
    graph: DocumentGraph
    facts: Facts | None = None


def load_sources(folder: Path) -> dict[str, SourceInfo]:
    """Read ``sources.yaml`` (file name → description), or {} when absent.

    :raises IngestError: if the file exists but is not a mapping of documents.
    """
    path = folder / SOURCES_FILE
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise IngestError("sources", f"{path} is not valid YAML: {exc}") from exc
    docs = data.get("documents", data) if isinstance(data, dict) else None
    if not isinstance(docs, dict):
        raise IngestError("sources", f"{path}: expected a mapping 'documents: {{file: {{...}}}}'")
    out = {}
    for name, entry in docs.items():
        entry = entry or {}
        if not isinstance(entry, dict):
            raise IngestError("sources", f"{path}: entry {name!r} is not a mapping")
        known = {
            k: entry.get(k)
            for k in ("government", "place", "level", "province", "url", "retrieved", "notes")
        }
        out[str(name)] = SourceInfo(
            doc_id=Path(str(name)).stem,
            defects=tuple(entry.get("defects") or ()),
            **{k: (str(v) if v is not None else None) for k, v in known.items()},
        )
    return out


def document_files(folder: Path) -> list[Path]:
    """The documents in ``folder``, in name order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in TEXT_SUFFIXES)


def ingest_bytes(
    data: bytes, doc_id: str, iris: Iris, source: SourceInfo | None = None, path: str | None = None
) -> Ingested:
    """Run every stage on one document.

    :raises IngestError: naming the stage and the problem, if it is not a work rule.
    """
    raw = decode(data, doc_id, path)
    cleaned = clean(raw)
    parsed = parse(cleaned, source)
    facts = extract(parsed)
    return Ingested(parsed, to_rdf(parsed, iris, facts), facts)
