"""Extract (抽取): a parsed document → :class:`~guize.ingest.facts.Facts`, each fact with the
provision and span of text it came from.  Patterns live in the lexicon
(``data/lexicon/extraction.yaml``, see ``data/lexicon/EXTRACTION.md``).

- :mod:`~guize.ingest.extract.extractor`: the stage (``extract``) over every provision;
- :mod:`~guize.ingest.extract.lexicon`: the lexicon compiled for one government level;
- :mod:`~guize.ingest.extract.text`: sentences, clauses and pieces with offsets;
- :mod:`~guize.ingest.extract.roles`: role words and lists of them;
- :mod:`~guize.ingest.extract.government`: composition, head responsibility, acting head;
- :mod:`~guize.ingest.extract.meetings`: meetings, who takes which part, frequency, quorum;
- :mod:`~guize.ingest.extract.signing`: who signs which documents;
- :mod:`~guize.ingest.extract.rules`: deadlines and leave rules;
- :mod:`~guize.ingest.extract.norms`: powers and duties as norms, with modality and condition;
- :mod:`~guize.ingest.extract.competence`: what meetings decide, the major-decision procedure,
  Party reporting and rule-making claims.
"""

from guize.ingest.extract.extractor import extract

__all__ = ["extract"]
