"""Load releases into the build database, idempotently and in one transaction.

A release already present (same sha256) is left alone, so re-running a release changes nothing; the others'
raw-file rows, release rows, ledger rows and facts go in together or not at all. They go in as one batch per
table, not one statement per release: a backfill loads over a thousand pages, and DuckDB appends a frame of
300,000 rows in the time a few dozen single-release transactions take.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb
import polars as pl

from warehouse.conform.release import ConformedRelease
from warehouse.errors import LoadError


def loaded_keys(con: duckdb.DuckDBPyConnection, release_keys: Sequence[str]) -> set[str]:
    """The release keys among ``release_keys`` the database already holds."""
    found = con.execute(
        "select release_key from meta.releases where release_key in (select unnest(?::varchar[]))",
        [list(release_keys)],
    ).fetchall()
    return {key for (key,) in found}


def load_releases(
    con: duckdb.DuckDBPyConnection, releases: Sequence[ConformedRelease], *, run_id: str, data_dir: Path
) -> tuple[list[str], list[str]]:
    """Load every release not yet held; returns (loaded, already held) release keys, in the given order."""
    held = loaded_keys(con, [release.release_key for release in releases])
    new: dict[str, ConformedRelease] = {}
    already: list[str] = []  # held before, or a second copy of a release this batch loads
    for release in releases:
        if release.release_key in held or release.release_key in new:
            already.append(release.release_key)
        else:
            new[release.release_key] = release
    if not new:
        return [], already
    try:
        con.execute("begin transaction")
        _insert(con, "meta.raw_files", _raw_files(new.values(), data_dir), on_conflict=True)
        _insert(con, "meta.releases", _releases(new.values(), run_id))
        _insert(
            con,
            "meta.page_outcomes",
            _outcomes(new.values(), run_id),
            "now() as recorded_at",
            on_conflict=True,
        )
        by_table: dict[str, list[ConformedRelease]] = {}
        for release in new.values():
            by_table.setdefault(release.fact_table, []).append(release)
        for table, members in by_table.items():
            _load_facts(con, table, members)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return list(new), already


def _load_facts(con: duckdb.DuckDBPyConnection, table: str, releases: list[ConformedRelease]) -> None:
    facts = pl.concat(
        [
            release.facts.with_columns(
                release_key=pl.lit(release.release_key),
                currency=pl.lit(release.identity.currency),
                unit_code=pl.lit(release.identity.unit_code),
            )
            for release in releases
        ],
        how="vertical",
    )
    con.register("batch_facts", facts)
    try:
        # An unknown unit code (or one with two factors) changes the row count: the check below names it.
        con.execute(
            f"""
            insert into {table} by name
            select facts.*, facts.value * units.factor as value_base
            from batch_facts as facts
            join (
                select distinct unit_code, cast(factor as decimal(38, 0)) as factor from ref.value_units
            ) as units using (unit_code)
            """
        )
    finally:
        con.unregister("batch_facts")
    counts = dict(
        con.execute(
            f"select release_key, count(*) from {table} "
            "where release_key in (select unnest(?::varchar[])) group by release_key",
            [[release.release_key for release in releases]],
        ).fetchall()
    )
    for release in releases:
        if counts.get(release.release_key, 0) != release.facts.height:
            raise LoadError(
                f"{release.identity.url}: expected {release.facts.height} fact rows in {table}, "
                f"loaded {counts.get(release.release_key, 0)} (unit {release.identity.unit_code!r})"
            )


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, rows: pl.DataFrame, *extra: str, on_conflict: bool = False
) -> None:
    con.register("batch_rows", rows)
    try:
        columns = ", ".join(["*", *extra])
        conflict = " on conflict do nothing" if on_conflict else ""
        con.execute(f"insert into {table} by name select {columns} from batch_rows{conflict}")
    finally:
        con.unregister("batch_rows")


# Explicit schemas: a column that is null on the first pages (2019 pages print no unambiguous date) must not
# be inferred from them.
_TEXT, _TIME = pl.String, pl.Datetime("us", "UTC")
_RAW_FILES = {
    "sha256": _TEXT,
    "url": _TEXT,
    "fetched_url": _TEXT,
    "http_status": pl.Int32,
    "retrieved_at": _TIME,
    "content_type": _TEXT,
    "size_bytes": pl.Int64,
    "raw_path": _TEXT,
}
_RELEASES = {
    "release_key": _TEXT,
    "product": _TEXT,
    "table_family": _TEXT,
    "currency": _TEXT,
    "period_key": pl.Date,
    "layout": _TEXT,
    "title": _TEXT,
    "url": _TEXT,
    "excel_url": _TEXT,
    "published_on": pl.Date,
    "date_printed": _TEXT,
    "unit_printed": _TEXT,
    "unit_code": _TEXT,
    "retrieved_at": _TIME,
    "loaded_by_run": _TEXT,
}
_OUTCOMES = {
    "url": _TEXT,
    "sha256": _TEXT,
    "product": _TEXT,
    "table_family": _TEXT,
    "currency": _TEXT,
    "period_key": pl.Date,
    "status": _TEXT,
    "detail": _TEXT,
    "recorded_by_run": _TEXT,
}


def _raw_files(releases: Iterable[ConformedRelease], data_dir: Path) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "sha256": r.raw.sha256,
                "url": r.raw.url,
                "fetched_url": r.raw.fetched_url,
                "http_status": r.raw.status,
                "retrieved_at": r.raw.retrieved_at,
                "content_type": r.raw.content_type,
                "size_bytes": r.raw.size,
                "raw_path": str(r.raw.path.relative_to(data_dir)),
            }
            for r in releases
        ],
        schema=_RAW_FILES,
    )


def _releases(releases: Iterable[ConformedRelease], run_id: str) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "release_key": r.release_key,
                "product": r.identity.product,
                "table_family": r.identity.family,
                "currency": r.identity.currency,
                "period_key": r.identity.period.first_day,
                "layout": r.identity.layout,
                "title": r.identity.title,
                "url": r.identity.url,
                "excel_url": r.identity.excel_url,
                "published_on": r.identity.published_on,
                "date_printed": r.identity.date_printed,
                "unit_printed": r.identity.unit_printed,
                "unit_code": r.identity.unit_code,
                "retrieved_at": r.raw.retrieved_at,
                "loaded_by_run": run_id,
            }
            for r in releases
        ],
        schema=_RELEASES,
    )


def _outcomes(releases: Iterable[ConformedRelease], run_id: str) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "url": r.identity.url,
                "sha256": r.raw.sha256,
                "product": r.identity.product,
                "table_family": r.identity.family,
                "currency": r.identity.currency,
                "period_key": r.identity.period.first_day,
                "status": "loaded",
                "detail": None,
                "recorded_by_run": run_id,
            }
            for r in releases
        ],
        schema=_OUTCOMES,
    )
