"""Bulletin table (5): imports and exports by customs regime, in US$1,000.

Five cells a row: regime, exports in the month, exports January to the month, imports likewise; each value
row is followed by a shaded row of YoY % for the same four cells. ``TOTAL`` comes first and the regime rows
add up to it within rounding (checked). January is published alone (``1.2023``, header ``1to1``): its month
and cumulative columns are both printed and both kept.
"""

from __future__ import annotations

from warehouse.parse.checks import check_parts_sum_to_total, rounding_of, total_key_of
from warehouse.parse.identity import IndexHint
from warehouse.parse.layout import VALUE, Column, Layout
from warehouse.parse.layout import header_pattern as h
from warehouse.parse.page import ArticlePage
from warehouse.parse.records import total_first
from warehouse.parse.table import read_table
from warehouse.parse.tidy import ParsedTable
from warehouse.parse.titles import TableFamily
from warehouse.periods import Span

TABLE = TableFamily.TRADE_MODE.value

LAYOUT = Layout(
    "month_ytd",
    (
        Column(VALUE, Span.MONTH, h("export", cumulative=False), flow="export"),
        Column(VALUE, Span.YTD, h("export", cumulative=True), flow="export"),
        Column(VALUE, Span.MONTH, h("import", cumulative=False), flow="import"),
        Column(VALUE, Span.YTD, h("import", cumulative=True), flow="import"),
    ),
    yoy_rows=True,
    dated_headers=True,
)


def parse_customs_regime(page: ArticlePage, hint: IndexHint | None = None) -> ParsedTable:
    reading = read_table(page, TABLE, hint, [LAYOUT])
    return reading.parsed(total_first(page, TABLE, reading.lines))


def check_customs_regime(page: ArticlePage, parsed: ParsedTable) -> None:
    total = total_key_of(parsed)
    check_parts_sum_to_total(page, TABLE, parsed.frame, total_key=total, tolerance=rounding_of(parsed))
