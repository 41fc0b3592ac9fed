"""Labels and units of every real page map onto the reference tables; quantities convert to base units."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from conftest import real_page, real_pages
from test_parse_transcribed import COMPLETE, PARTIAL
from transcripts import read_transcript

from warehouse.conform.commodities import commodities, conform_commodities, effective_unit
from warehouse.errors import ConformError
from warehouse.parse.dispatch import PARSERS, parse_page
from warehouse.parse.labels import label_key
from warehouse.parse.quantities import quantity_unit
from warehouse.parse.titles import TableFamily, parse_title
from warehouse.periods import Period
from warehouse.settings import REFERENCE_DIR

HERE = Path(__file__).resolve().parent
RAW = HERE.parents[1] / "shared" / "gacc" / "raw"
COMMODITY_PAGES = real_pages("*major*.html")
URL = "http://english.customs.gov.cn/Statics/reference-test.html"


def _reference(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _conformed(path: Path, replace: tuple[str, str] | None = None, *, after: str = "") -> pl.DataFrame:
    """Conform a real page, optionally with its first ``replace[0]`` after the text ``after`` replaced."""
    content = path.read_bytes()
    if replace:
        text = content.decode("utf-8")
        start = text.index(after) if after else 0
        text = text[:start] + text[start:].replace(*replace, 1)
        content = text.encode("utf-8")
    return conform_commodities(parse_page(content, URL))


@pytest.mark.parametrize("path", COMMODITY_PAGES, ids=lambda p: p.name)
def test_every_commodity_line_of_every_real_page_maps_to_a_stable_id(path: Path) -> None:
    parsed = parse_page(path.read_bytes(), URL)
    rows = conform_commodities(parsed)
    assert rows["commodity_key"].null_count() == 0
    assert rows.select("source_row").n_unique() == parsed.frame["source_row"].n_unique()
    known = {row["commodity_key"] for row in _reference("commodities.csv")}
    assert set(rows["commodity_key"]) <= known


def test_reference_tables_are_consistent() -> None:
    commodities = {row["commodity_key"]: row for row in _reference("commodities.csv")}
    units = {row["unit_code"]: row for row in _reference("quantity_units.csv")}
    dimensions = {row["dimension"] for row in units.values()}
    for row in _reference("commodity_aliases.csv"):
        assert row["commodity_key"] in commodities, row
        assert label_key(row["printed_label"].split(" | ")[0]) == row["label_key"], row
    for row in commodities.values():
        assert row["dimension"] in dimensions | {""}, row
    for row in _reference("quantity_unit_mislabels.csv"):
        assert row["commodity_key"] in commodities and row["read_as_unit_code"] in units, row
    regimes = {row["regime_key"] for row in _reference("regimes.csv")}
    assert all(row["regime_key"] in regimes for row in _reference("regime_aliases.csv"))


def test_the_known_unit_mislabels_are_read_as_what_they_mean() -> None:
    rows = _conformed(RAW / "hoyla-meridian__release_section5_major_exports_may2025_cny.html")
    month = rows.filter(pl.col("span") == "month").select(
        "commodity_key",
        "quantity",
        "quantity_unit_printed",
        "quantity_unit_code",
        "quantity_base",
        "base_unit",
    )
    by_key = {row[0]: row[1:] for row in month.iter_rows()}
    # releases.md §4.5: aluminium "Ton" 54.7 = 547 kt; footwear "10,000 Pairs" 8.0 = 800 million pairs.
    assert by_key["aluminium_products"] == (Decimal("54.7"), "Ton", "T_10K", Decimal("547000000"), "kg")
    assert by_key["footwear"] == (Decimal("8.0"), "10,000 Pairs", "PR_100M", Decimal("800000000"), "pair")
    assert by_key["rare_earth"] == (Decimal("5864.6"), "Ton", "T", Decimal("5864600"), "kg")


def test_a_scale_change_is_converted_and_a_dimension_change_refused() -> None:
    assert quantity_unit("MN").dimension == quantity_unit("100MN").dimension
    assert quantity_unit("100MN").factor == 100 * quantity_unit("MN").factor
    page = real_page("release_section6_major_imports_may2026_cny.html")
    soy = _conformed(page).filter(pl.col("commodity_key") == "soya_beans", pl.col("span") == "month")
    assert (soy["quantity_unit_code"][0], soy["quantity_base"][0]) == (
        "T_10K",
        soy["quantity"][0] * 10_000_000,
    )
    with pytest.raises(
        ConformError, match="soya_beans is counted in mass, but this page prints '10,000 Sets'"
    ) as caught:
        _conformed(page, ("10,000 Tons", "10,000 Sets"), after="Soya beans<")
    assert caught.value.column == 2 and caught.value.row is not None


def test_a_mislabel_is_read_only_where_it_was_printed() -> None:
    """The same tokens are right on bulletin pages and on other dates."""
    known = commodities()
    may_2025, jan_2022 = Period(2025, 5), Period(2022, 1)
    assert effective_unit("preliminary", known["footwear"], "10,000 Pairs", may_2025).code == "PR_100M"
    assert effective_unit("bulletin", known["footwear"], "10000PR", jan_2022).code == "PR_10K"
    assert effective_unit("preliminary", known["aluminium_products"], "Ton", may_2025).code == "T_10K"
    assert effective_unit("bulletin", known["aluminium_products"], "T", jan_2022).code == "T"
    medicinal = known["medicinal_pharmaceutical_products"]
    assert effective_unit("bulletin", medicinal, "10000T", Period(2025, 6)).code == "T"
    assert effective_unit("bulletin", medicinal, "10000T", Period(2026, 7)).code == "T_10K"


def test_bulletin_2022_aluminium_and_footwear_quantities_stay_as_printed() -> None:
    rows = _conformed(real_page("bulletin_t13_major_exports_2022-01_usd.html"))
    month = rows.filter(pl.col("span") == "month").select(
        "commodity_key", "quantity", "quantity_base", "base_unit"
    )
    by_key = {row[0]: row[1:] for row in month.iter_rows()}
    assert by_key["aluminium_products"] == (Decimal(612966), Decimal(612966000), "kg")
    assert by_key["footwear"] == (Decimal(105259), Decimal(1052590000), "pair")


def test_an_unmapped_commodity_names_page_row_and_label() -> None:
    page = RAW / "hoyla-meridian__release_section5_major_exports_may2025_cny.html"
    with pytest.raises(ConformError, match="unmapped commodity label") as caught:
        _conformed(page, ("Rare earth", "Rare dirt"))
    assert (caught.value.url, caught.value.cell, caught.value.column) == (URL, "Rare dirt", 0)


def test_every_trade_mode_and_regime_label_maps_to_a_regime() -> None:
    aliases = {row["label_key"] for row in _reference("regime_aliases.csv")}
    seen: set[str] = set()
    for name, options in [(name, {}) for name in COMPLETE] + PARTIAL:
        transcript = read_transcript(name, **options)
        info = parse_title(transcript.page.title)
        if info.family is TableFamily.COMMODITY_TRADE_MODE:
            continue
        seen |= set(PARSERS[(info.product, info.family)].parse(transcript.page, None).frame["label_key"])
    assert len(seen) > 30 and seen <= aliases, sorted(seen - aliases)


def test_a_commodity_printed_twice_is_an_error_not_a_dropped_line() -> None:
    page = real_page("release_section6_major_imports_may2026_cny.html")
    text = page.read_text(encoding="utf-8")
    start = text.rindex("<tr", 0, text.index("Soya beans<"))
    end = text.index("</tr>", start) + len("</tr>")
    doubled = text[:end] + text[start:end].replace(">", ">", 1) + text[end:]
    with pytest.raises(ConformError, match="commodity soya_beans is printed on rows") as caught:
        conform_commodities(parse_page(doubled.encode("utf-8"), URL))
    assert caught.value.cell == "Soya beans"
