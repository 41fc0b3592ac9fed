"""Typed errors of the warehouse: every failure names what it was working on.

A fetch error names the URL; a parse or conform error names the URL, the table, the row and the cell, so an
operator can open the raw file kept under ``data/raw`` and see exactly what GACC printed.
"""

from __future__ import annotations


class GaccError(Exception):
    """Base of every error the warehouse raises on purpose."""


# --- fetching ---------------------------------------------------------------------------------------------


class FetchError(GaccError):
    """A URL could not be fetched."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        self.url = url
        self.reason = reason
        self.status = status
        where = f"HTTP {status}" if status is not None else "no response"
        super().__init__(f"{url}: {reason} ({where})")


class TransientFetchError(FetchError):
    """Timeout, connection failure, truncated body or 5xx: worth retrying."""


class NotFoundError(FetchError):
    """HTTP 404: not published (yet) or gone. Reported, never retried."""


class ChallengePageError(FetchError):
    """HTTP 412 or a JavaScript-challenge body instead of the page: a hard stop, never retried."""


class ForeignHostError(FetchError):
    """A link points outside the GACC site; the client refuses to follow it."""


# --- parsing ----------------------------------------------------------------------------------------------


class ParseError(GaccError):
    """A page does not have the shape its table family must have."""

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        table: str | None = None,
        row: int | None = None,
        column: int | None = None,
        cell: str | None = None,
    ) -> None:
        self.message = message
        self.url = url
        self.table = table
        self.row = row
        self.column = column
        self.cell = cell
        super().__init__(self._render())

    def _render(self) -> str:
        parts = [self.message]
        if self.table:
            parts.append(f"table={self.table}")
        if self.row is not None:
            parts.append(f"row={self.row}")
        if self.column is not None:
            parts.append(f"column={self.column}")
        if self.cell is not None:
            parts.append(f"cell={self.cell!r}")
        if self.url:
            parts.append(f"url={self.url}")
        return "; ".join(parts)

    def located(self, *, url: str | None = None, table: str | None = None) -> ParseError:
        """Fill in what the low-level code could not know; keeps the subclass."""
        if url and not self.url:
            self.url = url
        if table and not self.table:
            self.table = table
        self.args = (self._render(),)
        return self


class NoTableError(ParseError):
    """The page carries no machine-readable table (the 2018 pages show it as an image). Terminal."""


class UnsupportedTableError(ParseError):
    """The page is a GACC table of a family no parser handles yet. Terminal until a parser exists."""


class ConformError(ParseError):
    """A parsed row cannot be mapped onto the warehouse's reference data (an unknown partner label...)."""


class FrameCheckError(ParseError):
    """A release's conformed rows fail a pre-load check: columns, row count, sign or unit."""


# --- loading and publishing ------------------------------------------------------------------------------


class LoadError(GaccError):
    """A release could not be loaded into the build database."""


class PublishError(GaccError):
    """The build could not be published; the served warehouse is unchanged."""


class RunFailedError(GaccError):
    """A run stopped before publishing because pages failed; the served warehouse is unchanged."""


class QualityGateError(RunFailedError):
    """The build broke an ``error`` rule of ``sql/checks``: not published, kept for inspection."""
