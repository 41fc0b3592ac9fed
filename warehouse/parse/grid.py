"""A page's table sorted into header and data rows, with the header read column by column.

Shared by every table family. Rows of one cell (title, ``Unit:``, notes) frame the table; the rows before the
first data row are the header; a data row is one whose value cells are all numbers or missing markers. Once
the data has started, anything else is an error naming the row and cell — a note row in the middle of the
data, a word where a number belongs, a row after the notes. Header cells are spread over the columns they
span (``colspan`` and ``rowspan``), so each column gets the text printed above it, top to bottom.
"""

from __future__ import annotations

from dataclasses import dataclass

from warehouse.errors import ParseError
from warehouse.parse.labels import split_indent
from warehouse.parse.numbers import is_number
from warehouse.parse.page import ArticlePage, Row


@dataclass(frozen=True)
class Grid:
    header: tuple[Row, ...]
    data: tuple[Row, ...]
    columns: tuple[str, ...]  # text above each column, top to bottom; () when the page prints no header


def _text(cell_text: str) -> str:
    return " ".join(cell_text.replace("\xa0", " ").split())


def _is_data(row: Row, text_cells: int) -> bool:
    """Most value cells hold printed numbers (a header has words and period labels like ``1- to-3``).

    The rest are then checked one by one, so a garbled first data row is reported by its cell.
    """
    values = [cell.text for cell in row.cells[text_cells:]]
    numbers = sum(1 for text in values if is_number(text) and any(ch.isdigit() for ch in text))
    return numbers * 2 > len(values)


def read_grid(page: ArticlePage, table: str, *, text_cells: int = 1) -> Grid:
    """Split the rows; ``text_cells`` is how many leading cells hold text (label, quantity unit)."""
    header: list[Row] = []
    data: list[Row] = []
    note: Row | None = None
    for row in page.rows:
        where = {"url": page.url, "table": table, "row": row.number}
        if all(not _text(cell.text) for cell in row.cells):
            continue  # spacer rows carry nothing
        if len(row.cells) == 1:
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
        if not any(_text(cell.text) for cell in row.cells[1:]):
            raise ParseError(
                "a row with a label but no values", cell=split_indent(row.cells[0].text)[1], **where
            )
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
