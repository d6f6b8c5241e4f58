"""The IRIs guize mints: the model under one stable namespace, the data under a canonical base.

The ontology, its vocabularies and the shapes live under :data:`NAMESPACE`
(``https://w3id.org/guize/``, a persistent-IRI namespace) whatever the deployment, so a term
has the same IRI everywhere; each release of the ontology also has an ``owl:versionIRI``
(``{ns}ontology/{version}``).  A running service answers these IRIs at its own paths
(``/ontology``, ``/vocab/…``, ``/shapes/…``).

Data IRIs live under a canonical base (:attr:`guize.config.Settings.base_iri`, by default
the local service's address).  ``guize build`` records that base in the store; a service
started at another address rebases the store once (see :mod:`guize.store.rebase`), so every
IRI in its answers dereferences where it runs.

=====================================  ============================================
``{ns}ontology#Term``                  ontology terms (ontology/guize.ttl)
``{ns}vocab/{scheme}``                 a SKOS concept scheme (ontology/vocab/)
``{ns}vocab/{scheme}/{code}``          a concept in it
``{ns}shapes/{file}#{Shape}``          SHACL shapes (shapes/)
``{base}eli/{key}``                    a work-rules document (eli:LegalResource)
``{base}eli/{key}/notice``             its issuing notice
``{base}eli/{key}/chp_{n}``            chapter n
``{base}eli/{key}/art_{n}``            provision n
``{base}eli/{key}/art_{n}/para_{m}``   paragraph m of provision n, when it has two or more
``{base}eli/{key}/art_{n}/para_{m}/item_{k}``  item k of that paragraph
``{base}eli/{key}/art_{n}/item_{k}``   item k of a provision of one paragraph (not divided into 款)
``{base}eli/{key}/cleaning``           the cleaning run (prov:Activity)
``{base}id/government/{gov}``          a people's government (org:FormalOrganization), keyed by the
                                       行政区划代码 of its place (370800), the State Council by name
``{base}eli/{key}/post/{code}/{slug}`` a post of the document's government (role kind, wording)
``{base}eli/{key}/body/{kind}``        a body the document names (gz:Body, a body-kind code)
``{ns}eli/law/{law}``                  a statute (ontology/legal/statutes.ttl), ``/art_{n}`` its articles
``{base}eli/cited/{slug}``             another text a document cites by title only
``{base}graph/{key}``                  the named graph holding document ``key``
``{base}graph/{key}/inferred``         what the ontology's axioms entail from it (guize.reason)
=====================================  ============================================

Hand-kept RDF files (ontology/, shapes/) write the model's IRIs relative to the
namespace (``@prefix gz: <ontology#>``) and are parsed with :data:`NAMESPACE` as base.

Keys come from stable identifiers, never from titles: a document's key is its
government's key (the code of its administrative division) and the pinyin slug of its
文号 (济宁's 济政发〔2022〕4号 → ``370800-jizhengfa-2022-4``), or, with no 文号, its
government's key and its date (``620922-2020-02-24``,
:func:`guize.rdf.document.document_key`): a 文号 alone names different documents of
different governments (济政发 is 济南's and 济宁's).  A build refuses a second document whose
key is already another's.

>>> doc_key_from_number("济政发〔2022〕4号")
'jizhengfa-2022-4'
>>> doc_key_from_number("国发〔2004〕18号")
'guofa-2004-18'
>>> slug("瓜州县")
'guazhouxian'
"""

from __future__ import annotations

import hashlib
import re

from pypinyin import lazy_pinyin

from guize.namespaces import NAMESPACE, ONTOLOGY, SHAPES, VOCAB

__all__ = [
    "DEFAULT_BASE_IRI",
    "MODEL_PATHS",
    "MODEL_PREFIXES",
    "NAMESPACE",
    "ONTOLOGY",
    "SHAPES",
    "VOCAB",
    "Iris",
    "doc_key_from_number",
    "iri_of_path",
    "is_model_path",
    "path_of_iri",
    "slug",
]

DEFAULT_BASE_IRI = "http://127.0.0.1:5000/"

_DOC_NUMBER = re.compile(r"^(?P<prefix>.+?)〔(?P<year>\d{4})〕(?P<num>\d+)号$")


def slug(text: str) -> str:
    """ASCII slug of Chinese text: pinyin syllables run together, other runs hyphenated."""
    parts = lazy_pinyin(text, errors=lambda s: list(s))
    out = "".join(p for p in parts)
    out = re.sub(r"[^0-9A-Za-z]+", "-", out).strip("-").lower()
    return out or "x"


