"""Refill a real GACC page: keep every byte of its markup, replace only the text GACC varies month to month.

A simulated page must be one GACC could have published, so it starts from one GACC did publish. The page is
cut into spans — each table cell's printed value, the title wherever it is repeated, the page date, the
period numbers of the header, the Excel link — and a refill splices new text into those spans only. Every
other byte stays as it was: tags, attributes, ``&nbsp;`` padding, mixed CRLF/LF line ends, the stray
``\\x03`` bytes in GACC's footer. A page refilled with its own values is byte-identical to the original.

The table is read twice: by a small tokenizer that knows where each cell sits in the text, and by the
warehouse's own reader (``warehouse.parse.page.read_article`` and ``grid.read_grid``), which decides which
rows are header and which are data. The two must agree cell for cell, or the template is refused: a refill
never edits a cell the parser would read differently.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from warehouse.errors import NoTableError
from warehouse.parse.grid import read_grid
from warehouse.parse.page import ArticlePage, read_article
from warehouse.periods import Period
from warehouse.simulate.wording import MONTH_NAMES, preliminary_period

_CNT_DIV = re.compile(r"<div\b[^>]*\bclass\s*=\s*\"(?:[^\"]*\s)?atcl-cnt(?:\s[^\"]*)?\"[^>]*>", re.I)
_TITLE_DIV = re.compile(r"<div\s+class=\"atcl-ttl\">(.*?)</div>", re.S | re.I)
_DATE_DIV = re.compile(r"<div\s+class=\"atcl-date\">(.*?)</div>", re.S | re.I)
_EXCEL_HREF = re.compile(r"<div\s+class=\"atcl-rct-ttl\">\s*<a\s+href\s*=\s*'([^']*)'", re.S | re.I)
_TABLE = re.compile(r"<table\b.*?</table\s*>", re.S | re.I)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.S | re.I)
_CELL = re.compile(r"<(td|th)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_UNIT = re.compile(r"(?:value\s+)?unit\s*[:：]", re.I)  # as warehouse.parse.page reads the unit row
_SPAN_ATTRIBUTE = {name: re.compile(rf"\b{name}\s*=\s*[\"']?(\d+)", re.I) for name in ("colspan", "rowspan")}
# Padding around a printed value: layout whitespace and GACC's trailing no-break space (matched from a
# position within the page, hence no "^").
_PADDED = re.compile(r"(?:\s|&nbsp;|&#160;|\xa0)*(.*?)(?:\s|&nbsp;|&#160;|\xa0)*\Z", re.S)
# What a header cell says about the period, in the raw HTML of its text: a year, a cumulative "1-5",
# "1- to-3", "1to7", or a month's full name ("May", "Jan-May"); entities are matched to be left alone. A cell
# printing only a number prints a month ("3").
_HEADER_TOKEN = re.compile(
    r"(?P<entity>&#?\w+;)"
    r"|(?P<year>(?<!\d)(?:19|20)\d{2}(?!\d))"
    r"|(?P<cumulative>(?<!\d)1\s*(?:-\s*(?:to\s*-?\s*)?|to\s*-?\s*))(?P<end>\d{1,2})(?!\d)"
    rf"|(?P<name>\b(?:{'|'.join(MONTH_NAMES)})\b)"
)
_MONTH_ALONE = re.compile(r"^(\s*)(\d{1,2})(\s*)$")
# A title's period. Preliminary: "Jan. 2018", "January 2019", "Mar 2026", "January-February 2025", before
# an optional "(in CNY)". Bulletin: "…,6.2026", "…,1-7.2026", "…,1-11. 2019" (the month, spacing kept).
_PRELIMINARY_TITLE = re.compile(r"^(?P<head>.*,\s*)(?P<period>[A-Za-z.]+(?:-[A-Za-z.]+)? \d{4})(?P<tail>.*)$")
_TITLE_CURRENCY = re.compile(r"\(in (?:CNY|USD)\)")
_BULLETIN_TITLE = re.compile(r"^(?P<head>.*?)(?P<month>\d{1,2})(?P<dot>\s*\.\s*)(?P<year>\d{4})\s*$")


class TemplateError(ValueError):
    """A template page does not have the anatomy a refill needs (a programming error, not a GACC one)."""


@dataclass(frozen=True)
class Span:
    """Half-open character range ``[start, end)`` in the decoded page text."""

    start: int
    end: int


@dataclass(frozen=True)
class TableCell:
    """One ``<td>`` as it sits in the text: where it is, what it spans, and where its printed text is."""

    whole: Span  # from ``<td`` to the end of ``</td>``
    open_tag: Span  # the ``<td …>`` tag
    colspan: int
    rowspan: int
    text: str  # the text content, entities decoded (as lxml reads it)
    segments: tuple[Span, ...]  # the text between tags, raw
    # The printed value without its padding (``41,046.4`` in ``<span><b>41,046.4&nbsp;</b></span>``); None
    # for an empty cell or one whose text is split over several elements (a styled header).
    printed: Span | None


@dataclass(frozen=True)
class TableRow:
    number: int  # 1-based ``<tr>`` position, as ``warehouse.parse.page.Row.number``
    whole: Span
    cells: tuple[TableCell, ...]  # as ``read_article`` counts them (2022's empty spacer column left out)


@dataclass(frozen=True)
class Template:
    """A real page read for refilling: the text, its article anatomy, and the table's rows with spans."""

    text: str
    url: str
    title: str  # ``div.atcl-ttl`` text, entities decoded, whitespace runs as one space
    title_span: Span
    date_span: Span
    excel_href: Span | None
    table: Span | None  # the first ``<table>`` inside ``div.atcl-cnt``, tags included
    rows: tuple[TableRow, ...]  # every row of the table (none on an image page)
    header_rows: tuple[int, ...]  # row numbers ``read_grid`` takes for the header
    data_rows: tuple[int, ...]  # row numbers ``read_grid`` takes for data, in page order

    def raw(self, span: Span) -> str:
        return self.text[span.start : span.end]

    @property
    def unit_cell(self) -> tuple[int, int] | None:
        """(row number, column) of the cell printing ``Unit: …``, where the template has one."""
        for row in self.rows:
            for column, cell in enumerate(row.cells):
                if _UNIT.match(" ".join(cell.text.replace("\xa0", " ").split())):
                    return row.number, column
        return None

    def row(self, number: int) -> TableRow:
        if not 1 <= number <= len(self.rows):
            raise TemplateError(f"{self.url}: no table row {number}")
        return self.rows[number - 1]  # rows are numbered 1, 2, … in page order


