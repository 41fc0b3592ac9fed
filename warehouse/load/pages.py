"""The page ledger, ``meta.page_outcomes``: every page version the warehouse has read and what became of it.

Loaded pages are recorded by ``load_releases`` in the releases' own transaction; pages that can never load
(no table on the page, no parser for the table) are recorded here. The next run reads the ledger of the
published file and parses only page versions it does not hold — which is what makes a daily poll cheap and
keeps a terminal page from being reported as news every day.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from warehouse.load.database import connect
from warehouse.outcomes import PageOutcome, Status
from warehouse.periods import Period


def record_terminal(
    con: duckdb.DuckDBPyConnection, outcomes: Sequence[PageOutcome], *, run_id: str
) -> list[str]:
    """Record pages that can never load (no table, no parser) so later runs skip them; returns new URLs."""
    recorded = []
    for outcome in outcomes:
        if not outcome.status.terminal or outcome.sha256 is None:
            continue
        inserted = con.execute(
            """
            insert into meta.page_outcomes values (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            on conflict do nothing
            returning url
            """,
            [
                outcome.url,
                outcome.sha256,
                outcome.product,
                outcome.table,
                outcome.currency,
                Period.parse(outcome.period).first_day if outcome.period else None,
                outcome.status.value,
                outcome.detail,
                run_id,
            ],
        ).fetchall()
        recorded += [url for (url,) in inserted]
    return recorded


def keep_first_seen(con: duckdb.DuckDBPyConnection, previous: Path) -> None:
    """In a build from nothing, date each page version as the previous file did: when it was first read.

    Only where the outcome is the same: a page that a new parser now loads is news, and dated now.
    """
    if not previous.exists():
        return
    quoted = str(previous).replace("'", "''")
    con.execute(f"attach '{quoted}' as previous (read_only)")
    try:
        con.execute(
            """
            update meta.page_outcomes as pages
            set recorded_by_run = before.recorded_by_run, recorded_at = before.recorded_at
            from previous.meta.page_outcomes as before
            where pages.url = before.url and pages.sha256 = before.sha256 and pages.status = before.status
            """
        )
    except duckdb.CatalogException:
        pass  # the previous file was built before pages were recorded: every page is first read now
    finally:
        con.execute("detach previous")


def known_pages(warehouse: Path) -> dict[tuple[str, str], Status]:
    """(url, sha256) → outcome of every page version the published warehouse records."""
    if not warehouse.exists():
        return {}
    con = connect(warehouse, read_only=True)
    try:
        rows = con.sql("select url, sha256, status from meta.page_outcomes").fetchall()
    except duckdb.CatalogException:
        return {}  # built before pages were recorded: nothing is known
    finally:
        con.close()
    return {(url, sha): Status(status) for url, sha, status in rows}
