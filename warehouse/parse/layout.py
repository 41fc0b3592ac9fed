"""Table layouts: what each value column of a family's table means, and the checks that the page agrees.

A family declares its known layouts as columns (measure, span, flow, breakdown, prior year) with a pattern the
printed header must match. The layout is chosen by the data rows' cell count and content, then the header is
checked column by column and the months it prints against the title's period; a mismatch is an error naming
the column, never a guess. Years in headers are not checked: GACC leaves stale ones (a 2026 page labels its
prior-year block "2024").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from warehouse.errors import ParseError
from warehouse.parse.grid import Grid
from warehouse.parse.numbers import is_number
from warehouse.parse.page import ArticlePage
from warehouse.periods import Span, month_number

VALUE = "value"
QUANTITY = "quantity"
VALUE_YOY = "value_yoy_pct"
QUANTITY_YOY = "quantity_yoy_pct"
YOY_OF = {VALUE: VALUE_YOY, QUANTITY: QUANTITY_YOY}


@dataclass(frozen=True)
class Column:
    measure: str  # value | quantity | value_yoy_pct | quantity_yoy_pct
    span: Span
    header: str  # regex the column's header text must contain (casefolded)
    flow: str | None = None  # None: the table's own flow (single-flow tables)
    breakdown: str | None = None  # second dimension printed across the columns (enterprise type, regime)
    prior_year: bool = False  # the same span one year earlier


@dataclass(frozen=True)
class Layout:
    name: str
    columns: tuple[Column, ...]
    text_cells: int = 1  # leading cells that hold text: the label, and the quantity unit where printed
    header_text_cells: int | None = None  # the header's text columns, when the rows lack some (no unit)
    trailing_empty: int = 0  # empty cells GACC leaves after the values
    yoy_rows: bool = False  # bulletin: each value row is followed by a row of YoY % for the same cells
    empty_is_missing: bool = False  # pages that leave a missing value's cell empty instead of printing "-"
    header_rows: int | None = None  # how many header rows the page prints, where real pages show it
    dated_headers: bool = False  # each value column's header prints its month (and a year only if prior)

    @property
    def width(self) -> int:
        return self.text_cells + len(self.columns) + self.trailing_empty


def choose_layout(page: ArticlePage, table: str, grid: Grid, layouts: Sequence[Layout]) -> Layout:
    """The layout whose cell count fits most value rows (and, between equal counts, their content).

    A row that does not fit the chosen layout is reported by the row checks with its own row number.
    """
    counts = Counter(len(row.cells) for row in grid.data if not _is_yoy_row(row, layouts))
    width = counts.most_common(1)[0][0] if counts else 0
    fitting = [layout for layout in layouts if layout.width == width]
    if len(fitting) > 1:  # same count: a quantity-unit cell or a number in the second cell tells them apart
        unit_text = any(not is_number(row.cells[1].text) for row in grid.data if len(row.cells) == width)
        fitting = [layout for layout in fitting if (layout.text_cells >= 2) == unit_text]
    if len(fitting) != 1:
        expected = " or ".join(str(w) for w in sorted({lay.width for lay in layouts}))
        raise ParseError(
            f"expected {expected} cells a row, the value rows have {width}",
            url=page.url,
            table=table,
            row=grid.data[0].number,
        )
    return fitting[0]


def _is_yoy_row(row: object, layouts: Sequence[Layout]) -> bool:
    cells = row.cells  # type: ignore[attr-defined]
    return any(layout.yoy_rows for layout in layouts) and not cells[0].text.replace("\xa0", " ").strip()


_MONTH_TOKEN = re.compile(
    r"(?<![\d])(\d{1,2})(?![\d])|\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.IGNORECASE,
)


def header_month(text: str) -> int | None:
    """The last month a header names ("1-5 Total, 2024" → 5, "Jan-May 2018 in Total" → 5, "1to10" → 10)."""
    month = None
    for match in _MONTH_TOKEN.finditer(text):
        if match[1]:
            number = int(match[1])
            month = number if 1 <= number <= 12 else month
        else:
            month = month_number(match[2])
    return month


def check_header(page: ArticlePage, table: str, grid: Grid, layout: Layout, month: int) -> None:
    """Every value column's header must say what the layout says it is, for the page's month."""
    first_data = grid.data[0].number
    if not grid.header:
        if page.source == "html":
            raise ParseError("no header rows above the data", url=page.url, table=table, row=first_data)
        return  # a transcription whose header was not captured: the cell count decided
    row = grid.header[-1].number
    if layout.header_rows is not None and len(grid.header) != layout.header_rows:
        raise ParseError(
            f"expected {layout.header_rows} header rows, found {len(grid.header)} (is a data row missing its "
            "numbers, or a header row lost?)",
            url=page.url,
            table=table,
            row=first_data,
        )
    if len(grid.columns) != layout.width:
        raise ParseError(
            f"the header spans {len(grid.columns)} columns, the rows {layout.width}",
            url=page.url,
            table=table,
            row=row,
        )
    offset = layout.text_cells if layout.header_text_cells is None else layout.header_text_cells
    for index, column in enumerate(layout.columns):
        position = offset + index
        text = grid.columns[position]
        where = {"url": page.url, "table": table, "row": row, "column": position, "cell": text}
        if not re.search(column.header, text.casefold()):
            raise ParseError(f"header does not read as {column.measure} ({column.header})", **where)
        printed = header_month(text)
        if printed is not None and printed != month:
            raise ParseError(f"header prints month {printed} but the page is for month {month}", **where)
        if layout.dated_headers and column.measure in YOY_OF:
            if printed is None:
                raise ParseError("header prints no month for a value column", **where)
            if not column.prior_year and re.search(r"\d{4}", text):
                raise ParseError("header prints a year on a current-period column", **where)


_FLOW_PATTERN = {
    None: "",
    "total": r"(?=.*exports?\s*(?:&|and)\s*imports?)",
    "export": r"(?=.*export)(?!.*import)",
    "import": r"(?=.*import)(?!.*export)",
}
_YOY = r"(?:year-on-year|yoy|±|%|percentage change)"
_CUMULATIVE = r"(?:\b1\s*-?\s*to\s*-?\s*\d|\b1\s*-\s*\d|\bjan\w*\s*-\s*[a-z]|total)"


def header_pattern(
    flow: str | None = None,
    *,
    yoy: bool = False,
    cumulative: bool | None = None,
    prior_year: bool | None = None,
    word: str | None = None,
) -> str:
    """A header regex from what a column is: its flow, whether it is a YoY %, a cumulative (1-to-M)
    period, a prior-year block (a 4-digit year in the header), and a word it must contain."""
    parts = ["^", _FLOW_PATTERN[flow], f"(?=.*{_YOY})" if yoy else f"(?!.*{_YOY})"]
    if cumulative is not None:
        parts.append(f"(?=.*{_CUMULATIVE})" if cumulative else f"(?!.*{_CUMULATIVE})")
    if prior_year is not None:
        parts.append(r"(?=.*\d{4})" if prior_year else r"(?!.*\d{4})")
    if word:
        parts.append(f"(?=.*{word})")
    return "".join(parts)
