"""What a SPARQL request is, read from its tokens (pyoxigraph has no parser API).

The service must know, before running anything, the query form (for content negotiation),
whether the text is an update (refused by the query operation), whether it calls a federated
``SERVICE`` (refused), and whether it names its own dataset with ``FROM``/``FROM NAMED`` (then
the union default graph is not imposed).  A tokenizer that skips comments, string literals
(all four quotings, with escapes), IRIs, prefixed names, variables and language tags finds the
keywords exactly -- ``"SERVICE"``, ``<http://x/SERVICE>``, ``ex:service``, ``?service`` and
``"x"@service`` are not keywords.  Syntax is still checked by pyoxigraph when the query runs.

This reading is a courtesy (a clear 403 early), not the barrier: a tokenizer can disagree with
the engine (``SERVICE:x`` is one prefixed name to the SPARQL grammar, a keyword and a name to
Oxigraph).  The barrier is that queries run in processes without network
(:mod:`guize.sandbox`); where no barrier can be put up, or the text runs where the network is
reachable, :func:`mentions` refuses any text in which the word appears at all.

The reading also measures the text's nesting depth and operator count, which bound the
engine's recursion: :func:`check_complexity` refuses a text past :data:`MAX_DEPTH` or
:data:`MAX_OPERATORS` (400) instead of letting it overflow a worker's stack.

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
>>> analyse('ASK { { FILTER(!(1 < 2)) } }').depth, analyse('ASK { FILTER(1+2*3 = 7) }').operators
(4, 3)
>>> mentions('PREFIX : <http://x/> SELECT * { SERVICE:x { ?s ?p ?o } }', "service")
True
>>> mentions('SELECT * { ?s <http://x/serviceLevel> ?o }', "service")
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guize.errors import BadRequest, Forbidden

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
    uses_load: bool = False
    depth: int = 0
    """Deepest nesting of ``{ ( [``."""
    operators: int = 0
    """Operator characters (``! - + * / = < > & | ^``) outside literals, IRIs and comments."""


MAX_DEPTH = 256
"""Deepest nesting of brackets a query or update may have (the engine recurses per level)."""
MAX_OPERATORS = 4000
"""Most operators a query or update may have (an expression chain is a tree as deep)."""

_OPENING, _CLOSING, _OPERATORS = "{([", "})]", frozenset("!-+*/=<>&|^")
_RAW_BRACKETS = re.compile(r"[{}()\[\]]")
_ESCAPES = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def keywords(text: str) -> list[str]:
    """The bare keywords of ``text``, upper-cased, in order."""
    return [m.group("word").upper() for m in _TOKENS.finditer(text) if m.lastgroup == "word"]


def analyse(text: str) -> QueryText:
    """Read the form, update-ness, ``SERVICE`` and ``FROM`` use, depth and size of a SPARQL
    request."""
    words: list[str] = []
    depth = deepest = operators = 0
    for m in _TOKENS.finditer(text):
        kind = m.lastgroup
        if kind == "word":
            words.append(m.group("word").upper())
        elif kind == "other":
            char = m.group("other")
            if char in _OPENING:
                depth += 1
                deepest = max(deepest, depth)
            elif char in _CLOSING:
                depth -= 1
            elif char in _OPERATORS:
                operators += 1
    form = next((w for w in words if w in QUERY_FORMS or w in UPDATE_VERBS), None)
    deepest = max(deepest, _raw_depth(text))
    return QueryText(
        form=form,
        is_update=form in UPDATE_VERBS,
        uses_service="SERVICE" in words,
        has_dataset="FROM" in words,
        uses_load="LOAD" in words,
        depth=deepest,
        operators=operators,
    )


def _raw_depth(text: str) -> int:
    """Bracket depth counting every bracket, in literals and IRIs too: the engine may read as
    brackets what the tokenizer took for an IRI (``1<((((…>0``), so depth is measured both ways."""
    depth = deepest = 0
    for m in _RAW_BRACKETS.finditer(text):
        if m.group() in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    return deepest


def check_complexity(read: QueryText) -> None:
    """Refuse a text nested deeper than :data:`MAX_DEPTH` or with more than
    :data:`MAX_OPERATORS` operators.

    :raises BadRequest: with the measure and the limit.
    """
    if read.depth > MAX_DEPTH:
        raise BadRequest(
            f"the query nests {read.depth} levels deep; at most {MAX_DEPTH} are allowed"
        )
    if read.operators > MAX_OPERATORS:
        raise BadRequest(
            f"the query has {read.operators} operators; at most {MAX_OPERATORS} are allowed"
        )


def mentions(text: str, word: str) -> bool:
    """Whether ``word`` appears anywhere in ``text`` as a word of its own (case-insensitive,
    ``\\u`` escapes decoded), whatever a parser would make of it: the conservative test used
    where no network barrier stands behind the reading of :func:`analyse`."""
    decoded = _ESCAPES.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    return (
        re.search(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])", decoded, re.I) is not None
    )


SERVICE_REFUSED = "federated queries (SERVICE) are not allowed on this endpoint"
LOAD_REFUSED = (
    "LOAD fetches from other hosts and is not allowed; PUT the data to /rdf-graphs/service"
)


def admit(text: str, *, network_blocked: bool, update: bool = False) -> QueryText:
    """Read a query (or an ``update``) and refuse what must not run: too complex (400),
    ``SERVICE`` or, in an update, ``LOAD`` (403).  Unless the text will run where the network is
    blocked (``network_blocked``), any mention of those words is refused, however spelled.

    :raises BadRequest: nested too deep or too many operators.
    :raises Forbidden: a federated query or a LOAD.
    """
    read = analyse(text)
    check_complexity(read)
    if read.uses_service or (not network_blocked and mentions(text, "service")):
        raise Forbidden(SERVICE_REFUSED)
    if update and (read.uses_load or (not network_blocked and mentions(text, "load"))):
        raise Forbidden(LOAD_REFUSED)
    return read
