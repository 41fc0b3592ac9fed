"""By-country pages of a simulated month, written in GACC's real layout by refilling GACC's real pages.

Each page starts from a real one of the same layout, kept byte for byte in the repository, and changes only
what GACC changes from month to month: the numbers in the data cells, the period in the title (everywhere the
page repeats it), the page date, the period numbers of the header, the currency (title, unit row, Excel
link) and the period in the Excel file name. Rows — their order, labels and indentation — stay as on the
real page, so the partner set is the template's (see ``preliminary_by_country_rows`` and
``bulletin_by_country_rows``, keyed through ``reference/partner_aliases.csv``).

Which real page serves as template:

* preliminary (4), 2018: the Jan 2018 page, whose table is an image (no numbers; title and date only);
* preliminary (4), 2019: the Mar 2026 page (10 cells a row), January alone included (``1`` / ``1- to-1``);
* preliminary (4), 2020 on: January–February combined on the Jan–Feb 2025 page (7 cells, linked under
  February; there is no January page), other months on the Mar 2026 page;
* bulletin (2): January on the 1.2026 page (7 cells, month only), later months on the 6.2026 page (10
  cells, month and 1-to-M).

Values are given per partner and column (``MONTH_YTD``, ``JAN_FEB``, ``MONTH``) in the page's printed unit:
preliminary CNY 100 million or USD 1 million with one decimal, bulletin US$1,000 integers, YoY % with one
decimal and no thousands separator; ``None`` prints GACC's ``-``, ``Verbatim`` prints its text as is
(``############``).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from warehouse.conform.labels import aliases
from warehouse.conform.partners import printed_under
from warehouse.parse.labels import label_key, split_indent
from warehouse.parse.titles import Product
from warehouse.periods import Period
from warehouse.settings import PROJECT_ROOT, REFERENCE_DIR
from warehouse.simulate.printing import Printed, format_value, require_rows
from warehouse.simulate.refill import (
    Refill,
    Template,
    bulletin_title,
    preliminary_title,
    read_template,
    replace_once,
)
from warehouse.simulate.wording import (
    CURRENCY_WORD,
    PRELIMINARY_UNIT_CODE,
    jan_feb_release,
    page_date,
    preliminary_unit,
)

# Column names of each layout, in the order the page prints them after the label. YoY is of the cumulative
# span (of the month alone on a January bulletin page).
MONTH_YTD = (
    "total_month",
    "total_ytd",
    "export_month",
    "export_ytd",
    "import_month",
    "import_ytd",
    "yoy_total",
    "yoy_export",
    "yoy_import",
)
JAN_FEB = ("total_ytd", "export_ytd", "import_ytd", "yoy_total", "yoy_export", "yoy_import")
MONTH = ("total_month", "export_month", "import_month", "yoy_total", "yoy_export", "yoy_import")

_STATICS = PROJECT_ROOT / "samples" / "gacc-site" / "Statics"
_ORIGIN = "http://english.customs.gov.cn/Statics/"


Values = Mapping[str, Mapping[str, Printed]]


@dataclass(frozen=True)
class RowSpec:
    """One data row of a template: its label as printed and the partner it is."""

    row: int  # the row's ``<tr>`` number on the page (the parsed frame's ``source_row``)
    label: str  # as printed, without indentation or padding ("of which: Germany", "Asia:")
    partner_key: str  # reference/partners.csv
    parent_key: str | None  # the partner it is printed under on this product; None at the top level
    kind: str  # reference/partners.csv kind: world, country, region, bloc, residual, unallocated


@dataclass(frozen=True)
class _Source:
    """A real page used as a template, and what it is."""

    layout: str  # image | month_ytd | jan_feb (preliminary); month | month_ytd (bulletin)
    product: Product
    file: Path
    period: Period
    currency: str
    columns: tuple[str, ...]

    @property
    def url(self) -> str:
        return _ORIGIN + self.file.name


_PRELIMINARY_IMAGE = _Source(
    "image",
    Product.PRELIMINARY,
    _STATICS / "851cff3d-297f-4cf3-a500-5241199cc957.html",
    Period(2018, 1),
    "CNY",
    (),
)
_PRELIMINARY_MONTH_YTD = _Source(
    "month_ytd",
    Product.PRELIMINARY,
    _STATICS / "2e61c8a1-17b2-4074-b909-c039ccf8c8fb.html",
    Period(2026, 3),
    "CNY",
    MONTH_YTD,
)
_PRELIMINARY_JAN_FEB = _Source(
    "jan_feb",
    Product.PRELIMINARY,
    _STATICS / "2ab97956-c57d-4387-8d60-a141b5a5b48b.html",
    Period(2025, 2),
    "CNY",
    JAN_FEB,
)
_BULLETIN_MONTH = _Source(
    "month",
    Product.BULLETIN,
    _STATICS / "6e9d4074-409f-46a1-883c-3278c5b5b31c.html",
    Period(2026, 1),
    "USD",
    MONTH,
)
_BULLETIN_MONTH_YTD = _Source(
    "month_ytd",
    Product.BULLETIN,
    _STATICS / "2d569f57-a86e-4d63-94fb-d3000b039aa7.html",
    Period(2026, 6),
    "USD",
    MONTH_YTD,
)


def preliminary_layout(period: Period) -> str:
    """The layout of the preliminary (4) page of ``period``: ``image``, ``jan_feb`` or ``month_ytd``.

    Raises ValueError for a month with no page: before 2018 (the English site's first year) and every
    January from 2020, which GACC publishes only inside the combined January–February release.
    """
    return _preliminary_source(period).layout


def bulletin_layout(period: Period) -> str:
    """``month`` for January (published alone), ``month_ytd`` for later months."""
    return _bulletin_source(period).layout


def preliminary_by_country_rows(jan_feb: bool) -> list[RowSpec]:
    """The rows a preliminary (4) page prints (the 2018 image pages print none): 30 partners and blocs."""
    return list(_rows(_PRELIMINARY_JAN_FEB if jan_feb else _PRELIMINARY_MONTH_YTD))


def bulletin_by_country_rows(month_only: bool) -> list[RowSpec]:
    """The rows a bulletin (2) page prints: TOTAL, continents with their economies, Unknown, the blocs."""
    return list(_rows(_BULLETIN_MONTH if month_only else _BULLETIN_MONTH_YTD))


def render_preliminary_by_country(period: Period, currency: str, published_on: date, values: Values) -> bytes:
    """The preliminary (4) page of ``period`` in ``currency`` (CNY or USD), dated ``published_on``.

    ``values[partner_key][column]``: every row of ``preliminary_by_country_rows`` and every column of the
    layout (``MONTH_YTD``, or ``JAN_FEB`` for the combined release), in CNY 100 million or USD 1 million.
    A 2018 page is an image: ``values`` must be empty, and the page carries no currency (the index row does).
    """
    if currency not in PRELIMINARY_UNIT_CODE:
        raise ValueError(f"preliminary pages are in CNY or USD, not {currency!r}")
    source = _preliminary_source(period)
    edit = Refill(_template(source))
    image = source.layout == "image"
    title = preliminary_title(
        edit.template.title, period, url=source.url, currency=None if image else currency
    )
    if image:
        if values:
            raise ValueError(f"2018 preliminary by-country pages are images and print no numbers ({period})")
    else:
        _fill(edit, source, period, values, decimals=1)
        _set_unit(edit, source, preliminary_unit(currency))
        href = edit.template.raw(edit.template.excel_href) if edit.template.excel_href else None
        if href is not None:
            old, new = _href_period(source, source.period), _href_period(source, period)
            href = replace_once(href, old, new, url=source.url)
            if currency != source.currency:
                old, new = CURRENCY_WORD[source.currency], CURRENCY_WORD[currency]
                href = replace_once(href, old, new, url=source.url)
            edit.set_excel_href(href)
    edit.set_title(title)
    edit.set_date(page_date(published_on))
    return edit.render()


def render_bulletin_by_country(period: Period, published_on: date, values: Values) -> bytes:
    """The bulletin (2) page of ``period`` (US$1,000), dated ``published_on``.

    ``values[partner_key][column]``: every row of ``bulletin_by_country_rows`` and every column of
    ``MONTH`` (January) or ``MONTH_YTD`` (later months), values as integers.
    """
    source = _bulletin_source(period)
    edit = Refill(_template(source))
    title = bulletin_title(edit.template.title, period, url=source.url)
    _fill(edit, source, period, values, decimals=0)
    href = edit.template.raw(edit.template.excel_href) if edit.template.excel_href else None
    if href is not None:
        old, new = _href_period(source, source.period), _href_period(source, period)
        edit.set_excel_href(replace_once(href, old, new, url=source.url))
    edit.set_title(title)
    edit.set_date(page_date(published_on))
    return edit.render()


def _preliminary_source(period: Period) -> _Source:
    if period.year < 2018:
        raise ValueError(f"no preliminary page for {period}: GACC's English pages start in 2018")
    if period.year == 2018:
        return _PRELIMINARY_IMAGE
    if period.year >= 2020 and period.month == 1:
        raise ValueError(f"no preliminary page for {period}: January is in the January–February release")
    if jan_feb_release(period):
        return _PRELIMINARY_JAN_FEB
    return _PRELIMINARY_MONTH_YTD


def _bulletin_source(period: Period) -> _Source:
    if period.year < 2018:
        raise ValueError(f"no bulletin page for {period}: GACC's English pages start in 2018")
    return _BULLETIN_MONTH if period.month == 1 else _BULLETIN_MONTH_YTD


@cache
def _template(source: _Source) -> Template:
    return read_template(source.file.read_bytes(), source.url)


@cache
def _rows(source: _Source) -> tuple[RowSpec, ...]:
    template = _template(source)
    mapping = aliases("partner_aliases.csv", "partner_key")
    parents = printed_under(source.product.value)
    kinds = _kinds()
    found = []
    for number in template.data_rows:
        _, label = split_indent(template.row(number).cells[0].text)
        key = mapping.get(label_key(label))
        if key is None:
            raise ValueError(
                f"{source.url}: row {number} label {label!r} is not in reference/partner_aliases.csv"
            )
        found.append(RowSpec(number, label, key, parents.get(key), kinds[key]))
    keys = [spec.partner_key for spec in found]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{source.url}: a partner is printed twice")
    return tuple(found)


@cache
def _kinds() -> dict[str, str]:
    with open(REFERENCE_DIR / "partners.csv", newline="", encoding="utf-8") as handle:
        return {row["partner_key"]: row["kind"] for row in csv.DictReader(handle)}


def _fill(edit: Refill, source: _Source, period: Period, values: Values, *, decimals: int) -> None:
    """Every value cell of the template from ``values``, and the header's months to ``period``'s."""
    rows = _rows(source)
    expected = {spec.partner_key for spec in rows}
    require_rows(values, expected, f"{source.layout} page of {period}")
    for spec in rows:
        row = values[spec.partner_key]
        if set(row) != set(source.columns):
            raise ValueError(
                f"{spec.partner_key}: columns {sorted(row)} given, the {source.layout} page prints "
                f"{list(source.columns)}"
            )
        for index, column in enumerate(source.columns, start=1):
            yoy = column.startswith("yoy_")
            try:
                text = format_value(row[column], 1 if yoy else decimals, separators=not yoy)
            except ValueError as exc:
                raise ValueError(f"{spec.partner_key} {column}: {exc}") from None
            edit.set_cell(spec.row, index, text)
    if source.period.month != period.month:
        edit.set_header_period(source.period.month, period.month)


def _set_unit(edit: Refill, source: _Source, text: str) -> None:
    where = edit.template.unit_cell
    if where is None:
        raise ValueError(f"{source.url}: no unit row")
    edit.set_cell(*where, text)


def _href_period(source: _Source, period: Period) -> str:
    """The period in the Excel file name: ``2026-03``, ``2026-06``; ``2025-1-2`` for the combined release."""
    if source.layout == "jan_feb":
        return f"{period.year}-1-2"
    return f"{period.year}-{period.month:02d}"
