"""Simulated bulletin (6)/(7) pages, proven against the real transcriptions and the warehouse's own parser.

* Every full and near-full (6)/(7) transcription, printed with its own numbers for its own period, parses
  back through ``parse_page`` (which runs the family's sums) to exactly the transcription's numbers, row by
  row and cell by cell, with the transcription's labels in its order; the conformer keys every regime row
  and enterprise column and the pre-load checks pass. The near-full 2024 pages print their noted gaps as
  documented below; the partial 2019 (7) pages print their held rows and one residual row.
* Synthetic values that satisfy the family's arithmetic, for both flows over 2019–2026 (the 2019–2020
  FIE-split form, January and December), parse back exactly, with the title's period, page date and unit.
* The real page's chrome is kept byte for byte; rendering is deterministic and fast; ``-`` is missing.
"""

from __future__ import annotations

import html
import random
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
import transcripts
from conftest import ROOT
from transcripts import Transcript, read_transcript

from warehouse.conform.release import conform
from warehouse.errors import ParseError
from warehouse.parse.dispatch import parse_page
from warehouse.parse.tidy import ParsedTable
from warehouse.periods import Period
from warehouse.quality.frames import check_release
from warehouse.simulate.enterprise_pages import (
    EnterpriseRow,
    Printed,
    Verbatim,
    enterprise_columns,
    enterprise_layout,
    enterprise_rows,
    enterprise_title,
    render_enterprise_trade_mode,
)
from warehouse.sources.gacc.archive import RawFile

TABLES = ROOT / "samples" / "templates" / "tables"
CHROME = ROOT / "samples" / "gacc-site" / "Statics" / "6e9d4074-409f-46a1-883c-3278c5b5b31c.html"
URL = "http://english.customs.gov.cn/Statics/00000000-0000-4000-8000-000000000000.html"
Values = dict[str, dict[str, Printed]]

# The transcriptions' own alignment of the rows whose empty cells the text lost ("Total=1,970, POE=1,380,
# Other=588 (SOE and FIE empty)"): one of SOE/FIE printed "-", the other was empty; both read as missing.
_AID = "Aid or Donation Between Government or by International Organizations"
_AID_2024 = {_AID: ["1,970", "", "-", "1,380", "588"]}

FULL = [
    ("2023-01_bulletin_t06_exports-by-enterprise-type-and-regime_usd.txt", "export", Period(2023, 1)),
    ("2023-07_bulletin_t06_exports-by-enterprise-type-and-regime_usd.txt", "export", Period(2023, 7)),
    ("2024-05_bulletin_t06_exports-by-enterprise-type-and-regime_usd.txt", "export", Period(2024, 5)),
    ("2023-11_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt", "import", Period(2023, 11)),
    ("2023-12_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt", "import", Period(2023, 12)),
    ("2024-04_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt", "import", Period(2024, 4)),
    ("2024-05_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt", "import", Period(2024, 5)),
    ("2024-11_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt", "import", Period(2024, 11)),
    ("2024-12_bulletin_t07_imports-by-enterprise-type-and-regime_usd.txt", "import", Period(2024, 12)),
]
PARTIAL_2019 = [
    ("2019-11_bulletin_t07_imports-by-enterprise-type-and-regime_usd_PARTIAL.txt", Period(2019, 11)),
    ("2019-12_bulletin_t07_imports-by-enterprise-type-and-regime_usd_PARTIAL.txt", Period(2019, 12)),
]
# The near-full files' gaps, as their notes give them. 1-11.2024: the YoY row of "Other" stops after "-8",
# printed here as five "-". 1-12.2024: the "Other" row stops inside its last cell ("8,"), which is the row's
# Total less its other enterprise types (the column sums agree: the parser checks both); its YoY row is lost.
_OTHER_2024_12 = [
    "14,233,098",
    "299,762",
    "2,399,457",
    "3,093,488",
    f"{14233098 - 299762 - 2399457 - 3093488:,}",
]
GAPS: dict[str, dict[str, tuple[list[str] | None, list[str]]]] = {
    FULL[7][0]: {"Other": (None, ["-"] * 5)},  # None: the value row is held
    FULL[8][0]: {"Other": (_OTHER_2024_12, ["-"] * 5)},
}


