"""A point-in-time Parquet copy of the published warehouse, for tools that prefer files to a DuckDB file.

Everything is read through one read-only connection, so every file comes from the same published version
(the writer never writes the published file; a publish swaps in a new one). The copy is written beside the
target directory and swapped in whole, with a ``manifest.json`` naming the build, each relation and its rows.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.load.database import connect

EXPORTED_PREFIXES = ("dim_", "fct_", "bridge_", "rpt_")


def exported_relations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Dims, facts (tables and ``_latest`` views), bridges and rpt_ views of the main schema."""
    names = con.sql(
        "select table_name from information_schema.tables where table_schema = 'main' order by table_name"
    ).fetchall()
    return [name for (name,) in names if name.startswith(EXPORTED_PREFIXES)]


def export_parquet(warehouse: Path, out_dir: Path) -> dict[str, object]:
    """Write ``<relation>.parquet`` for every exported relation and ``manifest.json``; return the manifest."""
    staging = out_dir.with_name(f".{out_dir.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    con = connect(warehouse, read_only=True)
    try:
        build = dict(con.sql("select key, value from meta.build_info").fetchall())
        relations = {}
        for name in exported_relations(con):
            target = staging / f"{name}.parquet"
            con.execute(f"copy (select * from {name}) to '{target}' (format parquet, compression zstd)")
            [(rows,)] = con.sql(f"select count(*) from {name}").fetchall()
            relations[name] = rows
    finally:
        con.close()
    manifest = {
        "warehouse": str(warehouse),
        "run_id": build.get("run_id"),
        "fingerprint": build.get("fingerprint"),
        "exported_at": datetime.now(UTC).isoformat(),
        "relations": relations,
    }
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    if out_dir.exists():
        if any(out_dir.iterdir()) and not (out_dir / "manifest.json").exists():
            shutil.rmtree(staging)
            raise FileExistsError(f"{out_dir} exists and is not an earlier export (no manifest.json)")
        replaced = out_dir.with_name(f".{out_dir.name}.replaced")
        shutil.rmtree(replaced, ignore_errors=True)
        os.replace(out_dir, replaced)
        os.replace(staging, out_dir)
        shutil.rmtree(replaced)
    else:
        os.replace(staging, out_dir)
    return manifest
