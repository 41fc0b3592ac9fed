"""``gacc simulate``: write a GACC-shaped site for a range of months, and the truth it was drawn from.

Layout of ``--out DIR``:

* ``site/`` — what the mirror serves: ``statics/report/preliminary.html`` and ``monthly.html`` (the newest
  simulated year) with ``preliminary<YYYY>.html`` / ``monthly<YYYY>.html`` for earlier years, and every
  article page under ``Statics/<uuid>.html``. Every page an index links exists.
* ``truth/by_country.parquet`` — every number the by-country pages print: product, currency, period, span,
  flow, partner, the value as printed in its unit, the same in whole currency units, the printed y/y %, and
  the page's URL. ``truth/commodities.parquet`` — the same for the major-commodity pages, at the
  warehouse's grain (period × span × flow × commodity: value, quantity, their y/y, in printed and base
  units). ``truth/regimes.parquet`` — the trade-mode (2)/(3), customs-regime (5) and enterprise (6)/(7)
  pages' numbers at the warehouse's grain (``enterprise_key`` null on the first three).
  ``truth/manifest.json`` — range, seed, page and fact counts.

Same range and seed, same bytes: page URLs are UUIDs derived from the seed and the page's identity.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import polars as pl

from warehouse.parse.titles import Product
from warehouse.periods import Period
from warehouse.simulate import pages as page_writers
from warehouse.simulate.by_country import Page, page_values, pages_of
from warehouse.simulate.commodities import (
    COMMODITY_TRUTH_SCHEMA,
    CommodityPage,
    PrintedLine,
    commodity_pages_of,
    commodity_truth_rows,
    commodity_values,
    simulate_commodities,
    writer_values,
)
from warehouse.simulate.commodity_pages import render_bulletin_commodities, render_preliminary_commodities
from warehouse.simulate.enterprise_pages import render_enterprise_trade_mode
from warehouse.simulate.index_pages import render_index
from warehouse.simulate.printing import page_unit
from warehouse.simulate.regime_pages import render_customs_regime, render_trade_mode
from warehouse.simulate.regimes import (
    REGIME_TRUTH_SCHEMA,
    PageNumbers,
    RegimePage,
    regime_pages_of,
    regime_values,
    simulate_regimes,
)
from warehouse.simulate.shares import real_shares
from warehouse.simulate.truth import months_between, release_dates, simulate_truth
from warehouse.sources.gacc.site import CANONICAL_ORIGIN, index_url

# (product, year) → the links of that year's index page: (table number, currency or None, month) → URL
_Links = dict[tuple[Product, int], dict[tuple[int, str | None, int], str]]
_COMMODITY_TABLES = {
    ("preliminary", "export"): 5,
    ("preliminary", "import"): 6,
    ("bulletin", "export"): 13,
    ("bulletin", "import"): 14,
}
_NAMESPACE = uuid.UUID("8f0c5c3e-2d6b-4c55-9a1e-6b7f3c1d2e90")


@dataclass(frozen=True)
class Simulated:
    site: Path
    truth: Path
    pages: int
    facts: int


def simulate(out: Path, start: Period, end: Period, seed: int) -> Simulated:
    site, truth_dir = out / "site", out / "truth"
    (site / "Statics").mkdir(parents=True, exist_ok=True)
    truth_dir.mkdir(parents=True, exist_ok=True)
    truth = simulate_truth(start, end, seed, real_shares())
    links: _Links = {}
    rows: list[dict[str, object]] = []
    commodity_truth = simulate_commodities(truth, seed)
    commodity_rows: list[dict[str, object]] = []
    regime_truth = simulate_regimes(truth, seed)
    regime_rows: list[dict[str, object]] = []
    for period in months_between(start, end):
        preliminary_on, bulletin_on = release_dates(period)
        for page in pages_of(period):
            url = _url(seed, page.product, "by_country", page.currency, page.period)
            partners = _partners(page)
            values = page_values(truth, page, partners)
            published_on = preliminary_on if page.product == "preliminary" else bulletin_on
            _write(site, url, _render(page, published_on, values))
            _link(links, page.product, 4 if page.product == "preliminary" else 2, page.currency, period, url)
            rows += _truth_rows(page, url, published_on, values)
        for sheet in commodity_pages_of(period):
            url = _url(seed, sheet.product, sheet.table, sheet.currency, period)
            lines = commodity_values(commodity_truth, sheet)
            published_on = preliminary_on if sheet.product == "preliminary" else bulletin_on
            _write(site, url, _render_commodities(sheet, published_on, lines))
            _link(
                links,
                sheet.product,
                _COMMODITY_TABLES[(sheet.product, sheet.flow)],
                sheet.currency,
                period,
                url,
            )
            commodity_rows += commodity_truth_rows(sheet, url, published_on, lines)
        for table in regime_pages_of(period):
            url = _url(seed, table.product, f"t{table.number:02d}", table.currency, period)
            published_on = preliminary_on if table.product == "preliminary" else bulletin_on
            found = regime_values(regime_truth, table, url, published_on)
            _write(site, url, _render_regimes(table, published_on, found))
            _link(links, table.product, table.number, table.currency, period, url)
            regime_rows += found.facts
    years = list(range(start.year, end.year + 1))
    for product in Product:
        for year in years:
            target = index_url(product) if year == end.year else index_url(product, year)
            path = site / target.removeprefix(CANONICAL_ORIGIN + "/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(render_index(product, years, links.get((product, year), {})))
    frame = (
        pl.DataFrame(rows, schema=TRUTH_SCHEMA, orient="row") if rows else pl.DataFrame(schema=TRUTH_SCHEMA)
    )
    frame.write_parquet(truth_dir / "by_country.parquet")
    commodity_frame = pl.DataFrame(commodity_rows, schema=COMMODITY_TRUTH_SCHEMA, orient="row")
    commodity_frame.write_parquet(truth_dir / "commodities.parquet")
    regime_frame = pl.DataFrame(regime_rows, schema=REGIME_TRUTH_SCHEMA, orient="row")
    regime_frame.write_parquet(truth_dir / "regimes.parquet")
    count = sum(len(found) for found in links.values())
    facts = frame.height + commodity_frame.height + regime_frame.height
    manifest = {"from": str(start), "to": str(end), "seed": seed, "pages": count, "facts": facts}
    (truth_dir / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return Simulated(site=site, truth=truth_dir, pages=count, facts=facts)


_SPANS_PRINTED = {"month_ytd": ("month", "ytd"), "month": ("month",), "jan_feb": ("jan_feb",)}

TRUTH_SCHEMA = pl.Schema(
    {
        "product": pl.String,
        "currency": pl.String,
        "period_key": pl.Date,
        "span": pl.String,
        "flow": pl.String,
        "partner_key": pl.String,
        "unit_code": pl.String,
        "value": pl.Decimal(18, 3),
        "value_base": pl.Decimal(38, 3),
        "yoy_pct_published": pl.Decimal(18, 3),
        "url": pl.String,
        "published_on": pl.Date,
    }
)


def _url(seed: int, product: str, table: str, currency: str, period: Period) -> str:
    name = f"{seed}/{product}/{table}/{currency}/{period}"
    return f"{CANONICAL_ORIGIN}/Statics/{uuid.uuid5(_NAMESPACE, name)}.html"


def _write(site: Path, url: str, content: bytes) -> None:
    (site / url.removeprefix(CANONICAL_ORIGIN + "/")).write_bytes(content)


def _link(links: _Links, product: str, number: int, currency: str, period: Period, url: str) -> None:
    """Where the index of ``period``'s year links the page (the bulletin's rows name no currency)."""
    key = (number, currency if product == "preliminary" else None, period.month)
    links.setdefault((Product(product), period.year), {})[key] = url


def _render_regimes(table: RegimePage, published_on: date, found: PageNumbers) -> bytes:
    if table.number in (6, 7):
        flow = "export" if table.number == 6 else "import"
        return render_enterprise_trade_mode(flow, table.period, published_on, found.values)
    if table.number == 5:
        return render_customs_regime(table.period, published_on, found.values)
    kind = "month" if table.number == 2 else "ytd"
    return render_trade_mode(table.period, table.currency, kind, published_on, found.values)


def _render_commodities(sheet: CommodityPage, published_on: date, lines: Mapping[str, PrintedLine]) -> bytes:
    values = writer_values(lines)
    if sheet.product == "preliminary":
        return render_preliminary_commodities(sheet.flow, sheet.period, sheet.currency, published_on, values)
    return render_bulletin_commodities(sheet.flow, sheet.period, published_on, values)


def _partners(page: Page) -> list[str]:
    if page.layout == "image":
        return []
    if page.product == "preliminary":
        specs = page_writers.preliminary_by_country_rows(jan_feb=page.layout == "jan_feb")
    else:
        specs = page_writers.bulletin_by_country_rows(month_only=page.layout == "month")
    return [spec.partner_key for spec in specs]


def _render(page: Page, published_on: date, values: Mapping[str, Mapping[str, Decimal | None]]) -> bytes:
    if page.product == "preliminary":
        return page_writers.render_preliminary_by_country(page.period, page.currency, published_on, values)
    return page_writers.render_bulletin_by_country(page.period, published_on, values)


def _truth_rows(
    page: Page, url: str, published_on: date, values: Mapping[str, Mapping[str, Decimal | None]]
) -> list[dict[str, object]]:
    if not values:
        return []
    value_unit = page_unit(page.product, page.currency)
    unit_code, unit = value_unit.code, value_unit.factor
    found = []
    for partner, row in values.items():
        for flow in ("total", "export", "import"):
            for span in _SPANS_PRINTED[page.layout]:
                column = f"{flow}_{'month' if span == 'month' else 'ytd'}"
                value = row.get(column)
                # The page prints y/y once per flow, for its cumulative span (the month alone in January).
                cumulative = span != "month" or page.layout == "month"
                found.append(
                    {
                        "product": page.product,
                        "currency": page.currency,
                        "period_key": page.period.first_day,
                        "span": span,
                        "flow": flow,
                        "partner_key": partner,
                        "unit_code": unit_code,
                        "value": value,
                        "value_base": None if value is None else value * unit,
                        "yoy_pct_published": row.get(f"yoy_{flow}") if cumulative else None,
                        "url": url,
                        "published_on": published_on,
                    }
                )
    return found
