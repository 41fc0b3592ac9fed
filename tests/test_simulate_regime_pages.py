"""Simulated trade-mode (preliminary (2)/(3)) and customs-regime (bulletin (5)) pages, read by the parser.

* Each transcription of these families, rendered with its own printed numbers for its own period, parses back
  to exactly those numbers (value and YoY per row, flow and span) through ``parse_page`` — which also runs
  the family's arithmetic check — and every row conforms to its regime.
* Synthetic numbers that satisfy the arithmetic, over 2018–2026 and every layout (January, February, the
  combined January–February release, December), parse back exactly, with the page's identity (period,
  span, currency, unit, date, title) as rendered.
* The chrome is the real page's byte for byte outside the title, date, Excel link and table; renders are
  deterministic and cheap; ``None`` prints ``-`` and reads as missing; broken arithmetic is refused.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from conftest import ROOT

from warehouse.conform.regimes import conform_trade_mode
from warehouse.errors import ParseError
from warehouse.parse.dispatch import parse_page
from warehouse.parse.page import read_article
from warehouse.parse.tidy import ParsedTable
from warehouse.parse.titles import parse_title
from warehouse.periods import Period
from warehouse.simulate.regime_pages import (
    CUSTOMS_REGIME,
    TRADE_MODE_MONTH,
    TRADE_MODE_YTD,
    RegimeRow,
    Verbatim,
    customs_regime_columns,
    customs_regime_rows,
    customs_regime_source,
    render_customs_regime,
    render_trade_mode,
    trade_mode_columns,
    trade_mode_rows,
    trade_mode_source,
)

TABLES = ROOT / "samples" / "templates" / "tables"
STATICS = ROOT / "samples" / "gacc-site" / "Statics"
URL = "http://english.customs.gov.cn/Statics/00000000-0000-4000-8000-000000000005.html"
_FAMILY = re.compile(r"^(\d{4})-(\d{2})_(prelim_t02|prelim_t03|bulletin_t05)_.*_(cny|usd)\.txt$")
_TABLE = {"prelim_t02": "month", "prelim_t03": "ytd", "bulletin_t05": "regime"}
_NUMBER = re.compile(r"^(?:-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-)$")
TRANSCRIPTIONS = sorted(path.name for path in TABLES.glob("*.txt") if _FAMILY.match(path.name))
Values = dict[str, dict[str, Decimal | Verbatim | None]]
Key = tuple[int, str, str, str]  # (row, flow, span, measure)


# --- reading a transcription (independently of the module: numbers, not layout) -----------------------------


@dataclass(frozen=True)
class Transcribed:
    name: str
    table: str  # month | ytd | regime
    period: Period
    currency: str
    unit: str | None
    lines: list[tuple[str, list[str]]]  # label → printed numbers (bulletin: value cells then YoY cells)


def transcribed(name: str) -> Transcribed:
    match = _FAMILY.match(name)
    assert match is not None
    table = _TABLE[match[3]]
    width = 4 if table == "regime" else 6
    lines: list[tuple[str, list[str]]] = []
    unit = None
    for text in (TABLES / name).read_text(encoding="utf-8").splitlines()[1:]:
        if text.startswith("#"):
            continue
        if not lines and text.startswith("Unit"):
            unit = text.strip()
        tokens = text.split()
        numbers = []
        while tokens and _NUMBER.match(tokens[-1]):
            numbers.insert(0, tokens.pop())
        if len(numbers) != width or " | " in text:
            continue
        if tokens:
            lines.append((" ".join(tokens), numbers))
        else:  # the bulletin's YoY row, under the value row
            lines[-1] = (lines[-1][0], lines[-1][1] + numbers)
    period = Period(int(match[1]), int(match[2]))
    return Transcribed(name, table, period, match[4].upper(), unit, lines)


def number(text: str) -> Decimal | None:
    return None if text == "-" else Decimal(text.replace(",", ""))


# --- what a column means, and what the parser read ----------------------------------------------------------


def meaning(column: str, page_span: str) -> tuple[str, str, str]:
    """(flow, span, measure) of a column name. Preliminary YoY is of the page's own span; the bulletin names
    the span of each YoY cell. A "January-February" page reads its cumulative columns as ``jan_feb``."""
    parts = column.split("_")
    if parts[0] == "yoy":
        flow, span, measure = parts[1], parts[2] if len(parts) == 3 else page_span, "value_yoy_pct"
    else:
        (flow, span), measure = parts, "value"
    return flow, "jan_feb" if span == "ytd" and page_span == "jan_feb" else span, measure


def expected_cells(
    rows: list[RegimeRow], columns: tuple[str, ...], values: Values, page_span: str
) -> dict[Key, Decimal | None]:
    found: dict[Key, Decimal | None] = {}
    for row in rows:
        for column in columns:
            value = values[row.regime_key][column]
            flow, span, measure = meaning(column, page_span)
            found[(row.row, flow, span, measure)] = None if isinstance(value, Verbatim) else value
    return found


def parsed_cells(parsed: ParsedTable, *, yoy_rows: bool) -> dict[Key, Decimal | None]:
    found: dict[Key, Decimal | None] = {}
    for record in parsed.frame.iter_rows(named=True):
        row = record["source_row"]
        if yoy_rows and record["measure"] == "value_yoy_pct":
            row -= 1  # the YoY row sits under its value row
        key = (row, record["flow"], record["span"], record["measure"])
        assert key not in found, key
        found[key] = record["value"]
    return found


def page_span(period: Period, table: str) -> str:
    if period.month == 2 and (table == "ytd" or period.year >= 2020):
        return "jan_feb"  # a "January-February" title reads as the combined span
    return table


# --- transcriptions: their own numbers, their own period ----------------------------------------------------


@pytest.mark.parametrize("name", TRANSCRIPTIONS)
def test_transcription_renders_and_parses_back_to_its_own_numbers(name: str) -> None:
    held = transcribed(name)
    bulletin = held.table == "regime"
    if bulletin:
        assert customs_regime_source(held.period) == name
        rows, columns = customs_regime_rows(held.period), customs_regime_columns(held.period)
    else:
        assert trade_mode_source(held.period, held.table) == name
        rows, columns = trade_mode_rows(held.period, held.table), trade_mode_columns(held.period, held.table)
    assert [row.label for row in rows] == [label for label, _ in held.lines]
    assert rows[0].regime_key == "total" and {row.parent_key for row in rows[1:]} == {"total"}
    values: Values = {
        row.regime_key: {column: number(text) for column, text in zip(columns, numbers, strict=True)}
        for row, (_, numbers) in zip(rows, held.lines, strict=True)
    }
    published = date(held.period.year + held.period.month // 12, held.period.month % 12 + 1, 18)
    if bulletin:
        content = render_customs_regime(held.period, published, values)
    else:
        content = render_trade_mode(held.period, held.currency, held.table, published, values)

    parsed = parse_page(content, URL)

    span = "month_ytd" if bulletin else page_span(held.period, held.table)
    assert parsed_cells(parsed, yoy_rows=bulletin) == expected_cells(rows, columns, values, span)
    assert parsed.identity.period == held.period
    assert parsed.identity.currency == held.currency
    assert parsed.identity.layout == span
    assert parsed.identity.unit_printed == held.unit  # the unit row as the transcription prints it (or none)
    facts = conform_trade_mode(parsed)
    assert set(facts["regime_key"]) == {row.regime_key for row in rows}
    by_cell = {(r["source_row"], r["source_column"]): r["regime_key"] for r in facts.iter_rows(named=True)}
    for row in rows:
        assert by_cell[(row.row, 1)] == row.regime_key


def test_every_family_is_covered_by_a_transcription() -> None:
    tables = {transcribed(name).table for name in TRANSCRIPTIONS}
    assert tables == {"month", "ytd", "regime"}
    assert len(TRANSCRIPTIONS) == 18  # 2 × (2), 4 × (3), 12 × (5)


def test_transcribed_numbers_reach_the_page_as_printed() -> None:
    """Spot checks against the text itself: the page prints what GACC printed, separators and all."""
    held = transcribed("2019-08_bulletin_t05_customs-regime_usd.txt")
    rows = customs_regime_rows(held.period)
    values = {
        row.regime_key: dict(zip(CUSTOMS_REGIME, map(number, numbers), strict=True))
        for row, (_, numbers) in zip(rows, held.lines, strict=True)
    }
    page = read_article(render_customs_regime(held.period, date(2019, 9, 23), values), URL)
    cells = {row.number: [cell.text.strip().replace("\xa0", "") for cell in row.cells] for row in page.rows}
    assert cells[rows[0].row] == ["TOTAL", "214,786,135", "1,607,027,826", "179,959,655", "1,347,762,575"]
    assert cells[rows[0].row + 1] == ["", "-1.0", "0.4", "-5.6", "-4.6"]
    assert cells[rows[2].row] == [
        "Aid or Donation Between Governments or by International Organizations",
        "63,106",
        "476,949",
        "-",
        "1,152",
    ]
    assert cells[rows[0].row - 1] == ["8", "1 to 8", "8", "1 to 8"]


# --- synthetic numbers over the years -----------------------------------------------------------------------


def _amount(rng: random.Random, top: int, decimals: int) -> Decimal | None:
    if rng.random() < 0.12:
        return None
    return Decimal(rng.randint(0, top)).scaleb(-decimals)


def _yoy(rng: random.Random) -> Decimal | None:
    return None if rng.random() < 0.1 else Decimal(rng.randint(-999, 25_000)).scaleb(-1)


def _sum(*parts: Decimal | Verbatim | None) -> Decimal | None:
    present = [part for part in parts if isinstance(part, Decimal)]
    return sum(present, Decimal(0)) if present else None


def synthetic_trade_mode(rows: list[RegimeRow], columns: tuple[str, ...], seed: int) -> Values:
    """Export & import = export + import on every row, the regimes add up to the total (exactly)."""
    rng = random.Random(seed)
    suffix = columns[0].split("_")[1]
    values: Values = {}
    for row in rows[1:]:
        export, imported = _amount(rng, 9_999_999, 1), _amount(rng, 9_999_999, 1)
        values[row.regime_key] = {
            f"total_{suffix}": _sum(export, imported),
            f"export_{suffix}": export,
            f"import_{suffix}": imported,
            **{f"yoy_{flow}": _yoy(rng) for flow in ("total", "export", "import")},
        }
    values[rows[0].regime_key] = {
        column: _sum(*(row[column] for row in values.values()))
        if not column.startswith("yoy_")
        else _yoy(rng)
        for column in columns
    }
    return values


def synthetic_customs_regime(rows: list[RegimeRow], period: Period, seed: int) -> Values:
    """Regimes add up to TOTAL in every column; January's cumulative equals its month."""
    rng = random.Random(seed)
    values: Values = {}
    for row in rows[1:]:
        entry: dict[str, Decimal | Verbatim | None] = {}
        for flow in ("export", "import"):
            month = _amount(rng, 400_000_000, 0)
            ytd = month if period.month == 1 else _amount(rng, 4_000_000_000, 0)
            entry |= {f"{flow}_month": month, f"{flow}_ytd": ytd}
        entry |= {column: _yoy(rng) for column in CUSTOMS_REGIME if column.startswith("yoy_")}
        values[row.regime_key] = entry
    values[rows[0].regime_key] = {
        column: _yoy(rng) if column.startswith("yoy_") else _sum(*(row[column] for row in values.values()))
        for column in CUSTOMS_REGIME
    }
    return values


