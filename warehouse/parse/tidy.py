"""The tidy contract every parser returns: one observation per row, in the source's own terms.

Columns: period (the observation's own: a prior-year comparison block is a year earlier than the page), span,
flow (total/export/import), label as printed, normalised label key, indent level and parent (the "of which"
bloc or the commodity line above), measure (value, quantity, value_yoy_pct, quantity_yoy_pct), breakdown (the
second dimension some bulletin tables print across their columns: enterprise type, customs regime), the number
as an exact decimal (null where GACC prints ``-`` or leaves the cell empty), the unit as printed (value unit,
quantity unit token, or ``%``), and the source row and column in the page's table, for provenance and errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from warehouse.periods import Period

NUMBER = pl.Decimal(18, 3)

TIDY_SCHEMA = pl.Schema(
    {
        "period": pl.String,
        "span": pl.String,
        "flow": pl.String,
        "label": pl.String,
        "label_key": pl.String,
        "indent_level": pl.Int8,
        "parent_label_key": pl.String,
        "measure": pl.String,
        "breakdown": pl.String,
        "value": NUMBER,
        "unit": pl.String,
        "source_row": pl.Int32,
        "source_column": pl.Int32,
    }
)


@dataclass(frozen=True)
class PageIdentity:
    """What a page is: ``(product, family, currency, period, layout)`` plus where and when it was printed."""

    product: str
    family: str
    currency: str
    period: Period
    layout: str  # e.g. "month_ytd" (10 columns) or "jan_feb" (7 columns)
    flow: str | None  # single-flow tables (bulletin (6), (13)…); None when the columns carry the flow
    title: str
    url: str
    unit_printed: str | None  # None: the page prints no unit row (bulletin 2023; read as US$1,000)
    unit_code: str
    published_on: date | None
    date_printed: str | None
    excel_url: str | None


@dataclass(frozen=True)
class ParsedTable:
    identity: PageIdentity
    frame: pl.DataFrame  # TIDY_SCHEMA
    warnings: tuple[str, ...] = ()  # what was read but deserves a human look (a spreadsheet error cell)


def tidy_frame(records: list[dict[str, object]]) -> pl.DataFrame:
    """Build a frame with the contract's exact columns and types (never inferred)."""
    for record in records:
        value = record["value"]
        assert value is None or isinstance(value, Decimal)
    return pl.DataFrame(records, schema=TIDY_SCHEMA, orient="row")
