"""A table rebuilt from a transcription, written as the real pages whose chrome it goes into write theirs.

The trade-mode, customs-regime and enterprise pages (``regime_pages``, ``enterprise_pages``) have no real
page of their own to refill: their table is built from a transcription and put into a real page in place of
its ``<table>`` (``refill.Refill.set_table``). This is the markup of that table as the real preliminary (4)
and bulletin (2) pages write theirs: tab indentation, LF line ends, a cell's content on its own line.
"""

from __future__ import annotations

import html


def escape(text: str) -> str:
    """Text as the pages print it in a cell: ``&``, ``<``, ``>`` escaped, quotes as they are."""
    return html.escape(text, quote=False)


def bold(text: str) -> str:
    """A label or header text as the real pages wrap one: ``<span><b>…</b></span>``."""
    return f"<span><b>{escape(text)}</b></span>"


def td(attributes: str, content: str | None) -> str:
    """One ``<td>`` (its lines): ``content`` (HTML) on its own line, or nothing for an empty cell."""
    inner = f"\t\t\t\t{content}\n" if content is not None else ""
    return f"\t\t\t<td {attributes}>\n{inner}\t\t\t</td>\n"


def tr(cells: list[str]) -> str:
    """One ``<tr>`` around cells written by ``td``."""
    return "\t\t<tr>\n" + "".join(cells) + "\t\t</tr>\n"


def table_element(rows: list[str], *, width: int, height: int) -> str:
    """The ``<table>`` element around rows written by ``tr``, sized in pixels as real pages size theirs."""
    return (
        f'<table style="border-collapse:collapse;" border="0" cellspacing="0" width="{width}" '
        f'height="{height}" class="ke-zeroborder">\n\t<tbody>\n' + "".join(rows) + "\t</tbody>\n</table>"
    )
