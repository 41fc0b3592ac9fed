"""The simulator's ground truth: what GACC would have printed, month by month, vintage by vintage.

Built bottom-up so that every page adds up the way GACC's do. The atoms are each economy's monthly exports
and imports in US$1,000 (integers, as the bulletin prints them), drawn around real magnitudes:

* **Who trades how much**: each economy's share of China's exports and imports on the real bulletin (2)
  page of 1-6.2026 (the sample site's page, read by the real parser), so the partner set is GACC's own.
* **How much in all**: China's annual totals as GACC published them (``ANNUAL_USD_BN``), spread over the
  months by a seasonal profile (the Lunar New Year trough), with seeded noise per economy and month.
* **Vintages**: the bulletin prints the revised figure; the preliminary release, weeks earlier, a first
  estimate of the newest month (within a few per mille) on top of the revised earlier months — which is how
  GACC's year-to-date figures chain. CNY pages convert at a monthly rate (``CNY_PER_USD``).

Aggregates (WORLD, continents, blocs) are sums of their members: continents as the bulletin nests them
(``reference/partners.csv``), blocs by the dated bridge (``reference/partner_groups.csv``). Every printed
number is rounded once, from the exact sum, half up — like GACC, so a row's total and its exports plus
imports may differ in the last digit.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from warehouse.periods import Period
from warehouse.settings import REFERENCE_DIR

# China's exports and imports, US$ billion, as GACC published them for the year (rounded): the anchors the
# simulated months add up to (before noise). 2017 is simulated only as the base of 2018's y/y.
ANNUAL_USD_BN: dict[int, tuple[int, int]] = {
    2017: (2263, 1841),
    2018: (2487, 2136),
    2019: (2499, 2077),
    2020: (2590, 2056),
    2021: (3364, 2688),
    2022: (3594, 2716),
    2023: (3380, 2556),
    2024: (3577, 2586),
    2025: (3770, 2580),
    2026: (3950, 2650),
}
# Yearly average CNY per USD (People's Bank of China central parity, rounded): CNY pages convert at it.
CNY_PER_USD: dict[int, Decimal] = {
    2017: Decimal("6.7518"),
    2018: Decimal("6.6174"),
    2019: Decimal("6.8985"),
    2020: Decimal("6.8976"),
    2021: Decimal("6.4515"),
    2022: Decimal("6.7261"),
    2023: Decimal("7.0467"),
    2024: Decimal("7.1217"),
    2025: Decimal("7.1500"),
    2026: Decimal("7.1000"),
}
# Share of the year's trade in each month: January and February carry the Lunar New Year.
SEASON = (0.082, 0.066, 0.080, 0.082, 0.085, 0.086, 0.088, 0.088, 0.088, 0.083, 0.084, 0.088)
FLOWS = ("export", "import")


@dataclass(frozen=True)
class Partner:
    key: str
    kind: str  # world, region, bloc, country, residual, unallocated
    continent: str | None  # the bulletin's nesting, for economies


@dataclass
class Truth:
    """Monthly US$1,000 values per economy and flow: ``revised`` (bulletin) and ``first`` (preliminary)."""

    start: Period  # first month published
    end: Period  # last month published
    revised: dict[tuple[str, str, Period], int] = field(default_factory=dict)  # (partner, flow, month)
    first: dict[tuple[str, str, Period], int] = field(default_factory=dict)
    sums: dict[tuple[str, str, Period, bool], int] = field(default_factory=dict, repr=False)  # memo

    def months(self) -> list[Period]:
        """Every month simulated: the published ones and the year before (the base of their y/y)."""
        return months_between(Period(self.start.year - 1, 1), self.end)


@cache
def partners() -> dict[str, Partner]:
    with open(REFERENCE_DIR / "partners.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["partner_key"]: Partner(row["partner_key"], row["kind"], row["bulletin_printed_under"] or None)
        for row in rows
    }


def economies() -> list[str]:
    """The partners that are not sums of others: the atoms of every aggregate."""
    return [p.key for p in partners().values() if p.kind in ("country", "residual", "unallocated")]


@cache
def _bridge() -> list[tuple[str, str, Period | None, Period | None]]:
    with open(REFERENCE_DIR / "partner_groups.csv", newline="", encoding="utf-8") as handle:
        return [
            (
                row["group_key"],
                row["partner_key"],
                Period.parse(row["valid_from"]) if row["valid_from"] else None,
                Period.parse(row["valid_to"]) if row["valid_to"] else None,
            )
            for row in csv.DictReader(handle)
        ]


@cache
def members(group: str, period: Period) -> list[str]:
    """The economies a partner row sums at ``period``.

    WORLD: every economy. A continent: the economies the bulletin prints under it (the page checks that sum).
    A bloc: its dated members; where the bridge dates a bloc's membership only from when it was first seen
    (BRI from 2026-01), earlier months use that first membership, so the row is never empty.
    """
    kind = partners()[group].kind
    if kind == "world":
        return economies()
    if kind == "region":
        return [key for key in economies() if partners()[key].continent == group]
    if kind != "bloc":
        return [group]
    rows = [(member, start, end) for g, member, start, end in _bridge() if g == group]
    valid = [m for m, s, e in rows if (s is None or s <= period) and (e is None or period <= e)]
    if valid:
        return valid
    earliest = min((s for _, s, _ in rows if s is not None), default=None)
    return [m for m, s, _ in rows if s == earliest]


def simulate_truth(start: Period, end: Period, seed: int, shares: dict[tuple[str, str], float]) -> Truth:
    """Draw every economy's monthly trade for the year before ``start`` through ``end``.

    ``shares[(partner_key, flow)]`` is the economy's share of China's exports or imports (summing to about 1).
    """
    rng = random.Random(seed)
    truth = Truth(start=start, end=end)
    season = [s / sum(SEASON) for s in SEASON]
    for month in truth.months():
        annual = ANNUAL_USD_BN[month.year]
        for index, flow in enumerate(FLOWS):
            target = annual[index] * 1_000_000 * season[month.month - 1]  # US$1,000
            for economy in economies():
                share = shares.get((economy, flow), 0.0)
                if share <= 0:
                    continue
                value = round(target * share * rng.lognormvariate(0, 0.06))
                truth.revised[(economy, flow, month)] = value
                # The preliminary estimate of the newest month: off by a few per mille, never negative.
                truth.first[(economy, flow, month)] = max(0, round(value * (1 + rng.gauss(0, 0.003))))
    return truth


def month_value(truth: Truth, partner: str, flow: str, month: Period, *, first: bool = False) -> int:
    """Exact US$1,000 of a partner (economy or aggregate) for one month, revised or first estimate."""
    key = (partner, flow, month, first)
    if (known := truth.sums.get(key)) is not None:
        return known
    table = truth.first if first else truth.revised
    flows = FLOWS if flow == "total" else (flow,)
    value = sum(table.get((member, f, month), 0) for member in members(partner, month) for f in flows)
    truth.sums[key] = value
    return value


def cny(usd_1k: int, month: Period) -> Decimal:
    """CNY (whole yuan) of a US$1,000 amount at the month's rate."""
    return Decimal(usd_1k) * 1000 * CNY_PER_USD[month.year]


