"""Superseded in the store (被取代): a document that another document of the store shows to
be superseded, with the citing provision as evidence -- a step over the whole store, run after
every build.

Two kinds of evidence, both read from the citing document's provisions:

- ``cited-successor``: a document cites a text of the same title under another, later
  document number (连云港 2011: "参照《国务院工作规则》（国发〔2008〕14号）" shows that the
  2004 rules, 国发〔2004〕18号, were replaced by 2008);
- ``repealed``: a sentence that says 废止 names the document's own number
  ("《…》（×政发〔2018〕5号）同时废止") and both are of one government (济南 and 济宁 both
  number their documents 济政发).

A bare title without a number proves nothing (it cites whatever version was in force) and is
not evidence.  Findings go into one named graph, ``{base}graph/cross/supersession``, rewritten
whole at each build: for each, ``{citing document}/fact/supersedes-{n}``, a gz:Supersession
(a gz:Fact) with gz:supersedes (the superseded document), gz:successorNumber (as cited),
gz:supersessionKind, gz:sourceProvision (the citing provision) and gz:span (the citation's span
when the extraction recorded it as a legal basis, else the provision's).

>>> _bare("中华人民共和国 国务院工作规则（修订稿）")
'国务院工作规则'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

import pyoxigraph as ox

from guize.iris import ONTOLOGY, Iris
from guize.namespaces import ELI

#: the named graph of the findings, under the base
GRAPH = "graph/cross/supersession"

_NUMBER = r"[^（）()《》，,。；;\s]{1,20}?〔\s*(\d{4})\s*〕\s*\d+\s*号"
_AFTER_TITLE = re.compile(r"\s*[（(]\s*(" + _NUMBER + r")\s*[）)]")
_REPEAL = re.compile(r"废止")
_ANY_NUMBER = re.compile(_NUMBER)
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUFFIX = re.compile(r"[（(](?:修订稿|修订|试行|草案)[）)]$")
#: a title in 《》 as a provision cites it, and the same with an edition note of up to six
#: characters after it (《国务院工作规则（修订）》)
_CITED = re.compile(r"《([^《》]{1,120})》")
_EDITION = re.compile(r"(.+)[（(][^）)]{1,6}[）)]")

_DOCS = f"""PREFIX gz: <{ONTOLOGY}> PREFIX eli: <{ELI}>
SELECT ?g ?d ?gov ?title ?number ?date WHERE {{ GRAPH ?g {{
  ?d a gz:WorkRules . OPTIONAL {{ ?d gz:government ?gov }} OPTIONAL {{ ?d eli:title ?title }}
  OPTIONAL {{ ?d eli:id_local ?number }} OPTIONAL {{ ?d eli:date_document ?date }} }} }}"""
#: (``{graphs}``: a VALUES clause that restricts ``?g``, or nothing)
_PROVISIONS = f"""PREFIX gz: <{ONTOLOGY}> PREFIX eli: <{ELI}>
SELECT ?g ?doc ?p ?text ?span WHERE {{{{ {{graphs}} GRAPH ?g {{{{
  ?doc a gz:WorkRules . ?p a gz:Provision ; eli:is_part_of ?doc ; gz:text ?text .
  OPTIONAL {{{{ ?p gz:span ?span }}}}
  FILTER (CONTAINS(?text, "》") || CONTAINS(?text, "废止")) }}}} }}}}"""
_CITATIONS = f"""PREFIX gz: <{ONTOLOGY}>
SELECT ?g ?p ?cited ?span WHERE {{{{ {{graphs}} GRAPH ?g {{{{
  ?fact a gz:LegalBasis ; gz:sourceProvision ?p ; gz:citedTitle ?cited ; gz:span ?span }}}} }}}}"""
#: above this many graphs to read, the evidence queries read every graph (a VALUES clause of
#: thousands of IRIs is a query some engines refuse)
_LISTED_GRAPHS_MAX = 100


class Evidence(NamedTuple):
    """What one document graph offers the step, as plain strings: its provisions that cite a
    title or say 废止 (document, provision, text, span) and its legal-basis citations
    (provision, cited title, span).  It depends on that graph alone, so a build keeps it with
    the document (:mod:`guize.build_manifest`) and an incremental build reads only the graphs
    it wrote."""

    provisions: list[tuple[str, str, str, str | None]]
    citations: list[tuple[str, str, str | None]]

    @classmethod
    def of_json(cls, data: Any) -> Evidence:
        """From its JSON form (lists for tuples).

        :raises ValueError: not an evidence's JSON form.
        """
        try:
            return cls(
                [(str(d), str(p), str(t), s) for d, p, t, s in data["provisions"]],
                [(str(p), str(c), s) for p, c, s in data["citations"]],
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a supersession evidence: {exc}") from exc

    def as_json(self) -> dict[str, Any]:
        return {"provisions": self.provisions, "citations": self.citations}


def evidence(store: Any, iris: Iris, graphs: list[str] | None = None) -> dict[str, Evidence]:
    """Graph → its :class:`Evidence`, read from ``store``: every document graph's, or those of
    ``graphs`` (each of them has an entry, if only an empty one)."""
    listed = graphs is not None and len(graphs) <= _LISTED_GRAPHS_MAX
    values = "VALUES ?g { " + " ".join(f"<{g}>" for g in graphs) + " }" if listed else ""
    out: dict[str, Evidence] = {g: Evidence([], []) for g in graphs or ()}
    wanted = set(graphs) if graphs is not None else None

    def rows(query: str) -> Any:
        text = query.format(graphs=values)
        for sol in store.query(text, union_default_graph=False, base_iri=iris.base):
            g = _value(sol, "g")
            if g is not None and (wanted is None or g in wanted):
                yield out.setdefault(g, Evidence([], [])), sol

    for ev, sol in rows(_PROVISIONS):
        ev.provisions.append(
            (_value(sol, "doc"), _value(sol, "p"), _value(sol, "text") or "", _value(sol, "span"))
        )
    for ev, sol in rows(_CITATIONS):
        ev.citations.append((_value(sol, "p"), _value(sol, "cited") or "", _value(sol, "span")))
    return out


@dataclass(frozen=True)
class Supersession:
    """Evidence, in one document's provision, that another document of the store is superseded."""

    document: str  # the superseded document
    successor_number: str | None  # the number the citing provision gives its successor
    kind: str  # cited-successor | repealed
    citing_document: str
    provision: str
    span: str | None
    quote: str


