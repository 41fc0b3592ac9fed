"""Build the next warehouse file beside the published one, never in it.

The build starts from a copy of the published file when that file was built by the same code (the usual
monthly case: a file copy plus the new releases, no re-parsing of history), or from an empty file when it
was not (new SQL, reference data or code) — the caller then replays the whole raw archive into it.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from warehouse.conform.release import ConformedRelease
from warehouse.load.database import apply_schema, code_fingerprint, connect, read_build_info
from warehouse.load.pages import keep_first_seen, record_terminal
from warehouse.load.release import load_releases
from warehouse.outcomes import PageOutcome
from warehouse.settings import Settings


@dataclass
class BuildResult:
    path: Path
    fresh: bool
    loaded: list[str] = field(default_factory=list)  # release keys loaded now
    already: list[str] = field(default_factory=list)  # release keys present before
    recorded: list[str] = field(default_factory=list)  # URLs of terminal pages recorded now
    seconds: dict[str, float] = field(default_factory=dict)  # copy, sql (schema and views), load

    @property
    def changed(self) -> bool:
        return self.fresh or bool(self.loaded) or bool(self.recorded)


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ") + f"-{os.getpid()}"


def needs_full_rebuild(settings: Settings) -> bool:
    """True when there is no published warehouse or it was built by other code."""
    target = settings.warehouse_path
    return not target.exists() or read_build_info(target).get("fingerprint") != code_fingerprint()


def build(
    settings: Settings,
    releases: list[ConformedRelease],
    *,
    run_id: str,
    terminal: Sequence[PageOutcome] = (),
) -> BuildResult:
    """Load the releases (and record the terminal pages) into a new build file; publish is the caller's."""
    settings.build_dir.mkdir(parents=True, exist_ok=True)
    path = settings.build_dir / f"{run_id}.duckdb"
    fresh = needs_full_rebuild(settings)
    clock = time.perf_counter()
    if not fresh:
        shutil.copyfile(settings.warehouse_path, path)
    result = BuildResult(path=path, fresh=fresh)
    result.seconds["copy"], clock = time.perf_counter() - clock, time.perf_counter()
    con = connect(path)
    try:
        apply_schema(con)
        result.seconds["sql"], clock = time.perf_counter() - clock, time.perf_counter()
        ordered = sorted(releases, key=lambda r: (r.identity.period, r.identity.url))
        loaded, already = load_releases(con, ordered, run_id=run_id, data_dir=settings.data_dir)
        result.loaded += loaded
        result.already += already
        result.recorded = record_terminal(con, terminal, run_id=run_id)
        if fresh:
            keep_first_seen(con, settings.warehouse_path)
        con.execute(
            "insert or replace into meta.build_info values ('fingerprint', ?), ('run_id', ?)",
            [code_fingerprint(), run_id],
        )
        con.execute("checkpoint")
        result.seconds["load"] = time.perf_counter() - clock
    except BaseException:
        con.close()
        discard(result)
        raise
    con.close()
    return result


def discard(result: BuildResult) -> None:
    for leftover in (result.path, result.path.with_name(result.path.name + ".wal")):
        leftover.unlink(missing_ok=True)


def discard_leftovers(settings: Settings) -> list[Path]:
    """Remove builds a killed writer left behind. Call only while holding the writer lock."""
    if not settings.build_dir.exists():
        return []
    leftovers = sorted(p for p in settings.build_dir.iterdir() if p.suffix in (".duckdb", ".wal"))
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    return leftovers