def printed(amount: Decimal | int, unit: Decimal, decimals: int) -> Decimal | None:
    """An exact amount as GACC prints it in ``unit`` with ``decimals``; ``None`` (printed ``-``) for zero."""
    if amount == 0:
        return None
    quantum = Decimal(1).scaleb(-decimals)
    return (Decimal(amount) / unit).quantize(quantum, rounding=ROUND_HALF_UP)


def yoy(now: Decimal | int, before: Decimal | int) -> Decimal | None:
    """Year-on-year % as GACC prints it (1 decimal), from the exact amounts; ``None`` where undefined."""
    if before == 0 or now == 0:
        return None
    return (Decimal(100) * (Decimal(now) - Decimal(before)) / Decimal(before)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def months_between(first: Period, last: Period) -> list[Period]:
    """Every month from ``first`` through ``last``."""
    found, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        found.append(Period(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def release_dates(period: Period) -> tuple[date, date]:
    """When the preliminary release and the bulletin of ``period`` appear: GACC's calendar where it is
    reference data, else the usual days (the 9th and the 20th of the next month; Jan–Feb on 7 March)."""
    follows = Period(period.year + 1, 1) if period.month == 12 else Period(period.year, period.month + 1)
    calendar = _calendar()
    prelim = calendar.get(("preliminary", period)) or date(follows.year, follows.month, 9)
    bulletin = calendar.get(("bulletin", period)) or date(follows.year, follows.month, 20)
    return prelim, bulletin


@cache
def _calendar() -> dict[tuple[str, Period], date]:
    with open(REFERENCE_DIR / "release_calendar.csv", newline="", encoding="utf-8") as handle:
        return {
            (row["product"], Period.parse(row["period"])): date.fromisoformat(row["scheduled_on"])
            for row in csv.DictReader(handle)
        }
