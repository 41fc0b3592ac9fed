"""How GACC words periods, dates and currencies on its English pages, as the simulated pages print them.

One place for the words every page writer prints the same way: month names, the preliminary title's period
(``Jan. 2018``, ``August 2019``, ``Mar 2026``, ``January-February 2025``), the page date (``div.atcl-date``),
the unit row of a preliminary page and the currency word in an Excel file name.
"""

from __future__ import annotations

import csv
from datetime import date
from functools import cache

from warehouse.periods import Period
from warehouse.settings import REFERENCE_DIR

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
CURRENCY_WORD = {"CNY": "人民币", "USD": "美元"}  # in the preliminary Excel file names
PRELIMINARY_UNIT_CODE = {"CNY": "CNY_100M", "USD": "USD_1M"}  # reference/value_units.csv


def jan_feb_release(period: Period) -> bool:
    """The preliminary release of ``period`` is the combined January–February one (February, from 2020)."""
    return period.year >= 2020 and period.month == 2


def preliminary_period(period: Period) -> str:
    """The preliminary title's period: GACC wrote "Jan. 2018", then full names ("August 2019", "May 2025"),
    then three letters ("Mar 2026"); the combined release is "January-February YYYY"."""
    name = MONTH_NAMES[period.month - 1]
    if jan_feb_release(period):
        return f"January-February {period.year}"
    if period.year == 2018:
        return f"{name[:3]}{'.' if len(name) > 3 else ''} {period.year}"
    if period.year <= 2025:
        return f"{name} {period.year}"
    return f"{name[:3]} {period.year}"


def page_date(published_on: date) -> str:
    """``div.atcl-date``: month/day/year until 2019 (03/08/2018, 06/10/2019), year/month/day later."""
    return published_on.strftime("%m/%d/%Y" if published_on.year <= 2019 else "%Y/%m/%d")


def preliminary_unit(currency: str) -> str:
    """The unit row a preliminary page prints in ``currency`` (CNY or USD): ``Unit: CNY 100 Million``."""
    return unit_printed(PRELIMINARY_UNIT_CODE[currency])


@cache
def unit_printed(code: str) -> str:
    """The unit row GACC prints for a unit code (``reference/value_units.csv`` ``printed_example``)."""
    with open(REFERENCE_DIR / "value_units.csv", newline="", encoding="utf-8") as handle:
        return next(row["printed_example"] for row in csv.DictReader(handle) if row["unit_code"] == code)
