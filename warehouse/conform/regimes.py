"""Trade-mode / customs-regime tidy frames (preliminary (2)/(3), bulletin (5)) → rows keyed by regime.

The preliminary release calls them trade modes, the bulletin customs regimes; both print the same
classification (``reference/regimes.csv``) under different wording, mapped by ``regime_aliases.csv``.
"""

from __future__ import annotations

import polars as pl

from warehouse.conform.labels import member_facts, with_keys
from warehouse.parse.tidy import NUMBER, ParsedTable

REGIME_SCHEMA = pl.Schema(
    {
        "period_key": pl.Date,
        "span": pl.String,
        "flow": pl.String,
        "regime_key": pl.String,
        "label_printed": pl.String,
        "value": NUMBER,
        "yoy_pct_published": NUMBER,
        "source_row": pl.Int32,
        "source_column": pl.Int32,
    }
)
GRAIN = ["period_key", "span", "flow", "regime_key"]


def conform_trade_mode(parsed: ParsedTable) -> pl.DataFrame:
    """One row per period × span × flow × regime (``REGIME_SCHEMA``)."""
    keyed = with_keys(parsed, "regime_aliases.csv", "regime_key")
    return member_facts(parsed, keyed, GRAIN, "regime", REGIME_SCHEMA)
