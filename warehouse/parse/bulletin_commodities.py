"""Bulletin tables (13) and (14): major export / import commodities in quantity and value, in US$1,000.

Eight cells a row: commodity, quantity unit token (``10000T``, ``N``, ``100MN`` …), quantity and value for the
month, for January to the month, and the "Percentage Change" pair — the **single-month** YoY % (rare earth
June 2025: +60.3 % quantity, impossible as a January–June figure). January is published alone with six
cells (no cumulative block). Some 200 lines, indented up to three levels under ``*`` aggregates that overlap.
"""

from __future__ import annotations

from warehouse.parse.grid import read_grid
from warehouse.parse.identity import IndexHint, page_identity, resolve
from warehouse.parse.layout import (
    QUANTITY,
    QUANTITY_YOY,
    VALUE,
    VALUE_YOY,
    Column,
    Layout,
    check_header,
    choose_layout,
)
from warehouse.parse.layout import header_pattern as h
from warehouse.parse.page import ArticlePage
from warehouse.parse.records import lines_of, records_of
from warehouse.parse.tidy import ParsedTable, tidy_frame
from warehouse.parse.titles import TableFamily
from warehouse.periods import Span

_MONTH = (
    Column(QUANTITY, Span.MONTH, h(cumulative=False, word="quantity")),
    Column(VALUE, Span.MONTH, h(cumulative=False, word="value")),
)
_CUMULATIVE = (
    Column(QUANTITY, Span.YTD, h(cumulative=True, word="quantity")),
    Column(VALUE, Span.YTD, h(cumulative=True, word="value")),
)
_YOY = (
    Column(QUANTITY_YOY, Span.MONTH, h(yoy=True, word="quantity")),
    Column(VALUE_YOY, Span.MONTH, h(yoy=True, word="value")),
)
LAYOUTS = (
    Layout("month_ytd", _MONTH + _CUMULATIVE + _YOY, text_cells=2),
    Layout("january", _MONTH + _YOY, text_cells=2),
)


def parse_bulletin_commodities(page: ArticlePage, hint: IndexHint | None = None) -> ParsedTable:
    family = TableFamily.MAJOR_EXPORTS if "export" in page.title.casefold() else TableFamily.MAJOR_IMPORTS
    table = family.value
    resolved = resolve(page, table, hint)
    flow = "export" if family is TableFamily.MAJOR_EXPORTS else "import"
    grid = read_grid(page, table, text_cells=2)
    layout = choose_layout(page, table, grid, LAYOUTS)
    check_header(page, table, grid, layout, resolved.period.month)
    lines = lines_of(page, table, grid, layout)
    frame = tidy_frame(records_of(page, table, resolved, lines, layout, flow=flow))
    return ParsedTable(identity=page_identity(page, resolved, table, layout.name, flow), frame=frame)
