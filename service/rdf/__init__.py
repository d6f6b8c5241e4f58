"""RDF (图谱): a parsed document and its facts → one named graph, in ELI, W3C ORG, PROV-O, Web
Annotation and the project's ontology.

- :mod:`~guize.rdf.document`: the document, its notice, structure, raw text and cleaning run;
- :mod:`~guize.rdf.facts`: the extracted facts, each with its provision and span.
"""

from guize.rdf.document import DocumentGraph, to_rdf

__all__ = ["DocumentGraph", "to_rdf"]
