"""Title → identity: table family, period, span and currency, from every encoding GACC has printed.

Tables are identified by keywords of their description, never by their "(N)" (numbers shift: the 2020
Jan–Feb by-country page is "(3)").
Preliminary titles read ``(N) <description>, <period> (in CNY|USD)`` with the
period as ``May 2024``, ``Mar 2026``, ``Jan. 2018``, ``January-May 2024``, ``January-February 2025`` or
missing altogether (some 2018 pages), in which case the period comes from the index link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from warehouse.periods import Period, Span, month_number


class TableFamily(StrEnum):
    TOTALS = "totals"
    TRADE_MODE = "trade_mode"
    BY_COUNTRY = "by_country"
    MAJOR_EXPORTS = "major_exports"
    MAJOR_IMPORTS = "major_imports"


# Order matters: the first family whose keywords all occur wins ("Total ... by Country" is by_country).
_FAMILY_KEYWORDS: tuple[tuple[TableFamily | None, tuple[str, ...]], ...] = (
    (None, ("freight supervision",)),
    (None, ("inspection",)),
    (TableFamily.BY_COUNTRY, ("countr",)),
    (TableFamily.TRADE_MODE, ("trade mode",)),
    (TableFamily.MAJOR_EXPORTS, ("major export",)),
    (TableFamily.MAJOR_IMPORTS, ("major import",)),
    (TableFamily.TOTALS, ("total", "export", "import")),
)

_PRELIMINARY_TITLE = re.compile(
    r"""^(?:[(（]\s*(?P<no>\d{1,2})\s*[)）]\s*)?
    (?P<desc>.*?)
    (?:,\s*(?P<m1>[A-Za-z]{3,9})\.?(?:\s*[-–—]\s*(?P<m2>[A-Za-z]{3,9})\.?)?\s+(?P<year>\d{4}))?
    \s*(?:\((?P<qual>[^()]*)\))?\s*$""",
    re.X,
)
_CURRENCY = re.compile(r"\b(CNY|USD|RMB)\b", re.IGNORECASE)


def classify(description: str) -> TableFamily | None:
    """The table family a title describes; None for GACC tables that are not trade values."""
    text = " ".join(description.split()).casefold()
    for family, keywords in _FAMILY_KEYWORDS:
        if all(keyword in text for keyword in keywords):
            return family
    return None


def normalise_currency(token: str) -> str:
    token = token.upper()
    return "CNY" if token == "RMB" else token


@dataclass(frozen=True)
class TitleInfo:
    title: str
    number: int | None
    description: str
    family: TableFamily | None
    period: Period | None  # the last month covered
    start_month: int | None  # 1 for a cumulative or combined range, else the month itself
    currency: str | None

    @property
    def is_range(self) -> bool:
        return self.period is not None and self.start_month != self.period.month

    @property
    def span(self) -> Span | None:
        """The span the title names: a single month, Jan–Feb combined, or a cumulative range."""
        if self.period is None:
            return None
        if not self.is_range:
            return Span.MONTH
        if self.start_month == 1 and self.period.month == 2:
            return Span.JAN_FEB
        return Span.YTD


def parse_title(title: str) -> TitleInfo:
    """Parse a preliminary-release title (article page or index row). Never raises: missing parts are None."""
    text = " ".join(title.replace("\xa0", " ").split())
    match = _PRELIMINARY_TITLE.match(text)
    assert match is not None  # every group is optional, so the pattern always matches
    period = start = None
    if match["year"]:
        try:
            end = month_number(match["m2"] or match["m1"])
            start = month_number(match["m1"])
            period = Period(int(match["year"]), end)
        except ValueError:
            period = start = None
    currency = None
    if match["qual"] and (found := _CURRENCY.search(match["qual"])):
        currency = normalise_currency(found[1])
    description = match["desc"].strip()
    return TitleInfo(
        title=text,
        number=int(match["no"]) if match["no"] else None,
        description=description,
        family=classify(description),
        period=period,
        start_month=start,
        currency=currency,
    )
