"""The simulator's trade by customs regime and enterprise type, and what the pages of those tables print.

One truth feeds five tables: preliminary (2) (the month) and (3) (January to the month) by trade mode, CNY
and USD; bulletin (5) by customs regime, and (6) exports / (7) imports by customs regime × enterprise type,
in US$1,000. Its atoms are each month's trade per (regime, enterprise type, flow) in US$1,000, revised and
first estimate, and they add up **exactly** to the simulated WORLD total of the by-country pages
(``warehouse.simulate.truth``): the month's total is split by largest remainder, so every regime table and
every by-country page agree on China's total, as GACC's do.

The weights are GACC's: the regime × enterprise-type matrix of the real bulletin (6) and (7) pages of
1-5.2024 (transcribed, ``samples/templates/tables``), with the foreign-invested enterprises' split into
contractual joint ventures, equity joint ventures and wholly foreign-owned enterprises from the (7) page of
1-12.2019 (the only page held that prints it; exports are assumed to split alike). A regime a page of its
flow and period does not print (exports under import-only regimes such as duty-free goods; "Duty-free
Commodities on Payment of Foreign Currency" once GACC dropped it) carries nothing that month, so every page's
rows add up to its total. Each month's weights get seeded noise.

PageNumbers as elsewhere: exact sums rounded once, half up, in the page's unit; y/y % from exact amounts; the
preliminary release's newest month a first estimate on top of revised earlier months.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

import polars as pl

from warehouse.parse.labels import label_key
from warehouse.parse.numbers import is_number, parse_number
from warehouse.periods import Period
from warehouse.settings import PROJECT_ROOT, REFERENCE_DIR
from warehouse.simulate import enterprise_pages, regime_pages
from warehouse.simulate.printing import page_unit
from warehouse.simulate.truth import Truth, cny, month_value, printed, yoy

TABLES = PROJECT_ROOT / "samples" / "templates" / "tables"
_WEIGHTS = {
    "export": "2024-05_bulletin_t06_exports-by-enterprise-type-and-regime_usd.txt",
    "import": "2024-05_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt",
}
_FIE_SPLIT = "2019-12_bulletin_t07_imports-by-enterprise-type-and-regime_usd_PARTIAL.txt"
_FIE_PARTS = ("fie_contractual_jv", "fie_equity_jv", "fie_wholly_foreign_owned")
ATOMS = ("soe", *_FIE_PARTS, "poe", "other")  # enterprise types that are not sums of others
_COLUMN_ATOMS = {"total": ATOMS, "fie": _FIE_PARTS} | {atom: (atom,) for atom in ATOMS}
_FLOWS = ("export", "import")


@dataclass
class RegimeTruth:
    """Monthly US$1,000 per (regime, enterprise type, flow, month): revised (bulletin) and first estimate."""

    revised: dict[tuple[str, str, str, Period], int] = field(default_factory=dict)
    first: dict[tuple[str, str, str, Period], int] = field(default_factory=dict)


@cache
def weights(flow: str) -> dict[tuple[str, str], float]:
    """(regime_key, enterprise atom) → share of the flow on the real 1-5.2024 page."""
    rows = _transcribed(_WEIGHTS[flow], columns=5)
    fie = _fie_split()
    found: dict[tuple[str, str], float] = {}
    total = float(rows["total"][0] or 0)
    for regime, (_, soe, fie_value, poe, other) in rows.items():
        if regime == "total":
            continue
        found[(regime, "soe")] = float(soe or 0) / total
        for part, share in fie.items():
            found[(regime, part)] = float(fie_value or 0) * share / total
        found[(regime, "poe")] = float(poe or 0) / total
        found[(regime, "other")] = float(other or 0) / total
    return found


@cache
def _regimes(flow: str) -> tuple[str, ...]:
    """Every regime with a weight in ``flow``: what the total row sums."""
    return tuple(sorted({regime for regime, _ in weights(flow)}))


@cache
def _fie_split() -> dict[str, float]:
    """The foreign-invested enterprises' three kinds, as shares of their total (the 2019 page's TOTAL row)."""
    _, _, fie, *parts, _, _ = _transcribed(_FIE_SPLIT, columns=8)["total"]
    return {part: float(value or 0) / float(fie or 1) for part, value in zip(_FIE_PARTS, parts, strict=True)}


def _transcribed(name: str, *, columns: int) -> dict[str, list[Decimal | None]]:
    """regime_key → the numbers of its value row, from a transcription (label, then ``columns`` numbers;
    the YoY rows, numbers only, are skipped)."""
    aliases = _regime_aliases()
    found: dict[str, list[Decimal | None]] = {}
    for line in (TABLES / name).read_text(encoding="utf-8").splitlines()[1:]:
        if line.startswith("#") or "|" in line:
            continue
        tokens = line.split()
        numbers = tokens[-columns:]
        if len(tokens) <= columns or not all(is_number(token) for token in numbers):
            continue
        label = " ".join(tokens[:-columns])
        key = aliases.get(label_key(label))
        if key is None:
            raise ValueError(f"{name}: label {label!r} is not in reference/regime_aliases.csv")
        found[key] = [parse_number(token) for token in numbers]
    return found


@cache
def _regime_aliases() -> dict[str, str]:
    with open(REFERENCE_DIR / "regime_aliases.csv", newline="", encoding="utf-8") as handle:
        return {row["label_key"]: row["regime_key"] for row in csv.DictReader(handle)}


@cache
def printed_regimes(flow: str, period: Period) -> frozenset[str]:
    """The regimes every page of ``period`` printing ``flow`` lists (the pages of the nearest year held
    stand for years without pages: 2017 as 2018, 2018 enterprise pages as 2019's)."""
    shown = Period(max(period.year, 2018), period.month)
    # From 2020 January is printed only in the January–February release.
    combined = Period(shown.year, 2) if shown.year >= 2020 and shown.month == 1 else shown
    rows: list[Iterable[str]] = [
        (row.regime_key for row in regime_pages.trade_mode_rows(combined, "ytd")),
        (row.regime_key for row in regime_pages.customs_regime_rows(shown)),
    ]
    enterprise = Period(min(max(shown.year, 2019), 2026), shown.month)
    rows.append(row.regime_key for row in enterprise_pages.enterprise_rows(flow, enterprise))
    common = frozenset.intersection(*(frozenset(keys) for keys in rows))
    return common - {"total"}


def simulate_regimes(truth: Truth, seed: int) -> RegimeTruth:
    """Split each month's simulated WORLD exports and imports over regimes × enterprise types, exactly."""
    rng = random.Random(f"{seed}/regimes")
    found = RegimeTruth()
    for month in truth.months():
        for flow in _FLOWS:
            active = printed_regimes(flow, month)
            cells = sorted(key for key in weights(flow) if key[0] in active and weights(flow)[key] > 0)
            drawn = [weights(flow)[cell] * rng.lognormvariate(0, 0.05) for cell in cells]
            revised = _split(month_value(truth, "WORLD", flow, month), drawn)
            # The first estimate: the month's first WORLD total, split a little differently.
            first = _split(
                month_value(truth, "WORLD", flow, month, first=True),
                [weight * (1 + rng.gauss(0, 0.003)) for weight in drawn],
            )
            for (regime, atom), value, estimate in zip(cells, revised, first, strict=True):
                found.revised[(regime, atom, flow, month)] = value
                found.first[(regime, atom, flow, month)] = estimate
    return found


def _split(total: int, weights: list[float]) -> list[int]:
    """``total`` in integer parts proportional to ``weights`` (largest remainder): they sum to it exactly."""
    whole = sum(weights)
    exact = [total * weight / whole for weight in weights]
    parts = [int(share) for share in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (exact[i] - parts[i], -i), reverse=True)
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


@dataclass(frozen=True)
class RegimePage:
    """One simulated page: preliminary (2)/(3) by trade mode in CNY or USD, or bulletin (5), (6) or (7)."""

    product: str
    number: int  # the table's number in its product
    currency: str
    period: Period

    @property
    def family(self) -> str:
        return "enterprise_trade_mode" if self.number in (6, 7) else "trade_mode"

    @property
    def combined(self) -> bool:
        """A page of the January–February release (from 2020 both (2) and (3) print it)."""
        return self.product == "preliminary" and self.period.year >= 2020 and self.period.month == 2


def regime_pages_of(period: Period) -> list[RegimePage]:
    """The trade-mode, customs-regime and enterprise pages of a month (enterprise pages from 2019)."""
    found = []
    if period.year <= 2019 or period.month != 1:
        found += [
            RegimePage("preliminary", number, currency, period)
            for number in (2, 3)
            for currency in ("CNY", "USD")
        ]
    found.append(RegimePage("bulletin", 5, "USD", period))
    if period.year >= enterprise_pages.FIRST_PERIOD.year:
        found += [RegimePage("bulletin", number, "USD", period) for number in (6, 7)]
    return found


REGIME_TRUTH_SCHEMA = pl.Schema(
    {
        "product": pl.String,
        "currency": pl.String,
        "period_key": pl.Date,
        "span": pl.String,
        "flow": pl.String,
        "regime_key": pl.String,
        "enterprise_key": pl.String,  # null on the trade-mode and customs-regime tables
        "unit_code": pl.String,
        "value": pl.Decimal(18, 3),
        "value_base": pl.Decimal(38, 3),
        "yoy_pct_published": pl.Decimal(18, 3),
        "url": pl.String,
        "published_on": pl.Date,
    }
)


@dataclass(frozen=True)
class PageNumbers:
    """What a page prints: the writer's ``values[regime][column]`` and the facts the warehouse must hold."""

    values: dict[str, dict[str, Decimal | None]]
    facts: list[dict[str, object]]


def regime_values(truth: RegimeTruth, page: RegimePage, url: str, published_on: date) -> PageNumbers:
    """Every number of ``page`` (``regime_pages`` / ``enterprise_pages`` columns) and its facts."""
    if page.number in (6, 7):
        return _enterprise(truth, page, url, published_on)
    if page.number == 5:
        return _customs_regime(truth, page, url, published_on)
    return _trade_mode(truth, page, url, published_on)


def _trade_mode(truth: RegimeTruth, page: RegimePage, url: str, published_on: date) -> PageNumbers:
    period, prior = page.period, Period(page.period.year - 1, page.period.month)
    code, unit = _unit(page)
    if page.combined:
        suffix, span = "ytd", "jan_feb"
        now_months = [(Period(period.year, 1), True), (period, True)]
        before_months = [(Period(prior.year, 1), False), (prior, False)]
    elif page.number == 2:
        suffix, span, now_months, before_months = "month", "month", [(period, True)], [(prior, False)]
    else:
        # A February page of (3) before 2020 is titled "January-February", which reads as the combined span.
        suffix, span = "ytd", "jan_feb" if period.month == 2 else "ytd"
        now_months, before_months = _to_date(period, first=True), _to_date(prior, first=False)
    table = "month" if suffix == "month" else "ytd"
    values, facts = {}, []
    for row in regime_pages.trade_mode_rows(period, table):
        line: dict[str, Decimal | None] = {}
        for flow in ("total", *_FLOWS):
            flows = _FLOWS if flow == "total" else (flow,)
            now = _amount(truth, row.regime_key, ATOMS, flows, now_months, page.currency)
            before = _amount(truth, row.regime_key, ATOMS, flows, before_months, page.currency)
            line[f"{flow}_{suffix}"] = value = printed(now, unit, 1)
            line[f"yoy_{flow}"] = change = yoy(now, before)
            facts.append(_fact(page, period, span, flow, row.regime_key, None, code, unit, value, change))
        values[row.regime_key] = line
    return PageNumbers(values, _dated(facts, url, published_on))


def _customs_regime(truth: RegimeTruth, page: RegimePage, url: str, published_on: date) -> PageNumbers:
    period, prior = page.period, Period(page.period.year - 1, page.period.month)
    code, unit = _unit(page)
    spans = {"month": ([(period, False)], [(prior, False)]), "ytd": (_to_date(period), _to_date(prior))}
    values, facts = {}, []
    for row in regime_pages.customs_regime_rows(period):
        line: dict[str, Decimal | None] = {}
        for flow in _FLOWS:
            for span, (now_months, before_months) in spans.items():
                now = _amount(truth, row.regime_key, ATOMS, (flow,), now_months, "USD")
                before = _amount(truth, row.regime_key, ATOMS, (flow,), before_months, "USD")
                line[f"{flow}_{span}"] = value = printed(now, unit, 0)
                line[f"yoy_{flow}_{span}"] = change = yoy(now, before)
                facts.append(_fact(page, period, span, flow, row.regime_key, None, code, unit, value, change))
        values[row.regime_key] = line
    return PageNumbers(values, _dated(facts, url, published_on))


def _enterprise(truth: RegimeTruth, page: RegimePage, url: str, published_on: date) -> PageNumbers:
    flow = "export" if page.number == 6 else "import"
    period, prior = page.period, Period(page.period.year - 1, page.period.month)
    code, unit = _unit(page)
    columns = [c for c in enterprise_pages.enterprise_columns(flow, period) if not c.startswith("yoy_")]
    values, facts = {}, []
    for row in enterprise_pages.enterprise_rows(flow, period):
        line: dict[str, Decimal | None] = {}
        for column in columns:
            atoms = _COLUMN_ATOMS[column]
            now = _amount(truth, row.regime_key, atoms, (flow,), _to_date(period), "USD")
            before = _amount(truth, row.regime_key, atoms, (flow,), _to_date(prior), "USD")
            line[column] = value = printed(now, unit, 0)
            line[f"yoy_{column}"] = change = yoy(now, before)
            facts.append(_fact(page, period, "ytd", flow, row.regime_key, column, code, unit, value, change))
        values[row.regime_key] = line
    return PageNumbers(values, _dated(facts, url, published_on))


def _unit(page: RegimePage) -> tuple[str, Decimal]:
    value_unit = page_unit(page.product, page.currency)
    return value_unit.code, value_unit.factor


def _to_date(period: Period, *, first: bool = False) -> list[tuple[Period, bool]]:
    """January through ``period``, revised, but the newest month a first estimate where ``first``."""
    return [(Period(period.year, m), False) for m in range(1, period.month)] + [(period, first)]


def _amount(
    truth: RegimeTruth,
    regime: str,
    atoms: tuple[str, ...],
    flows: tuple[str, ...],
    months: list[tuple[Period, bool]],
    currency: str,
) -> Decimal:
    """Exact amount in whole currency units; the ``total`` regime sums every regime."""
    total = Decimal(0)
    for month, first in months:
        table = truth.first if first else truth.revised
        usd_1k = 0
        for flow in flows:
            regimes = _regimes(flow) if regime == "total" else (regime,)
            usd_1k += sum(table.get((r, atom, flow, month), 0) for r in regimes for atom in atoms)
        total += cny(usd_1k, month) if currency == "CNY" else Decimal(usd_1k) * 1000
    return total


def _fact(
    page: RegimePage,
    period: Period,
    span: str,
    flow: str,
    regime: str,
    enterprise: str | None,
    code: str,
    unit: Decimal,
    value: Decimal | None,
    change: Decimal | None,
) -> dict[str, object]:
    return {
        "product": page.product,
        "currency": page.currency,
        "period_key": period.first_day,
        "span": span,
        "flow": flow,
        "regime_key": regime,
        "enterprise_key": enterprise,
        "unit_code": code,
        "value": value,
        "value_base": None if value is None else value * unit,
        "yoy_pct_published": change,
    }


def _dated(facts: list[dict[str, object]], url: str, published_on: date) -> list[dict[str, object]]:
    return [fact | {"url": url, "published_on": published_on} for fact in facts]
