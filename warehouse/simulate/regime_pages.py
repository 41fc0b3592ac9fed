"""Trade-mode and customs-regime pages of a simulated month: GACC's real table layouts in real page chrome.

Three table kinds: preliminary (2) "China's Total Export & Import Values by Trade Mode" (the month alone) and
(3) (January to the month), CNY 100 million or USD 1 million; bulletin (5) "Imports and Exports by Customs
Regime" (US$1,000, each value row followed by the row of YoY % for its four cells).

No HTML page of these families is held. What is held is exact text transcriptions of real pages
(``samples/templates/tables/``: preliminary t02/t03, bulletin t05; their format is described in
``shared/gacc/tables/INDEX.md``, which the ``README.md`` there names). So a page is built in two parts:

* **Chrome**: a real GACC article page of the same product, kept byte for byte (CRLF line ends, footer bytes
  and all) except for the title (``<title>``, ``div.atcl-ttl``, the Excel link's text), the page date, the
  Excel link and the ``<table>`` element. Preliminary pages use the real preliminary (4) page of January–
  February 2025 (``Statics/2ab97956-….html``: seven cells a row like (2)/(3), the same ``colspan="3"`` YoY
  header, rows shaded alternately); bulletin pages the real bulletin (2) page of 1.2026
  (``Statics/6e9d4074-….html``).
* **Table**: built from the transcription — its title and unit rows, the two-level header (stub spanning
  both rows, group cells with ``colspan``), the rows in the transcription's order with its labels and
  indentation (leading ``&nbsp;``, as the real pages indent; these transcriptions print every row flush
  left), the notes — written with the cell markup of the chrome page's own table (classes, ``align``,
  ``bgcolor`` shading, ``<span><b>…&nbsp;</b></span>`` values; bulletin values without ``<b>``).

Which transcription gives the layout of a period: the nearest held one by year (ties go to the later year,
GACC's layouts move forward), then by month. Real, per transcription: rows and wording, the header's period
form (``August`` / ``Jan-August`` in 2019, ``5`` / ``1-to-5`` from 2020; bulletin ``1 to 8`` in 2019 until
``1to12`` in December 2019, ``1toM`` in 2023 and 2026), the unit row (``Unit: US$1,000`` in 2019,
``Unit:US$1,000`` in 2026; none on 2023 pages — their transcriptions carry none, and releases.md §5.1 says
many 2023 pages print none, so the parser's US$1,000 default is exercised), the bulletin's in-table title
line where transcribed (2019), the 2026 bulletin without "Duty-free Commodities on Payment of Foreign
Currency".

Choices and guesses:

* Preliminary layouts do not cross 2020: GACC combined January and February from 2020, and releases.md calls
  the (3) wording of 2019 the "2020+ wording" while (2) still printed older labels and "(Only August, in
  CNY)" in 2019. So (2) pages of 2018–2019 take the August 2019 layout and from 2020 the May 2024 one (a
  plain nearest-year rule would have given 2020–2021 the 2019 wording); (3) takes 2019-08 through 2019 and
  the nearest of 2020-05, 2022-05, 2024-05 after. 2018 is printed like 2019: no trade-mode page of 2018 is
  held (2018 by-country pages were images, whether trade-mode pages were too is not known).
* January–February (guessed): from 2020 there is no January page, and the February release prints both (2)
  and (3) (the real 2026 index links both under ``Feb.``) as the same January–February table: title
  ``January-February YYYY``, header ``1-to-2``, cumulative columns (span ``jan_feb``), the (3) layout. The
  warehouse thus gets the same Jan–Feb facts from two pages. Through 2019 January and February stand alone;
  (3) of January is titled ``January-January 2019`` with header ``Jan-January`` (a guess the parser reads as
  cumulative; no 2018–2019 January page is held), and (3) of February 2019 ``January-February 2019``, which
  the parser reads as the ``jan_feb`` span (the title cannot tell it from a combined release).
* The bulletin publishes every month; January prints its cumulative columns too (``1to1``, equal to the month,
  as the 1.2023 transcription shows).
* Titles: each transcription's page title with the period (and the currency, and the "(N)") changed; the
  preliminary single month as ``May 2024``, from 2026 ``Mar 2026`` (as the simulated 2026 (4) page prints
  it), ranges as ``January-May 2024``. A preliminary page prints its title as the table's first row (as every
  real preliminary page does; the transcriptions start at the unit row); a bulletin page only where its
  transcription shows one.
* The YoY header is printed ``Year-on-Year (±%)`` (releases.md §4.3; the transcriptions abbreviate it
  ``YoY%``). YoY % always print one decimal: the 2022-05 page's ``12``/``-1`` print as ``12.0``/``-1.0``.
* Notes: preliminary as transcribed (complete). Bulletin notes are incomplete in every transcription, so the
  three known ones are printed (shading, duty-free goods, the 2018 "Other" rule — the last one's wording is a
  guess), with the transcription's numbering style (``1.``, ``1、``, none) and ``Notes:`` heading where it
  has one. The YoY row's label cell is empty and its cells shaded ``#C0C0C0`` ("figures in shaded areas").
* Excel links (guessed from the other tables' names): preliminary ``{k}-EN-2019年8月快讯-2(CNY).xls`` through
  2019, ``{k}-en-人民币-2024-5.xls`` 2020–2025, ``1_{k}-en-人民币-2026-05.xls`` from 2026, with ``k`` = 2N−1
  for CNY and 2N for USD (as (4) CNY is 7, (5) 9/10, (6) CNY 11); bulletin
  ``2026-02_M125USD_（5）进出口商品贸易方式总值表（美元值）.xls`` from 2025, ``2023-04_M125USD.xls`` before
  (as (2) is ``M122``, (13) ``M133``, (14) ``M134``).
* Dates: ``div.atcl-date`` month/day/year through 2019, year/month/day after (as
  ``warehouse.simulate.pages``).

Values are given per regime key and column (``trade_mode_columns``, ``customs_regime_columns``) in the page's
printed unit: preliminary values with one decimal, bulletin values as integers, YoY % with one decimal and no
thousands separator; ``None`` prints GACC's ``-``, ``Verbatim`` prints its text as is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from warehouse.conform.labels import aliases
from warehouse.parse.labels import label_key
from warehouse.parse.titles import Product
from warehouse.periods import Period
from warehouse.settings import PROJECT_ROOT
from warehouse.simulate.printing import Printed, Verbatim, format_value, require_rows
from warehouse.simulate.refill import Refill, Template, TemplateError, bulletin_title, read_template
from warehouse.simulate.table_markup import bold, escape, table_element, td, tr
from warehouse.simulate.wording import (
    CURRENCY_WORD,
    MONTH_NAMES,
    jan_feb_release,
    page_date,
    preliminary_unit,
)

__all__ = [
    "CUSTOMS_REGIME",
    "TRADE_MODE_MONTH",
    "TRADE_MODE_YTD",
    "Printed",
    "RegimeRow",
    "RegimeValues",
    "Verbatim",
    "customs_regime_columns",
    "customs_regime_rows",
    "customs_regime_source",
    "render_customs_regime",
    "render_trade_mode",
    "trade_mode_columns",
    "trade_mode_rows",
    "trade_mode_source",
]

# Column names, in the order the page prints them after the label; named as ``warehouse.simulate.pages``
# names its columns. Preliminary YoY % are of the page's own span (month, or January to the month).
TRADE_MODE_MONTH = ("total_month", "export_month", "import_month", "yoy_total", "yoy_export", "yoy_import")
TRADE_MODE_YTD = ("total_ytd", "export_ytd", "import_ytd", "yoy_total", "yoy_export", "yoy_import")
# Bulletin: the value row's four cells, then the YoY row under it for the same four.
CUSTOMS_REGIME = (
    "export_month",
    "export_ytd",
    "import_month",
    "import_ytd",
    "yoy_export_month",
    "yoy_export_ytd",
    "yoy_import_month",
    "yoy_import_ytd",
)

RegimeValues = Mapping[str, Mapping[str, Printed]]

_TABLES = ("month", "ytd")
_TABLE_NUMBER = {"month": 2, "ytd": 3}
_TRANSCRIPTIONS = PROJECT_ROOT / "samples" / "templates" / "tables"
_STATICS = PROJECT_ROOT / "samples" / "gacc-site" / "Statics"
_ORIGIN = "http://english.customs.gov.cn/Statics/"
_PRELIMINARY_CHROME = "2ab97956-c57d-4387-8d60-a141b5a5b48b.html"  # (4) January-February 2025 (in CNY)
_BULLETIN_CHROME = "6e9d4074-409f-46a1-883c-3278c5b5b31c.html"  # bulletin (2), 1.2026
_BULLETIN_NOTES = (
    "Figures in shaded areas refer to percentage change over the same period in the previous year.",
    "Since 2014, duty-free goods is included in Customs Statistics of China. For more information, please "
    "see the explanatory note.",
    'Since 2018, Compensation Trade, Goods on Consignment and Barter Trade are included in "Other".',
)
_YOY_HEADER = "Year-on-Year (±%)"


@dataclass(frozen=True)
class RegimeRow:
    """One data row of a page: where it is printed and which regime it is."""

    row: int  # the <tr> number on the page = the parsed frame's source_row for that row
    label: str  # as printed, no indentation
    regime_key: str  # reference/regimes.csv key, via reference/regime_aliases.csv
    parent_key: str | None  # "total" for every regime row (the parser's total-first hierarchy); None: total


# --- transcriptions -----------------------------------------------------------------------------------------

_FILE_NAME = re.compile(r"^(\d{4})-(\d{2})_(prelim_t02|prelim_t03|bulletin_t05)_[a-z-]+_(cny|usd)\.txt$")
_KIND = {"prelim_t02": "month", "prelim_t03": "ytd", "bulletin_t05": "regime"}
_NUMBER = re.compile(r"^(?:[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-|—)$")
_PAGE_TITLE = re.compile(r'Page title: "([^"]+)"')
_NOTE_NUMBER = re.compile(r"^(\d+)\s*([.、])\s*")


@dataclass(frozen=True)
class _Layout:
    """A held transcription: what the page of its period printed, row by row, without its numbers."""

    name: str
    kind: str  # month | ytd (preliminary (2)/(3)) | regime (bulletin (5))
    period: Period
    currency: str
    title: str  # the page title, as the transcription's notes give it
    table_title: str | None  # a title line the table itself prints (bulletin 2019)
    unit: str | None  # the unit row as printed; None where the page prints none
    stub: str  # the header's first cell ("Trade Mode", "Customs Regime")
    header: tuple[tuple[str, str], ...]  # (group, cell) above each value column
    rows: tuple[tuple[int, str], ...]  # (indentation in spaces, label) per data row
    notes: tuple[str, ...]  # note lines as transcribed

    @property
    def product(self) -> Product:
        return Product.BULLETIN if self.kind == "regime" else Product.PRELIMINARY


@cache
def _layouts() -> tuple[_Layout, ...]:
    found = []
    for path in sorted(_TRANSCRIPTIONS.glob("*.txt")):
        match = _FILE_NAME.match(path.name)
        if match:
            found.append(_read_transcription(path, _KIND[match[3]], Period(int(match[1]), int(match[2]))))
    return tuple(found)


def _read_transcription(path: Path, kind: str, period: Period) -> _Layout:
    """The printed structure of a transcription: banner, unit, header, data and note lines; numbers are
    only counted, so that a line the text could not align is refused rather than misread."""
    raw = path.read_text(encoding="utf-8").splitlines()
    meta = [line for line in raw[1:] if line.startswith("#")]
    title = next((m[1] for line in meta if (m := _PAGE_TITLE.search(line))), None)
    if title is None:
        raise ValueError(f"{path.name}: no page title in its notes")
    table_title = unit = None
    stub, header = "", ()
    rows: list[tuple[int, str]] = []
    notes: list[str] = []
    for text in (line for line in raw[1:] if not line.startswith("#")):
        stripped = text.strip()
        if notes or (rows and not _numbers(stripped)[1]):
            notes.append(stripped)
            continue
        if not rows and stripped.startswith("Unit"):
            unit = stripped
        elif not rows and " | " in stripped:
            stub, header = _header(stripped)
        elif not rows and stripped.startswith(("(", "（")):
            table_title = stripped
        else:
            label, numbers = _numbers(stripped)
            if len(numbers) != len(header):
                raise ValueError(f"{path.name}: {stripped!r} has {len(numbers)} numbers, not {len(header)}")
            if label:
                rows.append((len(text) - len(text.lstrip(" ")), label))
    currency = path.stem.rsplit("_", 1)[1].upper()
    return _Layout(
        path.name, kind, period, currency, title, table_title, unit, stub, header, tuple(rows), tuple(notes)
    )


def _numbers(text: str) -> tuple[str, list[str]]:
    tokens = text.split()
    numbers: list[str] = []
    while tokens and _NUMBER.match(tokens[-1]):
        numbers.insert(0, tokens.pop())
    return " ".join(tokens), numbers


def _header(line: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``Trade Mode | 5: Export & Import | Export | …``: ``A: B`` is B printed under A; a cell without
    ``A:`` sits under the A before it."""
    cells = [cell.strip() for cell in line.split("|")]
    found: list[tuple[str, str]] = []
    for cell in cells[1:]:
        if ":" in cell:
            group, _, below = cell.rpartition(":")
            found.append((group.strip(), below.strip()))
        else:
            found.append((found[-1][0] if found else "", cell))
    return cells[0], tuple(found)


