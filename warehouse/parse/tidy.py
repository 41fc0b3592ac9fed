"""The tidy contract every parser returns: one observation per row, in the source's own terms.

Columns: period, span, flow (total/export/import), label as printed, normalised label key, indent level and
"of which" parent, measure (value/yoy_pct), the number as an exact decimal (null where GACC prints ``-``),
the unit as printed, and the source row and column in the page's table, for provenance and error messages.
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
    title: str
    url: str
    unit_printed: str
    unit_code: str
    published_on: date | None
    date_printed: str | None
    excel_url: str | None


@dataclass(frozen=True)
class ParsedTable:
    identity: PageIdentity
    frame: pl.DataFrame  # TIDY_SCHEMA


def tidy_frame(records: list[dict[str, object]]) -> pl.DataFrame:
    """Build a frame with the contract's exact columns and types (never inferred)."""
    for record in records:
        value = record["value"]
        assert value is None or isinstance(value, Decimal)
    return pl.DataFrame(records, schema=TIDY_SCHEMA, orient="row")
