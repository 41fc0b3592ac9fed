"""Data rows → tidy records, shared by every table family.

Each value row is checked against its layout (cell count, no spans, the trailing cells GACC leaves empty),
its label split into indentation and text, its quantity unit token looked up, and every value cell parsed to
an exact decimal; the first problem raises a ``ParseError`` naming the row, column and cell. Bulletin tables
print the YoY % of a row on the row below it: that row is read against the same columns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from warehouse.errors import ParseError
from warehouse.parse.grid import Grid
from warehouse.parse.hierarchy import indent_levels, parents
from warehouse.parse.identity import ResolvedTitle
from warehouse.parse.labels import label_key, split_indent
from warehouse.parse.layout import QUANTITY, YOY_OF, Column, Layout
from warehouse.parse.numbers import clean_cell_text, parse_number
from warehouse.parse.page import ArticlePage, Row
from warehouse.parse.quantities import quantity_unit
from warehouse.periods import Period

_MISSING_UNIT = {"", "-", "—", "–"}


@dataclass(frozen=True)
class Line:
    """One printed line of the table: its value row and, in bulletin tables, the YoY row under it."""

    row: Row
    indent: int
    label: str
    yoy: Row | None


def lines_of(page: ArticlePage, table: str, grid: Grid, layout: Layout) -> list[Line]:
    found: list[Line] = []
    for row in grid.data:
        indent, label = split_indent(row.cells[0].text)
        where = {"url": page.url, "table": table, "row": row.number}
        is_yoy = layout.yoy_rows and (not label or len(row.cells) < layout.width)
        if is_yoy:
            if not found or found[-1].yoy is not None:
                raise ParseError("a YoY row without a value row above it", **where)
            found[-1] = Line(found[-1].row, found[-1].indent, found[-1].label, row)
            continue
        if not label:
            raise ParseError("empty label", column=0, **where)
        if layout.yoy_rows and found and found[-1].yoy is None:
            raise ParseError("a value row without its YoY row", **{**where, "row": found[-1].row.number})
        found.append(Line(row, indent, label, None))
    if layout.yoy_rows and found and found[-1].yoy is None:
        raise ParseError(
            "a value row without its YoY row", url=page.url, table=table, row=found[-1].row.number
        )
    return found


def total_first(page: ArticlePage, table: str, lines: list[Line]) -> list[tuple[int, str | None]]:
    """Hierarchy of a table whose first line is its total and every other line a part of it."""
    total = label_key(lines[0].label)
    if not total.startswith("total"):
        raise ParseError(
            "the first data row must be the total",
            url=page.url,
            table=table,
            row=lines[0].row.number,
            column=0,
            cell=lines[0].label,
        )
    return [(0, None)] + [(1, total)] * (len(lines) - 1)


def records_of(
    page: ArticlePage,
    table: str,
    resolved: ResolvedTitle,
    lines: list[Line],
    layout: Layout,
    *,
    flow: str | None = None,
    hierarchy: list[tuple[int, str | None]] | None = None,
) -> list[dict[str, object]]:
    """Tidy records of every line; ``hierarchy`` (level, parent key) overrides the indentation ranking."""
    keys = [label_key(line.label) for line in lines]
    if hierarchy is None:
        levels = indent_levels([line.indent for line in lines])
        hierarchy = list(zip(levels, parents(levels, keys), strict=True))
    records: list[dict[str, object]] = []
    for line, key, (level, parent) in zip(lines, keys, hierarchy, strict=True):
        unit_token = _check_value_row(page, table, line.row, layout)
        base = {
            "label": line.label,
            "label_key": key,
            "indent_level": level,
            "parent_label_key": parent,
        }
        for index, column in enumerate(layout.columns):
            position = layout.text_cells + index
            value = _number(page, table, line.row, position, layout)
            if column.measure == QUANTITY and value is not None and layout.text_cells >= 2 and not unit_token:
                raise ParseError(
                    "a quantity without a quantity unit",
                    url=page.url,
                    table=table,
                    row=line.row.number,
                    column=1,
                    cell=line.row.cells[1].text.strip(),
                )
            unit = unit_token if column.measure == QUANTITY else _value_unit(resolved, column)
            records.append(_record(resolved, column, flow, base, value, unit, line.row.number, position))
        _check_quantity_has_value(page, table, line.row, records[-len(layout.columns) :])
        if line.yoy is not None:
            records.extend(_yoy_records(page, table, resolved, line, layout, flow, base))
    return records


def _check_value_row(page: ArticlePage, table: str, row: Row, layout: Layout) -> str | None:
    where = {"url": page.url, "table": table, "row": row.number}
    if len(row.cells) != layout.width:
        raise ParseError(f"expected {layout.width} cells, found {len(row.cells)}", **where)
    spanning = next((i for i, cell in enumerate(row.cells) if cell.colspan != 1), None)
    if spanning is not None:
        raise ParseError("a cell spanning several columns", column=spanning, **where)
    for position in range(layout.width - layout.trailing_empty, layout.width):
        if clean_cell_text(row.cells[position].text):
            raise ParseError(
                "a value past the last column",
                column=position,
                cell=row.cells[position].text.strip(),
                **where,
            )
    if layout.text_cells < 2:
        return None
    token = " ".join(row.cells[1].text.replace("\xa0", " ").split())
    if token in _MISSING_UNIT:
        return None
    try:
        quantity_unit(token)
    except KeyError as exc:
        raise ParseError(str(exc.args[0]), column=1, cell=token, **where) from None
    return token


def _check_quantity_has_value(
    page: ArticlePage, table: str, row: Row, records: list[dict[str, object]]
) -> None:
    """Goods counted but not valued do not exist: a quantity beside a missing value means the row lost a cell
    and its numbers moved one column (quantities into value columns and back)."""
    values = {
        (r["span"], r["period"], r["breakdown"]): r["value"] for r in records if r["measure"] == "value"
    }
    for record in records:
        key = (record["span"], record["period"], record["breakdown"])
        if record["measure"] == QUANTITY and record["value"] is not None and values.get(key, 0) is None:
            raise ParseError(
                "a quantity without a value beside it",
                url=page.url,
                table=table,
                row=row.number,
                column=int(record["source_column"]),  # type: ignore[call-overload]
            )


def _yoy_records(
    page: ArticlePage,
    table: str,
    resolved: ResolvedTitle,
    line: Line,
    layout: Layout,
    flow: str | None,
    base: dict[str, object],
) -> list[dict[str, object]]:
    row = line.yoy
    assert row is not None
    where = {"url": page.url, "table": table, "row": row.number}
    # The label (and unit) cells of a YoY row are empty, or spanned (rowspan) from the value row above.
    spanned = sum(1 for cell in line.row.cells[: layout.text_cells] if cell.rowspan > 1)
    expected = layout.width - spanned
    if len(row.cells) != expected:
        raise ParseError(f"expected {expected} cells in a YoY row, found {len(row.cells)}", **where)
    lead = layout.text_cells - spanned
    stray = next((i for i in range(lead) if clean_cell_text(row.cells[i].text)), None)
    if stray is not None:
        raise ParseError(
            "text before the YoY values", column=stray, cell=row.cells[stray].text.strip(), **where
        )
    records = []
    for index, column in enumerate(layout.columns):
        measure = YOY_OF.get(column.measure)
        if measure is None:
            continue
        position = lead + index
        value = _number(page, table, row, position, layout, yoy_row=True)
        yoy_column = replace(column, measure=measure)
        records.append(_record(resolved, yoy_column, flow, base, value, "%", row.number, position))
    return records


def _number(
    page: ArticlePage, table: str, row: Row, position: int, layout: Layout, *, yoy_row: bool = False
) -> object:
    """A value cell as an exact decimal. YoY rows always print ``-`` for a missing %, never an empty cell:
    an empty one there means the row lost a cell and its values moved."""
    text = row.cells[position].text
    if (yoy_row or not layout.empty_is_missing) and not clean_cell_text(text):
        raise ParseError(
            "an empty value cell (this table prints '-' for a missing value)",
            url=page.url,
            table=table,
            row=row.number,
            column=position,
        )
    try:
        return parse_number(text)
    except ValueError as exc:
        raise ParseError(
            str(exc), url=page.url, table=table, row=row.number, column=position, cell=text.strip()
        ) from None


def _value_unit(resolved: ResolvedTitle, column: Column) -> str:
    """The code of the unit values are read in (``USD_1K``…), not the printed text: a mislabelled unit row
    (kept as ``PageIdentity.unit_printed``) must not travel beside the numbers. YoY columns are in %."""
    is_yoy = column.measure not in YOY_OF
    return "%" if is_yoy else resolved.unit.code


def _record(
    resolved: ResolvedTitle,
    column: Column,
    flow: str | None,
    base: dict[str, object],
    value: object,
    unit: str | None,
    row: int,
    position: int,
) -> dict[str, object]:
    period = resolved.period
    if column.prior_year:
        period = Period(period.year - 1, period.month)
    return {
        "period": str(period),
        "span": column.span.value,
        "flow": column.flow or flow,
        **base,
        "measure": column.measure,
        "breakdown": column.breakdown,
        "value": value,
        "unit": unit,
        "source_row": row,
        "source_column": position,
    }
