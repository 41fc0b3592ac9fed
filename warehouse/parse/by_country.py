"""Preliminary table (4): total export & import values by country/region.

Two layouts are known. A regular month has 10 cells a row — label, then month and 1-to-M columns for
export & import, export and import, then the 1-to-M year-on-year % of the three (YoY is printed only for the
cumulative period). The combined January–February release has 7 — label, the three 1-to-2 values, their
YoY %. The header is checked column by column against the layout, so a shifted column is an error.

Hierarchy: ``Total`` is level 0, partners and blocs level 1. ``of which:`` marks the first child of a bloc;
the children that follow carry no prefix but at least as deep an ``&nbsp;`` indent as that first child.
Blocs overlap, so rows never sum to the total; export & import = export + import on every row is checked.
"""

from __future__ import annotations

from warehouse.errors import ParseError
from warehouse.parse.checks import check_flow_sum, rounding_of
from warehouse.parse.identity import IndexHint, ResolvedTitle
from warehouse.parse.labels import has_of_which, label_key
from warehouse.parse.layout import VALUE, VALUE_YOY, Column, Layout
from warehouse.parse.page import ArticlePage
from warehouse.parse.records import Line
from warehouse.parse.table import read_table
from warehouse.parse.tidy import ParsedTable
from warehouse.parse.titles import TableFamily
from warehouse.periods import Span

TABLE = TableFamily.BY_COUNTRY.value
_MONTH = r" / \d{1,2}$"
_CUMULATIVE = r" / 1-?\s*to-?\s*\d{1,2}$"
_YOY = r"year-on-year.* / "

LAYOUTS = (
    Layout(
        "month_ytd",
        (
            Column(VALUE, Span.MONTH, r"^export & import" + _MONTH, flow="total"),
            Column(VALUE, Span.YTD, r"^export & import" + _CUMULATIVE, flow="total"),
            Column(VALUE, Span.MONTH, r"^export" + _MONTH, flow="export"),
            Column(VALUE, Span.YTD, r"^export" + _CUMULATIVE, flow="export"),
            Column(VALUE, Span.MONTH, r"^import" + _MONTH, flow="import"),
            Column(VALUE, Span.YTD, r"^import" + _CUMULATIVE, flow="import"),
            Column(VALUE_YOY, Span.YTD, _YOY + r"export & import$", flow="total"),
            Column(VALUE_YOY, Span.YTD, _YOY + r"export$", flow="export"),
            Column(VALUE_YOY, Span.YTD, _YOY + r"import$", flow="import"),
        ),
        header_rows=2,
        dated_headers=True,
    ),
    Layout(
        "jan_feb",
        (
            Column(VALUE, Span.JAN_FEB, r"^export & import" + _CUMULATIVE, flow="total"),
            Column(VALUE, Span.JAN_FEB, r"^export" + _CUMULATIVE, flow="export"),
            Column(VALUE, Span.JAN_FEB, r"^import" + _CUMULATIVE, flow="import"),
            Column(VALUE_YOY, Span.JAN_FEB, _YOY + r"export & import$", flow="total"),
            Column(VALUE_YOY, Span.JAN_FEB, _YOY + r"export$", flow="export"),
            Column(VALUE_YOY, Span.JAN_FEB, _YOY + r"import$", flow="import"),
        ),
        header_rows=2,
        dated_headers=True,
    ),
)


def parse_by_country(page: ArticlePage, hint: IndexHint | None = None) -> ParsedTable:
    reading = read_table(page, TABLE, hint, _layouts)
    return reading.parsed(_hierarchy(page, reading.lines))


def _layouts(resolved: ResolvedTitle) -> list[Layout]:
    jan_feb = resolved.info.span is Span.JAN_FEB
    return [layout for layout in LAYOUTS if (layout.name == "jan_feb") == jan_feb]


def check_by_country(page: ArticlePage, parsed: ParsedTable) -> None:
    check_flow_sum(page, TABLE, parsed.frame, tolerance=rounding_of(parsed))


def _hierarchy(page: ArticlePage, lines: list[Line]) -> list[tuple[int, str | None]]:
    found: list[tuple[int, str | None]] = []
    parent_key: str | None = None
    child_indent: int | None = None
    for position, line in enumerate(lines):
        key = label_key(line.label)
        where = {"url": page.url, "table": TABLE, "row": line.row.number, "column": 0, "cell": line.label}
        if position == 0:
            if key != "total":
                raise ParseError("the first data row must be 'Total'", **where)
            found.append((0, None))
        elif has_of_which(line.label) or (child_indent is not None and line.indent >= child_indent):
            if has_of_which(line.label):
                child_indent = line.indent
            if parent_key is None:
                raise ParseError("an 'of which' row without a parent row above it", **where)
            found.append((2, parent_key))
        else:
            child_indent = None
            parent_key = key
            found.append((1, None))
    return found
