"""What a build knows of the previous one: each document's content hash and the graph it made.

An incremental build skips a document whose hash is the one recorded, when its graph is still in
the store: it is not ingested, validated or written again.  A document's hash covers its bytes and
its ``sources.yaml`` entry; the manifest's *fingerprint* covers everything else the graph depends
on (the guize code, the lexicon, the ontology and shapes -- the conformance results are kept
beside each graph --, the base IRI, whether documents were checked).  When the fingerprint differs, every document is built again.

The manifest of an embedded store is the file ``guize-build.json`` inside the store version it
describes (written before the version is published, so the two never disagree, and removed with
it).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from guize.assets import Assets
from guize.ingest.model import SourceInfo

MANIFEST_FILE = "guize-build.json"
_CODE = Path(__file__).resolve().parent
#: The modules and packages of guize a document's graph depends on.
CODE_PARTS = (
    "ingest",
    "rdf",
    "reason",
    "validate",
    "pipeline.py",
    "iris.py",
    "namespaces.py",
    "vocab.py",
    "assets.py",
    "build_work.py",
)


@dataclass(frozen=True)
class Entry:
    hash: str
    graph: str


@dataclass
class Manifest:
    fingerprint: str = ""
    documents: dict[str, Entry] = field(default_factory=dict)  # file name → entry

    def unchanged(self, name: str, digest: str, fingerprint: str) -> Entry | None:
        """The entry of ``name`` if it was built from these very inputs."""
        entry = self.documents.get(name)
        if entry is None or fingerprint != self.fingerprint or entry.hash != digest:
            return None
        return entry


def _hash_files(h: hashlib._Hash, root: Path, pattern: str) -> None:
    if not root.is_dir():
        return
    for path in sorted(root.rglob(pattern)):
        if path.is_file():
            h.update(path.relative_to(root).as_posix().encode() + b"\0")
            h.update(path.read_bytes())


def fingerprint(
    assets: Assets, base_iri: str, checked: bool, reasoned: bool = True, conformed: bool = True
) -> str:
    """What every document's graph depends on besides its own text."""
    h = hashlib.sha256(f"{base_iri}\0{checked}\0{reasoned}\0".encode())
    if not conformed:  # no conformance report kept beside the graphs
        h.update(b"unconformed\0")
    for part in CODE_PARTS:  # the code a document's graph comes from (not the web's, say)
        if (_CODE / part).is_dir():
            _hash_files(h, _CODE / part, "*.py")
        else:
            _hash_files(h, _CODE, part)
    _hash_files(h, assets.lexicon_dir, "*")
    _hash_files(h, assets.ontology_dir, "*.ttl")
    _hash_files(h, assets.shapes_dir, "*.ttl")  # integrity (when checked) and conformance
    return h.hexdigest()


def document_hash(data: bytes, source: SourceInfo | None) -> str:
    """The hash of a document's bytes and of its ``sources.yaml`` entry."""
    h = hashlib.sha256(data)
    described = asdict(source) if source is not None else None
    h.update(json.dumps(described, sort_keys=True, ensure_ascii=False, default=str).encode())
    return h.hexdigest()


def read_manifest(store_dir: str | Path | None) -> Manifest:
    """The manifest of the store version at ``store_dir`` (empty when there is none)."""
    if store_dir is None:
        return Manifest()
    try:
        data = json.loads(Path(os.path.realpath(store_dir), MANIFEST_FILE).read_text("utf-8"))
        docs = {
            str(name): Entry(str(e["hash"]), str(e["graph"]))
            for name, e in data.get("documents", {}).items()
        }
        return Manifest(str(data.get("fingerprint", "")), docs)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return Manifest()


def write_manifest(store_dir: str | Path, manifest: Manifest) -> None:
    """Write ``manifest`` into the store version at ``store_dir`` (atomically)."""
    path = Path(store_dir, MANIFEST_FILE)
    tmp = path.with_suffix(".tmp")
    data = {
        "fingerprint": manifest.fingerprint,
        "documents": {n: asdict(e) for n, e in sorted(manifest.documents.items())},
    }
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
    tmp.replace(path)
