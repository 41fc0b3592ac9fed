"""Bulletin (6) exports and (7) imports by type of enterprise and customs regime, written as GACC prints them.

No HTML page of these tables is held, only exact text transcriptions of real ones
(``samples/templates/tables/*_bulletin_t06_*``, ``*_t07_*``). So a page is built from two real things: the
chrome of a real bulletin page — ``samples/gacc-site/Statics/6e9d4074-….html``, bulletin (2) 1.2026, kept
byte for byte except its title (``<title>``, heading, Excel link text), date, Excel link and ``<table>`` —
and a table rebuilt from the transcriptions' structure in that page's cell markup
(``<td align=… class="styleN">``, labels in ``<span><b>…</b></span>``, values in ``<span>…&nbsp;</span>``,
YoY % in ``<span>…</span>``, tab indentation and LF line ends as inside its table).

What the page is (GACC's own layout, and the fact grain of ``warehouse.conform.enterprises``): **rows are
customs regimes** (``TOTAL`` first, keyed by ``reference/regime_aliases.csv``), **columns are enterprise
types** (keyed as ``reference/enterprise_types.csv``), cumulative January-to-month values in US$1,000, each
value row followed by a row of YoY % for the same cells (the "shaded" row), title ``…,1-M.YYYY`` (January is
``1-1.YYYY``; the bulletin publishes January alone).

Per period, the form of the nearest held transcription by year (ties to the later one):

* **2019–2020** — the 2019 (7) pages (1-11.2019, 1-12.2019, both partial): eight value columns, FIE split into
  three sub-columns between FIE and POE (``fie_contractual_jv``, ``fie_equity_jv``,
  ``fie_wholly_foreign_owned``: order as ``reference/enterprise_types.csv`` assumes, unverified); header
  ``Customs regime/ Type of Enterprise`` over ``Total | SOE | FIE (4 columns) | POE | Other`` and eight
  ``Value/±%`` cells (as the 1-12.2019 notes describe it; the sub-columns' own labels were not captured, so
  none are printed — a guess); title ``(7) Imports by Type Enterprise and by Customs Regime,1-12.2019``
  (space after the number, as on the 1-12.2019 page; the 1-11.2019 page printed ``1-11. 2019`` in its
  heading); unit row ``Unit: US$1,000`` (1-12.2019).
* **2021–2026** — the 2023/2024 pages: five value columns ``Total | SOE | FIE | POE | Other``, header
  ``Type of Enterprise / Customs regime`` over ``Value/±%`` cells, title ``(6)Exports by Type Enterprise and
  by Customs Regime,1-5.2024`` (no spaces).

Rows: (6) the 12 export regimes of 1-1.2023, 1-7.2023 and 1-5.2024 (identical on all three); (7) the 16
import regimes of 1-11.2023 … 1-12.2024, with GACC's typos (``Equipment or Materia Imported as I by …``,
``Duty-free Commoditie on Payment of Currency``, ``Logistics Goods by C ustoms Special Control Area``).
Guesses:

* 2019 (7): the transcriptions stop after ``Duty-free Goods``; the first 12 regimes print exactly the 2023
  labels in the 2023 order, so the four missing rows are taken from 2023 as well.
* 2019–2020 (6): no (6) page of those years is held. Rows from the 2023 (6) pages, columns from the 2019 (7)
  pages (the FIE split is a property of the year's enterprise classification, not of the flow).
* 2026 (7): the (5) 2.2026 page no longer prints "Duty-free Commodities on Payment of Foreign Currency", so
  the 2026 (7) pages print 15 regimes (2025 keeps 16, as 2024).
* Unit row by year, from every bulletin table held: ``Unit: US$1,000`` 2019–2020 (2019 (5), (7), (18));
  ``Unit:US$1,000`` 2021–2022 and 2025–2026 ((13) 1-1.2022 and 1-6.2025, (2)/(5)/(14) 2026); none 2023–2024
  (no (5), (6) or (7) page of those years shows one; the parser reads such pages as US$1,000).
* Excel link: GACC names bulletin workbooks ``YYYY-MM_M1<20+N>USD…`` ((2) M122, (13) M133, (14) M134), so
  (6) is ``M126USD`` and (7) ``M127USD``; through 2023 the bare ``2022-01_M133USD.xls`` form, from 2024
  with the Chinese title (``_（6）出口商品贸易方式企业性质总值表（美元值）``) as in 2025–2026 (titles after
  releases.md §5, unverified).
* Notes, after the (6) transcriptions: 1. the abbreviations (worded ``The abbreviations shown in the table
  refer to: …`` before 1-7.2023, as on 1-1.2023), 2. shaded = YoY, 3. the 2013 CE → POE change, 4. the 2018
  "Other" rule, whose end (``… are included in "Other".``) was not captured. Under a ``Notes：`` heading as
  on the (2) 1.2026 page. The (7) notes were not captured: the (6) ones are printed.
* Labels are not indented (no transcription shows indentation); TOTAL's cell has the (2) page's top-level
  class, the regimes its member class. Page date: month/day/year through 2019, year/month/day later, as
  ``warehouse.simulate.pages`` prints it.

Values are given per regime and column (``enterprise_columns``): integers in US$1,000 for the enterprise
columns, YoY % with one decimal under ``yoy_<column>``. ``None`` prints GACC's ``-`` (read as missing);
``Verbatim("")`` leaves a value cell empty, as 1-11.2024 and 1-12.2024 did in the "Aid or Donation" row (read
as missing too; a YoY row never has an empty cell — the parser reads one as a row that lost a cell).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from warehouse.conform.labels import aliases
from warehouse.parse.labels import label_key
from warehouse.periods import Period
from warehouse.settings import PROJECT_ROOT
from warehouse.simulate.printing import Printed, Verbatim, format_value, require_rows
from warehouse.simulate.refill import Refill, Template, TemplateError, read_template
from warehouse.simulate.table_markup import bold, escape, table_element, td, tr
from warehouse.simulate.wording import page_date

__all__ = [
    "FIRST_PERIOD",
    "LAST_PERIOD",
    "EnterpriseRow",
    "EnterpriseValues",
    "Printed",
    "Verbatim",
    "enterprise_columns",
    "enterprise_layout",
    "enterprise_rows",
    "enterprise_title",
    "render_enterprise_trade_mode",
]

EnterpriseValues = Mapping[str, Mapping[str, Printed]]

FIRST_PERIOD = Period(2019, 1)
LAST_PERIOD = Period(2026, 12)
_FLOWS = {"export": 6, "import": 7}  # the bulletin's table number
_DESCRIPTION = {
    "export": "Exports by Type Enterprise and by Customs Regime",
    "import": "Imports by Type Enterprise and by Customs Regime",
}
_TITLE_ZH = {"export": "出口商品贸易方式企业性质总值表", "import": "进口商品贸易方式企业性质总值表"}

# Enterprise-type columns in printed order, named by reference/enterprise_types.csv keys (the conformer's
# ``enterprise_key``), and the header word GACC prints over each group of them.
_FIVE = ("total", "soe", "fie", "poe", "other")
_FIE_SPLIT = (
    "total",
    "soe",
    "fie",
    "fie_contractual_jv",
    "fie_equity_jv",
    "fie_wholly_foreign_owned",
    "poe",
    "other",
)
_GROUPS_FIVE = (("Total", 1), ("SOE", 1), ("FIE", 1), ("POE", 1), ("Other", 1))
_GROUPS_FIE_SPLIT = (("Total", 1), ("SOE", 1), ("FIE", 4), ("POE", 1), ("Other", 1))
_CELL_HEADER = "Value/±%"

_EXPORT_LABELS = (
    "TOTAL",
    "Ordinary Trade",
    "Aid or Donation Between Government or by International Organizations",
    "Other Donation",
    "Processing and Assembling",
    "Process with Imported Materials",
    "Border Trade",
    "Contracting Projects",
    "Goods on Lease",
    "Outward Processing",
    "Customs Warehousing Trade",
    "Logistics Goods by Customs Special Control Area",
    "Other",
)
_DUTY_FREE_FX = "Duty-free Commoditie on Payment of Currency"
_IMPORT_LABELS = (
    "TOTAL",
    "Ordinary Trade",
    "Aid or Donation Between Government or by International Organizations",
    "Other Donation",
    "Processing and Assembling",
    "Process with Imported Materials",
    "Border Trade",
    "Equipment for Processing Trade",
    "Goods on Lease",
    "Equipment or Materia Imported as I by Foreign-Invested Enterprises",
    "Outward Processing",
    _DUTY_FREE_FX,
    "Duty-free Goods",
    "Customs Warehousing Trade",
    "Logistics Goods by C ustoms Special Control Area",
    "Equipment Imported into Customs Special Control Area",
    "Other",
)
_NOTE_1_LONG = (
    "1、The abbreviations shown in the table refer to: SOE=State-owned Enterprise; "
    "FIE=Foreign-invested Enterprise; POE=Private-owned Enterprise"
)
_NOTE_1_SHORT = "1、SOE=State-owned Enterprise; FIE=Foreign-invested Enterprise; POE=Private-owned Enterprise"
_NOTES_REST = (
    "2、Figures in shaded areas refer to the percentage change over the same period in the previous year.",
    '3、Since 2013, the "CE" column has been replaced by "POE" and the coverage of "Other" as well as '
    "percentage changes is adjusted accordingly.",
    '4、Since 2018, Compensation Trade、Goods on Consignment Barter Trade are included in "Other".',
)

_CHROME = PROJECT_ROOT / "samples" / "gacc-site" / "Statics" / "6e9d4074-409f-46a1-883c-3278c5b5b31c.html"
_CHROME_URL = "http://english.customs.gov.cn/Statics/" + _CHROME.name
_EXCEL_FILE = re.compile(r"^(?P<folder>.*\\Excel\\)[^\\]*$")
_ROW_HEIGHT = 19  # pixels: the (2) 1.2026 table is height="5251" for 276 rows
_COLUMN_WIDTH = 140  # pixels: its width="981" for 7 columns


@dataclass(frozen=True)
class EnterpriseRow:
    """One regime row of a (6)/(7) page: where it is printed, its label, and the regime it is."""

    row: int  # the value row's ``<tr>`` number on the page (the parsed frame's ``source_row``)
    label: str  # as printed, no indentation
    regime_key: str  # reference/regimes.csv, through reference/regime_aliases.csv
    parent_key: str | None  # "total" for every regime row; None for TOTAL


@dataclass(frozen=True)
class _Form:
    """Everything about a page that depends on its flow and period, not on its numbers."""

    flow: str
    fie_split: bool
    spaced_title: bool
    unit: str | None
    long_note: bool
    duty_free_fx: bool
    long_excel_name: bool

    @property
    def columns(self) -> tuple[str, ...]:
        return _FIE_SPLIT if self.fie_split else _FIVE

    @property
    def labels(self) -> tuple[str, ...]:
        if self.flow == "export":
            return _EXPORT_LABELS
        return _IMPORT_LABELS if self.duty_free_fx else tuple(x for x in _IMPORT_LABELS if x != _DUTY_FREE_FX)

    @property
    def first_data_row(self) -> int:
        return 1 + (self.unit is not None) + 2 + 1  # title, unit, two header rows


def _form(flow: str, period: Period) -> _Form:
    if flow not in _FLOWS:
        raise ValueError(f"flow is 'export' (6) or 'import' (7), not {flow!r}")
    if not FIRST_PERIOD <= period <= LAST_PERIOD:
        raise ValueError(f"no (6)/(7) layout is known for {period} (held: {FIRST_PERIOD} to {LAST_PERIOD})")
    year = period.year
    if year <= 2020:
        unit: str | None = "Unit: US$1,000"
    elif year <= 2022 or year >= 2025:
        unit = "Unit:US$1,000"
    else:
        unit = None
    return _Form(
        flow=flow,
        fie_split=year <= 2020,
        spaced_title=year <= 2020,
        unit=unit,
        long_note=period < Period(2023, 7),
        duty_free_fx=year <= 2025,
        long_excel_name=year >= 2024,
    )


def enterprise_layout(flow: str, period: Period) -> str:
    """The parser's layout name of the page: ``by_enterprise_fie_split`` (2019–2020) or ``by_enterprise``."""
    return "by_enterprise_fie_split" if _form(flow, period).fie_split else "by_enterprise"


