"""Pages of lists that grow with the corpus (the documents, the matrix's governments, facts):
``?page=N`` (from 1) and ``?per_page=M`` (up to a maximum per list), the links to the pages
before and after (``rel=prev``/``rel=next``: in the HTML head and pager, and as an HTTP
``Link`` header on the CSV and JSON forms), and ``?page=all`` where a list's export may give
everything at once.

:func:`parse` reads any mapping of arguments and :func:`link_header` takes a function that
writes a page's URL; :func:`links` and :func:`headers` write them for the current request.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask import request, url_for

from guize.errors import BadRequest, NotFound

#: The word that asks for every item at once (only where a list allows it).
ALL = "all"


@dataclass(frozen=True)
class Page:
    """Page ``number`` (from 1) of ``size`` items out of ``total``; ``number`` 0 is every item."""

    number: int
    size: int
    total: int

    @property
    def everything(self) -> bool:
        return self.number == 0

    @property
    def pages(self) -> int:
        """How many pages the list has (at least 1, so an empty list has its page 1).

        >>> Page(1, 20, 0).pages, Page(1, 20, 20).pages, Page(1, 20, 21).pages
        (1, 1, 2)
        """
        return max(1, -(-self.total // self.size))

    @property
    def start(self) -> int:
        return 0 if self.everything else (self.number - 1) * self.size

    @property
    def stop(self) -> int:
        return self.total if self.everything else min(self.total, self.number * self.size)

    @property
    def prev(self) -> int | None:
        return self.number - 1 if not self.everything and self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if not self.everything and self.number < self.pages else None

    def slice(self, items: Sequence[Any]) -> list[Any]:
        """The items of this page.

        >>> Page(2, 2, 5).slice("abcde"), Page(3, 2, 5).slice("abcde"), Page(0, 2, 5).slice("ab")
        (['c', 'd'], ['e'], ['a', 'b'])
        """
        return list(items[self.start : self.stop])


def parse(
    args: Mapping[str, str], total: int, default_size: int, max_size: int, allow_all: bool = False
) -> Page:
    """The page the arguments ask for.

    >>> parse({}, 45, 20, 100), parse({"page": "3", "per_page": "10"}, 45, 20, 100).start
    (Page(number=1, size=20, total=45), 20)
    >>> parse({"page": "all"}, 45, 20, 100, allow_all=True).everything
    True

    :raises BadRequest: on a page or size that is not a positive integer, a size over
        ``max_size``, or ``page=all`` where the list does not allow it.
    :raises NotFound: on a page past the last one.
    """
    size_arg = args.get("per_page") or str(default_size)
    if not size_arg.isdigit() or not 1 <= int(size_arg) <= max_size:
        raise BadRequest(f"per_page must be a whole number from 1 to {max_size}")
    page_arg = args.get("page") or "1"
    if allow_all and page_arg == ALL:
        return Page(0, int(size_arg), total)
    if not page_arg.isdigit() or int(page_arg) < 1:
        hint = f" or {ALL}" if allow_all else ""
        raise BadRequest(f"page must be a whole number from 1{hint}")
    page = Page(int(page_arg), int(size_arg), total)
    if page.number > page.pages:
        raise NotFound(f"page {page.number} is past the last page ({page.pages})")
    return page


def link_header(page: Page, url: Callable[[int], str]) -> str:
    """An HTTP ``Link`` header (RFC 8288) naming the first, previous, next and last pages.

    >>> link_header(Page(2, 10, 35), lambda n: f"/x?page={n}")
    '</x?page=1>; rel="first", </x?page=1>; rel="prev", </x?page=3>; rel="next", </x?page=4>; rel="last"'
    >>> link_header(Page(0, 10, 35), lambda n: f"/x?page={n}")
    ''
    """
    if page.everything:
        return ""
    links = [(1, "first"), (page.prev, "prev"), (page.next, "next"), (page.pages, "last")]
    return ", ".join(f'<{url(n)}>; rel="{rel}"' for n, rel in links if n is not None)


def links(page: Page) -> dict[str, str | None]:
    """The URLs of the current view's first, previous, next and last pages (the request's other
    arguments kept), for the pager and ``<link rel>`` in the page's head."""
    url = _urls()
    return {
        "prev": url(page.prev) if page.prev else None,
        "next": url(page.next) if page.next else None,
        "first": url(1),
        "last": url(page.pages),
    }


def headers(page: Page) -> dict[str, str]:
    """The ``Link`` header of a CSV or JSON page of the current view (none for everything)."""
    header = link_header(page, _urls())
    return {"Link": header} if header else {}


def _urls() -> Callable[[int], str]:
    args = {**(request.view_args or {}), **{k: v for k, v in request.args.items() if k != "page"}}
    endpoint = request.endpoint or ""
    return lambda n: url_for(endpoint, page=n, **args)
