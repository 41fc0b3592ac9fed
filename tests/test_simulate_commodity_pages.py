"""Simulated major-commodity pages: real GACC pages refilled, proven against the goldens and the real parsers.

* Refilled with its own numbers, period and date, each real template — preliminary (5)/(6) of 2019, 2025
  and 2026, CNY and USD, the Jan–Feb release, the USD page without unit cells; bulletin (13)/(14) of 2022,
  2025 and 2026 — comes back byte for byte.
* Refilled with other numbers and periods (other years, months, currencies, and the layouts derived by
  cutting a block of columns), the warehouse's parser reads back exactly those numbers, the period, span,
  currency, value unit and quantity units, its own checks pass, and the conformer maps every line to its
  commodity with the quantity unit the page prints.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from conftest import GOLDEN, real_page

from warehouse.conform.commodities import commodities
from warehouse.conform.release import conform
from warehouse.parse.dispatch import parse_page
from warehouse.parse.identity import IndexHint
from warehouse.parse.page import read_article
from warehouse.parse.tidy import ParsedTable
from warehouse.parse.titles import Product
from warehouse.periods import Period
from warehouse.simulate.commodity_pages import (
    BULLETIN_MONTH,
    BULLETIN_MONTH_YTD,
    PRELIMINARY_JAN_FEB,
    PRELIMINARY_MONTH_YTD,
    CommodityRow,
    Verbatim,
    bulletin_commodity_layout,
    bulletin_commodity_rows,
    commodity_template,
    preliminary_commodity_layout,
    preliminary_commodity_rows,
    render_bulletin_commodities,
    render_preliminary_commodities,
)
from warehouse.simulate.refill import Refill, read_template
from warehouse.sources.gacc.archive import RawFile

URL = "http://english.customs.gov.cn/Statics/00000000-0000-4000-8000-000000000000.html"
Values = dict[str, dict[str, Decimal | Verbatim | None]]


@dataclass(frozen=True)
class Real:
    """A real page, what it is, and when GACC dated it."""

    name: str
    flow: str
    month: str  # its period, YYYY-MM
    currency: str
    dated: str  # its div.atcl-date, as an ISO date

    @property
    def path(self) -> Path:
        return real_page(self.name)

    @property
    def product(self) -> str:
        return "bulletin" if self.name.startswith("bulletin") else "preliminary"

    @property
    def period(self) -> Period:
        return Period.parse(self.month)

    @property
    def published_on(self) -> date:
        return date.fromisoformat(self.dated)

    @property
    def golden(self) -> Path:
        return GOLDEN / f"{self.path.stem}.csv"


REAL = [
    Real("release_section5_major_exports_may2026_cny.html", "export", "2026-05", "CNY", "2026-06-10"),
    Real("release_section5_major_exports_may2026_usd.html", "export", "2026-05", "USD", "2026-06-10"),
    Real("release_section6_major_imports_may2026_cny.html", "import", "2026-05", "CNY", "2026-06-10"),
    Real("release_section5_major_exports_apr2025_usd.html", "export", "2025-04", "USD", "2025-05-09"),
    Real("release_section5_major_exports_may2019_cny.html", "export", "2019-05", "CNY", "2019-06-10"),
    Real(
        "hoyla-meridian__release_section5_major_exports_janfeb2025_cny.html",
        "export",
        "2025-02",
        "CNY",
        "2025-03-11",
    ),
    Real(
        "hoyla-meridian__release_section5_major_exports_may2025_cny.html",
        "export",
        "2025-05",
        "CNY",
        "2025-06-10",
    ),
    Real("bulletin_t13_major_exports_2022-01_usd.html", "export", "2022-01", "USD", "2022-03-18"),
    Real("bulletin_t13_major_exports_2025-06_usd.html", "export", "2025-06", "USD", "2025-09-19"),
    Real("bulletin_t13_major_exports_2026-07_usd.html", "export", "2026-07", "USD", "2026-08-18"),
    Real("bulletin_t14_major_imports_2026-01_usd.html", "import", "2026-01", "USD", "2026-02-06"),
    Real("bulletin_t14_major_imports_2026-07_usd.html", "import", "2026-07", "USD", "2026-08-18"),
]


def _lines(product: str, flow: str, period: Period, currency: str) -> list[CommodityRow]:
    if product == "preliminary":
        return preliminary_commodity_rows(flow, period, currency)
    return bulletin_commodity_rows(flow, period)


def _render(
    product: str, flow: str, period: Period, currency: str, published_on: date, values: Values
) -> bytes:
    if product == "preliminary":
        return render_preliminary_commodities(flow, period, currency, published_on, values)
    return render_bulletin_commodities(flow, period, published_on, values)


def _printed(text: str) -> Decimal | Verbatim | None:
    """A golden file's printed cell as a value to print again (independent of the parser)."""
    text = text.strip()
    if text in ("-", ""):
        return None
    if not re.fullmatch(r"-?[\d,]+(?:\.\d+)?", text):
        return Verbatim(text)
    return Decimal(text.replace(",", ""))


