"""Ingest (入库前处理): one document's raw bytes → typed values, stage by stage, each pure.

- :mod:`~guize.ingest.model`, :mod:`~guize.ingest.facts`: the typed values passed between stages;
- :mod:`~guize.ingest.clean`: decode, normalise, cut page junk and spam, keep the offset map;
- :mod:`~guize.ingest.parse`: the notice's metadata and the rules' structure;
- :mod:`~guize.ingest.extract`: roles, meetings, powers, deadlines -- each fact with its span;
- :mod:`~guize.ingest.numerals`, :mod:`~guize.ingest.numbering`: Chinese numerals and dates;
  the numbering styles of headings, provisions and items (used by clean and parse);
- :mod:`~guize.ingest.sources`: the documents of a folder and ``sources.yaml``;
- :mod:`~guize.ingest.errors`: :class:`~guize.ingest.errors.IngestError` (stage, document, where).

Nothing here writes a file or a store, or knows about RDF or HTTP; :mod:`guize.pipeline`
runs the stages in order and :mod:`guize.rdf` writes the graph.
"""
