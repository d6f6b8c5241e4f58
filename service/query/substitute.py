"""Bound variables written into a query's text, for engines without SEP-0007 substitution.

pyoxigraph binds a variable before evaluation (``substitutions=``).  A remote engine only
gets text, and a trailing ``VALUES`` clause is not the same thing: it joins *after* the
query's sub-selects have applied their ``LIMIT``, and some engines (Virtuoso 7) refuse it
after a ``CONSTRUCT``.  So each bound variable is replaced by its term where it occurs, using
the tokenizer of :mod:`guize.query.text` (strings, IRIs and comments are left alone):

* in a ``SELECT`` projection, ``?x`` becomes ``(<term> AS ?x)``, so answers still bind it;
* after ``GROUP BY`` / ``ORDER BY``, ``(<term>)`` (a bracketed expression);
* everywhere else -- patterns, templates, ``DESCRIBE``, expressions -- the term itself.

>>> substitute("SELECT ?s WHERE { ?s ?p ?this } ORDER BY ?this", {"this": "<http://x/a>"})
'SELECT ?s WHERE { ?s ?p <http://x/a> } ORDER BY (<http://x/a>)'
>>> substitute("SELECT ?this (COUNT(?this) AS ?n) { ?this ?p '?this' }", {"this": "<x:a>"})
"SELECT (<x:a> AS ?this) (COUNT(<x:a>) AS ?n) { <x:a> ?p '?this' }"
>>> substitute("DESCRIBE $this", {"this": "<http://x/a>"})
'DESCRIBE <http://x/a>'
"""

from __future__ import annotations

from guize.query.text import _TOKENS

_END_OF_PROJECTION = frozenset({"WHERE", "FROM"})
_END_OF_MODIFIER = frozenset({"HAVING", "LIMIT", "OFFSET", "VALUES", "GROUP", "ORDER"})


def substitute(text: str, bindings: dict[str, str]) -> str:
    """``text`` with every variable of ``bindings`` (name → term in SPARQL syntax) replaced."""
    if not bindings:
        return text
    out: list[str] = []
    projecting = modifying = False
    depth = 0  # parentheses inside a projection
    previous_word = ""
    for m in _TOKENS.finditer(text):
        kind, token = m.lastgroup, m.group()
        if kind == "word":
            word = token.upper()
            if word == "SELECT":
                projecting, depth = True, 0
            elif word in _END_OF_PROJECTION:
                projecting = False
            if word == "BY" and previous_word in ("GROUP", "ORDER"):
                modifying = True
            elif word in _END_OF_MODIFIER:
                modifying = False
            previous_word = word
        elif kind == "other":
            if token == "{":
                projecting = modifying = False
            elif token == "}":
                modifying = False
            elif projecting and token == "(":
                depth += 1
            elif projecting and token == ")":
                depth -= 1
        elif kind == "var" and token[1:] in bindings:
            term = bindings[token[1:]]
            if projecting and depth == 0:
                token = f"({term} AS ?{token[1:]})"
            elif modifying:
                token = f"({term})"
            else:
                token = term
        out.append(token)
    return "".join(out)


def with_using(text: str, default_graphs: list[str], named_graphs: list[str]) -> str:
    """An update with the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` written in
    as ``USING`` / ``USING NAMED`` before the ``WHERE`` of every ``DELETE``/``INSERT``
    operation (SPARQL 1.1 Protocol 2.2.3: they give each operation's dataset).

    :raises ValueError: the update names its own dataset (``USING``, ``USING NAMED``, ``WITH``),
        which the protocol forbids together with these parameters.

    >>> with_using("INSERT { ?s a <x:T> } WHERE { ?s ?p ?o }", ["http://g/1"], [])
    'INSERT { ?s a <x:T> } USING <http://g/1> WHERE { ?s ?p ?o }'
    >>> with_using("INSERT DATA { <x:a> <x:b> <x:c> }", ["http://g/1"], ["http://g/2"])
    'INSERT DATA { <x:a> <x:b> <x:c> }'
    """
    clause = " ".join(
        [*(f"USING <{g}>" for g in default_graphs), *(f"USING NAMED <{g}>" for g in named_graphs)]
    )
    out: list[str] = []
    depth = 0
    modify = template = False  # in a DELETE/INSERT operation; its template { … } seen
    for m in _TOKENS.finditer(text):
        kind, token = m.lastgroup, m.group()
        if kind == "word":
            word = token.upper()
            if word in ("USING", "WITH"):
                raise ValueError(
                    "the update names its own dataset (USING/WITH) and the request gives "
                    "using-graph-uri / using-named-graph-uri: give one or the other"
                )
            if depth == 0 and word in ("INSERT", "DELETE"):
                modify = True
            elif depth == 0 and word == "DATA":
                modify = False
            elif depth == 0 and word == "WHERE":
                if modify and template and clause:  # not DELETE WHERE { … } (no template)
                    out.append(clause + " ")
                modify = template = False
        elif kind == "other" and token == "{":
            template = template or (modify and depth == 0)
            depth += 1
        elif kind == "other" and token == "}":
            depth -= 1
        elif kind == "other" and token == ";" and depth == 0:
            modify = template = False
        out.append(token)
    return "".join(out)