# --- reading the transcriptions (independently of the module under test) ----------------------------------


def _transcript(name: str) -> Transcript:
    """A transcription read by the tests' own reader, from the repository's byte copies."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(transcripts, "TABLES", TABLES)
        # The alignment is the 2024 pages' own: other years print that row in full.
        return read_transcript(name, align=_AID_2024 if name.startswith("2024-1") else None)


def _held(name: str) -> list[tuple[str, list[str], list[str] | None]]:
    """(label, value cells, YoY cells or None) per printed regime row, in page order."""
    transcript = _transcript(name)
    rows: list[tuple[str, list[str], list[str] | None]] = []
    for _, (label, cells) in sorted(transcript.lines.items()):
        if label:
            rows.append((label, cells, None))
        else:
            held_label, values, _ = rows[-1]
            rows[-1] = (held_label, values, cells)
    return rows


def _printed(text: str) -> Printed:
    """A transcribed cell as the simulator's input: ``-`` missing, ``""`` an empty cell, else the number."""
    if text == "":
        return Verbatim("")
    return None if text in ("-", "—") else Decimal(text.replace(",", ""))


def _read(text: str) -> Decimal | None:
    """A transcribed cell as the parser must read it."""
    return None if text in ("-", "—", "") else Decimal(text.replace(",", ""))


def _expected(name: str) -> list[tuple[str, list[str], list[str]]]:
    """Every row the page must print: the held rows, with the file's noted gaps filled as documented above."""
    gaps = GAPS.get(name, {})
    rows = []
    for label, cells, yoy in _held(name):
        if yoy is None:
            held_cells, yoy = gaps[label]
            assert held_cells is None, label
        rows.append((label, cells, yoy))
    held = {label for label, _, _ in rows}
    for label, (cells, yoy) in gaps.items():
        if label not in held:
            assert cells is not None
            rows.append((label, cells, yoy))
    return rows


def _values(
    rows: list[EnterpriseRow], columns: tuple[str, ...], printed: list[tuple[str, list[str], list[str]]]
) -> Values:
    """The simulator's input: each row's printed cells under its regime key and the page's column names."""
    value_columns = [c for c in columns if not c.startswith("yoy_")]
    values: Values = {}
    for spec, (label, cells, yoy) in zip(rows, printed, strict=True):
        assert spec.label == label
        values[spec.regime_key] = {
            **{c: _printed(t) for c, t in zip(value_columns, cells, strict=True)},
            **{f"yoy_{c}": _printed(t) for c, t in zip(value_columns, yoy, strict=True)},
        }
    return values


# --- checking a parsed page -------------------------------------------------------------------------------


def _parse(content: bytes) -> ParsedTable:
    return parse_page(content, URL)


def _assert_cells(
    parsed: ParsedTable, rows: list[EnterpriseRow], columns: tuple[str, ...], values: Values
) -> None:
    """Every printed cell at its row and column, read as the value given (``-`` and empty as null)."""
    frame = parsed.frame
    value_columns = [c for c in columns if not c.startswith("yoy_")]
    assert sorted(frame["source_row"].unique().to_list()) == sorted(
        n for spec in rows for n in (spec.row, spec.row + 1)
    )
    for spec in rows:
        given = values[spec.regime_key]
        for row, measure, names in (
            (spec.row, "value", value_columns),
            (spec.row + 1, "value_yoy_pct", [f"yoy_{c}" for c in value_columns]),
        ):
            cells = frame.filter(pl.col("source_row") == row).sort("source_column")
            assert cells["source_column"].to_list() == list(range(1, len(names) + 1)), (spec.label, row)
            assert set(cells["measure"]) == {measure}
            assert set(cells["label"]) == {spec.label}
            expected = [
                None if given[n] is None or isinstance(given[n], Verbatim) else Decimal(given[n])  # type: ignore[arg-type]
                for n in names
            ]
            assert cells["value"].to_list() == expected, (spec.label, measure)


