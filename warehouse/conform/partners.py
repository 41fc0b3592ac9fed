"""By-country tidy frame → fact rows keyed by partner, with published YoY beside each value.

Labels are mapped through ``reference/partner_aliases.csv`` by their normalised key; a label nobody has mapped
is an error naming the page, row and label (add the alias, with where it was seen), never a silent drop.
"""

from __future__ import annotations

import csv
from functools import cache

import polars as pl

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


@cache
def partner_aliases() -> dict[str, str]:
    with open(REFERENCE_DIR / "partner_aliases.csv", newline="", encoding="utf-8") as handle:
        return {row["label_key"]: row["partner_key"] for row in csv.DictReader(handle)}


def conform_by_country(parsed: ParsedTable) -> pl.DataFrame:
    """One row per period × span × flow × partner (``FACT_SCHEMA``)."""
    frame = parsed.frame
    aliases = partner_aliases()
    unmapped = frame.filter(~pl.col("label_key").is_in(list(aliases))).head(1)
    if unmapped.height:
        row = unmapped.row(0, named=True)
        raise ConformError(
            f"unmapped partner label (key {row['label_key']!r}); add it to reference/partner_aliases.csv",
            url=parsed.identity.url,
            table=parsed.identity.family,
            row=row["source_row"],
            column=0,
            cell=row["label"],
        )
    keyed = frame.with_columns(
        partner_key=pl.col("label_key").replace_strict(aliases),
        parent_partner_key=pl.col("parent_label_key").replace_strict(aliases, default=None),
        period_key=pl.col("period").str.to_date("%Y-%m"),
    )
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
    values = keyed.filter(pl.col("measure") == "value")
    yoy = keyed.filter(pl.col("measure") == "value_yoy_pct").select(*grain, yoy_pct_published="value")
    facts = values.join(yoy, on=grain, how="left", validate="1:1").select(
        *grain,
        "parent_partner_key",
        label_printed="label",
        indent_level="indent_level",
        value="value",
        yoy_pct_published="yoy_pct_published",
        source_row="source_row",
        source_column="source_column",
    )
    duplicated = facts.filter(pl.struct(grain).is_duplicated()).head(1)
    if duplicated.height:
        row = duplicated.row(0, named=True)
        raise ConformError(
            f"partner {row['partner_key']} appears twice on the page",
            url=parsed.identity.url,
            table=parsed.identity.family,
            row=row["source_row"],
            cell=row["label_printed"],
        )
    return facts.cast(dict(FACT_SCHEMA)).sort(grain)  # type: ignore[arg-type]
