"""Simulated by-country pages: real GACC pages refilled, proven against the goldens and the real parsers.

* Refilled with its own numbers, period and date, each real template comes back byte for byte — so a
  refill touches nothing but what it means to.
* Refilled with other numbers and periods, the warehouse's parser reads back exactly those numbers, the
  period, span, currency and unit, and its own arithmetic checks pass (test values are built bottom-up from
  the row hierarchy, so totals add up as GACC's do).
* A page whose layout GACC "changed" (a column dropped) is refused with a typed ``ParseError``.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import polars as pl
import pytest
from conftest import GOLDEN, SITE

from warehouse.conform.partners import conform_by_country
from warehouse.errors import NoTableError, ParseError, UnsupportedTableError
from warehouse.parse.dispatch import parse_page
from warehouse.parse.identity import IndexHint
from warehouse.parse.page import read_article
from warehouse.parse.titles import Product, parse_title
from warehouse.periods import Period
from warehouse.simulate import pages, printing
from warehouse.simulate.pages import (
    JAN_FEB,
    MONTH,
    MONTH_YTD,
    RowSpec,
    bulletin_by_country_rows,
    preliminary_by_country_rows,
    render_bulletin_by_country,
    render_preliminary_by_country,
)
from warehouse.simulate.printing import Verbatim
from warehouse.simulate.refill import Refill, TemplateError, drop_column, read_template

STATICS = SITE / "Statics"
MAR_2026 = STATICS / "2e61c8a1-17b2-4074-b909-c039ccf8c8fb.html"
JANFEB_2025 = STATICS / "2ab97956-c57d-4387-8d60-a141b5a5b48b.html"
JAN_2018 = STATICS / "851cff3d-297f-4cf3-a500-5241199cc957.html"
BULLETIN_1_2026 = STATICS / "6e9d4074-409f-46a1-883c-3278c5b5b31c.html"
BULLETIN_6_2026 = STATICS / "2d569f57-a86e-4d63-94fb-d3000b039aa7.html"
URL = "http://english.customs.gov.cn/Statics/00000000-0000-4000-8000-000000000000.html"
TABLE_TEMPLATES = [MAR_2026, JANFEB_2025, BULLETIN_1_2026, BULLETIN_6_2026]


def _printed(text: str) -> Decimal | Verbatim | None:
    """A golden file's printed cell as a value to print again (independent of the parser)."""
    text = text.strip()
    if text in ("-", ""):
        return None
    if set(text) == {"#"}:
        return Verbatim(text)
    return Decimal(text.replace(",", ""))


def _golden_preliminary(name: str, specs: list[RowSpec], columns: tuple[str, ...]) -> dict[str, dict]:
    path = GOLDEN / name
    if path.suffix == ".csv":
        with open(path, newline="", encoding="utf-8") as handle:
            lines = list(csv.reader(handle))[1:]
    else:  # the Jan–Feb transcription: tab-separated, header and note lines among the rows
        lines = [
            fields
            for fields in (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines())
            if len(fields) == len(columns) + 1 and fields[0] != "Export Destination"
        ]
    assert [fields[0] for fields in lines] == [spec.label for spec in specs]
    return {
        spec.partner_key: dict(zip(columns, map(_printed, fields[1:]), strict=True))
        for spec, fields in zip(specs, lines, strict=True)
    }


def _golden_bulletin(name: str, specs: list[RowSpec], columns: tuple[str, ...]) -> dict[str, dict]:
    with open(GOLDEN / name, newline="", encoding="utf-8") as handle:
        by_row = {int(row["source_row"]): row for row in csv.DictReader(handle)}
    assert sorted(by_row) == [spec.row for spec in specs]
    return {
        spec.partner_key: {
            column: _printed(by_row[spec.row][f"cell_{index}"])
            for index, column in enumerate(columns, start=1)
        }
        for spec in specs
    }


# --- the real templates come back byte for byte ---------------------------------------------------------