def enterprise_columns(flow: str, period: Period) -> tuple[str, ...]:
    """The page's value columns in printed order — ``total`` and the enterprise types
    (``reference/enterprise_types.csv`` keys) — then their YoY % as ``yoy_<column>`` (the row below)."""
    columns = _form(flow, period).columns
    return (*columns, *(f"yoy_{column}" for column in columns))


def enterprise_rows(flow: str, period: Period) -> list[EnterpriseRow]:
    """The regime rows the (6) or (7) page of ``period`` prints (``flow`` export or import), TOTAL first."""
    return list(_rows(_form(flow, period)))


def enterprise_title(flow: str, period: Period) -> str:
    """The page title, as the heading, ``<title>``, table and Excel link print it."""
    form = _form(flow, period)
    space = " " if form.spaced_title else ""
    return f"({_FLOWS[flow]}){space}{_DESCRIPTION[flow]},1-{period.month}.{period.year}"


def render_enterprise_trade_mode(
    flow: str, period: Period, published_on: date, values: EnterpriseValues
) -> bytes:
    """The bulletin (6) (``flow="export"``) or (7) (``"import"``) page of ``period``, dated ``published_on``.

    ``values[regime_key][column]``: every row of ``enterprise_rows`` and every column of
    ``enterprise_columns`` — US$1,000 integers, YoY % with one decimal; ``None`` prints ``-``.
    """
    form = _form(flow, period)
    rows = _rows(form)
    expected = {row.regime_key for row in rows}
    where = f"({_FLOWS[flow]}) page of {period}"
    require_rows(values, expected, where)
    columns = enterprise_columns(flow, period)
    for row in rows:
        if set(values[row.regime_key]) != set(columns):
            raise ValueError(
                f"{where}, {row.regime_key}: columns {sorted(values[row.regime_key])} given, the page prints "
                f"{list(columns)}"
            )
    title = enterprise_title(flow, period)
    number = _FLOWS[flow]
    workbook = _excel_name(number, _TITLE_ZH[flow], period, long=form.long_excel_name)
    return _render_in_chrome(title, published_on, workbook, _table(form, title, rows, values))


