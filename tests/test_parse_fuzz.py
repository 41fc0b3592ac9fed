"""Property tests: real pages, mutated the ways GACC pages break, give a typed error or a true reading.

Each example takes a real page (HTML from GACC, or a transcribed real table), breaks one thing — a cell
dropped, added or shifted, a garbage number, an unknown unit token, a row deleted or repeated, the table
emptied, the title's year changed — and parses it. The result must be a ``ParseError`` naming the URL, the
table (and, for cell damage, the row), or a frame whose every observation the intact page states (same
label, period, span, flow, measure, breakdown and value) — a shift that moves only a missing marker changes
nothing. Never a silently wrong frame.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import polars as pl
import pytest
from conftest import JANFEB_2025, MAR_2026, page, real_page, real_pages
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_parse_transcribed import _COLLAPSED_18
from transcripts import read_transcript

from warehouse.errors import ParseError
from warehouse.parse.dispatch import parse_article, parse_page
from warehouse.parse.identity import IndexHint
from warehouse.parse.page import ArticlePage, Cell, Row, read_article
from warehouse.parse.tidy import ParsedTable

SOURCES = (
    [("site", JANFEB_2025), ("site", MAR_2026)]
    + [("file", str(path)) for path in real_pages()]  # the hoyla-meridian__ pages among them
    + [("file", str(real_page(f"bulletin_t02_by_country_2026-{m}_usd.html"))) for m in ("01", "06")]
    + [
        ("transcript", name)
        for name in (
            "2024-05_prelim_t02_trade-mode-month_cny.txt",
            "2019-08_prelim_t03_trade-mode-ytd_usd.txt",
            "2019-08_bulletin_t05_customs-regime_usd.txt",
            "2023-01_bulletin_t05_customs-regime_usd.txt",
            "2024-05_bulletin_t06_exports-by-enterprise-type-and-regime_usd.txt",
            "2023-11_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt",
        )
    ]
    + [("transcript18", "2019-12_bulletin_t18_imports-selected-commodities-by-regime_usd_PARTIAL.txt")]
)
HTML_SOURCES = [source for source in SOURCES if source[0] in ("site", "file")]
_OBSERVATION = ["label_key", "period", "span", "flow", "measure", "breakdown", "value"]


@cache
def _page(kind: str, source: str) -> ArticlePage:
    if kind == "site":
        return read_article(page(source), source)
    if kind == "file":
        return read_article(
            Path(source).read_bytes(), f"http://english.customs.gov.cn/Statics/{Path(source).stem}.html"
        )
    if (
        kind == "transcript18"
    ):  # rows whose lost empty cells nothing records are left out (see transcribed tests)
        return read_transcript(source, unit_cell=True, drop=_COLLAPSED_18).page
    return read_transcript(source).page


@cache
def _intact(kind: str, source: str) -> ParsedTable:
    return parse_article(_page(kind, source))


def _data_rows(parsed: ParsedTable) -> list[int]:
    return sorted(parsed.frame["source_row"].unique().to_list())


def _with_row(article: ArticlePage, number: int, cells: tuple[Cell, ...] | None) -> ArticlePage:
    rows = []
    for row in article.rows:
        if row.number != number:
            rows.append(row)
        elif cells is not None:
            rows.append(Row(number=row.number, cells=cells))
    return replace(article, rows=tuple(rows))


def _value_positions(parsed: ParsedTable, number: int) -> list[int]:
    return sorted(parsed.frame.filter(pl.col("source_row") == number)["source_column"].unique().to_list())


CELL_DAMAGE = ("drop", "extra", "shift", "garbage")
GARBAGE = ("12a", "1.2.3", "１２", "--5", "5%", "n/a", "1,23", "+-1", "1.2345")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.sampled_from(SOURCES),
    damage=st.sampled_from(CELL_DAMAGE),
    pick=st.integers(min_value=0, max_value=10_000),
    garbage=st.sampled_from(GARBAGE),
)
def test_cell_damage_is_a_typed_error_naming_the_row_or_changes_nothing(
    source: tuple[str, str], damage: str, pick: int, garbage: str
) -> None:
    article, intact = _page(*source), _intact(*source)
    rows = _data_rows(intact)
    number = rows[pick % len(rows)]
    row = next(r for r in article.rows if r.number == number)
    positions = _value_positions(intact, number)
    position = positions[pick % len(positions)]
    cells = list(row.cells)
    if damage == "drop":
        del cells[position]
    elif damage == "extra":
        cells.append(Cell(text="1.0", colspan=1))
    elif damage == "shift":  # one cell lost, the row padded at its end: every value after it moves left
        del cells[position]
        cells.append(Cell(text="", colspan=1))
    else:
        cells[position] = Cell(text=garbage, colspan=1)
    try:
        parsed = parse_article(_with_row(article, number, tuple(cells)))
    except ParseError as error:
        assert error.url == article.url and error.table == intact.identity.family
        assert error.row is not None, str(error)
        return
    assert damage == "shift", "dropped, extra and garbage cells must always be refused"
    assert (
        parsed.frame.select(_OBSERVATION)
        .sort(_OBSERVATION)
        .equals(intact.frame.select(_OBSERVATION).sort(_OBSERVATION))
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.sampled_from(SOURCES),
    damage=st.sampled_from(("delete", "repeat")),
    pick=st.integers(min_value=0, max_value=10_000),
)
def test_row_damage_never_yields_a_wrong_observation(source: tuple[str, str], damage: str, pick: int) -> None:
    article, intact = _page(*source), _intact(*source)
    rows = [r for r in article.rows if len(r.cells) > 1]
    row = rows[pick % len(rows)]
    if damage == "delete":
        broken = _with_row(article, row.number, None)
    else:
        index = article.rows.index(row)
        broken = replace(article, rows=(*article.rows[: index + 1], row, *article.rows[index + 1 :]))
    try:
        parsed = parse_article(broken)
    except ParseError as error:
        assert error.url == article.url and error.table == intact.identity.family
        return
    stated = set(intact.frame.select(_OBSERVATION).iter_rows())
    read = set(parsed.frame.select(_OBSERVATION).iter_rows())
    assert read <= stated


def test_unknown_quantity_unit_tokens_are_refused() -> None:
    article = _page("file", str(real_page("bulletin_t14_major_imports_2026-01_usd.html")))
    row = article.rows[5]
    cells = (row.cells[0], Cell(text="10000WIDGETS", colspan=1), *row.cells[2:])
    with pytest.raises(ParseError, match="unknown quantity unit '10000WIDGETS'") as caught:
        parse_article(_with_row(article, row.number, cells))
    assert (caught.value.row, caught.value.column) == (row.number, 1)


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: Path(s[1]).name)
def test_an_emptied_table_and_a_wrong_year_are_refused(source: tuple[str, str]) -> None:
    article, intact = _page(*source), _intact(*source)
    banners = tuple(r for r in article.rows if len(r.cells) == 1)
    with pytest.raises(ParseError, match="no data rows"):
        parse_article(replace(article, rows=banners))
    year = str(intact.identity.period.year)
    wrong = replace(article, title=article.title.replace(year, str(int(year) - 1)))
    with pytest.raises(ParseError, match="but the index links it as"):
        parse_article(wrong, IndexHint(period=intact.identity.period))


def test_a_javascript_challenge_page_is_not_read_as_a_table() -> None:
    challenge = (
        b"<html><head><script>document.cookie='x';location.reload();</script></head><body></body></html>"
    )
    with pytest.raises(ParseError, match="not a GACC article page") as caught:
        parse_page(challenge, MAR_2026)
    assert caught.value.url == MAR_2026


def _first_data_row(source: tuple[str, str]) -> Row:
    intact = _intact(*source)
    first = min(intact.frame["source_row"])
    return next(row for row in _page(*source).rows if row.number == first)


@pytest.mark.parametrize("source", HTML_SOURCES, ids=lambda s: Path(s[1]).name)
def test_a_word_in_the_first_data_row_is_an_error_not_a_header(source: tuple[str, str]) -> None:
    """A letter makes a row look like a header; the family's header row count catches it."""
    article, row = _page(*source), _first_data_row(source)
    cells = (*row.cells[:-1], Cell(text="n/a", colspan=1))
    with pytest.raises(ParseError) as caught:
        parse_article(_with_row(article, row.number, cells))
    assert caught.value.url == article.url and caught.value.row is not None