def _nearest(layouts: list[_Layout], period: Period) -> _Layout:
    if not layouts:
        raise ValueError(f"no transcription to lay out a page of {period}")
    return min(
        layouts,
        key=lambda held: (
            abs(held.period.year - period.year),
            -held.period.year,  # a tie between years goes to the later layout
            abs((held.period.year - period.year) * 12 + held.period.month - period.month),
        ),
    )


def _trade_mode_layout(period: Period, table: str) -> _Layout:
    if table not in _TABLES:
        raise ValueError(f"table is 'month' (2) or 'ytd' (3), not {table!r}")
    if period.year < 2018:
        raise ValueError(f"no preliminary page for {period}: GACC's English pages start in 2018")
    if period.year >= 2020 and period.month == 1:
        raise ValueError(f"no preliminary page for {period}: January is in the January–February release")
    kind = "ytd" if jan_feb_release(period) else table
    held = [
        layout
        for layout in _layouts()
        if layout.kind == kind and (layout.period.year >= 2020) == (period.year >= 2020)
    ]
    return _nearest(held, period)


def _customs_regime_layout(period: Period) -> _Layout:
    if period.year < 2018:
        raise ValueError(f"no bulletin page for {period}: GACC's English pages start in 2018")
    return _nearest([layout for layout in _layouts() if layout.kind == "regime"], period)


