"""Printed labels → stable keys through a reference alias table; an unmapped label is an error, never a drop.

Shared by the partner, regime and enterprise-type conformers: each names its alias CSV and key column, and
gets the tidy frame back with the key beside the label, or a ``ConformError`` naming the page, row and label
that nobody has mapped yet (add the alias, with where it was seen).
"""

from __future__ import annotations

import csv
from functools import cache

import polars as pl

from warehouse.errors import ConformError
from warehouse.parse.tidy import ParsedTable
from warehouse.settings import REFERENCE_DIR


@cache
def aliases(file_name: str, key_column: str) -> dict[str, str]:
    """``label_key`` → stable key, from ``reference/<file_name>``."""
    with open(REFERENCE_DIR / file_name, newline="", encoding="utf-8") as handle:
        return {row["label_key"]: row[key_column] for row in csv.DictReader(handle)}


def with_keys(parsed: ParsedTable, file_name: str, key_column: str) -> pl.DataFrame:
    """The tidy frame with ``key_column`` (and ``parent_<key_column>``) mapped from the printed labels."""
    mapping = aliases(file_name, key_column)
    frame = parsed.frame
    unmapped = frame.filter(~pl.col("label_key").is_in(list(mapping))).head(1)
    if unmapped.height:
        row = unmapped.row(0, named=True)
        raise ConformError(
            f"unmapped label (key {row['label_key']!r}); add it to reference/{file_name}",
            url=parsed.identity.url,
            table=parsed.identity.family,
            row=row["source_row"],
            column=0,
            cell=row["label"],
        )
    return frame.with_columns(
        pl.col("label_key").replace_strict(mapping).alias(key_column),
        pl.col("parent_label_key").replace_strict(mapping, default=None).alias(f"parent_{key_column}"),
        period_key=pl.col("period").str.to_date("%Y-%m"),
    )


def member_facts(
    parsed: ParsedTable, keyed: pl.DataFrame, grain: list[str], member: str, schema: pl.Schema
) -> pl.DataFrame:
    """Value rows with the published y/y beside them, one row per ``grain``, as the fact ``schema``."""
    facts = _values_with_yoy(parsed, keyed, grain, member).rename({"label": "label_printed"})
    return facts.select(schema.names()).cast(dict(schema)).sort(grain)  # type: ignore[arg-type]


def _values_with_yoy(parsed: ParsedTable, keyed: pl.DataFrame, grain: list[str], member: str) -> pl.DataFrame:
    values = keyed.filter(pl.col("measure") == "value")
    yoy = keyed.filter(pl.col("measure") == "value_yoy_pct").select(*grain, yoy_pct_published="value")
    twice = values.filter(pl.struct(grain).is_duplicated()).sort("source_row")
    if twice.height:
        row = twice.row(0, named=True)
        raise ConformError(
            f"{member} {row[grain[-1]]!r} is printed twice for {row['span']} {row['flow']}",
            url=parsed.identity.url,
            table=parsed.identity.family,
            row=row["source_row"],
            cell=row["label"],
        )
    return values.join(yoy, on=grain, how="left", validate="1:1", nulls_equal=True)
