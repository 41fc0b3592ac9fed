"""The ``gacc`` command.

This module is the composition root: ``gacc run`` imports the Prefect flow lazily, inside the command, so
every other command (and every other ``warehouse`` module) works without importing Prefect.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from warehouse.errors import GaccError, ParseError, RunFailedError
from warehouse.periods import Period

if TYPE_CHECKING:
    from warehouse.outcomes import RunReport

_SHANGHAI = ZoneInfo("Asia/Shanghai")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.command(args) or 0)
    except RunFailedError as exc:
        print(exc, file=sys.stderr)
        return 1
    except ParseError as exc:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    except GaccError as exc:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gacc", description="China Customs (GACC) trade statistics warehouse"
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="fetch, load and publish releases (the monthly_release flow)")
    run.add_argument(
        "--period",
        default="recent",
        help="recent (default: this and last year's index pages), latest, all, YYYY-MM or YYYY-MM..YYYY-MM",
    )
    _source_arguments(run)
    run.set_defaults(command=_run)

    backfill = commands.add_parser(
        "backfill", help="load every release of a range of months, both products (the backfill flow)"
    )
    backfill.add_argument("start", type=_period, help="first month, YYYY-MM")
    backfill.add_argument("end", type=_period, help="last month, YYYY-MM")
    _source_arguments(backfill)
    backfill.set_defaults(command=_backfill)

    status = commands.add_parser(
        "status",
        help="what the warehouse holds per period, terminal pages, the last runs' failures, overdue releases "
        "(exit 1: the newest run failed; 3: a release is overdue)",
    )
    status.add_argument("--data-dir", help="where the warehouse is (default: GACC_DATA_DIR or ./data)")
    status.add_argument("--periods", type=int, default=6, help="how many of the latest periods to list")
    status.add_argument(
        "--today",
        type=_date,
        default=None,
        help="judge the release calendar as of YYYY-MM-DD (default: today)",
    )
    status.set_defaults(command=_status)

    simulate = commands.add_parser(
        "simulate",
        help="write a simulated GACC site (site/) and the truth it was drawn from (truth/*.parquet)",
    )
    simulate.add_argument("--from", dest="start", type=_period, required=True, help="first month, YYYY-MM")
    simulate.add_argument("--to", dest="end", type=_period, required=True, help="last month, YYYY-MM")
    simulate.add_argument("--out", type=Path, required=True, help="where to write site/ and truth/")
    simulate.add_argument("--seed", type=int, default=1, help="same seed, same site and truth (default 1)")
    simulate.set_defaults(command=_simulate)

    mirror = commands.add_parser("mirror", help="serve an archive directory as a local GACC stand-in")
    mirror.add_argument("--root", type=Path, required=True)
    mirror.add_argument("--port", type=int, default=8000)
    mirror.add_argument("--host", default="127.0.0.1")
    mirror.add_argument("--log", type=Path, help="append every request to this file as JSON lines")
    mirror.set_defaults(command=_mirror)

    parse = commands.add_parser(
        "parse",
        help="parse a saved page (any supported table) and print its identity and tidy frame, or the error",
    )
    parse.add_argument("page", type=Path)
    parse.add_argument("--url", help="the page's URL, for error messages (default: the file path)")
    parse.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parse.add_argument(
        "--period", type=_period, help="YYYY-MM the index links the page as (for titles without a date)"
    )
    parse.add_argument("--currency", choices=("CNY", "USD"), help="the currency the index lists the page in")
    parse.set_defaults(command=_parse)

    check = commands.add_parser(
        "check",
        help="run the quality rules (sql/checks) on the published warehouse or a given file; "
        "exit 1 if an error rule fails",
    )
    check.add_argument(
        "--data-dir", help="raw archive and warehouse to check (default: GACC_DATA_DIR or ./data)"
    )
    check.add_argument(
        "--file", type=Path, help="check this warehouse file (e.g. a refused build in data/rejected)"
    )
    check.add_argument("--rule", action="append", help="run only this rule (repeatable)")
    check.set_defaults(command=_check)

    sql = commands.add_parser(
        "sql", help="run a read-only query on the published warehouse and print the result"
    )
    sql.add_argument("query")
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sql.add_argument("--data-dir", help="where the warehouse is (default: GACC_DATA_DIR or ./data)")
    sql.add_argument("--file", type=Path, help="query this warehouse file instead")
    sql.set_defaults(command=_sql)

    export = commands.add_parser(
        "export", help="write a point-in-time Parquet copy of the dims, facts and rpt_ views"
    )
    export.add_argument("--parquet", type=Path, required=True, metavar="DIR")
    export.add_argument("--data-dir", help="where the warehouse is (default: GACC_DATA_DIR or ./data)")
    export.set_defaults(command=_export)

    rollback = commands.add_parser(
        "rollback", help="serve the previous published warehouse again (a second rollback redoes)"
    )
    rollback.add_argument("--data-dir", help="where the warehouse is (default: GACC_DATA_DIR or ./data)")
    rollback.set_defaults(command=_rollback)

    docs = commands.add_parser(
        "docs", help="write the data dictionary (Markdown) from the catalog's comments"
    )
    docs.add_argument(
        "--out", type=Path, default=None, help="where to write it (default: docs/data_dictionary.md)"
    )
    docs.set_defaults(command=_docs)
    return parser


def _source_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--base-url", help="where to fetch GACC pages (default: GACC_BASE_URL or GACC itself)"
    )
    command.add_argument(
        "--data-dir", help="raw archive, builds and the warehouse (default: GACC_DATA_DIR or ./data)"
    )
    command.add_argument(
        "--mirror-root", type=Path, help="serve this archive on a free loopback port and fetch from it"
    )
    command.add_argument("--offline", action="store_true", help="read data/raw instead of the network")


def _run(args: argparse.Namespace) -> int:
    def monthly(base_url: str | None) -> RunReport:
        from flows.monthly_release import monthly_release

        return monthly_release(
            period=args.period, base_url=base_url, data_dir=args.data_dir, offline=args.offline
        )

    report = _with_source(args, monthly)
    print(report.render())
    _print_balance(args.data_dir)
    return 0


def _backfill(args: argparse.Namespace) -> int:
    from warehouse.progress import reporting_to
    from warehouse.progress_bar import ProgressBar

    def backfill(base_url: str | None) -> RunReport:
        from flows.backfill import backfill

        return backfill(
            start=str(args.start),
            end=str(args.end),
            base_url=base_url,
            data_dir=args.data_dir,
            offline=args.offline,
        )

    started = time.monotonic()
    with ProgressBar() as bar, reporting_to(bar):
        report = _with_source(args, backfill)
    print(_backfill_summary(report, time.monotonic() - started))
    return 0


def _with_source(args: argparse.Namespace, run: Callable[[str | None], RunReport]) -> RunReport:
    """Run a flow against GACC, the given base URL, or a mirror of ``--mirror-root`` served for the run."""
    from warehouse.sources.gacc.mirror import Mirror

    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    if args.data_dir:
        os.environ["GACC_DATA_DIR"] = args.data_dir  # read by flows/__init__.py for PREFECT_HOME
    mirror = Mirror(args.mirror_root).start() if args.mirror_root else None
    try:
        if mirror:
            print(f"mirror: serving {args.mirror_root} at {mirror.base_url}")
        return run(mirror.base_url if mirror else args.base_url)
    finally:
        if mirror:
            mirror.stop()


def _backfill_summary(report: RunReport, seconds: float) -> str:
    from warehouse.outcomes import Status

    lines = [f"backfill {report.selector}: {report.requests} HTTP requests, {seconds:.1f} s"]
    for product in ("preliminary", "bulletin"):
        mine = [o for o in report.outcomes if o.product == product]
        periods = sorted(
            {o.period for o in mine if o.status in (Status.LOADED, Status.UNCHANGED) and o.period}
        )
        counts = ", ".join(f"{n} {s.value}" for s in Status if (n := sum(1 for o in mine if o.status is s)))
        span = f"{periods[0]}..{periods[-1]} ({len(periods)} periods)" if periods else "no period loaded"
        lines.append(f"  {product:<12} {span}; pages: {counts or 'none'}")
    for outcome in report.outcomes:
        if outcome.status is Status.FAILED:
            lines.append("  " + outcome.line())
    lines.append(report.checks or "quality gate: not run (nothing new)")
    lines.append("published" if report.published else "nothing new: the published warehouse is unchanged")
    return "\n".join(lines)


def _print_balance(data_dir: str | None) -> None:
    from warehouse.settings import Settings
    from warehouse.summary import balance_rows, format_balance

    settings = Settings.from_env(data_dir=data_dir)
    if settings.warehouse_path.exists():
        print(
            f"\n{settings.warehouse_path} — China totals, whole currency units (balance = exports − imports):"
        )
        print(format_balance(balance_rows(settings.warehouse_path)))


def _status(args: argparse.Namespace) -> int:
    from warehouse.settings import Settings
    from warehouse.status import status

    today = args.today or datetime.now(_SHANGHAI).date()  # GACC's calendar is Beijing time
    found = status(Settings.from_env(data_dir=args.data_dir), today=today, periods=args.periods)
    print(found.text)
    return found.exit_code


def _check(args: argparse.Namespace) -> int:
    from warehouse.load.database import connect
    from warehouse.quality.gate import run_checks
    from warehouse.quality.rules import all_rules
    from warehouse.settings import Settings

    settings = Settings.from_env(data_dir=args.data_dir)
    path = args.file or settings.warehouse_path
    if not path.exists():
        print(f"no warehouse at {path}; run `gacc run` first", file=sys.stderr)
        return 1
    rules = all_rules()
    if args.rule:
        unknown = sorted(set(args.rule) - {rule.name for rule in rules})
        if unknown:
            print(f"unknown rule(s) {unknown}; rules: {[rule.name for rule in rules]}", file=sys.stderr)
            return 2
        rules = tuple(rule for rule in rules if rule.name in args.rule)
    if not settings.raw_dir.is_dir():
        print(
            f"note: no raw archive at {settings.raw_dir}: facts_trace_to_raw will find no file",
            file=sys.stderr,
        )
    con = connect(path, read_only=True)
    try:
        report = run_checks(con, data_dir=settings.data_dir, run_id="gacc-check", record=False, rules=rules)
    finally:
        con.close()
    print(f"{path}:")
    print(report.render())
    return 1 if report.blocking else 0


def _sql(args: argparse.Namespace) -> int:
    import duckdb
    import polars as pl

    from warehouse.load.database import connect
    from warehouse.settings import Settings

    path = args.file or Settings.from_env(data_dir=args.data_dir).warehouse_path
    con = connect(path, read_only=True)  # a read-only connection refuses every write
    try:
        frame = con.sql(args.query).pl()
    except duckdb.Error as exc:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    finally:
        con.close()
    if args.format == "json":
        print(json.dumps(frame.to_dicts(), ensure_ascii=False, indent=1, default=str))
    elif args.format == "csv":
        print(frame.write_csv(), end="")
    else:
        with pl.Config(tbl_rows=-1, tbl_cols=-1, tbl_width_chars=200, fmt_str_lengths=80):
            print(frame)
    return 0


def _export(args: argparse.Namespace) -> int:
    from warehouse.export import export_parquet
    from warehouse.settings import Settings

    manifest = export_parquet(Settings.from_env(data_dir=args.data_dir).warehouse_path, args.parquet)
    print(f"wrote {len(manifest['relations'])} Parquet files to {args.parquet} (build {manifest['run_id']})")
    return 0


def _rollback(args: argparse.Namespace) -> int:
    from warehouse.load.build import new_run_id
    from warehouse.load.lock import writer_lock
    from warehouse.load.publish import rollback
    from warehouse.settings import Settings

    settings = Settings.from_env(data_dir=args.data_dir)
    with writer_lock(settings.lock_path, run_id=f"rollback-{new_run_id()}"):
        served = rollback(settings)
    print(f"{served} is now the previous build; the one it replaced is {settings.previous_warehouse_path}")
    return 0


def _docs(args: argparse.Namespace) -> int:
    from warehouse.dictionary import write_dictionary
    from warehouse.settings import PROJECT_ROOT

    written = write_dictionary(args.out or PROJECT_ROOT / "docs" / "data_dictionary.md")
    print(f"wrote {written}")
    return 0


def _simulate(args: argparse.Namespace) -> int:
    from warehouse.simulate.site import simulate

    if args.end < args.start:
        print(f"--to {args.end} is before --from {args.start}", file=sys.stderr)
        return 2
    started = time.monotonic()
    made = simulate(args.out, args.start, args.end, args.seed)
    print(
        f"simulated {args.start}..{args.end} (seed {args.seed}) in {time.monotonic() - started:.1f} s: "
        f"{made.pages} article pages in {made.site}, {made.facts} printed numbers in {made.truth}"
    )
    print(f"serve it with: gacc mirror --root {made.site}")
    return 0


def _mirror(args: argparse.Namespace) -> int:
    from warehouse.sources.gacc.mirror import Mirror

    with contextlib.ExitStack() as stack:
        log = stack.enter_context(open(args.log, "a", encoding="utf-8")) if args.log else None
        server = Mirror(args.root, host=args.host, port=args.port, log=log)
        print(f"serving {args.root} at {server.base_url} (Ctrl-C to stop)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _parse(args: argparse.Namespace) -> int:
    import polars as pl

    from warehouse.parse.dispatch import parse_page
    from warehouse.parse.identity import IndexHint

    hint = IndexHint(period=args.period, currency=args.currency)
    parsed = parse_page(args.page.read_bytes(), args.url or str(args.page), hint)
    identity = {k: str(v) if v is not None else None for k, v in parsed.identity.__dict__.items()}
    frame = parsed.frame.with_columns(pl.col("value").cast(pl.String))
    for warning in parsed.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.format == "json":
        document = {"identity": identity, "warnings": list(parsed.warnings), "rows": frame.to_dicts()}
        print(json.dumps(document, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        print(frame.write_csv(), end="")
    else:
        for key, value in identity.items():
            print(f"{key:>14}: {value}")
        with pl.Config(tbl_rows=-1, tbl_cols=-1, tbl_width_chars=200):
            print(frame)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
