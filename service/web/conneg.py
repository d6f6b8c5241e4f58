"""Content negotiation: which format of :mod:`guize.formats` answers a request.

A client chooses a representation with ``Accept`` (q-values, wildcards) or, for clients that
cannot set headers, a ``format=`` parameter.  ``format=`` wins when one of its values names a
format available for the answer (a short name such as ``json``/``ttl`` or a media type);
values that do not apply (SPARQLWrapper sends ``format=turtle`` with a SELECT) are ignored
and ``Accept`` decides.  No ``Accept`` header means ``*/*``; ties go to the server's order
(:data:`~guize.formats.TABULAR`, :data:`~guize.formats.GRAPH`), so ``*/*`` gets SPARQL JSON for
SELECT/ASK and Turtle for graphs.  N-Quads/TriG answers to a graph query are quads in the
default graph.

>>> negotiate(None, TABULAR).name
'json'
>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", TABULAR).name
'xml'
>>> negotiate("*/*", GRAPH, ["turtle"]).media_type
'text/turtle'
>>> negotiate("application/json", GRAPH).name
'jsonld'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from guize.errors import NotAcceptable
from guize.formats import (
    ALL,
    GRAPH,
    HTML,
    JSONLD,
    N3,
    NQUADS,
    NTRIPLES,
    RDFXML,
    TABULAR,
    TEXT,
    TRIG,
    TURTLE,
    Format,
)

#: What a linked-data resource is available as (Turtle when the client does not say).
RESOURCE_FORMATS: tuple[Format, ...] = (TURTLE, HTML, JSONLD, NTRIPLES, RDFXML, N3, NQUADS, TRIG)
#: A document's raw text is also available as plain text.
RAW_TEXT_FORMATS: tuple[Format, ...] = (TEXT, *RESOURCE_FORMATS)

__all__ = [
    "GRAPH",
    "RAW_TEXT_FORMATS",
    "RESOURCE_FORMATS",
    "TABULAR",
    "NoAcceptableFormat",
    "negotiate",
]


class NoAcceptableFormat(NotAcceptable):
    """None of the offered formats is acceptable to the client (406)."""

    def __init__(self, offers: Sequence[Format]):
        self.offers = offers
        names = ", ".join(f.media_type for f in offers)
        super().__init__(f"no acceptable representation; this resource is available as: {names}")


def negotiate(
    accept: str | MIMEAccept | None, offers: Sequence[Format], format_values: Iterable[str] = ()
) -> Format:
    """The best of ``offers`` for this ``Accept`` header and ``format=`` values.

    :raises NoAcceptableFormat: if the client accepts none of them.
    """
    asked = [v for v in format_values if v]
    for value in asked:
        for offer in offers:
            if offer.answers_to(value):
                return offer
    if asked and not any(f.answers_to(v) for v in asked for f in ALL):
        raise NoAcceptableFormat(offers)  # format= names no format at all (a typo): 406

    if isinstance(accept, str) or accept is None:
        accept = parse_accept_header(accept or "", MIMEAccept)
    if not accept:
        return offers[0]
    media = [f.media_type for f in offers] + [a for f in offers for a in f.aliases]
    best = accept.best_match(media)
    if best is None:
        raise NoAcceptableFormat(offers)
    return next(f for f in offers if best == f.media_type or best in f.aliases)
