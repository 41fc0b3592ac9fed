"""Commodity tidy frames → rows keyed by stable commodity id, with quantities in base units.

Labels map through ``reference/commodity_aliases.csv`` (2019 wording, 2026 HS-style relabels, typos); an
unmapped label is an error naming the page, row and label. Quantity units map through
``reference/quantity_units.csv``; a commodity's printed unit must have the commodity's dimension
(``reference/commodities.csv``, or ``commodity_dimension_history.csv`` for years it was counted otherwise): a
change of dimension is an error, a change of scale (integrated circuits ``MN`` → ``100MN``) is converted.
GACC's known unit mislabels (preliminary aluminium "Ton" = 10,000 t, footwear "10,000 Pairs" = 100 million
pairs, one bulletin page's "10000T" for tonnes) are data, ``reference/quantity_unit_mislabels.csv``, keyed by
product, commodity, printed token and period: the same token is right elsewhere (the bulletin's aluminium
"T" is tonnes), so a mislabel is never a property of the commodity alone.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

import polars as pl

from warehouse.errors import ConformError
from warehouse.parse.quantities import QuantityUnit, quantity_unit, quantity_unit_key, quantity_units
from warehouse.parse.tidy import NUMBER, ParsedTable
from warehouse.periods import Period
from warehouse.settings import REFERENCE_DIR

BASE = pl.Decimal(38, 3)
COMMODITY_SCHEMA = pl.Schema(
    {
        "period_key": pl.Date,
        "span": pl.String,
        "flow": pl.String,
        "commodity_key": pl.String,
        "parent_commodity_key": pl.String,  # as printed (indentation), not a semantic hierarchy
        "label_printed": pl.String,
        "indent_level": pl.Int8,
        "quantity": NUMBER,
        "quantity_unit_printed": pl.String,
        "quantity_unit_code": pl.String,
        "quantity_base": BASE,
        "base_unit": pl.String,
        "value": NUMBER,
        "quantity_yoy_pct_published": NUMBER,
        "value_yoy_pct_published": NUMBER,
        "source_row": pl.Int32,
    }
)


@dataclass(frozen=True)
class Commodity:
    key: str
    dimension: str | None


@dataclass(frozen=True)
class Mislabel:
    read_as: str
    valid_from: Period | None
    valid_to: Period | None

    def covers(self, period: Period) -> bool:
        return (self.valid_from is None or self.valid_from <= period) and (
            self.valid_to is None or period <= self.valid_to
        )


def _read(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def commodities() -> dict[str, Commodity]:
    return {
        row["commodity_key"]: Commodity(row["commodity_key"], row["dimension"] or None)
        for row in _read("commodities.csv")
    }


@cache
def quantity_mislabels() -> dict[tuple[str, str, str], list[Mislabel]]:
    """(product, commodity, printed unit key) → the periods in which the token means another unit."""
    found: dict[tuple[str, str, str], list[Mislabel]] = {}
    for row in _read("quantity_unit_mislabels.csv"):
        key = (row["product"], row["commodity_key"], row["unit_key"])
        found.setdefault(key, []).append(
            Mislabel(
                row["read_as_unit_code"],
                Period.parse(row["valid_from"]) if row["valid_from"] else None,
                Period.parse(row["valid_to"]) if row["valid_to"] else None,
            )
        )
    return found


@cache
def commodity_aliases() -> dict[str, str]:
    return {row["label_key"]: row["commodity_key"] for row in _read("commodity_aliases.csv")}


@cache
def _dimension_history() -> dict[str, list[tuple[Period, str]]]:
    history: dict[str, list[tuple[Period, str]]] = {}
    for row in _read("commodity_dimension_history.csv"):
        history.setdefault(row["commodity_key"], []).append((Period.parse(row["valid_to"]), row["dimension"]))
    return {key: sorted(rows) for key, rows in history.items()}


def expected_dimension(commodity: Commodity, period: Period) -> str | None:
    for valid_to, dimension in _dimension_history().get(commodity.key, []):
        if period <= valid_to:
            return dimension
    return commodity.dimension


def effective_unit(product: str, commodity: Commodity, printed: str, period: Period) -> QuantityUnit:
    """The unit a printed token really means on this product's page for this commodity and period."""
    for mislabel in quantity_mislabels().get((product, commodity.key, quantity_unit_key(printed)), []):
        if mislabel.covers(period):
            return next(u for u in quantity_units().values() if u.code == mislabel.read_as)
    return quantity_unit(printed)


