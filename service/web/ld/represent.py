"""Representing a :class:`~guize.web.ld.describe.Description`: an RDF syntax by content
negotiation (``Accept`` or ``?format=``) -- JSON-LD compacted against the published context
(:mod:`guize.web.ld.jsonld`) -- or an HTML page for people, whose ``<head>`` lists every
alternate as ``<link rel="alternate">``.  ``Vary: Accept`` and one ``Link`` header naming one
alternate: the JSON-LD representation (Turtle for a JSON-LD answer), as JSON-LD document
loaders expect (PyLD refuses a header with several ``rel="alternate"`` links)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from flask import Response, g, render_template, request
from markupsafe import Markup, escape

from guize.formats import HTML, JSONLD, RDFXML, TURTLE, Format
from guize.iris import path_of_iri
from guize.namespaces import XSD, curie, prefixes
from guize.query.results import serialize_quads
from guize.web.conneg import RESOURCE_FORMATS, negotiate
from guize.web.context import mark_truncated, services
from guize.web.ld import jsonld
from guize.web.ld.describe import LABELS, Description
from guize.web.pages.chrome import t, tb


def respond(desc: Description, status: int = 200, unasked: Format | None = None) -> Response:
    """``desc`` in the representation the client asks for (HTML, or an RDF format); ``unasked``:
    the one for a client that names none (no ``Accept``, no ``?format=``), else Turtle."""
    base = services().base
    if unasked is not None and "Accept" not in request.headers and "format" not in request.args:
        fmt = unasked
    else:
        fmt = negotiate(request.accept_mimetypes, RESOURCE_FORMATS, request.args.getlist("format"))
    if fmt is HTML:
        body: Any = render_html(desc, base)
    elif fmt is JSONLD:
        body = jsonld.compact(desc.quads, base)
    else:
        body = serialize_quads(desc.quads, fmt, prefixes(base))
    response = Response(body, status=status, content_type=fmt.content_type)
    response.headers["Vary"] = "Accept"
    other = TURTLE if fmt is JSONLD else JSONLD
    response.headers["Link"] = (
        f'<{request.path}?format={other.name}>; rel="alternate"; type="{other.media_type}"'
    )
    if desc.truncated:
        mark_truncated(response)
    return response


#: The other representations the HTML page links to (every RDF syntax of the resource).
_ALTERNATES = [(f.name, f.label) for f in RESOURCE_FORMATS if f is not HTML]


@dataclass
class _Section:
    anchor: str
    heading: Any
    left: str
    right: str
    rows: list = field(default_factory=list)


#: What an OWL tool that sends no ``Accept`` (owlready2, Protégé's loaders) reads.
OWL_DEFAULT = RDFXML


def render_html(desc: Description, base: str) -> str:
    """A plain HTML page: the resource's statements, then other subjects, then what links here."""
    labels = _labels(desc.quads)
    link = _Linker(base, labels)
    main = _Section("about", tb("ld.statements"), t("ld.property"), t("ld.value"))
    others: dict[Any, _Section] = {}
    inbound = _Section("referenced-by", tb("ld.referenced-by"), t("ld.subject"), t("ld.property"))
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
                    _anchor(s, desc.iri),
                    link.term(s, anchor=False),
                    t("ld.property"),
                    t("ld.value"),
                )
            others[s].rows.append((link.term(q.predicate), link.term(q.object)))
    sections = [x for x in (main, *others.values(), inbound) if x.rows]
    title = desc.title or _label(labels, desc.iri) or desc.iri
    return render_template(
        "ld/resource.html",
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
    """The label of ``iri`` in the page's language (else the other one, else any)."""
    by_lang = labels.get(iri)
    if not by_lang:
        return None
    first = ("en", "zh") if g.get("lang") == "en" else ("zh", "en")
    shown = [by_lang[k] for k in first if k in by_lang] or list(by_lang.values())[:1]
    return shown[0]


def _anchor(term: Any, about: str = "") -> str:
    """The id of a subject's section: a hash IRI of the described resource (or of the base)
    keeps its fragment, so ``…#Term`` lands on it; other IRIs get a readable slug."""
    if isinstance(term, ox.BlankNode):
        return f"b-{term.value}"
    value = str(term.value)
    if "#" in value and (not about or value.startswith(about.split("#")[0] + "#")):
        return value.rsplit("#", 1)[1]
    return "s-" + "".join(c if c.isalnum() else "-" for c in value)[-60:]


class _Linker:
    """HTML for terms: IRIs under the base link to this service, labels shown in zh/en."""

    def __init__(self, base: str, labels: dict[str, dict[str, str]]):
        self.base = base
        self.labels = labels
        self.prefixes = prefixes(base)

    def curie(self, iri: str) -> str:
        return curie(iri, self.prefixes)

    def href(self, iri: str) -> str:
        path = path_of_iri(iri, self.base)
        return iri if path is None else f"{request.script_root}/{path}"

    def term(self, term: Any, anchor: bool = True) -> Markup:
        if isinstance(term, ox.NamedNode):
            label = _label(self.labels, term.value)
            if label:
                text = escape(label) + Markup(
                    f' <code class="iri">{escape(self.curie(term.value))}</code>'
                )
            else:
                text = Markup(f"<code>{escape(self.curie(term.value))}</code>")
            return Markup(f'<a href="{escape(self.href(term.value))}">{text}</a>')
        if isinstance(term, ox.BlankNode):
            return (
                Markup(f'<a href="#{_anchor(term)}"><code>_:{escape(term.value)}</code></a>')
                if anchor
                else Markup(f"<code>_:{escape(term.value)}</code>")
            )
        if isinstance(term, ox.Literal):
            note = f"@{term.language}" if term.language else _short(term.datatype.value)
            lang = f' lang="{escape(term.language)}"' if term.language else ""
            plain = term.language or (not note and not term.value.isascii())
            value = escape(term.value) if plain else Markup(f"<code>{escape(term.value)}</code>")
            return Markup(
                f'<span class="lit"{lang}>{value} <small><code>{escape(note)}</code></small></span>'
            )
        return escape(str(term))


def _short(datatype: str) -> str:
    if datatype == XSD + "string":
        return ""
    return "xsd:" + datatype[len(XSD) :] if datatype.startswith(XSD) else datatype