def test_mar_2026_comes_back_byte_for_byte() -> None:
    values = _golden_preliminary(
        "2026-03_prelim_t04_by-country_cny.csv", preliminary_by_country_rows(jan_feb=False), MONTH_YTD
    )
    page = render_preliminary_by_country(Period(2026, 3), "CNY", date(2026, 4, 8), values)
    assert page == MAR_2026.read_bytes()


def test_jan_feb_2025_comes_back_byte_for_byte() -> None:
    values = _golden_preliminary(
        "2025-02_prelim_t04_by-country_jan-feb_cny.txt", preliminary_by_country_rows(jan_feb=True), JAN_FEB
    )
    page = render_preliminary_by_country(Period(2025, 2), "CNY", date(2025, 3, 11), values)
    assert page == JANFEB_2025.read_bytes()


def test_bulletin_1_2026_comes_back_byte_for_byte() -> None:
    values = _golden_bulletin(
        "bulletin_t02_by_country_2026-01_usd.csv", bulletin_by_country_rows(month_only=True), MONTH
    )
    assert (
        render_bulletin_by_country(Period(2026, 1), date(2026, 4, 8), values) == BULLETIN_1_2026.read_bytes()
    )


def test_bulletin_6_2026_comes_back_byte_for_byte_overflow_cells_and_all() -> None:
    values = _golden_bulletin(
        "bulletin_t02_by_country_2026-06_usd.csv", bulletin_by_country_rows(month_only=False), MONTH_YTD
    )
    assert sum(isinstance(v, Verbatim) for row in values.values() for v in row.values()) == 5
    assert (
        render_bulletin_by_country(Period(2026, 6), date(2026, 7, 22), values) == BULLETIN_6_2026.read_bytes()
    )


def test_jan_2018_image_page_comes_back_byte_for_byte() -> None:
    assert (
        render_preliminary_by_country(Period(2018, 1), "CNY", date(2018, 3, 8), {}) == JAN_2018.read_bytes()
    )


@pytest.mark.parametrize("path", [*TABLE_TEMPLATES, JAN_2018], ids=lambda p: p.name[:8])
def test_a_refill_without_edits_is_the_page(path: Path) -> None:
    content = path.read_bytes()
    assert Refill(read_template(content, URL)).render() == content


# --- the engine reads the rows the parser reads -----------------------------------------------------------


@pytest.mark.parametrize("path", TABLE_TEMPLATES, ids=lambda p: p.name[:8])
def test_template_data_rows_are_the_rows_the_parser_reads(path: Path) -> None:
    content = path.read_bytes()
    template = read_template(content, URL)
    parsed = parse_page(content, URL)
    assert list(template.data_rows) == sorted(parsed.frame["source_row"].unique())
    # header rows: the two above the data; title, unit row, notes and spacer rows are neither
    assert template.header_rows == (3, 4)
    assert len(template.rows) == len(read_article(content, URL).rows)
    width = len(template.row(template.data_rows[0]).cells)
    assert all(len(template.row(n).cells) == width for n in template.data_rows)
    assert all(template.row(n).cells[i].printed for n in template.data_rows for i in range(1, width))


def test_specs_follow_the_reference_nesting() -> None:
    preliminary = {spec.partner_key: spec for spec in preliminary_by_country_rows(jan_feb=False)}
    assert [spec.label for spec in preliminary_by_country_rows(jan_feb=True)] == [
        spec.label for spec in preliminary.values()
    ]
    assert len(preliminary) == 30
    assert (preliminary["DEU"].label, preliminary["DEU"].parent_key) == ("of which: Germany", "EU")
    assert (preliminary["NLD"].parent_key, preliminary["USA"].parent_key) == ("EU", None)
    assert preliminary["WORLD"].kind == "world" and preliminary["ASEAN"].kind == "bloc"
    bulletin = bulletin_by_country_rows(month_only=False)
    assert len(bulletin) == len({spec.partner_key for spec in bulletin}) == 271
    kinds = {spec.partner_key: spec.kind for spec in bulletin}
    assert [k for k, kind in kinds.items() if kind in ("region", "unallocated")] == [
        "ASIA",
        "AFRICA",
        "EUROPE",
        "LATAM",
        "NORTH_AMERICA",
        "OCEANIA",
        "UNKNOWN",
    ]
    assert [k for k, kind in kinds.items() if kind == "bloc"] == ["ASEAN", "EU", "APEC", "RCEP", "BRI"]
    assert [spec.partner_key for spec in bulletin_by_country_rows(month_only=True)] == list(kinds)


