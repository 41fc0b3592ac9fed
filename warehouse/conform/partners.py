"""By-country tidy frame → fact rows keyed by partner, with published YoY beside each value.

Labels are mapped through ``reference/partner_aliases.csv`` by their normalised key; a label nobody has mapped
is an error naming the page, row and label (add the alias, with where it was seen), never a silent drop.
"""

from __future__ import annotations

import csv
from functools import cache

import polars as pl

from warehouse.conform.labels import member_facts, with_keys
from warehouse.errors import ConformError
from warehouse.parse.tidy import NUMBER, ParsedTable
from warehouse.settings import REFERENCE_DIR

FACT_SCHEMA = pl.Schema(
    {
        "period_key": pl.Date,
        "span": pl.String,
        "flow": pl.String,
        "partner_key": pl.String,
        "parent_partner_key": pl.String,
        "label_printed": pl.String,
        "indent_level": pl.Int8,
        "value": NUMBER,
        "yoy_pct_published": NUMBER,
        "source_row": pl.Int32,
        "source_column": pl.Int32,
    }
)


# The preliminary (4) table nests members under their bloc ("of which: Germany" under the EU); the bulletin's
# (2) nests every economy under its continent and prints the blocs flat. Each product has its own column.
_PRINTED_UNDER = {"preliminary": "printed_under", "bulletin": "bulletin_printed_under"}


@cache
def printed_under(product: str) -> dict[str, str | None]:
    column = _PRINTED_UNDER[product]
    with open(REFERENCE_DIR / "partners.csv", newline="", encoding="utf-8") as handle:
        return {row["partner_key"]: row.get(column) or None for row in csv.DictReader(handle)}


def conform_by_country(parsed: ParsedTable) -> pl.DataFrame:
    """One row per period × span × flow × partner (``FACT_SCHEMA``)."""
    keyed = with_keys(parsed, "partner_aliases.csv", "partner_key")
    # Indentation is irregular on GACC pages; a row read under the wrong parent is an error, not a guess.
    expected = printed_under(parsed.identity.product)
    for row in keyed.unique("partner_key", keep="first", maintain_order=True).iter_rows(named=True):
        if row["parent_partner_key"] != expected.get(row["partner_key"]):
            raise ConformError(
                f"{row['partner_key']} read as a child of {row['parent_partner_key']}, but GACC prints it "
                f"under {expected.get(row['partner_key'])} "
                f"(reference/partners.csv {_PRINTED_UNDER[parsed.identity.product]})",
                url=parsed.identity.url,
                table=parsed.identity.family,
                row=row["source_row"],
                column=0,
                cell=row["label"],
            )
    grain = ["period_key", "span", "flow", "partner_key"]
    return member_facts(parsed, keyed, grain, "partner", FACT_SCHEMA)
