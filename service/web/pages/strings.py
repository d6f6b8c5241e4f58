"""The pages' interface strings in both languages, in one table (``strings.yaml`` beside this
module): key → (Chinese, English).

Templates read them with ``t('key')`` (the page's language) or ``tb('key')`` (the page's
language with the other beside it, for headings); Python code with :func:`text`.  Labels of
domain concepts (levels, roles, meeting kinds …) are not here: they come from the SKOS files
(:mod:`guize.vocab`).

>>> text("search", "en")
'Search'
>>> text("no-such-key", "zh")
'no-such-key'
"""

from __future__ import annotations

from pathlib import Path

from guize.yamltext import load_yaml

STRINGS_FILE = Path(__file__).resolve().with_name("strings.yaml")


def _load(path: Path) -> dict[str, tuple[str, str]]:
    table = load_yaml(path.read_text(encoding="utf-8")) or {}
    return {str(k): (str(v[0]), str(v[1])) for k, v in table.items()}


#: key → (Chinese, English), read once from ``strings.yaml``.
STRINGS: dict[str, tuple[str, str]] = _load(STRINGS_FILE)


def text(key: str, lang: str) -> str:
    """The string ``key`` in ``lang`` (``zh`` or ``en``); the key itself when unknown."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]


def localize(message: str, lang: str) -> str | None:
    """A message that is one of the table's strings (in either language), in ``lang``;
    None for any other message.

    >>> localize("No such document.", "zh")
    '没有这份文件。'
    """
    for zh, en in STRINGS.values():
        if message in (zh, en):
            return en if lang == "en" else zh
    return None


def pair(key: str) -> tuple[str, str]:
    """(zh, en) of ``key``; the key twice when unknown."""
    return STRINGS.get(key, (key, key))