# --- synthetic pages read back exactly ----------------------------------------------------------------------


def _flow_values(index: int, unit: Decimal, month: int) -> dict[str, Decimal]:
    """Distinct, row-derived month and year-to-date values for export and import (total = their sum),
    in multiples of the page's last printed digit ``unit``."""
    export_month = unit * (10007 + 373 * index)
    import_month = unit * (6003 + 291 * index)
    export_ytd = export_month * month + unit * index
    import_ytd = import_month * month + unit * 2 * index
    return {
        "export_month": export_month,
        "import_month": import_month,
        "export_ytd": export_ytd,
        "import_ytd": import_ytd,
        "total_month": export_month + import_month,
        "total_ytd": export_ytd + import_ytd,
    }


def _yoy(index: int) -> dict[str, Decimal | None]:
    return {
        "yoy_total": Decimal(index * 7 % 400 - 150) / 10,
        "yoy_export": Decimal(index * 11 % 500 - 200) / 10,
        "yoy_import": None if index == 3 else Decimal(index * 13 % 900 - 300) / 10,
    }


def _preliminary_values(jan_feb: bool, month: int) -> dict[str, dict[str, Decimal | None]]:
    columns = JAN_FEB if jan_feb else MONTH_YTD
    found = {}
    for index, spec in enumerate(preliminary_by_country_rows(jan_feb=jan_feb)):
        row = _flow_values(index, Decimal("0.1"), month) | _yoy(index)
        if index == 5:  # a partner with no imports in the month: printed "-", not 0
            row = row | {"import_month": None, "total_month": row["export_month"]}
        found[spec.partner_key] = {column: row[column] for column in columns}
    return found


def _bulletin_values(month_only: bool, month: int) -> dict[str, dict[str, Decimal | None]]:
    """Countries from their row index; continents the sum of their countries; TOTAL the sum of the
    continents and Unknown; blocs free. A country with no imports prints "-" and adds nothing."""
    columns = MONTH if month_only else MONTH_YTD
    specs = bulletin_by_country_rows(month_only=month_only)
    rows: dict[str, dict[str, Decimal | None]] = {}
    for index, spec in enumerate(specs):
        if spec.kind in ("country", "residual", "unallocated", "bloc"):
            rows[spec.partner_key] = _flow_values(index, Decimal(1), month)
    rows["AFG"] |= {"import_month": None, "total_month": rows["AFG"]["export_month"]}
    value_columns = [c for c in _flow_values(0, Decimal(1), 1) if not c.startswith("yoy")]
    for parent in ("ASIA", "AFRICA", "EUROPE", "LATAM", "NORTH_AMERICA", "OCEANIA", "WORLD"):
        parts = [
            rows[s.partner_key]
            for s in specs
            if s.parent_key == parent and s.kind != "bloc" and s.partner_key in rows
        ]
        rows[parent] = {c: sum((p[c] or Decimal(0) for p in parts), Decimal(0)) for c in value_columns}
    return {
        spec.partner_key: {c: (rows[spec.partner_key] | _yoy(index))[c] for c in columns}
        for index, spec in enumerate(specs)
    }


def _read_back(frame: pl.DataFrame, specs: list[RowSpec]) -> dict[str, dict[str, Decimal | None]]:
    """The parsed frame in the simulator's terms: partner by source row, column by flow, span, measure."""
    partner = {spec.row: spec.partner_key for spec in specs}
    found: dict[str, dict[str, Decimal | None]] = {}
    for row in frame.iter_rows(named=True):
        if row["measure"] == "value_yoy_pct":
            column = f"yoy_{row['flow']}"
        else:
            column = f"{row['flow']}_{'month' if row['span'] == 'month' else 'ytd'}"
        cells = found.setdefault(partner[row["source_row"]], {})
        assert column not in cells
        cells[column] = row["value"]
    return found


