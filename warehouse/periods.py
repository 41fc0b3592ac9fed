"""Periods: a reference month, and the span of an observation ending in it.

GACC publishes single months, cumulative January-to-month ("YTD") figures, and since 2020 a combined
January–February release. The combined release is a *span* ending in February, never a month: there is no
January or February figure in it, and it is the YTD of February at the same time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class Span(StrEnum):
    MONTH = "month"  # the reference month alone
    YTD = "ytd"  # January through the reference month
    JAN_FEB = "jan_feb"  # combined January–February release (ends in February; also its YTD)


def month_number(name: str) -> int:
    """'Jan.', 'January', ' Feb.', 'Sept' → 1..12. Raises ValueError for anything else."""
    key = name.strip().strip(".").lower()[:3]
    if key not in _MONTHS or len(name.strip().strip(".")) < 3:
        raise ValueError(f"not a month name: {name!r}")
    return _MONTHS.index(key) + 1


@dataclass(frozen=True, order=True)
class Period:
    """A reference month."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if not 1990 <= self.year <= 2100:
            raise ValueError(f"year out of range: {self.year}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """'2025-02' → Period(2025, 2)."""
        match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
        if not match:
            raise ValueError(f"not a period (YYYY-MM): {text!r}")
        return cls(int(match[1]), int(match[2]))

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
