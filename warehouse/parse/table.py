"""The steps every table family takes, once: identity, grid, layout, header check, lines, then the frame.

A family module supplies only what is its own — its layouts (possibly chosen by the title's span), where its
flow comes from, its hierarchy and its arithmetic check.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from warehouse.errors import ParseError
from warehouse.parse.grid import read_grid
from warehouse.parse.identity import IndexHint, ResolvedTitle, page_identity, resolve
from warehouse.parse.layout import Layout, check_header, choose_layout
from warehouse.parse.page import ArticlePage
from warehouse.parse.records import Line, lines_of, records_of
from warehouse.parse.tidy import ParsedTable, tidy_frame

Layouts = Sequence[Layout] | Callable[[ResolvedTitle], Sequence[Layout]]


@dataclass(frozen=True)
class Reading:
    page: ArticlePage
    table: str
    resolved: ResolvedTitle
    layout: Layout
    lines: list[Line]
    flow: str | None  # the table's own flow, for single-flow tables

    def parsed(self, hierarchy: list[tuple[int, str | None]] | None = None) -> ParsedTable:
        records = records_of(
            self.page, self.table, self.resolved, self.lines, self.layout, flow=self.flow, hierarchy=hierarchy
        )
        identity = page_identity(self.page, self.resolved, self.table, self.layout.name, self.flow)
        return ParsedTable(identity=identity, frame=tidy_frame(records))


def read_table(
    page: ArticlePage,
    table: str,
    hint: IndexHint | None,
    layouts: Layouts,
    *,
    text_cells: int = 1,
    flow: str | None = None,
    flow_from_title: bool = False,
) -> Reading:
    resolved = resolve(page, table, hint)
    if flow_from_title:
        flow = resolved.info.flow
        if flow is None:
            raise ParseError("the title names neither exports nor imports", url=page.url, table=table)
    grid = read_grid(page, table, text_cells=text_cells)
    candidates = layouts(resolved) if callable(layouts) else layouts
    layout = choose_layout(page, table, grid, candidates)
    check_header(page, table, grid, layout, resolved.period.month)
    return Reading(page, table, resolved, layout, lines_of(page, table, grid, layout), flow)
