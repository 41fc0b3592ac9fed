"""Choose the parser for a page from its product and its title's table family (never from its "(N)")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

from warehouse.errors import ParseError, UnsupportedTableError
from warehouse.parse.bulletin_by_country import check_bulletin_by_country, parse_bulletin_by_country
from warehouse.parse.bulletin_commodities import parse_bulletin_commodities
from warehouse.parse.by_country import check_by_country, parse_by_country
from warehouse.parse.commodity_trade_mode import parse_commodity_trade_mode
from warehouse.parse.customs_regime import check_customs_regime, parse_customs_regime
from warehouse.parse.enterprise_trade_mode import check_enterprise_trade_mode, parse_enterprise_trade_mode
from warehouse.parse.identity import IndexHint, product_of
from warehouse.parse.major_commodities import parse_major_commodities
from warehouse.parse.numbers import is_spreadsheet_error
from warehouse.parse.page import ArticlePage, read_article
from warehouse.parse.tidy import ParsedTable
from warehouse.parse.titles import Product, TableFamily, parse_title
from warehouse.parse.trade_mode import check_trade_mode, parse_trade_mode


def _no_check(page: ArticlePage, parsed: ParsedTable) -> None:
    """Commodity tables: aggregates overlap and lines are a selection, so nothing adds up to anything."""


class TableParser(NamedTuple):
    """A family's reader (cells → tidy frame) and its arithmetic check (totals, flows), run after it."""

    parse: Callable[[ArticlePage, IndexHint | None], ParsedTable]
    check: Callable[[ArticlePage, ParsedTable], None] = _no_check


PARSERS: dict[tuple[Product, TableFamily], TableParser] = {
    (Product.PRELIMINARY, TableFamily.TRADE_MODE): TableParser(parse_trade_mode, check_trade_mode),
    (Product.PRELIMINARY, TableFamily.BY_COUNTRY): TableParser(parse_by_country, check_by_country),
    (Product.PRELIMINARY, TableFamily.MAJOR_EXPORTS): TableParser(parse_major_commodities),
    (Product.PRELIMINARY, TableFamily.MAJOR_IMPORTS): TableParser(parse_major_commodities),
    (Product.BULLETIN, TableFamily.BY_COUNTRY): TableParser(
        parse_bulletin_by_country, check_bulletin_by_country
    ),
    (Product.BULLETIN, TableFamily.TRADE_MODE): TableParser(parse_customs_regime, check_customs_regime),
    (Product.BULLETIN, TableFamily.ENTERPRISE_TRADE_MODE): TableParser(
        parse_enterprise_trade_mode, check_enterprise_trade_mode
    ),
    (Product.BULLETIN, TableFamily.MAJOR_EXPORTS): TableParser(parse_bulletin_commodities),
    (Product.BULLETIN, TableFamily.MAJOR_IMPORTS): TableParser(parse_bulletin_commodities),
    (Product.BULLETIN, TableFamily.COMMODITY_TRADE_MODE): TableParser(parse_commodity_trade_mode),
}


def parse_article(page: ArticlePage, hint: IndexHint | None = None) -> ParsedTable:
    """A read page → identity and tidy frame, or a typed ``ParseError`` naming URL, table, row and cell."""
    info = parse_title(page.title)
    product = product_of(info, hint)
    parser = PARSERS.get((product, info.family)) if info.family else None
    if parser is None:
        what = f"{product} {info.family}" if info.family else "an unknown table"
        raise UnsupportedTableError(f"no parser for {what}: {page.title!r}", url=page.url)
    try:
        parsed = parser.parse(page, hint)
        parser.check(page, parsed)
    except ParseError as exc:
        raise exc.located(url=page.url, table=info.family.value) from None
    return replace(parsed, warnings=_spreadsheet_errors(page, parsed))


def _spreadsheet_errors(page: ArticlePage, parsed: ParsedTable) -> tuple[str, ...]:
    cells = {(row.number, i): cell.text.strip() for row in page.rows for i, cell in enumerate(row.cells)}
    return tuple(
        f"row {row}, column {column}: {cells[(row, column)]!r} (a spreadsheet error) read as missing"
        for row, column in parsed.frame.select("source_row", "source_column").iter_rows()
        if is_spreadsheet_error(cells.get((row, column), ""))
    )


def parse_page(content: bytes, url: str, hint: IndexHint | None = None) -> ParsedTable:
    """Page bytes → identity and tidy frame (see ``parse_article``)."""
    return parse_article(read_article(content, url), hint)
