"""The one prefix table: the vocabularies guize uses, and the prefixes of what it mints.

Turtle and RDF/XML output, the query editor, validation reports and the linked-data pages all
take their prefixes from here.  ``gz`` and ``gzv`` are the model's stable namespace, ``gzid``
depends on the data's base IRI (see :mod:`guize.iris`).

>>> prefixes("http://example.org/")["gz"]
'https://w3id.org/guize/ontology#'
>>> curie("http://www.w3.org/ns/org#Post", prefixes("http://example.org/"))
'org:Post'
"""

from __future__ import annotations

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
SH = "http://www.w3.org/ns/shacl#"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
SD = "http://www.w3.org/ns/sparql-service-description#"
FOAF = "http://xmlns.com/foaf/0.1/"
FORMATS = "http://www.w3.org/ns/formats/"
#: The stable namespace of guize's own model (ontology, vocabularies, shapes), the same in
#: every deployment (see :mod:`guize.iris`).
NAMESPACE = "https://w3id.org/guize/"
#: Ontology terms (``gz:``).
ONTOLOGY = NAMESPACE + "ontology#"
#: SKOS concept schemes (``gzv:``).
VOCAB = NAMESPACE + "vocab/"
#: SHACL shapes files.
SHAPES = NAMESPACE + "shapes/"

#: Well-known vocabularies, in the order a reader expects them.
PREFIXES: dict[str, str] = {
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "eli": ELI,
    "org": ORG,
    "prov": PROV,
    "oa": OA,
    "sh": SH,
    "void": VOID,
    "dcat": DCAT,
    "sd": SD,
}


def prefixes(base: str) -> dict[str, str]:
    """Every prefix, with ``gz`` (ontology) and ``gzv`` (vocabularies) under the model's
    stable namespace and ``gzid`` (things) under the data's ``base``; the project's own first."""
    return {"gz": ONTOLOGY, "gzv": VOCAB, "gzid": f"{base}id/", **PREFIXES}


def curie(iri: str, table: dict[str, str]) -> str:
    """``prefix:local`` when a prefix of ``table`` covers ``iri`` and the rest is a plain name,
    else the IRI itself."""
    for name, ns in table.items():
        rest = iri[len(ns) :]
        if iri.startswith(ns) and rest and not any(c in rest for c in "/#?"):
            return f"{name}:{rest}"
    return iri


def sparql_prologue(table: dict[str, str]) -> str:
    """``PREFIX`` lines for a query."""
    return "\n".join(f"PREFIX {name}: <{ns}>" for name, ns in table.items())