def _golden_values(real: Real, lines: list[CommodityRow], columns: tuple[str, ...], first: int) -> Values:
    """``values[commodity][column]`` from the independent extraction; its cells after label (and unit)."""
    with open(real.golden, newline="", encoding="utf-8") as handle:
        rows = {int(row["source_row"]): row for row in csv.DictReader(handle)}
    spacer = int(all(row["cell_0"] == "" for row in rows.values()))  # the 2022 page's empty first column
    values: Values = {}
    for line in lines:
        row = rows[line.row]
        cells = [row[f"cell_{i}"] for i in range(spacer, len(row) - 2)]
        assert cells[0] == line.label
        values[line.commodity_key] = {
            column: _printed(cells[first + index]) for index, column in enumerate(columns)
        }
    return values


# --- the real templates come back byte for byte ---------------------------------------------------------


@pytest.mark.parametrize("real", REAL, ids=lambda r: r.path.stem.removeprefix("hoyla-meridian__"))
def test_each_real_page_comes_back_byte_for_byte(real: Real) -> None:
    choice = commodity_template(real.product, real.flow, real.period, real.currency)
    assert (choice.file, choice.period, choice.dropped) == (real.path.name, real.period, ())
    lines = _lines(real.product, real.flow, real.period, real.currency)
    first = 1 if choice.layout == "month_ytd_no_unit" else 2
    if real.path.name == "bulletin_t13_major_exports_2026-07_usd.html":
        # The golden rule leaves out the line whose value cells print Excel's "*REF!": give it as printed.
        trio = lines[-1]
        assert trio.label.startswith("New trio") and trio.row == 209 and not trio.counted
        known = _golden_values(real, lines[:-1], choice.columns, first)
        ref = Verbatim("*REF!")
        known[trio.commodity_key] = {c: None if "quantity" in c else ref for c in choice.columns}
        values = known
    else:
        values = _golden_values(real, lines, choice.columns, first)
    page = _render(real.product, real.flow, real.period, real.currency, real.published_on, values)
    assert page == real.path.read_bytes()


@pytest.mark.parametrize("real", REAL, ids=lambda r: r.path.stem.removeprefix("hoyla-meridian__"))
def test_lines_are_the_lines_the_parser_reads(real: Real) -> None:
    content = real.path.read_bytes()
    assert Refill(read_template(content, URL, text_cells=2)).render() == content
    parsed = parse_page(content, URL)
    lines = _lines(real.product, real.flow, real.period, real.currency)
    first = parsed.frame.unique("source_row", keep="first").sort("source_row")
    assert [line.row for line in lines] == first["source_row"].to_list()
    assert [line.label for line in lines] == first["label"].to_list()
    assert [line.indent_level for line in lines] == first["indent_level"].to_list()
    facts = _conformed(parsed, content).unique("source_row").sort("source_row")
    assert [line.commodity_key for line in lines] == facts["commodity_key"].to_list()
    assert [line.parent_key for line in lines] == facts["parent_commodity_key"].to_list()
    units = parsed.frame.filter(pl.col("measure") == "quantity").unique("source_row").sort("source_row")
    assert dict(zip(units["source_row"], units["unit"], strict=True)) == {
        line.row: line.quantity_unit for line in lines
    }
    assert {line.commodity_key for line in lines} <= set(commodities())


