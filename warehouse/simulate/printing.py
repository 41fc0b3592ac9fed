"""How a value cell of a simulated page prints: GACC's number format, its ``-`` for none, text left as is.

Shared by every page writer (``pages``, ``commodity_pages``, ``regime_pages``, ``enterprise_pages``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from warehouse.parse.units import ValueUnit, unit_by_code
from warehouse.simulate.wording import PRELIMINARY_UNIT_CODE

BULLETIN_UNIT_CODE = "USD_1K"  # the bulletin prints US$1,000 (reference/value_units.csv)


@dataclass(frozen=True)
class Verbatim:
    """Text printed as is in a value cell: a spreadsheet leftover such as ``############`` (read as none)."""

    text: str


Printed = Decimal | int | Verbatim | None


def format_value(value: Printed, decimals: int, *, separators: bool = True) -> str:
    """A number as GACC prints it: ``decimals`` places, ``-`` for none, thousands separators in values but
    not in YoY % (the 1.2026 bulletin prints ``29760.1`` and ``2613095633.3`` beside ``2,294,644``).

    A value with more decimals than the page prints is refused: it would print rounded, and the page would
    no longer say what the ground truth says.
    """
    if value is None:
        return "-"
    if isinstance(value, Verbatim):
        return value.text
    number = Decimal(value)
    quantum = Decimal(1).scaleb(-decimals)
    if number.quantize(quantum) != number:
        raise ValueError(f"{value} has more than {decimals} decimals, which the page does not print")
    return f"{number.quantize(quantum):{',' if separators else ''}.{decimals}f}"


def require_rows(values: Mapping[str, object], expected: set[str], where: str, *, noun: str = "row") -> None:
    """Values given for exactly the rows a page prints: a ValueError naming those missing, or extra."""
    if missing := sorted(expected - set(values)):
        raise ValueError(f"{where}: no values for {', '.join(missing)}")
    if extra := sorted(set(values) - expected):
        raise ValueError(f"{where}: the page prints no {noun} for {', '.join(extra)}")


def page_unit(product: str, currency: str) -> ValueUnit:
    """The unit a page prints its values in — code, size (``factor``) and decimals from
    ``reference/value_units.csv``: preliminary CNY 100 million or USD 1 million, bulletin US$1,000."""
    if product == "bulletin":
        if currency != "USD":
            raise ValueError(f"bulletin pages print US$1,000, not {currency!r}")
        return unit_by_code(BULLETIN_UNIT_CODE)
    return unit_by_code(PRELIMINARY_UNIT_CODE[currency])