def conform_commodities(parsed: ParsedTable) -> pl.DataFrame:
    """One row per period × span × flow × commodity (``COMMODITY_SCHEMA``)."""
    identity, frame = parsed.identity, parsed.frame
    aliases, known = commodity_aliases(), commodities()
    where = {"url": identity.url, "table": identity.family, "column": 0}
    for row in frame.unique("source_row", keep="first", maintain_order=True).iter_rows(named=True):
        if row["label_key"] not in aliases:
            raise ConformError(
                f"unmapped commodity label (key {row['label_key']!r}); add it to "
                "reference/commodity_aliases.csv",
                row=row["source_row"],
                cell=row["label"],
                **where,
            )
    keyed = frame.with_columns(
        commodity_key=pl.col("label_key").replace_strict(aliases),
        parent_commodity_key=pl.col("parent_label_key").replace_strict(aliases, default=None),
    )
    quantities: dict[tuple[str, str], tuple[str, QuantityUnit]] = {}
    for row in keyed.filter(pl.col("measure") == "quantity", pl.col("unit").is_not_null()).iter_rows(
        named=True
    ):
        commodity, period = known[row["commodity_key"]], Period.parse(row["period"])
        unit = effective_unit(identity.product, commodity, row["unit"], period)
        # The catalogue a page is printed under counts its prior-year block too: the dimension is the page's.
        expected = expected_dimension(commodity, identity.period)
        if unit.dimension != expected:
            raise ConformError(
                f"{commodity.key} is counted in {expected}, but this page prints {row['unit']!r} "
                f"({unit.dimension}); a change of dimension needs a row in "
                "reference/commodity_dimension_history.csv",
                url=identity.url,
                table=identity.family,
                row=row["source_row"],
                column=row["source_column"],
                cell=row["unit"],
            )
        quantities[(row["commodity_key"], row["period"])] = (row["unit"], unit)
    grain = ["period", "span", "flow", "commodity_key"]
    twice = keyed.filter(pl.struct(*grain, "measure").is_duplicated()).sort("source_row")
    if twice.height:
        first = twice.row(0, named=True)
        rows = sorted(set(twice.filter(pl.col("commodity_key") == first["commodity_key"])["source_row"]))
        raise ConformError(
            f"commodity {first['commodity_key']} is printed on rows {rows}: one line per commodity expected",
            url=identity.url,
            table=identity.family,
            row=rows[-1],
            column=0,
            cell=first["label"],
        )
    wide = keyed.pivot("measure", index=grain, values="value")
    for measure in ("quantity", "value", "quantity_yoy_pct", "value_yoy_pct"):
        if measure not in wide.columns:
            wide = wide.with_columns(pl.lit(None, dtype=NUMBER).alias(measure))
    labels = keyed.unique(grain, keep="first", maintain_order=True).select(
        *grain, "label", "indent_level", "parent_commodity_key", "source_row"
    )
    units = [
        {
            "commodity_key": k,
            "period": p,
            "printed": printed,
            "code": u.code,
            "factor": u.factor,
            "base": u.base_unit,
        }
        for (k, p), (printed, u) in quantities.items()
    ]
    unit_frame = pl.DataFrame(
        units,
        schema={
            "commodity_key": pl.String,
            "period": pl.String,
            "printed": pl.String,
            "code": pl.String,
            "factor": pl.Decimal(38, 0),
            "base": pl.String,
        },
    )
    out = (
        wide.join(labels, on=grain, how="left")
        .join(unit_frame, on=["commodity_key", "period"], how="left")
        .select(
            period_key=pl.col("period").str.to_date("%Y-%m"),
            span="span",
            flow="flow",
            commodity_key="commodity_key",
            parent_commodity_key="parent_commodity_key",
            label_printed="label",
            indent_level="indent_level",
            quantity="quantity",
            quantity_unit_printed="printed",
            quantity_unit_code="code",
            quantity_base=(pl.col("quantity").cast(BASE) * pl.col("factor")).cast(BASE),
            base_unit="base",
            value="value",
            quantity_yoy_pct_published="quantity_yoy_pct",
            value_yoy_pct_published="value_yoy_pct",
            source_row="source_row",
        )
    )
    return out.cast(dict(COMMODITY_SCHEMA)).sort("period_key", "span", "commodity_key")  # type: ignore[arg-type]