def _bare(title: str) -> str:
    return _SUFFIX.sub("", re.sub(r"\s+", "", title).removeprefix("中华人民共和国"))


def _value(sol: Any, name: str) -> str | None:
    term = sol[name]
    return term.value if term is not None else None


def find(store: Any, iris: Iris, known: dict[str, Evidence] | None = None) -> list[Supersession]:
    """Every supersession the store's documents show, in document order.

    :param known: the evidence of some document graphs, kept by the build that wrote them
        (:func:`evidence`): only the other graphs are read from the store.
    """
    docs, government, graphs = {}, {}, set()
    for sol in store.query(_DOCS, union_default_graph=False, base_iri=iris.base):
        graphs.add(_value(sol, "g"))
        government[_value(sol, "d")] = _value(sol, "gov")
        docs[_value(sol, "d")] = (
            _bare(_value(sol, "title") or ""),
            re.sub(r"\s+", "", _value(sol, "number") or ""),
            (_value(sol, "date") or "")[:4],
        )
    known = known or {}
    unread = sorted(g for g in graphs if g not in known)
    material = [known[g] for g in sorted(graphs) if g in known]
    if unread:
        read = evidence(store, iris, unread if len(unread) < len(graphs) else None)
        material += [read[g] for g in unread if g in read]
    spans = {  # (provision, bare cited title) → the span of that citation
        (p, _bare(cited)): span for ev in material for p, cited, span in ev.citations
    }
    # indexes of the documents by bare title and by number: each provision's citations are
    # looked up, so the step grows with the store, not with its square
    by_title: dict[str, list[str]] = {}
    by_number: dict[str, list[str]] = {}
    for doc, (title, number, _year) in docs.items():
        if title:
            by_title.setdefault(title, []).append(doc)
            if number:
                by_number.setdefault(number, []).append(doc)
    out: dict[tuple, Supersession] = {}
    for citing, provision, text, provision_span in (r for ev in material for r in ev.provisions):
        for m in _CITED.finditer(text):
            inner = m.group(1)
            edition = _EDITION.fullmatch(inner)
            titles = [inner] + ([edition.group(1)] if edition else [])
            cited = _AFTER_TITLE.match(text, m.end())
            if not cited:
                continue
            for title in titles:
                for doc in by_title.get(title, ()):
                    _, number, year = docs[doc]
                    if doc == citing or not year:
                        continue
                    if re.sub(r"\s+", "", cited.group(1)) != number and cited.group(2) > year:
                        out.setdefault(
                            (doc, citing, provision, "cited-successor"),
                            Supersession(
                                doc,
                                re.sub(r"\s+", "", cited.group(1)),
                                "cited-successor",
                                citing,
                                provision,
                                spans.get((provision, title)) or provision_span,
                                text[m.start() : cited.end()],
                            ),
                        )
        if not _REPEAL.search(text):
            continue
        for sentence in re.split(r"(?<=[。；;])", text):
            if not _REPEAL.search(sentence):
                continue
            for n in _ANY_NUMBER.finditer(sentence):
                for doc in by_number.get(re.sub(r"\s+", "", n.group(0)), ()):
                    if doc == citing or government[doc] != government.get(citing):
                        continue  # a 文号 names documents of several governments (济政发)
                    out.setdefault(
                        (doc, citing, provision, "repealed"),
                        Supersession(
                            doc,
                            None,
                            "repealed",
                            citing,
                            provision,
                            provision_span,
                            sentence.strip(),
                        ),
                    )
    return sorted(out.values(), key=lambda s: (s.document, s.citing_document, s.provision))


