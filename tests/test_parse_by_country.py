"""Golden tests on the real by-country pages, cell by cell, and typed errors on broken copies of them."""

from __future__ import annotations

import csv
from decimal import Decimal

import polars as pl
import pytest
from conftest import GOLDEN, JAN_2018, JANFEB_2025, MAR_2026, page

from warehouse.conform.partners import conform_by_country
from warehouse.errors import ConformError, NoTableError, ParseError, UnsupportedTableError
from warehouse.parse.dispatch import parse_page
from warehouse.parse.identity import IndexHint
from warehouse.periods import Period


def _printed(text: str) -> Decimal | None:
    """The golden files' own reading of a printed number (independent of the parser)."""
    text = text.strip()
    return None if text in ("-", "—", "") else Decimal(text.replace(",", ""))


def _wide(frame: pl.DataFrame) -> list[list[object]]:
    """The frame back in page shape: one list per source row, label then values by source column."""
    rows = []
    for (_,), cells in frame.sort("source_row", "source_column").group_by("source_row", maintain_order=True):
        rows.append([cells["label"][0], *cells["value"].to_list()])
    return rows


def test_janfeb_2025_matches_the_transcription_cell_by_cell() -> None:
    parsed = parse_page(page(JANFEB_2025), JANFEB_2025)
    lines = (GOLDEN / "2025-02_prelim_t04_by-country_jan-feb_cny.txt").read_text().splitlines()
    expected = [
        [fields[0], *(_printed(f) for f in fields[1:])]
        for fields in (line.split("\t") for line in lines)
        if len(fields) == 7 and fields[0] != "Export Destination"
    ]
    assert len(expected) == 30
    assert _wide(parsed.frame) == expected
    assert parsed.frame.height == 30 * 6


def test_mar_2026_matches_the_independent_extraction_cell_by_cell() -> None:
    parsed = parse_page(page(MAR_2026), MAR_2026)
    with open(GOLDEN / "2026-03_prelim_t04_by-country_cny.csv", newline="") as handle:
        expected = [[row[0], *(_printed(v) for v in row[1:])] for row in list(csv.reader(handle))[1:]]
    assert len(expected) == 30
    assert _wide(parsed.frame) == expected
    assert parsed.frame.height == 30 * 9


def test_identity_of_the_two_layouts() -> None:
    janfeb = parse_page(page(JANFEB_2025), JANFEB_2025).identity
    assert (janfeb.product, janfeb.family, janfeb.currency, janfeb.period, janfeb.layout) == (
        "preliminary",
        "by_country",
        "CNY",
        Period(2025, 2),
        "jan_feb",
    )
    assert janfeb.unit_code == "CNY_100M" and str(janfeb.published_on) == "2025-03-11"
    assert janfeb.excel_url.endswith("/Excel/7-en-%E4%BA%BA%E6%B0%91%E5%B8%81-2025-1-2_N21(2).xls")
    march = parse_page(page(MAR_2026), MAR_2026).identity
    assert (march.period, march.layout, str(march.published_on)) == (
        Period(2026, 3),
        "month_ytd",
        "2026-04-08",
    )


def test_spans_flows_and_measures_of_the_monthly_layout() -> None:
    frame = parse_page(page(MAR_2026), MAR_2026).frame
    total = frame.filter(label="Total").select("span", "flow", "measure", "value").rows()
    assert total == [
        ("month", "total", "value", Decimal("41046.4")),
        ("ytd", "total", "value", Decimal("118380.0")),
        ("month", "export", "value", Decimal("22297.0")),
        ("ytd", "export", "value", Decimal("68466.7")),
        ("month", "import", "value", Decimal("18749.4")),
        ("ytd", "import", "value", Decimal("49913.3")),
        ("ytd", "total", "value_yoy_pct", Decimal("15.0")),
        ("ytd", "export", "value_yoy_pct", Decimal("11.9")),
        ("ytd", "import", "value_yoy_pct", Decimal("19.6")),
    ]


@pytest.mark.parametrize("url", [JANFEB_2025, MAR_2026])
def test_hierarchy_of_blocs_and_of_which_children(url: str) -> None:
    frame = parse_page(page(url), url).frame
    levels = dict(frame.select("label_key", "indent_level").unique().iter_rows())
    parents = dict(frame.select("label_key", "parent_label_key").unique().iter_rows())
    assert levels["total"] == 0 and levels["japan"] == 1 and levels["united states (us)"] == 1
    assert [k for k, p in parents.items() if p == "european union"] == sorted(
        ["germany", "netherlands", "france", "italy"], key=list(parents).index
    )
    assert {k for k, p in parents.items() if p == "asean"} == {
        "vietnam",
        "malaysia",
        "thailand",
        "singapore",
        "indonesia",
        "philippines",
    }
    assert parents["brazil"] == "latin america" and parents["south africa"] == "africa"
    assert parents["regional comprehensive economic partnership"] is None


