"""Bulletin table (2), all partners, against an independent extraction, and its sums."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from conftest import real_page

from warehouse.errors import ParseError
from warehouse.parse.dispatch import parse_page

HERE = Path(__file__).resolve().parent
NAME = "bulletin_t02_by_country_2026-01_usd"
PAGE = real_page(f"{NAME}.html").read_bytes()
URL = "http://english.customs.gov.cn/Statics/bulletin-2-2026-01.html"


def _printed(text: str) -> Decimal | None:
    return None if text in ("-", "—", "", "############") else Decimal(text.replace(",", ""))


@pytest.mark.parametrize(
    ("name", "period", "layout", "width"),
    [
        ("bulletin_t02_by_country_2026-01_usd", "2026-01", "month", 7),
        ("bulletin_t02_by_country_2026-06_usd", "2026-06", "month_ytd", 10),
    ],
)
def test_every_cell_matches_the_independent_extraction(
    name: str, period: str, layout: str, width: int
) -> None:
    parsed = parse_page(real_page(f"{name}.html").read_bytes(), URL)
    identity = parsed.identity
    assert (identity.product, identity.family, identity.currency, str(identity.period), identity.layout) == (
        "bulletin",
        "by_country",
        "USD",
        period,
        layout,
    )
    with open(HERE / "fixtures" / "golden" / f"{name}.csv", newline="", encoding="utf-8") as handle:
        golden = list(csv.DictReader(handle))
    assert len(golden) == parsed.frame["source_row"].n_unique() == 271
    for row in golden:
        cells = parsed.frame.filter(pl.col("source_row") == int(row["source_row"])).sort("source_column")
        assert cells["value"].to_list() == [_printed(row[f"cell_{i}"]) for i in range(1, width)]
        assert cells["label"][0] == row["cell_0"]


def test_june_2026_prints_cumulative_yoy_and_excel_overflow_cells() -> None:
    parsed = parse_page(real_page("bulletin_t02_by_country_2026-06_usd.html").read_bytes(), URL)
    total = parsed.frame.filter(pl.col("label_key") == "total").sort("source_column")
    assert total.select("span", "flow", "measure", "value").rows() == [
        ("month", "total", "value", Decimal(699151163)),
        ("ytd", "total", "value", None),
        ("month", "export", "value", Decimal(412387125)),
        ("ytd", "export", "value", Decimal(2125358846)),
        ("month", "import", "value", Decimal(286764038)),
        ("ytd", "import", "value", Decimal(1549382917)),
        ("ytd", "total", "value_yoy_pct", Decimal("21.2")),
        ("ytd", "export", "value_yoy_pct", Decimal("17.6")),
        ("ytd", "import", "value_yoy_pct", Decimal("26.6")),
    ]
    assert len(parsed.warnings) == 5 and "'############'" in parsed.warnings[0]


def test_continents_countries_and_blocs() -> None:
    frame = parse_page(PAGE, URL).frame.filter(pl.col("measure") == "value", pl.col("flow") == "export")
    rows = {row["label_key"]: row for row in frame.iter_rows(named=True)}
    assert rows["total"]["value"] == Decimal(356699626)
    assert (rows["asia:"]["indent_level"], rows["asia:"]["parent_label_key"]) == (1, "total")
    assert (rows["bangladesh"]["indent_level"], rows["bangladesh"]["parent_label_key"]) == (2, "asia:")
    assert (rows["asean"]["indent_level"], rows["asean"]["parent_label_key"]) == (1, "total")
    assert rows["antarctica"]["value"] is None


def test_a_country_moved_to_another_continent_breaks_the_sums() -> None:
    content = PAGE.decode("utf-8")
    start = content.index(">Bangladesh<")
    row_start = content.rindex("<tr", 0, start)
    row_end = content.index("</tr>", start) + len("</tr>")
    moved = content[:row_start] + content[row_end:]
    anchor = content.index(">Oceania:")
    anchor = content.index("</tr>", anchor) + len("</tr>") - (row_end - row_start)
    broken = moved[:anchor] + content[row_start:row_end] + moved[anchor:]
    with pytest.raises(ParseError, match="the rows under 'Asia:' add up to") as caught:
        parse_page(broken.encode("utf-8"), URL)
    assert (caught.value.url, caught.value.table, caught.value.column) == (URL, "by_country", 1)