def triples(found: list[Supersession]) -> list[ox.Triple]:
    """The findings as triples of the supersession graph."""
    gz = ONTOLOGY
    out: list[ox.Triple] = []
    counts: dict[str, int] = {}
    for s in found:
        counts[s.citing_document] = counts.get(s.citing_document, 0) + 1
        node = ox.NamedNode(f"{s.citing_document}/fact/supersedes-{counts[s.citing_document]}")

        def add(p: str, o: Any, node: ox.NamedNode = node) -> None:
            out.append(ox.Triple(node, ox.NamedNode(gz + p), o))

        out.append(ox.Triple(node, ox.NamedNode(RDF_TYPE), ox.NamedNode(gz + "Supersession")))
        out.append(ox.Triple(node, ox.NamedNode(RDF_TYPE), ox.NamedNode(gz + "Fact")))
        add("supersedes", ox.NamedNode(s.document))
        add("supersessionKind", ox.Literal(s.kind))
        add("sourceProvision", ox.NamedNode(s.provision))
        if s.successor_number:
            add("successorNumber", ox.Literal(s.successor_number))
        if s.span:
            add("span", ox.NamedNode(s.span))
    return out


def run(store: Any, iris: Iris, known: dict[str, Evidence] | None = None) -> list[Supersession]:
    """Find the supersessions of the whole store and rewrite their graph (``known``: as
    :func:`find`)."""
    found = find(store, iris, known)
    if found:
        store.replace_graph(iris.base + GRAPH, triples(found))
    else:
        store.drop_graph(iris.base + GRAPH)
    return found