def test_row_specs_say_what_the_page_prints() -> None:
    may2026 = {
        line.commodity_key: line for line in preliminary_commodity_rows("export", Period(2026, 5), "CNY")
    }
    assert len(may2026) == 31
    ships = next(line for line in may2026.values() if line.label == "Ships")
    assert (ships.quantity_unit, ships.counted, ships.quantity_decimals) == ("Ship", True, 1)
    hi_tech = next(line for line in may2026.values() if line.label == "Hi-tech products*")
    assert (hi_tech.quantity_unit, hi_tech.counted, hi_tech.indent_level, hi_tech.parent_key) == (
        None,
        False,
        0,
        None,
    )
    ic = next(line for line in may2026.values() if line.label == "Electronic integrated circuits")
    # printed two levels deep, but on too few lines to be a level of its own: read one level deep
    assert (ic.quantity_unit, ic.indent_level) == ("100 Million PCS", 1)
    assert ic.parent_key is not None and may2026[ic.parent_key].label.startswith("Mechanical and electrical")
    # 2019 prints whole ships among one-decimal quantities
    ships_2019 = next(
        line for line in preliminary_commodity_rows("export", Period(2019, 5), "CNY") if line.label == "Ships"
    )
    assert (ships_2019.quantity_unit, ships_2019.quantity_decimals) == ("ship", 0)
    # 2025 USD: no unit cells; the CNY twin has the same lines with their units
    usd = preliminary_commodity_rows("export", Period(2025, 9), "USD")
    cny = preliminary_commodity_rows("export", Period(2025, 9), "CNY")
    assert [line.commodity_key for line in usd] == [line.commodity_key for line in cny]
    assert all(line.quantity_unit is None for line in usd)
    assert [line.counted for line in usd] == [line.counted for line in cny]
    assert sum(line.counted for line in usd) == 17
    bulletin = bulletin_commodity_rows("export", Period(2026, 7))
    assert len(bulletin) == 205 and {line.quantity_decimals for line in bulletin} == {0}
    assert max(line.indent_level for line in bulletin) == 3
    assert len(bulletin_commodity_rows("import", Period(2026, 1))) == 173


# --- synthetic pages read back exactly ----------------------------------------------------------------------


def _synthetic(
    lines: list[CommodityRow], columns: tuple[str, ...], value_digit: Decimal, month: int
) -> Values:
    """Distinct, line-derived numbers in multiples of each cell's last printed digit. Value-only lines
    have no quantities; one counted line misses its month quantity, one line its prior-year value (and so
    its prior quantity), one YoY is large enough to print without a thousands separator."""
    found: Values = {}
    counted = [line.commodity_key for line in lines if line.counted]
    for index, line in enumerate(lines):
        quantity_digit = Decimal(1).scaleb(-line.quantity_decimals)
        value_month = value_digit * (1003 + 37 * index)
        quantity_month = quantity_digit * (511 + 13 * index)
        row: dict[str, Decimal | Verbatim | None] = {
            "value_month": value_month,
            "value_ytd": value_month * month + value_digit * index,
            "value_ytd_prior": value_month * month - value_digit * (index % 7),
            "quantity_month": quantity_month,
            "quantity_ytd": quantity_month * month + quantity_digit * index,
            "quantity_ytd_prior": quantity_month * month - quantity_digit * (index % 5),
            "yoy_value": Decimal(index * 7 % 400 - 150) / 10,
            "yoy_quantity": Decimal(index * 11 % 300 - 100) / 10,
        }
        if not line.counted:
            row |= {
                "quantity_month": None,
                "quantity_ytd": None,
                "quantity_ytd_prior": None,
                "yoy_quantity": None,
            }
        elif line.commodity_key == counted[1]:
            row |= {"quantity_month": None}  # GACC's "-" beside a value
        if index == 4:
            row |= {"value_ytd_prior": None, "quantity_ytd_prior": None, "yoy_value": Decimal("2613.5")}
        found[line.commodity_key] = {column: row[column] for column in columns}
    return found