PRELIMINARY_CASES = [
    # period, currency, layout, title's period, printed date
    (Period(2019, 1), "CNY", "month_ytd", "January 2019", "02/14/2019"),
    (Period(2019, 2), "USD", "month_ytd", "February 2019", "03/08/2019"),
    (Period(2021, 2), "CNY", "jan_feb", "January-February 2021", "2021/03/07"),
    (Period(2024, 7), "USD", "month_ytd", "July 2024", "2024/08/07"),
    (Period(2025, 12), "CNY", "month_ytd", "December 2025", "2026/01/14"),
    (Period(2027, 10), "USD", "month_ytd", "Oct 2027", "2027/11/07"),
]


@pytest.mark.parametrize(("period", "currency", "layout", "title_period", "printed_date"), PRELIMINARY_CASES)
def test_preliminary_pages_parse_back_exactly(
    period: Period, currency: str, layout: str, title_period: str, printed_date: str
) -> None:
    jan_feb = layout == "jan_feb"
    published_on = _date_of(printed_date)
    values = _preliminary_values(jan_feb, period.month)
    content = render_preliminary_by_country(period, currency, published_on, values)
    hint = IndexHint(period=period, currency=currency, product=Product.PRELIMINARY)
    parsed = parse_page(content, URL, hint)  # runs the parser's own checks: E&I = E + I on every row
    identity = parsed.identity
    assert (identity.product, identity.family, identity.currency, identity.period, identity.layout) == (
        "preliminary",
        "by_country",
        currency,
        period,
        layout,
    )
    unit, word = {"CNY": ("CNY_100M", "人民币"), "USD": ("USD_1M", "美元")}[currency]
    assert identity.unit_code == unit
    assert identity.unit_printed == {"CNY": "Unit: CNY 100 Million", "USD": "Unit: USD1 Million"}[currency]
    assert identity.title == (
        f"(4) China's Total Export & Import Values by Country/Region, {title_period} (in {currency})"
    )
    assert identity.date_printed == printed_date
    assert identity.published_on == _iso_only(published_on)
    token = f"{period.year}-1-2" if jan_feb else f"{period.year}-{period.month:02d}"
    assert identity.excel_url is not None and token in identity.excel_url
    assert read_article(content, URL).excel_url == identity.excel_url
    assert quote(word) in identity.excel_url
    spans = {"jan_feb"} if jan_feb else {"month", "ytd"}
    assert set(parsed.frame["span"]) == spans and set(parsed.frame["period"]) == {str(period)}
    specs = preliminary_by_country_rows(jan_feb=jan_feb)
    assert _read_back(parsed.frame, specs) == values
    facts = conform_by_country(parsed)  # the reference nesting ("of which") agrees with the page
    assert set(facts["partner_key"]) == {spec.partner_key for spec in specs}
    assert b"<span><b>-</b></span>" in content  # None printed as GACC's "-"


def _date_of(printed: str) -> date:
    first, second, third = map(int, printed.split("/"))
    return date(first, second, third) if first > 31 else date(third, first, second)


def _iso_only(published_on: date) -> date | None:
    """The parser reads only YYYY/MM/DD dates: the month/day/year of pages up to 2019 is ambiguous to it."""
    return published_on if published_on.year >= 2020 else None


BULLETIN_CASES = [
    (Period(2023, 1), "month", "2023/02/20"),
    (Period(2023, 9), "month_ytd", "2023/10/20"),
    (Period(2019, 12), "month_ytd", "2020/01/20"),
    (Period(2018, 2), "month_ytd", "03/23/2018"),
]


