"""Linked data: every IRI guize mints under the base dereferences on the running service.

The IRI of a request is ``{base}`` + the request path (relative to the app root), whatever
host or port the request came to, so a service behind a proxy or on another port still
answers for the base it mints.

Convention (httpRange-14):

* **Documents answer 200**: documents and their parts (``{base}eli/...``), named graphs
  (``{base}graph/...``: the graph's triples, as quads in N-Quads/TriG), the ontology
  (``{base}ontology``; its terms are hash IRIs ``ontology#Term`` answered by the ontology
  document), shapes files (``{base}shapes/<file>``, hash IRIs likewise), the dataset.
* **Things answer 303 See Other** to the document about them, ``/data/<same path>``:
  governments, bodies, posts and roles (``{base}id/...``), concept schemes and concepts
  (``{base}vocab/...``).  ``/data/<path>`` describes ``{base}<path>`` for any path.
* An IRI nothing is known about answers 404.

Content of a description: the triples with the IRI as subject in any graph with the closure
over blank nodes (Oxigraph's ``DESCRIBE``, a CBD), the triples pointing at it (up to
:data:`INBOUND_LIMIT` subjects), and the labels of the IRIs it links to; plus, for the ontology,
vocabularies and shapes, the files under ``ontology_dir``/``shapes_dir`` parsed against the
base.  Representations by ``Accept`` or ``?format=``: HTML (for browsers), Turtle (default),
JSON-LD, N-Triples, RDF/XML, N3, N-Quads, TriG; ``Vary: Accept`` and ``Link`` headers to
every alternate.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, redirect, render_template_string, request, url_for
from markupsafe import Markup, escape

from service.config import Settings
from service.store import EmbeddedStore
from service.web import conneg, errors
from service.web.executor import QueryJob, execute

log = logging.getLogger("guize.web")
bp = Blueprint("resources", __name__)

INBOUND_LIMIT = 500
LABELS = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/title",
    "http://data.europa.eu/eli/ontology#title",
    "http://xmlns.com/foaf/0.1/name",
)
_VALUES = " ".join(f"<{p}>" for p in LABELS)

#: CBD of ?this (blank-node closure), over the union of all graphs.
DESCRIBE = "DESCRIBE ?this"
#: What points at ?this, and the labels of everything ?this links to or is linked from.
CONTEXT = f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ SELECT ?s ?p ?o ?this WHERE {{ ?s ?p ?this . BIND(?this AS ?o) }} LIMIT {INBOUND_LIMIT} }}
  UNION {{ ?this ?p0 ?s . FILTER(isIRI(?s)) ?s ?p ?o . VALUES ?p {{ {_VALUES} }} }}
  UNION {{ ?this ?s ?o0 . ?s ?p ?o . VALUES ?p {{ {_VALUES} }} }}
  UNION {{ {{ SELECT DISTINCT ?s ?this WHERE {{ ?s ?p1 ?this }} LIMIT {INBOUND_LIMIT} }}
           ?s ?p ?o . VALUES ?p {{ {_VALUES} }} }}
}}"""
#: All triples of the dataset's default graph (used with the graph as default graph).
GRAPH_CONTENT = "CONSTRUCT WHERE { ?s ?p ?o }"

#: The raw text of a document (``{doc}/raw``), for whoever prefers it to RDF.
PLAIN_TEXT = conneg.Format("text", "text/plain", (), ("txt",))

RESOURCE_FORMATS = (
    conneg.TURTLE,
    conneg.HTML,
    conneg.JSONLD,
    conneg.NTRIPLES,
    conneg.RDFXML,
    conneg.N3,
    conneg.NQUADS,
    conneg.TRIG,
)
_THINGS = ("id/", "vocab/")


@dataclass
class Description:
    """What the service says about one IRI: quads (graph = default unless the IRI is a graph)."""

    iri: str
    quads: list[ox.Quad] = field(default_factory=list)
    truncated: bool = False
    title: str | None = None


