"""Article page anatomy, shared by every table family: title, date, unit row, and the table as cells.

``div.atcl-ttl`` holds the title, ``div.atcl-date`` the page date, and the first ``<table>`` inside
``div.atcl-cnt`` the data; rows keep every ``<td>`` (empty ones too, they matter for alignment) with its
``colspan``. A page without that table raises ``NoTableError`` (2018 pages carry a PNG instead).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import lxml.html

from warehouse.errors import ForeignHostError, NoTableError, ParseError
from warehouse.sources.gacc.site import canonical_url

_ISO_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_UNIT_ROW = re.compile(r"^(?:value\s+)?unit\s*[:：]", re.IGNORECASE)  # 2019: "Value Unit: CNY 100 Million"


@dataclass(frozen=True)
class Cell:
    text: str  # text content as in the page, no-break spaces kept
    colspan: int
    rowspan: int = 1


@dataclass(frozen=True)
class Row:
    number: int  # 1-based position of the <tr> in the table
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class ArticlePage:
    url: str
    title: str
    date_text: str | None
    rows: tuple[Row, ...]
    unit_text: str | None
    excel_url: str | None
    # "html" for GACC's pages; "transcription" for tables rebuilt from text (tests), whose header was not
    # always captured — only those may come without header rows.
    source: str = "html"

    @property
    def unit_row(self) -> int | None:
        """The number of the row printing the unit, for errors about it."""
        found = _unit_cell(self.rows)
        return found[0] if found else None

    @property
    def published_on(self) -> date | None:
        """The page date when unambiguous (``YYYY/MM/DD``); 2018's ``03/08/2018`` is not."""
        if self.date_text and (match := _ISO_DATE.fullmatch(self.date_text.strip())):
            return date(int(match[1]), int(match[2]), int(match[3]))
        return None


def read_article(content: bytes, url: str) -> ArticlePage:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(f"page is not UTF-8 ({exc.reason} at byte {exc.start})", url=url) from exc
    if not text.strip():
        raise ParseError("empty page", url=url)
    document = lxml.html.document_fromstring(text)
    title = _first_text(document, '//div[@class="atcl-ttl"]')
    if title is None:
        raise ParseError("not a GACC article page (no div.atcl-ttl title)", url=url)
    body = document.xpath('//div[contains(concat(" ", @class, " "), " atcl-cnt ")]')
    tables = body[0].xpath(".//table") if body else []
    if not tables:
        images = body[0].xpath(".//img/@src") if body else []
        detail = f" (the table is an image: {images[0]})" if images else ""
        raise NoTableError(f"no table on the page{detail}", url=url)
    rows = _without_spacer_column(tuple(_read_rows(tables[0])))
    if not rows:
        raise ParseError("the table has no rows", url=url)
    return ArticlePage(
        url=url,
        title=title,
        date_text=_first_text(document, '//div[@class="atcl-date"]'),
        rows=rows,
        unit_text=_unit_text(rows),
        excel_url=_excel_url(document, url),
    )


_CELL_TAGS = frozenset({"td", "th"})


def _read_rows(table: lxml.html.HtmlElement) -> list[Row]:
    # Element iteration, not XPath per row: same rows and cells in document order, at a fraction of the cost.
    rows = []
    for number, tr in enumerate(table.iter("tr"), start=1):
        cells = []
        for td in tr:
            if td.tag in _CELL_TAGS:
                cells.append(
                    Cell(
                        text=td.text_content(),
                        colspan=_span(td.get("colspan")),
                        rowspan=_span(td.get("rowspan")),
                    )
                )
        rows.append(Row(number=number, cells=tuple(cells)))
    return rows


def _without_spacer_column(rows: tuple[Row, ...]) -> tuple[Row, ...]:
    """Drop a first column that is empty in every row (the 2022 bulletin pages lead each row with one)."""
    if rows and all(
        len(row.cells) > 1 and row.cells[0].colspan == 1 and not row.cells[0].text.strip() for row in rows
    ):
        return tuple(Row(number=row.number, cells=row.cells[1:]) for row in rows)
    return rows


def _span(attribute: str | None) -> int:
    if attribute is None:
        return 1
    text = (attribute or "1").strip()
    return max(int(text), 1) if text.isdigit() else 1


def _unit_text(rows: tuple[Row, ...]) -> str | None:
    found = _unit_cell(rows)
    return found[1] if found else None


def _unit_cell(rows: tuple[Row, ...]) -> tuple[int, str] | None:
    """The first cell printing ``Unit: …``: its row number and its whitespace-normalised text."""
    for row in rows:
        for cell in row.cells:
            text = " ".join(cell.text.replace("\xa0", " ").split())
            if _UNIT_ROW.match(text):
                return row.number, text
    return None


def _excel_url(document: lxml.html.HtmlElement, url: str) -> str | None:
    hrefs = document.xpath('//div[@class="atcl-rct-ttl"]/a/@href')
    if not hrefs:
        return None
    try:
        return canonical_url(hrefs[0], page_url=url)
    except ForeignHostError:
        return None


def _first_text(document: lxml.html.HtmlElement, xpath: str) -> str | None:
    found = document.xpath(xpath)
    if not found:
        return None
    text = " ".join(found[0].text_content().replace("\xa0", " ").split())
    return text or None