def _read_back(parsed: ParsedTable, lines: list[CommodityRow]) -> Values:
    """The parsed frame in the simulator's terms: commodity by source row; column by measure, span and the
    period (the prior-year block is dated a year earlier)."""
    key = {line.row: line.commodity_key for line in lines}
    found: Values = {}
    for row in parsed.frame.iter_rows(named=True):
        measure = row["measure"]
        if measure.endswith("_yoy_pct"):
            column = f"yoy_{measure.removesuffix('_yoy_pct')}"
        elif row["span"] == "month":
            column = f"{measure}_month"
        else:
            prior = row["period"] != str(parsed.identity.period)
            column = f"{measure}_ytd{'_prior' if prior else ''}"
        cells = found.setdefault(key[row["source_row"]], {})
        assert column not in cells
        cells[column] = row["value"]
    return found


def _conformed(parsed: ParsedTable, content: bytes) -> pl.DataFrame:
    raw = RawFile(URL, URL, 200, datetime(2026, 11, 24, tzinfo=UTC), "", "", len(content), Path())
    release = conform(parsed, raw)
    assert release.fact_table == "fct_trade_by_commodity"
    return release.facts


def _date_of(printed: str) -> date:
    first, second, third = map(int, printed.split("/"))
    return date(first, second, third) if first > 31 else date(third, first, second)


PRELIMINARY_CASES = [
    # flow, period, currency, layout, template ("/cut": a block of columns removed), title's period,
    # printed date, period in the Excel file name
    ("export", "2018-09", "CNY", "month_ytd", "may2019_cny", "Sep. 2018", "10/12/2018", "2018年9月"),
    ("export", "2019-01", "USD", "month_ytd", "may2019_cny", "January 2019", "02/14/2019", "2019年1月"),
    ("export", "2019-12", "CNY", "month_ytd", "may2019_cny", "December 2019", "2020/01/14", "2019年12月"),
    (
        "export",
        "2021-02",
        "USD",
        "jan_feb",
        "janfeb2025_cny",
        "January-February 2021",
        "2021/03/07",
        "2020-1-2",
    ),
    ("export", "2022-07", "USD", "month_ytd", "may2025_cny", "July 2022", "2022/08/07", "2022-7"),
    (
        "export",
        "2025-09",
        "USD",
        "month_ytd_no_unit",
        "apr2025_usd",
        "September 2025",
        "2025/10/13",
        "2025-9",
    ),
    (
        "export",
        "2025-02",
        "USD",
        "jan_feb",
        "janfeb2025_cny",
        "January-February 2025",
        "2025/03/11",
        "2024-1-2",
    ),
    (
        "export",
        "2026-02",
        "CNY",
        "jan_feb",
        "may2026_cny/cut",
        "January-February 2026",
        "2026/03/10",
        "2026-1-2",
    ),
    ("export", "2027-10", "USD", "month_ytd", "may2026_usd", "Oct 2027", "2027/11/07", "2027-10"),
    ("import", "2019-03", "CNY", "month_ytd", "may2026_cny", "March 2019", "04/12/2019", "2019-03"),
    (
        "import",
        "2023-02",
        "USD",
        "jan_feb",
        "may2026_cny/cut",
        "January-February 2023",
        "2023/03/07",
        "2023-1-2",
    ),
    ("import", "2025-11", "USD", "month_ytd", "may2026_cny", "November 2025", "2025/12/08", "2025-11"),
    ("import", "2026-12", "CNY", "month_ytd", "may2026_cny", "Dec 2026", "2027/01/14", "2026-12"),
]