def read_template(content: bytes, url: str, *, text_cells: int = 1) -> Template:
    """Read a real GACC article page as a refill template.

    ``text_cells`` is how many leading cells of a data row hold text (the label; the quantity unit too on
    commodity tables), as ``read_grid`` takes it. A page whose table is an image has no rows.
    """
    text = content.decode("utf-8")
    title = _TITLE_DIV.search(text)
    date = _DATE_DIV.search(text)
    if title is None or date is None:
        raise TemplateError(f"{url}: not a GACC article page (no div.atcl-ttl or div.atcl-date)")
    excel = _EXCEL_HREF.search(text)
    table = _table_span(text)
    try:
        article: ArticlePage | None = read_article(content, url)
    except NoTableError:
        article = None
    rows: tuple[TableRow, ...] = ()
    header: tuple[int, ...] = ()
    data: tuple[int, ...] = ()
    if article is not None:
        rows = _aligned(url, tuple(_table_rows(text, table)), article)
        grid = read_grid(article, "template", text_cells=text_cells)
        header = tuple(row.number for row in grid.header)
        data = tuple(row.number for row in grid.data)
    return Template(
        text=text,
        url=url,
        title=" ".join(html.unescape(_TAG.sub("", title[1])).replace("\xa0", " ").split()),
        title_span=Span(title.start(1), title.end(1)),
        date_span=Span(date.start(1), date.end(1)),
        excel_href=Span(excel.start(1), excel.end(1)) if excel else None,
        table=table,
        rows=rows,
        header_rows=header,
        data_rows=data,
    )


def _table_span(text: str) -> Span | None:
    """The first ``<table>`` inside ``div.atcl-cnt``."""
    div = _CNT_DIV.search(text)
    table = _TABLE.search(text, div.end()) if div else None
    return Span(table.start(), table.end()) if table else None


