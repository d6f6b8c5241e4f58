"""Clean (清洗): raw bytes → :class:`~guize.ingest.model.RawText` → :class:`~guize.ingest.model.CleanText`
with an exact offset map to the raw text and a report of everything removed or replaced.

- :mod:`~guize.ingest.clean.cleaner`: decoding and the steps in order (``clean``, ``decode``);
- :mod:`~guize.ingest.clean.offsets`: a text being edited that keeps its map to the raw text;
- :mod:`~guize.ingest.clean.junk`: page junk (navigation, widgets, link farms);
- :mod:`~guize.ingest.clean.spam`: injected spam, each span becoming one □;
- :mod:`~guize.ingest.clean.oddity`: a character model of official Chinese that finds spam no
  lexicon lists; :mod:`~guize.ingest.clean.train` retrains it (``official_bigrams.json.gz``);
- :mod:`~guize.ingest.clean.lines`: whitespace and line structure (splits and PDF joins).

Patterns live in the lexicon (``data/lexicon/page_junk.yaml``, ``spam.yaml``).
"""

from guize.ingest.clean.cleaner import Lexicon, clean, cleaning_summary, decode, load_lexicon

__all__ = ["Lexicon", "clean", "cleaning_summary", "decode", "load_lexicon"]
