"""Who trades how much with China: each economy's share of exports and imports on a real GACC page.

The real bulletin (2) page of 1-6.2026 (served by the sample site) is read with the warehouse's own parser
and conformer, so the simulated partner set and its weights are GACC's, keys and all.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import polars as pl

from warehouse.conform.release import conform
from warehouse.parse.dispatch import parse_page
from warehouse.settings import PROJECT_ROOT
from warehouse.simulate.truth import economies
from warehouse.sources.gacc.archive import RawFile

SOURCE_URL = "http://english.customs.gov.cn/Statics/2d569f57-a86e-4d63-94fb-d3000b039aa7.html"
SOURCE_PAGE = PROJECT_ROOT / "samples" / "gacc-site" / "Statics" / "2d569f57-a86e-4d63-94fb-d3000b039aa7.html"


@cache
def real_shares() -> dict[tuple[str, str], float]:
    """(partner_key, flow) → share of China's Jan–Jun 2026 exports or imports, over the economies."""
    content = SOURCE_PAGE.read_bytes()
    parsed = parse_page(content, SOURCE_URL)
    raw = RawFile(
        SOURCE_URL, SOURCE_URL, 200, datetime(2026, 7, 22, tzinfo=UTC), "", "", len(content), Path()
    )
    facts = conform(parsed, raw).facts
    atoms = set(economies())
    ytd = facts.filter(
        (pl.col("span") == "ytd")
        & pl.col("flow").is_in(["export", "import"])
        & pl.col("partner_key").is_in(atoms)
    ).with_columns(pl.col("value").cast(pl.Float64).fill_null(0.0))
    totals = ytd.group_by("flow").agg(pl.col("value").sum()).rows_by_key("flow")
    return {
        (key, flow): value / totals[flow][0][0]
        for key, flow, value in ytd.select("partner_key", "flow", "value").iter_rows()
        if value > 0
    }
