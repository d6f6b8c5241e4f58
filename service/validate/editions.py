"""The law in force on a document's date (时间效力): each result re-cited in the edition then in
force.

The conformance shapes cite the articles of each law's current edition (gz:articleOfLaw).  The
statutes file (``ontology/legal/statutes.ttl``) holds every edition of a law as a resource of its
own -- gz:editionOf the law across editions, eli:first_date_entry_in_force and
eli:date_no_longer_in_force -- and, for an earlier edition, which current article each of its
articles corresponds to (gz:correspondsTo).  :func:`cite` turns a shape's legal basis into the
one of the edition in force on the document's date:

- an article whose law has an edition in force then, and a counterpart in it, is cited in that
  edition (its IRI, number and label);
- an article whose law was not yet in force, or whose edition has no counterpart (a provision
  added later, or an edition whose numbering is not held), is left out;
- a result none of whose articles is left does not apply to the document (``None``).

A document without a date (an uploaded draft) is judged by the current editions.

>>> from guize.iris import NAMESPACE
>>> s = statutes()
>>> b = LegalBasis("…第七十八条", "… art. 78", (78,), (NAMESPACE + "eli/law/difang-zuzhifa-2022/art_78",))
>>> old = cite(b, "2011-07-13", s)
>>> old.article_iris[0].rsplit("/", 2)[-2:], old.articles, old.edition.in_force_from
(['difang-zuzhifa-2004', 'art_63'], (63,), '2004-10-27')
>>> now = cite(b, "2023-01-01", s)
>>> now.zh == b.zh, now.edition.in_force_from, now.edition.in_force_until
(True, '2022-03-12', None)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDFS, Graph, Literal, URIRef

from guize.assets import bundled, legal_files, parse_turtle
from guize.iris import ONTOLOGY
from guize.namespaces import ELI
from guize.validate.report import Edition, LegalBasis

_EDITION_OF = URIRef(ONTOLOGY + "editionOf")
_EDITION_LABEL = URIRef(ONTOLOGY + "editionLabel")
_CORRESPONDS = URIRef(ONTOLOGY + "correspondsTo")
_FROM = URIRef(ELI + "first_date_entry_in_force")
_UNTIL = URIRef(ELI + "date_no_longer_in_force")
_PART_OF = URIRef(ELI + "is_part_of")
_NUMBER = URIRef(ELI + "number")


@dataclass(frozen=True)
class Statutes:
    """The editions of the laws the shapes cite, and how their articles correspond."""

    editions: dict[str, Edition]  # edition IRI → edition
    by_law: dict[str, tuple[Edition, ...]]  # law IRI → its editions, oldest first
    edition_of_article: dict[str, str]  # article IRI → edition IRI
    counterpart: dict[tuple[str, str], str]  # (current article, edition) → that edition's article
    labels: dict[str, tuple[str, str]]  # article IRI → (第七十八条, art. 78)
    numbers: dict[str, int]  # article IRI → number

    def in_force(self, law: str, date: str) -> Edition | None:
        """The edition of ``law`` in force on ``date`` (YYYY-MM-DD), if any."""
        for e in self.by_law.get(law, ()):
            if (e.in_force_from or "") <= date and (
                e.in_force_until is None or date < e.in_force_until
            ):
                return e
        return None


def _zh(g: Graph, node: URIRef, prop: URIRef) -> tuple[str, str]:
    found = {o.language: str(o) for o in g.objects(node, prop) if isinstance(o, Literal)}
    return found.get("zh", ""), found.get("en", "")


def _date(g: Graph, node: URIRef, prop: URIRef) -> str | None:
    value = g.value(node, prop)
    return str(value) if value is not None else None


@lru_cache(maxsize=4)
def statutes(ontology_dir: str | None = None) -> Statutes:
    """The editions held in ``legal/*.ttl`` of an ontology folder (default: the bundled one)."""
    g = Graph()
    for path in legal_files(bundled("ontology") if ontology_dir is None else ontology_dir):
        g.parse(data=ox.serialize(parse_turtle(path), format=ox.RdfFormat.N_TRIPLES), format="nt")
    editions: dict[str, Edition] = {}
    for edition, law in g.subject_objects(_EDITION_OF):
        title_zh, title_en = _zh(g, law, RDFS.label)
        title_zh, title_en = (
            title_zh.removesuffix("（各版本）"),
            title_en.removesuffix(" (all editions)"),
        )
        ed_zh, ed_en = _zh(g, edition, _EDITION_LABEL)
        editions[str(edition)] = Edition(
            str(edition),
            str(law),
            f"《{title_zh}》（{ed_zh}）",
            f"{title_en} ({ed_en})",
            _date(g, edition, _FROM),
            _date(g, edition, _UNTIL),
        )
    by_law: dict[str, list[Edition]] = defaultdict(list)
    for e in editions.values():
        by_law[e.law].append(e)
    articles = {str(a): str(e) for a, e in g.subject_objects(_PART_OF) if str(e) in editions}
    counterpart = {
        (str(cur), articles[str(old)]): str(old)
        for old, cur in g.subject_objects(_CORRESPONDS)
        if str(old) in articles
    }
    return Statutes(
        editions,
        {law: tuple(sorted(es, key=lambda e: e.in_force_from or "")) for law, es in by_law.items()},
        articles,
        counterpart,
        {a: _zh(g, URIRef(a), RDFS.label) for a in articles},
        {a: int(str(g.value(URIRef(a), _NUMBER))) for a in articles if g.value(URIRef(a), _NUMBER)},
    )


def cite(basis: LegalBasis, date: str | None, s: Statutes | None = None) -> LegalBasis | None:
    """``basis`` re-cited in the editions in force on ``date``; None if the rule does not apply
    then (no cited article has a counterpart in force).  Without a date, the current editions."""
    s = s or statutes()
    applied: list[tuple[str, Edition]] = []  # (article of the edition applied, edition)
    earlier = False
    for article in basis.article_iris:
        own = s.editions.get(s.edition_of_article.get(article, ""))
        if own is None:  # an article the statutes file does not hold: cited as it is
            continue
        edition = own if date is None else s.in_force(own.law, date)
        if edition is None:
            continue
        if edition.iri == own.iri:
            applied.append((article, own))
        elif (found := s.counterpart.get((article, edition.iri))) is not None:
            applied.append((found, edition))
            earlier = True
    if not applied and any(a in s.edition_of_article for a in basis.article_iris):
        return None
    if not applied:
        return basis
    applied.sort(key=lambda pair: pair[0])
    editions = tuple(dict.fromkeys(e for _, e in applied))
    zh, en = basis.zh, basis.en
    if earlier or len(applied) < len(basis.article_iris):
        zh, en = _words(applied, editions, s)
    return replace(
        basis,
        zh=zh,
        en=en,
        articles=tuple(s.numbers.get(a, 0) for a, _ in applied),
        article_iris=tuple(a for a, _ in applied),
        edition=editions[0],
        editions=editions,
        earlier=earlier,
    )


def _words(
    applied: list[tuple[str, Edition]], editions: tuple[Edition, ...], s: Statutes
) -> tuple[str, str]:
    """``《…》（2015年修正）第六十三条`` and ``… (2015 amendment), art. 63`` for the articles applied."""
    zh, en = [], []
    for e in editions:
        arts = [a for a, ed in applied if ed == e]
        zh.append(e.label_zh + "、".join(s.labels[a][0] for a in arts))
        nums = [str(s.numbers.get(a, "")) for a in arts]
        en.append(f"{e.label_en}, {'art.' if len(nums) == 1 else 'arts.'} {', '.join(nums)}")
    return "；".join(zh), "; ".join(en)


def note(basis: LegalBasis, date: str | None) -> tuple[str, str]:
    """What a message adds when an earlier edition was applied (empty otherwise)."""
    if not basis.earlier or date is None:
        return "", ""
    return (
        f"（按文件日期 {date} 适用{basis.zh}）",
        f" (judged by the law in force on the document's date, {date}: {basis.en})",
    )
