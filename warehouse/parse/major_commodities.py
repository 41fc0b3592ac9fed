"""Preliminary tables (5) and (6): China's major exports / imports by quantity and value.

Ten cells a row in a regular month: commodity, quantity unit, then quantity and value for the month, for
January to the month, for the same months a year earlier, and the cumulative YoY % of both. The combined
January–February release has eight (no month block). USD pages of 2025 drop the unit cell from the data rows
(label, eight numbers, an empty cell) while the header still has it; the second cell then holds a number,
which is how that layout is told apart. Value-only lines print ``-`` for unit and quantity; aggregates end in
``*`` and overlap (hi-tech ⊂ mechanical and electrical in part), so lines are never summed. Units are kept as
printed: the known mislabels (aluminium "Ton", footwear "10,000 Pairs") are corrected per commodity when
conformed, not here.
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


def _blocks(span: Span, *, month: bool) -> tuple[Column, ...]:
    columns: list[Column] = []
    if month:
        columns += [
            Column(QUANTITY, Span.MONTH, h(cumulative=False, word="quantity")),
            Column(VALUE, Span.MONTH, h(cumulative=False, word="value")),
        ]
    for prior in (False, True):
        columns += [
            Column(QUANTITY, span, h(cumulative=True, prior_year=prior, word="quantity"), prior_year=prior),
            Column(VALUE, span, h(cumulative=True, prior_year=prior, word="value"), prior_year=prior),
        ]
    columns += [
        Column(QUANTITY_YOY, span, h(yoy=True, word="quantity")),
        Column(VALUE_YOY, span, h(yoy=True, word="value")),
    ]
    return tuple(columns)


LAYOUTS = (
    Layout("month_ytd", _blocks(Span.YTD, month=True), text_cells=2),
    Layout("month_ytd_no_unit", _blocks(Span.YTD, month=True), header_text_cells=2, trailing_empty=1),
    Layout("jan_feb", _blocks(Span.JAN_FEB, month=False), text_cells=2),
)


def parse_major_commodities(page: ArticlePage, hint: IndexHint | None = None) -> ParsedTable:
    info_family = (
        TableFamily.MAJOR_EXPORTS if "export" in page.title.casefold() else TableFamily.MAJOR_IMPORTS
    )
    table = info_family.value
    resolved = resolve(page, table, hint)
    flow = "export" if info_family is TableFamily.MAJOR_EXPORTS else "import"
    jan_feb = resolved.info.span is Span.JAN_FEB
    grid = read_grid(page, table, text_cells=2)
    candidates = [layout for layout in LAYOUTS if (layout.name == "jan_feb") == jan_feb]
    layout = choose_layout(page, table, grid, candidates)
    check_header(page, table, grid, layout, resolved.period.month)
    lines = lines_of(page, table, grid, layout)
    frame = tidy_frame(records_of(page, table, resolved, lines, layout, flow=flow))
    return ParsedTable(identity=page_identity(page, resolved, table, layout.name, flow), frame=frame)
