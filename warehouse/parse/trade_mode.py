"""Preliminary tables (2) and (3): total export & import values by trade mode.

(2) covers the month alone, (3) January to the month (or the combined January–February); the title says
which. Seven cells a row: trade mode, export & import, export, import, then the YoY % of the three on the same
row. ``Total Value`` comes first; the 17 mode rows add up to it within rounding and export & import = export +
import on every row — both checked, so a lost row or a shifted column is an error.
"""

from __future__ import annotations

from warehouse.errors import ParseError
from warehouse.parse.checks import check_flow_sum, check_parts_sum_to_total, rounding_of, total_key_of
from warehouse.parse.identity import IndexHint, ResolvedTitle
from warehouse.parse.layout import VALUE, VALUE_YOY, Column, Layout
from warehouse.parse.layout import header_pattern as h
from warehouse.parse.page import ArticlePage
from warehouse.parse.records import total_first
from warehouse.parse.table import read_table
from warehouse.parse.tidy import ParsedTable
from warehouse.parse.titles import TableFamily
from warehouse.periods import Span

TABLE = TableFamily.TRADE_MODE.value


def _layout(span: Span) -> Layout:
    cumulative = span is not Span.MONTH
    return Layout(
        span.value,
        tuple(
            Column(VALUE, span, h(flow, cumulative=cumulative), flow=flow)
            for flow in ("total", "export", "import")
        )
        + tuple(
            Column(VALUE_YOY, span, h(flow, yoy=True), flow=flow) for flow in ("total", "export", "import")
        ),
        dated_headers=True,
    )


def parse_trade_mode(page: ArticlePage, hint: IndexHint | None = None) -> ParsedTable:
    reading = read_table(page, TABLE, hint, _layouts)
    return reading.parsed(total_first(page, TABLE, reading.lines))


def _layouts(resolved: ResolvedTitle) -> list[Layout]:
    if resolved.info.span is None:  # a dateless title cannot say (2) month from (3) cumulative
        raise ParseError("the title prints no period: month (2) or cumulative (3) cannot be told")
    return [_layout(resolved.info.span)]


def check_trade_mode(page: ArticlePage, parsed: ParsedTable) -> None:
    rounding = rounding_of(parsed)
    check_flow_sum(page, TABLE, parsed.frame, tolerance=rounding)
    check_parts_sum_to_total(page, TABLE, parsed.frame, total_key=total_key_of(parsed), tolerance=rounding)
