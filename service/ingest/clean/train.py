"""Train the official-text character model of :mod:`guize.ingest.clean.oddity`.

The shipped model (``official_bigrams.json.gz``) was made from a checkout with::

    python -m guize.ingest.clean.train data/raw/*.txt ../shared/legal-basis/*.txt

that is: the documents in ``data/raw`` (the work rules) and the two organic laws beside
the repository (``legal-basis``: 国务院组织法, 地方各级人民代表大会和地方各级人民政府组织法).
Each text is cleaned first without the statistical detector (decode, junk, lexicon spam
replaced by □, which breaks the bigrams it touches), so the model learns official text and
not the pages' junk.  Only counts are stored, no text: a few hundred kilobytes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from guize.ingest.clean.cleaner import clean, decode, load_lexicon
from guize.ingest.clean.oddity import MODEL_PATH, CharModel, count_text


def official_text(path: Path) -> str:
    """The cleaned text of a document, lexicon spam as □, without the statistical detector."""
    lexicon = load_lexicon()
    return clean(decode(path.read_bytes(), path.stem), lexicon, statistical=False).text


def train(paths: list[Path]) -> CharModel:
    """A model of the cleaned texts of ``paths``."""
    return CharModel.from_counts(*count_text(official_text(p) for p in paths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="+", type=Path, help="UTF-8 or GB18030 text files")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="model file to write")
    args = parser.parse_args(argv)
    model = train(args.texts)
    about = {"trained_on": sorted(p.name for p in args.texts), "characters": model.total}
    model.save(args.out, about)
    print(
        f"{args.out}: {len(model.uni)} symbols, {len(model.bi)} bigrams, {model.total} characters"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
