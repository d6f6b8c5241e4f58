"""Linked data: every IRI guize mints dereferences on the running service.

The IRI of a request is ``{base}`` + the request path (relative to the app root), whatever
host or port the request came to, so a service behind a proxy or on another port still
answers for the base it mints.  Paths of the model (``/ontology``, ``/vocab/…``, ``/shapes/…``)
answer for the model's stable namespace instead (``https://w3id.org/guize/…``, see
:mod:`guize.iris`).

Convention (httpRange-14):

* **Documents answer 200**: documents and their parts (``{base}eli/...``), named graphs
  (``{base}graph/...``: the graph's triples, as quads in N-Quads/TriG), the ontology
  (``{ns}ontology``; its terms are hash IRIs ``ontology#Term`` answered by the ontology
  document, also at its version IRI ``{ns}ontology/<version>``), shapes files
  (``{ns}shapes/<file>``, hash IRIs likewise), the dataset.
* **Things answer 303 See Other** to the document about them, ``/data/<same path>``:
  governments, bodies, posts and roles (``{base}id/...``), concept schemes and concepts
  (``{ns}vocab/...``).  ``/data/<path>`` describes the IRI of ``<path>`` for any path.
* An IRI nothing is known about answers 404, unless guize minted it once and the thing moved:
  301 to its IRI now (a document keyed by its 文号 alone; the first paragraph, and its items,
  of a provision no longer divided into 款: asked only once the IRI is found unknown, so a
  known IRI costs nothing more; a browser goes to the document's page, as for any part).

Content of a description: the triples with the IRI as subject in any graph with the closure
over blank nodes (Oxigraph's ``DESCRIBE``, a CBD), the triples pointing at it (up to
:data:`INBOUND_LIMIT` subjects), and the labels of the IRIs it links to; plus, for the ontology,
vocabularies and shapes, the files under ``ontology_dir``/``shapes_dir``.  A hash IRI's
description is its base document's (``…/ontology#Meeting`` is described in ``/ontology``, a
fact ``…/art_7#frequency`` in its provision's document).  Representations by ``Accept`` or
``?format=``: HTML (for browsers), Turtle (default), JSON-LD (compacted with the published
context ``/context.jsonld``), N-Triples, RDF/XML, N3, N-Quads, TriG; ``Vary: Accept`` and one
``Link`` header listing every alternate.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from flask import Blueprint, Response, redirect, render_template, request, url_for

from guize.errors import NotFound
from guize.formats import HTML, TEXT
from guize.iris import NAMESPACE, iri_of_path
from guize.web.conneg import RAW_TEXT_FORMATS, RESOURCE_FORMATS, NoAcceptableFormat, negotiate
from guize.web.context import services
from guize.web.ld import jsonld
from guize.web.ld.describe import describe
from guize.web.ld.represent import OWL_DEFAULT, respond
from guize.web.pages import document as document_page
from guize.web.pages import reference
from guize.web.pages import views as pages

bp = Blueprint("resources", __name__)

_THINGS = ("id/", "vocab/")


@bp.get("/eli/<path:rest>")
@bp.get("/graph/<path:rest>")
@bp.get("/ontology")
@bp.get("/shapes/<path:rest>")
def document(rest: str = "") -> Response:
    """An information resource: its description, 200.

    Browsers asking for a work-rules document get its reading page (200); for a part of
    one (provision, chapter, paragraph, notice) they are sent, 303, to its anchor on that
    page, but a span of its raw text is described like any IRI; the raw text ``{doc}/raw`` is served as ``text/plain`` to whoever prefers it.
    """
    path = request.path.lstrip("/")
    if path == "ontology" and _wants_html():
        return Response(
            render_template("pages/ontology.html", r=reference.terms()),
            content_type="text/html; charset=utf-8",
            headers={"Vary": "Accept"},
        )
    if path.startswith("eli/"):
        key, slash, part = path[len("eli/") :].partition("/")
        if new := document_page.moved(key):  # keyed by its 文号 alone before
            return _moved_permanently(f"eli/{new}{slash}{part}")
        page = _document_page(path[len("eli/") :])
        if page is not None:
            return page
    try:
        described = describe(_iri_of(path))
    except NotFound:
        if (undivided := _undivided(path)) is not None:
            return _moved_permanently(undivided)
        raise
    return respond(described, unasked=OWL_DEFAULT if path == "ontology" else None)


def _moved_permanently(path: str) -> Response:
    """301 to ``path`` (relative to the app root), the request's query kept."""
    query = request.query_string.decode("ascii", "replace")
    return redirect(f"{request.script_root}/{path}" + (f"?{query}" if query else ""), code=301)


#: ``…/art_n/para_1`` (and its items), minted before a provision of one paragraph stopped
#: being divided into 款 (ontology CHANGELOG, issue 13)
_FIRST_PARAGRAPH = re.compile(r"(eli/[^/]+/art_\d+(?:_\d+)?)/para_1(/item_\d+)?")


def _undivided(path: str) -> str | None:
    """Where the IRI of ``path``, unknown, moved when its provision stopped being divided into
    paragraphs; None if it is not such an IRI, or the provision is not known either."""
    m = _FIRST_PARAGRAPH.fullmatch(path)
    if m is None:
        return None
    moved = m.group(1) + (m.group(2) or "")
    try:
        describe(_iri_of(moved))
    except NotFound:
        return None
    return moved


def _wants_html() -> bool:
    try:
        fmt = negotiate(request.accept_mimetypes, RESOURCE_FORMATS, request.args.getlist("format"))
    except NoAcceptableFormat:
        return False
    return fmt is HTML


def _document_page(rest: str) -> Response | None:
    """The people's view of ``eli/<rest>``, when the client prefers HTML or plain text."""
    key, _, part = rest.partition("/")
    if part.startswith("span/"):
        return None  # a span of raw text: its description (the words and where they are)
    offers = RESOURCE_FORMATS if part != "raw" else RAW_TEXT_FORMATS
    try:
        fmt = negotiate(request.accept_mimetypes, offers, request.args.getlist("format"))
    except NoAcceptableFormat:
        return None
    if not document_page.known(key):
        return None  # not a work-rules document of the store: the generic description
    if part == "raw" and fmt is TEXT:
        text = document_page.raw_text(key)
        response = Response(text, content_type="text/plain; charset=utf-8")
    elif fmt is not HTML:
        return None
    elif part == "raw":
        response = redirect(url_for("pages.raw", key=key), code=303)
    elif not part:
        response = Response(pages.document(key), content_type="text/html; charset=utf-8")
    else:
        response = redirect(url_for("pages.document", key=key) + "#" + part, code=303)
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/context.jsonld")
def jsonld_context() -> Response:
    """The JSON-LD ``@context`` every compacted description names."""
    return Response(jsonld.document(services().base), content_type="application/ld+json")


@bp.get("/ontology/<version>")
def ontology_version(version: str) -> Response:
    """The ontology at its version IRI (``owl:versionIRI``): this release's only."""
    ontology = NAMESPACE + "ontology"
    found = describe(ontology)
    version_iri = ox.NamedNode(f"{ontology}/{version}")
    if not any(q.object == version_iri for q in found.quads):
        raise NotFound(f"this service serves another version of the ontology, not {version}")
    return respond(found, unasked=OWL_DEFAULT)


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
    iri = iri_of_path(path, services().base)
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise NotFound(f"not an IRI guize mints: {iri}") from None
    return iri
