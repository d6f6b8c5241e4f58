"""The domain tables come from the SKOS files: labels, order (gz:sortOrder), per-year lengths,
direct properties; unknown codes read as themselves and sort last."""

from __future__ import annotations

import doctest
from decimal import Decimal

from guize import vocab
from guize.vocab import load_vocabulary


def test_doctests():
    result = doctest.testmod(vocab)
    assert result.failed == 0 and result.attempted > 0


def test_every_scheme_file_is_read():
    v = load_vocabulary()
    assert {"meeting-kind", "role-kind", "meeting-role", "administrative-level"} <= set(v.schemes)
    assert all(s.concepts for s in v.schemes.values())


def test_order_is_the_sort_order_and_unordered_codes_keep_their_order():
    kinds = load_vocabulary().scheme("meeting-kind")
    assert kinds.codes()[:5] == ["plenary", "standing", "head-office", "thematic", "other"]
    roles = load_vocabulary().scheme("role-kind")
    assert roles.sort(["deputy-head", "unknown-b", "head", "unknown-a", "other"]) == [
        "head",
        "deputy-head",
        "unknown-b",
        "unknown-a",
        "other",
    ]


def test_labels_and_units():
    v = load_vocabulary()
    assert v.label("administrative-level", "county") == ("县人民政府", "county government")
    assert v.label("validity-status", None) == ("", "")
    assert v.scheme("time-unit").get("month").per_year == Decimal(12)
    assert v.scheme("no-such-scheme").codes() == []


def test_a_copy_of_the_vocabulary_is_read_from_its_folder(tmp_path):
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "meeting-kind.ttl").write_text(
        """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix gz: <https://w3id.org/guize/ontology#> .
<https://w3id.org/guize/vocab/meeting-kind> a skos:ConceptScheme ; skos:notation "meeting-kind" .
<https://w3id.org/guize/vocab/meeting-kind/b> skos:inScheme <https://w3id.org/guize/vocab/meeting-kind> ; skos:notation "b" ; gz:sortOrder 2 ;
    skos:prefLabel "乙"@zh , "B"@en .
<https://w3id.org/guize/vocab/meeting-kind/a> skos:inScheme <https://w3id.org/guize/vocab/meeting-kind> ; skos:notation "a" ; gz:sortOrder 1 .
""",
        encoding="utf-8",
    )
    kinds = load_vocabulary(tmp_path).scheme("meeting-kind")
    assert kinds.codes() == ["a", "b"]
    assert kinds.label("b") == ("乙", "B") and kinds.label("a") == ("a", "a")
