"""Partner reference data against the real bulletin (2) pages: every printed partner maps, and the dated
group bridge (``reference/partner_groups.csv``) reproduces the printed continent and bloc rows by summing."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from decimal import Decimal

import polars as pl
import pytest
from conftest import JANFEB_2025, MAR_2026, page, real_page

from warehouse.conform.partners import conform_by_country
from warehouse.parse.dispatch import parse_page
from warehouse.settings import REFERENCE_DIR

URL = "http://english.customs.gov.cn/Statics/partner-reference-test.html"
BULLETINS = {
    "2026-01": "bulletin_t02_by_country_2026-01_usd.html",
    "2026-06": "bulletin_t02_by_country_2026-06_usd.html",
}
CONTINENTS = ["ASIA", "AFRICA", "EUROPE", "LATAM", "NORTH_AMERICA", "OCEANIA"]
BLOCS = ["EU", "ASEAN", "APEC", "RCEP", "BRI"]


def _reference(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def facts() -> dict[str, pl.DataFrame]:
    """Each bulletin page parsed and conformed once: period → fact rows."""
    return {
        period: conform_by_country(parse_page(real_page(name).read_bytes(), URL))
        for period, name in BULLETINS.items()
    }


def members(group: str, period: str) -> list[str]:
    """Partners in ``group`` in month ``period`` (``YYYY-MM``; inclusive bounds, empty = open)."""
    return [
        row["partner_key"]
        for row in _reference("partner_groups.csv")
        if row["group_key"] == group
        and (row["valid_from"] or "0000-00") <= period <= (row["valid_to"] or "9999-99")
    ]


def printed_and_summed(facts: pl.DataFrame, group: str, keys: list[str]) -> dict[tuple[str, str], tuple]:
    """(span, flow) → (the group's printed value, the sum of the members' printed values) where printed."""
    printed = facts.filter(pl.col("partner_key") == group, pl.col("value").is_not_null())
    summed = (
        facts.filter(pl.col("partner_key").is_in(keys))
        .group_by("span", "flow")
        .agg(pl.col("value").fill_null(0).sum().alias("summed"))
    )
    joined = printed.join(summed, on=["span", "flow"], how="left").sort("span", "flow")
    return {(row["span"], row["flow"]): (row["value"], row["summed"]) for row in joined.iter_rows(named=True)}


@pytest.mark.parametrize("period", BULLETINS)
def test_every_partner_of_the_bulletin_page_conforms(facts: dict[str, pl.DataFrame], period: str) -> None:
    rows = facts[period]
    assert rows["partner_key"].n_unique() == 271
    assert rows.height == 271 * (3 if period == "2026-01" else 6)
    assert set(rows["partner_key"]) <= {row["partner_key"] for row in _reference("partners.csv")}
    parents = dict(rows.select("partner_key", "parent_partner_key").unique().iter_rows())
    assert parents["WORLD"] is None
    assert {parents[key] for key in [*CONTINENTS, *BLOCS, "UNKNOWN"]} == {"WORLD"}
    assert (parents["DEU"], parents["USA"], parents["KOR"], parents["CHN"]) == (
        "EUROPE",
        "NORTH_AMERICA",
        "ASIA",
        "ASIA",
    )


def test_one_key_per_partner_on_both_products(facts: dict[str, pl.DataFrame]) -> None:
    """The preliminary's 'United States (US)' and the bulletin's 'United States' are one partner."""
    preliminary = conform_by_country(parse_page(page(MAR_2026), MAR_2026))
    shared = set(preliminary["partner_key"]) & set(facts["2026-06"]["partner_key"])
    assert {"USA", "KOR", "RUS", "GBR", "VNM", "DEU", "EU", "ASEAN", "RCEP", "BRI", "LATAM"} <= shared
    assert len(shared) == 30
    aliases = {row["label_key"]: row["partner_key"] for row in _reference("partner_aliases.csv")}
    assert aliases["united states (us)"] == aliases["united states"] == "USA"
    assert aliases["r. o. korea"] == aliases["republic of korea"] == "KOR"
    assert aliases["cote d'ivoire"] == aliases["côte d'ivoire"] == "CIV"  # 1.2026 / 1-6.2026 spellings


def test_no_partner_is_printed_under_two_parents_on_one_product(facts: dict[str, pl.DataFrame]) -> None:
    seen: dict[str, dict[str, set[str | None]]] = {
        "bulletin": defaultdict(set),
        "preliminary": defaultdict(set),
    }
    for rows in facts.values():
        for key, parent in rows.select("partner_key", "parent_partner_key").iter_rows():
            seen["bulletin"][key].add(parent)
    for url in (JANFEB_2025, MAR_2026):
        rows = conform_by_country(parse_page(page(url), url))
        for key, parent in rows.select("partner_key", "parent_partner_key").iter_rows():
            seen["preliminary"][key].add(parent)
    for product, parents in seen.items():
        assert all(len(found) == 1 for found in parents.values()), product
    assert seen["preliminary"]["DEU"] == {"EU"} and seen["bulletin"]["DEU"] == {"EUROPE"}


def test_partner_and_group_tables_are_consistent() -> None:
    partners = {row["partner_key"]: row for row in _reference("partners.csv")}
    assert len(partners) == 271  # every partner the bulletin prints; the preliminary's 30 are among them
    groups = _reference("partner_groups.csv")
    month = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
    for row in groups:
        assert row["partner_key"] in partners, row
        assert partners[row["group_key"]]["kind"] in ("region", "bloc"), row
        assert partners[row["partner_key"]]["kind"] in ("country", "residual"), row
        for bound in (row["valid_from"], row["valid_to"]):
            assert bound == "" or month.fullmatch(bound), row
        assert not (row["valid_from"] and row["valid_to"]) or row["valid_from"] <= row["valid_to"], row
    assert {row["group_key"] for row in groups} == set(CONTINENTS) | set(BLOCS)
    for product in ("printed_under", "bulletin_printed_under"):
        assert all(row[product] in partners for row in partners.values() if row[product]), product
    # The continents of the bridge are the bulletin's own nesting.
    for continent in CONTINENTS:
        nested = {key for key, row in partners.items() if row["bulletin_printed_under"] == continent}
        assert set(members(continent, "2026-06")) == nested, continent
    assert [group for group in CONTINENTS if "CHN" in members(group, "2026-06")] == ["ASIA"]
    assert not any("CHN" in members(group, "2026-06") for group in BLOCS)


def test_the_uk_leaves_the_eu_in_february_2020() -> None:
    assert "GBR" in members("EU", "2019-12") and "GBR" in members("EU", "2020-01")
    assert "GBR" not in members("EU", "2020-02")
    assert len(members("EU", "2019-12")) == 28 and len(members("EU", "2020-02")) == 27


@pytest.mark.parametrize("period", BULLETINS)
@pytest.mark.parametrize("group", CONTINENTS + BLOCS)
def test_member_sums_reproduce_the_printed_group_row(
    facts: dict[str, pl.DataFrame], period: str, group: str
) -> None:
    """Each printed figure is rounded to US$1,000: the sum of n members may miss by 0.5 n + 0.5."""
    keys = members(group, period)
    compared = printed_and_summed(facts[period], group, keys)
    # On 1-6.2026 the largest 1-to-6 totals overflow Excel's column ('############'): nothing to compare.
    overflowed = period == "2026-06" and group in ("ASIA", "APEC", "RCEP", "BRI")
    assert len(compared) == (3 if period == "2026-01" else 6) - overflowed
    bound = Decimal("0.5") * len(keys) + Decimal("0.5")
    for (span, flow), (printed, summed) in compared.items():
        assert abs(summed - printed) <= bound, (group, span, flow, printed, summed)


def test_the_eu_export_ytd_of_june_2026(facts: dict[str, pl.DataFrame]) -> None:
    compared = printed_and_summed(facts["2026-06"], "EU", members("EU", "2026-06"))
    assert compared["ytd", "export"] == (Decimal(312255811), Decimal(312255811))
    assert compared["ytd", "import"] == (Decimal(135625404), Decimal(135625403))


def test_the_blocs_as_printed_differ_from_their_footnotes(facts: dict[str, pl.DataFrame]) -> None:
    """ASEAN includes Timor-Leste (the footnote lists 10); APEC leaves out China's re-imports."""
    january = facts["2026-01"]
    ten = [key for key in members("ASEAN", "2026-01") if key != "TLS"]
    assert printed_and_summed(january, "ASEAN", ten)["month", "total"] == (
        Decimal(96300348),
        Decimal(96300348 - 26481),
    )
    assert printed_and_summed(january, "ASEAN", members("ASEAN", "2026-01"))["month", "total"] == (
        Decimal(96300348),
        Decimal(96300348),
    )
    with_china = [*members("APEC", "2026-01"), "CHN"]
    assert printed_and_summed(january, "APEC", with_china)["month", "import"] == (
        Decimal(140199833),
        Decimal(140199833 + 12358484),
    )
    assert len(members("APEC", "2026-01")) == 20 and len(members("BRI", "2026-06")) == 156
    assert "TLS" not in members("ASEAN", "2025-12")
