"""Arithmetic a page must satisfy, checked as it is parsed: a swapped column or a lost row is caught here.

Tolerances are the rounding the page itself allows, never a fudge: every printed number is within half a
unit of its last decimal, so a sum of n printed numbers is within (n + 1)/2 units of the printed total.
Checks run on values only (YoY % are not additive), and skip cells GACC leaves missing.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from warehouse.errors import ParseError
from warehouse.parse.page import ArticlePage
from warehouse.parse.tidy import ParsedTable
from warehouse.parse.units import unit_by_code


def rounding_of(parsed: ParsedTable) -> Decimal:
    return unit_by_code(parsed.identity.unit_code).rounding


def total_key_of(parsed: ParsedTable) -> str:
    """The label key of the table's total line (its level-0 first line)."""
    return str(parsed.frame.sort("source_row")["label_key"][0])


def check_flow_sum(page: ArticlePage, table: str, frame: pl.DataFrame, *, tolerance: Decimal) -> None:
    """Export & import = export + import on every row and column block, within rounding."""
    values = frame.filter(pl.col("measure") == "value")
    grain = ["source_row", "period", "span", "breakdown"]
    wide = values.pivot("flow", index=grain, values="value", aggregate_function="first")
    if not {"total", "export", "import"} <= set(wide.columns):
        return
    bound = tolerance * Decimal("1.5")  # three printed numbers, each within half a unit
    for row in wide.drop_nulls(["total", "export", "import"]).iter_rows(named=True):
        if abs(row["total"] - row["export"] - row["import"]) > bound:
            cell = values.filter(
                pl.col("flow") == "total", *(pl.col(key) == row[key] for key in grain if row[key] is not None)
            )
            raise ParseError(
                f"export & import {row['total']} ≠ export {row['export']} + import {row['import']} "
                f"({row['period']} {row['span']})",
                url=page.url,
                table=table,
                row=row["source_row"],
                column=int(cell["source_column"][0]) if cell.height else None,
            )


def check_parts_sum_to_total(
    page: ArticlePage, table: str, frame: pl.DataFrame, *, total_key: str, tolerance: Decimal
) -> None:
    """The member rows add up to the total row in every value column, within rounding (regime tables)."""
    values = frame.filter(pl.col("measure") == "value")
    columns = values.select("source_column").unique().to_series().to_list()
    for column in sorted(columns):
        cells = values.filter(pl.col("source_column") == column)
        total = cells.filter(pl.col("label_key") == total_key)
        parts = cells.filter(pl.col("label_key") != total_key)
        if total.height != 1 or total["value"][0] is None:
            continue
        summed = sum((v for v in parts["value"].to_list() if v is not None), Decimal(0))
        bound = tolerance * (parts.height + 1) / 2
        if abs(summed - total["value"][0]) > bound:
            raise ParseError(
                f"the rows add up to {summed}, the total row says {total['value'][0]} "
                f"(allowed rounding ±{bound})",
                url=page.url,
                table=table,
                row=int(total["source_row"][0]),
                column=int(column),
            )


def check_breakdown_sum(
    page: ArticlePage,
    table: str,
    frame: pl.DataFrame,
    *,
    total: str,
    parts: list[str],
    tolerance: Decimal,
) -> None:
    """Across the columns of a row: the part breakdowns add up to the total breakdown (enterprise types)."""
    values = frame.filter(pl.col("measure") == "value", pl.col("breakdown").is_in([total, *parts]))
    wide = values.pivot("breakdown", index=["source_row", "period", "span"], values="value")
    bound = tolerance * (len(parts) + 1) / 2
    for row in wide.iter_rows(named=True):
        if row[total] is None:
            continue
        summed = sum((row[part] for part in parts if row[part] is not None), Decimal(0))
        if abs(summed - row[total]) > bound:
            cell = values.filter(
                pl.col("breakdown") == total,
                pl.col("source_row") == row["source_row"],
                pl.col("period") == row["period"],
                pl.col("span") == row["span"],
            )
            raise ParseError(
                f"{' + '.join(parts)} = {summed}, but {total} says {row[total]} (allowed rounding ±{bound})",
                url=page.url,
                table=table,
                row=row["source_row"],
                column=int(cell["source_column"][0]) if cell.height else None,
            )
