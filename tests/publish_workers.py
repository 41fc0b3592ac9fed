"""Processes for the publishing tests: a reader looping over an rpt_ view, and a writer publishing versions.

Run as scripts (``python tests/publish_workers.py reader|writer …``) so that readers and writers are separate
OS processes, as BI tools and the scheduled run are.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

VIEW_CHECKSUM = """
    select count(*) as n, md5(string_agg(period_label || currency || basis || exports || imports, '|'
                                         order by period_key, currency)) as checksum
    from rpt_trade_balance_monthly
"""


def checksum(con) -> str:  # type: ignore[no-untyped-def]
    [(rows, digest)] = con.execute(VIEW_CHECKSUM).fetchall()
    return f"{rows}:{digest}"


def reader(warehouse: Path, out: Path, stop: Path, use_sqlalchemy: bool) -> None:
    """Open read-only, checksum the view, close; again until ``stop`` exists. One JSON line per attempt."""
    import duckdb

    with open(out, "w", encoding="utf-8") as log:
        while not stop.exists():
            try:
                if use_sqlalchemy:
                    import sqlalchemy as sa

                    engine = sa.create_engine(f"duckdb:///{warehouse}", connect_args={"read_only": True})
                    with engine.connect() as connection:
                        [(rows, digest)] = connection.execute(sa.text(VIEW_CHECKSUM)).fetchall()
                    engine.dispose()
                    result = {"ok": f"{rows}:{digest}"}
                else:
                    con = duckdb.connect(str(warehouse), read_only=True)
                    try:
                        result = {"ok": checksum(con)}
                    finally:
                        con.close()
            except Exception as exc:  # every failure is a finding: logged, never raised
                result = {"error": f"{type(exc).__name__}: {exc}"}
            log.write(json.dumps(result) + "\n")
            log.flush()
            time.sleep(
                0.02
            )  # a dashboard refreshing, not a busy loop: leaves the two cores to the writer too


def writer(data_dir: Path, versions: int, out: Path) -> None:
    """Publish ``versions`` versions, one more monthly page each, under the writer lock, as a run does."""
    from scenario import Scenario

    from warehouse.load.build import build, discard_leftovers, new_run_id
    from warehouse.load.database import connect
    from warehouse.load.lock import writer_lock
    from warehouse.load.publish import publish
    from warehouse.quality.gate import gate_build
    from warehouse.settings import Settings

    settings = Settings(data_dir=data_dir)
    scenario = Scenario(settings)
    with open(out, "a", encoding="utf-8") as log:
        for month in range(1, versions + 1):
            scenario.add("bulletin", "by_country", "USD", f"2024-{month:02d}", date(2024, month, 20), [
                ("total", "month", "export", "value", str(300000 + month)),
                ("total", "month", "import", "value", str(200000 + month)),
            ])  # fmt: skip
            run_id = new_run_id()
            with writer_lock(settings.lock_path, run_id=run_id):
                discard_leftovers(settings)
                result = build(settings, scenario.releases[-1:], run_id=run_id)
                gate_build(settings, result, run_id=run_id)
                con = connect(result.path, read_only=True)
                try:
                    version = checksum(con)
                finally:
                    con.close()
                log.write(json.dumps({"published": version}) + "\n")  # written before the swap
                log.flush()
                publish(result.path, settings)


if __name__ == "__main__":
    role, *rest = sys.argv[1:]
    if role == "reader":
        reader(Path(rest[0]), Path(rest[1]), Path(rest[2]), rest[3] == "sqlalchemy")
    else:
        writer(Path(rest[0]), int(rest[1]), Path(rest[2]))
