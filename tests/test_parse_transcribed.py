"""Every real table transcribed in ``shared/gacc/tables`` through its family's parser, cell by cell.

The transcriptions are read back into cells by ``transcripts.py`` (format only) and parsed by the same code
that reads GACC's HTML; every printed number must come out at its row and column, every ``-`` as null, and
every line as a row. Complete tables must also pass their family's arithmetic (rows add up to the total,
enterprise types to the Total column); partial transcriptions must be refused by it. The cross-file checks
of ``tables/INDEX.md`` then pin what the columns mean (flow, span, measure), independently of the parser.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import polars as pl
import pytest
from transcripts import read_transcript

from warehouse.errors import ParseError
from warehouse.parse.dispatch import PARSERS, parse_article
from warehouse.parse.page import ArticlePage, Cell, Row
from warehouse.parse.tidy import ParsedTable
from warehouse.parse.titles import parse_title

# Rows whose empty cells the text rendering lost and whose alignment nothing records: left out.
_COLLAPSED_18 = (
    "Fresh or dried fruits and nuts",
    "Cereals and cereal flour",
    "Edible vegetable oil",
    "'Copper ores and concentrates",
    "Coal and lignite",
    "Refined petroleum products",
)
# Alignment given by the transcriptions' own notes ("Total=1,970, POE=1,380, Other=588 (SOE and FIE empty)");
# which of SOE/FIE printed "-" and which was left empty is not recorded, and both read as null.
_AID_2024 = {
    "Aid or Donation Between Government or by International Organizations": ["1,970", "", "-", "1,380", "588"]
}

COMPLETE = [
    "2019-08_prelim_t02_trade-mode-month_cny.txt",
    "2019-08_prelim_t03_trade-mode-ytd_usd.txt",
    "2020-05_prelim_t03_trade-mode-ytd_cny.txt",
    "2022-05_prelim_t03_trade-mode-ytd_cny.txt",
    "2024-05_prelim_t02_trade-mode-month_cny.txt",
    "2024-05_prelim_t03_trade-mode-ytd_usd.txt",
    "2019-08_bulletin_t05_customs-regime_usd.txt",
    "2019-09_bulletin_t05_customs-regime_usd.txt",
    "2019-10_bulletin_t05_customs-regime_usd.txt",
    "2019-11_bulletin_t05_customs-regime_usd.txt",
    "2019-12_bulletin_t05_customs-regime_usd.txt",
    "2023-01_bulletin_t05_customs-regime_usd.txt",
    "2023-03_bulletin_t05_customs-regime_usd.txt",
    "2023-04_bulletin_t05_customs-regime_usd.txt",
    "2023-07_bulletin_t05_customs-regime_usd.txt",
    "2023-09_bulletin_t05_customs-regime_usd.txt",
    "2023-10_bulletin_t05_customs-regime_usd.txt",
    "2026-02_bulletin_t05_customs-regime_usd.txt",
    "2023-01_bulletin_t06_exports-by-enterprise-type-and-regime_usd.txt",
    "2023-07_bulletin_t06_exports-by-enterprise-type-and-regime_usd.txt",
    "2024-05_bulletin_t06_exports-by-enterprise-type-and-regime_usd.txt",
    "2023-11_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt",
    "2023-12_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt",
    "2024-04_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt",
    "2024-05_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt",
]
# Incomplete transcriptions: (file, reader options). Their rows must parse; the regime tables must then fail
# their sums (the selected-commodity table (18) has none: its lines are a selection).
PARTIAL = [
    ("2019-11_bulletin_t07_imports-by-enterprise-type-and-regime_usd_PARTIAL.txt", {}),
    ("2019-12_bulletin_t07_imports-by-enterprise-type-and-regime_usd_PARTIAL.txt", {}),
    (
        "2024-11_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt",
        {"drop": ("Other",), "align": _AID_2024},
    ),
    (
        "2024-12_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt",
        {"drop": ("Other",), "align": _AID_2024},
    ),
    (
        "2019-11_bulletin_t18_imports-selected-commodities-by-regime_usd_PARTIAL.txt",
        {"unit_cell": True, "drop": _COLLAPSED_18},
    ),
    (
        "2019-12_bulletin_t18_imports-selected-commodities-by-regime_usd_PARTIAL.txt",
        {"unit_cell": True, "drop": _COLLAPSED_18},
    ),
]


def _printed(text: str) -> Decimal | None:
    """The transcription's own reading of a printed number (independent of the parser)."""
    return None if text in ("-", "—", "") else Decimal(text.replace(",", ""))


