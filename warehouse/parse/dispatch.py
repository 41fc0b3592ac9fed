"""Choose the parser for a page from its title's table family (never from its "(N)")."""

from __future__ import annotations

from collections.abc import Callable

from warehouse.errors import ParseError, UnsupportedTableError
from warehouse.parse.by_country import parse_by_country
from warehouse.parse.identity import IndexHint
from warehouse.parse.page import ArticlePage, read_article
from warehouse.parse.tidy import ParsedTable
from warehouse.parse.titles import TableFamily, parse_title

PARSERS: dict[TableFamily, Callable[[ArticlePage, IndexHint | None], ParsedTable]] = {
    TableFamily.BY_COUNTRY: parse_by_country,
}


def parse_page(content: bytes, url: str, hint: IndexHint | None = None) -> ParsedTable:
    """Page bytes → identity and tidy frame, or a typed ``ParseError`` naming URL, table, row and cell."""
    page = read_article(content, url)
    family = parse_title(page.title).family
    parser = PARSERS.get(family) if family else None
    if parser is None:
        raise UnsupportedTableError(f"no parser for this table: {page.title!r}", url=url)
    try:
        return parser(page, hint)
    except ParseError as exc:
        raise exc.located(url=url, table=family.value) from None
