"""A page's identity from its own title and unit row, checked against the index link that led to it.

A page that contradicts itself (title says CNY, unit row says USD — GACC's June 2025 slip) or the index
(another month, another currency) is rejected, never guessed. A title without a date (some 2018 pages) takes
the period from the index link.
"""

from __future__ import annotations

from dataclasses import dataclass

from warehouse.errors import ParseError
from warehouse.parse.page import ArticlePage
from warehouse.parse.titles import TitleInfo, parse_title
from warehouse.parse.units import ValueUnit, value_unit
from warehouse.periods import Period


@dataclass(frozen=True)
class IndexHint:
    """What the index said about the link: its month (and year) and the currency in the row title."""

    period: Period | None = None
    currency: str | None = None


@dataclass(frozen=True)
class ResolvedTitle:
    info: TitleInfo
    period: Period
    unit: ValueUnit
    unit_printed: str


def resolve(page: ArticlePage, table: str, hint: IndexHint | None) -> ResolvedTitle:
    hint = hint or IndexHint()
    info = parse_title(page.title)
    if page.unit_text is None:
        raise ParseError("no 'Unit:' row on the page", url=page.url, table=table)
    try:
        unit = value_unit(page.unit_text)
    except KeyError as exc:
        raise ParseError(str(exc.args[0]), url=page.url, table=table, cell=page.unit_text) from None
    if info.currency and info.currency != unit.currency:
        raise ParseError(
            f"title says {info.currency} but the unit row says {page.unit_text!r}",
            url=page.url,
            table=table,
        )
    if hint.currency and hint.currency != unit.currency:
        raise ParseError(
            f"the index lists this page as {hint.currency} but it is in {unit.currency}",
            url=page.url,
            table=table,
        )
    period = info.period or hint.period
    if period is None:
        raise ParseError("no period in the title and none from the index", url=page.url, table=table)
    if info.period and hint.period and info.period != hint.period:
        raise ParseError(
            f"title says {info.period} but the index links it as {hint.period}",
            url=page.url,
            table=table,
        )
    return ResolvedTitle(info=info, period=period, unit=unit, unit_printed=page.unit_text)
