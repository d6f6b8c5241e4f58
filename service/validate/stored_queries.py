"""The SPARQL queries that read the conformance reports the build keeps in the store
(:mod:`guize.validate.stored`)."""

from __future__ import annotations

from guize.iris import ONTOLOGY
from guize.namespaces import DCTERMS, RDFS, SH

_PREFIXES = f"""PREFIX sh: <{SH}> PREFIX gz: <{ONTOLOGY}> PREFIX dcterms: <{DCTERMS}>
PREFIX rdfs: <{RDFS}>
"""

#: The results of the conformance graph ?c (one, when bound; else of every document).
RESULTS = (
    _PREFIXES
    + """SELECT ?c ?res ?severity ?focus ?path ?value ?shape ?constraint ?provision ?gov ?doc
  ?vlabel ?mzh ?men ?bzh ?ben
  (GROUP_CONCAT(DISTINCT STR(?article); separator=" ") AS ?articles)
  (GROUP_CONCAT(DISTINCT STR(?number); separator=" ") AS ?numbers)
  (COUNT(?bzh) + COUNT(?article) AS ?basis)
WHERE { GRAPH ?c {
  ?report a sh:ValidationReport ; sh:result ?res .
  ?res sh:resultSeverity ?severity ; sh:focusNode ?focus ; sh:sourceShape ?shape ;
    sh:sourceConstraintComponent ?constraint .
  OPTIONAL { ?res sh:resultPath ?path } OPTIONAL { ?res sh:value ?value }
  OPTIONAL { ?res gz:sourceProvision ?provision } OPTIONAL { ?res gz:government ?gov }
  OPTIONAL { ?res gz:validatedDocument ?doc } OPTIONAL { ?res gz:valueLabel ?vlabel }
  OPTIONAL { ?res sh:resultMessage ?mzh FILTER (LANG(?mzh) = "zh") }
  OPTIONAL { ?res sh:resultMessage ?men FILTER (LANG(?men) = "en") }
  OPTIONAL { ?res dcterms:source ?bzh FILTER (LANG(?bzh) = "zh") }
  OPTIONAL { ?res dcterms:source ?ben FILTER (LANG(?ben) = "en") }
  OPTIONAL { ?res gz:articleOfLaw ?article } OPTIONAL { ?res gz:article ?number }
} }
GROUP BY ?c ?res ?severity ?focus ?path ?value ?shape ?constraint ?provision ?gov ?doc ?vlabel
  ?mzh ?men ?bzh ?ben"""
)

#: Per report of ?c: the document, its rules' outcomes and the editions applied.
OUTCOMES = (
    _PREFIXES
    + """SELECT ?c ?doc ?stamp ?shape ?applies
  (GROUP_CONCAT(DISTINCT STR(?edition); separator=" ") AS ?editions)
WHERE { GRAPH ?c {
  ?report a sh:ValidationReport ; gz:validatedDocument ?doc ; gz:ruleOutcome ?o .
  ?o sh:sourceShape ?shape ; gz:ruleApplies ?applies .
  OPTIONAL { ?report gz:shapesFingerprint ?stamp }
  OPTIONAL { ?report gz:editionApplied ?edition }
} }
GROUP BY ?c ?doc ?stamp ?shape ?applies"""
)

#: The government, its labels and level of the documents (of graph ?g when bound).
GOVERNMENTS = (
    _PREFIXES
    + """SELECT ?g ?doc ?gov ?level ?label WHERE { GRAPH ?g {
  ?doc a gz:WorkRules ; gz:government ?gov .
  OPTIONAL { ?gov gz:administrativeLevel ?level } OPTIONAL { ?gov rdfs:label ?label }
} }"""
)

SHAPES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