def _parse_cells(name: str, **options: object) -> tuple[ParsedTable, object]:
    transcript = read_transcript(name, **options)  # type: ignore[arg-type]
    info = parse_title(transcript.page.title)
    assert info.product is not None and info.family is not None, transcript.page.title
    parser = PARSERS[(info.product, info.family)]
    return parser.parse(transcript.page, None), transcript


def _assert_every_cell(parsed: ParsedTable, transcript: object) -> None:
    frame = parsed.frame
    lines = transcript.lines  # type: ignore[attr-defined]
    assert sorted(frame["source_row"].unique().to_list()) == sorted(lines)
    for row, (label, values) in lines.items():
        cells = frame.filter(pl.col("source_row") == row).sort("source_column")
        assert cells["value"].to_list() == [_printed(v) for v in values], (row, label)
        if label:
            assert set(cells["label"]) == {label}


@pytest.mark.parametrize("name", COMPLETE)
def test_a_complete_transcribed_table_parses_cell_by_cell_and_adds_up(name: str) -> None:
    parsed, transcript = _parse_cells(name)
    _assert_every_cell(parsed, transcript)
    checked = parse_article(transcript.page)  # type: ignore[attr-defined]
    assert checked.frame.equals(parsed.frame)
    info = parse_title(transcript.page.title)  # type: ignore[attr-defined]
    assert (checked.identity.period, checked.identity.product) == (info.period, info.product.value)


@pytest.mark.parametrize(("name", "options"), PARTIAL)
def test_a_partial_transcription_parses_its_rows_but_fails_the_sums(name: str, options: dict) -> None:
    parsed, transcript = _parse_cells(name, **options)
    _assert_every_cell(parsed, transcript)
    if parsed.identity.family == "commodity_trade_mode":
        assert parse_article(transcript.page).frame.equals(parsed.frame)  # type: ignore[attr-defined]
        return
    with pytest.raises(ParseError, match="add up to") as caught:
        parse_article(transcript.page)  # type: ignore[attr-defined]
    assert caught.value.url == transcript.url  # type: ignore[attr-defined]


def _value(name: str, *, label: str, flow: str, span: str, breakdown: str | None = None) -> Decimal:
    parsed, _ = _parse_cells(name)
    cells = parsed.frame.filter(
        pl.col("label_key") == label,
        pl.col("flow") == flow,
        pl.col("span") == span,
        pl.col("measure") == "value",
        pl.col("breakdown").eq_missing(breakdown),
    )
    assert cells.height == 1
    return cells["value"][0]


def test_preliminary_and_bulletin_agree_on_jan_may_2024() -> None:
    """INDEX.md: prelim (3) USD 1,400,763.0 / 1,063,556.8 (US$ mn) = bulletin (6)/(7) TOTAL (US$1,000)."""
    prelim = "2024-05_prelim_t03_trade-mode-ytd_usd.txt"
    exports = _value(prelim, label="total value", flow="export", span="ytd")
    imports = _value(prelim, label="total value", flow="import", span="ytd")
    bulletin_exports = _value(
        "2024-05_bulletin_t06_exports-by-enterprise-type-and-regime_usd.txt",
        label="total",
        flow="export",
        span="ytd",
        breakdown="total",
    )
    bulletin_imports = _value(
        "2024-05_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt",
        label="total",
        flow="import",
        span="ytd",
        breakdown="total",
    )
    assert (exports, imports) == (Decimal("1400763.0"), Decimal("1063556.8"))
    assert abs(exports * 1000 - bulletin_exports) <= 50 and abs(imports * 1000 - bulletin_imports) <= 50


def test_the_bulletin_restated_jan_aug_2019() -> None:
    """INDEX.md: bulletin (5) minus prelim (3): exports −10.1, imports −5.7 US$ mn."""
    prelim = "2019-08_prelim_t03_trade-mode-ytd_usd.txt"
    bulletin = "2019-08_bulletin_t05_customs-regime_usd.txt"
    exports = _value(bulletin, label="total", flow="export", span="ytd")
    imports = _value(bulletin, label="total", flow="import", span="ytd")
    assert (exports, imports) == (Decimal(1607027826), Decimal(1347762575))
    assert _value(prelim, label="total value", flow="export", span="ytd") * 1000 - exports == Decimal("10074")
    assert _value(prelim, label="total value", flow="import", span="ytd") * 1000 - imports == Decimal("5725")
    assert _value(bulletin, label="total", flow="export", span="month") == Decimal(214786135)