def test_every_page_row_conforms_to_a_partner() -> None:
    facts = conform_by_country(parse_page(page(MAR_2026), MAR_2026))
    assert facts.height == 30 * 6
    assert facts["partner_key"].n_unique() == 30
    germany = facts.filter(partner_key="DEU", span="ytd", flow="export").row(0, named=True)
    assert (germany["value"], germany["yoy_pct_published"], germany["parent_partner_key"]) == (
        Decimal("2240.9"),
        Decimal("21.2"),
        "EU",
    )
    assert facts.filter(span="month")["yoy_pct_published"].null_count() == 30 * 3


def test_the_2018_image_page_has_no_table() -> None:
    with pytest.raises(NoTableError, match=r"no table on the page \(the table is an image") as caught:
        parse_page(page(JAN_2018), JAN_2018)
    assert caught.value.url == JAN_2018


# --- broken copies of the real page: each must raise a typed error that says where ----------------


def _broken(old: str, new: str, count: int = 1) -> bytes:
    content = page(JANFEB_2025).decode("utf-8")
    assert old in content
    return content.replace(old, new, count).encode("utf-8")


JAPAN_CELL = "<span><b>3,240.7&nbsp;</b></span>"


def test_a_missing_cell_names_the_row() -> None:
    content = page(JANFEB_2025).decode()
    start = content.index(JAPAN_CELL)
    cell_start = content.rindex("<td", 0, start)
    cell_end = content.index("</td>", start) + len("</td>")
    broken = (content[:cell_start] + content[cell_end:]).encode()
    with pytest.raises(ParseError) as caught:
        parse_page(broken, JANFEB_2025)
    error = caught.value
    assert (error.url, error.table, error.row) == (JANFEB_2025, "by_country", 19)
    assert "expected 7 cells, found 6" in str(error)


def test_garbage_in_a_cell_names_row_column_and_cell() -> None:
    with pytest.raises(ParseError) as caught:
        parse_page(_broken(JAPAN_CELL, "<span><b>3,24O.7&nbsp;</b></span>"), JANFEB_2025)
    assert (caught.value.row, caught.value.column, caught.value.cell) == (19, 1, "3,24O.7")


def test_a_dash_is_null_never_zero() -> None:
    parsed = parse_page(_broken(JAPAN_CELL, "<span><b>-</b></span>"), JANFEB_2025)
    japan = parsed.frame.filter(label="Japan", flow="total", measure="value")
    assert japan["value"].to_list() == [None]


def test_title_and_unit_row_disagreeing_on_currency_is_rejected() -> None:
    with pytest.raises(
        ParseError, match="title says CNY but the unit row says 'Unit: USD1 Million'"
    ) as caught:
        parse_page(_broken("Unit: CNY 100 Million", "Unit: USD1 Million"), JANFEB_2025)
    assert caught.value.row == 2  # the unit is printed in the table's second row, under the title row


def test_an_unknown_unit_is_rejected() -> None:
    with pytest.raises(ParseError, match="unknown value unit") as caught:
        parse_page(_broken("Unit: CNY 100 Million", "Unit: CNY 10,000"), JANFEB_2025)
    assert (caught.value.row, caught.value.cell) == (2, "Unit: CNY 10,000")


def test_a_page_relabelled_against_its_index_link_is_rejected() -> None:
    with pytest.raises(ParseError, match="title says 2025-02 but the index links it as 2025-03"):
        parse_page(page(JANFEB_2025), JANFEB_2025, IndexHint(period=Period(2025, 3)))
    with pytest.raises(ParseError, match="the index lists this page as USD"):
        parse_page(page(JANFEB_2025), JANFEB_2025, IndexHint(currency="USD"))


def test_a_wrong_year_title_with_the_right_index_link_is_rejected() -> None:
    broken = _broken("January-February 2025", "January-February 2024", count=3)
    with pytest.raises(ParseError, match="title says 2024-02"):
        parse_page(broken, JANFEB_2025, IndexHint(period=Period(2025, 2)))


def test_a_header_for_another_month_is_rejected() -> None:
    content = page(MAR_2026).decode().replace("<span><b>1- to-3</b></span>", "<span><b>1- to-4</b></span>", 1)
    with pytest.raises(ParseError, match="header prints month 4 but the page is for month 3"):
        parse_page(content.encode(), MAR_2026)


def test_an_extra_row_after_the_data_that_is_not_numeric_is_rejected() -> None:
    broken = _broken(JAPAN_CELL, "<span><b>see note</b></span>")
    with pytest.raises(ParseError, match="not a number") as caught:
        parse_page(broken, JANFEB_2025)
    assert caught.value.row == 19