# --- public interface ---------------------------------------------------------------------------------------


def trade_mode_source(period: Period, table: str) -> str:
    """The transcription (file name in samples/templates/tables) whose layout the (2)/(3) page follows."""
    return _trade_mode_layout(period, table).name


def customs_regime_source(period: Period) -> str:
    """The transcription whose layout the bulletin (5) page of ``period`` follows."""
    return _customs_regime_layout(period).name


def trade_mode_rows(period: Period, table: str) -> list[RegimeRow]:
    """The rows the preliminary (2) (``table="month"``) or (3) (``"ytd"``) page of ``period`` prints."""
    return list(_structure(_trade_mode_layout(period, table)).rows)


def customs_regime_rows(period: Period) -> list[RegimeRow]:
    """The rows the bulletin (5) page of ``period`` prints (value rows; each one's YoY row is ``row + 1``)."""
    return list(_structure(_customs_regime_layout(period)).rows)


def trade_mode_columns(period: Period, table: str) -> tuple[str, ...]:
    """``TRADE_MODE_MONTH`` for (2), ``TRADE_MODE_YTD`` for (3) and for both tables of a January–February
    release (whose span is ``jan_feb``)."""
    layout = _trade_mode_layout(period, table)
    return TRADE_MODE_YTD if layout.kind == "ytd" else TRADE_MODE_MONTH


