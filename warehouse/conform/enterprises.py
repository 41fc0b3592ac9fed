"""Bulletin (6)/(7) tidy frames → rows keyed by regime × enterprise type.

The rows are customs regimes (``regime_aliases.csv``), the columns enterprise types, carried by the parser as
``breakdown``. The 2019 eight-column form splits FIE into three unnamed sub-columns; their order is taken
from ``reference/enterprise_types.csv`` (contractual JV, equity JV, wholly foreign-owned — unverified, see
the source column there).
"""

from __future__ import annotations

import polars as pl

from warehouse.conform.labels import member_facts, with_keys
from warehouse.parse.tidy import NUMBER, ParsedTable

ENTERPRISE_SCHEMA = pl.Schema(
    {
        "period_key": pl.Date,
        "span": pl.String,
        "flow": pl.String,
        "regime_key": pl.String,
        "enterprise_key": pl.String,
        "label_printed": pl.String,
        "value": NUMBER,
        "yoy_pct_published": NUMBER,
        "source_row": pl.Int32,
        "source_column": pl.Int32,
    }
)
GRAIN = ["period_key", "span", "flow", "regime_key", "enterprise_key"]
_FIE_SUB_COLUMNS = {
    "fie_1": "fie_contractual_jv",
    "fie_2": "fie_equity_jv",
    "fie_3": "fie_wholly_foreign_owned",
}


def conform_enterprise_trade_mode(parsed: ParsedTable) -> pl.DataFrame:
    """One row per period × span × flow × regime × enterprise type (``ENTERPRISE_SCHEMA``)."""
    keyed = with_keys(parsed, "regime_aliases.csv", "regime_key").with_columns(
        enterprise_key=pl.col("breakdown").replace(_FIE_SUB_COLUMNS)
    )
    return member_facts(parsed, keyed, GRAIN, "regime × enterprise type", ENTERPRISE_SCHEMA)