def test_a_page_that_is_not_an_article_is_rejected() -> None:
    challenge = b"<html><script>var _$_ts=window['$_ts'];</script></html>"
    with pytest.raises(ParseError, match="not a GACC article page"):
        parse_page(challenge, JANFEB_2025)
    with pytest.raises(ParseError, match="empty page"):
        parse_page(b"", JANFEB_2025)
    with pytest.raises(ParseError, match="not UTF-8"):
        parse_page("(4) China 总值".encode("gb18030") + b"\xff", JANFEB_2025)


def test_an_empty_table_is_rejected() -> None:
    content = page(JANFEB_2025).decode()
    start, end = content.index("<tbody>"), content.index("</tbody>")
    broken = (content[: start + 7] + content[end:]).encode()
    with pytest.raises(ParseError, match="the table has no rows"):
        parse_page(broken, JANFEB_2025)


def test_a_table_family_without_a_parser_is_reported_as_such() -> None:
    title = "China's Total Export & Import Values by Country/Region"
    broken = _broken(title, "Imports and Exports by Customs Districts", count=3)
    with pytest.raises(UnsupportedTableError, match="no parser for preliminary location"):
        parse_page(broken, JANFEB_2025)


def test_a_by_country_table_titled_as_trade_mode_is_refused_by_the_arithmetic() -> None:
    """The cells fit the trade-mode layout; the partner rows (blocs overlap) do not add up to the total."""
    broken = _broken("by Country/Region", "by Trade Mode", count=3)
    with pytest.raises(
        ParseError, match=r"the rows add up to 125804\.400, the total row says 65363\.600"
    ) as caught:
        parse_page(broken, JANFEB_2025)
    assert (caught.value.table, caught.value.row, caught.value.column) == ("trade_mode", 5, 1)


def test_an_unmapped_partner_label_names_page_row_and_label() -> None:
    parsed = parse_page(_broken("Japan</span>", "Japon</span>"), JANFEB_2025)
    with pytest.raises(
        ConformError, match=r"unmapped label .* add it to reference/partner_aliases\.csv"
    ) as caught:
        conform_by_country(parsed)
    assert (caught.value.url, caught.value.row, caught.value.cell) == (JANFEB_2025, 19, "Japon")


# --- from the independent review: rows that must not vanish or be misread -------------------------------


def _mar(old: str, new: str) -> bytes:
    content = page(MAR_2026).decode()
    assert old in content
    return content.replace(old, new, 1).encode()


def _japan_row_removed_cells(content: str) -> str:
    start = content.index("&nbsp;&nbsp;&nbsp;Japan</span>")
    row_start = content.rindex("<tr>", 0, start)
    row_end = content.index("</tr>", start)
    return content[:row_start] + "<tr><td><span>Japan</span></td>" + content[row_end:]


def test_a_row_that_lost_its_value_cells_is_an_error_not_a_missing_partner() -> None:
    broken = _japan_row_removed_cells(page(MAR_2026).decode()).encode()
    with pytest.raises(ParseError, match="a one-cell row inside the data"):
        parse_page(broken, MAR_2026)


def test_a_label_without_values_is_an_error() -> None:
    content = page(MAR_2026).decode()
    note = content.rindex("<tr>", 0, content.index("Note:"))
    extra = "<tr><td>Oceania</td>" + "<td>&nbsp;</td>" * 9 + "</tr>"
    with pytest.raises(ParseError, match="a row with a label but no values") as caught:
        parse_page((content[:note] + extra + content[note:]).encode(), MAR_2026)
    assert caught.value.row == 35


def test_a_bad_number_in_the_total_row_names_its_cell() -> None:
    with pytest.raises(ParseError, match="not a number") as caught:
        parse_page(_mar("<b>41,046.4&nbsp;</b>", "<b>41,046.4%</b>"), MAR_2026)
    assert (caught.value.row, caught.value.column, caught.value.cell) == (5, 1, "41,046.4%")


def test_an_empty_value_cell_is_not_read_as_missing() -> None:
    with pytest.raises(ParseError, match="an empty value cell") as caught:
        parse_page(_mar("<b>41,046.4&nbsp;</b>", "<b></b>"), MAR_2026)
    assert (caught.value.row, caught.value.column) == (5, 1)


def test_a_partner_indented_under_the_wrong_bloc_is_an_error() -> None:
    indented = "&nbsp;" * 10 + "United States (US)"
    parsed = parse_page(_mar("&nbsp;&nbsp;&nbsp;United States (US)", indented), MAR_2026)
    with pytest.raises(ConformError, match="USA read as a child of EU, but GACC prints it under None"):
        conform_by_country(parsed)