TRADE_MODE_PERIODS = [
    Period(2018, 1),
    Period(2018, 2),
    Period(2018, 12),
    Period(2019, 1),
    Period(2019, 2),
    Period(2019, 8),
    Period(2019, 12),
    Period(2020, 2),
    Period(2020, 3),
    Period(2020, 12),
    Period(2021, 2),
    Period(2021, 7),
    Period(2022, 5),
    Period(2023, 2),
    Period(2023, 11),
    Period(2024, 5),
    Period(2025, 2),
    Period(2025, 6),
    Period(2025, 12),
    Period(2026, 2),
    Period(2026, 3),
    Period(2026, 7),
]


@pytest.mark.parametrize("period", TRADE_MODE_PERIODS, ids=str)
@pytest.mark.parametrize("table", ["month", "ytd"])
@pytest.mark.parametrize("currency", ["CNY", "USD"])
def test_synthetic_trade_mode_pages_parse_back(period: Period, table: str, currency: str) -> None:
    rows, columns = trade_mode_rows(period, table), trade_mode_columns(period, table)
    combined = period.year >= 2020 and period.month == 2
    assert columns == (TRADE_MODE_YTD if table == "ytd" or combined else TRADE_MODE_MONTH)
    values = synthetic_trade_mode(rows, columns, seed=period.year * 100 + period.month)
    published = date(period.year, period.month, 28)

    content = render_trade_mode(period, currency, table, published, values)
    parsed = parse_page(content, URL)

    span = page_span(period, table)
    assert parsed_cells(parsed, yoy_rows=False) == expected_cells(rows, columns, values, span)
    identity = parsed.identity
    assert (identity.product, identity.family) == ("preliminary", "trade_mode")
    assert (identity.period, identity.currency, identity.layout) == (period, currency, span)
    assert identity.unit_code == {"CNY": "CNY_100M", "USD": "USD_1M"}[currency]
    assert identity.unit_printed == {"CNY": "Unit: CNY 100 Million", "USD": "Unit: USD1 Million"}[currency]
    title = parse_title(identity.title)
    assert title.number == (3 if table == "ytd" else 2)
    assert (title.period, title.currency, title.span) == (period, currency, span)
    if period.year <= 2019:
        assert identity.published_on is None and identity.date_printed == published.strftime("%m/%d/%Y")
    else:
        assert identity.published_on == published and identity.date_printed == published.strftime("%Y/%m/%d")
    assert identity.excel_url is not None and str(period.year) in identity.excel_url
    assert set(conform_trade_mode(parsed)["regime_key"]) == {row.regime_key for row in rows}


