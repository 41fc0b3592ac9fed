"""A page's identity from its own title and unit row, checked against the index link that led to it.

A page that contradicts itself (title says CNY, unit row says USD — GACC's June 2025 slip) or the index
(another month, another currency) is rejected, never guessed. A title without a date (some 2018 pages) takes
the period from the index link. Bulletin pages of 2023 often print no unit row: the English bulletin is
published in US$1,000 only, so that is what they are read in (``unit_printed`` stays empty to say so). A
unit row GACC is known to have mislabelled (``reference/value_unit_mislabels.csv``) is read as what the
values really are, with the printed text kept beside it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from warehouse.errors import ParseError
from warehouse.parse.page import ArticlePage
from warehouse.parse.tidy import PageIdentity
from warehouse.parse.titles import Product, TitleInfo, parse_title
from warehouse.parse.units import ValueUnit, unit_by_code, unit_key, value_unit
from warehouse.periods import Period
from warehouse.settings import REFERENCE_DIR

BULLETIN_UNIT = "USD_1K"


@dataclass(frozen=True)
class IndexHint:
    """What the index said about the link: product, month (and year) and the currency in the row title."""

    period: Period | None = None
    currency: str | None = None
    product: Product | None = None


@dataclass(frozen=True)
class ResolvedTitle:
    info: TitleInfo
    product: Product
    period: Period
    unit: ValueUnit
    unit_printed: str | None


@cache
def mislabels() -> dict[tuple[str, str, str], list[tuple[Period, Period, str]]]:
    """(product, family, printed unit key) → the periods in which it means another unit, and which."""
    found: dict[tuple[str, str, str], list[tuple[Period, Period, str]]] = {}
    with open(REFERENCE_DIR / "value_unit_mislabels.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            span = (Period.parse(row["valid_from"]), Period.parse(row["valid_to"]), row["read_as_unit_code"])
            found.setdefault((row["product"], row["family"], row["unit_key"]), []).append(span)
    return found


def product_of(info: TitleInfo, hint: IndexHint | None) -> Product:
    """The title's product (its period format tells), else the index's, else the preliminary release."""
    return info.product or (hint.product if hint else None) or Product.PRELIMINARY


def resolve(page: ArticlePage, table: str, hint: IndexHint | None) -> ResolvedTitle:
    hint = hint or IndexHint()
    where = {"url": page.url, "table": table}
    info = parse_title(page.title)
    product = product_of(info, hint)
    if hint.product and hint.product is not product:
        raise ParseError(
            f"the index lists this page as {hint.product} but its title reads {product}", **where
        )
    period = info.period or hint.period
    if period is None:
        raise ParseError("no period in the title and none from the index", **where)
    if info.period and hint.period and info.period != hint.period:
        raise ParseError(f"title says {info.period} but the index links it as {hint.period}", **where)
    unit = _unit(page, table, product, period)
    if info.currency and info.currency != unit.currency:
        raise ParseError(
            f"title says {info.currency} but the unit row says {page.unit_text!r}", row=page.unit_row, **where
        )
    if hint.currency and hint.currency != unit.currency:
        raise ParseError(
            f"the index lists this page as {hint.currency} but it is in {unit.currency}", **where
        )
    if product is Product.BULLETIN and unit.code != BULLETIN_UNIT:
        raise ParseError(
            f"bulletin pages are in US$1,000, this one says {page.unit_text!r}", row=page.unit_row, **where
        )
    return ResolvedTitle(info=info, product=product, period=period, unit=unit, unit_printed=page.unit_text)


def _unit(page: ArticlePage, table: str, product: Product, period: Period) -> ValueUnit:
    if page.unit_text is None:
        if product is Product.BULLETIN:
            return unit_by_code(BULLETIN_UNIT)
        raise ParseError("no 'Unit:' row on the page", url=page.url, table=table)
    for start, end, read_as in mislabels().get((product.value, table, unit_key(page.unit_text)), []):
        if start <= period <= end:
            return unit_by_code(read_as)
    try:
        return value_unit(page.unit_text)
    except KeyError as exc:
        raise ParseError(
            str(exc.args[0]), url=page.url, table=table, row=page.unit_row, cell=page.unit_text
        ) from None


def page_identity(
    page: ArticlePage, resolved: ResolvedTitle, family: str, layout: str, flow: str | None = None
) -> PageIdentity:
    return PageIdentity(
        product=resolved.product.value,
        family=family,
        currency=resolved.unit.currency,
        period=resolved.period,
        layout=layout,
        flow=flow,
        title=page.title,
        url=page.url,
        unit_printed=resolved.unit_printed,
        unit_code=resolved.unit.code,
        published_on=page.published_on,
        date_printed=page.date_text,
        excel_url=page.excel_url,
    )