@pytest.mark.parametrize(
    ("flow", "month", "currency", "layout", "template", "title_period", "printed_date", "excel"),
    PRELIMINARY_CASES,
)
def test_preliminary_pages_parse_back_exactly(
    flow: str,
    month: str,
    currency: str,
    layout: str,
    template: str,
    title_period: str,
    printed_date: str,
    excel: str,
) -> None:
    period = Period.parse(month)
    choice = commodity_template("preliminary", flow, period, currency)
    name, cut = template.removesuffix("/cut"), template.endswith("/cut")
    assert (choice.layout, bool(choice.dropped)) == (layout, cut) and name in choice.file
    assert preliminary_commodity_layout(flow, period, currency) == layout
    lines = preliminary_commodity_rows(flow, period, currency)
    columns = PRELIMINARY_JAN_FEB if layout == "jan_feb" else PRELIMINARY_MONTH_YTD
    assert choice.columns == columns
    value_digit = Decimal("0.1")
    values = _synthetic(lines, columns, value_digit, 2 if layout == "jan_feb" else period.month)
    content = render_preliminary_commodities(flow, period, currency, _date_of(printed_date), values)
    hint = IndexHint(period=period, currency=currency, product=Product.PRELIMINARY)
    parsed = parse_page(content, URL, hint)  # the parser's checks: cells, header months, units
    identity = parsed.identity
    family = f"major_{flow}s"
    assert (identity.product, identity.family, identity.currency, identity.period, identity.layout) == (
        "preliminary",
        family,
        currency,
        period,
        layout,
    )
    assert identity.unit_code == {"CNY": "CNY_100M", "USD": "USD_1M"}[currency]
    number, word = ("5", "Exports") if flow == "export" else ("6", "Imports")
    assert identity.title == (
        f"({number}) China's Major {word} by Quantity and Value, {title_period} (in {currency})"
    )
    assert identity.date_printed == printed_date
    assert identity.excel_url is not None
    assert excel in read_template(content, URL, text_cells=2).raw(
        read_template(content, URL, text_cells=2).excel_href
    )  # type: ignore[arg-type]
    assert parsed.warnings == ()
    assert _read_back(parsed, lines) == values
    units = parsed.frame.filter(pl.col("measure") == "quantity").unique("source_row")
    assert dict(zip(units["source_row"], units["unit"], strict=True)) == {
        line.row: line.quantity_unit for line in lines
    }
    values_units = parsed.frame.filter(pl.col("measure") == "value")["unit"].unique().to_list()
    assert values_units == [identity.unit_code]
    facts = _conformed(parsed, content)
    assert set(facts["commodity_key"]) == {line.commodity_key for line in lines}
    printed_units = facts.filter(pl.col("quantity_unit_printed").is_not_null())
    assert set(printed_units["commodity_key"]) == {line.commodity_key for line in lines if line.quantity_unit}


BULLETIN_CASES = [
    # flow, period, layout, template ("/cut": a block of columns removed), title's period, printed date,
    # unit row
    ("export", "2020-02", "month_ytd", "2022-01", "1-2.2020", "2020/03/20", "Unit:US$1,000"),
    ("export", "2023-01", "month_ytd", "2022-01", "1-1.2023", "2023/02/20", "Unit:US$1,000"),
    ("export", "2024-01", "month_ytd", "2025-06", "1-1.2024", "2024/02/20", "Unit:US$1,000"),
    ("export", "2025-06", "month_ytd", "2025-06", "1-6.2025", "2025/07/20", "Unit:RMB￥10,000"),
    ("export", "2025-11", "month_ytd", "2025-06", "1-11.2025", "2025/12/20", "Unit:US$1,000"),
    ("export", "2026-01", "january", "2026-07/cut", "1-1.2026", "2026/02/06", "Unit:US$1,000"),
    ("export", "2027-03", "month_ytd", "2026-07", "1-3.2027", "2027/04/18", "Unit:US$1,000"),
    ("import", "2020-01", "month_ytd", "2026-07", "1.2020", "2020/02/20", "Unit:US$1,000"),
    ("import", "2024-05", "month_ytd", "2026-07", "5.2024", "2024/06/20", "Unit:US$1,000"),
    ("import", "2027-01", "january", "2026-01", "1.2027", "2027/02/06", "Unit:US$1,000"),
    ("import", "2028-12", "month_ytd", "2026-07", "12.2028", "2029/01/18", "Unit:US$1,000"),
]


