"""The run log: every run's report as JSON in ``data/runs/<run_id>.json``, published or not.

The warehouse records what it holds; a run that failed published nothing, so its failures live here — where
``gacc status`` finds them. Run ids sort by start time, so the newest runs are the last files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from warehouse.outcomes import RunReport

KEEP = 1000  # about two years of twice-daily polls and a few backfills


def write_report(runs_dir: Path, report: RunReport) -> Path:
    runs_dir.mkdir(parents=True, exist_ok=True)
    path = runs_dir / f"{report.run_id}.json"
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    for old in sorted(runs_dir.glob("*.json"))[:-KEEP]:
        old.unlink(missing_ok=True)
    return path


def read_reports(runs_dir: Path, last: int = 10) -> list[dict[str, object]]:
    """The newest ``last`` run reports, oldest first."""
    paths = sorted(runs_dir.glob("*.json"))[-last:] if runs_dir.is_dir() else []
    return [json.loads(path.read_text(encoding="utf-8")) for path in paths]