def _table_rows(text: str, table: Span | None) -> Iterator[TableRow]:
    """Every ``<tr>`` of the table, with its cells' spans."""
    if table is None:
        return
    for number, row in enumerate(_ROW.finditer(text, table.start, table.end), start=1):
        cells = []
        for cell in _CELL.finditer(text, row.start(1), row.end(1)):
            inner = Span(cell.start(3), cell.end(3))
            segments, position = [], inner.start
            for tag in _TAG.finditer(text, inner.start, inner.end):
                segments.append(Span(position, tag.start()))
                position = tag.end()
            segments.append(Span(position, inner.end))
            cells.append(
                TableCell(
                    whole=Span(cell.start(), cell.end()),
                    open_tag=Span(cell.start(), cell.start(3)),
                    colspan=_span_attribute(cell[2], "colspan"),
                    rowspan=_span_attribute(cell[2], "rowspan"),
                    text=html.unescape("".join(text[s.start : s.end] for s in segments)),
                    segments=tuple(s for s in segments if s.end > s.start),
                    printed=_printed(text, segments),
                )
            )
        yield TableRow(number=number, whole=Span(row.start(), row.end()), cells=tuple(cells))


def _printed(text: str, segments: list[Span]) -> Span | None:
    filled = [s for s in segments if html.unescape(text[s.start : s.end]).replace("\xa0", " ").strip()]
    if len(filled) != 1:
        return None
    span = filled[0]
    match = _PADDED.match(text, span.start, span.end)
    assert match is not None  # every part of the pattern is optional
    return Span(match.start(1), match.end(1))


def _span_attribute(attributes: str, name: str) -> int:
    match = _SPAN_ATTRIBUTE[name].search(attributes)
    return max(int(match[1]), 1) if match else 1


def _aligned(url: str, rows: tuple[TableRow, ...], article: ArticlePage) -> tuple[TableRow, ...]:
    """The tokenized rows, checked cell for cell against the parser's reading (spacer column removed)."""
    if len(rows) != len(article.rows):
        raise TemplateError(f"{url}: {len(rows)} table rows found, the parser reads {len(article.rows)}")
    aligned = []
    for mine, theirs in zip(rows, article.rows, strict=True):
        cells = mine.cells
        if len(cells) == len(theirs.cells) + 1:
            cells = cells[1:]
        texts = [_comparable(cell.text) for cell in cells]
        if texts != [_comparable(cell.text) for cell in theirs.cells]:
            raise TemplateError(f"{url}: row {mine.number} reads differently here and in the parser")
        aligned.append(TableRow(mine.number, mine.whole, cells))
    return tuple(aligned)


