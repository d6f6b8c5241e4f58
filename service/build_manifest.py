"""What a build knows of the previous one: each document's content hash, the graph it made,
and what the supersession step reads of that graph (:class:`guize.supersede.Evidence`, so a
rebuild does not read every document's provisions again).

An incremental build skips a document whose hash is the one recorded, when its graph is still in
the store: it is not ingested, validated or written again.  A document's hash covers its bytes and
its ``sources.yaml`` entry; the manifest's *fingerprint* covers everything else the graph depends
on (the guize code, the lexicon, the ontology and shapes -- the conformance results are kept
beside each graph --, the base IRI, whether documents were checked).  When the fingerprint differs, every document is built again.

The manifest of an embedded store is the file ``guize-build.json`` inside the store version it
describes (written before the version is published, so the two never disagree, and removed with
it).  A remote store keeps it in the graph ``urn:guize:build``: one resource per document file
(its name, hash, graph and the fingerprint it was built under), each replaced by its own update,
so several sharded builders writing at once never overwrite each other's entries.  An entry is
written after its document's graph, and trusted only while that graph is in the store.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from guize.assets import Assets
from guize.ingest.model import SourceInfo

MANIFEST_FILE = "guize-build.json"
#: The graph of the manifest in a remote store, and its terms.
MANIFEST_GRAPH = "urn:guize:build"
_TERM = MANIFEST_GRAPH + "#"
#: Entries written per update request.
_BATCH = 200
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
    evidence: dict[str, Any] | None = field(default=None, compare=False)
    """What the supersession step reads of the document (:class:`guize.supersede.Evidence`
    in its JSON form), kept so an incremental build reads only the graphs it wrote; not kept
    in a remote store's manifest."""


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
            str(name): Entry(str(e["hash"]), str(e["graph"]), e.get("evidence"))
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
        # the entries' fields as they are (asdict would copy every evidence deeply)
        "documents": {
            n: {"hash": e.hash, "graph": e.graph, "evidence": e.evidence}
            for n, e in sorted(manifest.documents.items())
        },
    }
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
    tmp.replace(path)


def read_store_manifest(store: Any, fingerprint: str) -> Manifest:
    """The entries of the manifest kept in a (remote) store that were built under
    ``fingerprint`` (empty when there are none)."""
    rows = store.query(
        f"SELECT ?name ?hash ?graph WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ ?e <{_TERM}file> ?name ;"
        f" <{_TERM}hash> ?hash ; <{_TERM}graph> ?graph ; <{_TERM}fingerprint> ?fp }} }}",
        named_graphs=[MANIFEST_GRAPH],
        substitutions={"fp": ox.Literal(fingerprint)},
    )
    docs = {r["name"].value: Entry(r["hash"].value, r["graph"].value) for r in rows}
    return Manifest(fingerprint if docs else "", docs)


def write_store_manifest(store: Any, manifest: Manifest, previous: Manifest | None) -> int:
    """Write into ``store`` the entries of ``manifest`` that ``previous`` does not already hold
    as they are; each entry replaced whole.

    :returns: how many entries were written.
    """
    same = previous is not None and previous.fingerprint == manifest.fingerprint
    changed = [
        (name, e)
        for name, e in sorted(manifest.documents.items())
        if not (same and previous is not None and previous.documents.get(name) == e)
    ]
    fp = ox.Literal(manifest.fingerprint)
    for at in range(0, len(changed), _BATCH):
        ops = []
        for name, e in changed[at : at + _BATCH]:
            node = ox.NamedNode(f"{MANIFEST_GRAPH}:{hashlib.sha256(name.encode()).hexdigest()}")
            entry = (
                f"{node} <{_TERM}file> {ox.Literal(name)} ; <{_TERM}hash> {ox.Literal(e.hash)} ;"
                f" <{_TERM}graph> {ox.NamedNode(e.graph)} ; <{_TERM}fingerprint> {fp} ."
            )
            ops.append(f"DELETE WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ {node} ?p ?o }} }}")
            ops.append(f"INSERT DATA {{ GRAPH <{MANIFEST_GRAPH}> {{ {entry} }} }}")
        store.update(" ;\n".join(ops))
    return len(changed)
