"""The sources of a build: the documents of a folder and their descriptions in ``sources.yaml``
(file name → government, place, level, province, url, retrieved, notes, defects).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from guize.ingest.errors import IngestError
from guize.ingest.model import SourceInfo
from guize.yamltext import load_yaml

SOURCES_FILE = "sources.yaml"
#: File name endings read as documents.
TEXT_SUFFIXES = (".txt",)


def load_sources(folder: Path) -> dict[str, SourceInfo]:
    """Read ``sources.yaml`` (file name → description), or {} when absent.

    :raises IngestError: if the file exists but is not a mapping of documents.
    """
    path = folder / SOURCES_FILE
    if not path.exists():
        return {}
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
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
