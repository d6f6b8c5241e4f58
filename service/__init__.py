"""guize (规则): the work rules of Chinese people's governments as a linked-data knowledge graph.

The rooms, in the order data flows through them::

    ingest (clean → parse → extract) → rdf → validate → store → query → compare → web
                         pipeline, build: one document, a folder          cli: the command

- :mod:`guize.ingest`: one document's bytes → typed values (pure stages; no files, no RDF);
- :mod:`guize.pipeline`: decode → clean → parse → extract → RDF for one document;
- :mod:`guize.rdf`: the typed values → one named graph (ELI, ORG, PROV-O, Web Annotation, gz);
- :mod:`guize.validate`: SHACL shapes over graphs, the store or a file; reports, the matrix;
- :mod:`guize.store`: the graph store interface, embedded (pyoxigraph) and remote, versions;
- :mod:`guize.build`: a folder of documents → the store, document by document;
- :mod:`guize.query`: SPARQL jobs within limits, result formats, the catalogue of queries;
- :mod:`guize.compare`: the cross-government comparison profile and its CSV;
- :mod:`guize.web`: the Flask service (SPARQL protocol, linked data, pages);
- :mod:`guize.cli`: the ``guize`` command.

Shared by all: :mod:`guize.config` (settings), :mod:`guize.errors` (the error family),
:mod:`guize.assets` (the ontology, shapes and lexicon and their loader), :mod:`guize.vocab`
(domain tables from the SKOS vocabularies), :mod:`guize.formats` (the format table),
:mod:`guize.namespaces` (the prefix table), :mod:`guize.iris` (the IRIs guize mints).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("guize")
except PackageNotFoundError:  # a checkout that was never installed
    __version__ = "0+unknown"
