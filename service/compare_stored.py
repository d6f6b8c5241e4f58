"""The comparison profile kept by the build: each document's part of the profile, computed
once from its own graphs while it is built, and kept beside the store version it describes
(``guize-profiles/``, one compressed JSON file a document), so that the profile of the whole
store (``guize compare``, the matrix with ``page=all``) is those parts put in order, not some
twenty queries over a store that grows with every document.

A document's part depends on its own graphs only (its graph and its inferred graph: the
catalogue queries the profile is made of read nothing else; :func:`part`) and on the
code and queries that make the profile (their digest, :func:`code_fingerprint`, is kept with
the parts).  An incremental build links the files of the documents it did not rebuild from the
version before when that digest is the same (:func:`keep`).  The parts are trusted only while
they were made by this code and cover exactly the documents of the store; a write through the
service (SPARQL Update, Graph Store Protocol) removes them (:func:`discard`).  Otherwise -- and for a remote store -- the profile is computed from the
store (:func:`guize.compare.profile`), which gives the same profile.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
from functools import cache
from pathlib import Path
from typing import Any

from guize import compare
from guize.iris import Iris
from guize.query.catalogue import sortable
from guize.query.per_document import PerDocumentView
from guize.store import EmbeddedStore

PROFILE_DIR = "guize-profiles"
FINGERPRINT_FILE = "FINGERPRINT"
#: every document's own fields (title, government, place, level, counts …), one small file for
#: the whole version: the documents list without a query over the whole store
INDEX_FILE = "DOCUMENTS.json.gz"
#: a profile entry's document fields → the columns of the catalogue query ``documents``
INDEX_COLUMNS = {
    "iri": "doc",
    "id": "key",
    "title": "title",
    "government": "gov",
    "issuer": "issuer",
    "place": "place",
    "province": "province",
    "level": "level",
    "head_title": "headTitle",
    "doc_number": "docNumber",
    "issued": "issued",
    "status": "status",
    "chapter_count": "chapters",
    "provision_count": "provisions",
}
_CODE = Path(__file__).resolve().parent
#: what a document's part is made by: the profile's code and the catalogue's queries
_PROFILE_CODE = (
    "compare.py",
    "compare_norms.py",
    "compare_institution.py",
    "compare_stored.py",
    "query/catalogue.py",
    "query/queries",
)
_WORK_RULES = "PREFIX gz: <https://w3id.org/guize/ontology#> SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a gz:WorkRules } }"


def part(store: Any, graph_iri: str, base: str) -> bytes:
    """The profile entries of the one document in ``store`` (its graph and inferred graph, in
    memory), as the compressed file that keeps them."""
    return _packed(graph_iri, compare.profile(store, base)["documents"])


@cache
def code_fingerprint() -> str:
    """The digest of the code and queries a document's part is made by."""
    h = hashlib.sha256()
    for name in _PROFILE_CODE:
        path = _CODE / name
        for f in sorted(path.glob("*.rq")) if path.is_dir() else [path]:
            h.update(f.relative_to(_CODE).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _made_here(folder: Path) -> bool:
    """Whether the parts in ``folder`` were made by this code."""
    try:
        return (folder / FINGERPRINT_FILE).read_text("utf-8").strip() == code_fingerprint()
    except OSError:
        return False


def _packed(graph_iri: str, entries: list[dict[str, Any]]) -> bytes:
    data = json.dumps({"graph": graph_iri, "entries": entries}, ensure_ascii=False)
    return gzip.compress(data.encode("utf-8"), compresslevel=6, mtime=0)


def kept_folder(store_dir: str | Path) -> Path:
    """The folder of what the build keeps beside the store version at ``store_dir``."""
    return Path(os.path.realpath(store_dir), PROFILE_DIR)


def _name(graph_iri: str) -> str:
    return hashlib.sha256(graph_iri.encode("utf-8")).hexdigest()[:32] + ".json.gz"


def _part_name(name: str) -> bool:
    """Whether ``name`` is that of a document's part (:func:`_name`)."""
    stem = name.removesuffix(".json.gz")
    return len(stem) == 32 and all(c in "0123456789abcdef" for c in stem)


def read(store_dir: str | Path | None) -> dict[str, list[dict[str, Any]]] | None:
    """The parts kept in the store version at ``store_dir``, document graph → its entries
    (None when there are none)."""
    if store_dir is None or not _made_here(kept_folder(store_dir)):
        return None
    parts: dict[str, list[dict[str, Any]]] = {}
    try:
        for path in kept_folder(store_dir).glob("*.json.gz"):
            if not _part_name(path.name):  # the index, the kept answers
                continue
            part = json.loads(gzip.decompress(path.read_bytes()))
            parts[part["graph"]] = part["entries"]
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        return None
    return parts


def parts_of(store_dir: str | Path | None, graphs: list[str]) -> dict[str, list] | None:
    """The parts of the document graphs ``graphs`` alone (a page of the matrix), or None when
    the version at ``store_dir`` does not keep one of them."""
    folder = kept_folder(store_dir) if store_dir else None
    if folder is None or not _made_here(folder):
        return None
    out: dict[str, list] = {}
    for g in graphs:
        try:
            part = json.loads(gzip.decompress((folder / _name(g)).read_bytes()))
        except (OSError, ValueError, EOFError):
            return None
        if not isinstance(part, dict) or part.get("graph") != g:
            return None
        out[g] = part["entries"]
    return out


def in_order(parts: dict[str, list]) -> dict[str, Any]:
    """The profile of the documents of ``parts``, in the order of :func:`guize.compare.profile`."""
    docs = [d for g in parts for d in parts[g]]
    docs.sort(key=lambda d: (sortable(d.get("issued")), sortable(d.get("id"))))
    return {"documents": docs}


def discard(store_dir: str | Path | None) -> None:
    """Forget the parts kept in the store version at ``store_dir`` (its data was changed)."""
    if store_dir is not None:
        shutil.rmtree(kept_folder(store_dir), ignore_errors=True)


def keep(
    store: EmbeddedStore, built: dict[str, bytes], previous_dir: Path | None, base: str
) -> int:
    """Keep in the new store version ``store`` the part of every document it holds: ``built``
    (the parts :func:`part` gave for the documents this build wrote), the others'
    linked from the version at ``previous_dir`` (unchanged documents, and those whose rebuild
    failed: the store kept their graphs), and any still missing computed from ``store`` one
    document at a time.

    :returns: how many documents' parts had to be computed from the store.
    """
    assert store.path is not None
    folder = kept_folder(store.path)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    before = kept_folder(previous_dir) if previous_dir is not None else None
    if before is not None and not _made_here(before):
        before = None  # made by other code: computed again
    missing = []
    index: dict[str, list[dict[str, Any]]] = {}
    indexed_before = _index(before) or {}
    for g in sorted(document_graphs(store)):
        name = _name(g)
        if g in built:
            (folder / name).write_bytes(built[g])
            index[g] = _indexed(json.loads(gzip.decompress(built[g]))["entries"])
        elif before is not None and (before / name).is_file():
            try:
                os.link(before / name, folder / name)  # versions share an unchanged part
            except OSError:
                shutil.copyfile(before / name, folder / name)
            index[g] = indexed_before.get(g) or _indexed(
                json.loads(gzip.decompress((folder / name).read_bytes()))["entries"]
            )
        else:
            missing.append(g)
    if missing:
        iris = Iris(base)
        keys = [g.removeprefix(iris.graph("")) for g in missing]
        by_key: dict[str, list[dict[str, Any]]] = {k: [] for k in keys}
        for d in compare.profile(PerDocumentView(store, base, keys), base)["documents"]:
            by_key[d["id"]].append(d)
        for k, g in zip(keys, missing, strict=True):
            (folder / _name(g)).write_bytes(_packed(g, by_key[k]))
            index[g] = _indexed(by_key[k])
    data = json.dumps(index, ensure_ascii=False).encode("utf-8")
    (folder / INDEX_FILE).write_bytes(gzip.compress(data, compresslevel=6, mtime=0))
    (folder / FINGERPRINT_FILE).write_text(code_fingerprint() + "\n", "utf-8")
    return len(missing)


def _indexed(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A document's profile entries cut to the columns of the catalogue query ``documents``."""
    return [{col: e.get(field) for field, col in INDEX_COLUMNS.items()} for e in entries]


def _index(folder: Path | None) -> dict[str, list[dict[str, Any]]] | None:
    """The documents index kept in ``folder`` (document graph → its rows), if made here."""
    if folder is None or not _made_here(folder):
        return None
    try:
        index = json.loads(gzip.decompress((folder / INDEX_FILE).read_bytes()))
    except (OSError, ValueError, EOFError):
        return None
    return index if isinstance(index, dict) else None


def kept_documents(store: Any, store_dir: str | Path | None) -> list[dict[str, Any]] | None:
    """The rows the catalogue query ``documents`` gives on ``store`` (the version at
    ``store_dir``), from the index its build kept: None when there is none or it does not
    cover exactly the store's documents.  (In no particular order: the pages sort the list.)"""
    index = _covering_index(store, store_dir) if store_dir else None
    return None if index is None else [row for rows in index.values() for row in rows]


def covers(store: Any, store_dir: str | Path) -> bool:
    """Whether what the build kept beside the version at ``store_dir`` was made by this code
    and covers exactly the documents of ``store``."""
    return _covering_index(store, store_dir) is not None


def _covering_index(store: Any, store_dir: str | Path) -> dict[str, list] | None:
    index = _index(kept_folder(store_dir))
    return index if index is not None and document_graphs(store) == set(index) else None


def document_graphs(store: Any, base: str | None = None) -> set[str]:
    """The named graphs of ``store`` that hold a work-rules document."""
    found = store.query(_WORK_RULES, union_default_graph=False, base_iri=base)
    return {sol["g"].value for sol in found}


def kept_profile(store: Any, store_dir: str | Path | None) -> dict[str, Any] | None:
    """The profile of every document of ``store`` (the version at ``store_dir``) from the
    parts its build kept, in the order of :func:`guize.compare.profile`; None when there are no
    parts that cover its documents."""
    parts = read(store_dir) if store_dir else None
    if parts is None:
        return None
    if document_graphs(store) != set(parts):
        return None
    return in_order(parts)


def profile(store: Any, base: str) -> dict[str, Any]:
    """The comparison profile of every document of ``store``: the kept parts when they cover
    the store, else computed from it."""
    path = store.path if isinstance(store, EmbeddedStore) else None
    return kept_profile(store, path) or compare.profile(store, base)
