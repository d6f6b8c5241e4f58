"""Parse (结构化): cleaned text → :class:`~guize.ingest.model.ParsedDocument`.

- :mod:`~guize.ingest.parse.body`: the rules body -- title, chapters, provisions (either
  numbering style), paragraphs, items; gaps and repeats reported as warnings;
- :mod:`~guize.ingest.parse.notice`: the issuing notice -- issuer, 文号, dates, recipients,
  repeals, validity;
- :mod:`~guize.ingest.parse.metadata`: the document's metadata resolved from notice, title and
  ``sources.yaml`` (place, level, head title, province).
"""

from guize.ingest.parse.body import parse

__all__ = ["parse"]