def customs_regime_columns(period: Period) -> tuple[str, ...]:
    """``CUSTOMS_REGIME``: January prints its 1to1 columns too (equal to the month)."""
    _customs_regime_layout(period)
    return CUSTOMS_REGIME


def render_trade_mode(
    period: Period, currency: str, table: str, published_on: date, values: RegimeValues
) -> bytes:
    """The preliminary (2) (``table="month"``) or (3) (``"ytd"``) page of ``period`` in ``currency``.

    ``values[regime_key][column]``: every row of ``trade_mode_rows`` and every column of
    ``trade_mode_columns``, in CNY 100 million or USD 1 million (one decimal).
    """
    if currency not in CURRENCY_WORD:
        raise ValueError(f"preliminary pages are in CNY or USD, not {currency!r}")
    layout = _trade_mode_layout(period, table)
    structure = _structure(layout)
    title = _preliminary_title(layout, period, table, currency)
    columns = TRADE_MODE_YTD if layout.kind == "ytd" else TRADE_MODE_MONTH
    cells = _value_cells(structure, columns, values, decimals=1, where=f"({_TABLE_NUMBER[table]}) {period}")
    groups = [
        _YOY_HEADER
        if _is_yoy(group)
        else _retime(group, layout.period, period, combined=jan_feb_release(period))
        for group, _ in layout.header
    ]
    html_table = _preliminary_table(layout, title, preliminary_unit(currency), groups, cells, structure)
    return _page(
        _PRELIMINARY_CHROME,
        title,
        published_on,
        _preliminary_href(period, table, currency),
        html_table,
    )