@pytest.mark.parametrize(("period", "layout", "printed_date"), BULLETIN_CASES)
def test_bulletin_pages_parse_back_exactly(period: Period, layout: str, printed_date: str) -> None:
    month_only = layout == "month"
    published_on = _date_of(printed_date)
    values = _bulletin_values(month_only, period.month)
    content = render_bulletin_by_country(period, published_on, values)
    # the parser's checks: E&I = E + I, each continent = its countries, TOTAL = continents + Unknown
    parsed = parse_page(content, URL, IndexHint(period=period, product=Product.BULLETIN))
    identity = parsed.identity
    assert (identity.product, identity.currency, identity.period, identity.layout, identity.unit_code) == (
        "bulletin",
        "USD",
        period,
        layout,
        "USD_1K",
    )
    assert identity.title.endswith(f"of Origin/Destination,{period.month}.{period.year}")
    assert identity.date_printed == printed_date
    assert identity.published_on == _iso_only(published_on)
    assert (
        identity.excel_url is not None and f"/{period.year}-{period.month:02d}_M122USD_" in identity.excel_url
    )
    specs = bulletin_by_country_rows(month_only=month_only)
    assert _read_back(parsed.frame, specs) == values
    assert parsed.warnings == ()
    facts = conform_by_country(parsed)  # every economy under the continent reference/partners.csv says
    assert set(facts["partner_key"]) == {spec.partner_key for spec in specs}


def test_header_months_follow_the_period() -> None:
    values = _bulletin_values(False, 9)
    page = read_article(render_bulletin_by_country(Period(2023, 9), date(2023, 10, 20), values), URL)
    assert [cell.text.strip() for cell in page.rows[3].cells] == [
        "9",
        "1to9",
        "9",
        "1to9",
        "9",
        "1to9",
        "Total",
        "Exports",
        "Imports",
    ]
    content = render_preliminary_by_country(
        Period(2019, 1), "CNY", date(2019, 2, 14), _preliminary_values(False, 1)
    )
    page = read_article(content, URL)
    assert [cell.text.strip() for cell in page.rows[3].cells][1:7] == ["1", "1- to-1"] * 3
    assert "1-to-1 Total Year-on-Year" in page.rows[2].cells[-1].text


@pytest.mark.parametrize(
    ("period", "title"),
    [
        (Period(2018, 5), "China's Total Value of Imports and Exports by Major Country (Region), May 2018"),
        (Period(2018, 9), "China's Total Value of Imports and Exports by Major Country (Region), Sep. 2018"),
    ],
)
def test_2018_pages_are_images_with_the_period_in_the_title(period: Period, title: str) -> None:
    content = render_preliminary_by_country(period, "CNY", date(2018, period.month + 1, 8), {})
    with pytest.raises(NoTableError):
        parse_page(content, URL)
    text = content.decode("utf-8")
    assert f"<title>{title}</title>" in text and f'<div class="atcl-ttl">{title}</div>' in text
    assert parse_title(title).period == period
    assert f'<div class="atcl-date">{period.month + 1:02d}/08/2018</div>' in text
    assert len(content) - len(JAN_2018.read_bytes()) == 2 * (len(title) - len(_title_of(JAN_2018)))


def _title_of(path: Path) -> str:
    return read_template(path.read_bytes(), URL).title


@pytest.mark.parametrize("product", ["preliminary", "bulletin"])
def test_only_text_changes_never_a_tag(product: str) -> None:
    """Every tag of the template is in the page, in order, byte for byte — but the Excel link's."""
    if product == "preliminary":
        template = MAR_2026.read_bytes().decode("utf-8")
        values = _preliminary_values(False, 7)
        content = render_preliminary_by_country(Period(2024, 7), "USD", date(2024, 8, 7), values).decode()
    else:
        template = BULLETIN_6_2026.read_bytes().decode("utf-8")
        content = render_bulletin_by_country(
            Period(2023, 9), date(2023, 10, 20), _bulletin_values(False, 9)
        ).decode()
    tags = re.compile(r"<[^>]*>")
    before, after = tags.findall(template), tags.findall(content)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1 and "\\Excel\\" in changed[0][0]
    assert tags.sub("", template).count("\r\n") == tags.sub("", content).count("\r\n")
    assert template.count("\x03") == content.count("\x03") == 2


# --- refusals --------------------------------------------------------------------------------------------