def _comparable(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class Refill:
    """The edits of one page, spliced into the template's text at ``render()``.

    Every edit names a span of the template; two edits of one span, or of overlapping spans, are refused,
    so a refill can never garble markup by editing twice.
    """

    def __init__(self, template: Template) -> None:
        self.template = template
        self._edits: dict[Span, str] = {}

    def replace(self, span: Span, raw: str) -> None:
        """Put ``raw`` (already HTML) in place of the template's text at ``span``."""
        if span in self._edits:
            raise TemplateError(f"{self.template.url}: text at {span} edited twice")
        self._edits[span] = raw

    def set_cell(self, row: int, column: int, text: str) -> None:
        """Print ``text`` in a cell in place of its value, inside the cell's own wrapping and padding."""
        cell = self.template.row(row).cells[column]
        span = cell.printed
        if span is None:
            raise TemplateError(f"{self.template.url}: row {row}, column {column} has no single printed text")
        self.replace(span, html.escape(text, quote=False))

    def set_title(self, title: str, *, in_table: bool = True) -> None:
        """Retitle the page everywhere it prints its title: ``<title>``, the heading, the table's first row,
        the Excel link's text — in each place raw or entity-escaped as the template has it.

        ``in_table=False`` leaves the table alone (a page whose table is replaced whole by ``set_table``)."""
        old = self.template.title
        forms = {
            old: lambda new: new,
            html.escape(old, quote=False): lambda new: html.escape(new, quote=False),
        }
        table = self.template.table
        for form, render in forms.items():
            for match in re.finditer(re.escape(form), self.template.text):
                if not in_table and table and match.end() > table.start and match.start() < table.end:
                    continue
                self.replace(Span(match.start(), match.end()), render(title))
        heading = self.template.title_span
        if not any(span.start >= heading.start and span.end <= heading.end for span in self._edits):
            raise TemplateError(f"{self.template.url}: the heading does not print the title {old!r}")

    def set_date(self, text: str) -> None:
        """The page date (``div.atcl-date``), in whichever format the caller's year calls for."""
        self.replace(self.template.date_span, html.escape(text, quote=False))

    def set_excel_href(self, href: str) -> None:
        if self.template.excel_href is None:
            raise TemplateError(f"{self.template.url}: the page has no Excel link")
        self.replace(self.template.excel_href, href)

    def set_table(self, table: str) -> None:
        """Put ``table`` (HTML) in place of the page's whole ``<table>``: a table rebuilt elsewhere, in the
        real page's chrome."""
        if self.template.table is None:
            raise TemplateError(f"{self.template.url}: no table inside div.atcl-cnt")
        self.replace(self.template.table, table)

    def set_header_period(self, old: int, new: int, *, years: int = 0) -> None:
        """Rewrite the period the header prints: months (``3`` → ``7``, ``1- to-3`` → ``1- to-7``, ``1-5``
        → ``1-7``, ``1to6`` → ``1to1``, ``May`` → ``August``) and years (``1-5 Total, 2025``: moved by
        ``years``).

        Only header rows as ``read_grid`` sees them are touched (not the title or unit row). GACC splits some
        header texts over several elements (``Total, 202`` + ``5``): a year split so is rewritten digit by
        digit. A month that is not the template's is refused rather than guessed at.
        """
        template = self.template

        def month(printed: str) -> str:
            if int(printed) != old:
                raise TemplateError(f"{template.url}: header prints month {printed}, the template's is {old}")
            return str(new)

        def token(match: re.Match[str]) -> str:
            if match["year"]:
                return str(int(match["year"]) + years)
            if match["cumulative"]:
                return match["cumulative"] + month(match["end"])
            if match["name"]:
                if match["name"] != MONTH_NAMES[old - 1]:
                    raise TemplateError(
                        f"{template.url}: header names {match['name']}, the template's month is {old}"
                    )
                return MONTH_NAMES[new - 1]
            return match[0]  # an entity

        changed = 0
        for number in template.header_rows:
            for cell in template.row(number).cells:
                segments = [template.raw(span) for span in cell.segments]
                joined = "".join(segments)
                alone = _MONTH_ALONE.fullmatch(joined)
                if alone:
                    edits = [(alone.start(2), alone.end(2), month(alone[2]))]
                else:
                    edits = [(m.start(), m.end(), token(m)) for m in _HEADER_TOKEN.finditer(joined)]
                for span, text in _spread(template.url, cell.segments, segments, edits):
                    self.replace(span, text)
                    changed += 1
        if not changed and old != new:
            raise TemplateError(f"{template.url}: the header prints no period")

    def render(self) -> bytes:
        pieces, position = [], 0
        for span in sorted(self._edits, key=lambda s: (s.start, s.end)):
            if span.start < position:
                raise TemplateError(f"{self.template.url}: overlapping edits at {span}")
            pieces += [self.template.text[position : span.start], self._edits[span]]
            position = span.end
        pieces.append(self.template.text[position:])
        return "".join(pieces).encode("utf-8")


_URL = "http://english.customs.gov.cn/Statics/x.html"


def drop_column(content: bytes, column: int, url: str = _URL) -> bytes:
    """The page as if GACC had dropped one column of its table: a plausible layout change, for tests."""
    return drop_columns(content, (column,), url)


def drop_columns(content: bytes, columns: Collection[int], url: str = _URL, *, text_cells: int = 1) -> bytes:
    """The page with whole grid columns of its table deleted: a layout change for tests, or a layout derived
    from a real page (a commodity page without its month block).

    ``columns`` count grid columns as ``read_article`` does (a spacer column left out); ``text_cells`` is
    ``read_template``'s. A cell standing in dropped columns only is deleted with the layout whitespace before
    it; a cell spanning some of them (title, unit row, a header group, the notes) loses as many from its
    ``colspan``. Everything else stays byte for byte.
    """
    template = read_template(content, url, text_cells=text_cells)
    if not template.rows:
        raise TemplateError(f"{url}: the page has no table")
    edit = Refill(template)
    grid = list(_cells_by_column(template.rows))
    for column in columns:
        if not any(column in cells for _, cells in grid):
            raise TemplateError(f"{url}: the table has no column {column}")
    for row, cells in grid:
        gone: dict[Span, tuple[TableCell, int]] = {}  # a rowspan from above is edited in its own row
        for column in columns:
            if (cell := cells.get(column)) is not None:
                gone[cell.whole] = (cell, gone.get(cell.whole, (cell, 0))[1] + 1)
        for cell, count in gone.values():
            if count < cell.colspan:
                tag = template.raw(cell.open_tag)
                width = _SPAN_ATTRIBUTE["colspan"].search(tag)
                assert width is not None  # colspan > 1 was read from this attribute
                narrower = tag[: width.start(1)] + str(cell.colspan - count) + tag[width.end(1) :]
                edit.replace(cell.open_tag, narrower)
            else:
                start = cell.whole.start
                while start > row.whole.start and template.text[start - 1] in " \t\r\n":
                    start -= 1
                edit.replace(Span(start, cell.whole.end), "")
    return edit.render()


def _cells_by_column(rows: Iterable[TableRow]) -> Iterator[tuple[TableRow, dict[int, TableCell]]]:
    """Per row, the cell covering each grid column (colspans spread out, rowspans from above skipped)."""
    covered: dict[int, int] = {}
    for row in rows:
        found: dict[int, TableCell] = {}
        placed: dict[int, int] = {}
        position = 0
        for cell in row.cells:
            while covered.get(position, 0) > 0:
                position += 1
            for offset in range(cell.colspan):
                found[position + offset] = cell
                if cell.rowspan > 1:
                    placed[position + offset] = cell.rowspan - 1
            position += cell.colspan
        covered = {c: left - 1 for c, left in covered.items() if left > 1} | placed
        yield row, found


def _spread(
    url: str, spans: tuple[Span, ...], segments: list[str], edits: list[tuple[int, int, str]]
) -> list[tuple[Span, str]]:
    """Edits of a cell's joined text, put back into its segments: an edit inside one segment replaces
    there; one across segments must keep its length and goes character by character."""
    joined = "".join(segments)
    owner = [index for index, segment in enumerate(segments) for _ in segment]
    pieces: list[list[str]] = [[] for _ in segments]
    position = 0
    for start, end, text in edits:
        for offset in range(position, start):
            pieces[owner[offset]].append(joined[offset])
        if owner[start] == owner[end - 1]:
            pieces[owner[start]].append(text)
        elif len(text) == end - start:
            for offset, character in zip(range(start, end), text, strict=True):
                pieces[owner[offset]].append(character)
        else:
            raise TemplateError(f"{url}: a header number split over elements changes length")
        position = end
    for offset in range(position, len(joined)):
        pieces[owner[offset]].append(joined[offset])
    return [
        (span, "".join(piece))
        for span, segment, piece in zip(spans, segments, pieces, strict=True)
        if "".join(piece) != segment
    ]


# --- titles and links ---------------------------------------------------------------------------------------


def preliminary_title(title: str, period: Period, *, url: str, currency: str | None = None) -> str:
    """A preliminary page's title with its period moved to ``period``'s (``wording.preliminary_period``) and,
    given ``currency``, its ``(in CNY)`` to ``(in USD)`` or back."""
    match = _PRELIMINARY_TITLE.fullmatch(title)
    if match is None:
        raise ValueError(f"{url}: title without a period: {title!r}")
    new = match["head"] + preliminary_period(period) + match["tail"]
    return new if currency is None else _TITLE_CURRENCY.sub(f"(in {currency})", new)


def bulletin_title(title: str, period: Period, *, url: str) -> str:
    """A bulletin title with its ``M.YYYY`` moved to ``period``'s, the rest kept (a cumulative ``1-``, the
    spacing of ``1-11. 2019``)."""
    match = _BULLETIN_TITLE.fullmatch(title)
    if match is None:
        raise ValueError(f"{url}: title without a period: {title!r}")
    return f"{match['head']}{period.month}{match['dot']}{period.year}"


def replace_once(text: str, old: str, new: str, *, url: str) -> str:
    """``text`` with ``old`` (which it must print exactly once: a period or currency in an Excel link) as
    ``new``."""
    if text.count(old) != 1:
        raise ValueError(f"{url}: expected {old!r} once in {text!r}")
    return text.replace(old, new)
