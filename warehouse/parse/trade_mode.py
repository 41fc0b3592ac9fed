"""Preliminary tables (2) and (3): total export & import values by trade mode.

(2) covers the month alone, (3) January to the month (or the combined January–February); the title says
which. Seven cells a row: trade mode, export & import, export, import, then the YoY % of the three on the same
row. ``Total Value`` comes first; the 17 mode rows add up to it within rounding and export & import = export +
import on every row — both checked, so a lost row or a shifted column is an error.
"""

from __future__ import annotations

from warehouse.parse.checks import check_flow_sum, check_parts_sum_to_total, rounding_of, total_key_of
from warehouse.parse.grid import read_grid
from warehouse.parse.identity import IndexHint, page_identity, resolve
from warehouse.parse.layout import VALUE, VALUE_YOY, Column, Layout, check_header, choose_layout
from warehouse.parse.layout import header_pattern as h
from warehouse.parse.page import ArticlePage
from warehouse.parse.records import lines_of, records_of, total_first
from warehouse.parse.tidy import ParsedTable, tidy_frame
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
    )


def parse_trade_mode(page: ArticlePage, hint: IndexHint | None = None) -> ParsedTable:
    resolved = resolve(page, TABLE, hint)
    span = resolved.info.span or Span.MONTH
    grid = read_grid(page, TABLE)
    layout = choose_layout(page, TABLE, grid, [_layout(span)])
    check_header(page, TABLE, grid, layout, resolved.period.month)
    lines = lines_of(page, TABLE, grid, layout)
    hierarchy = total_first(page, TABLE, lines)
    frame = tidy_frame(records_of(page, TABLE, resolved, lines, layout, hierarchy=hierarchy))
    return ParsedTable(identity=page_identity(page, resolved, TABLE, layout.name), frame=frame)


def check_trade_mode(page: ArticlePage, parsed: ParsedTable) -> None:
    rounding = rounding_of(parsed)
    check_flow_sum(page, TABLE, parsed.frame, tolerance=rounding)
    check_parts_sum_to_total(page, TABLE, parsed.frame, total_key=total_key_of(parsed), tolerance=rounding)
