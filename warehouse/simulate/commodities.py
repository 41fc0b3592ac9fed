"""The simulator's commodity truth: each major commodity's monthly value and quantity, and what pages print.

The commodity set, each line's weight and its unit value come from the real pages the commodity writers refill
(``samples/templates``), read by the warehouse's own parser and conformer: a line's share of China's exports
or imports is its value on the real page over GACC's total for that span (``ANNUAL_USD_BN`` spread by the
seasonal profile), and its quantity per US$1,000 is the real page's quantity over its value, per base unit
(a commodity counted in tonnes in 2019 and in pairs later has one ratio each).

The atoms are each line's monthly value in US$1,000 (an integer) and its quantity at a constant price (the
same, with its own noise), revised and first estimate, drawn around the simulated WORLD total of the month
(``warehouse.simulate.truth``). Lines are independent draws: GACC's commodity lines overlap (aggregates,
``of which`` lines) and are a selection, so no page adds them up, and neither does the simulator.

Each page prints, like the by-country pages, exact sums rounded once, half up: values in the page's unit,
quantities in the unit the line prints (read as the warehouse reads it, ``effective_unit``) with the line's
decimals, y/y % from the exact amounts. A page's quantities are the same in CNY and USD.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

import polars as pl

from warehouse.conform.commodities import commodities, conform_commodities, effective_unit
from warehouse.parse.dispatch import parse_page
from warehouse.parse.units import unit_by_code
from warehouse.periods import Period
from warehouse.settings import PROJECT_ROOT
from warehouse.simulate import commodity_pages
from warehouse.simulate.commodity_pages import CommodityRow, CommodityValues
from warehouse.simulate.printing import page_unit
from warehouse.simulate.truth import ANNUAL_USD_BN, CNY_PER_USD, SEASON, Truth, cny, month_value, printed, yoy

TEMPLATES = PROJECT_ROOT / "samples" / "templates"
_ORIGIN = "http://english.customs.gov.cn/Statics/"


@dataclass(frozen=True)
class Profile:
    """What a real page says about one commodity line: its weight and its quantity per US$1,000."""

    share: float  # of China's exports or imports of the same span
    per_usd_1k: Mapping[str, Decimal]  # base unit → base quantity per US$1,000


@dataclass
class CommodityTruth:
    """Monthly atoms per (commodity, flow, month): value in US$1,000 and quantity at a constant price."""

    value: dict[tuple[str, str, Period], int] = field(default_factory=dict)
    value_first: dict[tuple[str, str, Period], int] = field(default_factory=dict)
    volume: dict[tuple[str, str, Period], int] = field(default_factory=dict)
    volume_first: dict[tuple[str, str, Period], int] = field(default_factory=dict)


@cache
def profiles() -> dict[tuple[str, str], Profile]:
    """(commodity_key, flow) → its profile, over every real commodity page held (the newest page wins the
    share; unit values are kept per base unit from every page that prints one)."""
    shares: dict[tuple[str, str], tuple[Period, float]] = {}
    ratios: dict[tuple[str, str], dict[str, Decimal]] = {}
    for path in sorted(TEMPLATES.glob("*.html")):
        parsed = parse_page(path.read_bytes(), _ORIGIN + path.name)
        identity = parsed.identity
        page_period = identity.period
        own = conform_commodities(parsed).filter(pl.col("period_key") == page_period.first_day)
        facts = own.filter(pl.col("span") != "month")
        if facts.is_empty():  # a month-only page (January from 2026): its month is its year to date
            facts = own
        months = 2 if identity.layout == "jan_feb" else page_period.month
        world_usd = ANNUAL_USD_BN[page_period.year][0 if identity.flow == "export" else 1] * 1e9
        world_usd *= sum(SEASON[:months]) / sum(SEASON)
        rate = CNY_PER_USD[page_period.year] if identity.currency == "CNY" else Decimal(1)
        for row in facts.iter_rows(named=True):
            if row["value"] is None:
                continue
            usd_1k = row["value"] * unit_by_code(identity.unit_code).factor / rate / 1000
            key = (row["commodity_key"], identity.flow)
            if key not in shares or shares[key][0] <= page_period:
                shares[key] = (page_period, float(usd_1k) * 1000 / world_usd)
            if row["quantity_base"] is not None and usd_1k > 0:
                ratios.setdefault(key, {}).setdefault(row["base_unit"], row["quantity_base"] / usd_1k)
    return {key: Profile(share, ratios.get(key, {})) for key, (_, share) in shares.items()}


def simulate_commodities(truth: Truth, seed: int) -> CommodityTruth:
    """Draw every profiled commodity's months over the truth's range (the year before its start included)."""
    rng = random.Random(f"{seed}/commodities")
    found = CommodityTruth()
    for month in truth.months():
        for (key, flow), profile in sorted(profiles().items()):
            world = month_value(truth, "WORLD", flow, month)
            value = round(world * profile.share * rng.lognormvariate(0, 0.08))
            volume = round(value * rng.lognormvariate(0, 0.05))
            found.value[(key, flow, month)] = value
            found.volume[(key, flow, month)] = volume
            found.value_first[(key, flow, month)] = max(0, round(value * (1 + rng.gauss(0, 0.004))))
            found.volume_first[(key, flow, month)] = max(0, round(volume * (1 + rng.gauss(0, 0.004))))
    return found


@dataclass(frozen=True)
class CommodityPage:
    """One simulated commodity page: preliminary (5)/(6) in CNY or USD, or bulletin (13)/(14)."""

    product: str
    flow: str
    currency: str
    period: Period

    @property
    def table(self) -> str:
        return "major_exports" if self.flow == "export" else "major_imports"

    def lines(self) -> list[CommodityRow]:
        if self.product == "preliminary":
            return commodity_pages.preliminary_commodity_rows(self.flow, self.period, self.currency)
        return commodity_pages.bulletin_commodity_rows(self.flow, self.period)

    def layout(self) -> str:
        if self.product == "preliminary":
            return commodity_pages.preliminary_commodity_layout(self.flow, self.period, self.currency)
        return commodity_pages.bulletin_commodity_layout(self.flow, self.period)


def commodity_pages_of(period: Period) -> list[CommodityPage]:
    """The commodity pages simulated for a month: preliminary from 2018 (January from 2020 is in the
    Jan–Feb release), bulletin from 2020 (the 2018–2019 catalogue is not held)."""
    found = []
    if period.year <= 2019 or period.month != 1:
        found += [
            CommodityPage("preliminary", flow, currency, period)
            for flow in ("export", "import")
            for currency in ("CNY", "USD")
        ]
    if period.year >= 2020:
        found += [CommodityPage("bulletin", flow, "USD", period) for flow in ("export", "import")]
    return found


@dataclass(frozen=True)
class PrintedLine:
    """A line as printed (``values``, the writer's columns) and the unit its quantities are read in."""

    values: dict[str, Decimal | None]
    quantity_unit: str | None  # the token the warehouse reads the quantities in (None: none printed)


def commodity_values(truth: CommodityTruth, page: CommodityPage) -> dict[str, PrintedLine]:
    """``lines[commodity_key]``: every column the page prints for each of its lines."""
    layout = page.layout()
    units = _units_printed(page)
    found: dict[str, PrintedLine] = {}
    for line in page.lines():
        key = line.commodity_key
        profile = profiles().get((key, page.flow))
        if profile is None:  # the real page prints no value on this line: neither does a simulated one
            found[key] = PrintedLine(dict.fromkeys(_columns(layout, page.product == "preliminary")), None)
            continue
        unit = units[key] if line.counted else None
        scale = None
        if unit is not None:
            read_as = effective_unit(page.product, commodities()[key], unit, page.period)
            if read_as.base_unit not in profile.per_usd_1k:
                raise ValueError(
                    f"{key}: no real page prints it in {read_as.base_unit}: its quantity has no scale"
                )
            scale = _Scale(read_as.factor, profile.per_usd_1k[read_as.base_unit], line.quantity_decimals)
        found[key] = PrintedLine(_line(truth, page, layout, key, scale), unit)
    return found


@dataclass(frozen=True)
class _Scale:
    """How a line's quantities print: the unit's size and the commodity's base quantity per US$1,000."""

    factor: Decimal
    per_usd_1k: Decimal
    decimals: int


def _line(
    truth: CommodityTruth, page: CommodityPage, layout: str, key: str, scale: _Scale | None
) -> dict[str, Decimal | None]:
    preliminary = page.product == "preliminary"
    unit = page_unit(page.product, page.currency).factor
    period, prior = page.period, Period(page.period.year - 1, page.period.month)
    row: dict[str, Decimal | None] = {}

    def amounts(month: Period, span: str, first: bool) -> tuple[Decimal, Decimal | None]:
        months = _months(month, span, first)
        value = sum((_in_currency(truth, key, page, m, estimate) for m, estimate in months), start=Decimal(0))
        if scale is None:
            return value, None
        volume = sum(
            (
                Decimal((truth.volume_first if est else truth.volume)[(key, page.flow, m)])
                for m, est in months
            ),
            start=Decimal(0),
        )
        return value, volume * scale.per_usd_1k

    def put(block: str, amount: tuple[Decimal, Decimal | None]) -> None:
        value, quantity = amount
        row[f"value_{block}"] = printed(value, unit, 1 if preliminary else 0)
        row[f"quantity_{block}"] = (
            None if quantity is None or scale is None else printed(quantity, scale.factor, scale.decimals)
        )

    if layout == "jan_feb":
        now, before = amounts(period, "jan_feb", True), amounts(prior, "jan_feb", False)
        put("ytd", now)
        put("ytd_prior", before)
    elif preliminary:
        put("month", amounts(period, "month", True))
        now, before = amounts(period, "ytd", True), amounts(prior, "ytd", False)
        put("ytd", now)
        put("ytd_prior", before)
    else:  # the bulletin prints the y/y of the month alone (January from 2026: the month only)
        now, before = amounts(period, "month", False), amounts(prior, "month", False)
        put("month", now)
        if layout != "january":
            put("ytd", amounts(period, "ytd", False))
    row["yoy_value"] = yoy(now[0], before[0])
    row["yoy_quantity"] = None if now[1] is None or before[1] is None else yoy(now[1], before[1])
    return row


def _columns(layout: str, preliminary: bool) -> tuple[str, ...]:
    if layout == "jan_feb":
        return commodity_pages.PRELIMINARY_JAN_FEB
    if layout == "january":
        return commodity_pages.BULLETIN_MONTH
    return commodity_pages.PRELIMINARY_MONTH_YTD if preliminary else commodity_pages.BULLETIN_MONTH_YTD


def writer_values(lines: Mapping[str, PrintedLine]) -> CommodityValues:
    return {key: line.values for key, line in lines.items()}


def _units_printed(page: CommodityPage) -> dict[str, str | None]:
    """The quantity unit each line is read in: its own cell, or on a page without unit cells (2025 USD
    exports) its CNY twin's, which GACC prints the same quantities in."""
    lines = page.lines()
    if page.product == "preliminary" and page.layout() == "month_ytd_no_unit":
        twin = {
            line.commodity_key: line.quantity_unit
            for line in commodity_pages.preliminary_commodity_rows(page.flow, page.period, "CNY")
        }
        return {line.commodity_key: twin.get(line.commodity_key) for line in lines}
    return {line.commodity_key: line.quantity_unit for line in lines}


def _months(period: Period, span: str, first: bool) -> list[tuple[Period, bool]]:
    """The months a span ending in ``period`` sums, and which are first estimates (only the newest)."""
    if span == "month":
        return [(period, first)]
    if span == "jan_feb":
        return [(Period(period.year, 1), first), (Period(period.year, 2), first)]
    return [(Period(period.year, m), False) for m in range(1, period.month)] + [(period, first)]


def _in_currency(truth: CommodityTruth, key: str, page: CommodityPage, month: Period, first: bool) -> Decimal:
    usd_1k = (truth.value_first if first else truth.value)[(key, page.flow, month)]
    return cny(usd_1k, month) if page.currency == "CNY" else Decimal(usd_1k) * 1000


COMMODITY_TRUTH_SCHEMA = pl.Schema(
    {
        "product": pl.String,
        "currency": pl.String,
        "period_key": pl.Date,
        "span": pl.String,
        "flow": pl.String,
        "commodity_key": pl.String,
        "unit_code": pl.String,
        "value": pl.Decimal(18, 3),
        "value_base": pl.Decimal(38, 3),
        "value_yoy_pct_published": pl.Decimal(18, 3),
        "quantity": pl.Decimal(18, 3),
        "quantity_base": pl.Decimal(38, 3),
        "quantity_yoy_pct_published": pl.Decimal(18, 3),
        "url": pl.String,
        "published_on": pl.Date,
    }
)


def commodity_truth_rows(
    page: CommodityPage, url: str, published_on: date, lines: Mapping[str, PrintedLine]
) -> list[dict[str, object]]:
    """The page's numbers at the warehouse's grain (period × span × flow × commodity): what it must hold."""
    layout, period = page.layout(), page.period
    preliminary = page.product == "preliminary"
    value_unit = page_unit(page.product, page.currency)
    unit_code, unit_size = value_unit.code, value_unit.factor
    cumulative = "jan_feb" if layout == "jan_feb" else "ytd"
    blocks = {  # column suffix → (period, span)
        "month": (period, "month"),
        "ytd": (period, cumulative),
        "ytd_prior": (Period(period.year - 1, period.month), cumulative),
    }
    # Where the page's y/y belongs: the preliminary's to its cumulative span, the bulletin's to the month.
    yoy_block = "month" if not preliminary or layout == "january" else "ytd"
    found = []
    for key, line in lines.items():
        unit = (
            effective_unit(page.product, commodities()[key], line.quantity_unit, period)
            if line.quantity_unit is not None and layout != "month_ytd_no_unit"
            else None
        )
        for suffix, (when, span) in blocks.items():
            if f"value_{suffix}" not in line.values:
                continue
            value, quantity = line.values[f"value_{suffix}"], line.values.get(f"quantity_{suffix}")
            here = suffix == yoy_block
            found.append(
                {
                    "product": page.product,
                    "currency": page.currency,
                    "period_key": when.first_day,
                    "span": span,
                    "flow": page.flow,
                    "commodity_key": key,
                    "unit_code": unit_code,
                    "value": value,
                    "value_base": None if value is None else value * unit_size,
                    "value_yoy_pct_published": line.values["yoy_value"] if here else None,
                    "quantity": quantity,
                    "quantity_base": None if quantity is None or unit is None else quantity * unit.factor,
                    "quantity_yoy_pct_published": line.values["yoy_quantity"] if here else None,
                    "url": url,
                    "published_on": published_on,
                }
            )
    return found
