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

from warehouse.parse.identity import IndexHint, ResolvedTitle
from warehouse.parse.layout import (
    QUANTITY,
    QUANTITY_YOY,
    VALUE,
    VALUE_YOY,
    Column,
    Layout,
)
from warehouse.parse.layout import header_pattern as h
from warehouse.parse.page import ArticlePage
from warehouse.parse.table import read_table
from warehouse.parse.tidy import ParsedTable
from warehouse.parse.titles import FAMILY_FLOWS as FLOWS
from warehouse.parse.titles import parse_title
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
    Layout("month_ytd", _blocks(Span.YTD, month=True), text_cells=2, header_rows=2, dated_headers=True),
    Layout(
        "month_ytd_no_unit",
        _blocks(Span.YTD, month=True),
        header_text_cells=2,
        trailing_empty=1,
        header_rows=2,
        dated_headers=True,
    ),
    Layout("jan_feb", _blocks(Span.JAN_FEB, month=False), text_cells=2, header_rows=2, dated_headers=True),
)


def parse_major_commodities(page: ArticlePage, hint: IndexHint | None = None) -> ParsedTable:
    family = parse_title(page.title).family
    assert family in FLOWS  # dispatch chose this parser by the family
    reading = read_table(page, family.value, hint, _layouts, text_cells=2, flow=FLOWS[family])
    return reading.parsed()


def _layouts(resolved: ResolvedTitle) -> list[Layout]:
    jan_feb = resolved.info.span is Span.JAN_FEB
    return [layout for layout in LAYOUTS if (layout.name == "jan_feb") == jan_feb]
