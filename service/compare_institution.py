"""The institution in the comparison profile: per document its ``posts`` (every distinct post
named as a meeting's member, attendee, convener or chair, as a signer or as acting head, with the
body kind it sits in), its ``bodies`` (body-kind code and label) and its ``legal_basis`` (titles
as written, without 《》 and without the 中华人民共和国 prefix), from the catalogue queries
``posts``, ``bodies`` and ``legal_basis``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from guize.query.catalogue import rows

PREFIX = "中华人民共和国"


def institution(store, base: str) -> dict[str, dict[str, list]]:
    """Document IRI → {"posts": [...], "bodies": [...], "legal_basis": [...]}."""
    out: dict[str, dict[str, list]] = defaultdict(
        lambda: {"posts": [], "bodies": [], "legal_basis": []}
    )
    for r in rows(store, "posts", base):
        post = {"code": r["code"], "label": r["label"], "body": r["body"] or None}
        if post not in out[r["doc"]]["posts"]:
            out[r["doc"]]["posts"].append(post)
    for r in rows(store, "bodies", base):
        body = {"code": r["code"], "label": r["label"]}
        if not any(b["code"] == body["code"] for b in out[r["doc"]]["bodies"]):
            out[r["doc"]]["bodies"].append(body)
    for r in rows(store, "legal_basis", base):
        title = r["title"].removeprefix(PREFIX)
        if title not in out[r["doc"]]["legal_basis"]:
            out[r["doc"]]["legal_basis"].append(title)
    return out


def institution_columns(d: dict) -> dict[str, Any]:
    """The CSV columns of a document's institution fields."""
    return {
        "post_count": len(d.get("posts", [])),
        "posts": ";".join(sorted({p["code"] for p in d.get("posts", [])})),
        "bodies": ";".join(sorted({b["code"] for b in d.get("bodies", [])})),
        "legal_basis": ";".join(d.get("legal_basis", [])),
    }
