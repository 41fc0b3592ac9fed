"""The by-country tables of a simulated month: what each page prints, from the ground truth.

Preliminary (4), CNY and USD pages: 2018's are images (GACC printed no HTML table), 2019's January stands
alone, and from 2020 January and February are one release, linked under February. Bulletin (2), in
US$1,000: every month, January alone and later months with their 1-to-M columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from warehouse.periods import Period
from warehouse.simulate.printing import page_unit
from warehouse.simulate.truth import Truth, cny, month_value, printed, yoy

_FLOWS = (("total", "total"), ("export", "export"), ("import", "import"))


@dataclass(frozen=True)
class Page:
    """One simulated by-country page: which release, and the layout its period calls for."""

    product: str
    currency: str
    period: Period
    layout: str  # image | month_ytd | jan_feb (preliminary); month | month_ytd (bulletin)


def pages_of(period: Period) -> list[Page]:
    """The by-country pages GACC published for a month."""
    found = []
    if period.year == 2018:
        layout: str | None = "image"
    elif period.year == 2019 or period.month > 2:
        layout = "month_ytd"
    else:
        layout = "jan_feb" if period.month == 2 else None  # January: in the combined release
    if layout:
        found += [Page("preliminary", currency, period, layout) for currency in ("CNY", "USD")]
    found.append(Page("bulletin", "USD", period, "month" if period.month == 1 else "month_ytd"))
    return found


def page_values(truth: Truth, page: Page, partners: list[str]) -> dict[str, dict[str, Decimal | None]]:
    """``values[partner][column]`` as the page prints them (see ``warehouse.simulate.pages`` columns)."""
    if page.layout == "image":
        return {}
    value_unit = page_unit(page.product, page.currency)
    unit, decimals = value_unit.factor, value_unit.decimals
    preliminary = page.product == "preliminary"
    period = page.period
    prior = Period(period.year - 1, period.month)
    values: dict[str, dict[str, Decimal | None]] = {}
    for partner in partners:
        row: dict[str, Decimal | None] = {}
        for name, flow in _FLOWS:
            month_now = _amount(truth, page, partner, flow, period, "month", first=preliminary)
            if page.layout == "jan_feb":
                now = _amount(truth, page, partner, flow, period, "jan_feb", first=True)
                before = _amount(truth, page, partner, flow, prior, "jan_feb", first=False)
                row[f"{name}_ytd"] = printed(now, unit, decimals)
            elif page.layout == "month":
                now, before = month_now, _amount(truth, page, partner, flow, prior, "month", first=False)
                row[f"{name}_month"] = printed(now, unit, decimals)
            else:
                now = _amount(truth, page, partner, flow, period, "ytd", first=preliminary)
                before = _amount(truth, page, partner, flow, prior, "ytd", first=False)
                row[f"{name}_month"] = printed(month_now, unit, decimals)
                row[f"{name}_ytd"] = printed(now, unit, decimals)
            row[f"yoy_{name}"] = yoy(now, before)
        values[partner] = row
    return values


def _amount(
    truth: Truth, page: Page, partner: str, flow: str, period: Period, span: str, *, first: bool
) -> Decimal:
    """Exact amount in the page's currency (whole units) of one span ending in ``period``."""
    if span == "month":
        months = [(period, first)]
    elif span == "jan_feb":
        months = [(Period(period.year, 1), first), (Period(period.year, 2), first)]
    else:
        months = [(Period(period.year, m), False) for m in range(1, period.month)] + [(period, first)]
    total = Decimal(0)
    for month, estimate in months:
        usd_1k = month_value(truth, partner, flow, month, first=estimate)
        total += cny(usd_1k, month) if page.currency == "CNY" else Decimal(usd_1k) * 1000
    return total
