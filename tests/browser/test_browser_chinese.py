"""The Chinese interface shows no English-only string and no internal code: every page (and
the error pages) is walked in zh, and each visible text node outside code, IRIs and text marked
as English (``lang="en"``, the English beside a bilingual heading) is checked for Latin words
that are not names of formats and standards.  The pages to walk are found from the store (every
document, a government, a concept), not listed by hand."""

from __future__ import annotations

import re

import pytest
from helpers import sparql

pytestmark = pytest.mark.browser

#: Names that are the same in both interfaces: formats, standards, tools, the project.
NAMES = {
    "SPARQL",
    "JSON",
    "JSON-LD",
    "CSV",
    "TSV",
    "XML",
    "RDF",
    "Turtle",
    "N-Triples",
    "N-Quads",
    "TriG",
    "N3",
    "IRI",
    "IRIs",
    "URI",
    "HTML",
    "HTTP",
    "curl",
    "Python",
    "SPARQLWrapper",
    "guize",
    "Oxigraph",
    "Jena",
    "OWL",
    "SKOS",
    "ELI",
    "ORG",
    "PROV-O",
    "VoID",
    "DCAT",
    "SHACL",
    "Ctrl",
    "Enter",
    "English",
    "GRAPH",
    "SERVICE",
    "LF",
    "PDF",
    "README",
    "YYYY-MM-DD",
    "ms",
    "GET",
    "POST",
    "UTF-8",
    "GB18030",
    "RDF/XML",
    "AB",  # AB角, the Chinese term for a pair of posts that stand in for each other
}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_\-/]*[A-Za-z0-9]")

VISIBLE_TEXT = """() => {
  for (const d of document.querySelectorAll('details')) d.open = true;  // what a reader can unfold
  // Skipped: code and IRIs, text marked English, and .verbatim -- the documents' own words
  // (provision text, quotes, what cleaning removed), shown as the source has them.
  const skip = 'code,pre,kbd,samp,textarea,script,style,select,svg,.alt,.iri,.verbatim,' +
    '[lang="en"],[lang^="en-"]';
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode, el = node.parentElement;
    if (!el || !node.textContent.trim() || el.closest(skip)) continue;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    out.push(node.textContent.trim());
  }
  for (const el of document.querySelectorAll('[placeholder],[aria-label],[title]')) {
    if (el.closest(skip)) continue;
    for (const a of ['placeholder', 'aria-label']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
  }
  return out;
}"""


def _pages(service_url: str) -> list[str]:
    docs = [
        r["d"] for r in sparql(service_url, "SELECT ?d WHERE { ?d a gz:WorkRules } ORDER BY ?d")
    ]
    keys = [d.rsplit("/", 1)[-1] for d in docs]
    gov = sparql(service_url, "SELECT ?g WHERE { ?g a gz:PeoplesGovernment } LIMIT 1")[0]["g"]
    return [
        "/",
        "/documents",
        "/compare",
        "/compare/topics",
        "/query",
        "/search",
        "/search?q=会议",
        "/facts",
        "/facts?kind=LeaveRule",
        "/ontology",
        "/dataset",
        "/validate",
        "/" + gov.split("/", 3)[-1],
        "/vocab/role-kind/head",
        "/no-such-page",
        "/documents/no-such-document",
        "/search?q=a&page=x",
        f"/documents/{keys[0]}/raw",
        f"/documents/{keys[0]}/conformance",
        *[f"/documents/{k}" for k in keys],
    ]


def test_no_english_only_or_code_string_in_the_chinese_interface(page, service_url):
    page.context.add_cookies([{"name": "guize_lang", "value": "zh", "url": service_url}])
    found: dict[str, set[str]] = {}
    for path in _pages(service_url):
        resp = page.goto(service_url + path)
        assert resp.status == (404 if "no-such" in path else 400 if "page=x" in path else 200), path
        page.wait_for_load_state("networkidle")
        assert page.locator("header.site nav").is_visible(), path  # one layout everywhere
        for text in page.evaluate(VISIBLE_TEXT):
            bad = {w for w in WORD.findall(text) if w not in NAMES and not w.startswith("http")}
            if bad:
                found.setdefault(path, set()).update(bad)
    assert not found, "\n".join(f"{p}: {sorted(w)}" for p, w in found.items())