BULLETIN_PERIODS = [
    Period(2018, 1),
    Period(2018, 7),
    Period(2019, 1),
    Period(2019, 8),
    Period(2019, 11),
    Period(2019, 12),
    Period(2020, 1),
    Period(2020, 6),
    Period(2021, 3),
    Period(2022, 12),
    Period(2023, 1),
    Period(2023, 10),
    Period(2024, 1),
    Period(2024, 12),
    Period(2025, 1),
    Period(2025, 2),
    Period(2026, 1),
    Period(2026, 2),
    Period(2026, 7),
]


@pytest.mark.parametrize("period", BULLETIN_PERIODS, ids=str)
def test_synthetic_customs_regime_pages_parse_back(period: Period) -> None:
    rows = customs_regime_rows(period)
    values = synthetic_customs_regime(rows, period, seed=period.year * 100 + period.month)
    published = date(period.year, period.month, 20)

    parsed = parse_page(render_customs_regime(period, published, values), URL)

    assert parsed_cells(parsed, yoy_rows=True) == expected_cells(rows, CUSTOMS_REGIME, values, "month_ytd")
    identity = parsed.identity
    assert (identity.product, identity.family, identity.layout) == ("bulletin", "trade_mode", "month_ytd")
    assert (identity.period, identity.currency, identity.unit_code) == (period, "USD", "USD_1K")
    assert identity.unit_printed == transcribed(customs_regime_source(period)).unit
    title = parse_title(identity.title)
    assert (title.number, title.period, title.span) == (5, period, "month")
    assert identity.date_printed == published.strftime("%m/%d/%Y" if period.year <= 2019 else "%Y/%m/%d")
    assert identity.excel_url is not None and f"{period.year}-{period.month:02d}" in identity.excel_url
    facts = conform_trade_mode(parsed)
    assert set(facts["regime_key"]) == {row.regime_key for row in rows}
    assert set(facts["span"]) == {"month", "ytd"}


