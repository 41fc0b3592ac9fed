"""DuckDB connections and the SQL layers: reference data, then ``sql/`` applied in path order.

Files are written in the oldest storage format the BI tools' embedded DuckDB 1.x readers understand (a file
in DuckDB 2.0's default format does not open in 1.x). The build fingerprint — a hash of ``sql/``,
``reference/`` and the ``warehouse`` package — tells whether a published file was built by this code; if not,
the next run rebuilds it from the raw archive instead of migrating it.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from warehouse.settings import PROJECT_ROOT, REFERENCE_DIR, SQL_DIR

STORAGE_COMPATIBILITY_VERSION = "v1.0.0"
_FINGERPRINTED = ("sql", "reference", "warehouse")  # everything that can shape a fact


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY_VERSION})


@cache
def code_fingerprint() -> str:
    digest = hashlib.sha256()
    for folder in _FINGERPRINTED:
        for path in sorted((PROJECT_ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".sql", ".csv", ".py"):
                digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def sql_files() -> list[Path]:
    return sorted(p for p in SQL_DIR.rglob("*.sql") if "checks" not in p.relative_to(SQL_DIR).parts)


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create or refresh every object: tables are created if missing, dims and views are rebuilt."""
    load_reference(con)
    for path in sql_files():
        try:
            con.execute(path.read_text(encoding="utf-8"))
        except duckdb.Error as exc:
            raise RuntimeError(f"{path.relative_to(PROJECT_ROOT)}: {exc}") from exc
    inherit_column_comments(con)


def inherit_column_comments(con: duckdb.DuckDBPyConnection) -> None:
    """A ``X_latest`` view's columns that come from table ``X`` carry ``X``'s comments: written once, in X."""
    inherited = con.sql(
        """
        select views.table_name, views.column_name, tables.comment
        from duckdb_columns() as views
        join duckdb_columns() as tables
          on views.table_name = tables.table_name || '_latest'
         and views.column_name = tables.column_name
         and views.schema_name = tables.schema_name
        where views.comment is null and tables.comment is not null
        """
    ).fetchall()
    for view, column, comment in inherited:
        quoted = comment.replace("'", "''")
        con.execute(f"comment on column {view}.{column} is '{quoted}'")


def load_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Each ``reference/*.csv`` → ``ref.<name>``, every column a string (codes keep their zeros)."""
    con.execute("create schema if not exists ref")
    for path in sorted(REFERENCE_DIR.glob("*.csv")):
        frame = pl.read_csv(path, infer_schema=False)  # all columns String
        con.register("reference_frame", frame)
        con.execute(f"create or replace table ref.{path.stem} as select * from reference_frame")
        con.unregister("reference_frame")
        # The CSV's own documentation lives in reference/README.md; the catalog points there.
        con.execute(
            f"comment on table ref.{path.stem} is 'Reference data: reference/{path.name} as committed, every "
            "column text (see reference/README.md for its columns and sources).'"
        )
        for column in frame.columns:
            con.execute(
                f"comment on column ref.{path.stem}.{column} is "
                f"'Column {column} of reference/{path.name}, as text (see reference/README.md).'"
            )


def read_build_info(path: Path) -> dict[str, str]:
    """Build facts of a published file; empty if it has none (or is not a warehouse)."""
    try:
        con = connect(path, read_only=True)
    except duckdb.Error:
        return {}
    try:
        return dict(con.sql("select key, value from meta.build_info").fetchall())
    except duckdb.Error:
        return {}
    finally:
        con.close()