@pytest.mark.parametrize(
    ("flow", "month", "layout", "template", "title_period", "printed_date", "unit"), BULLETIN_CASES
)
def test_bulletin_pages_parse_back_exactly(
    flow: str, month: str, layout: str, template: str, title_period: str, printed_date: str, unit: str
) -> None:
    period = Period.parse(month)
    choice = commodity_template("bulletin", flow, period)
    name, cut = template.removesuffix("/cut"), template.endswith("/cut")
    assert (choice.layout, bool(choice.dropped)) == (layout, cut) and name in choice.file
    assert bulletin_commodity_layout(flow, period) == layout
    lines = bulletin_commodity_rows(flow, period)
    columns = BULLETIN_MONTH if layout == "january" else BULLETIN_MONTH_YTD
    assert choice.columns == columns
    values = _synthetic(lines, columns, Decimal(1), period.month)
    content = render_bulletin_commodities(flow, period, _date_of(printed_date), values)
    parsed = parse_page(content, URL, IndexHint(period=period, product=Product.BULLETIN))
    identity = parsed.identity
    assert (identity.product, identity.family, identity.currency, identity.period, identity.layout) == (
        "bulletin",
        f"major_{flow}s",
        "USD",
        period,
        layout,
    )
    assert (identity.unit_printed, identity.unit_code) == (
        unit,
        "USD_1K",
    )  # a mislabel only where GACC made it
    assert identity.title.endswith(f"in Quantity and Value,{title_period}")
    assert identity.date_printed == printed_date
    assert identity.excel_url is not None and f"{period.year}-{period.month:02d}_M13" in identity.excel_url
    assert parsed.warnings == ()
    assert _read_back(parsed, lines) == values
    units = parsed.frame.filter(pl.col("measure") == "quantity").unique("source_row")
    assert dict(zip(units["source_row"], units["unit"], strict=True)) == {
        line.row: line.quantity_unit for line in lines
    }
    assert set(parsed.frame.filter(pl.col("measure").str.ends_with("yoy_pct"))["span"]) == {"month"}
    facts = _conformed(parsed, content)
    assert set(facts["commodity_key"]) == {line.commodity_key for line in lines}
    assert facts.filter(pl.col("quantity").is_not_null(), pl.col("quantity_base").is_null()).height == 0


def test_headers_follow_the_period() -> None:
    def header(content: bytes) -> list[str]:
        return [" ".join(cell.text.split()) for cell in read_article(content, URL).rows[2].cells]

    lines = preliminary_commodity_rows("export", Period(2019, 1), "USD")
    january_2019 = render_preliminary_commodities(
        "export",
        Period(2019, 1),
        "USD",
        date(2019, 2, 14),
        _synthetic(lines, PRELIMINARY_MONTH_YTD, Decimal("0.1"), 1),
    )
    assert header(january_2019)[2:] == [
        "January",
        "Jan-January in Total",
        "Jan-January 2018 in Total",
        "Jan-January Total Year-on-Year ±%",
    ]
    assert "Value Unit: USD1 Million" in january_2019.decode("utf-8")
    # the (6) template labels its prior-year block two years back ("1-5 Total, 2024" in 2026): so stays
    lines = preliminary_commodity_rows("import", Period(2024, 7), "USD")
    july_2024 = render_preliminary_commodities(
        "import",
        Period(2024, 7),
        "USD",
        date(2024, 8, 7),
        _synthetic(lines, PRELIMINARY_MONTH_YTD, Decimal("0.1"), 7),
    )
    assert header(july_2024)[2:] == ["7", "1-7 Total", "1-7 Total, 2022", "1-7 Total Year-On-Year(%)"]
    # a year GACC split over two elements ("1-4&nbsp;Total,20" + "24") is rewritten digit by digit
    lines = preliminary_commodity_rows("export", Period(2025, 12), "USD")
    december = render_preliminary_commodities(
        "export",
        Period(2025, 12),
        "USD",
        date(2026, 1, 14),
        _synthetic(lines, PRELIMINARY_MONTH_YTD, Decimal("0.1"), 12),
    )
    assert header(december)[2:] == ["12", "1-12 Total", "1-12 Total,2024", "1-12 Total, Year-On-Year(%)"]
    lines = bulletin_commodity_rows("export", Period(2024, 1))
    january_2024 = render_bulletin_commodities(
        "export", Period(2024, 1), date(2024, 2, 20), _synthetic(lines, BULLETIN_MONTH_YTD, Decimal(1), 1)
    )
    assert header(january_2024)[2:] == ["1", "1to1", "Percentage Change"]  # fmt: skip


