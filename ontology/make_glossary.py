"""Generate ontology/glossary.md (zh ↔ en ↔ IRI ↔ code) from guize.ttl and vocab/*.ttl.

The glossary is never edited by hand: change the Turtle, then run

    .venv/bin/python ontology/make_glossary.py          # rewrite glossary.md
    .venv/bin/python ontology/make_glossary.py --check  # exit 1 if glossary.md is stale

IRIs are shown relative to the model's namespace (``gz:`` =
``https://w3id.org/guize/ontology#``, ``vocab/…`` = ``https://w3id.org/guize/vocab/…``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

HERE = Path(__file__).resolve().parent
GLOSSARY = HERE / "glossary.md"
#: Placeholder base for parsing; stripped again when IRIs are printed.
BASE = "http://guize.invalid/"
GZ = BASE + "ontology#"

PREFIXES = {
    "gz": GZ,
    "eli": "http://data.europa.eu/eli/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def load(ontology_dir: Path = HERE) -> tuple[Graph, list[Path]]:
    """The ontology and every vocabulary, parsed with the placeholder base."""
    files = [ontology_dir / "guize.ttl", *sorted((ontology_dir / "vocab").glob("*.ttl"))]
    g = Graph()
    for f in files:
        g.parse(f, format="turtle", publicID=BASE)
    return g, files


def short(node) -> str:
    """A compact name for an IRI, class expression or datatype."""
    if isinstance(node, URIRef):
        s = str(node)
        for p, ns in PREFIXES.items():
            if s.startswith(ns):
                return f"{p}:{s[len(ns) :]}"
        return s[len(BASE) :] if s.startswith(BASE) else s
    return str(node)


def render_range(g: Graph, node) -> str:
    """Class expressions and data ranges as short text (unions, oneOf, facets)."""
    if not isinstance(node, BNode):
        return f"`{short(node)}`"
    union = g.value(node, OWL.unionOf)
    if union is not None:
        return " ∪ ".join(render_range(g, m) for m in Collection(g, union))
    one_of = g.value(node, OWL.oneOf)
    if one_of is not None:
        return "{" + ", ".join(f'"{v}"' for v in Collection(g, one_of)) + "}"
    base = g.value(node, OWL.onDatatype)
    if base is not None:
        facets = []
        for r in Collection(g, g.value(node, OWL.withRestrictions)):
            for facet, value in g.predicate_objects(r):
                op = {
                    "minExclusive": ">",
                    "minInclusive": "≥",
                    "maxExclusive": "<",
                    "maxInclusive": "≤",
                }
                facets.append(f"{op.get(short(facet).split(':')[1], short(facet))} {value}")
        return f"`{short(base)}` [{', '.join(sorted(facets))}]"
    return "(expression)"


def label(g: Graph, s, lang: str, prop=RDFS.label) -> str:
    for o in g.objects(s, prop):
        if isinstance(o, Literal) and o.language == lang:
            return str(o)
    return ""


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    header = list(header)
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return out + [""]


def own(g: Graph, kind) -> list[URIRef]:
    return sorted((s for s in g.subjects(RDF.type, kind) if str(s).startswith(GZ)), key=str)


def terms_section(g: Graph) -> list[str]:
    out = ["## Classes", ""]
    rows = []
    for c in own(g, OWL.Class):
        sup = ", ".join(
            sorted(f"`{short(o)}`" for o in g.objects(c, RDFS.subClassOf) if isinstance(o, URIRef))
        )
        eq = g.value(c, OWL.equivalentClass)
        if eq is not None:
            sup = "≡ " + render_range(g, eq)
        rows.append([label(g, c, "zh"), label(g, c, "en"), f"`{short(c)}`", sup])
    out += table(["中文", "English", "IRI", "subclass of"], rows)
    for title, kind in (
        ("Object properties", OWL.ObjectProperty),
        ("Datatype properties", OWL.DatatypeProperty),
        ("Annotation properties", OWL.AnnotationProperty),
    ):
        out += [f"## {title}", ""]
        rows = []
        for p in own(g, kind):
            dom = g.value(p, RDFS.domain)
            rng = g.value(p, RDFS.range)
            rows.append(
                [
                    label(g, p, "zh"),
                    label(g, p, "en"),
                    f"`{short(p)}`",
                    render_range(g, dom) if dom is not None else "",
                    render_range(g, rng) if rng is not None else "",
                ]
            )
        out += table(["中文", "English", "IRI", "domain", "range"], rows)
    out += ["## Imported terms used by guize", ""]
    rows = []
    for s in sorted(set(g.subjects(RDFS.label, None)), key=str):
        if str(s).startswith(BASE) or not label(g, s, "zh"):
            continue
        rows.append([label(g, s, "zh"), label(g, s, "en"), f"`{short(s)}`"])
    return out + table(["中文", "English", "IRI"], rows)


def scheme_section(g: Graph, scheme: URIRef) -> list[str]:
    code = str(g.value(scheme, SKOS.notation))
    out = [
        f"### {code} — {label(g, scheme, 'zh', DCTERMS.title)} / {label(g, scheme, 'en', DCTERMS.title)}",
        "",
        f"Scheme `{short(scheme)}`. {label(g, scheme, 'en', SKOS.definition)}",
        "",
    ]
    rows = []
    for c in sorted(
        g.subjects(SKOS.inScheme, scheme), key=lambda c: str(g.value(c, SKOS.notation))
    ):
        alts = sorted(str(a) for a in g.objects(c, SKOS.altLabel) if a.language == "zh")
        broader = ", ".join(sorted(f"`{short(b)}`" for b in g.objects(c, SKOS.broader)))
        rows.append(
            [
                f"`{g.value(c, SKOS.notation)}`",
                label(g, c, "zh", SKOS.prefLabel),
                label(g, c, "en", SKOS.prefLabel),
                "、".join(alts),
                broader,
            ]
        )
    return out + table(["code", "中文", "English", "variants (skos:altLabel @zh)", "broader"], rows)


def render(ontology_dir: Path = HERE) -> str:
    """The glossary as Markdown."""
    g, files = load(ontology_dir)
    version = g.value(URIRef(BASE + "ontology"), OWL.versionInfo)
    out = [
        "# guize glossary — 术语表",
        "",
        "<!-- Generated by ontology/make_glossary.py from "
        + ", ".join(f.relative_to(ontology_dir).as_posix() for f in files)
        + ". Do not edit by hand. -->",
        "",
        f"Ontology version {version}. IRIs are relative to the model's namespace "
        "`https://w3id.org/guize/`: `gz:` is `https://w3id.org/guize/ontology#`, `vocab/…` is "
        "`https://w3id.org/guize/vocab/…`.",
        "",
    ]
    out += terms_section(g)
    out += ["## Concept schemes", ""]
    for scheme in sorted(g.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        out += scheme_section(g, scheme)
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if glossary.md is not current")
    args = ap.parse_args(argv)
    text = render()
    if args.check:
        current = GLOSSARY.read_text(encoding="utf-8") if GLOSSARY.exists() else ""
        if current != text:
            print(f"{GLOSSARY} is stale: run python ontology/make_glossary.py", file=sys.stderr)
            return 1
        return 0
    GLOSSARY.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
