"""Faults of the store reach clients as 503 with a message that names no server path."""

from __future__ import annotations

import json

import pyoxigraph as ox

from guize.config import Settings
from guize.web.app import create_app


def test_a_corrupted_store_is_503_without_server_paths(tmp_path):
    store = tmp_path / "deep" / "inside" / "store"
    store.parent.mkdir(parents=True)
    s = ox.Store(str(store))
    s.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b"), ox.Literal("c")))
    s.flush()
    del s
    for f in store.iterdir():
        if f.name.startswith(("CURRENT", "MANIFEST")):
            f.write_bytes(b"garbage")
    app = create_app(Settings(store_path=str(store), query_workers=1, query_timeout_s=10))
    try:
        for path in ("/sparql?query=ASK%7B%7D", "/health/ready", "/"):
            resp = app.test_client().get(path, headers={"Accept": "application/json"})
            assert resp.status_code == 503, (path, resp.data)
            body = json.loads(resp.data)
            assert str(tmp_path) not in body["error"] and "<path>" in body["error"], body
    finally:
        app.extensions["guize"].executor.close()