def _assert_conformed(
    parsed: ParsedTable, rows: list[EnterpriseRow], columns: tuple[str, ...], values: Values
) -> None:
    """The conformer keys every row by regime and every column by enterprise type, YoY beside its value."""
    content_raw = RawFile(URL, URL, 200, datetime(2026, 11, 24, tzinfo=UTC), "", "", 0, Path())
    release = conform(parsed, content_raw)
    check_release(release)
    facts = release.facts
    value_columns = [c for c in columns if not c.startswith("yoy_")]
    assert release.fact_table == "fct_trade_by_enterprise"
    assert facts.height == len(rows) * len(value_columns)
    assert set(facts["regime_key"]) == {spec.regime_key for spec in rows}
    assert set(facts["enterprise_key"]) == set(value_columns)
    for fact in facts.iter_rows(named=True):
        given = values[fact["regime_key"]]
        value, yoy = given[fact["enterprise_key"]], given[f"yoy_{fact['enterprise_key']}"]
        assert fact["value"] == (None if value is None or isinstance(value, Verbatim) else Decimal(value))
        assert fact["yoy_pct_published"] == (
            None if yoy is None or isinstance(yoy, Verbatim) else Decimal(yoy)
        )
        spec = next(s for s in rows if s.regime_key == fact["regime_key"])
        assert (fact["source_row"], fact["label_printed"]) == (spec.row, spec.label)


# --- the transcriptions, printed and read back --------------------------------------------------------------


@pytest.mark.parametrize(("name", "flow", "period"), FULL, ids=[name[:21] for name, _, _ in FULL])
def test_a_transcribed_page_printed_with_its_own_numbers_reads_back_exactly(
    name: str, flow: str, period: Period
) -> None:
    expected = _expected(name)
    rows, columns = enterprise_rows(flow, period), enterprise_columns(flow, period)
    assert [spec.label for spec in rows] == [label for label, _, _ in expected]  # same rows, same order
    values = _values(rows, columns, expected)
    content = render_enterprise_trade_mode(flow, period, date(2026, 5, 18), values)
    parsed = _parse(content)
    identity = parsed.identity
    assert (identity.family, identity.flow, identity.period) == ("enterprise_trade_mode", flow, period)
    assert identity.layout == "by_enterprise" == enterprise_layout(flow, period)
    assert identity.unit_code == "USD_1K"
    assert identity.title == _transcript(name).page.title  # the real page's title, as the notes give it
    _assert_cells(parsed, rows, columns, values)
    _assert_conformed(parsed, rows, columns, values)
    total = parsed.frame.filter(pl.col("label") == "TOTAL", pl.col("breakdown") == "total")
    assert total["value"][0] == _read(expected[0][1][0])


def test_the_near_full_pages_gaps_are_printed_as_documented() -> None:
    """The 1-12.2024 'Other' row keeps every character the file holds; its last cell fits the column sums."""
    raw = (TABLES / FULL[8][0]).read_text(encoding="utf-8").splitlines()
    held = next(line for line in raw if "[truncated]" in line).split("[truncated]")[0]
    assert ("Other " + " ".join(_OTHER_2024_12)).startswith(held)
    assert held.endswith(" 8,")
    other_column = [_read(cells[4]) or 0 for label, cells, _ in _held(FULL[8][0])]
    assert abs(other_column[0] - sum(other_column[1:]) - Decimal(_OTHER_2024_12[4].replace(",", ""))) <= 2


