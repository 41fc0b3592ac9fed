"""Bulletin table (2), all partners, against an independent extraction, and its sums."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from warehouse.errors import ParseError
from warehouse.parse.dispatch import parse_page

HERE = Path(__file__).resolve().parent
NAME = "bulletin_t02_by_country_2026-01_usd"
PAGE = (HERE / "fixtures" / "pages" / f"{NAME}.html").read_bytes()
URL = "http://english.customs.gov.cn/Statics/bulletin-2-2026-01.html"


def _printed(text: str) -> Decimal | None:
    return None if text in ("-", "—", "") else Decimal(text.replace(",", ""))


def test_every_cell_matches_the_independent_extraction() -> None:
    parsed = parse_page(PAGE, URL)
    identity = parsed.identity
    assert (identity.product, identity.family, identity.currency, str(identity.period), identity.layout) == (
        "bulletin",
        "by_country",
        "USD",
        "2026-01",
        "month",
    )
    with open(HERE / "fixtures" / "golden" / f"{NAME}.csv", newline="", encoding="utf-8") as handle:
        golden = list(csv.DictReader(handle))
    assert len(golden) == parsed.frame["source_row"].n_unique() == 271
    for row in golden:
        cells = parsed.frame.filter(pl.col("source_row") == int(row["source_row"])).sort("source_column")
        assert cells["value"].to_list() == [_printed(row[f"cell_{i}"]) for i in range(1, 7)]
        assert cells["label"][0] == row["cell_0"]


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
