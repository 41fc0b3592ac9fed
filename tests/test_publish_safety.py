"""Readers and writers of the published file: read-only clients of every kind, the writer lock, publishes
under load, SIGKILL at random points, rollback, Parquet export and ``gacc sql``.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa
from conftest import ROOT
from scenario import Scenario

from warehouse.cli import main
from warehouse.load.database import connect
from warehouse.load.lock import WriterLockedError, writer_lock
from warehouse.quality.gate import run_checks
from warehouse.settings import Settings

WORKERS = ROOT / "tests" / "publish_workers.py"
DUCKDB_1X_CLI = Path(sys.executable).parent / "duckdb"  # the duckdb-cli package (dev dependency), DuckDB 1.x


def _published(tmp_path: Path, months: int = 2) -> Settings:
    settings = Settings(data_dir=tmp_path / "data")
    s = Scenario(settings)
    for month in range(1, months + 1):
        s.add("bulletin", "by_country", "USD", f"2024-{month:02d}", date(2024, month, 20), [
            ("total", "month", "export", "value", str(300000 + month)),
            ("total", "month", "import", "value", str(200000 + month)),
        ])  # fmt: skip
        s.publish(run_id=f"publish-{month}")
    return settings


def _rows(path: Path, sql: str) -> list[tuple]:
    con = connect(path, read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


MONTHLY = "select period_label, exports, imports from rpt_trade_balance_monthly order by period_key"


def test_a_duckdb_1x_client_opens_the_published_file_read_only(tmp_path: Path) -> None:
    settings = _published(tmp_path)
    version = subprocess.run([DUCKDB_1X_CLI, "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("v1.")
    query = MONTHLY.replace("exports, imports", "exports::varchar, imports::varchar")
    out = subprocess.run(
        [DUCKDB_1X_CLI, "-readonly", "-csv", "-noheader", str(settings.warehouse_path), "-c", query],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert out.splitlines() == [
        "2024-01,300001000.000,200001000.000",
        "2024-02,300002000.000,200002000.000",
    ]
    refused = subprocess.run(
        [DUCKDB_1X_CLI, "-readonly", str(settings.warehouse_path), "-c", "delete from meta.releases"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert "read-only" in (refused.stdout + refused.stderr)


def test_sqlalchemy_through_duckdb_engine_reads_and_cannot_write(tmp_path: Path) -> None:
    settings = _published(tmp_path)
    engine = sa.create_engine(f"duckdb:///{settings.warehouse_path}", connect_args={"read_only": True})
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text(MONTHLY)).fetchall()
            views = sa.inspect(connection).get_view_names()
            with pytest.raises(sa.exc.DBAPIError, match="read-only"):
                connection.execute(sa.text("delete from meta.releases"))
    finally:
        engine.dispose()
    assert [(label, int(e), int(i)) for label, e, i in rows] == [
        ("2024-01", 300_001_000, 200_001_000),
        ("2024-02", 300_002_000, 200_002_000),
    ]
    assert {"rpt_trade_balance_monthly", "rpt_partner_growth", "fct_trade_by_partner_latest"} <= set(views)


def test_gacc_sql_prints_table_csv_and_json_and_refuses_writes(tmp_path: Path, capsys) -> None:
    settings = _published(tmp_path)
    data = ["--data-dir", str(settings.data_dir)]
    assert main(["sql", MONTHLY, "--format", "csv", *data]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "period_label,exports,imports",
        "2024-01,300001000.000,200001000.000",
        "2024-02,300002000.000,200002000.000",
    ]
    assert main(["sql", MONTHLY + " limit 1", "--format", "json", *data]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"period_label": "2024-01", "exports": "300001000.000", "imports": "200001000.000"}
    ]
    assert main(["sql", MONTHLY, *data]) == 0 and "300001000.000" in capsys.readouterr().out
    assert main(["sql", "delete from meta.releases", *data]) == 2
    assert "read-only" in capsys.readouterr().err


def test_parquet_export_is_one_version_with_a_manifest(tmp_path: Path) -> None:
    settings = _published(tmp_path)
    out = tmp_path / "parquet"
    assert main(["export", "--parquet", str(out), "--data-dir", str(settings.data_dir)]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["run_id"] == "publish-2"
    assert manifest["relations"]["rpt_trade_balance_monthly"] == 2
    assert {
        "dim_partner",
        "fct_trade_by_partner",
        "fct_trade_by_partner_latest",
        "bridge_partner_group",
    } <= set(manifest["relations"])
    for name, rows in manifest["relations"].items():
        assert duckdb.sql(f"select count(*) from '{out / name}.parquet'").fetchall() == [(rows,)]
    exported = duckdb.sql(
        f"select period_label, exports from '{out}/rpt_trade_balance_monthly.parquet' order by 1"
    )
    assert [(label, int(v)) for label, v in exported.fetchall()] == [
        ("2024-01", 300_001_000),
        ("2024-02", 300_002_000),
    ]
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "keep.txt").write_text("not an export")
    with pytest.raises(FileExistsError):
        main(["export", "--parquet", str(tmp_path / "other"), "--data-dir", str(settings.data_dir)])
    assert (tmp_path / "other" / "keep.txt").exists()


def test_rollback_serves_the_previous_build_and_a_second_rollback_redoes(tmp_path: Path) -> None:
    settings = _published(tmp_path)
    assert len(_rows(settings.warehouse_path, MONTHLY)) == 2
    assert main(["rollback", "--data-dir", str(settings.data_dir)]) == 0
    assert len(_rows(settings.warehouse_path, MONTHLY)) == 1
    assert main(["rollback", "--data-dir", str(settings.data_dir)]) == 0
    assert len(_rows(settings.warehouse_path, MONTHLY)) == 2


def test_a_second_writer_waits_then_fails_naming_the_holder(tmp_path: Path) -> None:
    lock = tmp_path / "warehouse.lock"
    held = rf"'pid': {os.getpid()}.*'run_id': 'first'"
    with writer_lock(lock, run_id="first"), pytest.raises(WriterLockedError, match=held):  # noqa: SIM117
        with writer_lock(lock, run_id="second", timeout_s=0.2):
            pass
    with writer_lock(lock, run_id="third") as note:
        assert note["run_id"] == "third" and note["took_over_stale"] is None


def test_a_killed_writer_leaves_no_lock_only_a_stale_note(tmp_path: Path) -> None:
    lock = tmp_path / "warehouse.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from warehouse.load.lock import writer_lock\n"
         "with writer_lock(Path(sys.argv[1]), run_id='killed'):\n"
         "    print('held', flush=True); time.sleep(60)",
         str(lock)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert holder.stdout.readline().strip() == "held"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with writer_lock(lock, run_id="next", timeout_s=5) as note:
        assert note["took_over_stale"]["run_id"] == "killed"
        assert note["took_over_stale"]["pid"] == holder.pid


def _spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WORKERS), *args], cwd=ROOT)


def test_ten_readers_never_see_an_error_or_half_a_build_while_five_publishes_happen(tmp_path: Path) -> None:
    settings = _published(tmp_path, months=1)
    published = tmp_path / "published.jsonl"
    first = _rows(settings.warehouse_path, "select 1")  # the file exists before readers start
    assert first == [(1,)]
    con = connect(settings.warehouse_path, read_only=True)
    from publish_workers import checksum

    versions = {checksum(con)}
    con.close()
    stop = tmp_path / "stop"
    readers = [
        _spawn("reader", str(settings.warehouse_path), str(tmp_path / f"reader-{n}.jsonl"), str(stop),
               "sqlalchemy" if n == 0 else "duckdb")
        for n in range(10)
    ]  # fmt: skip
    logs = [tmp_path / f"reader-{n}.jsonl" for n in range(10)]
    deadline = time.monotonic() + 120
    while not all(log.exists() and log.stat().st_size for log in logs):  # every reader is reading
        assert time.monotonic() < deadline, "readers did not start"
        time.sleep(0.1)
    writer = subprocess.run(
        [sys.executable, str(WORKERS), "writer", str(settings.data_dir), "6", str(published)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    time.sleep(0.5)
    stop.touch()
    assert [process.wait(timeout=60) for process in readers] == [0] * 10
    assert writer.returncode == 0, writer.stderr
    versions |= {json.loads(line)["published"] for line in published.read_text().splitlines()}
    assert len(versions) == 6  # the first month again (unchanged), then five new versions
    seen: list[str] = []
    errors: list[str] = []
    for n in range(10):
        for line in (tmp_path / f"reader-{n}.jsonl").read_text().splitlines():
            result = json.loads(line)
            (seen if "ok" in result else errors).append(result.get("ok") or result["error"])
    assert errors == []
    assert len(seen) > 100
    assert set(seen) <= versions  # every read is one complete published version
    assert len(set(seen)) >= 2  # and readers did see publishes happen


def test_sigkill_at_random_points_never_breaks_the_served_file(tmp_path: Path) -> None:
    settings = _published(tmp_path, months=1)
    rng = random.Random(20261124)
    log = tmp_path / "writer.jsonl"
    for _ in range(20):
        writer = _spawn("writer", str(settings.data_dir), "6", str(log))
        time.sleep(rng.uniform(0.3, 2.5))  # imports, then build, checks, publish: each hit some runs
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        con = connect(settings.warehouse_path, read_only=True)
        try:
            report = run_checks(con, data_dir=settings.data_dir, run_id="after-kill", record=False)
            assert con.sql("select count(*) from rpt_trade_balance_monthly").fetchall()[0][0] >= 1
        finally:
            con.close()
        assert not report.blocking, report.render()
    finished = subprocess.run(
        [sys.executable, str(WORKERS), "writer", str(settings.data_dir), "6", str(log)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr
    assert len(_rows(settings.warehouse_path, MONTHLY)) == 6
    assert not list(settings.build_dir.glob("*.duckdb"))
