"""Title → identity: product, table family, period, span and currency, from every encoding GACC has printed.

Tables are identified by keywords of their description, never by their "(N)" (numbers shift: the 2020
Jan–Feb by-country page is "(3)"; the bulletin and the preliminary release number one topic differently).

Preliminary titles read ``(N) <description>, <period> (in CNY|USD)`` with the period as ``May 2024``,
``Mar 2026``, ``Jan. 2018``, ``January-May 2024``, ``January-February 2025``, ``August 2019 (Only August, in
CNY)`` or missing altogether (some 2018 pages), in which case the period comes from the index link.
Bulletin titles end in ``M.YYYY`` or ``1-M.YYYY`` with irregular spaces and parentheses: ``(5) … Regime,
10.2019``, ``(5)Imports…,1.2023``, ``（13）Major Export Commodities in Quantity and Value,1-6.2025``,
``… Regime, 11. 2019``; 2023 in-body copies drop the parentheses (``5Imports … Regime10.2023``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from warehouse.periods import Period, Span, month_number


class Product(StrEnum):
    PRELIMINARY = "preliminary"
    BULLETIN = "bulletin"


class TableFamily(StrEnum):
    """What a table is about, whichever product prints it."""

    TOTALS = "totals"  # preliminary (1)
    SUMMARY = "summary"  # bulletin (1) A/B
    TRADE_MODE = "trade_mode"  # preliminary (2)/(3) "by Trade Mode", bulletin (5) "by Customs Regime"
    BY_COUNTRY = "by_country"  # preliminary (4), bulletin (2)
    MAJOR_EXPORTS = "major_exports"  # preliminary (5), bulletin (13)
    MAJOR_IMPORTS = "major_imports"  # preliminary (6), bulletin (14)
    ENTERPRISE_TRADE_MODE = "enterprise_trade_mode"  # bulletin (6)/(7)
    COMMODITY_TRADE_MODE = "commodity_trade_mode"  # bulletin (17)/(18)
    PARTNER_HS = "partner_hs"  # bulletin (15)/(16)
    COMPOSITION = "composition"  # bulletin (3)/(4): SITC and HS sections
    LOCATION = "location"  # bulletin (8)/(9)/(10): by importer location, consumer location, customs district
    SPECIAL = "special"  # bulletin (11)/(12): specific areas, foreign-invested enterprises


# Tables of one flow by family (the rest say theirs in the title, or carry it in their columns).
FAMILY_FLOWS = {TableFamily.MAJOR_EXPORTS: "export", TableFamily.MAJOR_IMPORTS: "import"}

# Order matters: the first family whose keywords all occur wins ("Exports of Selected Commodities by Major
# Customs Regimes" is commodity_trade_mode, not trade_mode; "Total ... by Country" is by_country).
_FAMILY_KEYWORDS: tuple[tuple[TableFamily | None, tuple[str, ...]], ...] = (
    (None, ("freight supervision",)),
    (None, ("inspection",)),
    (TableFamily.ENTERPRISE_TRADE_MODE, ("enterprise", "regime")),
    (TableFamily.COMMODITY_TRADE_MODE, ("selected commodities", "regime")),
    (TableFamily.PARTNER_HS, ("selected countr", "hs")),
    (TableFamily.SPECIAL, ("foreign-invested",)),
    (TableFamily.SPECIAL, ("specific area",)),
    (TableFamily.LOCATION, ("location",)),
    (TableFamily.LOCATION, ("customs district",)),
    (TableFamily.COMPOSITION, ("section",)),
    (TableFamily.BY_COUNTRY, ("countr",)),
    (TableFamily.TRADE_MODE, ("trade mode",)),
    (TableFamily.TRADE_MODE, ("customs regime",)),
    (TableFamily.MAJOR_EXPORTS, ("major export",)),
    (TableFamily.MAJOR_IMPORTS, ("major import",)),
    (TableFamily.SUMMARY, ("summary",)),
    (TableFamily.TOTALS, ("total", "export", "import")),
)

_PRELIMINARY_TITLE = re.compile(
    r"""^(?:[(（]\s*(?P<no>\d{1,2})\s*[)）]\s*)?
    (?P<desc>.*?)
    (?:,\s*(?P<m1>[A-Za-z]{3,9})\.?(?:\s*[-–—]\s*(?P<m2>[A-Za-z]{3,9})\.?)?\s+(?P<year>\d{4}))?
    \s*(?:\((?P<qual>[^()]*)\))?\s*$""",
    re.X,
)
_BULLETIN_TITLE = re.compile(
    r"""^(?:[(（]\s*(?P<no>\d{1,2})\s*[)）]|(?P<bare>\d{1,2})(?=[A-Z]))?\s*
    (?P<desc>.*?)\s*,?\s*
    (?:(?P<m1>\d{1,2})\s*-\s*)?(?P<m2>\d{1,2})\s*\.\s*(?P<year>\d{4})\s*$""",
    re.X,
)
_CURRENCY = re.compile(r"\b(CNY|USD|RMB)\b", re.IGNORECASE)
_FLOW_WORD = re.compile(r"^(exports?|imports?)\s+(?:by|of)\b", re.IGNORECASE)


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
    product: Product | None  # None when the title has no period to tell the two apart
    number: int | None
    description: str
    family: TableFamily | None
    period: Period | None  # the last month covered
    start_month: int | None  # 1 for a cumulative or combined range, else the month itself
    currency: str | None
    cumulative: bool = False  # printed as a range: "January-May", "1-6.", also "1-1." (January alone)

    @property
    def is_range(self) -> bool:
        return self.period is not None and (self.cumulative or self.start_month != self.period.month)

    @property
    def span(self) -> Span | None:
        """The span the title names: a single month, Jan–Feb combined, or a cumulative range.

        Bulletin ``1-2.YYYY`` is cumulative like any ``1-M``: only the preliminary release combines
        January and February into one release.
        """
        if self.period is None:
            return None
        if not self.is_range:
            return Span.MONTH
        if self.product is Product.PRELIMINARY and self.start_month == 1 and self.period.month == 2:
            return Span.JAN_FEB
        return Span.YTD

    @property
    def flow(self) -> str | None:
        """``export``/``import`` for single-flow tables ("Exports by Type Enterprise …", "Import of …")."""
        match = _FLOW_WORD.match(self.description)
        return match[1].casefold().rstrip("s") if match else None


def parse_title(title: str) -> TitleInfo:
    """Parse a preliminary or bulletin title (article page or index row); missing parts are None."""
    text = " ".join(title.replace("\xa0", " ").split())
    bulletin = _BULLETIN_TITLE.match(text)
    if bulletin is not None:
        end = int(bulletin["m2"])
        start = int(bulletin["m1"]) if bulletin["m1"] else end
        period = None
        if 1 <= start <= end:
            try:
                period = Period(int(bulletin["year"]), end)
            except ValueError:
                period = None
        description = bulletin["desc"].strip()
        number = bulletin["no"] or bulletin["bare"]
        return TitleInfo(
            title=text,
            product=Product.BULLETIN,
            number=int(number) if number else None,
            description=description,
            family=classify(description),
            period=period,
            start_month=start if period else None,
            currency=None,
            cumulative=bool(period and bulletin["m1"]),
        )
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
        product=Product.PRELIMINARY if period else None,
        number=int(match["no"]) if match["no"] else None,
        description=description,
        family=classify(description),
        period=period,
        start_month=start,
        currency=currency,
        cumulative=bool(period and match["m2"]),
    )
