"""A page's table sorted into header and data rows, with the header read column by column.

Shared by every table family. Rows of one cell (title, ``Unit:``, notes) frame the table; the rows before the
first data row are the header; a data row is one whose value cells are all numbers or missing markers. Once
the data has started, anything else is an error naming the row and cell — a note row in the middle of the
data, a word where a number belongs, a row after the notes. Header cells are spread over the columns they
span (``colspan`` and ``rowspan``), so each column gets the text printed above it, top to bottom.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from warehouse.errors import ParseError
from warehouse.parse.labels import split_indent
from warehouse.parse.numbers import is_number, is_spreadsheet_error
from warehouse.parse.page import ArticlePage, Row


@dataclass(frozen=True)
class Grid:
    header: tuple[Row, ...]
    data: tuple[Row, ...]
    columns: tuple[str, ...]  # text above each column, top to bottom; () when the page prints no header


def _text(cell_text: str) -> str:
    return " ".join(cell_text.replace("\xa0", " ").split())


def _is_data(row: Row, text_cells: int) -> bool:
    """No value cell holds a word: a header has words and period labels (``Quantity``, ``1- to-3``, ``1to6``).

    A garbled number in the first data row (``41,046.4%``) has no letters, so it is reported by its cell
    rather than taken for a header.
    """
    values = [cell.text for cell in row.cells[text_cells:] if not is_spreadsheet_error(cell.text)]
    return len(row.cells) > text_cells and not any(ch.isalpha() for text in values for ch in text)


def _is_note(text: str) -> bool:
    """ "Note:", "Notes：", "Footnotes" — not a label that merely starts so ("Notebook computers")."""
    return re.match(r"(?:foot)?notes?\b", unicodedata.normalize("NFKC", text), re.IGNORECASE) is not None


def read_grid(page: ArticlePage, table: str, *, text_cells: int = 1) -> Grid:
    """Split the rows; ``text_cells`` is how many leading cells hold text (label, quantity unit).

    A row with a single filled cell frames the table: before the data it is the title or the ``Unit:`` row
    (which 2025 bulletin pages print in the last cells of an otherwise empty row), after it a note. A label
    alone inside the data is an error, not a note, unless it says it is one.
    """
    header: list[Row] = []
    data: list[Row] = []
    note: Row | None = None
    for row in page.rows:
        where = {"url": page.url, "table": table, "row": row.number}
        filled = [i for i, cell in enumerate(row.cells) if _text(cell.text)]
        if not filled:
            continue  # spacer rows carry nothing
        first = _text(row.cells[filled[0]].text)
        if len(row.cells) == 1 or (len(filled) == 1 and (not data or filled[0] > 0 or _is_note(first))):
            if data:
                note = note or row
            continue
        if note is not None:
            raise ParseError(
                "a one-cell row inside the data",
                **{**where, "row": note.number},
                cell=_text(note.cells[0].text),
            )
        if not data and not _is_data(row, text_cells):
            header.append(row)
            continue
        bad = next(
            (i for i, cell in enumerate(row.cells) if i >= text_cells and not is_number(cell.text)), None
        )
        if bad is not None:
            raise ParseError("not a number", column=bad, cell=row.cells[bad].text.strip(), **where)
        if filled == [0]:
            raise ParseError("a row with a label but no values", cell=split_indent(first)[1], **where)
        data.append(row)
    if not data:
        raise ParseError("the table has no data rows", url=page.url, table=table)
    return Grid(header=tuple(header), data=tuple(data), columns=tuple(_header_columns(header)))


def _header_columns(header: list[Row]) -> list[str]:
    """Per column, the header texts stacked top to bottom (joined by `` / ``), spans spread out."""
    stacks: dict[int, list[str]] = {}
    covered: dict[int, int] = {}  # column → how many more rows a rowspan above still covers
    for row in header:
        column = 0
        placed: dict[int, int] = {}
        for cell in row.cells:
            while covered.get(column, 0) > 0:
                column += 1
            text = _text(cell.text)
            for offset in range(cell.colspan):
                stacks.setdefault(column + offset, []).append(text)
                if cell.rowspan > 1:
                    placed[column + offset] = cell.rowspan - 1
            column += cell.colspan
        covered = {c: left - 1 for c, left in covered.items() if left > 1} | placed
    width = max(stacks, default=-1) + 1
    return [" / ".join(t for t in stacks.get(c, []) if t) for c in range(width)]
