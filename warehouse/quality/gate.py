"""Run every rule of ``sql/checks`` against a warehouse file and decide whether it may be published.

Violations matching a row of ``reference/check_exceptions.csv`` (rule, release, subject — one printed fact,
with its source) are kept but excepted: a known GACC inconsistency is documented, the rule is never loosened.
A build is blocked when an ``error`` rule has a violation that is not excepted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl

from warehouse.errors import QualityGateError
from warehouse.load.build import BuildResult, discard
from warehouse.load.database import connect
from warehouse.quality.rules import Rule, Severity, all_rules
from warehouse.settings import Settings

_FAILURE_SCHEMA = {
    "rule": pl.String,
    "severity": pl.String,
    "release_key": pl.String,
    "url": pl.String,
    "subject": pl.String,
    "observed": pl.Float64,
    "expected": pl.Float64,
    "tolerance": pl.Float64,
    "detail": pl.String,
    "exception_reason": pl.String,
    "exception_source": pl.String,
}
FACT_TABLES = (
    "fct_trade_by_partner",
    "fct_trade_by_commodity",
    "fct_trade_by_regime",
    "fct_trade_by_enterprise",
)
SHOWN_PER_RULE = 5  # failures printed per rule; every one is in meta.check_failures
REJECTED_KEPT = 10  # refused builds kept for inspection, newest first


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    violations: int
    excepted: int

    @property
    def blocking(self) -> bool:
        return self.rule.severity is Severity.ERROR and self.violations > self.excepted

    @property
    def status(self) -> str:
        if self.violations == self.excepted:
            return "pass" if not self.violations else "pass (excepted)"
        return "FAIL" if self.blocking else "warn"


@dataclass
class GateReport:
    run_id: str
    results: list[RuleResult]
    failures: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=_FAILURE_SCHEMA))
    unmatched_exceptions: list[str] = field(default_factory=list)  # stale rows of check_exceptions.csv

    @property
    def blocking(self) -> list[RuleResult]:
        return [result for result in self.results if result.blocking]

    def summary(self) -> str:
        failed = ", ".join(f"{r.rule.name} ({r.violations - r.excepted})" for r in self.blocking)
        warned = sum(r.violations - r.excepted for r in self.results if r.rule.severity is Severity.WARN)
        head = f"checks: {len(self.results)} rules, "
        return head + (f"FAILED {failed}" if failed else "all error rules pass") + f"; {warned} warn rows"

    def render(self) -> str:
        lines = [f"{'rule':<36} {'severity':<8} {'violations':>10} {'excepted':>8}  status"]
        for result in self.results:
            lines.append(
                f"{result.rule.name:<36} {result.rule.severity.value:<8} {result.violations:>10} "
                f"{result.excepted:>8}  {result.status}"
            )
        for result in self.results:
            if result.status in ("pass", "pass (excepted)"):
                continue
            rows = self.failures.filter(
                pl.col("rule") == result.rule.name, pl.col("exception_reason").is_null()
            )
            lines.append(f"\n{result.rule.name} ({result.rule.severity.value}): {result.rule.description}")
            for row in rows.head(SHOWN_PER_RULE).iter_rows(named=True):
                lines.append(
                    f"  {row['subject']}: {row['detail']}" + (f" — {row['url']}" if row["url"] else "")
                )
            if rows.height > SHOWN_PER_RULE:
                lines.append(f"  … {rows.height - SHOWN_PER_RULE} more in meta.check_failures")
        for exception in self.unmatched_exceptions:
            lines.append(
                f"exception matching no violation (stale? see reference/check_exceptions.csv): {exception}"
            )
        lines.append(self.summary())
        return "\n".join(lines)


def run_checks(
    con: duckdb.DuckDBPyConnection,
    *,
    data_dir: Path,
    run_id: str,
    record: bool = True,
    rules: tuple[Rule, ...] | None = None,
    scope: Sequence[date] | None = None,
) -> GateReport:
    """Run the rules on ``con``; with ``record``, write meta.check_runs and meta.check_failures.

    ``scope``: check only the facts of these months (first days) — see ``check_scope``. None checks all.
    """
    con.execute("set variable data_dir = ?", [str(data_dir.resolve())])
    report = GateReport(run_id=run_id, results=[])
    frames = []
    _scope_facts(con, scope, data_dir.resolve())
    try:
        for rule in all_rules() if rules is None else rules:
            failures = _violations(con, rule)
            excepted = failures.filter(pl.col("exception_reason").is_not_null()).height
            report.results.append(RuleResult(rule, violations=failures.height, excepted=excepted))
            frames.append(failures)
    finally:
        for table in FACT_TABLES:
            con.execute(f"drop view if exists temp.main.{table}")
    report.failures = pl.concat(frames) if frames else report.failures
    if rules is None and scope is None:
        report.unmatched_exceptions = _unmatched_exceptions(con, report.failures)
    if record:
        _record(con, report, scope)
    return report


def check_scope(con: duckdb.DuckDBPyConnection, release_keys: Sequence[str]) -> list[date]:
    """The months whose facts a build adding ``release_keys`` must check again, and no others.

    Every rule compares facts of one month, or a month with the one before (chained year to date) or the
    same month a year earlier (y/y): so new facts of month M can only break a rule in M ± 1 and M ± 12.
    The rest was checked when it was published, and has not changed.
    """
    rows = con.execute(
        "select distinct period_key from meta.releases where release_key in (select unnest(?::varchar[]))",
        [list(release_keys)],
    ).fetchall()
    found: set[date] = set()
    for (period,) in rows:
        for shift in (-12, -1, 0, 1, 12):
            months = period.year * 12 + period.month - 1 + shift
            found.add(date(months // 12, months % 12 + 1, 1))
    return sorted(found)


def _scope_facts(con: duckdb.DuckDBPyConnection, scope: Sequence[date] | None, data_dir: Path) -> None:
    """Shadow each fact table with a temporary view of the months in scope (``int_observations`` and every
    view the rules read resolve to it), and list the raw files whose bytes ``facts_trace_to_raw`` hashes."""
    if scope is None:
        paths = con.execute(
            "select list(? || '/' || raw_path order by raw_path) from meta.raw_files", [str(data_dir)]
        ).fetchall()[0][0]
        con.execute("set variable raw_paths = ?::varchar[]", [paths or []])
        return
    con.execute("set variable check_periods = ?::date[]", [list(scope)])
    database = con.execute("select current_database()").fetchall()[0][0]
    for table in FACT_TABLES:
        con.execute(
            f'create or replace temp view {table} as select * from "{database}".main.{table} '
            "where period_key in (select unnest(getvariable('check_periods')))"
        )
    paths = con.execute(
        """
        select list(? || '/' || files.raw_path order by files.raw_path)
        from meta.raw_files as files
        join meta.releases as releases on releases.release_key = files.sha256
        where releases.period_key in (select unnest(getvariable('check_periods')))
        """,
        [str(data_dir)],
    ).fetchall()[0][0]
    con.execute("set variable raw_paths = ?::varchar[]", [paths or []])


def _violations(con: duckdb.DuckDBPyConnection, rule: Rule) -> pl.DataFrame:
    query = f"""
        with violations as (
            {rule.sql}
        )
        select
            $rule as rule,
            $severity as severity,
            violations.release_key::varchar as release_key,
            releases.url,
            violations.subject::varchar as subject,
            try_cast(violations.observed as double) as observed,
            try_cast(violations.expected as double) as expected,
            try_cast(violations.tolerance as double) as tolerance,
            violations.detail::varchar as detail,
            exceptions.reason as exception_reason,
            exceptions.source as exception_source
        from violations
        left join meta.releases as releases on releases.release_key = violations.release_key::varchar
        left join (
            -- one match per violation even if the CSV repeats a row
            select rule, release_key, subject, min(reason) as reason, min(source) as source
            from ref.check_exceptions
            group by all
        ) as exceptions
          on exceptions.rule = $rule
         and exceptions.release_key is not distinct from violations.release_key::varchar
         and exceptions.subject = violations.subject::varchar
        order by subject, release_key
    """
    try:
        frame = con.sql(query, params={"rule": rule.name, "severity": rule.severity.value}).pl()
    except duckdb.Error as exc:
        raise RuntimeError(f"{rule.path.name}: {exc}") from exc
    return frame.cast(_FAILURE_SCHEMA)  # type: ignore[arg-type]


def _unmatched_exceptions(con: duckdb.DuckDBPyConnection, failures: pl.DataFrame) -> list[str]:
    excused = failures.filter(pl.col("exception_reason").is_not_null()).select(
        "rule", "release_key", "subject"
    )
    listed = con.sql("select distinct rule, release_key, subject from ref.check_exceptions").pl()
    stale = listed.join(excused, on=["rule", "release_key", "subject"], how="anti", nulls_equal=True)
    return [" / ".join(str(v) for v in row) for row in stale.sort(pl.all()).iter_rows()]


def _record(con: duckdb.DuckDBPyConnection, report: GateReport, scope: Sequence[date] | None) -> None:
    checked_at = datetime.now(UTC)
    runs = pl.DataFrame(
        [
            {
                "run_id": report.run_id,
                "rule": result.rule.name,
                "severity": result.rule.severity.value,
                "description": result.rule.description,
                "violations": result.violations,
                "excepted": result.excepted,
                "blocking": result.blocking,
                "checked_at": checked_at,
            }
            for result in report.results
        ]
    )
    failures = report.failures.select(pl.lit(report.run_id).alias("run_id"), pl.all())
    con.register("check_runs_frame", runs)
    con.register("check_failures_frame", failures)
    try:
        # The file's violations are those of its facts as last checked: a full check replaces them all; a
        # scoped one replaces those of the months it checked (and rows tied to no release, re-checked whole).
        if scope is None:
            con.execute("delete from meta.check_failures")
        else:
            con.execute(
                """
                delete from meta.check_failures
                where release_key is null or release_key in (
                    select release_key from meta.releases
                    where period_key in (select unnest(getvariable('check_periods')))
                )
                """
            )
        con.execute("delete from meta.check_runs where run_id = ?", [report.run_id])
        con.execute("insert into meta.check_runs by name select * from check_runs_frame")
        con.execute("insert into meta.check_failures by name select * from check_failures_frame")
    finally:
        con.unregister("check_runs_frame")
        con.unregister("check_failures_frame")


def gate_build(settings: Settings, result: BuildResult, *, run_id: str) -> GateReport:
    """Check a finished build and record the outcome in it; refuse it if an error rule fails.

    A refused build is moved to ``data/rejected/<run id>.duckdb`` (its meta.check_failures say why) and
    ``QualityGateError`` names the rules; the published warehouse is not touched.
    """
    con = connect(result.path)
    try:
        # A build from a copy of the published file checks only what its new releases can touch.
        scope = None if result.fresh else check_scope(con, result.loaded)
        report = run_checks(con, data_dir=settings.data_dir, run_id=run_id, scope=scope)
        con.execute("checkpoint")
    except BaseException:
        con.close()
        discard(result)  # a rule that cannot run is a bug to fix, not a build to keep
        raise
    con.close()
    if report.blocking:
        settings.rejected_dir.mkdir(parents=True, exist_ok=True)
        kept = settings.rejected_dir / result.path.name
        result.path.replace(kept)
        _prune(settings.rejected_dir)
        raise QualityGateError(
            f"run {run_id} not published: error rules failed: "
            + ", ".join(f"{r.rule.name} ({r.violations - r.excepted} rows)" for r in report.blocking)
            + f"\n{report.render()}\nthe refused build is kept at {kept} (see meta.check_failures); "
            "the published warehouse is unchanged"
        )
    return report


def _prune(rejected_dir: Path) -> None:
    """Keep the newest refused builds; run ids sort by time."""
    for old in sorted(rejected_dir.glob("*.duckdb"), reverse=True)[REJECTED_KEPT:]:
        old.unlink(missing_ok=True)
