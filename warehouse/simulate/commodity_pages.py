"""Major-commodity pages of a simulated month, written in GACC's real layout by refilling GACC's real pages.

Preliminary (5) major exports and (6) major imports (CNY 100 million or USD 1 million), bulletin (13)
major export and (14) major import commodities (US$1,000). As for the by-country pages
(``warehouse.simulate.pages``), each page starts from a real one, kept byte for byte, and changes only what
GACC changes from month to month: the numbers in the value cells, the period in the title (everywhere the
page repeats it), the page date, the month and year numbers of the header, the currency (title, unit row,
Excel link) and the period in the Excel file name. Rows — their order, labels, quantity units and
indentation — stay as on the real page, so the commodity set is the template's
(``preliminary_commodity_rows``, ``bulletin_commodity_rows``, keyed through
``reference/commodity_aliases.csv``).

Which real page serves as template (``commodity_template`` says it for any page):

* preliminary (5) exports: 2018–2019 the May 2019 CNY page (2019 wording, aggregates last, ``May`` /
  ``Jan-May in Total`` headers; January stands alone, headed ``January`` / ``Jan-January in Total`` — no
  2018–2019 January page is held, so that wording is a guess the parser accepts); 2020–2025 the May 2025
  CNY page, except USD months of 2025 after February, which use the April 2025 USD page **without
  quantity-unit cells** (the only such page seen; GACC may have printed others with units — unverified);
  from 2026 the May 2026 CNY / USD pages (2026 HS-style labels). Jan–Feb combined releases (from 2020):
  2020–2025 the real Jan–Feb 2025 CNY page; from 2026 the May 2026 page with its month block removed (no
  real 2026 Jan–Feb page is held).
* preliminary (6) imports: the May 2026 CNY page for every year (the only (6) page held; 2026 wording and
  header style even on a 2019 page), and for Jan–Feb the same page with its month block removed.
* bulletin (13) exports, from 2020 (the 2018–2019 catalogue differs and no page of it is held; its lines
  would not even conform: footwear is counted in pairs on the 2022 page, in tons in 2019 per
  ``reference/commodity_dimension_history.csv``): nearest year — the 1-1.2022 page through 2023, the
  1-6.2025 page for 2024–2025, the 1-7.2026 page from 2026. Januaries before 2026 keep the ``1to1`` block
  (as the 1-1.2022 page prints it); from 2026 January is month-only (as the (14) 1.2026 page), derived from
  the 1-7.2026 page with its ``1toM`` block removed.
* bulletin (14) imports, from 2020: the 7.2026 page; January from 2026 on the 1.2026 page (month only),
  before 2026 on the 7.2026 page with ``1to1``.

A derived template is cut from a real page by deleting whole grid columns (and narrowing the cells spanning
them); everything else of the real page stays.

Values are given per commodity and column, in the page's printed unit: preliminary values with one decimal,
quantities with the decimals the template prints on that line (one, but whole ships on the 2019 page), YoY %
with one decimal and no thousands separator; bulletin values and quantities as integers. ``None`` prints
GACC's ``-``, ``Verbatim`` prints its text as is (``*REF!``). A line the page prints without a quantity unit
(value-only aggregates such as ``Hi-tech products*``) must have no quantities.

Year numbers move with the period: a header or Excel name printing a year N years before the template's
period prints one N years before the page's (the May 2026 (6) page labels its prior-year block ``2024``, the
Jan–Feb 2025 page's Excel name says ``2024-1-2``: those stale years stay stale by as much).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from warehouse.conform.commodities import commodity_aliases
from warehouse.parse.hierarchy import indent_levels, parents
from warehouse.parse.identity import mislabels
from warehouse.parse.labels import label_key, split_indent
from warehouse.parse.numbers import parse_number
from warehouse.parse.titles import Product
from warehouse.parse.units import unit_key, value_unit
from warehouse.periods import Period
from warehouse.settings import PROJECT_ROOT
from warehouse.simulate.printing import Printed, Verbatim, format_value, require_rows
from warehouse.simulate.refill import (
    Refill,
    Template,
    bulletin_title,
    drop_columns,
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

__all__ = [
    "BULLETIN_MONTH",
    "BULLETIN_MONTH_YTD",
    "PRELIMINARY_JAN_FEB",
    "PRELIMINARY_MONTH_YTD",
    "CommodityRow",
    "CommodityValues",
    "Printed",
    "TemplateChoice",
    "Verbatim",
    "bulletin_commodity_layout",
    "bulletin_commodity_rows",
    "commodity_template",
    "preliminary_commodity_layout",
    "preliminary_commodity_rows",
    "render_bulletin_commodities",
    "render_preliminary_commodities",
]

# Column names of each layout, in the order the page prints them after the label (and quantity unit).
# Preliminary: the month, January to the month, the same span a year earlier, and the YoY % of the
# cumulative span. The Jan–Feb release prints the cumulative blocks only (its span is ``jan_feb``).
PRELIMINARY_MONTH_YTD = (
    "quantity_month",
    "value_month",
    "quantity_ytd",
    "value_ytd",
    "quantity_ytd_prior",
    "value_ytd_prior",
    "yoy_quantity",
    "yoy_value",
)
PRELIMINARY_JAN_FEB = (
    "quantity_ytd",
    "value_ytd",
    "quantity_ytd_prior",
    "value_ytd_prior",
    "yoy_quantity",
    "yoy_value",
)
# Bulletin: the month, January to the month, and the YoY % of the month alone ("Percentage Change").
BULLETIN_MONTH_YTD = (
    "quantity_month",
    "value_month",
    "quantity_ytd",
    "value_ytd",
    "yoy_quantity",
    "yoy_value",
)
BULLETIN_MONTH = ("quantity_month", "value_month", "yoy_quantity", "yoy_value")

CommodityValues = Mapping[str, Mapping[str, Printed]]

_FLOWS = ("export", "import")
_BULLETIN_UNIT = "Unit:US$1,000"  # as the 2026 pages print it
_MISSING_UNIT = {"", "-", "—", "–"}
# Real GACC pages, byte-identical copies (provenance: samples/templates/README.md).
_PAGES = _RAW = PROJECT_ROOT / "samples" / "templates"
_ORIGIN = "http://english.customs.gov.cn/Statics/"


@dataclass(frozen=True)
class CommodityRow:
    """One data line of a template: what it prints and which commodity it is."""

    row: int  # the line's ``<tr>`` number on the page (the parsed frame's ``source_row``)
    label: str  # as printed, indentation and padding removed ("Hi-tech products*", "*Agricultural Products")
    commodity_key: str  # reference/commodities.csv, through reference/commodity_aliases.csv
    indent_level: int  # as the parser ranks the printed indentation (0 = not indented)
    parent_key: str | None  # the line printed above it at a lower level (layout, not a semantic hierarchy)
    quantity_unit: str | None  # the unit cell as printed ("10,000 Tons", "10000T"); None: "-" or no cell
    counted: bool  # the page prints quantities on this line (False: a value-only line, quantities "-")
    quantity_decimals: int  # decimals the page prints in this line's quantity cells


@dataclass(frozen=True)
class TemplateChoice:
    """Which real page a simulated page is refilled from, and the layout the parser will read."""

    file: str  # the real page's file name (in samples/templates)
    period: Period  # the real page's own period
    currency: str
    layout: str  # the parser's layout name: month_ytd | month_ytd_no_unit | jan_feb (preliminary);
    # month_ytd | january (bulletin)
    dropped: tuple[int, ...]  # grid columns removed to derive the layout from the page; () for the page as is
    columns: tuple[str, ...]  # the value columns, in printed order


@dataclass(frozen=True)
class _Source:
    """A real page used as a template, and what it is."""

    product: Product
    flow: str
    file: Path
    period: Period
    currency: str
    layout: str
    columns: tuple[str, ...]
    href_token: str  # the period as the template's Excel file name prints it ("2026-05", "2024-1-2")
    href_format: str  # the same for a rendered page: ``{year}``, ``{month}`` (``{month:02d}``)
    year_offset: int = 0  # the Excel name's year minus the page's year (-1 on the Jan–Feb 2025 page)
    dropped: tuple[int, ...] = ()  # grid columns deleted to derive this layout

    @property
    def url(self) -> str:
        return _ORIGIN + self.file.name

    @property
    def choice(self) -> TemplateChoice:
        return TemplateChoice(
            self.file.name, self.period, self.currency, self.layout, self.dropped, self.columns
        )

    @property
    def first_value_cell(self) -> int:
        """Cells before the values: label and quantity unit, or the label alone on a page without units."""
        return 1 if self.layout == "month_ytd_no_unit" else 2


_PRELIMINARY = Product.PRELIMINARY
_BULLETIN = Product.BULLETIN
_P5_2019 = _Source(
    _PRELIMINARY,
    "export",
    _PAGES / "release_section5_major_exports_may2019_cny.html",
    Period(2019, 5),
    "CNY",
    "month_ytd",
    PRELIMINARY_MONTH_YTD,
    "2019年5月",
    "{year}年{month}月",
)
_P5_2025 = _Source(
    _PRELIMINARY,
    "export",
    _RAW / "hoyla-meridian__release_section5_major_exports_may2025_cny.html",
    Period(2025, 5),
    "CNY",
    "month_ytd",
    PRELIMINARY_MONTH_YTD,
    "2025-5",
    "{year}-{month}",
)
_P5_2025_NO_UNIT = _Source(
    _PRELIMINARY,
    "export",
    _PAGES / "release_section5_major_exports_apr2025_usd.html",
    Period(2025, 4),
    "USD",
    "month_ytd_no_unit",
    PRELIMINARY_MONTH_YTD,
    "2025-4",
    "{year}-{month}",
)
_P5_JAN_FEB_2025 = _Source(
    _PRELIMINARY,
    "export",
    _RAW / "hoyla-meridian__release_section5_major_exports_janfeb2025_cny.html",
    Period(2025, 2),
    "CNY",
    "jan_feb",
    PRELIMINARY_JAN_FEB,
    "2024-1-2",
    "{year}-1-2",
    year_offset=-1,
)
_P5_2026 = {
    currency: _Source(
        _PRELIMINARY,
        "export",
        _PAGES / f"release_section5_major_exports_may2026_{currency.lower()}.html",
        Period(2026, 5),
        currency,
        "month_ytd",
        PRELIMINARY_MONTH_YTD,
        "2026-05",
        "{year}-{month:02d}",
    )
    for currency in ("CNY", "USD")
}
_P6_2026 = _Source(
    _PRELIMINARY,
    "import",
    _PAGES / "release_section6_major_imports_may2026_cny.html",
    Period(2026, 5),
    "CNY",
    "month_ytd",
    PRELIMINARY_MONTH_YTD,
    "2026-05",
    "{year}-{month:02d}",
)


def _jan_feb_of(source: _Source) -> _Source:
    """A regular month's page as the combined January–February release: its month block (the quantity and
    value columns after the unit) removed, the Excel name in the Jan–Feb form."""
    return _Source(
        source.product,
        source.flow,
        source.file,
        source.period,
        source.currency,
        "jan_feb",
        PRELIMINARY_JAN_FEB,
        source.href_token,
        "{year}-1-2",
        dropped=(2, 3),
    )


_P5_JAN_FEB_2026 = {currency: _jan_feb_of(source) for currency, source in _P5_2026.items()}
_P6_JAN_FEB = _jan_feb_of(_P6_2026)


def _bulletin_page(flow: str, file: str, period: Period, layout: str) -> _Source:
    columns = BULLETIN_MONTH if layout == "january" else BULLETIN_MONTH_YTD
    token = f"{period.year}-{period.month:02d}"
    return _Source(
        _BULLETIN, flow, _PAGES / file, period, "USD", layout, columns, token, "{year}-{month:02d}"
    )


_B13_2022 = _bulletin_page(
    "export", "bulletin_t13_major_exports_2022-01_usd.html", Period(2022, 1), "month_ytd"
)
_B13_2025 = _bulletin_page(
    "export", "bulletin_t13_major_exports_2025-06_usd.html", Period(2025, 6), "month_ytd"
)
_B13_2026 = _bulletin_page(
    "export", "bulletin_t13_major_exports_2026-07_usd.html", Period(2026, 7), "month_ytd"
)
_B13_2026_JANUARY = _Source(
    _BULLETIN,
    "export",
    _B13_2026.file,
    _B13_2026.period,
    "USD",
    "january",
    BULLETIN_MONTH,
    _B13_2026.href_token,
    _B13_2026.href_format,
    dropped=(4, 5),  # the 1toM quantity and value
)
_B14_2026_JANUARY = _bulletin_page(
    "import", "bulletin_t14_major_imports_2026-01_usd.html", Period(2026, 1), "january"
)
_B14_2026 = _bulletin_page(
    "import", "bulletin_t14_major_imports_2026-07_usd.html", Period(2026, 7), "month_ytd"
)

_UNIT_PREFIX = re.compile(r"^(?:Value\s+)?Unit\s*[:：]\s*", re.I)
_CURRENCY_CODE = re.compile(r"(?<![A-Za-z])(CNY|cny|USD|usd)(?![A-Za-z])")


# --- choosing a template -----------------------------------------------------------------------------------


def commodity_template(
    product: Product | str, flow: str, period: Period, currency: str | None = None
) -> TemplateChoice:
    """The real page (and the columns cut from it, if any) a commodity page of ``period`` is refilled from.

    ``currency`` is required for a preliminary page (CNY or USD); a bulletin page is in US$1,000. Raises
    ValueError for a page GACC did not publish (before 2018, a preliminary January from 2020: it is in the
    January–February release; a currency other than CNY/USD) or one no held page can stand for (a bulletin
    commodity page before 2020).
    """
    product = Product(product)
    if product is Product.PRELIMINARY:
        return _preliminary_source(flow, period, currency or "").choice
    if currency not in (None, "USD"):
        raise ValueError(f"bulletin pages are in US$1,000, not {currency!r}")
    return _bulletin_commodity_source(flow, period).choice


def preliminary_commodity_layout(flow: str, period: Period, currency: str) -> str:
    """The parser's layout of the preliminary (5)/(6) page: ``month_ytd`` (10 cells), ``month_ytd_no_unit``
    (2025 USD exports: label, 8 numbers and an empty cell — no unit cell) or ``jan_feb`` (8 cells).

    The flow matters: only an exports page without unit cells is known, so imports keep theirs."""
    return _preliminary_source(flow, period, currency).layout


def bulletin_commodity_layout(flow: str, period: Period) -> str:
    """``month_ytd`` (8 cells), or ``january`` (6 cells: month only) for January from 2026."""
    return _bulletin_commodity_source(flow, period).layout


def preliminary_commodity_rows(flow: str, period: Period, currency: str) -> list[CommodityRow]:
    """The lines the preliminary (5) (``flow="export"``) or (6) (``"import"``) page of ``period`` prints.

    On a page without unit cells (2025 USD exports) ``quantity_unit`` is None on every line; the quantities
    are in the units of the CNY twin page (``preliminary_commodity_rows(flow, period, "CNY")``, same lines).
    """
    return list(_rows(_preliminary_source(flow, period, currency)))


def bulletin_commodity_rows(flow: str, period: Period) -> list[CommodityRow]:
    """The lines the bulletin (13) (``flow="export"``) or (14) (``"import"``) page of ``period`` prints."""
    return list(_rows(_bulletin_commodity_source(flow, period)))


def _preliminary_source(flow: str, period: Period, currency: str) -> _Source:
    _check_flow(flow)
    if currency not in PRELIMINARY_UNIT_CODE:
        raise ValueError(f"preliminary pages are in CNY or USD, not {currency!r}")
    if period.year < 2018:
        raise ValueError(f"no preliminary page for {period}: GACC's English pages start in 2018")
    if period.year >= 2020 and period.month == 1:
        raise ValueError(f"no preliminary page for {period}: January is in the January–February release")
    jan_feb = jan_feb_release(period)
    if flow == "import":
        return _P6_JAN_FEB if jan_feb else _P6_2026
    if period.year <= 2019:
        return _P5_2019
    if jan_feb:
        return _P5_JAN_FEB_2025 if period.year <= 2025 else _P5_JAN_FEB_2026[currency]
    if period.year <= 2025:
        return _P5_2025_NO_UNIT if currency == "USD" and period.year == 2025 else _P5_2025
    return _P5_2026[currency]


def _bulletin_commodity_source(flow: str, period: Period) -> _Source:
    _check_flow(flow)
    if period.year < 2020:
        raise ValueError(
            f"no bulletin commodity template for {period}: the 2018–2019 catalogue differs from 2020's "
            "(releases.md §5.2) and no page of it is held"
        )
    january_alone = period.month == 1 and period.year >= 2026
    if flow == "import":
        return _B14_2026_JANUARY if january_alone else _B14_2026
    if january_alone:
        return _B13_2026_JANUARY
    if period.year <= 2023:
        return _B13_2022
    return _B13_2025 if period.year <= 2025 else _B13_2026


def _check_flow(flow: str) -> None:
    if flow not in _FLOWS:
        raise ValueError(f"flow is 'export' or 'import', not {flow!r}")


# --- templates and their lines ---------------------------------------------------------------------------


@cache
def _template(source: _Source) -> Template:
    content = source.file.read_bytes()
    if source.dropped:
        content = drop_columns(content, source.dropped, source.url, text_cells=2)
    return read_template(content, source.url, text_cells=2)


@cache
def _rows(source: _Source) -> tuple[CommodityRow, ...]:
    template = _template(source)
    aliases = commodity_aliases()
    lines = []
    for number in template.data_rows:
        cells = template.row(number).cells
        indent, label = split_indent(cells[0].text)
        key = aliases.get(label_key(label))
        if key is None:
            raise ValueError(
                f"{source.url}: row {number} label {label!r} is not in reference/commodity_aliases.csv"
            )
        quantities = [
            _text(cells[source.first_value_cell + i].text)
            for i, column in enumerate(source.columns)
            if column.startswith("quantity_")
        ]
        if source.first_value_cell == 2:
            printed = _text(cells[1].text)
            unit = None if printed in _MISSING_UNIT else printed
            counted = unit is not None
        else:  # no unit cell: a line is counted where the real page printed a quantity
            unit = None
            counted = any(parse_number(text) is not None for text in quantities)
        decimals = 0 if source.product is Product.BULLETIN else _decimals(quantities, default=1)
        lines.append((number, indent, label, key, unit, counted, decimals))
    keys = [line[3] for line in lines]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{source.url}: a commodity is printed twice")
    levels = indent_levels([line[1] for line in lines])
    return tuple(
        CommodityRow(number, label, key, level, parent, unit, counted, decimals)
        for (number, _, label, key, unit, counted, decimals), level, parent in zip(
            lines, levels, parents(levels, keys), strict=True
        )
    )


def _text(cell_text: str) -> str:
    return " ".join(cell_text.replace("\xa0", " ").split())


def _decimals(texts: list[str], *, default: int) -> int:
    """The decimals of the first number among a line's printed quantities (the 2019 page prints whole
    ships, ``492``, among one-decimal quantities)."""
    for text in texts:
        if parse_number(text) is not None:
            return len(text.split(".")[1]) if "." in text else 0
    return default


# --- rendering -----------------------------------------------------------------------------------------


def render_preliminary_commodities(
    flow: str, period: Period, currency: str, published_on: date, values: CommodityValues
) -> bytes:
    """The preliminary (5) (``flow="export"``) or (6) (``"import"``) page of ``period`` in ``currency``.

    ``values[commodity_key][column]``: every line of ``preliminary_commodity_rows`` and every column of the
    layout (``PRELIMINARY_MONTH_YTD``, or ``PRELIMINARY_JAN_FEB`` for the combined release), values in
    CNY 100 million or USD 1 million.
    """
    source = _preliminary_source(flow, period, currency)
    edit = Refill(_template(source))
    title = preliminary_title(edit.template.title, period, url=source.url, currency=currency)
    _fill(edit, source, period, values, decimals=1)
    if currency != source.currency:
        _set_preliminary_unit(edit, source, currency)
    _set_href(edit, source, period, currency)
    edit.set_title(title)
    edit.set_date(page_date(published_on))
    return edit.render()


def render_bulletin_commodities(
    flow: str, period: Period, published_on: date, values: CommodityValues
) -> bytes:
    """The bulletin (13) (``flow="export"``) or (14) (``"import"``) page of ``period`` (US$1,000).

    ``values[commodity_key][column]``: every line of ``bulletin_commodity_rows`` and every column of
    ``BULLETIN_MONTH_YTD`` (``BULLETIN_MONTH`` for January from 2026), values and quantities as integers.
    The unit row prints ``Unit:US$1,000`` — but GACC's ``Unit:RMB￥10,000`` where the template prints that
    mislabel and ``reference/value_unit_mislabels.csv`` says GACC printed it for ``period`` (1-6.2025).
    """
    source = _bulletin_commodity_source(flow, period)
    edit = Refill(_template(source))
    title = bulletin_title(edit.template.title, period, url=source.url)
    _fill(edit, source, period, values, decimals=0)
    _set_bulletin_unit(edit, source, period)
    _set_href(edit, source, period, "USD")
    edit.set_title(title)
    edit.set_date(page_date(published_on))
    return edit.render()


def _fill(edit: Refill, source: _Source, period: Period, values: CommodityValues, *, decimals: int) -> None:
    """Every value cell of the template from ``values``, and the header's months and years to ``period``'s."""
    lines = _rows(source)
    expected = {line.commodity_key for line in lines}
    where = f"{source.product} {source.flow} {source.layout} page of {period}"
    require_rows(values, expected, where, noun="line")
    for line in lines:
        row = values[line.commodity_key]
        if set(row) != set(source.columns):
            raise ValueError(
                f"{line.commodity_key}: columns {sorted(row)} given, the {source.layout} page prints "
                f"{list(source.columns)}"
            )
        _check_line(line, row)
        for index, column in enumerate(source.columns):
            if column.startswith("yoy_"):
                places, separators = 1, False
            else:
                places, separators = (
                    (line.quantity_decimals if column.startswith("quantity_") else decimals),
                    True,
                )
            try:
                text = format_value(row[column], places, separators=separators)
            except ValueError as exc:
                raise ValueError(f"{line.commodity_key} {column}: {exc}") from None
            edit.set_cell(line.row, source.first_value_cell + index, text)
    _set_header_period(edit, source, period)


def _check_line(line: CommodityRow, row: Mapping[str, Printed]) -> None:
    """What the parser would refuse, said in the simulator's terms: a quantity on a line the page prints
    without a unit, a quantity beside a missing value."""
    for column, value in row.items():
        if not column.startswith(("quantity_", "yoy_quantity")) or value is None:
            continue
        if not line.counted:
            raise ValueError(
                f"{line.commodity_key} {column}: the page prints {line.label!r} without a quantity unit, "
                "so it has no quantities"
            )
        beside = row.get(column.replace("quantity", "value"))
        number = column.startswith("quantity_") and isinstance(value, Decimal | int)
        if number and (beside is None or isinstance(beside, Verbatim)):
            raise ValueError(f"{line.commodity_key} {column}: a quantity without a value beside it")


def _set_header_period(edit: Refill, source: _Source, period: Period) -> None:
    """The header's months and years moved to ``period``'s (``refill.Refill.set_header_period``)."""
    # A combined release is "1-2": its template may be a regular month's page with the month block cut.
    new = 2 if source.layout == "jan_feb" else period.month
    edit.set_header_period(source.period.month, new, years=period.year - source.period.year)


def _set_preliminary_unit(edit: Refill, source: _Source, currency: str) -> None:
    where = edit.template.unit_cell
    if where is None:
        raise ValueError(f"{source.url}: no unit row")
    printed = _text(edit.template.row(where[0]).cells[where[1]].text)
    prefix = _UNIT_PREFIX.match(printed)
    if prefix is None:
        raise ValueError(f"{source.url}: unit row {printed!r}")
    wanted = _UNIT_PREFIX.sub("", preliminary_unit(currency))
    edit.set_cell(*where, prefix[0] + wanted)


def _set_bulletin_unit(edit: Refill, source: _Source, period: Period) -> None:
    """Keep the template's unit row where it is right for ``period``; print ``Unit:US$1,000`` otherwise."""
    where = edit.template.unit_cell
    if where is None:
        return  # the page prints no unit row (read as US$1,000)
    printed = _text(edit.template.row(where[0]).cells[where[1]].text)
    family = f"major_{source.flow}s"
    slips = mislabels().get((source.product.value, family, unit_key(printed)), [])
    if any(start <= period <= end and read_as == "USD_1K" for start, end, read_as in slips):
        return  # GACC's own mislabel of this period
    try:
        if value_unit(printed).code == "USD_1K":
            return
    except KeyError:
        pass
    edit.set_cell(*where, _BULLETIN_UNIT)


def _set_href(edit: Refill, source: _Source, period: Period, currency: str) -> None:
    """The Excel link: the period in the file name, and the currency (word and code) on a swapped page."""
    span = edit.template.excel_href
    if span is None:
        return
    href = edit.template.raw(span)
    year = period.year + source.year_offset
    new = source.href_format.format(year=year, month=period.month)
    href = replace_once(href, source.href_token, new, url=source.url)
    if currency != source.currency:
        word = CURRENCY_WORD[source.currency]
        if word in href:
            href = replace_once(href, word, CURRENCY_WORD[currency], url=source.url)
        codes = _CURRENCY_CODE.findall(href)
        if len(codes) != 1:
            raise ValueError(f"{source.url}: expected one currency code in {href!r}")
        new = currency.lower() if codes[0].islower() else currency
        href = _CURRENCY_CODE.sub(new, href)
    edit.set_excel_href(href)