# --- layout choice ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "table", "source"),
    [
        (Period(2018, 3), "month", "2019-08_prelim_t02_trade-mode-month_cny.txt"),
        (Period(2019, 1), "ytd", "2019-08_prelim_t03_trade-mode-ytd_usd.txt"),
        (Period(2020, 3), "month", "2024-05_prelim_t02_trade-mode-month_cny.txt"),  # 2020+ wording
        (Period(2020, 3), "ytd", "2020-05_prelim_t03_trade-mode-ytd_cny.txt"),
        (Period(2020, 2), "month", "2020-05_prelim_t03_trade-mode-ytd_cny.txt"),  # Jan–Feb: the (3) table
        (Period(2021, 7), "ytd", "2022-05_prelim_t03_trade-mode-ytd_cny.txt"),  # tie → the later year
        (Period(2023, 3), "ytd", "2024-05_prelim_t03_trade-mode-ytd_usd.txt"),
        (Period(2026, 7), "month", "2024-05_prelim_t02_trade-mode-month_cny.txt"),
    ],
    ids=str,
)
def test_trade_mode_layout_of_a_period(period: Period, table: str, source: str) -> None:
    assert trade_mode_source(period, table) == source


@pytest.mark.parametrize(
    ("period", "source"),
    [
        (Period(2018, 3), "2019-08_bulletin_t05_customs-regime_usd.txt"),
        (Period(2019, 10), "2019-10_bulletin_t05_customs-regime_usd.txt"),
        (Period(2020, 6), "2019-12_bulletin_t05_customs-regime_usd.txt"),
        (Period(2021, 6), "2023-01_bulletin_t05_customs-regime_usd.txt"),  # tie → the later year
        (Period(2024, 12), "2023-10_bulletin_t05_customs-regime_usd.txt"),
        (Period(2025, 1), "2026-02_bulletin_t05_customs-regime_usd.txt"),
    ],
    ids=str,
)
def test_customs_regime_layout_of_a_period(period: Period, source: str) -> None:
    assert customs_regime_source(period) == source


