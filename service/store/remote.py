"""A remote store: any SPARQL 1.1 Protocol + Graph Store Protocol server (Oxigraph server,
Virtuoso 7, Fuseki, GraphDB) behind the same methods as :class:`guize.store.embedded.EmbeddedStore`.

Answers are parsed with pyoxigraph, so callers see the same types as with the embedded store:
``QuerySolutions`` for SELECT, ``QueryBoolean`` for ASK, ``QueryTriples`` for CONSTRUCT and
DESCRIBE.  ``replace_graph`` is one Graph Store Protocol ``PUT`` (atomic on Oxigraph).

What differs between engines, and how each request copes:

* **Accept by query form**: SELECT and ASK ask for SPARQL JSON (XML second), CONSTRUCT and
  DESCRIBE for N-Triples (Turtle second); an engine that answers a graph query in a results
  format is not asked to.
* **One BASE**: ``base_iri`` becomes a leading ``BASE`` line only when the text has none.
* **Substitution inside the query**: bound variables are written into the text where they occur
  (:mod:`guize.query.substitute`), not as a trailing ``VALUES`` (which joins after sub-selects'
  ``LIMIT`` and which Virtuoso refuses after a ``CONSTRUCT``).
* **The union default graph** (``union``): ``param`` asks for it with Oxigraph's
  ``union-default-graph`` parameter; ``native`` is for engines whose default graph is already
  the union of every graph they hold, system graphs included (Virtuoso, GraphDB): each query
  then names its dataset -- the default graph is guize's own graphs (or an empty graph when the
  real default graph is asked for) and the named graphs are guize's own -- so Virtuoso's
  system graphs never enter an answer or a count.  Guize's own graphs are the document and
  model graphs under the store's recorded base (:mod:`guize.store.rebase`) and the record.
* **Row caps**: an engine that cuts answers at a maximum (Virtuoso's ``ResultSetMaxRows``, with
  its ``X-SPARQL-MaxRows`` header) makes the query fail with :class:`TruncatedByServer`, never
  a silently shorter answer; so does an answer of exactly ``row_cap`` rows.
* **Authentication**: HTTP basic or digest (``user``/``password``); credentials never appear in
  a message -- userinfo in a URL is cut from every error.

Every request has ``timeout_s``; running past it raises :class:`RemoteTimeout`.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from guize import formats
from guize.query.substitute import substitute
from guize.query.text import QUERY_FORMS, analyse, keywords
from guize.store.base import STAGING_PREFIX, StoreError, ntriples, to_term
from guize.store.credentials import opener as _opener
from guize.store.credentials import safe as _safe
from guize.store.lenient import blank_labels as _blank_labels
from guize.store.lenient import boolean as _boolean
from guize.store.rebase import RECORD

_RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_FORM = "application/x-www-form-urlencoded"
#: A graph that holds nothing: the default graph of a query that asks for the real (empty)
#: default graph on an engine whose default graph is the union.
EMPTY_GRAPH = "urn:guize:empty"
UNION_MODES = ("param", "native")
_OWN_GRAPHS_TTL_S = 2.0


class RemoteTimeout(StoreError):
    """The remote store did not answer within the time limit."""

    def __init__(self, url: str, timeout_s: float):
        super().__init__(f"{url} did not answer within {timeout_s:g} s")
        self.timeout_s = timeout_s


class TruncatedByServer(StoreError):
    """The engine cut the answer at its own row limit."""


class RemoteStore:
    """A SPARQL 1.1 Protocol (+ Graph Store Protocol) server."""

    def __init__(
        self,
        query_url: str,
        update_url: str = "",
        gsp_url: str = "",
        *,
        timeout_s: float = 30.0,
        union: str = "param",
        user: str = "",
        password: str = "",
        row_cap: int = 0,
        union_param: str = "union-default-graph",
    ) -> None:
        if not query_url:
            raise StoreError("a remote store needs a query URL (GUIZE_REMOTE_QUERY_URL)")
        if union not in UNION_MODES:
            raise StoreError(f"union mode {union!r}: use one of {', '.join(UNION_MODES)}")
        self.query_url = query_url
        self.update_url = update_url
        self.gsp_url = gsp_url
        self.timeout_s = timeout_s
        self.union = union
        self.union_param = union_param
        self.row_cap = row_cap
        self._opener = _opener(user, password, query_url, update_url, gsp_url)
        self._own: tuple[float, list[str]] = (0.0, [])

    @classmethod
    def from_settings(cls, settings: Any) -> RemoteStore:
        """The remote store the ``GUIZE_REMOTE_*`` settings describe."""
        return cls(
            settings.remote_query_url,
            settings.remote_update_url,
            settings.remote_gsp_url,
            timeout_s=settings.query_timeout_s,
            union=settings.remote_union,
            user=settings.remote_user,
            password=settings.remote_password,
            row_cap=settings.remote_row_cap,
        )

    # --- reading ----------------------------------------------------------------------------

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
        """Run a SPARQL query on the server.

        :raises SyntaxError: the server rejected the query (400), with its message.
        :raises RemoteTimeout: no answer within ``timeout_s``.
        :raises TruncatedByServer: the server cut the answer at its row limit.
        :raises StoreError: any other failure.
        """
        read = analyse(sparql)
        text = substitute(sparql, {k: str(to_term(v)) for k, v in (substitutions or {}).items()})
        if base_iri and "BASE" not in _prologue(text):
            text = f"BASE {ox.NamedNode(base_iri)}\n{text}"
        params = [("query", text)]
        if default_graphs is None and named_graphs is None and not read.has_dataset:
            default_graphs, named_graphs = self._dataset(union_default_graph)
        params += [("default-graph-uri", g) for g in default_graphs or ()]
        params += [("named-graph-uri", g) for g in named_graphs or ()]
        if (
            default_graphs is None
            and named_graphs is None
            and union_default_graph
            and self.union == "param"
        ):
            params.append((self.union_param, "true"))
        graph_form = read.form in ("CONSTRUCT", "DESCRIBE")
        ctype, body, headers = self._request(
            "POST",
            self.query_url,
            urllib.parse.urlencode(params).encode(),
            {"Content-Type": _FORM, "Accept": _GRAPH_ACCEPT if graph_form else _RESULTS_ACCEPT},
        )
        fmt = formats.by_media_type(ctype)
        if headers.get("x-sparql-maxrows"):  # Virtuoso says so when it cut the answer
            self._cut(headers["x-sparql-maxrows"])
        if fmt is not None and fmt.results is not None:
            body = _blank_labels(body, fmt.results)
            result = ox.parse_query_results(body, fmt.results)
            if isinstance(result, ox.QuerySolutions) and read.form == "ASK":
                return _boolean(result)  # Virtuoso's authenticated endpoint: one row, 1 or 0
            if isinstance(result, ox.QuerySolutions):
                self._check_cap(sum(1 for _ in result), headers)
                return ox.parse_query_results(body, fmt.results)
            return result
        if fmt is not None and fmt.rdf is not None:
            scratch = ox.Store()
            scratch.load(body, format=fmt.rdf, to_graph=ox.DefaultGraph())
            self._check_cap(len(scratch), headers)
            return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
        raise StoreError(f"{_safe(self.query_url)} answered with unexpected content type {ctype!r}")

    def graph_triples(self, graph_iri: str) -> list[ox.Triple]:
        """Every triple of one named graph: with a known row cap, in ordered pages smaller than
        the cap (Virtuoso cuts a Graph Store Protocol GET at it too, silently); else by a Graph
        Store Protocol GET."""
        if self.row_cap:
            return self._paged(graph_iri, self.row_cap - 1)
        ctype, body, _ = self._request(
            "GET", self._graph_url(graph_iri), None, {"Accept": _GRAPH_ACCEPT}
        )
        found = formats.by_media_type(ctype, formats.READABLE)
        if found is None:
            raise StoreError(
                f"{_safe(self.gsp_url)} answered with unexpected content type {ctype!r}"
            )
        return [q.triple for q in ox.parse(body, format=found.rdf)]

    def _paged(self, graph_iri: str, size: int) -> list[ox.Triple]:
        page = (
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(graph_iri)} {{ ?s ?p ?o }} }} "
            f"ORDER BY ?s ?p ?o LIMIT {size} OFFSET "
        )
        out: list[ox.Triple] = []
        while True:
            got = list(
                self.query(page + str(len(out)), default_graphs=[], named_graphs=[graph_iri])
            )
            out += got
            if len(got) < size:
                return out

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs, staging graphs excluded, sorted (on a ``native`` engine:
        guize's own graphs only)."""
        if self.union == "native":
            return list(self._own_graphs())
        return self._all_graphs()

    def dump(self, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> bytes:
        """The whole dataset: a Graph Store Protocol GET on the service URL (``param``), or,
        on a ``native`` engine, guize's own graphs one by one (its default graph is the union
        of everything, system graphs included)."""
        if not self.gsp_url:
            raise StoreError("no Graph Store Protocol URL configured (GUIZE_REMOTE_GSP_URL)")
        if self.union == "native":
            quads = []
            for g in self._own_graphs():
                for t in self.graph_triples(g):
                    quads.append(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g)))
            return ox.serialize(quads, format=fmt)
        ctype, body, _ = self._request("GET", self.gsp_url, None, {"Accept": fmt.media_type})
        found = formats.by_media_type(ctype, formats.READABLE)
        if found is None:
            raise StoreError(
                f"{_safe(self.gsp_url)} answered with unexpected content type {ctype!r}"
            )
        if found.rdf == fmt:
            return body
        return ox.serialize(ox.parse(body, format=found.rdf), format=fmt)

    # --- writing ----------------------------------------------------------------------------

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
        self._own = (0.0, [])

    def replace_graph(self, graph_iri: str, triples: Iterable[ox.Triple]) -> int:
        """Replace the named graph with ``triples`` by one Graph Store Protocol PUT.

        :returns: the number of triples written.
        :raises StoreError: if the server refuses; the old graph is then unchanged.
        """
        body, count = ntriples(triples)
        self._request(
            "PUT", self._graph_url(graph_iri), body, {"Content-Type": "application/n-triples"}
        )
        self._own = (0.0, [])
        return count

    def drop_graph(self, graph_iri: str) -> None:
        """Remove a named graph (no error if it does not exist)."""
        try:
            self._request("DELETE", self._graph_url(graph_iri), None, {})
        except _NotFound:
            pass
        self._own = (0.0, [])

    def close(self) -> None:
        """Nothing to release (one HTTP connection per request)."""

    # --- the dataset of a query ---------------------------------------------------------------

    def _dataset(self, union: bool) -> tuple[list[str] | None, list[str] | None]:
        """``(default graphs, named graphs)`` to name in a query that names none."""
        if self.union != "native":
            return None, None
        own = list(self._own_graphs())
        return (own if union else [EMPTY_GRAPH]), own

    def _own_graphs(self) -> list[str]:
        """guize's graphs on the server (cached for a moment; forgotten after a write)."""
        at, graphs = self._own
        if time.monotonic() - at < _OWN_GRAPHS_TTL_S and graphs:
            return graphs
        everything = self._all_graphs()
        base = _recorded(self, everything)
        graphs = [g for g in everything if g == RECORD or (base and g.startswith(base + "graph/"))]
        self._own = (time.monotonic(), graphs)
        return graphs

    def _all_graphs(self) -> list[str]:
        # GROUP BY, not DISTINCT: the same graphs, but Virtuoso 7 answers DISTINCT ?g by
        # reading every quad (19 s for 36,000 quads of three documents) and GROUP BY ?g from
        # its graph index (0.02 s); Oxigraph takes as long for either
        rows = self.query(
            "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            default_graphs=[EMPTY_GRAPH] if self.union == "native" else None,
            named_graphs=None,
            union_default_graph=False,
        )
        return sorted(
            r["g"].value
            for r in rows
            if isinstance(r["g"], ox.NamedNode) and not r["g"].value.startswith(STAGING_PREFIX)
        )

    # --- HTTP ---------------------------------------------------------------------------------

    def _check_cap(self, count: int, headers: dict[str, str]) -> None:
        if headers.get("x-sparql-maxrows"):
            self._cut(headers["x-sparql-maxrows"])
        if self.row_cap and count >= self.row_cap:
            self._cut(str(self.row_cap))

    def _cut(self, limit: str) -> None:
        raise TruncatedByServer(
            f"{_safe(self.query_url)} cut the answer at its limit of {limit} rows; raise the "
            "engine's limit (Virtuoso: ResultSetMaxRows in [SPARQL]) or GUIZE_REMOTE_ROW_CAP"
        )

    def _graph_url(self, graph_iri: str) -> str:
        if not self.gsp_url:
            raise StoreError("no Graph Store Protocol URL configured (GUIZE_REMOTE_GSP_URL)")
        sep = "&" if "?" in self.gsp_url else "?"
        return f"{self.gsp_url}{sep}{urllib.parse.urlencode({'graph': graph_iri})}"

    def _request(
        self, method: str, url: str, body: bytes | None, headers: dict
    ) -> tuple[str, bytes, dict[str, str]]:
        request = urllib.request.Request(_safe(url), data=body, method=method, headers=headers)
        shown = f"{method} {_safe(url)}"
        try:
            with self._opener.open(request, timeout=self.timeout_s) as response:
                ctype = response.headers.get_content_type()
                got = {k.lower(): v for k, v in response.headers.items()}
                return ctype, response.read(), got
        except urllib.error.HTTPError as exc:
            message = exc.read().decode("utf-8", "replace").strip()
            if exc.code == 400:
                raise SyntaxError(message or "the remote store rejected the request") from None
            if exc.code == 404:
                raise _NotFound(f"{shown}: 404 {message[:500]}") from None
            if exc.code in (401, 403):
                raise StoreError(
                    f"{shown}: {exc.code}: the server refused the credentials "
                    "(GUIZE_REMOTE_USER / GUIZE_REMOTE_PASSWORD) or needs some"
                ) from None
            raise StoreError(f"{shown}: {exc.code} {message[:500]}") from None
        except TimeoutError:
            raise RemoteTimeout(_safe(url), self.timeout_s) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise RemoteTimeout(_safe(url), self.timeout_s) from None
            raise StoreError(f"{shown}: {exc.reason}") from None


class _NotFound(StoreError):
    pass


def _recorded(store: RemoteStore, graphs: list[str]) -> str | None:
    if RECORD not in graphs:
        return None
    rows = store.query(
        f"SELECT ?b WHERE {{ GRAPH <{RECORD}> {{ ?s ?p ?b }} }} LIMIT 1",
        default_graphs=[EMPTY_GRAPH],
        named_graphs=[RECORD],
    )
    for row in rows:
        return row["b"].value
    return None


def _prologue(text: str) -> list[str]:
    """The keywords before the query form (``BASE``, ``PREFIX``)."""
    words = []
    for word in keywords(text):
        if word in QUERY_FORMS:
            break
        words.append(word)
    return words
