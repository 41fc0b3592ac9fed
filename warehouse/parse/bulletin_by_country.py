"""Bulletin table (2): imports and exports by country (region) of origin/destination, in US$1,000.

Every partner GACC records (some 240), grouped under continent rows that end in a colon (``Asia:``), then
``Countries (Territories) Unknown`` and the blocs (ASEAN, EU, APEC, RCEP, BRI), which overlap the continents.
Seen layouts: January alone (1.2026), seven cells — partner, total, exports, imports for the month, their
YoY %; a later month (6.2026), ten — month and 1-to-M for total, exports and imports, then the cumulative
YoY %. Checked: total = exports + imports on every row; each continent's countries add up to it;
the continents and "unknown" add up to TOTAL — so a lost or misplaced row is an error.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from warehouse.errors import ParseError
from warehouse.parse.checks import check_flow_sum, rounding_of
from warehouse.parse.identity import IndexHint
from warehouse.parse.labels import label_key
from warehouse.parse.layout import VALUE, VALUE_YOY, Column, Layout
from warehouse.parse.page import ArticlePage
from warehouse.parse.records import Line, total_first
from warehouse.parse.table import read_table
from warehouse.parse.tidy import ParsedTable
from warehouse.parse.titles import TableFamily
from warehouse.periods import Span

TABLE = TableFamily.BY_COUNTRY.value
_MONTH, _YTD = r" / \d{1,2}$", r" / 1\s*to\s*\d{1,2}$"
_FLOWS = (("total", "total"), ("export", "exports?"), ("import", "imports?"))


def _values(*spans: Span) -> tuple[Column, ...]:
    period = {Span.MONTH: _MONTH, Span.YTD: _YTD}
    return tuple(
        Column(VALUE, span, f"^{word}{period[span]}", flow=flow) for flow, word in _FLOWS for span in spans
    )


def _yoy(span: Span) -> tuple[Column, ...]:
    return tuple(Column(VALUE_YOY, span, f"^percentage change / {word}$", flow=flow) for flow, word in _FLOWS)


# January is published alone (month = 1to1); later months print the month and 1-to-M for each flow. The
# "Percentage Change" is cumulative: on 6.2026 "Countries (Territories) Unknown" has no June exports ("-")
# yet a YoY of -99.6 against its 1to6 exports of 57 — a June figure would read -100 or nothing.
LAYOUTS = (
    Layout("month", _values(Span.MONTH) + _yoy(Span.MONTH), header_rows=2, dated_headers=True),
    Layout("month_ytd", _values(Span.MONTH, Span.YTD) + _yoy(Span.YTD), header_rows=2, dated_headers=True),
)


def parse_bulletin_by_country(page: ArticlePage, hint: IndexHint | None = None) -> ParsedTable:
    reading = read_table(page, TABLE, hint, LAYOUTS)
    total_first(page, TABLE, reading.lines)
    return reading.parsed(_hierarchy(reading.lines))


def _is_continent(label: str) -> bool:
    return label.rstrip().endswith((":", "："))


def _hierarchy(lines: list[Line]) -> list[tuple[int, str | None]]:
    """TOTAL; continents under it and their countries under them; after "unknown", blocs under TOTAL."""
    total = label_key(lines[0].label)
    found: list[tuple[int, str | None]] = [(0, None)]
    continent: str | None = None
    for line in lines[1:]:
        key = label_key(line.label)
        if _is_continent(line.label) or "unknown" in key:
            continent = label_key(line.label) if _is_continent(line.label) else None
            found.append((1, total))
        elif continent is None:
            found.append((1, total))  # blocs after "unknown"
        else:
            found.append((2, continent))
    return found


def check_bulletin_by_country(page: ArticlePage, parsed: ParsedTable) -> None:
    rounding = rounding_of(parsed)
    check_flow_sum(page, TABLE, parsed.frame, tolerance=rounding)
    values = parsed.frame.filter(pl.col("measure") == "value")
    total = str(values["label_key"][0])
    blocs = set(
        values.filter(
            pl.col("parent_label_key") == total,
            ~pl.col("label").str.contains(r"[:：]\s*$"),
            ~pl.col("label_key").str.contains("unknown"),
        )["label_key"]
    )
    # One pass over plain tuples: this runs for every column of a 270-row page, and named rows cost more
    # than the arithmetic.
    cells_by_column: dict[int, list[tuple]] = {}
    for cell in values.select(
        "source_column", "label_key", "parent_label_key", "value", "label", "source_row"
    ).iter_rows():
        cells_by_column.setdefault(cell[0], []).append(cell)
    for column in sorted(cells_by_column):
        cells = cells_by_column[column]
        rows = {key: (value, label, row) for _, key, _, value, label, row in cells}
        children: dict[str, list[Decimal | None]] = {}
        for _, key, parent_key, value, _, _ in cells:
            if parent_key is not None and key not in blocs:
                children.setdefault(parent_key, []).append(value)
        for parent, parts in children.items():
            printed, label, row = rows[parent]
            summed = sum((v for v in parts if v is not None), Decimal(0))
            bound = rounding * (len(parts) + 1) / 2
            if printed is not None and abs(summed - printed) > bound:
                raise ParseError(
                    f"the rows under {label!r} add up to {summed}, the row says {printed} "
                    f"(allowed rounding ±{bound})",
                    url=page.url,
                    table=TABLE,
                    row=row,
                    column=int(column),
                )