# --- routes -----------------------------------------------------------------------------------


@bp.get("/eli/<path:rest>")
@bp.get("/graph/<path:rest>")
@bp.get("/ontology")
@bp.get("/shapes/<path:rest>")
def document(rest: str = "") -> Response:
    """An information resource: its description, 200.

    Browsers asking for a work-rules document get its reading page (200); for a part of
    one (provision, chapter, paragraph, notice) they are sent, 303, to its anchor on that
    page; the raw text ``{doc}/raw`` is served as ``text/plain`` to whoever prefers it.
    """
    path = request.path.lstrip("/")
    if path.startswith("eli/"):
        page = _document_page(path[len("eli/") :])
        if page is not None:
            return page
    return respond(describe(_iri_of(path)))


def _document_page(rest: str) -> Response | None:
    """The people's view of ``eli/<rest>``, when the client prefers HTML or plain text."""
    from service.web import pages, pages_document

    key, _, part = rest.partition("/")
    offers = RESOURCE_FORMATS if part != "raw" else (PLAIN_TEXT, *RESOURCE_FORMATS)
    try:
        fmt = conneg.negotiate(request.accept_mimetypes, offers, request.args.getlist("format"))
    except conneg.NoAcceptableFormat:
        return None
    if not pages_document.known(key):
        return None  # not a work-rules document of the store: the generic description
    if part == "raw" and fmt is PLAIN_TEXT:
        text = pages_document.raw_text(key)
        response = Response(text, content_type="text/plain; charset=utf-8")
    elif fmt is not conneg.HTML:
        return None
    elif part == "raw":
        response = redirect(url_for("pages.raw", key=key), code=303)
    elif not part:
        response = Response(pages.document(key), content_type="text/html; charset=utf-8")
    else:
        response = redirect(url_for("pages.document", key=key) + "#" + part, code=303)
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/id/<path:rest>")
@bp.get("/vocab/<path:rest>")
def thing(rest: str) -> Response:
    """A non-information resource: 303 to the document about it."""
    path = request.path.lstrip("/")
    describe(_iri_of(path))  # 404 when unknown
    target = f"{request.script_root}/data/{path}"
    if request.query_string:
        target += "?" + request.query_string.decode("latin-1")
    response = redirect(target, code=303)
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/data/<path:rest>")
def data(rest: str) -> Response:
    """The document about ``{base}<rest>``."""
    return respond(describe(_iri_of(rest)))


def _iri_of(path: str) -> str:
    from service.web import services

    iri = services().base + path
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise errors.NotFound(f"not an IRI guize mints: {iri}") from None
    return iri


# --- describing ---------------------------------------------------------------------------------


def describe(iri: str) -> Description:
    """Everything the store and the static files say about ``iri``.

    :raises errors.NotFound: if nothing is known about it.
    """
    from service.web import services

    svc = services()
    limit = svc.settings.max_result_rows
    seen: dict[ox.Quad, None] = {}
    truncated = False
    about = (("this", iri),)
    store_jobs = [
        QueryJob(DESCRIBE, substitutions=about, max_rows=limit),
        QueryJob(CONTEXT, substitutions=about, max_rows=limit),
    ]
    static_jobs = list(store_jobs)
    content = QueryJob(GRAPH_CONTENT, default_graphs=(iri,), max_rows=limit)
    if iri.startswith(svc.base + "graph/"):
        store_jobs.append(content)
    if iri in svc.static.named_graphs():
        static_jobs.append(content)
    for job in store_jobs:
        result = svc.executor.run(job)
        truncated |= result.truncated
        _add(seen, result.body, ox.NamedNode(iri) if job is content else None)
    for job in static_jobs:
        _add(seen, execute(svc.static, job).body, None)
    if not seen:
        raise errors.NotFound(f"guize knows nothing about <{iri}>")
    return Description(iri, list(seen), truncated)