def test_months_without_a_page_are_refused() -> None:
    values = _preliminary_values(False, 1)
    with pytest.raises(ValueError, match="January–February"):
        render_preliminary_by_country(Period(2021, 1), "CNY", date(2021, 2, 7), values)
    with pytest.raises(ValueError, match="start in 2018"):
        render_preliminary_by_country(Period(2017, 12), "CNY", date(2018, 1, 12), values)
    with pytest.raises(ValueError, match="images"):
        render_preliminary_by_country(Period(2018, 4), "CNY", date(2018, 5, 8), values)
    with pytest.raises(ValueError, match="CNY or USD"):
        render_preliminary_by_country(Period(2024, 4), "EUR", date(2024, 5, 8), values)
    layouts = [
        pages.preliminary_layout(Period(y, m)) for y, m in ((2018, 2), (2019, 1), (2020, 2), (2020, 3))
    ]
    assert layouts == ["image", "month_ytd", "jan_feb", "month_ytd"]
    assert [pages.bulletin_layout(Period(2020, m)) for m in (1, 2)] == ["month", "month_ytd"]


def test_values_must_match_the_page_exactly() -> None:
    values = _preliminary_values(False, 7)

    def render(v: pages.Values) -> bytes:
        return render_preliminary_by_country(Period(2024, 7), "CNY", date(2024, 8, 7), v)

    with pytest.raises(ValueError, match="no values for DEU"):
        render({k: v for k, v in values.items() if k != "DEU"})
    with pytest.raises(ValueError, match="prints no row for ZZZ"):
        render(values | {"ZZZ": values["DEU"]})
    with pytest.raises(ValueError, match="columns"):
        render(values | {"DEU": {k: v for k, v in values["DEU"].items() if k != "yoy_total"}})
    with pytest.raises(ValueError, match=r"DEU export_month: 1\.25 has more than 1 decimals"):
        render(values | {"DEU": values["DEU"] | {"export_month": Decimal("1.25")}})
    bulletin = _bulletin_values(True, 1)
    with pytest.raises(ValueError, match="more than 0 decimals"):
        render_bulletin_by_country(
            Period(2023, 1),
            date(2023, 2, 20),
            bulletin | {"AFG": bulletin["AFG"] | {"total_month": Decimal("1.5")}},
        )


def test_format_value_prints_as_gacc_does() -> None:
    assert printing.format_value(Decimal("41046.4"), 1) == "41,046.4"
    assert printing.format_value(Decimal(118380), 1) == "118,380.0"
    assert printing.format_value(Decimal("-0.0"), 1) == "-0.0"
    assert printing.format_value(2125358846, 0) == "2,125,358,846"
    assert printing.format_value(None, 0) == "-"
    assert printing.format_value(Decimal("29760.1"), 1, separators=False) == "29760.1"
    assert printing.format_value(Verbatim("############"), 0) == "############"


# --- a layout GACC changed ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", TABLE_TEMPLATES, ids=lambda p: p.name[:8])
@pytest.mark.parametrize("where", ["last", "first value"])
def test_a_dropped_column_is_a_typed_parse_error(path: Path, where: str) -> None:
    content = path.read_bytes()
    width = len(read_article(content, URL).rows[4].cells)
    column = width - 1 if where == "last" else 1
    changed = drop_column(content, column, URL)
    before, after = read_article(content, URL), read_article(changed, URL)
    data = read_template(content, URL).data_rows
    assert all(len(after.rows[n - 1].cells) == width - 1 for n in data)
    assert len(after.rows) == len(before.rows) and after.title == before.title
    with pytest.raises(ParseError) as raised:
        parse_page(changed, URL)
    assert not isinstance(raised.value, UnsupportedTableError | NoTableError)
    assert raised.value.row is not None


def test_drop_column_narrows_spanning_cells_and_keeps_the_rest() -> None:
    content = MAR_2026.read_bytes()
    changed = drop_column(content, 9, URL).decode("utf-8")
    assert changed.count('colspan="9"') == content.decode("utf-8").count('colspan="10"') == 3
    assert 'colspan="2" align="center" class="style4"' in changed
    with pytest.raises(TemplateError, match="no table"):
        drop_column(JAN_2018.read_bytes(), 1, URL)
    with pytest.raises(TemplateError, match="no column 7"):
        drop_column(JANFEB_2025.read_bytes(), 7, URL)