def test_only_text_changes_never_a_tag() -> None:
    """Every tag of the template is in the page, in order, byte for byte — but the Excel link's."""
    tags = re.compile(r"<[^>]*>")
    for template, content in (
        (
            real_page("release_section6_major_imports_may2026_cny.html"),
            render_preliminary_commodities(
                "import",
                Period(2024, 7),
                "USD",
                date(2024, 8, 7),
                _synthetic(
                    preliminary_commodity_rows("import", Period(2024, 7), "USD"),
                    PRELIMINARY_MONTH_YTD,
                    Decimal("0.1"),
                    7,
                ),
            ),
        ),
        (
            real_page("bulletin_t13_major_exports_2022-01_usd.html"),
            render_bulletin_commodities(
                "export",
                Period(2021, 9),
                date(2021, 10, 20),
                _synthetic(
                    bulletin_commodity_rows("export", Period(2021, 9)), BULLETIN_MONTH_YTD, Decimal(1), 9
                ),
            ),
        ),
    ):
        before, after = (
            tags.findall(template.read_bytes().decode("utf-8")),
            tags.findall(content.decode("utf-8")),
        )
        changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        assert len(changed) == 1 and "\\Excel\\" in changed[0][0]
    href = read_template(content, URL, text_cells=2)
    assert href.excel_href is not None and href.raw(href.excel_href).endswith("2021-09_M133USD.xls")


def test_derived_layouts_have_the_real_ones_shape() -> None:
    """A layout cut from a real page (month block or 1toM block removed) has the rows and spans of the real
    page of that layout: the Jan–Feb 2025 (5) page, the 1.2026 (14) page."""

    def shape(content: bytes) -> list[list[tuple[int, int]]]:
        rows = read_template(content, URL, text_cells=2).rows
        return [[(cell.colspan, cell.rowspan) for cell in row.cells] for row in rows[:5]]

    lines = preliminary_commodity_rows("import", Period(2026, 2), "CNY")
    jan_feb = render_preliminary_commodities(
        "import",
        Period(2026, 2),
        "CNY",
        date(2026, 3, 10),
        _synthetic(lines, PRELIMINARY_JAN_FEB, Decimal("0.1"), 2),
    )
    real_jan_feb = real_page(
        "hoyla-meridian__release_section5_major_exports_janfeb2025_cny.html"
    ).read_bytes()
    assert shape(jan_feb) == shape(real_jan_feb)
    lines = bulletin_commodity_rows("export", Period(2026, 1))
    january = render_bulletin_commodities(
        "export", Period(2026, 1), date(2026, 2, 6), _synthetic(lines, BULLETIN_MONTH, Decimal(1), 1)
    )
    template = read_template(january, URL, text_cells=2)
    assert {len(template.row(n).cells) for n in template.data_rows} == {6}
    assert [" ".join(c.text.split()) for c in template.row(3).cells] == [
        "Commodity",
        "Quantity Unit",
        "1",
        "Percentage Change",
    ]