def render_customs_regime(period: Period, published_on: date, values: RegimeValues) -> bytes:
    """The bulletin (5) page of ``period`` (US$1,000): ``values[regime_key][column]`` for every row of
    ``customs_regime_rows`` and every column of ``CUSTOMS_REGIME``, values as integers."""
    layout = _customs_regime_layout(period)
    structure = _structure(layout)
    title = bulletin_title(layout.title, period, url=layout.name)
    cells = _value_cells(structure, CUSTOMS_REGIME, values, decimals=0, where=f"(5) {period}")
    html_table = _bulletin_table(layout, period, cells, structure)
    return _page(_BULLETIN_CHROME, title, published_on, _bulletin_href(period), html_table)


# --- rows ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Structure:
    rows: tuple[RegimeRow, ...]
    indents: tuple[int, ...]  # leading no-break spaces per row


@cache
def _structure(layout: _Layout) -> _Structure:
    """Row numbers as the page prints them, and each label's regime through the alias table."""
    mapping = aliases("regime_aliases.csv", "regime_key")
    if layout.product is Product.PRELIMINARY:
        first = 1 + 1 + 2  # title row, unit row, two header rows
        step = 1
    else:
        first = (layout.table_title is not None) + (layout.unit is not None) + 2
        step = 2  # the YoY row under each value row
    rows = []
    for index, (_, label) in enumerate(layout.rows):
        key = mapping.get(label_key(label))
        if key is None:
            raise ValueError(f"{layout.name}: label {label!r} is not in reference/regime_aliases.csv")
        rows.append(RegimeRow(first + 1 + index * step, label, key, None if index == 0 else "total"))
    if rows[0].regime_key != "total":
        raise ValueError(f"{layout.name}: the first row must be the total, not {rows[0].label!r}")
    keys = [row.regime_key for row in rows]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{layout.name}: a regime is printed twice")
    return _Structure(tuple(rows), tuple(indent for indent, _ in layout.rows))


def _value_cells(
    structure: _Structure, columns: tuple[str, ...], values: RegimeValues, *, decimals: int, where: str
) -> list[list[str]]:
    """Per row, the printed text of each column; every row and column must be given, and nothing else."""
    expected = {row.regime_key for row in structure.rows}
    require_rows(values, expected, where)
    printed = []
    for row in structure.rows:
        given = values[row.regime_key]
        if set(given) != set(columns):
            raise ValueError(
                f"{where} {row.regime_key}: columns {sorted(given)} given, the page prints {columns}"
            )
        texts = []
        for column in columns:
            yoy = column.startswith("yoy_")
            try:
                texts.append(format_value(given[column], 1 if yoy else decimals, separators=not yoy))
            except ValueError as exc:
                raise ValueError(f"{where} {row.regime_key} {column}: {exc}") from None
        printed.append(texts)
    return printed


# --- titles, header periods, links --------------------------------------------------------------------------

_PRELIMINARY_TITLE = re.compile(
    r"^(?P<number>[(（]\s*\d{1,2}\s*[)）])(?P<head>.*,\s*)(?P<period>[A-Za-z]+(?:-[A-Za-z]+)?\s+\d{4})"
    r"(?P<tail>.*)$"
)
_CURRENCY = re.compile(r"\b(?:CNY|USD|RMB)\b")
_ONLY = re.compile(r"\bOnly\s+[A-Za-z]+")
_MONTH_NAME = re.compile(rf"\b(?:{'|'.join(MONTH_NAMES)})\b")
_LAST_NUMBER = re.compile(r"(\d{1,2})(?!.*\d)")