def _render_in_chrome(title: str, published_on: date, workbook: str, table: str) -> bytes:
    """The real bulletin page with ``title`` wherever it prints its own (outside its table), the page date,
    the Excel link to ``workbook`` (a file name) and ``table`` (HTML) in place of its ``<table>``.

    The date is month/day/year through 2019, year/month/day later, as ``warehouse.simulate.pages`` prints it.
    """
    template = _chrome()
    edit = Refill(template)
    edit.set_title(title, in_table=False)
    edit.set_date(page_date(published_on))
    if (
        template.excel_href is None
        or (folder := _EXCEL_FILE.match(template.raw(template.excel_href))) is None
    ):
        raise TemplateError(f"{_CHROME_URL}: no Excel link into an \\Excel\\ folder")
    edit.set_excel_href(folder["folder"] + workbook)
    edit.set_table(table)
    return edit.render()


def _excel_name(number: int, title_zh: str, period: Period, *, long: bool) -> str:
    """A bulletin workbook's file name: ``2022-01_M133USD.xls``, or with the Chinese title as from 2024
    (``2026-07_M133USD_（13）出口主要商品量值表（美元值）.xls``); table N is workbook ``M1<20+N>``."""
    name = f"{period.year}-{period.month:02d}_M{120 + number}USD"
    if long:
        name += f"_（{number}）{title_zh}（美元值）"
    return f"{name}.xls"