def _add(seen: dict, body: bytes, graph: ox.NamedNode | None) -> None:
    for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
        seen.setdefault(ox.Quad(t.subject, t.predicate, t.object, graph or ox.DefaultGraph()), None)


def load_static(settings: Settings, base: str) -> EmbeddedStore:
    """The ontology, vocabularies and shapes files in memory, one named graph per document
    (``{base}ontology``, ``{base}vocab/<stem>``, ``{base}shapes/<path without .ttl>``).
    Missing folders are skipped; a file that does not parse is logged and skipped."""
    static = EmbeddedStore(None)
    onto, shapes = Path(settings.ontology_dir), Path(settings.shapes_dir)
    files = [(p, "ontology") for p in sorted(onto.glob("*.ttl"))]
    files += [(p, f"vocab/{p.stem}") for p in sorted(onto.glob("vocab/*.ttl"))]
    files += [
        (p, f"shapes/{p.relative_to(shapes).with_suffix('').as_posix()}")
        for p in sorted(shapes.rglob("*.ttl"))
    ]
    for path, name in files:
        try:
            static.raw.load(
                path=str(path),
                format=ox.RdfFormat.TURTLE,
                base_iri=base,
                to_graph=ox.NamedNode(base + name),
            )
        except (SyntaxError, OSError, ValueError) as exc:
            log.warning("not serving %s: %s", path, exc)
    return static


# --- representing ------------------------------------------------------------------------------


def respond(desc: Description, status: int = 200) -> Response:
    """``desc`` in the representation the client asks for (HTML, or an RDF format)."""
    from service.web import mark_truncated, services

    base = services().base
    try:
        fmt = conneg.negotiate(
            request.accept_mimetypes, RESOURCE_FORMATS, request.args.getlist("format")
        )
    except conneg.NoAcceptableFormat as exc:
        raise errors.NotAcceptable(str(exc)) from None
    if fmt is conneg.HTML:
        body: Any = render_html(desc, base)
    else:
        body = conneg.serialize_quads(desc.quads, fmt, conneg.base_prefixes(base))
    response = Response(body, status=status, content_type=fmt.content_type)
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = ", ".join(
        f'<{request.path}?format={f.name}>; rel="alternate"; type="{f.media_type}"'
        for f in RESOURCE_FORMATS
        if f is not fmt
    )
    if desc.truncated:
        mark_truncated(response)
    return response