def _preliminary_title(layout: _Layout, period: Period, table: str, currency: str) -> str:
    match = _PRELIMINARY_TITLE.fullmatch(layout.title)
    if match is None:
        raise ValueError(f"{layout.name}: title without a period: {layout.title!r}")
    name = MONTH_NAMES[period.month - 1]
    if jan_feb_release(period):
        text = f"January-February {period.year}"
    elif table == "ytd":
        text = f"January-{name} {period.year}"
    elif period.year >= 2026:
        text = f"{name[:3]} {period.year}"
    else:
        text = f"{name} {period.year}"
    tail = _ONLY.sub(f"Only {name}", _CURRENCY.sub(currency, match["tail"]))
    number = re.sub(r"\d+", str(_TABLE_NUMBER[table]), match["number"])
    return f"{number}{match['head']}{text}{tail}"


def _retime(text: str, old: Period, new: Period, *, combined: bool = False) -> str:
    """A header cell's period moved from the layout's month to the page's: ``5`` → ``7``, ``1-to-5`` →
    ``1-to-2``, ``August`` → ``May``, ``Jan-August`` → ``Jan-January``, ``1to12`` → ``1to1``. A number that
    is not the layout's month is refused rather than guessed at."""
    month = 2 if combined else new.month
    names = list(_MONTH_NAME.finditer(text))
    if names:
        last = names[-1]
        if last[0] != MONTH_NAMES[old.month - 1]:
            raise TemplateError(f"header {text!r} names {last[0]}, the layout's month is {old.month}")
        return text[: last.start()] + MONTH_NAMES[month - 1] + text[last.end() :]
    number = _LAST_NUMBER.search(text)
    if number is None:
        return text
    if int(number[1]) != old.month:
        raise TemplateError(f"header {text!r} prints month {number[1]}, the layout's month is {old.month}")
    return text[: number.start()] + str(month) + text[number.end() :]


def _is_yoy(group: str) -> bool:
    return "%" in group or "yoy" in group.casefold() or "year-on-year" in group.casefold()


def _preliminary_href(period: Period, table: str, currency: str) -> str:
    number = _TABLE_NUMBER[table]
    k = 2 * number - (1 if currency == "CNY" else 0)
    if period.year <= 2019:
        name = f"{k}-EN-{period.year}年{period.month}月快讯-{number}({currency}).xls"
    else:
        span = f"{period.year}-1-2" if jan_feb_release(period) else None
        if period.year <= 2025:
            name = f"{k}-en-{CURRENCY_WORD[currency]}-{span or f'{period.year}-{period.month}'}.xls"
        else:
            name = f"1_{k}-en-{CURRENCY_WORD[currency]}-{span or f'{period.year}-{period.month:02d}'}.xls"
    return "http://english.customs.gov.cn\\Excel\\" + name


def _bulletin_href(period: Period) -> str:
    stem = f"{period.year}-{period.month:02d}_M125USD"
    if period.year >= 2025:
        stem += "_（5）进出口商品贸易方式总值表（美元值）"
    return "http://english.customs.gov.cn\\Excel\\" + stem + ".xls"


# --- tables -------------------------------------------------------------------------------------------------


def _label(indent: int, label: str) -> str:
    return "&nbsp;" * indent + escape(label)


def _preliminary_table(
    layout: _Layout,
    title: str,
    unit: str,
    groups: list[str],
    cells: list[list[str]],
    structure: _Structure,
) -> str:
    """Markup of the real (4) January–February 2025 page: title and unit rows spanning all seven cells, a
    header group per three cells, rows shaded alternately (``#C0C0C0`` label, ``#969696`` values)."""
    rows = [
        tr([td('colspan="7" align="left" class="style1" bgcolor="#C0C0C0"', bold(title))]),
        tr([td('colspan="7" align="right" class="style2"', bold(unit))]),
    ]
    head = [td('rowspan="2" align="center" class="style3" bgcolor="#C0C0C0"', bold(layout.stub))]
    for group in dict.fromkeys(groups):
        width = groups.count(group)
        head.append(
            td(
                f'colspan="{width}" align="center" class="style4" bgcolor="#C0C0C0"',
                bold(group),
            )
        )
    rows.append(tr(head))
    below = [td('align="center" class="style3" bgcolor="#C0C0C0"', bold(cell)) for _, cell in layout.header]
    rows.append(tr(below))
    for index, (row, texts) in enumerate(zip(structure.rows, cells, strict=True)):
        label = f"<span>{_label(structure.indents[index], row.label)}</span>"
        if index % 2:
            line = [td('class="style8" bgcolor="#C0C0C0"', label)]
            value, yoy = (
                'align="right" class="style9" bgcolor="#969696"',
                'align="right" class="style10" bgcolor="#969696"',
            )
        else:
            line = [td(f'class="{"style5" if index == 0 else "style11"}"', label)]
            value, yoy = 'align="right" class="style6"', 'align="right" class="style7"'
        line += [td(value, f"<span><b>{escape(text)}&nbsp;</b></span>") for text in texts[:3]]
        line += [td(yoy, f"<span><b>{escape(text)}</b></span>") for text in texts[3:]]
        rows.append(tr(line))
    if layout.notes:
        notes = "<br />\n".join(escape(note) for note in layout.notes)
        rows.append(tr([td('colspan="7" align="left" class="style12"', f"<span>{notes}</span>")]))
    return table_element(rows, width=984, height=23 * len(rows))


