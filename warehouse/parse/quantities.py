"""Quantity units: the printed token (``10,000 Tons``, ``10000T``, ``100MN``, ``Craft``) → dimension, base
unit and a whole-number factor, from ``reference/quantity_units.csv``. An unknown token is an error, never
a guess.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from warehouse.settings import REFERENCE_DIR


@dataclass(frozen=True)
class QuantityUnit:
    code: str
    dimension: str
    base_unit: str
    factor: Decimal


def quantity_unit_key(printed: str) -> str:
    return re.sub(r"[\s,]", "", unicodedata.normalize("NFKC", printed)).casefold()


@cache
def quantity_units() -> dict[str, QuantityUnit]:
    with open(REFERENCE_DIR / "quantity_units.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fractional = [row["unit_key"] for row in rows if not row["factor"].isdigit()]
    if fractional:
        raise ValueError(f"reference/quantity_units.csv: factors must be whole numbers: {fractional}")
    return {
        row["unit_key"]: QuantityUnit(
            row["unit_code"], row["dimension"], row["base_unit"], Decimal(row["factor"])
        )
        for row in rows
    }


def quantity_unit(printed: str) -> QuantityUnit:
    """Raises KeyError naming the token when it is not in the reference table."""
    key = quantity_unit_key(printed)
    try:
        return quantity_units()[key]
    except KeyError:
        raise KeyError(f"unknown quantity unit {printed!r} (key {key!r})") from None
