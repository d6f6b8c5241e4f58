"""What a SPARQL request is, read from its tokens (pyoxigraph has no parser API).

The service must know, before running anything, the query form (for content negotiation),
whether the text is an update (refused by the query operation), whether it calls a federated
``SERVICE`` (refused), and whether it names its own dataset with ``FROM``/``FROM NAMED`` (then
the union default graph is not imposed).  A tokenizer that skips comments, string literals
(all four quotings, with escapes), IRIs, prefixed names, variables and language tags finds the
keywords exactly -- ``"SERVICE"``, ``<http://x/SERVICE>``, ``ex:service``, ``?service`` and
``"x"@service`` are not keywords.  Syntax is still checked by pyoxigraph when the query runs.

>>> analyse('SELECT * WHERE { ?s ?p "SERVICE <x> {}" }').uses_service
False
>>> analyse('PREFIX : <x#> SELECT * { SERVICE <http://a/sparql> { ?s ?p ?o } }').uses_service
True
>>> analyse('# a comment SERVICE\\nBASE <http://a/> ask {}').form
'ASK'
>>> analyse('PREFIX ex: <http://ex/> INSERT DATA { ex:a ex:b ex:c }').is_update
True
>>> analyse('SELECT ?s FROM <http://g> WHERE { ?s ?p ?o }').has_dataset
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_VERBS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)

_TOKENS = re.compile(
    rf"""
      (?P<space>\s+)
    | (?P<comment>\#[^\r\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
                |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\r\n]|\\.)*'
                |"(?:[^"\\\r\n]|\\.)*")
    | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][{_PN_CHARS_BASE}0-9_\u00b7\u0300-\u036f\u203f-\u2040]+)
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<pname>(?:[{_PN_CHARS_BASE}_][{_PN_CHARS_BASE}0-9_.\-\u00b7]*)?:(?:[^\s{{}}()\[\];,'"<>#]|\.(?=[^\s.]))*)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class QueryText:
    """The facts the service needs about a SPARQL request string."""

    form: str | None
    """First query form or update verb (upper case), or None if there is none."""
    is_update: bool
    uses_service: bool
    has_dataset: bool
    """The text has a ``FROM`` or ``FROM NAMED`` clause."""


def keywords(text: str) -> list[str]:
    """The bare keywords of ``text``, upper-cased, in order."""
    return [m.group("word").upper() for m in _TOKENS.finditer(text) if m.lastgroup == "word"]


def analyse(text: str) -> QueryText:
    """Read the form, update-ness, ``SERVICE`` and ``FROM`` use of a SPARQL request."""
    words = keywords(text)
    form = next((w for w in words if w in QUERY_FORMS or w in UPDATE_VERBS), None)
    return QueryText(
        form=form,
        is_update=form in UPDATE_VERBS,
        uses_service="SERVICE" in words,
        has_dataset="FROM" in words,
    )
