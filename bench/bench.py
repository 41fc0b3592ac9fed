"""``make bench``: the pipeline timed on a simulated GACC archive, end to end through the Prefect flows.

* **W1** — a full backfill 2018-01 → 2025-11 from a simulated site served over HTTP on 127.0.0.1, through
  the ``backfill`` flow (ephemeral Prefect server start included), into an empty data directory.
* **W2** — one new month (2025-11) on top of 1 year of history versus 8 years, through ``monthly_release``:
  its cost must not grow with history. Each is run ``--repeat`` times on a fresh copy of its data directory,
  alternating between the two after a warm-up round; the ratio is of the fastest runs (noise
  only adds time), the medians are reported beside it.
* Where the time goes: collect (index pages and fetches), parse, build (copy of the published file, SQL
  objects, load), checks, publish, and orchestration (the rest of the wall time: Prefect's flow and task
  machinery, the writer lock, the run log).
* Against DuckDB's own ingest: the same printed numbers (the simulator's truth Parquet) loaded by DuckDB
  alone, ``create table as select * from read_parquet(…)``.

Results are printed and written to ``<out>/bench.json``. Usage: ``python bench/bench.py [--out DIR]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    from warehouse.outcomes import RunReport

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "bench")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    out: Path = args.out
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    # Prefect's state stays where `gacc run` keeps it (data/prefect): an operator's Prefect database is
    # migrated once, not at every run, so W1 includes the ephemeral server's start but not its first install.
    # Every parse is timed for real: a cached result of an earlier bench (same seed, same pages) is not used.
    os.environ["PREFECT_TASKS_REFRESH_CACHE"] = "true"

    from flows.backfill import backfill
    from flows.monthly_release import monthly_release
    from warehouse.periods import Period
    from warehouse.simulate.site import simulate
    from warehouse.sources.gacc.mirror import Mirror

    results: dict[str, object] = {"machine": {"cpus": os.cpu_count()}}
    clock = time.perf_counter()
    made = simulate(out / "sim", Period(2018, 1), Period(2025, 11), args.seed)
    seconds = round(time.perf_counter() - clock, 2)
    results["simulate"] = {"seconds": seconds, "pages": made.pages, "facts": made.facts}

    with Mirror(made.site) as mirror:
        # W1: everything, from nothing.
        clock = time.perf_counter()
        report = backfill(start="2018-01", end="2025-11", base_url=mirror.base_url, data_dir=str(out / "w1"))
        w1_wall = time.perf_counter() - clock
        results["w1"] = _stages(report, w1_wall)

        # W2: history to 2025-10 (1 year, 8 years), then the new month, on fresh copies. Trials alternate
        # between the two histories after one warm-up each, so drift on the machine hits both alike.
        histories = {"1y": out / "w2-1y", "8y": out / "w2-8y"}
        for name, start in (("1y", "2024-11"), ("8y", "2018-01")):
            backfill(start=start, end="2025-10", base_url=mirror.base_url, data_dir=str(histories[name]))
        runs: dict[str, list[dict[str, Any]]] = {"1y": [], "8y": []}
        for trial in range(-1, args.repeat):
            for name, history in histories.items():
                data = out / f"w2-{name}-run"
                shutil.copytree(history, data)
                clock = time.perf_counter()
                month = monthly_release(period="2025-11", base_url=mirror.base_url, data_dir=str(data))
                wall = time.perf_counter() - clock
                shutil.rmtree(data)
                if trial >= 0:  # the first round warms both up
                    runs[name].append(_stages(month, wall))
        w2: dict[str, Any] = {}
        for name, history in histories.items():
            walls = [run["wall_s"] for run in runs[name]]
            size_mb = round((history / "warehouse.duckdb").stat().st_size / 1e6, 1)
            w2[name] = {
                "min_wall_s": min(walls),
                "median_wall_s": round(statistics.median(walls), 3),
                "median_work_s": round(statistics.median(run["work_s"] for run in runs[name]), 3),
                "runs": runs[name],
                "warehouse_mb": size_mb,
            }
        # The ratio is taken on the fastest run of each: the machine's noise (the ephemeral Prefect server's
        # background loops share the 2 cores, adding whole seconds to some runs) only ever adds time.
        w2["ratio_8y_over_1y"] = round(w2["8y"]["min_wall_s"] / w2["1y"]["min_wall_s"], 3)
        w2["ratio_of_medians"] = round(w2["8y"]["median_wall_s"] / w2["1y"]["median_wall_s"], 3)
        # The pipeline's own stages, without orchestration: Prefect's flow-run heartbeat thread sleeps in
        # 1 s steps and the flow joins it on exit, adding a uniform 0-1 s to each wall (profiled: 0.53 s of
        # a 3.14 s run), which rounds walls to whole-second steps and makes the wall medians jump.
        w2["ratio_of_median_work"] = round(w2["8y"]["median_work_s"] / w2["1y"]["median_work_s"], 3)
        results["w2"] = w2

    clock = time.perf_counter()
    con = duckdb.connect(str(out / "duckdb-ingest.duckdb"))
    for part in sorted(made.truth.glob("*.parquet")):  # by country, commodities, regimes: every number
        con.execute(f"create table {part.stem} as select * from read_parquet('{part}')")
    con.execute("checkpoint")
    con.close()
    ingest = time.perf_counter() - clock
    results["duckdb_ingest"] = {
        "seconds": round(ingest, 3),
        "rows": made.facts,
        "w1_over_duckdb": round(w1_wall / ingest, 1),
    }
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    (out / "bench.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(_render(results))
    print(f"\nwritten to {out / 'bench.json'}")
    return 0


def _stages(report: RunReport, wall: float) -> dict[str, object]:
    seconds = {stage: round(value, 3) for stage, value in report.seconds.items()}
    measured = sum(value for stage, value in report.seconds.items() if "." not in stage)
    return {
        "wall_s": round(wall, 3),
        "stages_s": seconds,
        "orchestration_s": round(wall - measured, 3),
        "work_s": round(measured, 3),
        "pages": {k: v for k, v in report.to_dict()["counts"].items()},
        "requests": report.requests,
        "published": report.published,
    }


def _render(results: dict[str, Any]) -> str:
    w1, w2, ingest = results["w1"], results["w2"], results["duckdb_ingest"]
    lines = [
        f"simulate 2018-01..2025-11: {results['simulate']}",
        f"W1 full backfill 2018-01..2025-11: {w1['wall_s']:.1f} s wall (target < 60 s); pages {w1['pages']}",
        "   "
        + ", ".join(f"{k} {v:.2f} s" for k, v in w1["stages_s"].items())
        + f", orchestration {w1['orchestration_s']:.2f} s",
        f"W2 one new month (fastest / median of {len(w2['1y']['runs'])}): 1 year of history "
        f"{w2['1y']['min_wall_s']:.2f} / {w2['1y']['median_wall_s']:.2f} s ({w2['1y']['warehouse_mb']} MB), "
        f"8 years {w2['8y']['min_wall_s']:.2f} / {w2['8y']['median_wall_s']:.2f} s "
        f"({w2['8y']['warehouse_mb']} MB): "
        f"ratio {w2['ratio_8y_over_1y']:.2f} (target <= 1.2; of medians {w2['ratio_of_medians']:.2f}; "
        f"of median work without orchestration {w2['1y']['median_work_s']:.2f} vs "
        f"{w2['8y']['median_work_s']:.2f} s: {w2['ratio_of_median_work']:.2f})",
    ]
    for name in ("1y", "8y"):
        run = w2[name]["runs"][0]
        lines.append(f"   {name}: " + ", ".join(f"{k} {v:.2f} s" for k, v in run["stages_s"].items())
                     + f", orchestration {run['orchestration_s']:.2f} s")  # fmt: skip
    lines.append(
        f"DuckDB's own ingest of the same {ingest['rows']} printed numbers: {ingest['seconds']:.2f} s "
        f"(W1 is {ingest['w1_over_duckdb']}x that); peak RSS {results['peak_rss_mb']} MB"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
