"""Generated hostile input: malformed and adversarial SPARQL, RDF in every syntax guize reads,
and work-rules texts, from seeds mutated by a seeded random generator.

Used by ``test_fuzz.py`` (a seeded subset in ``make test``; ``make fuzz`` runs ten thousand and
more).  Every input is one :class:`Case`: where it goes and what it carries.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[2]

SEED_QUERIES = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 5",
    "ASK { ?s a ?c }",
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3",
    "DESCRIBE <http://example.org/a>",
    'SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(CONTAINS(STR(?l), "会")) }',
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p HAVING (COUNT(*) > 1) ORDER BY DESC(?n)",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:p+ ?o OPTIONAL { ?o ex:q ?z } MINUS { ?s ex:r ?o } }",
    'SELECT * WHERE { VALUES ?x { 1 2.5 "a"@zh <http://x/> } BIND(?x + 1 AS ?y) }',
    "SELECT * WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } OFFSET 2 LIMIT 2",
    'SELECT (REPLACE(STR(?s), "^(.*)$", "$1") AS ?r) (STRLEN(?s) AS ?n) WHERE { ?s ?p ?o } LIMIT 1',
]
TOKENS = [
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "<",
    ">",
    "<<",
    ">>",
    ".",
    ";",
    ",",
    "*",
    "?",
    "$",
    "!",
    "^",
    "^^",
    "@",
    "#",
    '"',
    "'",
    '"""',
    ":",
    "_:b",
    "a",
    "SELECT",
    "ASK",
    "WHERE",
    "FILTER",
    "OPTIONAL",
    "UNION",
    "MINUS",
    "GRAPH",
    "SERVICE",
    "SILENT",
    "VALUES",
    "BIND",
    "AS",
    "ORDER BY",
    "GROUP BY",
    "LIMIT",
    "OFFSET",
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "FROM",
    "NAMED",
    "BASE",
    "PREFIX",
    "REGEX",
    "CONCAT",
    "STRLEN",
    "<http://example.org/>",
    "\\u0053ERVICE",
    "\x00",
    "\ufffd",
    "𠀀",
    "会议",
    "1e308",
    "-0",
    "999999999999999999999",
]
SEED_RDF = {
    "text/turtle": (
        "@prefix ex: <http://example.org/> .\n"
        'ex:a ex:p "一", 2, 3.5, true ; ex:q [ ex:r ( 1 2 ( 3 ) ) ] .\n'
        'ex:b ex:p "x"@zh, "y"^^ex:t .\n'
    ),
    "application/n-triples": '<http://example.org/a> <http://example.org/p> "v" .\n',
    "application/ld+json": json.dumps(
        {"@context": {"ex": "http://example.org/"}, "@id": "ex:a", "ex:p": [{"@id": "ex:b"}, "v"]}
    ),
    "application/rdf+xml": (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/a">'
        "<ex:p>v</ex:p></rdf:Description></rdf:RDF>"
    ),
    "application/trig": '<http://example.org/g> { <http://example.org/a> <http://example.org/p> "v" . }',
    "application/n-quads": '<http://example.org/a> <http://example.org/p> "v" <http://example.org/g> .\n',
}


@dataclass(frozen=True)
class Case:
    kind: str
    """``query`` (the /sparql endpoint), ``rdf`` or ``text`` (/validate), ``cli``."""
    method: str
    path: str
    body: bytes
    content_type: str


def _mutate(text: str, rng: random.Random, listener: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        pos = rng.randint(0, len(chars))
        if op < 0.3 and chars:
            del chars[min(pos, len(chars) - 1)]
        elif op < 0.6:
            token = rng.choice(TOKENS + [f"<{listener}>", "SERVICE:x", f"SERVICE <{listener}>"])
            chars[pos:pos] = list(f" {token} ")
        elif op < 0.75 and chars:
            start = rng.randint(0, len(chars) - 1)
            chars[pos:pos] = chars[start : start + rng.randint(1, 40)]
        elif op < 0.85:
            chars[pos:pos] = [chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(1, 5))]
        else:
            depth = rng.choice([10, 100, 300, 3000])
            opener, closer = rng.choice([("{", "}"), ("(", ")"), ("[", "]"), ("!", "")])
            chars[pos:pos] = list(opener * depth + closer * depth)
    return "".join(chars)


_TERMS = ["?s", "?p", "?o", "?x", "<http://example.org/a>", '"会议"', "1", '"x"@zh', "true"]
_PATHS = [
    "?p",
    "<http://example.org/p>+",
    "(^<http://example.org/p>|<http://example.org/q>)*",
    "!(<http://x/a>)",
    "a",
]
_EXPRS = [
    "?o",
    "STR(?s)",
    "STRLEN(STR(?o))",
    'CONCAT(STR(?s), "·")',
    'REGEX(STR(?o), "^(a+)+$")',
    "COALESCE(?x, 1)",
    "IF(BOUND(?o), 1, 0)",
    "?o + 1",
    "LCASE(STR(?p))",
    "NOW()",
    "UUID()",
    'REPLACE(STR(?o), "(.)", "$1$1")',
    "SHA256(STR(?s))",
    "ABS(-?x)",
    "xsd:integer(?o)",
]


