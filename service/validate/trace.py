"""Reading pyshacl's report graph: each result traced back into the data graph -- the
named shape, the provision the offending fact came from, the government, the document, the
article of law -- and its messages told apart by language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SH

from guize.iris import ONTOLOGY
from guize.namespaces import ELI as ELI_NS
from guize.rdf.facts import MEETING_SHORTCUTS
from guize.validate.editions import cite, note
from guize.validate.report import LegalBasis, Result

_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}

ELI = Namespace(ELI_NS)

#: Meeting shortcut property (local name) → meeting-role code of its provenance record.
SHORTCUT_ROLES = {prop: code for code, prop in MEETING_SHORTCUTS.items()}


def read_results(rg: Graph, sg: Graph, data: Graph, base: str) -> tuple[list[Result], list[str]]:
    """The results of a pyshacl report graph, traced back into the data graph; and the documents.

    The report graph is annotated in place: messages re-tagged @zh/@en, and each result
    given rdfs:seeAlso (its named shape), gz:sourceProvision, gz:government and
    dcterms:source (the article of law).
    """
    lookup = _Lookup(data, base)
    nodes = list(rg.subjects(RDF.type, SH.ValidationResult))
    results = []
    for node in nodes:
        res = _result(rg, node, sg, base, lookup)
        if res is None:  # the rule's law was not in force on the document's date
            rg.remove((None, SH.result, node))
            rg.remove((node, None, None))
            continue
        _annotate(rg, node, res, lookup.gz)
        results.append(res)
    return results, sorted(str(d) for d in lookup.docs)


def _result(rg: Graph, node: Any, sg: Graph, base: str, lookup: _Lookup) -> Result | None:
    """The result, its legal basis cited in the edition in force on its document's date; None
    when no article it cites was in force then (see :mod:`guize.validate.editions`)."""
    focus = rg.value(node, SH.focusNode)
    path = rg.value(node, SH.resultPath)
    value = rg.value(node, SH.value)
    named = _named_shape(sg, rg.value(node, SH.sourceShape))
    document = lookup.document(focus, value)
    date = lookup.date(document)
    basis = legal_basis(sg, base, named)
    if basis is not None and (basis := cite(basis, date)) is None:
        return None
    zh, en = _messages(rg, node, sg, note(basis, date) if basis else ("", ""))
    return Result(
        severity=_SEVERITY.get(rg.value(node, SH.resultSeverity), "violation"),
        focus_node=str(focus),
        path=str(path) if isinstance(path, URIRef) else None,
        value=str(value) if value is not None and not isinstance(value, BNode) else None,
        message_zh=zh,
        message_en=en,
        shape=str(named),
        constraint=str(rg.value(node, SH.sourceConstraintComponent)),
        source_provision=lookup.source_provision(focus, path, value),
        legal_basis=basis,
        government=lookup.government(focus, value),
        document=document,
        value_label=lookup.label(value),
    )


def _templates(sg: Graph, rg: Graph, node: Any) -> list[tuple[re.Pattern, str | None]]:
    """The message templates a result's messages may come from, most specific first.

    pyshacl substitutes ``{?var}`` in messages but drops their language tags, so each
    message is matched back to its template to learn its language.
    """
    sources = [rg.value(node, SH.sourceConstraint)]
    component = rg.value(node, SH.sourceConstraintComponent)
    sources += [
        v
        for p in (SH.validator, SH.nodeValidator, SH.propertyValidator)
        for v in sg.objects(component, p)
    ]
    sources.append(rg.value(node, SH.sourceShape))
    out = []
    for src in sources:
        for m in sg.objects(src, SH.message) if src is not None else ():
            if isinstance(m, Literal):
                parts = re.split(r"\{[?$]\w+\}", str(m))
                out.append(
                    (re.compile("(?s)" + "(.*?)".join(re.escape(x) for x in parts)), m.language)
                )
    return out


def _messages(rg: Graph, node: Any, sg: Graph, notes: tuple[str, str]) -> tuple[str, str]:
    """The result's message in Chinese and in English (re-tagged in the report graph), each
    followed by its note on the edition applied (if any)."""
    found = [m for m in rg.objects(node, SH.resultMessage) if isinstance(m, Literal)]
    best: dict[str, str] = {}
    for pattern, lang in _templates(sg, rg, node):
        for m in found:
            if lang and lang not in best and (m.language == lang or pattern.fullmatch(str(m))):
                best[lang] = str(m)
    if not best:  # a generic pyshacl message, no template of ours
        best = {"en": str(found[0])} if found else {}
    zh, en = best.get("zh", best.get("en", "")), best.get("en", best.get("zh", ""))
    zh, en = zh + notes[0], en + notes[1]
    for m in found:
        rg.remove((node, SH.resultMessage, m))
    rg.add((node, SH.resultMessage, Literal(zh, lang="zh")))
    rg.add((node, SH.resultMessage, Literal(en, lang="en")))
    return zh, en


def _named_shape(sg: Graph, shape: Any) -> Any:
    """The named shape a (blank) property shape belongs to."""
    seen = set()
    while isinstance(shape, BNode) and shape not in seen:
        seen.add(shape)
        parent = next(iter(sg.subjects(SH.property, shape)), None) or next(
            iter(sg.subjects(SH.node, shape)), None
        )
        if parent is None:
            break
        shape = parent
    return shape


def legal_basis(sg: Graph, base: str, shape: Any) -> LegalBasis | None:
    """The article(s) a shape cites: its dcterms:source (zh, en) and gz:article."""
    sources = {
        s.language: str(s) for s in sg.objects(shape, DCTERMS.source) if isinstance(s, Literal)
    }
    articles = sorted(int(a) for a in sg.objects(shape, URIRef(ONTOLOGY + "article")))
    iris = sorted(str(a) for a in sg.objects(shape, URIRef(ONTOLOGY + "articleOfLaw")))
    if not sources and not articles:
        return None
    return LegalBasis(sources.get("zh", ""), sources.get("en", ""), tuple(articles), tuple(iris))


class _Lookup:
    """Find the document, government and source provision a result is about."""

    def __init__(self, g: Graph, base: str) -> None:
        self.g, self.gz = g, Namespace(ONTOLOGY)
        self.docs = sorted(set(g.subjects(RDF.type, self.gz.WorkRules)))

    def document(self, focus: Any, value: Any) -> str | None:
        for node in (focus, value):
            if node in self.docs:
                return str(node)
        for d in self.docs:
            if str(focus).startswith(f"{d}/"):
                return str(d)
        of_gov = [d for d in self.docs if self.g.value(d, self.gz.government) == focus]
        return str(of_gov[0]) if len(of_gov) == 1 else None

    def date(self, document: str | None) -> str | None:
        """The document's date (eli:date_document, YYYY-MM-DD), if it has one."""
        found = self.g.value(URIRef(document), ELI.date_document) if document else None
        return str(found)[:10] if found is not None else None

    def government(self, focus: Any, value: Any) -> str | None:
        if not isinstance(focus, URIRef):
            return None
        if (focus, RDF.type, self.gz.PeoplesGovernment) in self.g:
            return str(focus)
        gov = self.g.value(focus, self.gz.government)
        if gov is None and (doc := self.document(focus, value)):
            gov = self.g.value(URIRef(doc), self.gz.government)
        return str(gov) if gov is not None else None

    def label(self, node: Any) -> str | None:
        if not isinstance(node, URIRef):
            return None
        labels = list(self.g.objects(node, RDFS.label))
        zh = [x for x in labels if getattr(x, "language", None) == "zh"]
        return str((zh or labels)[0]) if labels else None

    def _first(self, nodes: Iterable[Any]) -> str | None:
        found = sorted(str(n) for n in nodes if isinstance(n, URIRef))
        return found[0] if found else None

    def source_provision(self, focus: Any, path: Any, value: Any) -> str | None:
        g, gz = self.g, self.gz
        if (
            isinstance(focus, URIRef)
            and (focus, RDF.type, gz.Meeting) in g
            and isinstance(path, URIRef)
            and str(path).startswith(str(gz))
        ):
            code = SHORTCUT_ROLES.get(str(path)[len(str(gz)) :])
            if code:
                role = URIRef(str(gz).replace("ontology#", f"vocab/meeting-role/{code}"))
                records = [
                    a for a in g.subjects(gz.meeting, focus) if (a, gz.meetingRole, role) in g
                ]
                exact = [a for a in records if (a, gz.role, value) in g]
                found = self._first(
                    p for a in (exact or records) for p in g.objects(a, gz.sourceProvision)
                )
                if found:
                    return found
        for node in (value, focus):
            if isinstance(node, URIRef) and (
                found := self._first(g.objects(node, gz.sourceProvision))
            ):
                return found
        for node in (value, focus):
            provision = self._provision_of(node)
            if provision:
                return provision
        for node in (value, focus):
            if isinstance(node, URIRef) and (node, RDF.type, gz.GovernmentRole) in g:
                facts = [s for s, _ in g.subject_predicates(node) if (s, RDF.type, gz.Fact) in g]
                if found := self._first(p for f in facts for p in g.objects(f, gz.sourceProvision)):
                    return found
        return None

    def _provision_of(self, node: Any) -> str | None:
        seen = set()
        while isinstance(node, URIRef) and node not in seen:
            seen.add(node)
            if (node, RDF.type, self.gz.Provision) in self.g:
                return str(node)
            node = self.g.value(node, ELI.is_part_of)
        return None


def _annotate(rg: Graph, node: Any, res: Result, gz: Namespace) -> None:
    """Add what the report graph lacks: the named shape, the provision the offending fact
    came from, the government, and the article of law."""
    rg.add((node, RDFS.seeAlso, URIRef(res.shape)))
    if res.source_provision:
        rg.add((node, gz.sourceProvision, URIRef(res.source_provision)))
    if res.government:
        rg.add((node, gz.government, URIRef(res.government)))
    if res.legal_basis:
        rg.add((node, DCTERMS.source, Literal(res.legal_basis.zh, lang="zh")))
        rg.add((node, DCTERMS.source, Literal(res.legal_basis.en, lang="en")))
