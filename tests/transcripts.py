"""Transcribed GACC tables (``shared/gacc/tables``) read back into the page model the parsers take.

The transcriptions are text, one printed row per line: the title and ``Unit:`` rows, a header line
``Trade Mode | 5: Export & Import | Export | …`` (``A: B`` = B printed under A; a cell without ``A:`` sits
under the A before it), data lines ``label number number …`` (label first, numbers as printed; a line of
numbers only is a bulletin YoY row), then notes. This reader rebuilds those rows as cells — banner rows of
one cell, two header rows with their spans, a label cell (leading spaces kept as no-break-space indentation)
and one cell per number — so the parser code that reads GACC's HTML reads them too. It is test code: it
knows the transcription format, never the meaning of a column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from warehouse.parse.page import ArticlePage, Cell, Row

TABLES = Path(__file__).resolve().parents[2] / "shared" / "gacc" / "tables"
_NUMBER = re.compile(r"^(?:[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-|—)$")
_PAGE_TITLE = re.compile(r'Page title: "([^"]+)"')


@dataclass(frozen=True)
class Transcript:
    name: str
    url: str
    page: ArticlePage
    lines: dict[int, tuple[str, list[str]]]  # source row → (label, numbers as printed) for every data line
    truncated: bool


def _row(number: int, *texts: str, colspans: tuple[int, ...] = (), rowspans: tuple[int, ...] = ()) -> Row:
    cells = tuple(
        Cell(
            text=text,
            colspan=colspans[i] if i < len(colspans) else 1,
            rowspan=rowspans[i] if i < len(rowspans) else 1,
        )
        for i, text in enumerate(texts)
    )
    return Row(number=number, cells=cells)


def _header_rows(line: str, first: int) -> list[Row]:
    cells = [cell.strip() for cell in line.split("|")]
    if not any(":" in cell for cell in cells[1:]):
        return [_row(first, *cells)]
    tops: list[str] = []
    bottoms: list[str] = []
    for cell in cells[1:]:
        top, _, bottom = cell.rpartition(":") if ":" in cell else (tops[-1] if tops else "", "", cell)
        tops.append(top.strip())
        bottoms.append(bottom.strip())
    merged: list[tuple[str, int]] = []
    for top in tops:
        if merged and merged[-1][0] == top:
            merged[-1] = (top, merged[-1][1] + 1)
        else:
            merged.append((top, 1))
    upper = _row(
        first,
        cells[0],
        *(top for top, _ in merged),
        colspans=(1, *(span for _, span in merged)),
        rowspans=(2,),
    )
    return [upper, _row(first + 1, *bottoms)]


def read_transcript(
    name: str,
    *,
    unit_cell: bool = False,
    drop: tuple[str, ...] = (),
    align: dict[str, list[str]] | None = None,
) -> Transcript:
    """Rows of a transcription as cells.

    ``unit_cell``: the last word of each label is the quantity unit token (``10000T``, ``T``), its own cell.
    ``drop``: labels whose value row (and YoY row) the text cannot align (empty cells lost), left out.
    ``align``: a label's value cells spelled out, with ``""`` for the empty cells the text lost, as the
    transcription's own notes give them.
    """
    align = align or {}
    raw = (TABLES / name).read_text(encoding="utf-8").splitlines()
    url = raw[0].split()[0]
    notes = [line for line in raw[1:] if line.startswith("#")]
    found = next((m[1] for line in notes if (m := _PAGE_TITLE.search(line))), None)
    body = [line for line in raw[1:] if not line.startswith("#")]
    title = found or body[0]
    rows: list[Row] = []
    lines: dict[int, tuple[str, list[str]]] = {}
    unit_row = None
    in_notes = truncated = skipping = False
    for text in body:
        number = len(rows) + 1
        if "[truncated]" in text:
            truncated = True
            break
        if in_notes or (lines and re.match(r"^(footnotes?|notes?)\b", text, re.IGNORECASE)):
            in_notes = True
            rows.append(_row(number, text))
            continue
        if not lines and text.startswith("Unit"):
            unit_row = text.strip()
            rows.append(_row(number, unit_row))
            continue
        if not lines and " | " in text:
            rows.extend(_header_rows(text, number))
            continue
        tokens = text.split()
        values: list[str] = []
        while tokens and _NUMBER.match(tokens[-1]):
            values.insert(0, tokens.pop())
        label = " ".join(tokens)
        if not values or (not lines and text.startswith(("(", "（"))):  # title line before the data
            rows.append(_row(number, text.strip()))
            continue
        unit = ""
        if unit_cell and label:
            label, _, unit = label.rpartition(" ")
        if label:
            skipping = label in drop
        if skipping:
            continue
        indent = "\xa0" * (len(text) - len(text.lstrip(" ")))
        values = align.get(label, values)
        cells = [indent + label, *([unit] if unit_cell else []), *values]
        rows.append(_row(number, *cells))
        lines[number] = (label, values)
    page = ArticlePage(
        url=url,
        title=title,
        date_text=None,
        rows=tuple(rows),
        unit_text=unit_row,
        excel_url=None,
        source="transcription",
    )
    return Transcript(name=name, url=url, page=page, lines=lines, truncated=truncated)