@pytest.mark.parametrize(("name", "period"), PARTIAL_2019, ids=["1-11.2019", "1-12.2019"])
def test_a_partial_2019_page_prints_its_held_rows_in_the_fie_split_form(name: str, period: Period) -> None:
    """The 2019 (7) transcriptions stop inside the table: their rows are printed as held, the rows they lost
    as '-' but for one residual row (the last) that makes the page add up, so the parser and its sums run."""
    held = [(label, cells, yoy) for label, cells, yoy in _held(name) if yoy is not None]
    rows, columns = enterprise_rows("import", period), enterprise_columns("import", period)
    assert len(columns) == 16 and enterprise_layout("import", period) == "by_enterprise_fie_split"
    assert [spec.label for spec in rows[: len(held)]] == [label for label, _, _ in held]
    sums = [sum((_read(cells[i]) or 0 for _, cells, _ in held[1:]), Decimal(0)) for i in range(8)]
    residual = [f"{_read(held[0][1][i]) - sums[i]:,}" for i in range(8)]  # type: ignore[operator]
    lost = [(spec.label, ["-"] * 8, ["-"] * 8) for spec in rows[len(held) : -1]]
    printed = held + lost + [(rows[-1].label, residual, ["-"] * 8)]
    values = _values(rows, columns, printed)
    parsed = _parse(render_enterprise_trade_mode("import", period, date(2019, 12, 20), values))
    assert parsed.identity.layout == "by_enterprise_fie_split"
    assert parsed.identity.unit_printed == "Unit: US$1,000"
    _assert_cells(parsed, rows, columns, values)
    _assert_conformed(parsed, rows, columns, values)
    # INDEX.md: (7) 1-11.2019 TOTAL = (5) 11.2019 imports 1 to 11
    if period.month == 11:
        assert values["total"]["total"] == Decimal(1881977078)


# --- synthetic values over the years ----------------------------------------------------------------------


def _synthetic(flow: str, period: Period, seed: int) -> Values:
    """Values that satisfy the family's sums: parts add up to Total on every row (FIE sub-types to FIE), the
    regime rows to TOTAL in every column; some cells missing ('-'), one left empty."""
    rng = random.Random(seed)
    rows, columns = enterprise_rows(flow, period), enterprise_columns(flow, period)
    split = "fie_equity_jv" in columns
    values: Values = {}
    for spec in rows[1:]:
        row: dict[str, Printed] = {}
        subs = ["fie_contractual_jv", "fie_equity_jv", "fie_wholly_foreign_owned"] if split else []
        for column in ["soe", "poe", "other", *subs] + ([] if split else ["fie"]):
            row[column] = None if rng.random() < 0.15 else rng.randrange(0, 400_000_000)
        if split:
            row["fie"] = (
                sum(v for c in subs if isinstance(v := row[c], int))
                if any(row[c] is not None for c in subs)
                else None
            )
        for column in [c for c in columns if not c.startswith("yoy_")]:
            row[f"yoy_{column}"] = None if rng.random() < 0.1 else Decimal(rng.randrange(-1000, 30000)) / 10
        values[spec.regime_key] = row
    values[rows[1].regime_key]["poe"] = Verbatim("")  # an empty cell, as GACC left some in 2024
    values[rows[0].regime_key] = {
        f"yoy_{c}": Decimal(rng.randrange(-300, 300)) / 10 for c in columns if not c.startswith("yoy_")
    }
    return _added_up(values, columns)


def _added_up(values: Values, columns: tuple[str, ...]) -> Values:
    """Each regime row's Total as the sum of its enterprise types, TOTAL as the sum of the regime rows."""
    for key, row in values.items():
        if key != "total":
            row["total"] = sum(v for c in ("soe", "fie", "poe", "other") if isinstance(v := row[c], int))
    for column in [c for c in columns if not c.startswith("yoy_")]:
        values["total"][column] = sum(
            v for k, r in values.items() if k != "total" and isinstance(v := r[column], int)
        )
    return values


SPREAD = [
    Period(2019, 1),
    Period(2019, 12),
    Period(2020, 6),
    Period(2021, 1),
    Period(2022, 12),
    Period(2023, 1),
    Period(2023, 12),
    Period(2024, 7),
    Period(2025, 2),
    Period(2026, 1),
    Period(2026, 12),
]
UNIT = {
    2019: "Unit: US$1,000",
    2020: "Unit: US$1,000",
    2021: "Unit:US$1,000",
    2022: "Unit:US$1,000",
    2025: "Unit:US$1,000",
    2026: "Unit:US$1,000",
}


