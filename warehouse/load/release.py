"""Load one release into the build database, idempotently and in one transaction.

A release already present (same sha256) is left alone, so re-running a release changes nothing; otherwise its
raw-file row, release row and facts go in together or not at all.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.conform.release import ConformedRelease
from warehouse.errors import LoadError


def is_loaded(con: duckdb.DuckDBPyConnection, release_key: str) -> bool:
    found = con.execute("select 1 from meta.releases where release_key = ?", [release_key]).fetchone()
    return found is not None


def load_release(
    con: duckdb.DuckDBPyConnection, release: ConformedRelease, *, run_id: str, data_dir: Path
) -> bool:
    """Returns True if the release was loaded, False if it was already there."""
    if is_loaded(con, release.release_key):
        return False
    identity, raw = release.identity, release.raw
    try:
        con.execute("begin transaction")
        con.execute(
            """
            insert into meta.raw_files values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict do nothing
            """,
            [
                raw.sha256,
                raw.url,
                raw.fetched_url,
                raw.status,
                raw.retrieved_at,
                raw.content_type,
                raw.size,
                str(raw.path.relative_to(data_dir)),
            ],
        )
        con.execute(
            "insert into meta.releases values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                release.release_key,
                identity.product,
                identity.family,
                identity.currency,
                identity.period.first_day,
                identity.layout,
                identity.title,
                identity.url,
                identity.excel_url,
                identity.published_on,
                identity.date_printed,
                identity.unit_printed,
                identity.unit_code,
                raw.retrieved_at,
                run_id,
            ],
        )
        con.execute(
            "insert into meta.page_outcomes values (?, ?, ?, ?, ?, ?, 'loaded', null, ?, now()) "
            "on conflict do nothing",
            [
                identity.url,
                raw.sha256,
                identity.product,
                identity.family,
                identity.currency,
                identity.period.first_day,
                run_id,
            ],
        )
        con.register("release_facts", release.facts)
        con.execute(
            f"""
            insert into {release.fact_table} by name
            select
                ? as release_key,
                facts.*,
                ? as currency,
                ? as unit_code,
                facts.value * units.factor as value_base
            from release_facts as facts
            cross join (
                select distinct cast(factor as decimal(38, 0)) as factor
                from ref.value_units where unit_code = ?
            ) as units
            """,
            [release.release_key, identity.currency, identity.unit_code, identity.unit_code],
        )
        con.unregister("release_facts")
        loaded = con.execute(
            f"select count(*) from {release.fact_table} where release_key = ?", [release.release_key]
        ).fetchone()
        if loaded is None or loaded[0] != release.facts.height:
            raise LoadError(f"{identity.url}: expected {release.facts.height} fact rows, loaded {loaded}")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return True