_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:72em;margin:1.5em auto;padding:0 1em}
table{border-collapse:collapse;width:100%;margin-bottom:1.5em}
th,td{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}
th{width:28%}.iri{font-family:monospace;font-size:.85em;color:#666}.lit small{color:#888}
</style></head><body>
<h1>{{ title }}</h1>
<p class="iri">{{ iri }}</p>
<p>{% for name, label in alternates %}<a href="?format={{ name }}">{{ label }}</a>{{ " · " if not loop.last }}{% endfor %}</p>
{% if truncated %}<p><strong>Cut off at {{ limit }} statements (结果已截断).</strong></p>{% endif %}
{% for section in sections %}
<h2 id="{{ section.anchor }}">{{ section.heading }}</h2>
<table><thead><tr><th>{{ section.left }}</th><th>{{ section.right }}</th></tr></thead><tbody>
{% for left, right in section.rows %}<tr><td>{{ left }}</td><td>{{ right }}</td></tr>
{% endfor %}</tbody></table>
{% endfor %}
</body></html>"""

_ALTERNATES = [("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples"), ("rdfxml", "RDF/XML")]


@dataclass
class _Section:
    anchor: str
    heading: Any
    left: str
    right: str
    rows: list = field(default_factory=list)


def render_html(desc: Description, base: str) -> str:
    """A plain HTML page: the resource's statements, then other subjects, then what links here."""
    from service.web import services

    labels = _labels(desc.quads)
    link = _Linker(base, labels)
    main = _Section("about", "Statements 陈述", "property 属性", "value 值")
    others: dict[Any, _Section] = {}
    inbound = _Section("referenced-by", "Referenced by 被引用", "subject 主语", "property 属性")
    for q in desc.quads:
        s = q.subject
        if s == ox.NamedNode(desc.iri):
            main.rows.append((link.term(q.predicate), link.term(q.object)))
        elif q.object == ox.NamedNode(desc.iri) and not isinstance(q.graph_name, ox.NamedNode):
            inbound.rows.append((link.term(s), link.term(q.predicate)))
        elif (
            q.predicate.value not in LABELS
            or isinstance(q.graph_name, ox.NamedNode)
            or isinstance(s, ox.BlankNode)
            or s.value.startswith(desc.iri)
        ):
            if s not in others:
                others[s] = _Section(
                    _anchor(s), link.term(s, anchor=False), "property 属性", "value 值"
                )
            others[s].rows.append((link.term(q.predicate), link.term(q.object)))
    sections = [x for x in (main, *others.values(), inbound) if x.rows]
    title = desc.title or _label(labels, desc.iri) or desc.iri
    return render_template_string(
        _PAGE,
        title=title,
        iri=desc.iri,
        sections=sections,
        alternates=_ALTERNATES,
        truncated=desc.truncated,
        limit=services().settings.max_result_rows,
    )


def _labels(quads: list[ox.Quad]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for q in quads:
        if (
            q.predicate.value in LABELS
            and isinstance(q.object, ox.Literal)
            and not isinstance(q.subject, ox.Triple)
        ):
            found[q.subject.value].setdefault(
                (q.object.language or "").split("-")[0], q.object.value
            )
    return found


def _label(labels: dict[str, dict[str, str]], iri: str) -> str | None:
    by_lang = labels.get(iri)
    if not by_lang:
        return None
    shown = [by_lang[k] for k in ("zh", "en") if k in by_lang] or list(by_lang.values())[:1]
    return " / ".join(dict.fromkeys(shown))


def _anchor(term: Any) -> str:
    if isinstance(term, ox.BlankNode):
        return f"b-{term.value}"
    return "s-" + "".join(c if c.isalnum() else "-" for c in str(term.value))[-60:]


class _Linker:
    """HTML for terms: IRIs under the base link to this service, labels shown in zh/en."""

    def __init__(self, base: str, labels: dict[str, dict[str, str]]):
        self.base = base
        self.labels = labels
        self.prefixes = conneg.base_prefixes(base)

    def curie(self, iri: str) -> str:
        for name, ns in self.prefixes.items():
            rest = iri[len(ns) :]
            if iri.startswith(ns) and rest and not any(c in rest for c in "/#?"):
                return f"{name}:{rest}"
        return iri

    def href(self, iri: str) -> str:
        if iri.startswith(self.base):
            return f"{request.script_root}/{iri[len(self.base) :]}"
        return iri

    def term(self, term: Any, anchor: bool = True) -> Markup:
        if isinstance(term, ox.NamedNode):
            label = _label(self.labels, term.value)
            if label:
                text = escape(label) + Markup(
                    f' <span class="iri">{escape(self.curie(term.value))}</span>'
                )
            else:
                text = escape(self.curie(term.value))
            return Markup(f'<a href="{escape(self.href(term.value))}">{text}</a>')
        if isinstance(term, ox.BlankNode):
            return (
                Markup(f'<a href="#{_anchor(term)}">_:{escape(term.value)}</a>')
                if anchor
                else Markup(f"_:{escape(term.value)}")
            )
        if isinstance(term, ox.Literal):
            note = f"@{term.language}" if term.language else _short(term.datatype.value)
            return Markup(
                f'<span class="lit">{escape(term.value)} <small>{escape(note)}</small></span>'
            )
        return escape(str(term))


def _short(datatype: str) -> str:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    if datatype == xsd + "string":
        return ""
    return "xsd:" + datatype[len(xsd) :] if datatype.startswith(xsd) else datatype