def test_rows_follow_the_layout_of_their_year() -> None:
    before, after = customs_regime_rows(Period(2024, 6)), customs_regime_rows(Period(2025, 6))
    assert "duty_free_fx_commodities" in {row.regime_key for row in before}
    assert {row.regime_key for row in before} - {row.regime_key for row in after} == {
        "duty_free_fx_commodities"
    }
    assert [row.row for row in after[:2]] == [4, 6]  # unit row and two header rows; a YoY row under each
    assert [row.row for row in before[:2]] == [3, 5]  # the 2023 pages print no unit row
    old = trade_mode_rows(Period(2019, 8), "month")
    new = trade_mode_rows(Period(2020, 8), "month")
    assert [row.regime_key for row in old] == [row.regime_key for row in new]
    assert old[4].label == "Processing and Assembling Trade with Imported Materials"  # 2019 wording (sic)
    assert new[4].label == "Processing and Assembling Trade with Foreign-Supplied Materials"
    assert [row.row for row in new[:2]] == [5, 6]  # title, unit and two header rows above


@pytest.mark.parametrize("table", ["month", "ytd"])
def test_no_preliminary_january_from_2020(table: str) -> None:
    for call in (
        lambda: trade_mode_rows(Period(2021, 1), table),
        lambda: trade_mode_columns(Period(2021, 1), table),
        lambda: render_trade_mode(Period(2021, 1), "CNY", table, date(2021, 3, 7), {}),
    ):
        with pytest.raises(ValueError, match="January"):
            call()
    assert trade_mode_rows(Period(2019, 1), table)  # January stood alone until 2019


