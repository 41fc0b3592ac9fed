"""One frozen settings object, read from the environment (and CLI overrides) in one place.

| variable | default | meaning |
|---|---|---|
| GACC_BASE_URL | http://english.customs.gov.cn | where GACC pages are fetched from (a mirror in tests) |
| GACC_DATA_DIR | ./data | raw archive, builds, the published warehouse |
| GACC_HTTP_TIMEOUT | 30 | seconds per request (connect and read) |
| GACC_HTTP_RETRIES | 3 | extra attempts after a transient failure (timeout, reset, 5xx) |
| GACC_HTTP_BACKOFF | 1.0 | first back-off in seconds; doubles each attempt, with jitter |
| GACC_FETCH_RETRIES | 2 | times the whole fetch step is run again when pages still fail transiently |
| GACC_FETCH_RETRY_DELAY | 60 | first delay before that, in seconds; doubles each time, with jitter |
| GACC_PARSE_WORKERS | CPUs (at most 4) | processes parsing a large batch (a backfill); 1 parses in-process |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from warehouse import __version__

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "sql"
REFERENCE_DIR = PROJECT_ROOT / "reference"
GACC_SITE = "http://english.customs.gov.cn"


@dataclass(frozen=True)
class Settings:
    base_url: str = GACC_SITE
    data_dir: Path = PROJECT_ROOT / "data"
    http_timeout_s: float = 30.0
    http_retries: int = 3
    http_backoff_s: float = 1.0
    fetch_retries: int = 2
    fetch_retry_delay_s: float = 60.0
    parse_workers: int = 1
    user_agent: str = (
        f"gacc-warehouse/{__version__} (open-source trade-statistics warehouse; polite monthly fetch)"
    )

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        settings = cls(
            base_url=env.get("GACC_BASE_URL", GACC_SITE),
            data_dir=Path(env.get("GACC_DATA_DIR", str(PROJECT_ROOT / "data"))),
            http_timeout_s=float(env.get("GACC_HTTP_TIMEOUT", "30")),
            http_retries=int(env.get("GACC_HTTP_RETRIES", "3")),
            http_backoff_s=float(env.get("GACC_HTTP_BACKOFF", "1.0")),
            fetch_retries=int(env.get("GACC_FETCH_RETRIES", "2")),
            fetch_retry_delay_s=float(env.get("GACC_FETCH_RETRY_DELAY", "60")),
            parse_workers=int(env.get("GACC_PARSE_WORKERS", str(min(os.cpu_count() or 1, 4)))),
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        if "data_dir" in given:
            given["data_dir"] = Path(str(given["data_dir"]))
        return replace(settings, **given)  # type: ignore[arg-type]

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def build_dir(self) -> Path:
        return self.data_dir / "build"

    @property
    def warehouse_path(self) -> Path:
        return self.data_dir / "warehouse.duckdb"

    @property
    def lock_path(self) -> Path:
        """The writers' lock file (warehouse/load/lock.py); readers never take it."""
        return self.data_dir / "warehouse.lock"

    @property
    def rejected_dir(self) -> Path:
        """Builds the quality gate refused, kept with their meta.check_failures for inspection."""
        return self.data_dir / "rejected"

    @property
    def runs_dir(self) -> Path:
        """One JSON report per run, published or not: the record of failures (``gacc status`` reads it)."""
        return self.data_dir / "runs"

    @property
    def previous_warehouse_path(self) -> Path:
        return self.data_dir / "warehouse.previous.duckdb"