@pytest.mark.parametrize("flow", ["export", "import"])
@pytest.mark.parametrize("period", SPREAD, ids=str)
def test_synthetic_values_read_back_with_period_date_and_unit(flow: str, period: Period) -> None:
    values = _synthetic(flow, period, seed=period.year * 100 + period.month + (flow == "import"))
    rows, columns = enterprise_rows(flow, period), enterprise_columns(flow, period)
    published = date(period.year + (period.month == 12), period.month % 12 + 1, 18)
    parsed = _parse(render_enterprise_trade_mode(flow, period, published, values))
    identity = parsed.identity
    assert (identity.period, identity.flow, identity.product) == (period, flow, "bulletin")
    assert identity.title == enterprise_title(flow, period)
    assert identity.title.endswith(f",1-{period.month}.{period.year}")
    assert identity.layout == ("by_enterprise_fie_split" if period.year <= 2020 else "by_enterprise")
    assert (identity.unit_code, identity.unit_printed) == ("USD_1K", UNIT.get(period.year))
    if published.year >= 2020:
        assert identity.published_on == published
    else:  # 2019 pages print month/day/year, which the parser rightly leaves undated
        assert identity.date_printed == published.strftime("%m/%d/%Y")
    number = 6 if flow == "export" else 7
    assert identity.excel_url is not None
    assert f"/Excel/{period.year}-{period.month:02d}_M12{number}USD" in identity.excel_url
    _assert_cells(parsed, rows, columns, values)
    _assert_conformed(parsed, rows, columns, values)


def test_rows_and_columns_by_year() -> None:
    export_2024, import_2024 = (
        enterprise_rows("export", Period(2024, 5)),
        enterprise_rows("import", Period(2024, 5)),
    )
    assert [r.regime_key for r in export_2024][:3] == [
        "total",
        "ordinary_trade",
        "aid_donation_international",
    ]
    assert len(export_2024) == 13 and len(import_2024) == 17
    assert [r.row for r in import_2024] == list(
        range(4, 4 + 2 * 17, 2)
    )  # title, two header rows; no unit row
    assert [r.row for r in enterprise_rows("import", Period(2019, 5))][:2] == [5, 7]  # and a unit row
    assert [r.parent_key for r in import_2024] == [None] + ["total"] * 16
    keys_2025 = [r.regime_key for r in enterprise_rows("import", Period(2025, 12))]
    keys_2026 = [r.regime_key for r in enterprise_rows("import", Period(2026, 1))]
    assert keys_2025 == [r.regime_key for r in import_2024]
    assert keys_2026 == [k for k in keys_2025 if k != "duty_free_fx_commodities"]
    assert enterprise_columns("export", Period(2023, 1)) == (
        "total",
        "soe",
        "fie",
        "poe",
        "other",
        "yoy_total",
        "yoy_soe",
        "yoy_fie",
        "yoy_poe",
        "yoy_other",
    )
    assert enterprise_columns("export", Period(2020, 12))[:8] == (
        "total",
        "soe",
        "fie",
        "fie_contractual_jv",
        "fie_equity_jv",
        "fie_wholly_foreign_owned",
        "poe",
        "other",
    )
    assert (
        enterprise_title("import", Period(2019, 12))
        == "(7) Imports by Type Enterprise and by Customs Regime,1-12.2019"
    )
    assert (
        enterprise_title("export", Period(2023, 1))
        == "(6)Exports by Type Enterprise and by Customs Regime,1-1.2023"
    )


# --- the page itself ------------------------------------------------------------------------------------


_TABLE = re.compile(r"<table\b.*?</table\s*>", re.S)


def _outside_table(text: str) -> tuple[str, str]:
    start = text.index('<div class="atcl-cnt"')
    table = _TABLE.search(text, start)
    assert table is not None
    return text[: table.start()], text[table.end() :]