# --- rows and chrome ---------------------------------------------------------------------------------------


@cache
def _rows(form: _Form) -> tuple[EnterpriseRow, ...]:
    mapping = aliases("regime_aliases.csv", "regime_key")
    found = []
    for index, label in enumerate(form.labels):
        key = mapping.get(label_key(label))
        if key is None:
            raise ValueError(f"({_FLOWS[form.flow]}) label {label!r} is not in reference/regime_aliases.csv")
        found.append(
            EnterpriseRow(form.first_data_row + 2 * index, label, key, None if index == 0 else "total")
        )
    return tuple(found)


@cache
def _chrome() -> Template:
    return read_template(_CHROME.read_bytes(), _CHROME_URL)


# --- the table ---------------------------------------------------------------------------------------------


def _table(form: _Form, title: str, rows: tuple[EnterpriseRow, ...], values: EnterpriseValues) -> str:
    columns = form.columns
    width = 1 + len(columns)
    lines = [tr([td(f'colspan="{width}" align="center" class="style1"', bold(title))])]
    if form.unit is not None:
        lines.append(
            tr(
                [td('class="style2"', None)] * (width - 2)
                + [td('colspan="2" align="center" class="style3"', bold(form.unit))]
            )
        )
    stub = "Customs regime/ Type of Enterprise" if form.fie_split else "Type of Enterprise / Customs regime"
    groups = _GROUPS_FIE_SPLIT if form.fie_split else _GROUPS_FIVE
    lines.append(
        tr(
            [td('rowspan="2" align="center" class="style4"', bold(stub))]
            + [
                td(
                    f'colspan="{span}" align="center" class="style6"'
                    if span > 1
                    else 'align="center" class="style5"',
                    bold(text),
                )
                for text, span in groups
            ]
        )
    )
    lines.append(
        tr(
            [
                td(
                    f'align="center" class="{"style9" if i == len(columns) - 1 else "style7"}"',
                    bold(_CELL_HEADER),
                )
                for i in range(len(columns))
            ]
        )
    )
    for row in rows:
        printed = values[row.regime_key]
        label_class = "style10" if row.parent_key is None else "style14"
        cells = [td(f'align="left" class="{label_class}"', bold(row.label))]
        for i, column in enumerate(columns):
            text = _printed(row, column, printed[column], decimals=0, separators=True)
            style = "style13" if i == len(columns) - 1 else "style11"
            cells.append(
                td(f'align="right" class="{style}"', None if text == "" else f"<span>{text}&nbsp;</span>")
            )
        lines.append(tr(cells))
        cells = [td('align="left" class="style14"', None)]
        for i, column in enumerate(columns):
            text = _printed(row, f"yoy_{column}", printed[f"yoy_{column}"], decimals=1, separators=False)
            style = "style13" if i == len(columns) - 1 else "style12"
            cells.append(td(f'align="right" class="{style}"', None if text == "" else f"<span>{text}</span>"))
        lines.append(tr(cells))
    notes = "<br />\n".join(
        escape(note) for note in ((_NOTE_1_LONG if form.long_note else _NOTE_1_SHORT), *_NOTES_REST)
    )
    lines.append(
        tr([td(f'colspan="{width}" class="style17"', f"<span><b>Notes：<br />\n{notes}</b></span>")])
    )
    height = _ROW_HEIGHT * (2 * len(rows) + form.first_data_row)
    return table_element(lines, width=_COLUMN_WIDTH * width, height=height)


def _printed(row: EnterpriseRow, column: str, value: Printed, *, decimals: int, separators: bool) -> str:
    try:
        return escape(format_value(value, decimals, separators=separators))
    except ValueError as exc:
        raise ValueError(f"{row.regime_key} {column}: {exc}") from None
