"""The hand-kept inputs guize ships with, and the one loader for them: the ontology and its SKOS
vocabularies, the SHACL shapes, the lexicon.

In a checkout they are the top-level folders ``ontology/``, ``shapes/`` and ``data/lexicon/``;
in an installed package they are package data (``guize/ontology``, ``guize/shapes``,
``guize/lexicon``, mapped by ``pyproject.toml``).  The settings ``GUIZE_ONTOLOGY_DIR``,
``GUIZE_SHAPES_DIR`` and ``GUIZE_LEXICON_DIR`` point elsewhere (a copy under review, a test's
variant); empty means the bundled copy.

The hand-kept RDF files write the model's IRIs relative to its namespace
(``@prefix gz: <ontology#>``), so every file is parsed with :data:`guize.iris.NAMESPACE` as base:
a term has the same IRI in every deployment.

>>> "meeting-kind.ttl" in [p.name for p in Assets.bundled().vocab_files()]
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from guize.errors import GuizeError
from guize.iris import NAMESPACE, SHAPES, VOCAB

PACKAGE = Path(__file__).resolve().parent
#: Where each input lives in a checkout, relative to its root.
CHECKOUT_PATHS = {"ontology": "ontology", "shapes": "shapes", "lexicon": "data/lexicon"}


class AssetError(GuizeError):
    """A hand-kept input is missing or does not parse (names the file, line and column)."""


def bundled(name: str) -> Path:
    """The shipped copy of ``ontology``, ``shapes`` or ``lexicon``: package data when installed,
    the checkout's folder when running from one."""
    installed = PACKAGE / name
    if installed.is_dir():
        return installed
    return PACKAGE.parent / CHECKOUT_PATHS[name]


@dataclass(frozen=True)
class Assets:
    """The folders the inputs are read from."""

    ontology_dir: Path
    shapes_dir: Path
    lexicon_dir: Path

    @classmethod
    def bundled(cls) -> Assets:
        return cls(bundled("ontology"), bundled("shapes"), bundled("lexicon"))

    @classmethod
    def from_settings(cls, settings: object) -> Assets:
        """The folders the settings name (``ontology_dir``, ``shapes_dir``, ``lexicon_dir``),
        the bundled copy where a setting is empty."""

        def pick(name: str) -> Path:
            value = getattr(settings, f"{name}_dir", "") or ""
            return Path(value) if value else bundled(name)

        return cls(pick("ontology"), pick("shapes"), pick("lexicon"))

    # --- files ------------------------------------------------------------------------------

    def ontology_files(self) -> list[Path]:
        return ontology_files(self.ontology_dir)

    def vocab_files(self) -> list[Path]:
        return vocab_files(self.ontology_dir)

    def legal_files(self) -> list[Path]:
        return legal_files(self.ontology_dir)

    def shape_files(self, patterns: tuple[str, ...] = ("**/*.ttl",)) -> list[Path]:
        return shape_files(self.shapes_dir, patterns)

    # --- named graphs -------------------------------------------------------------------------

    def served_graphs(self) -> list[tuple[Path, str]]:
        """Each file with the IRI of the document it is served as: ``{ns}ontology``,
        ``{ns}vocab/<scheme>``, ``{ns}shapes/<path without .ttl>`` (``{ns}`` the model's
        namespace, answered at the service's ``/ontology``, ``/vocab/…``, ``/shapes/…``)."""
        out = [(p, f"{NAMESPACE}ontology") for p in self.ontology_files()]
        out += [(p, f"{VOCAB}{p.stem}") for p in self.vocab_files()]
        out += [
            (p, f"{SHAPES}{p.relative_to(self.shapes_dir).with_suffix('').as_posix()}")
            for p in self.shape_files()
        ]
        return out

    def model_graphs(self, base: str) -> list[tuple[Path, str]]:
        """The ontology and vocabulary files with the graph IRI ``guize build`` loads each into
        (``{base}graph/model/ontology/<stem>``, ``{base}graph/model/vocab/<stem>``)."""
        out = [(p, f"{base}graph/model/ontology/{p.stem}") for p in self.ontology_files()]
        out += [(p, f"{base}graph/model/vocab/{p.stem}") for p in self.vocab_files()]
        out += [(p, f"{base}graph/model/legal/{p.stem}") for p in self.legal_files()]
        return out


def ontology_files(ontology_dir: Path) -> list[Path]:
    """The OWL ontology (``*.ttl`` at the top of an ontology folder)."""
    return sorted(Path(ontology_dir).glob("*.ttl"))


def vocab_files(ontology_dir: Path) -> list[Path]:
    """The SKOS concept schemes of an ontology folder, one file each (``vocab/*.ttl``)."""
    return sorted((Path(ontology_dir) / "vocab").glob("*.ttl"))


def legal_files(ontology_dir: Path) -> list[Path]:
    """The statutes the rules cite, as ELI resources (``legal/*.ttl``)."""
    return sorted((Path(ontology_dir) / "legal").glob("*.ttl"))


def shape_files(shapes_dir: Path, patterns: tuple[str, ...] = ("**/*.ttl",)) -> list[Path]:
    """Shape files matching ``patterns`` (globs under a shapes folder), in pattern order."""
    return [p for pattern in patterns for p in sorted(Path(shapes_dir).glob(pattern))]


def parse_turtle(path: Path, base: str = NAMESPACE) -> list[ox.Triple]:
    """The triples of a hand-kept Turtle file, its relative IRIs resolved against ``base``
    (the model's namespace).

    :raises AssetError: if it cannot be read or does not parse (Oxigraph's line and column).
    """
    try:
        return [
            q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=base)
        ]
    except (SyntaxError, ValueError, OSError) as exc:
        raise AssetError(f"{path}: {exc}") from exc