def doc_key_from_number(doc_number: str) -> str:
    """Key of a document from its normalised 文号 (brackets 〔〕)."""
    m = _DOC_NUMBER.match(doc_number)
    if not m:
        return slug(doc_number)
    return f"{slug(m['prefix'])}-{m['year']}-{m['num']}"


class Iris:
    """Mints IRIs under one base."""

    def __init__(self, base: str = DEFAULT_BASE_IRI) -> None:
        if not base.endswith("/"):
            base += "/"
        self.base = base
        self.ontology = ONTOLOGY

    def term(self, name: str) -> str:
        return self.ontology + name

    def concept(self, scheme: str, code: str | None = None) -> str:
        return f"{VOCAB}{scheme}" + (f"/{code}" if code else "")

    def document(self, key: str) -> str:
        return f"{self.base}eli/{key}"

    def graph(self, key: str) -> str:
        return f"{self.base}graph/{key}"

    def notice(self, key: str) -> str:
        return f"{self.document(key)}/notice"

    def chapter(self, key: str, n: int) -> str:
        return f"{self.document(key)}/chp_{n}"

    def provision(self, key: str, n: int) -> str:
        return f"{self.document(key)}/art_{n}"

    def cleaning(self, key: str) -> str:
        return f"{self.document(key)}/cleaning"

    def government(self, gov_key: str) -> str:
        return f"{self.base}id/government/{gov_key}"

    def post(self, key: str, code: str, wording: str) -> str:
        """A post: its document, role kind and normalised wording (a long wording's slug is cut
        and ends in a digest, so the IRI stays short and stable).

        >>> Iris().post("370800-jizhengfa-2022-4", "deputy-head", "副市长")
        'http://127.0.0.1:5000/eli/370800-jizhengfa-2022-4/post/deputy-head/fushizhang'
        """
        s = slug(wording)
        if len(s) > 48:
            s = f"{s[:40].rstrip('-')}-{hashlib.sha1(wording.encode()).hexdigest()[:8]}"
        return f"{self.document(key)}/post/{code}/{s}"

    def body(self, key: str, kind: str) -> str:
        return f"{self.document(key)}/body/{kind}"

    def law(self, law: str) -> str:
        """A statute (hand-kept reference data: under the model's namespace, like the
        ontology, so its IRI is the same in every deployment)."""
        return f"{NAMESPACE}eli/law/{law}"

    def cited(self, title: str) -> str:
        return f"{self.base}eli/cited/{slug(title)}"

    def inferred_graph(self, key: str) -> str:
        return f"{self.graph(key)}/inferred"


#: First path segments of the model's IRIs, answered at the service's own paths (and the
#: statutes, hand-kept beside it: ``eli/law/…``).
MODEL_PATHS = ("ontology", "vocab", "shapes")
MODEL_PREFIXES = ("eli/law/",)


def is_model_path(path: str) -> bool:
    """Whether a service path (no leading ``/``) names part of the model (ontology,
    vocabularies, shapes) rather than data.

    >>> is_model_path("vocab/role-kind/head"), is_model_path("ontology"), is_model_path("eli/x")
    (True, True, False)
    """
    return path.split("/", 1)[0].split("#", 1)[0] in MODEL_PATHS or path.startswith(MODEL_PREFIXES)


def iri_of_path(path: str, base: str) -> str:
    """The IRI a service path answers for: the model's under :data:`NAMESPACE`, data's under
    ``base``.

    >>> iri_of_path("vocab/role-kind", "http://h:1/"), iri_of_path("eli/a", "http://h:1/")
    ('https://w3id.org/guize/vocab/role-kind', 'http://h:1/eli/a')
    """
    return (NAMESPACE if is_model_path(path) else base) + path


def path_of_iri(iri: str, base: str) -> str | None:
    """The service path (no leading ``/``) that answers ``iri``, or None for a foreign IRI.

    >>> path_of_iri("https://w3id.org/guize/ontology#Meeting", "http://h:1/")
    'ontology#Meeting'
    >>> path_of_iri("http://h:1/eli/a/art_1", "http://h:1/"), path_of_iri("http://x/", "http://h:1/")
    ('eli/a/art_1', None)
    """
    if iri.startswith(NAMESPACE) and is_model_path(iri[len(NAMESPACE) :]):
        return iri[len(NAMESPACE) :]
    if iri.startswith(base):
        return iri[len(base) :]
    return None