def test_the_real_pages_chrome_is_kept_byte_for_byte() -> None:
    period = Period(2024, 5)
    values = _synthetic("import", period, seed=1)
    content = render_enterprise_trade_mode("import", period, date(2024, 6, 20), values)
    real = CHROME.read_bytes().decode("utf-8")
    old_title = "（2）Imports and Exports by Country （Region） of Origin/Destination,1.2026"
    old_href = "2026-01_M122USD_（2）进出口商品国别（地区）总值表（美元值）.xls"
    new_href = "2024-05_M127USD_（7）进口商品贸易方式企业性质总值表（美元值）.xls"
    text = content.decode("utf-8")
    for mine, theirs in zip(_outside_table(text), _outside_table(real), strict=True):
        restored = (
            mine.replace(enterprise_title("import", period), old_title)
            .replace("2024/06/20", "2026/04/08")
            .replace(new_href, old_href)
        )
        assert restored == theirs
    assert text.count(enterprise_title("import", period)) == 4  # <title>, heading, table, Excel link text
    assert old_title not in text


def test_rendering_is_deterministic() -> None:
    period = Period(2023, 7)
    values = _synthetic("export", period, seed=7)
    reordered = {key: dict(reversed(row.items())) for key, row in reversed(values.items())}
    first = render_enterprise_trade_mode("export", period, date(2023, 8, 18), values)
    assert render_enterprise_trade_mode("export", period, date(2023, 8, 18), reordered) == first


def test_none_prints_a_dash_and_reads_as_missing() -> None:
    period = Period(2024, 5)
    values = _synthetic("export", period, seed=3)
    row = values["border_trade"]
    row["fie"], row["yoy_fie"] = None, None
    _added_up(values, enterprise_columns("export", period))
    content = render_enterprise_trade_mode("export", period, date(2024, 6, 20), values)
    spec = next(s for s in enterprise_rows("export", period) if s.regime_key == "border_trade")
    text = content.decode("utf-8")
    table = _TABLE.search(text, text.index('<div class="atcl-cnt"'))
    assert table is not None
    trs = re.findall(r"<tr>(.*?)</tr>", table[0], re.S)
    assert re.findall(r"<span>(.*?)</span>", trs[spec.row - 1])[3] == "-&nbsp;"  # label, total, soe, fie
    assert re.findall(r"<span>(.*?)</span>", trs[spec.row])[2] == "-"
    cells = _parse(content).frame.filter(
        pl.col("source_row").is_in([spec.row, spec.row + 1]), pl.col("breakdown") == "fie"
    )
    assert cells["value"].to_list() == [None, None]
    assert html.unescape(trs[spec.row - 1]).count("-") == 1


def test_values_that_do_not_add_up_are_refused_by_the_parser() -> None:
    period = Period(2021, 3)
    values = _synthetic("import", period, seed=11)
    values["ordinary_trade"]["soe"] = int(values["ordinary_trade"]["soe"] or 0) + 1000  # type: ignore[call-overload]
    content = render_enterprise_trade_mode("import", period, date(2021, 4, 20), values)
    with pytest.raises(ParseError, match="soe \\+ fie \\+ poe \\+ other"):
        _parse(content)


def test_bad_input_is_refused() -> None:
    period = Period(2024, 5)
    values = _synthetic("export", period, seed=5)
    with pytest.raises(ValueError, match="no values for ordinary_trade"):
        render_enterprise_trade_mode(
            "export", period, date(2024, 6, 20), {k: v for k, v in values.items() if k != "ordinary_trade"}
        )
    with pytest.raises(ValueError, match="prints no row for duty_free_goods"):
        render_enterprise_trade_mode(
            "export", period, date(2024, 6, 20), {**values, "duty_free_goods": values["other"]}
        )
    with pytest.raises(ValueError, match="columns"):
        render_enterprise_trade_mode("export", period, date(2024, 6, 20), {**values, "other": {"total": 1}})
    with pytest.raises(ValueError, match="more than 0 decimals"):
        render_enterprise_trade_mode(
            "export",
            period,
            date(2024, 6, 20),
            {**values, "other": {**values["other"], "soe": Decimal("1.5")}},
        )
    with pytest.raises(ValueError, match="no \\(6\\)/\\(7\\) layout"):
        enterprise_rows("export", Period(2018, 12))
    with pytest.raises(ValueError, match="flow"):
        enterprise_columns("balance", period)
