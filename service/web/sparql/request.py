"""Reading SPARQL 1.1 Protocol requests: media types, charsets, IRIs of the dataset, the body."""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from flask import request

from guize.errors import BadRequest, UnsupportedMediaType
from guize.formats import Format
from guize.web.conneg import NoAcceptableFormat, negotiate

FORM = "application/x-www-form-urlencoded"
UPDATE_HERE = (
    "the query operation does not run updates; POST them to /update (with the update token)"
)


def negotiate_or_none(offers: tuple[Format, ...], formats: list[str]) -> Format | None:
    """The format to answer in, or None if the client accepts none of ``offers``."""
    return _negotiated(request.headers.get("Accept"), offers, tuple(formats))


@lru_cache(maxsize=512)
def _negotiated(
    accept: str | None, offers: tuple[Format, ...], formats: tuple[str, ...]
) -> Format | None:
    """:func:`negotiate` remembered by header: clients send the same few ``Accept`` headers
    with every request, and parsing and matching one costs more than answering a lookup."""
    try:
        return negotiate(accept, offers, formats)
    except NoAcceptableFormat:
        return None


def iris(values: list[str]) -> tuple[str, ...] | None:
    if not values:
        return None
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError:
            raise BadRequest(f"not an absolute IRI: {value!r}") from None
    return tuple(values)


def require_utf8() -> None:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"SPARQL requests must be UTF-8, not {charset}")


def body_text() -> str:
    try:
        return request.get_data().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"the request body is not valid UTF-8: {exc}") from None
