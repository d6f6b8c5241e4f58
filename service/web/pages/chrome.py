"""What every HTML page shares (the layout of ``pages/base.html``): the language and its cookie,
the navigation, interface strings (:mod:`.strings`) for templates, and what an error page
offers as a way on.

The functions are registered on the pages blueprint by :mod:`.views`, app-wide, so the linked
data pages (:mod:`guize.web.ld`) and the error pages render in the same layout.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from flask import Response, g, request, url_for
from markupsafe import Markup, escape

from guize.errors import GuizeError
from guize.formats import HTML
from guize.web.conneg import RESOURCE_FORMATS
from guize.web.pages import data, strings
from guize.web.pages.store import base

log = logging.getLogger("guize.web")

LANGS = ("zh", "en")
LANG_COOKIE = "guize_lang"

#: The main navigation: (endpoint, zh, en, endpoints that count as this entry).
NAV = (
    ("pages.home", *strings.pair("nav.home"), ()),
    ("pages.documents", *strings.pair("nav.documents"), ("pages.document", "pages.raw")),
    ("explore.search", *strings.pair("nav.search"), ()),
    ("pages.compare", *strings.pair("nav.compare"), ("pages.topics",)),
    ("explore.facts", *strings.pair("nav.facts"), ()),
    ("pages.query", *strings.pair("nav.query"), ("explore.catalogue", "explore.answer")),
    ("resources.document", *strings.pair("nav.ontology"), ()),
    ("conformance.matrix", *strings.pair("nav.conformance"), ()),
    ("pages.validate_form", *strings.pair("nav.validate"), ("pages.validate", "pages.conformance")),
)


def language() -> None:
    """The page's language: ``?lang=``, else the cookie, else Chinese."""
    asked = request.args.get("lang")
    g.lang = asked if asked in LANGS else request.cookies.get(LANG_COOKIE)
    if g.lang not in LANGS:
        g.lang = "zh"


def remember_language(response: Response) -> Response:
    """Keep a language asked for in the cookie (on any page: a language switched on an error or
    linked-data page holds on); every HTML page's content security policy."""
    asked = request.args.get("lang")
    if asked in LANGS and request.cookies.get(LANG_COOKIE) != asked:
        response.set_cookie(LANG_COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax")
    if response.mimetype != "text/html":
        return response
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; "
        "script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
    )
    return response


def lang_url(lang: str) -> str:
    """This page's URL in another language (an error page's too: its path, same arguments)."""
    args = request.args.to_dict()
    args["lang"] = lang
    if request.endpoint is None or request.routing_exception is not None:
        return f"{request.script_root}{request.path}?{urlencode(args)}"
    if request.endpoint == "resources.document" or not request.endpoint.startswith("pages."):
        return f"{request.script_root}{request.path}?{urlencode(args)}"
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def t(key: str) -> str:
    """An interface string (:mod:`.strings`) in the page's language."""
    return strings.text(key, g.get("lang", "zh"))


def tb(key: str) -> Markup:
    """An interface string in the page's language with the other beside it (headings)."""
    zh, en = strings.pair(key)
    first, second = (en, "en"), (zh, "zh-Hans")
    if g.get("lang", "zh") != "en":
        first, second = second, first
    return Markup(
        f'<span lang="{first[1]}">{escape(first[0])}</span> '
        f'<span class="alt" lang="{second[1]}">{escape(second[0])}</span>'
    )


def localize(message: str) -> str | None:
    """An error message from the strings table in the page's language (None: not from it)."""
    return strings.localize(message or "", g.get("lang", "zh"))


def _nav_href(endpoint: str) -> str:
    if endpoint == "resources.document":
        return f"{request.script_root}/ontology"
    return url_for(endpoint)


def navigation() -> list[dict[str, Any]]:
    """The navigation entries with their link and whether they are the current page."""
    current = request.endpoint
    return [
        {
            "href": _nav_href(endpoint),
            "zh": zh,
            "en": en,
            "current": current == endpoint
            and (endpoint != "resources.document" or request.path.endswith("/ontology"))
            or current in also,
        }
        for endpoint, zh, en, also in NAV
    ]


def known_documents() -> list[dict[str, Any]]:
    """The documents in the store, for an error page's way on (none when the store fails)."""
    try:
        return data.documents()
    except (GuizeError, OSError, RuntimeError, ValueError) as exc:
        log.warning("error page: cannot list the documents (%s)", exc)
        return []


def alternates() -> list[dict[str, str]]:
    """The RDF representations of what a page shows, for ``<link rel="alternate">`` in its
    ``<head>``: a resource's own (``?format=``), a document page's document (``/eli/<key>``),
    the home page's dataset description; none for other pages."""
    if request.blueprint == "resources":
        target = request.path
    elif request.endpoint == "pages.document" and request.view_args:
        target = f"{request.script_root}/eli/{request.view_args['key']}"
    elif request.endpoint == "pages.home":
        target = f"{request.script_root}/dataset"
    else:
        return []
    return [
        {"href": f"{target}?format={f.name}", "type": f.media_type, "title": f.label}
        for f in RESOURCE_FORMATS
        if f is not HTML
    ]


def globals_() -> dict[str, Any]:
    """Template variables of every page."""
    return {
        "link_alternates": alternates,
        "lang": g.get("lang", "zh"),
        "nav": navigation(),
        "href": data.href,
        "base_iri": base(),
        "script_root": request.script_root,
        "strings_known": strings.STRINGS,
    }