@pytest.mark.parametrize("source", HTML_SOURCES, ids=lambda s: Path(s[1]).name)
def test_a_spreadsheet_error_in_the_first_data_row_is_read_as_missing_and_reported(
    source: tuple[str, str],
) -> None:
    article, intact, row = _page(*source), _intact(*source), _first_data_row(source)
    position = max(intact.frame.filter(pl.col("source_row") == row.number)["source_column"])
    cells = list(row.cells)
    cells[position] = Cell(text="#VALUE!", colspan=1)
    parsed = parse_article(_with_row(article, row.number, tuple(cells)))
    assert parsed.frame["source_row"].n_unique() == intact.frame["source_row"].n_unique()
    missing = parsed.frame.filter(pl.col("source_row") == row.number, pl.col("source_column") == position)
    assert missing["value"].to_list() == [None]
    assert any(f"row {row.number}, column {position}: '#VALUE!'" in w for w in parsed.warnings)


@pytest.mark.parametrize("source", HTML_SOURCES, ids=lambda s: Path(s[1]).name)
def test_a_page_without_its_header_rows_is_refused(source: tuple[str, str]) -> None:
    article, intact = _page(*source), _intact(*source)
    first = min(intact.frame["source_row"])
    headerless = tuple(r for r in article.rows if r.number >= first or len(r.cells) == 1)
    with pytest.raises(ParseError, match=r"no header rows|header rows, found 0"):
        parse_article(replace(article, rows=headerless))


@pytest.mark.parametrize(("old", "new"), [(">5<", ">5, 2025<"), (">5<", ">2025<"), (">5<", ">Quantity<")])
def test_a_month_header_must_print_the_month_and_no_year(old: str, new: str) -> None:
    path = real_page("release_section5_major_exports_may2026_cny.html")
    content = path.read_text(encoding="utf-8")
    assert content.count(old) >= 1
    with pytest.raises(ParseError, match="header") as caught:
        parse_page(
            content.replace(old, new, 1).encode("utf-8"), "http://english.customs.gov.cn/Statics/h.html"
        )
    assert caught.value.row is not None and caught.value.column is not None


def test_the_rmb_unit_mislabel_is_read_as_usd_only_on_the_page_it_was_seen() -> None:
    path = real_page("bulletin_t13_major_exports_2026-07_usd.html")
    content = path.read_text(encoding="utf-8").replace("Unit:US$1,000", "Unit:RMB￥10,000", 1)
    with pytest.raises(ParseError, match="bulletin pages are in US\\$1,000"):
        parse_page(content.encode("utf-8"), "http://english.customs.gov.cn/Statics/m.html")