def test_spreadsheet_errors_print_as_gacc_left_them() -> None:
    lines = bulletin_commodity_rows("export", Period(2026, 9))
    values = _synthetic(lines, BULLETIN_MONTH_YTD, Decimal(1), 9)
    trio = lines[-1].commodity_key
    values[trio] = values[trio] | {"value_ytd": Verbatim("*REF!"), "yoy_value": Verbatim("*REF!")}
    parsed = parse_page(
        render_bulletin_commodities("export", Period(2026, 9), date(2026, 10, 18), values), URL
    )
    assert parsed.warnings == (
        "row 209, column 5: '*REF!' (a spreadsheet error) read as missing",
        "row 209, column 7: '*REF!' (a spreadsheet error) read as missing",
    )
    read = _read_back(parsed, lines)[trio]
    assert (
        read["value_ytd"] is None
        and read["yoy_value"] is None
        and read["value_month"] == values[trio]["value_month"]
    )


# --- refusals --------------------------------------------------------------------------------------------


def test_pages_gacc_did_not_publish_are_refused() -> None:
    with pytest.raises(ValueError, match="January–February"):
        preliminary_commodity_rows("export", Period(2021, 1), "CNY")
    with pytest.raises(ValueError, match="start in 2018"):
        preliminary_commodity_layout("import", Period(2017, 12), "CNY")
    with pytest.raises(ValueError, match="2018–2019 catalogue differs"):
        bulletin_commodity_rows("export", Period(2019, 12))
    with pytest.raises(ValueError, match="CNY or USD"):
        preliminary_commodity_layout("export", Period(2024, 4), "EUR")
    with pytest.raises(ValueError, match="US\\$1,000"):
        commodity_template("bulletin", "export", Period(2024, 4), "CNY")
    with pytest.raises(ValueError, match="flow"):
        bulletin_commodity_layout("total", Period(2024, 4))
    layouts = [preliminary_commodity_layout("export", Period(2025, m), "USD") for m in (2, 3, 12)]
    assert layouts == ["jan_feb", "month_ytd_no_unit", "month_ytd_no_unit"]
    assert preliminary_commodity_layout("export", Period(2024, 3), "USD") == "month_ytd"
    assert preliminary_commodity_layout("export", Period(2019, 1), "CNY") == "month_ytd"


def test_values_must_match_the_page_exactly() -> None:
    period = Period(2024, 7)
    lines = preliminary_commodity_rows("export", period, "CNY")
    values = _synthetic(lines, PRELIMINARY_MONTH_YTD, Decimal("0.1"), 7)
    counted = next(line for line in lines if line.counted).commodity_key
    value_only = next(line for line in lines if not line.counted).commodity_key

    def render(v: Values) -> bytes:
        return render_preliminary_commodities("export", period, "CNY", date(2024, 8, 7), v)

    with pytest.raises(ValueError, match=f"no values for {counted}"):
        render({k: v for k, v in values.items() if k != counted})
    with pytest.raises(ValueError, match="prints no line for zzz"):
        render(values | {"zzz": values[counted]})
    with pytest.raises(ValueError, match="columns"):
        render(values | {counted: {k: v for k, v in values[counted].items() if k != "yoy_value"}})
    with pytest.raises(ValueError, match=r"value_month: 1\.25 has more than 1 decimals"):
        render(values | {counted: values[counted] | {"value_month": Decimal("1.25")}})
    with pytest.raises(ValueError, match="without a quantity unit"):
        render(values | {value_only: values[value_only] | {"quantity_month": Decimal(5)}})
    with pytest.raises(ValueError, match="a quantity without a value beside it"):
        render(values | {counted: values[counted] | {"value_ytd": None}})
    bulletin = bulletin_commodity_rows("import", Period(2024, 5))
    b_values = _synthetic(bulletin, BULLETIN_MONTH_YTD, Decimal(1), 5)
    key = bulletin[1].commodity_key
    with pytest.raises(ValueError, match="more than 0 decimals"):
        render_bulletin_commodities(
            "import",
            Period(2024, 5),
            date(2024, 6, 20),
            b_values | {key: b_values[key] | {"quantity_ytd": Decimal("1.5")}},
        )