def test_bulletin_enterprise_total_equals_the_regime_table() -> None:
    """INDEX.md: (7) 1-11.2019 TOTAL 1,881,977,078 = (5) 11.2019 imports 1 to 11."""
    parsed, _ = _parse_cells("2019-11_bulletin_t07_imports-by-enterprise-type-and-regime_usd_PARTIAL.txt")
    total = parsed.frame.filter(
        pl.col("label_key") == "total", pl.col("breakdown") == "total", pl.col("measure") == "value"
    )["value"][0]
    assert parsed.identity.layout == "by_enterprise_fie_split"
    assert total == _value(
        "2019-11_bulletin_t05_customs-regime_usd.txt", label="total", flow="import", span="ytd"
    )


def test_a_shifted_selected_commodity_row_is_refused() -> None:
    """(18) pages leave missing cells empty and have no sums: a row that lost a cell and was padded at its end
    moves every quantity into a value column and back — caught by the quantity left without a value."""
    name = "2019-11_bulletin_t18_imports-selected-commodities-by-regime_usd_PARTIAL.txt"
    transcript = read_transcript(name, unit_cell=True, drop=_COLLAPSED_18)
    rows = list(transcript.page.rows)
    index = next(i for i, row in enumerate(rows) if row.cells[0].text.strip() == "Soya beans")
    cells = list(rows[index].cells)
    del cells[2]
    cells.append(Cell(text="", colspan=1))
    rows[index] = Row(number=rows[index].number, cells=tuple(cells))
    with pytest.raises(ParseError, match="a quantity without a value beside it") as caught:
        parse_article(replace(transcript.page, rows=tuple(rows)))
    assert caught.value.row == rows[index].number


def test_bulletin_yoy_rows_are_kept_beside_their_values() -> None:
    parsed, _ = _parse_cells("2026-02_bulletin_t05_customs-regime_usd.txt")
    total = parsed.frame.filter(pl.col("label_key") == "total").sort("source_row", "source_column")
    assert total.select("span", "flow", "measure", "value").rows() == [
        ("month", "export", "value", Decimal(299877987)),
        ("ytd", "export", "value", Decimal(656577613)),
        ("month", "import", "value", Decimal(208900488)),
        ("ytd", "import", "value", Decimal(442959547)),
        ("month", "export", "value_yoy_pct", Decimal("39.6")),
        ("ytd", "export", "value_yoy_pct", Decimal("21.8")),
        ("month", "import", "value_yoy_pct", Decimal("13.8")),
        ("ytd", "import", "value_yoy_pct", Decimal("19.8")),
    ]


def _with_cell(page: ArticlePage, label: str, index: int, text: str) -> tuple[ArticlePage, int]:
    """The page with one printed cell of the row labelled ``label`` replaced, the way a misprint would."""
    rows = list(page.rows)
    at = next(i for i, row in enumerate(rows) if row.cells[0].text.strip() == label)
    cells = list(rows[at].cells)
    cells[index] = replace(cells[index], text=text)
    rows[at] = Row(number=rows[at].number, cells=tuple(cells))
    return replace(page, rows=tuple(rows)), rows[at].number


def test_an_export_and_import_cell_that_is_not_the_sum_is_refused_naming_its_cell() -> None:
    transcript = read_transcript("2019-08_prelim_t02_trade-mode-month_cny.txt")
    page, row = _with_cell(transcript.page, "Ordinary Trade", 1, "16,342.7")
    with pytest.raises(
        ParseError, match=r"export & import 16342\.700 ≠ export 8699\.500 \+ import 7543\.200"
    ) as caught:
        parse_article(page)
    assert (caught.value.url, caught.value.row, caught.value.column) == (transcript.url, row, 1)


def test_enterprise_types_that_do_not_add_up_to_the_total_column_are_refused_naming_its_cell() -> None:
    transcript = read_transcript("2023-01_bulletin_t06_exports-by-enterprise-type-and-regime_usd.txt")
    page, row = _with_cell(transcript.page, "Ordinary Trade", 2, "15,672,342")
    with pytest.raises(
        ParseError, match=r"soe \+ fie \+ poe \+ other = .*, but total says 192119544"
    ) as caught:
        parse_article(page)
    assert (caught.value.row, caught.value.column) == (row, 1)
