"""Preliminary table (4): total export & import values by country/region.

Two layouts are known. A regular month has 10 cells a row — label, then month and 1-to-M columns for
export & import, export and import, then the 1-to-M year-on-year % of the three (YoY is printed only for the
cumulative period). The combined January–February release has 7 — label, the three 1-to-2 values, their
YoY %. The layout is read from the two header rows and checked against the title; rows are then aligned by
``<td>`` position, so a missing or extra cell is an error, never a shifted column.

Hierarchy: ``Total`` is level 0, partners and blocs level 1. ``of which:`` marks the first child of a bloc;
the children that follow carry no prefix but at least as deep an ``&nbsp;`` indent as that first child.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warehouse.errors import ParseError
from warehouse.parse.identity import IndexHint, resolve
from warehouse.parse.labels import has_of_which, label_key, split_indent
from warehouse.parse.numbers import is_number, parse_number
from warehouse.parse.page import ArticlePage, Row
from warehouse.parse.tidy import PageIdentity, ParsedTable, tidy_frame
from warehouse.parse.titles import TableFamily
from warehouse.periods import Span

TABLE = TableFamily.BY_COUNTRY.value
_FLOWS = {"export & import": "total", "export": "export", "import": "import"}
_MONTH = re.compile(r"^(\d{1,2})$")
_CUMULATIVE = re.compile(r"^1\s*-\s*to\s*-?\s*(\d{1,2})\b")


@dataclass(frozen=True)
class Column:
    flow: str
    span: Span
    measure: str  # "value" or "yoy_pct"
    last_month: int  # the M the header prints


def parse_by_country(page: ArticlePage, hint: IndexHint | None = None) -> ParsedTable:
    resolved = resolve(page, TABLE, hint)
    title_span = resolved.info.span
    header, data = _split_rows(page)
    columns = _read_header(page, header, title_span == Span.JAN_FEB)
    layout = _check_layout(page, columns, resolved.period.month)
    width = len(columns) + 1
    records = []
    parent_key: str | None = None
    child_indent: int | None = None
    for position, row in enumerate(data):
        if len(row.cells) != width or any(cell.colspan != 1 for cell in row.cells):
            raise ParseError(
                f"expected {width} cells, found {len(row.cells)}",
                url=page.url,
                table=TABLE,
                row=row.number,
            )
        indent, label = split_indent(row.cells[0].text)
        if not label:
            raise ParseError("empty label", url=page.url, table=TABLE, row=row.number, column=0)
        key = label_key(label)
        if position == 0:
            if key != "total":
                raise ParseError(
                    "the first data row must be 'Total'",
                    url=page.url,
                    table=TABLE,
                    row=row.number,
                    column=0,
                    cell=label,
                )
            level, parent = 0, None
        elif has_of_which(label) or (child_indent is not None and indent >= child_indent):
            if has_of_which(label):
                child_indent = indent
            if parent_key is None:
                raise ParseError(
                    "an 'of which' row without a parent row above it",
                    url=page.url,
                    table=TABLE,
                    row=row.number,
                    column=0,
                    cell=label,
                )
            level, parent = 2, parent_key
        else:
            child_indent = None
            parent_key = key
            level, parent = 1, None
        for index, column in enumerate(columns, start=1):
            text = row.cells[index].text
            if column.measure == "value" and not text.replace("\xa0", " ").strip():
                raise ParseError(
                    "an empty value cell (GACC prints '-' for a missing value)",
                    url=page.url,
                    table=TABLE,
                    row=row.number,
                    column=index,
                )
            try:
                value = parse_number(text)
            except ValueError as exc:
                raise ParseError(
                    str(exc), url=page.url, table=TABLE, row=row.number, column=index, cell=text.strip()
                ) from None
            records.append(
                {
                    "period": str(resolved.period),
                    "span": column.span.value,
                    "flow": column.flow,
                    "label": label,
                    "label_key": key,
                    "indent_level": level,
                    "parent_label_key": parent,
                    "measure": column.measure,
                    "value": value,
                    "unit": "%" if column.measure == "yoy_pct" else resolved.unit_printed,
                    "source_row": row.number,
                    "source_column": index,
                }
            )
    identity = PageIdentity(
        product="preliminary",
        family=TABLE,
        currency=resolved.unit.currency,
        period=resolved.period,
        layout=layout,
        title=page.title,
        url=page.url,
        unit_printed=resolved.unit_printed,
        unit_code=resolved.unit.code,
        published_on=page.published_on,
        date_printed=page.date_text,
        excel_url=page.excel_url,
    )
    return ParsedTable(identity=identity, frame=tidy_frame(records))


def _split_rows(page: ArticlePage) -> tuple[list[Row], list[Row]]:
    """Header rows (before the first data row) and data rows; one-cell banner rows are skipped."""
    header: list[Row] = []
    data: list[Row] = []
    notes = False
    for row in page.rows:
        where = {"url": page.url, "table": TABLE, "row": row.number}
        if len(row.cells) <= 1:
            # Title and unit rows come before the data, the note row after it; nothing else spans the table.
            text = " ".join(row.cells[0].text.split()) if row.cells else ""
            if data and not text.casefold().startswith("note"):
                raise ParseError("a one-cell row inside the data", cell=text, **where)
            notes = notes or bool(data)
            continue
        if notes:
            raise ParseError("a row after the notes", cell=split_indent(row.cells[0].text)[1], **where)
        values = row.cells[1:]
        is_total = label_key(split_indent(row.cells[0].text)[1]) == "total"
        if is_total or data:
            bad = next((i for i, cell in enumerate(values, start=1) if not is_number(cell.text)), None)
            if bad is not None:
                raise ParseError("not a number", column=bad, cell=row.cells[bad].text.strip(), **where)
            if not any(cell.text.strip() for cell in values):
                raise ParseError("a row with a label but no values", **where)
            data.append(row)
        else:
            header.append(row)
    if not data:
        raise ParseError("the table has no data rows", url=page.url, table=TABLE)
    if len(header) != 2:
        raise ParseError(
            f"expected 2 header rows, found {len(header)}",
            url=page.url,
            table=TABLE,
            row=header[0].number if header else data[0].number,
        )
    return header, data


def _expand(row: Row) -> list[str]:
    texts = []
    for cell in row.cells:
        text = " ".join(cell.text.replace("\xa0", " ").split())
        texts.extend([text] * cell.colspan)
    return texts


def _read_header(page: ArticlePage, header: list[Row], jan_feb: bool) -> list[Column]:
    top, bottom = (_expand(row) for row in header)
    if len(top) != len(bottom):
        raise ParseError(
            f"header rows differ in width ({len(top)} vs {len(bottom)})",
            url=page.url,
            table=TABLE,
            row=header[1].number,
        )
    columns = []
    for index in range(1, len(top)):
        upper, lower = top[index], bottom[index]
        where = {"url": page.url, "table": TABLE, "column": index}
        if "year-on-year" in upper.casefold():
            flow = _FLOWS.get(lower.casefold())
            months = _CUMULATIVE.search(upper)
            if flow is None or months is None:
                raise ParseError("unreadable YoY header", row=header[1].number, cell=lower, **where)
            columns.append(_column(flow, months, "yoy_pct", cumulative=True, jan_feb=jan_feb))
            continue
        flow = _FLOWS.get(upper.casefold())
        if flow is None:
            raise ParseError("unknown flow in header", row=header[0].number, cell=upper, **where)
        if months := _CUMULATIVE.match(lower):
            columns.append(_column(flow, months, "value", cumulative=True, jan_feb=jan_feb))
        elif months := _MONTH.match(lower):
            columns.append(_column(flow, months, "value", cumulative=False, jan_feb=jan_feb))
        else:
            raise ParseError("unreadable period in header", row=header[1].number, cell=lower, **where)
    return columns


def _column(flow: str, months: re.Match[str], measure: str, *, cumulative: bool, jan_feb: bool) -> Column:
    last = int(months[1])
    if not cumulative:
        span = Span.MONTH
    elif jan_feb and last == 2:
        span = Span.JAN_FEB
    else:
        span = Span.YTD
    return Column(flow=flow, span=span, measure=measure, last_month=last)


_LAYOUTS = {
    "month_ytd": [
        ("total", Span.MONTH, "value"),
        ("total", Span.YTD, "value"),
        ("export", Span.MONTH, "value"),
        ("export", Span.YTD, "value"),
        ("import", Span.MONTH, "value"),
        ("import", Span.YTD, "value"),
        ("total", Span.YTD, "yoy_pct"),
        ("export", Span.YTD, "yoy_pct"),
        ("import", Span.YTD, "yoy_pct"),
    ],
    "jan_feb": [
        ("total", Span.JAN_FEB, "value"),
        ("export", Span.JAN_FEB, "value"),
        ("import", Span.JAN_FEB, "value"),
        ("total", Span.JAN_FEB, "yoy_pct"),
        ("export", Span.JAN_FEB, "yoy_pct"),
        ("import", Span.JAN_FEB, "yoy_pct"),
    ],
}


def _check_layout(page: ArticlePage, columns: list[Column], month: int) -> str:
    shape = [(c.flow, c.span, c.measure) for c in columns]
    layout = next((name for name, expected in _LAYOUTS.items() if expected == shape), None)
    if layout is None:
        raise ParseError(
            f"unknown header layout ({len(columns) + 1} columns: "
            + ", ".join(f"{f}/{s}/{m}" for f, s, m in shape)
            + ")",
            url=page.url,
            table=TABLE,
        )
    stale = next((c for c in columns if c.last_month != month), None)
    if stale is not None:
        raise ParseError(
            f"header prints month {stale.last_month} but the page is for month {month}",
            url=page.url,
            table=TABLE,
        )
    return layout