def _bulletin_table(layout: _Layout, period: Period, cells: list[list[str]], structure: _Structure) -> str:
    """Markup of the real bulletin (2) 1.2026 page: centred title row, the unit in the last two cells of an
    otherwise empty row, a stub spanning both header rows, bold labels, plain values; the YoY row shaded."""
    rows = []
    if layout.table_title is not None:
        title = bulletin_title(layout.table_title, period, url=layout.name)
        rows.append(tr([td('colspan="5" align="center" class="style1"', bold(title))]))
    if layout.unit is not None:
        empty = [td('class="style2"', None) for _ in range(3)]
        rows.append(tr([*empty, td('colspan="2" align="center" class="style3"', bold(layout.unit))]))
    head = [td('rowspan="2" align="center" class="style4"', bold(layout.stub))]
    groups = [group for group, _ in layout.header]
    for group in dict.fromkeys(groups):
        head.append(td(f'colspan="{groups.count(group)}" align="center" class="style5"', bold(group)))
    rows.append(tr(head))
    below = [
        td('align="center" class="style7"', bold(_retime(cell, layout.period, period)))
        for _, cell in layout.header
    ]
    rows.append(tr(below))
    for index, (row, texts) in enumerate(zip(structure.rows, cells, strict=True)):
        style = "style10" if index == 0 else "style14"
        label = f"<span><b>{_label(structure.indents[index], row.label)}</b></span>"
        line = [td(f'align="left" class="{style}"', label)]
        line += [
            td('align="right" class="style11"', f"<span>{escape(text)}&nbsp;</span>") for text in texts[:4]
        ]
        rows.append(tr(line))
        shaded = [td('align="left" class="style14" bgcolor="#C0C0C0"', None)]
        shaded += [
            td('align="right" class="style12" bgcolor="#C0C0C0"', f"<span>{escape(text)}</span>")
            for text in texts[4:]
        ]
        rows.append(tr(shaded))
    notes = f"<span><b>{_bulletin_notes(layout)}</b></span>"
    rows.append(tr([td('colspan="5" class="style17"', notes)]))
    return table_element(rows, width=701, height=21 * len(rows))


def _bulletin_notes(layout: _Layout) -> str:
    """The three known notes, numbered as the transcription numbers its own (``1.``, ``1、``, none) and
    under its ``Notes:`` heading where it prints one."""
    heading = next((note for note in layout.notes if re.match(r"^Notes?\s*[:：]", note)), None)
    numbered = [
        m for note in layout.notes if (m := _NOTE_NUMBER.match(re.sub(r"^Notes?\s*[:：]\s*", "", note)))
    ]
    separator = numbered[0][2] if numbered else ("." if not layout.notes else None)
    lines = [
        f"{number}{separator}{'' if separator == '、' else ' '}{note}" if separator else note
        for number, note in enumerate(_BULLETIN_NOTES, start=1)
    ]
    if heading is not None:
        lines.insert(0, "Notes:")
    return "<br />\n".join(escape(line) for line in lines)


# --- the page -----------------------------------------------------------------------------------------------


@cache
def _chrome(file: str) -> Template:
    return read_template((_STATICS / file).read_bytes(), _ORIGIN + file)


def _page(file: str, title: str, published_on: date, href: str, table: str) -> bytes:
    """The real page ``file`` retitled (heading, ``<title>``, the Excel link's text), dated, linked to
    ``href`` and printing ``table`` in place of its own."""
    edit = Refill(_chrome(file))
    edit.set_title(title, in_table=False)
    edit.set_date(page_date(published_on))
    edit.set_excel_href(href)
    edit.set_table(table)
    return edit.render()