def test_combined_release_prints_one_table_under_both_numbers() -> None:
    period = Period(2025, 2)
    rows = trade_mode_rows(period, "month")
    values = synthetic_trade_mode(rows, trade_mode_columns(period, "month"), seed=7)
    two = render_trade_mode(period, "CNY", "month", date(2025, 3, 7), values)
    three = render_trade_mode(period, "CNY", "ytd", date(2025, 3, 7), values)
    assert two != three
    assert two.replace(b"(2) China", b"(3) China").replace(b"\\3-en-", b"\\5-en-") == three
    header = next(row for row in read_article(two, URL).rows if row.number == rows[0].row - 2)
    assert header.cells[1].text.strip() == "1-to-2"


# --- the page around the table ------------------------------------------------------------------------------

_VARYING = [
    re.compile(rb"<title>(.*?)</title>", re.S),
    re.compile(rb'<div class="atcl-ttl">(.*?)</div>', re.S),
    re.compile(rb'<div class="atcl-date">(.*?)</div>', re.S),
    re.compile(rb"<table\b.*?</table>", re.S),
    re.compile(rb"<a href = '([^']*)'>(.*?)</a>", re.S),
]


def _chrome(content: bytes) -> bytes:
    for pattern in _VARYING:
        assert len(pattern.findall(content)) == 1, pattern
        content = pattern.sub(b"<>", content)
    return content


def test_chrome_is_the_real_page_byte_for_byte() -> None:
    period = Period(2023, 7)
    rows = trade_mode_rows(period, "ytd")
    prelim = render_trade_mode(
        period, "USD", "ytd", date(2023, 8, 8), synthetic_trade_mode(rows, TRADE_MODE_YTD, seed=1)
    )
    real = (STATICS / "2ab97956-c57d-4387-8d60-a141b5a5b48b.html").read_bytes()
    assert _chrome(prelim) == _chrome(real)
    assert prelim.count(b"\r\n") == real.count(b"\r\n")  # CRLF outside the table, as GACC's page
    bulletin_rows = customs_regime_rows(period)
    bulletin = render_customs_regime(
        period, date(2023, 8, 18), synthetic_customs_regime(bulletin_rows, period, seed=1)
    )
    real = (STATICS / "6e9d4074-409f-46a1-883c-3278c5b5b31c.html").read_bytes()
    assert _chrome(bulletin) == _chrome(real)
    title = "(3) China's Total Export & Import Values by Trade Mode, January-July 2023 (in USD)"
    assert prelim.decode().count(title) == 3  # <title>, heading, Excel link text (the table escapes "&")
    assert "(5)Imports and Exports by Customs Regime,7.2023" in bulletin.decode()


def test_render_is_deterministic_and_cheap() -> None:
    period = Period(2024, 9)
    rows = trade_mode_rows(period, "month")
    values = synthetic_trade_mode(rows, TRADE_MODE_MONTH, seed=3)
    regime_values = synthetic_customs_regime(customs_regime_rows(period), period, seed=3)
    first = render_trade_mode(period, "CNY", "month", date(2024, 10, 14), values)
    assert render_trade_mode(period, "CNY", "month", date(2024, 10, 14), values) == first
    assert render_customs_regime(period, date(2024, 10, 18), regime_values) == render_customs_regime(
        period, date(2024, 10, 18), regime_values
    )


# --- missing values and refusals ----------------------------------------------------------------------------


