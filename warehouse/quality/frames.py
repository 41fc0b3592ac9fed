"""Checks on one release's conformed rows before they are loaded: the shape the fact table expects.

The parser has already checked the page's own arithmetic; these catch what a page can still get wrong
without breaking it — a truncated table, a column that lost its sign, a unit nobody defined — and name the
page, row and cell like a parse error, so the page fails and nothing of it is loaded.
"""

from __future__ import annotations

import csv
from functools import cache

import polars as pl

from warehouse.conform.commodities import COMMODITY_SCHEMA
from warehouse.conform.enterprises import ENTERPRISE_SCHEMA
from warehouse.conform.partners import FACT_SCHEMA
from warehouse.conform.regimes import REGIME_SCHEMA
from warehouse.conform.release import ConformedRelease
from warehouse.errors import FrameCheckError
from warehouse.parse.quantities import quantity_units
from warehouse.parse.units import value_units
from warehouse.settings import REFERENCE_DIR

SCHEMAS = {
    "fct_trade_by_partner": FACT_SCHEMA,
    "fct_trade_by_commodity": COMMODITY_SCHEMA,
    "fct_trade_by_regime": REGIME_SCHEMA,
    "fct_trade_by_enterprise": ENTERPRISE_SCHEMA,
}
MEMBERS = {
    "fct_trade_by_partner": ["partner_key"],
    "fct_trade_by_commodity": ["commodity_key"],
    "fct_trade_by_regime": ["regime_key"],
    "fct_trade_by_enterprise": ["regime_key", "enterprise_key"],
}
_AMOUNTS = ("value", "quantity")  # never negative but for a balance; y/y percentages may be


@cache
def row_count_floors() -> dict[tuple[str, str], int]:
    """(product, table family) → the fewest members a whole page prints (reference/row_count_floors.csv)."""
    with open(REFERENCE_DIR / "row_count_floors.csv", newline="", encoding="utf-8") as handle:
        return {
            (row["product"], row["table_family"]): int(row["min_members"]) for row in csv.DictReader(handle)
        }


def check_release(release: ConformedRelease) -> None:
    """Raise ``FrameCheckError`` naming the page (and row, column, cell) at the first failed check."""
    identity = release.identity
    where = {"url": identity.url, "table": identity.family}
    facts = release.facts
    expected = SCHEMAS[release.fact_table]
    if facts.schema != expected:
        missing = [name for name in expected if name not in facts.schema]
        extra = [name for name in facts.schema if name not in expected]
        retyped = [n for n in expected if n in facts.schema and facts.schema[n] != expected[n]]
        raise FrameCheckError(
            f"rows for {release.fact_table} have the wrong columns: missing {missing}, unexpected {extra}, "
            f"wrong type {retyped}",
            **where,
        )
    members = facts.select(MEMBERS[release.fact_table]).unique().height
    floor = row_count_floors().get((identity.product, identity.family))
    if floor is None:
        raise FrameCheckError(
            f"no row-count floor for {identity.product} {identity.family} in reference/row_count_floors.csv",
            **where,
        )
    if members < floor:
        raise FrameCheckError(
            f"{members} members, fewer than any whole {identity.product} {identity.family} page prints "
            f"({floor}, reference/row_count_floors.csv): truncated?",
            **where,
        )
    if identity.unit_code not in {unit.code for unit in value_units().values()}:
        raise FrameCheckError(
            f"value unit {identity.unit_code!r} is not in reference/value_units.csv", **where
        )
    for amount in _AMOUNTS:
        if amount not in facts.columns:
            continue
        # a printed trade balance is a deficit when negative; every other amount is a count or a value
        signed = pl.col("flow") == "balance"
        negative = facts.filter((pl.col(amount) < 0) & ~signed).head(1)
        if negative.height:
            row = negative.row(0, named=True)
            raise FrameCheckError(
                f"negative {amount} {row[amount]} for {row[MEMBERS[release.fact_table][-1]]}",
                row=row["source_row"],
                column=row.get("source_column"),
                cell=str(row[amount]),
                **where,
            )
    if "quantity_unit_code" in facts.columns:
        known = {unit.code for unit in quantity_units().values()}
        unknown = facts.filter(
            pl.col("quantity_unit_code").is_not_null() & ~pl.col("quantity_unit_code").is_in(known)
        )
        if unknown.height:
            row = unknown.row(0, named=True)
            raise FrameCheckError(
                f"quantity unit {row['quantity_unit_code']!r} is not in reference/quantity_units.csv",
                row=row["source_row"],
                cell=row["quantity_unit_printed"],
                **where,
            )
