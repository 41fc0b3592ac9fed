"""Bulletin tables (13) and (14): major export / import commodities in quantity and value, in US$1,000.

Eight cells a row: commodity, quantity unit token (``10000T``, ``N``, ``100MN`` …), quantity and value for the
month, for January to the month, and the "Percentage Change" pair — the **single-month** YoY % (rare earth
June 2025: +60.3 % quantity, impossible as a January–June figure). January is published alone with six
cells (no cumulative block). Some 200 lines, indented up to three levels under ``*`` aggregates that overlap.
"""

from __future__ import annotations

from warehouse.parse.identity import IndexHint
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
    Layout("month_ytd", _MONTH + _CUMULATIVE + _YOY, text_cells=2, header_rows=2, dated_headers=True),
    Layout("january", _MONTH + _YOY, text_cells=2, header_rows=2, dated_headers=True),
)


def parse_bulletin_commodities(page: ArticlePage, hint: IndexHint | None = None) -> ParsedTable:
    family = parse_title(page.title).family
    assert family in FLOWS  # dispatch chose this parser by the family
    return read_table(page, family.value, hint, LAYOUTS, text_cells=2, flow=FLOWS[family]).parsed()