def test_missing_value_prints_a_dash_and_reads_as_missing() -> None:
    period = Period(2024, 5)
    rows = trade_mode_rows(period, "ytd")
    values = synthetic_trade_mode(rows, TRADE_MODE_YTD, seed=11)
    target = rows[5]
    values[target.regime_key] |= {"import_ytd": None, "yoy_import": None}
    values[target.regime_key]["total_ytd"] = values[target.regime_key]["export_ytd"]
    values["total"] = synthetic_total(rows, values, TRADE_MODE_YTD)
    content = render_trade_mode(period, "CNY", "ytd", date(2024, 6, 7), values)
    cells = next(row for row in read_article(content, URL).rows if row.number == target.row).cells
    assert cells[3].text.strip() == "-" and cells[6].text.strip() == "-"
    parsed = parsed_cells(parse_page(content, URL), yoy_rows=False)
    assert parsed[(target.row, "import", "ytd", "value")] is None
    assert parsed[(target.row, "import", "ytd", "value_yoy_pct")] is None
    assert parsed[(target.row, "export", "ytd", "value")] == values[target.regime_key]["export_ytd"]

    period = Period(2026, 3)
    regime_rows = customs_regime_rows(period)
    regime_values = synthetic_customs_regime(regime_rows, period, seed=5)
    regime_values["contracting_projects"] |= {"import_month": None, "yoy_import_month": None}
    regime_values["total"]["import_month"] = _sum(
        *(v["import_month"] for k, v in regime_values.items() if k != "total")
    )
    row = next(r for r in regime_rows if r.regime_key == "contracting_projects")
    parsed = parsed_cells(
        parse_page(render_customs_regime(period, date(2026, 4, 18), regime_values), URL), yoy_rows=True
    )
    assert parsed[(row.row, "import", "month", "value")] is None
    assert parsed[(row.row, "import", "month", "value_yoy_pct")] is None


def synthetic_total(rows: list[RegimeRow], values: Values, columns: tuple[str, ...]) -> dict:
    parts = [values[row.regime_key] for row in rows[1:]]
    return {
        column: values["total"][column] if column.startswith("yoy_") else _sum(*(p[column] for p in parts))
        for column in columns
    }


def test_broken_arithmetic_is_refused_by_the_parser() -> None:
    period = Period(2022, 9)
    rows = trade_mode_rows(period, "month")
    values = synthetic_trade_mode(rows, TRADE_MODE_MONTH, seed=2)
    # E&I is no longer export + import on one row; the regimes still add up to the total
    values["ordinary_trade"] |= {
        "total_month": Decimal("151.0"),
        "export_month": Decimal("100.0"),
        "import_month": Decimal("50.0"),
    }
    values["total"] = synthetic_total(rows, values, TRADE_MODE_MONTH)
    with pytest.raises(ParseError, match="export & import"):
        parse_page(render_trade_mode(period, "CNY", "month", date(2022, 10, 13), values), URL)

    regime_values = synthetic_customs_regime(customs_regime_rows(period), period, seed=2)
    regime_values["total"]["export_ytd"] = _sum(regime_values["total"]["export_ytd"], Decimal(50))
    with pytest.raises(ParseError, match="add up"):
        parse_page(render_customs_regime(period, date(2022, 10, 18), regime_values), URL)


def test_values_must_match_the_page() -> None:
    period = Period(2024, 5)
    rows = trade_mode_rows(period, "month")
    values = synthetic_trade_mode(rows, TRADE_MODE_MONTH, seed=4)

    def render(given: Values, currency: str = "CNY") -> bytes:
        return render_trade_mode(period, currency, "month", date(2024, 6, 7), given)

    with pytest.raises(ValueError, match="no values for ordinary_trade"):
        render({k: v for k, v in values.items() if k != "ordinary_trade"})
    with pytest.raises(ValueError, match="prints no row for barter_trade"):
        render({**values, "barter_trade": values["other"]})
    with pytest.raises(ValueError, match="decimals"):
        render({**values, "other": {**values["other"], "export_month": Decimal("1.25")}})
    with pytest.raises(ValueError, match="CNY or USD"):
        render(values, "EUR")
    with pytest.raises(ValueError, match="columns"):
        render_customs_regime(
            period,
            date(2024, 6, 18),
            {row.regime_key: {"export_month": 1} for row in customs_regime_rows(period)},
        )