def _pattern(rng: random.Random, depth: int = 0) -> str:
    """A random graph pattern that parses."""
    roll = rng.random()
    triple = f"{rng.choice(_TERMS[:4])} {rng.choice(_PATHS)} {rng.choice(_TERMS)} ."
    if depth > 3 or roll < 0.35:
        return triple
    inner = _pattern(rng, depth + 1)
    if roll < 0.45:
        return f"OPTIONAL {{ {inner} }} {triple}"
    if roll < 0.55:
        return f"{{ {inner} }} UNION {{ {triple} }}"
    if roll < 0.65:
        return f"{triple} FILTER({rng.choice(_EXPRS)} != {rng.choice(_EXPRS)})"
    if roll < 0.72:
        return f"GRAPH ?g {{ {inner} }}"
    if roll < 0.8:
        return f"{triple} BIND({rng.choice(_EXPRS)} AS ?b{depth})"
    if roll < 0.86:
        return f"{{ SELECT ?s (COUNT(*) AS ?n{depth}) WHERE {{ {inner} }} GROUP BY ?s LIMIT 5 }}"
    if roll < 0.92:
        values = " ".join(rng.choice(_TERMS) for _ in range(rng.randint(1, 200)))
        return f"VALUES ?x {{ {values} }} {inner}"
    return f"MINUS {{ {inner} }} {triple}"


def valid_query(rng: random.Random) -> str:
    """A random query that parses: the engine has to evaluate it, within the limits."""
    form = rng.random()
    body = " ".join(_pattern(rng) for _ in range(rng.randint(1, 3)))
    prologue = "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
    if form < 0.6:
        order = rng.choice(["", "ORDER BY ?s", "ORDER BY DESC(?o) ?s"])
        return f"{prologue}SELECT * WHERE {{ {body} }} {order} LIMIT {rng.randint(0, 500)}"
    if form < 0.75:
        return f"{prologue}ASK {{ {body} }}"
    if form < 0.9:
        return f"{prologue}CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {body} ?s ?p ?o . }} LIMIT 100"
    return f"{prologue}DESCRIBE ?s WHERE {{ {body} }} LIMIT 3"


def _query_case(rng: random.Random, listener: str) -> Case:
    if rng.random() < 0.3:
        query = valid_query(rng)
    else:
        query = _mutate(rng.choice(SEED_QUERIES), rng, listener)
    data = query.encode("utf-8", "surrogatepass")  # lone surrogates: bytes that are not UTF-8
    if rng.random() < 0.1:
        query = f"PREFIX : <{listener}> " + query.replace("?s ?p ?o", "SERVICE:x { ?s ?p ?o }", 1)
    how = rng.random()
    if how < 0.4:
        return Case("query", "GET", "/sparql?" + urlencode({"query": data}), b"", "")
    if how < 0.7:
        return Case(
            "query",
            "POST",
            "/sparql",
            urlencode({"query": data}).encode(),
            "application/x-www-form-urlencoded",
        )
    return Case(
        "query",
        "POST",
        "/sparql",
        query.encode("utf-8", "surrogatepass"),
        "application/sparql-query",
    )


def _rdf_case(rng: random.Random, listener: str) -> Case:
    ctype, seed = rng.choice(sorted(SEED_RDF.items()))
    body = _mutate(seed, rng, listener)
    if rng.random() < 0.05:
        body = '{"@context": "' + listener + 'ctx", "@id": "http://x/a"}'
    if rng.random() < 0.05:
        body = f'<!DOCTYPE r [<!ENTITY e SYSTEM "{listener}e">]>' + body
    return Case(
        "rdf", "POST", "/validate?format=json", body.encode("utf-8", "surrogatepass"), ctype
    )


def _text_case(rng: random.Random, listener: str, texts: list[str]) -> Case:
    text = rng.choice(texts)
    start = rng.randint(0, max(0, len(text) - 3000))
    body = _mutate(text[start : start + 3000], rng, listener)
    return Case(
        "text", "POST", "/validate?format=json", body.encode("utf-8", "surrogatepass"), "text/plain"
    )


def cases(n: int, seed: int, listener: str) -> list[Case]:
    """``n`` cases, the same for the same seed: mostly queries, some RDF, a few texts."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "data/raw").glob("*.txt"))]
    out = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.86:
            out.append(_query_case(rng, listener))
        elif roll < 0.995:
            out.append(_rdf_case(rng, listener))
        else:
            out.append(_text_case(rng, listener, texts))
    return out


def cli_queries(n: int, seed: int, listener: str) -> list[str]:
    rng = random.Random(seed + 1)
    return [_mutate(rng.choice(SEED_QUERIES), rng, listener) for _ in range(n)]
