"""Bulletin tables (6) and (7): exports / imports by type of enterprise and customs regime, January to the
month, in US$1,000.

Rows are regimes (``TOTAL`` first), columns enterprise types, each value row followed by its YoY % row. Two
forms are known: Total, SOE, FIE, POE, Other (2023–2024), and the 2019 (7) with FIE split into three
sub-types between FIE and POE. The breakdown is named for the column; the 2019 sub-types are ``fie_1`` …
``fie_3`` in printed order (their headers were not captured, see ``reference/enterprise_types.csv``).
Checked: SOE + FIE + POE + Other = Total on every row, the FIE sub-types add up to FIE, the regime rows add
up to TOTAL.
"""

from __future__ import annotations

from warehouse.parse.checks import check_breakdown_sum, check_parts_sum_to_total, rounding_of, total_key_of
from warehouse.parse.identity import IndexHint
from warehouse.parse.layout import VALUE, Column, Layout
from warehouse.parse.page import ArticlePage
from warehouse.parse.records import total_first
from warehouse.parse.table import read_table
from warehouse.parse.tidy import ParsedTable
from warehouse.parse.titles import TableFamily
from warehouse.periods import Span

TABLE = TableFamily.ENTERPRISE_TRADE_MODE.value
_HEADERS = {
    "total": r"\btotal\b",
    "soe": r"\bsoe\b|state",
    "fie": r"\bfie\b|foreign",
    "fie_1": r"",
    "fie_2": r"",
    "fie_3": r"",
    "poe": r"\bpoe\b|private",
    "other": r"\bother",
}
_MAIN = ["soe", "fie", "poe", "other"]
_FIE_SPLIT = ["fie_1", "fie_2", "fie_3"]


def _layout(name: str, breakdowns: list[str]) -> Layout:
    return Layout(
        name,
        tuple(Column(VALUE, Span.YTD, _HEADERS[b], breakdown=b) for b in breakdowns),
        yoy_rows=True,
        empty_is_missing=True,  # 2024 pages leave SOE/FIE of "Aid or Donation" empty (tables/2024-11 notes)
    )


LAYOUTS = (
    _layout("by_enterprise", ["total", *_MAIN]),
    _layout("by_enterprise_fie_split", ["total", "soe", "fie", *_FIE_SPLIT, "poe", "other"]),
)


def parse_enterprise_trade_mode(page: ArticlePage, hint: IndexHint | None = None) -> ParsedTable:
    reading = read_table(page, TABLE, hint, LAYOUTS, flow_from_title=True)
    return reading.parsed(total_first(page, TABLE, reading.lines))


def check_enterprise_trade_mode(page: ArticlePage, parsed: ParsedTable) -> None:
    rounding, frame = rounding_of(parsed), parsed.frame
    check_breakdown_sum(page, TABLE, frame, total="total", parts=_MAIN, tolerance=rounding)
    if parsed.identity.layout == "by_enterprise_fie_split":
        check_breakdown_sum(page, TABLE, frame, total="fie", parts=_FIE_SPLIT, tolerance=rounding)
    check_parts_sum_to_total(page, TABLE, frame, total_key=total_key_of(parsed), tolerance=rounding)
