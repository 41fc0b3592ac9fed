"""Value units: the printed ``Unit:`` row → currency, factor and a stable unit code.

The mapping is data (``reference/value_units.csv``), keyed by the printed text with ``Unit:``, spaces, commas
and case folded away, so ``Unit: US$1,000`` and ``Unit:US$1,000`` are one token. An unknown token is an error,
never a guess.
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
class ValueUnit:
    code: str
    currency: str
    factor: Decimal
    label: str
    decimals: int  # as GACC prints it

    @property
    def rounding(self) -> Decimal:
        """One unit of the last printed decimal (0.1 for CNY 100 million, 1 for US$1,000)."""
        return Decimal(1).scaleb(-self.decimals)


def unit_key(printed: str) -> str:
    text = unicodedata.normalize("NFKC", printed)  # full-width colon and ￥ fold to ASCII ':' and '¥'
    text = re.sub(r"^\s*(?:value\s+)?unit\s*:?", "", text, flags=re.IGNORECASE)
    return re.sub(r"[\s,]", "", text).casefold()


@cache
def value_units() -> dict[str, ValueUnit]:
    with open(REFERENCE_DIR / "value_units.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # The warehouse multiplies by the factor as DECIMAL(38,0): a fractional factor would round silently.
    fractional = [row["unit_key"] for row in rows if not row["factor"].isdigit()]
    if fractional:
        raise ValueError(f"reference/value_units.csv: factors must be whole numbers: {fractional}")
    return {
        row["unit_key"]: ValueUnit(
            row["unit_code"],
            row["currency"],
            Decimal(row["factor"]),
            row["unit_label"],
            int(row["decimals"]),
        )
        for row in rows
    }


def value_unit(printed: str) -> ValueUnit:
    """Raises KeyError naming the token when the unit is not in the reference table."""
    key = unit_key(printed)
    try:
        return value_units()[key]
    except KeyError:
        raise KeyError(f"unknown value unit {printed!r} (key {key!r})") from None


def unit_by_code(code: str) -> ValueUnit:
    return next(unit for unit in value_units().values() if unit.code == code)
