"""``guize reason``: HermiT's consistency verdict on the store, and what the build inferred.

Reads the store's ontology and vocabulary graphs and every document graph with its inferred
graph, runs HermiT once on all of it (the ontology without the axioms the build materialised:
:func:`guize.reason.hermit.rule_free`) (``--documents N``: the first N documents only), and lists,
per document, the triples its inferred graph holds by property, with any two posts that share
a key (``owl:hasKey``).  Exit 0 consistent, 1 inconsistent or unsatisfiable classes, 2 no store
or no java.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

import pyoxigraph as ox
from rdflib import Graph

from guize.build import document_graphs
from guize.cli.commands import EXIT_FAILED, EXIT_OK, _read_store, fail
from guize.config import Settings
from guize.iris import Iris
from guize.reason import compile_rules
from guize.reason.hermit import NoJava, rule_free, run_hermit
from guize.reason.materialise import key_clashes


def cmd_reason(args, settings: Settings) -> int:
    store, base = _read_store(args, settings)  # the base the store records
    iris = Iris(base)
    rules = compile_rules()
    docs = document_graphs(store, iris)
    if args.documents is not None:
        docs = docs[: args.documents]
    model = [g for g in store.named_graphs() if g.startswith(f"{iris.base}graph/model/")]
    triples: list[ox.Triple] = []
    inferred: dict[str, Counter] = {}
    clashes = []
    for g in model:
        triples += _graph(store, g)
    for g in docs:
        own, inf = _graph(store, g), _graph(store, f"{g}/inferred")
        triples += own + inf
        inferred[g] = Counter(_short(t.predicate.value) for t in inf)
        data = Graph().parse(
            data=ox.serialize(own + inf, format=ox.RdfFormat.N_TRIPLES), format="nt"
        )
        clashes += [(g, str(cls), [str(x) for x in xs]) for cls, xs in key_clashes(data, rules)]
    everything = Graph().parse(
        data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt"
    )
    try:
        verdict = run_hermit(rule_free(everything, rules).serialize(format="nt", encoding="utf-8"))
    except NoJava as exc:
        return fail(str(exc))
    report = {
        "consistent": verdict.consistent,
        "unsatisfiable_classes": list(verdict.unsatisfiable),
        "message": verdict.message,
        "hermit_seconds": round(verdict.seconds, 2),
        "triples_reasoned": len(triples),
        "documents": len(docs),
        "rules": rules.summary(),
        "inferred": {g: dict(c.most_common()) for g, c in inferred.items()},
        "key_clashes": clashes,
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _text(report)
    ok = verdict.consistent and not verdict.unsatisfiable and not clashes
    return EXIT_OK if ok else EXIT_FAILED


def _graph(store, iri: str) -> list[ox.Triple]:
    q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
    return [t for t in store.query(q, union_default_graph=False)]


def _short(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(r: dict) -> None:
    out = sys.stdout
    verdict = "consistent" if r["consistent"] else "INCONSISTENT"
    print(
        f"HermiT: {verdict} — {r['triples_reasoned']} triples of the ontology, vocabularies and "
        f"{r['documents']} documents ({r['hermit_seconds']} s)",
        file=out,
    )
    if r["message"]:
        print(f"  {r['message']}", file=out)
    for c in r["unsatisfiable_classes"]:
        print(f"  unsatisfiable class: {c}", file=out)
    rules = ", ".join(f"{n} {k}" for k, n in r["rules"].items())
    print(f"compiled rules: {rules}", file=out)
    for g, counts in r["inferred"].items():
        total = sum(counts.values())
        top = ", ".join(f"{p} {n}" for p, n in list(counts.items())[:8])
        print(f"{g}/inferred: {total} triples ({top})", file=out)
    for g, cls, xs in r["key_clashes"]:
        print(f"key clash in {g}: {cls}: {' = '.join(xs)}", file=out)
