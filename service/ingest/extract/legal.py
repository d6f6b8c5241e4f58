"""The rules' own legal basis (制定依据): 根据《…》, 参照《…》, 结合《…》 in the enacting sentence.

>>> from guize.ingest.extract.extractor import extract_text
>>> f = extract_text("根据《中华人民共和国宪法》《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》，"
...                  "参照《国务院工作规则》，结合本县实际，制定本规则。", head_title="县长")
>>> [(b.title, b.relation) for b in f.legal_basis]  # doctest: +NORMALIZE_WHITESPACE
[('中华人民共和国宪法', 'based-on'),
 ('中华人民共和国地方各级人民代表大会和地方各级人民政府组织法', 'based-on'),
 ('国务院工作规则', 'by-analogy')]
"""

from __future__ import annotations

import re

from guize.ingest.extract.lexicon import Context
from guize.ingest.extract.text import sentences
from guize.ingest.facts import LegalBasis, Source

TITLE = re.compile(r"《([^《》]{2,80})》")


def legal_basis(ctx: Context, units) -> list[LegalBasis]:
    """Every title the enacting sentences cite, with the cue that governs it (first sentence
    per provision that has the enacting formula)."""
    out: list[LegalBasis] = []
    seen: set[str] = set()
    for number, occurrence, text, start in units:
        for sent in sentences(text, start):
            if not ctx.enacting.search(sent.text):
                continue
            cues = [
                (m.start(), next(k for k, v in m.groupdict().items() if v).replace("_", "-"))
                for m in ctx.basis_cue.finditer(sent.text)
            ]
            for m in TITLE.finditer(sent.text):
                before = [kind for pos, kind in cues if pos < m.start()]
                if not before:
                    continue
                title = re.sub(r"\s+", "", m.group(1))
                if title in seen:
                    continue
                seen.add(title)
                span = (sent.span[0] + m.start(1), sent.span[0] + m.end(1))
                out.append(LegalBasis(title, before[-1], Source(number, span, occurrence)))
    return out
