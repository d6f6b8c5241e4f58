"""Posts and bodies (岗位与机构): the distinct posts and the bodies a document's roles name.

A role as written (:class:`~guize.ingest.facts.Role`: a role-kind code and the words) becomes a
:class:`~guize.ingest.facts.Post` keyed by its code and its *normalised* wording, so 副市长 and
常务副市长, or 组成部门主要负责同志 and 有关部门、单位负责人, are different posts while 市政府秘书长
and 秘书长 are one.  The words come from the lexicon (``post_wording``, ``body_kinds``); which
body a post of a kind sits in by default, and which role codes are bodies, from vocab/role-kind.

>>> from guize.ingest.extract.extractor import extract_text
>>> f = extract_text("市政府全体会议由市长、副市长、秘书长、市政府各部门主要负责同志组成。"
...                  "市政府常务会议由市长、常务副市长、副市长、市政府秘书长组成。")
>>> sorted((p.code, p.wording, p.body) for p in f.posts)[:3]
[('department-head', '部门主要负责人', 'department'), ('deputy-head', '副市长', 'government'), ('executive-deputy-head', '常务副市长', 'government')]
>>> [p.labels for p in f.posts if p.code == "secretary-general"]
[('秘书长', '市政府秘书长')]
"""

from __future__ import annotations

import re

from guize.ingest.extract.lexicon import Context
from guize.ingest.facts import Body, Post, Role, Source
from guize.vocab import load_vocabulary


def normalise(ctx: Context, label: str) -> str:
    """The post key of a wording: no spaces, no own-government name or determiner in front,
    variants made equal (负责同志 → 负责人).  Never empty: the wording itself when all would go.

    >>> from guize.ingest.extract.lexicon import context_for, load_lexicon
    >>> ctx = context_for(load_lexicon(), "县长")
    >>> normalise(ctx, "县政府各部门主要负责同志"), normalise(ctx, "其他县政府领导")
    ('部门主要负责人', '领导')
    """
    text = re.sub(r"\s+", "", label)
    out = ctx.post_strip.sub("", text)
    for rx, repl in ctx.post_replace:
        out = rx.sub(repl, out)
    return out or text


def body_matches(ctx: Context, text: str) -> list[tuple[str, str]]:
    """Bodies named in ``text``, leftmost-longest, in text order: (body-kind code, words)."""
    found = sorted(
        (
            (m.start(), -(m.end() - m.start()), code, m.group())
            for code, rx in ctx.body_kinds
            for m in rx.finditer(text)
            if m.end() > m.start()
        ),
    )
    out, last = [], -1
    for start, neg, code, words in found:
        if start >= last:
            out.append((code, words))
            last = start - neg
    return out


def institution(
    ctx: Context, named: list[tuple[Source, Role]]
) -> tuple[tuple[Post, ...], tuple[Body, ...]]:
    """The distinct posts and the bodies of every (source, role) a document's facts name."""
    kinds = load_vocabulary().scheme("role-kind")
    named = sorted(named, key=lambda x: x[0].span[0])
    addressees = {code for code, _ in ctx.addressees}
    posts: dict[tuple[str, str], dict] = {}
    bodies: dict[str, dict] = {}

    def body(code: str, words: str, src: Source) -> None:
        b = bodies.setdefault(code, {"labels": [], "source": src})
        if words not in b["labels"]:
            b["labels"].append(words)

    for src, role in named:
        concept = kinds.get(role.code)
        if role.code in addressees or (concept and concept.is_body):
            body((concept.body_kind if concept else None) or role.code, role.label, src)
            continue
        wording = normalise(ctx, role.label)
        p = posts.setdefault((role.code, wording), {"labels": [], "source": src})
        if role.label not in p["labels"]:
            p["labels"].append(role.label)
    merged = _merge_short(ctx, posts)
    out: list[Post] = []
    for (code, wording), p in merged.items():
        concept = kinds.get(code)
        default = concept.body_kind if concept else None
        found = body_matches(ctx, wording)
        for kind, words in found:
            body(kind, words, p["source"])
        codes = [k for k, _ in found]
        where = default if default and (default in codes or not codes) else next(iter(codes), None)
        if where and not found:
            bodies.setdefault(where, {"labels": [], "source": p["source"]})
        out.append(Post(code, wording, tuple(p["labels"]), where, p["source"]))
    scheme = load_vocabulary().scheme("body-kind")
    return tuple(out), tuple(
        Body(code, (b["labels"] or [scheme.label(code)[0]])[0], tuple(b["labels"][1:]), b["source"])
        for code, b in bodies.items()
    )


def _merge_short(ctx: Context, posts: dict[tuple[str, str], dict]) -> dict[tuple[str, str], dict]:
    """A bare title (a wording the lexicon's role pattern matches whole) that ends exactly one
    longer wording of the same kind without list separators is that post named briefly
    (副主任 → 办公室副主任): its labels join the longer one."""
    plain = [k for k in posts if not ctx.post_separators.search(k[1])]
    titles = [k for k in plain if any(rx.fullmatch(k[1]) for code, rx in ctx.roles if code == k[0])]
    out = dict(posts)
    for code, short in sorted(titles, key=lambda k: len(k[1])):
        longer = [
            k for k in plain if k[0] == code and k[1] != short and k[1].endswith(short) and k in out
        ]
        if len(longer) == 1 and (code, short) in out:
            target = out[longer[0]]
            for label in out.pop((code, short))["labels"]:
                if label not in target["labels"]:
                    target["labels"].append(label)
    return out


def post_for(posts: tuple[Post, ...], role: Role) -> Post | None:
    """The post a role as written belongs to."""
    return next((p for p in posts if p.code == role.code and role.label in p.labels), None)
