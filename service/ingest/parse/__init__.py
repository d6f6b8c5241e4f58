"""Parse (结构化): cleaned text → :class:`~guize.ingest.model.ParsedDocument`.

- :mod:`~guize.ingest.parse.body`: the rules body -- title, chapters, provisions (either
  numbering style), paragraphs, items; gaps and repeats reported as warnings;
- :mod:`~guize.ingest.parse.layout`: the body's lines, provisions run on after 。, headings
  without 第X章, labels written in the other style;
- :mod:`~guize.ingest.parse.kind`: other kinds of text refused (a meeting's 议事规则),
  excerpts marked incomplete;
- :mod:`~guize.ingest.parse.notice`: the issuing notice -- issuer, 文号, dates, recipients,
  repeals, validity;
- :mod:`~guize.ingest.parse.metadata`: the document's metadata resolved from notice, title and
  ``sources.yaml`` (place, level, head title, province).
"""

from guize.ingest.parse.body import parse

__all__ = ["parse"]
