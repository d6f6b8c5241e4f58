"""A remote store: any SPARQL 1.1 Protocol + Graph Store Protocol server (Oxigraph server,
Fuseki, GraphDB, Virtuoso) behind the same methods as :class:`guize.store.embedded.EmbeddedStore`.

Answers are parsed with pyoxigraph, so callers see the same types as with the embedded store:
``QuerySolutions`` for SELECT, ``QueryBoolean`` for ASK, ``QueryTriples`` for CONSTRUCT and
DESCRIBE.  ``replace_graph`` is one Graph Store Protocol ``PUT`` (atomic on Oxigraph).

The union default graph is asked for with Oxigraph's ``union-default-graph`` request
parameter; other servers ignore it and must be configured to query the union themselves
(Fuseki ``tdb2:unionDefaultGraph``; GraphDB's default graph already is the union).
``substitutions`` become a trailing ``VALUES`` clause: the same as SEP-0007 substitution for
queries without their own ``VALUES``, whose sub-queries project the substituted variables.

Every request has ``timeout_s``; running past it raises :class:`RemoteTimeout`.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from guize import formats
from guize.store.base import STAGING_PREFIX, StoreError, to_term

_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples, text/turtle;q=0.9"
)
_FORM = "application/x-www-form-urlencoded"


class RemoteTimeout(StoreError):
    """The remote store did not answer within the time limit."""

    def __init__(self, url: str, timeout_s: float):
        super().__init__(f"{url} did not answer within {timeout_s:g} s")
        self.timeout_s = timeout_s


class RemoteStore:
    """A SPARQL 1.1 Protocol (+ Graph Store Protocol) server."""

    def __init__(
        self,
        query_url: str,
        update_url: str = "",
        gsp_url: str = "",
        *,
        timeout_s: float = 30.0,
        union_param: str = "union-default-graph",
    ) -> None:
        if not query_url:
            raise StoreError("a remote store needs a query URL (GUIZE_REMOTE_QUERY_URL)")
        self.query_url = query_url
        self.update_url = update_url
        self.gsp_url = gsp_url
        self.timeout_s = timeout_s
        self.union_param = union_param

    def query(
        self,
        sparql: str,
        *,
        union_default_graph: bool = True,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        substitutions: dict[str, Any] | None = None,
        base_iri: str | None = None,
    ) -> Any:
        """Run a SPARQL query on the server (``base_iri`` becomes a leading ``BASE`` line, so
        the server's error positions count one line more).

        :raises SyntaxError: the server rejected the query (400), with its message.
        :raises RemoteTimeout: no answer within ``timeout_s``.
        :raises StoreError: any other failure.
        """
        text = _with_values(sparql, substitutions)
        if base_iri:
            text = f"BASE {ox.NamedNode(base_iri)}\n{text}"
        params = [("query", text)]
        params += [("default-graph-uri", g) for g in default_graphs or ()]
        params += [("named-graph-uri", g) for g in named_graphs or ()]
        if (
            default_graphs is None
            and named_graphs is None
            and union_default_graph
            and self.union_param
        ):
            params.append((self.union_param, "true"))
        ctype, body = self._request(
            "POST",
            self.query_url,
            urllib.parse.urlencode(params).encode(),
            {"Content-Type": _FORM, "Accept": _ACCEPT},
        )
        fmt = formats.by_media_type(ctype)
        if fmt is not None and fmt.results is not None:
            return ox.parse_query_results(body, fmt.results)
        if fmt is not None and fmt.rdf is not None:
            scratch = ox.Store()
            scratch.load(body, format=fmt.rdf, to_graph=ox.DefaultGraph())
            return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
        raise StoreError(f"{self.query_url} answered with unexpected content type {ctype!r}")

    def update(self, sparql: str) -> None:
        """Run a SPARQL update on the server.

        :raises SyntaxError: the server rejected it (400).
        :raises StoreError: no update URL, or any other failure.
        """
        if not self.update_url:
            raise StoreError("no update URL configured (GUIZE_REMOTE_UPDATE_URL)")
        self._request(
            "POST", self.update_url, sparql.encode(), {"Content-Type": "application/sparql-update"}
        )

    def replace_graph(self, graph_iri: str, triples: Iterable[ox.Triple]) -> int:
        """Replace the named graph with ``triples`` by one Graph Store Protocol PUT.

        :returns: the number of triples written.
        :raises StoreError: if the server refuses; the old graph is then unchanged.
        """
        triples = list(triples)
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        self._request(
            "PUT", self._graph_url(graph_iri), body, {"Content-Type": "application/n-triples"}
        )
        return len(triples)

    def drop_graph(self, graph_iri: str) -> None:
        """Remove a named graph (no error if it does not exist)."""
        try:
            self._request("DELETE", self._graph_url(graph_iri), None, {})
        except _NotFound:
            pass

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs, staging graphs excluded, sorted."""
        rows = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union_default_graph=False
        )
        return sorted(
            r["g"].value
            for r in rows
            if isinstance(r["g"], ox.NamedNode) and not r["g"].value.startswith(STAGING_PREFIX)
        )

    def dump(self, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> bytes:
        """The whole dataset, by a Graph Store Protocol GET on the service URL."""
        if not self.gsp_url:
            raise StoreError("no Graph Store Protocol URL configured (GUIZE_REMOTE_GSP_URL)")
        ctype, body = self._request("GET", self.gsp_url, None, {"Accept": fmt.media_type})
        found = formats.by_media_type(ctype, formats.READABLE)
        if found is None:
            raise StoreError(f"{self.gsp_url} answered with unexpected content type {ctype!r}")
        if found.rdf == fmt:
            return body
        return ox.serialize(ox.parse(body, format=found.rdf), format=fmt)

    def close(self) -> None:
        """Nothing to release (one HTTP connection per request)."""

    def _graph_url(self, graph_iri: str) -> str:
        if not self.gsp_url:
            raise StoreError("no Graph Store Protocol URL configured (GUIZE_REMOTE_GSP_URL)")
        sep = "&" if "?" in self.gsp_url else "?"
        return f"{self.gsp_url}{sep}{urllib.parse.urlencode({'graph': graph_iri})}"

    def _request(
        self, method: str, url: str, body: bytes | None, headers: dict
    ) -> tuple[str, bytes]:
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                ctype = response.headers.get_content_type()
                return ctype, response.read()
        except urllib.error.HTTPError as exc:
            message = exc.read().decode("utf-8", "replace").strip()
            if exc.code == 400:
                raise SyntaxError(message or "the remote store rejected the request") from exc
            if exc.code == 404:
                raise _NotFound(f"{method} {url}: 404 {message}") from exc
            raise StoreError(f"{method} {url}: {exc.code} {message[:500]}") from exc
        except TimeoutError as exc:
            raise RemoteTimeout(url, self.timeout_s) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise RemoteTimeout(url, self.timeout_s) from exc
            raise StoreError(f"{method} {url}: {exc.reason}") from exc


class _NotFound(StoreError):
    pass


def _with_values(sparql: str, substitutions: dict[str, Any] | None) -> str:
    if not substitutions:
        return sparql
    names = list(substitutions)
    terms = " ".join(str(to_term(substitutions[n])) for n in names)
    head = " ".join(f"?{n}" for n in names)
    return f"{sparql}\nVALUES ({head}) {{ ({terms}) }}"
