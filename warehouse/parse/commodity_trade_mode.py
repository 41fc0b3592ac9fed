"""Bulletin tables (17) and (18): exports / imports of selected commodities by major customs regime,
January to the month, in US$1,000.

Ten cells a row: commodity, quantity unit token, then quantity and value under Ordinary Trade, Processing
Trade, Bonded logistics and Other; each value row is followed by its YoY % row. These pages leave a missing
quantity's cell empty rather than printing ``-`` (an empty cell is null, and alignment comes from the
``<td>`` grid). Values are cumulative (releases.md §5.2); the header names regimes, not periods.
"""

from __future__ import annotations

from warehouse.parse.identity import IndexHint
from warehouse.parse.layout import QUANTITY, VALUE, Column, Layout
from warehouse.parse.page import ArticlePage
from warehouse.parse.table import read_table
from warehouse.parse.tidy import ParsedTable
from warehouse.parse.titles import TableFamily
from warehouse.periods import Span

TABLE = TableFamily.COMMODITY_TRADE_MODE.value
_REGIMES = {
    "ordinary_trade": r"ordinary",
    "processing_trade": r"processing",
    "bonded_logistics": r"bonded",
    "other": r"other",
}
LAYOUT = Layout(
    "by_regime",
    tuple(
        Column(measure, Span.YTD, f"{pattern}.*{measure}", breakdown=regime)
        for regime, pattern in _REGIMES.items()
        for measure in (QUANTITY, VALUE)
    ),
    text_cells=2,
    yoy_rows=True,
    empty_is_missing=True,
)


def parse_commodity_trade_mode(page: ArticlePage, hint: IndexHint | None = None) -> ParsedTable:
    return read_table(page, TABLE, hint, [LAYOUT], text_cells=2, flow_from_title=True).parsed()
