"""Golden tests on every real commodity page (preliminary (5)/(6), bulletin (13)/(14)), cell by cell.

The expected cells come from ``tests/fixtures/golden/<page>.csv``, extracted once with the standard library's
``html.parser`` by a separate script that shares no code with the parser (see ``fixtures/golden/README.md``);
two of them were also checked against the human transcriptions in ``shared/gacc/tables``.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from conftest import real_page, real_pages

from warehouse.errors import ParseError
from warehouse.parse.dispatch import parse_page
from warehouse.parse.identity import IndexHint
from warehouse.parse.tidy import ParsedTable
from warehouse.periods import Period

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "fixtures" / "golden"
RAW = HERE.parents[1] / "shared" / "gacc" / "raw"
GACC = "http://english.customs.gov.cn/Statics"

# page file → (product, family, currency, period, layout, data lines)
EXPECTED = {
    "release_section5_major_exports_may2019_cny.html": (
        "preliminary",
        "major_exports",
        "CNY",
        "2019-05",
        "month_ytd",
        32,
    ),
    "release_section5_major_exports_apr2025_usd.html": (
        "preliminary",
        "major_exports",
        "USD",
        "2025-04",
        "month_ytd_no_unit",
        31,
    ),
    "release_section5_major_exports_may2026_usd.html": (
        "preliminary",
        "major_exports",
        "USD",
        "2026-05",
        "month_ytd",
        31,
    ),
    "release_section5_major_exports_may2026_cny.html": (
        "preliminary",
        "major_exports",
        "CNY",
        "2026-05",
        "month_ytd",
        31,
    ),
    "release_section6_major_imports_may2026_cny.html": (
        "preliminary",
        "major_imports",
        "CNY",
        "2026-05",
        "month_ytd",
        34,
    ),
    "hoyla-meridian__release_section5_major_exports_may2025_cny.html": (
        "preliminary",
        "major_exports",
        "CNY",
        "2025-05",
        "month_ytd",
        31,
    ),
    "hoyla-meridian__release_section5_major_exports_janfeb2025_cny.html": (
        "preliminary",
        "major_exports",
        "CNY",
        "2025-02",
        "jan_feb",
        31,
    ),
    "bulletin_t13_major_exports_2022-01_usd.html": (
        "bulletin",
        "major_exports",
        "USD",
        "2022-01",
        "month_ytd",
        198,
    ),
    "bulletin_t13_major_exports_2025-06_usd.html": (
        "bulletin",
        "major_exports",
        "USD",
        "2025-06",
        "month_ytd",
        201,
    ),
    "bulletin_t13_major_exports_2026-07_usd.html": (
        "bulletin",
        "major_exports",
        "USD",
        "2026-07",
        "month_ytd",
        205,
    ),
    "bulletin_t14_major_imports_2026-01_usd.html": (
        "bulletin",
        "major_imports",
        "USD",
        "2026-01",
        "january",
        173,
    ),
    "bulletin_t14_major_imports_2026-07_usd.html": (
        "bulletin",
        "major_imports",
        "USD",
        "2026-07",
        "month_ytd",
        173,
    ),
}


def _path(name: str) -> Path:
    return RAW / name if name.startswith("hoyla") else real_page(name)


def _parse(name: str, hint: IndexHint | None = None) -> ParsedTable:
    return parse_page(_path(name).read_bytes(), f"{GACC}/{Path(name).stem}.html", hint)


def _printed(text: str) -> Decimal | None:
    return None if text in ("-", "—", "", "*REF!", "############") else Decimal(text.replace(",", ""))


def _golden(name: str) -> list[dict[str, str]]:
    with open(GOLDEN / f"{Path(name).stem}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_real_commodity_page_is_covered() -> None:
    commodity_pages = {p.name for p in real_pages("*major*.html")}
    assert commodity_pages <= set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_identity_and_every_cell_match_the_independent_extraction(name: str) -> None:
    product, family, currency, period, layout, lines = EXPECTED[name]
    parsed = _parse(name)
    identity = parsed.identity
    assert (identity.product, identity.family, identity.currency, str(identity.period), identity.layout) == (
        product,
        family,
        currency,
        period,
        layout,
    )
    frame = parsed.frame
    assert frame["source_row"].n_unique() == lines
    golden = {int(row["source_row"]): row for row in _golden(name)}
    # 2022 pages lead every row with an empty cell, which the extraction keeps and the parser drops.
    spacer = int(all(row["cell_0"] == "" for row in golden.values()))
    for source_row in sorted(frame["source_row"].unique()):
        cells = frame.filter(pl.col("source_row") == source_row).sort("source_column")
        if source_row not in golden:  # the golden rule skips a line whose values are all spreadsheet errors
            assert set(parsed.warnings) >= {
                f"row {source_row}, column {c}: '*REF!' (a spreadsheet error) read as missing"
                for c in (3, 5, 7)
            }
            continue
        row = golden[source_row]
        texts = [row[f"cell_{i}"] for i in range(spacer, len(row) - 2) if f"cell_{i}" in row]
        first_value = 1 if layout == "month_ytd_no_unit" else 2
        expected = texts[first_value:]
        if layout == "month_ytd_no_unit":
            assert expected[-1] == ""  # the empty cell GACC leaves after the values
            expected = expected[:-1]
        # Every printed number of the row, in order, and nothing else: no column left unread.
        assert cells["value"].to_list() == [_printed(text) for text in expected], source_row
        assert cells["source_column"].to_list() == list(range(first_value, first_value + len(expected)))
        assert cells["label"][0] == row[f"cell_{spacer}"]
        if layout != "month_ytd_no_unit":
            token = row[f"cell_{1 + spacer}"]
            quantities = cells.filter(pl.col("measure") == "quantity")["unit"].to_list()
            assert quantities == [None if token in ("-", "—") else token] * len(quantities)
    assert set(frame["flow"]) == {"export" if "export" in family else "import"}


def test_columns_of_the_preliminary_may_2025_page() -> None:
    """Rare earth, May 2025 (tables/2025-05_prelim_t05): 5,864.6 t in May, 24,827.0 t Jan–May vs 24,266.5
    a year earlier (+2.3 %); the prior-year block belongs to 2024-05."""
    frame = _parse("hoyla-meridian__release_section5_major_exports_may2025_cny.html").frame
    rare = frame.filter(pl.col("label_key") == "rare earth").sort("source_column")
    assert rare.select("period", "span", "measure", "value", "unit").rows() == [
        ("2025-05", "month", "quantity", Decimal("5864.6"), "Ton"),
        ("2025-05", "month", "value", Decimal("1.3"), "CNY_100M"),
        ("2025-05", "ytd", "quantity", Decimal("24827.0"), "Ton"),
        ("2025-05", "ytd", "value", Decimal("12.1"), "CNY_100M"),
        ("2024-05", "ytd", "quantity", Decimal("24266.5"), "Ton"),
        ("2024-05", "ytd", "value", Decimal("15.1"), "CNY_100M"),
        ("2025-05", "ytd", "quantity_yoy_pct", Decimal("2.3"), "%"),
        ("2025-05", "ytd", "value_yoy_pct", Decimal("-19.9"), "%"),
    ]


def test_bulletin_percentage_change_is_the_single_month() -> None:
    """Rare earth June 2025 (13): +60.3 % quantity / −46.9 % value are June's YoY, not Jan–Jun's."""
    parsed = _parse("bulletin_t13_major_exports_2025-06_usd.html")
    assert (parsed.identity.unit_printed, parsed.identity.unit_code) == ("Unit:RMB￥10,000", "USD_1K")
    values = parsed.frame.filter(pl.col("measure") == "value")
    assert values["unit"].unique().to_list() == ["USD_1K"]  # the mislabel never travels beside the numbers
    rare = parsed.frame.filter(pl.col("label_key") == "rare-earth ore, metals, compounds")
    yoy = rare.filter(pl.col("measure").str.ends_with("yoy_pct")).select("span", "measure", "value").rows()
    assert yoy == [
        ("month", "quantity_yoy_pct", Decimal("60.3")),
        ("month", "value_yoy_pct", Decimal("-46.9")),
    ]
    ytd = rare.filter(pl.col("span") == "ytd", pl.col("measure") == "value")["value"].to_list()
    assert ytd == [Decimal(191256)]


def test_hierarchy_follows_the_printed_indentation() -> None:
    frame = (
        _parse("bulletin_t14_major_imports_2026-01_usd.html").frame.unique("source_row").sort("source_row")
    )
    first = frame.head(4).select("label", "indent_level", "parent_label_key").rows()
    assert first == [
        ("Agriculture products*", 0, None),
        ("Meat(including meat offal)", 1, "agriculture products*"),
        ("Meat and offal of bovine animals", 2, "meat(including meat offal)"),
        ("Meat of bovine animals", 3, "meat and offal of bovine animals"),
    ]


def test_a_usd_page_without_unit_cells_keeps_the_quantities_unitless() -> None:
    frame = _parse("release_section5_major_exports_apr2025_usd.html").frame
    quantities = frame.filter(pl.col("measure") == "quantity")
    assert quantities["unit"].null_count() == quantities.height
    rare = quantities.filter(pl.col("label_key") == "rare earth", pl.col("span") == "month")["value"]
    assert rare.to_list() == [Decimal("4784.8")]


def test_a_page_against_its_index_link() -> None:
    name = "release_section6_major_imports_may2026_cny.html"
    assert _parse(name, IndexHint(period=Period(2026, 5), currency="CNY")).identity.period == Period(2026, 5)
    with pytest.raises(ParseError, match="the index lists this page as USD"):
        _parse(name, IndexHint(currency="USD"))
