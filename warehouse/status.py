"""``gacc status``: what the published warehouse holds, what the last runs did, and what is overdue.

Three sources, each the authority on its part: the published file's page ledger (``meta.page_outcomes`` with
``meta.releases``) for every page version per period — table, currency, vintage, when recorded and from
which sha256, or why it loads nothing; the run log (``data/runs``) for failures, which a failed run could not
publish; and ``rpt_release_calendar`` for releases GACC has announced but the warehouse does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from warehouse.load.database import connect, read_build_info
from warehouse.runlog import read_reports
from warehouse.settings import Settings

_PAGES = """
    select
        strftime(pages.period_key, '%Y-%m') as period,
        pages.product,
        pages.table_family,
        coalesce(releases.currency, pages.currency, '') as currency,
        pages.status,
        strftime(pages.recorded_at at time zone 'UTC', '%Y-%m-%d %H:%M') as recorded_utc,
        pages.sha256,
        pages.url,
        coalesce(pages.detail, '') as detail
    from meta.page_outcomes as pages
    left join meta.releases as releases on releases.release_key = pages.sha256
    where strftime(pages.period_key, '%Y-%m') in (
        select distinct strftime(period_key, '%Y-%m') from meta.page_outcomes
        order by 1 desc limit ?
    )
    order by period desc, pages.product desc, pages.table_family, currency, pages.url
"""

_CALENDAR = """
    select product, period_label, scheduled_on, overdue_from, state
    from rpt_release_calendar
    where state in ('overdue', 'due')
       or (state = 'upcoming' and scheduled_on = (
            select min(scheduled_on) from rpt_release_calendar as later
            where later.product = rpt_release_calendar.product and later.state = 'upcoming'))
    order by scheduled_on, product
"""


_OVERDUE_SHOWN = 6  # the newest; a long tail means a gap to backfill, not six alarms


@dataclass(frozen=True)
class StatusReport:
    text: str
    overdue: int  # releases flagged overdue
    failing: bool  # the newest run failed

    @property
    def exit_code(self) -> int:
        """For monitoring: 1 when the newest run failed, 3 when a release is overdue, else 0."""
        return 1 if self.failing else 3 if self.overdue else 0


def status(settings: Settings, *, today: date, periods: int = 6, runs: int = 5) -> StatusReport:
    lines: list[str] = []
    overdue = 0
    path = settings.warehouse_path
    if not path.exists():
        lines.append(f"no published warehouse at {path}: run `gacc run` or `gacc backfill` first")
    else:
        info = read_build_info(path)
        lines.append(f"warehouse {path} — built by run {info.get('run_id', '?')}")
        con = connect(path, read_only=True)
        try:
            con.execute("set variable status_date = ?", [today])
            pages = con.execute(_PAGES, [periods]).fetchall()
            calendar = con.sql(_CALENDAR).fetchall()
            counts = con.sql(
                "select status, count(*) from meta.page_outcomes group by 1 order by 1"
            ).fetchall()
        except duckdb.CatalogException:
            pages, calendar, counts = [], [], []
            lines.append(
                "  built by older code, without the page ledger: the next run rebuilds it from data/raw"
            )
        finally:
            con.close()
        lines.append("page versions recorded: " + (", ".join(f"{n} {s}" for s, n in counts) or "none"))
        lines += _render_pages(pages, periods)
        lines.append("")
        lines.append(f"release calendar as of {today.isoformat()}:")
        overdue = sum(1 for row in calendar if row[-1] == "overdue")
        older = max(0, overdue - _OVERDUE_SHOWN)
        if older:
            lines.append(f"  OVERDUE {older} older releases not in the warehouse (see rpt_release_calendar)")
        for product, period, scheduled, overdue_from, state in calendar:
            if state == "overdue" and older:
                older -= 1
                continue
            flag = {"overdue": "OVERDUE ", "due": "due     ", "upcoming": "next    "}[state]
            lines.append(
                f"  {flag}{product:<12} {period}  scheduled {scheduled}"
                + (f", overdue from {overdue_from}" if state != "upcoming" else "")
            )
        if not calendar:
            lines.append("  nothing due, overdue or announced")
    reports = read_reports(settings.runs_dir, last=runs)
    lines.append("")
    lines += _render_runs(reports)
    failing = bool(reports) and bool(reports[-1].get("error") or _failed(reports[-1]))
    return StatusReport(text="\n".join(lines), overdue=overdue, failing=failing)


def _render_pages(pages: list[tuple[str, ...]], periods: int) -> list[str]:
    lines = [f"latest {periods} periods (period, vintage, table, currency, status, recorded UTC, sha256):"]
    previous = None
    for period, product, family, currency, state, recorded, sha, url, detail in pages:
        shown = period if period != previous else ""
        previous = period
        note = f"  {url} — {detail}" if state != "loaded" else ""
        lines.append(
            f"  {shown:<8} {product:<12} {family:<22} {currency:<4} {state:<28} {recorded}  {sha[:12]}{note}"
        )
    if not pages:
        lines.append("  none")
    return lines


def _failed(report: dict[str, object]) -> list[dict[str, object]]:
    outcomes = report.get("outcomes")
    if not isinstance(outcomes, list):
        return []
    return [o for o in outcomes if isinstance(o, dict) and o.get("status") == "failed"]


def _render_runs(reports: list[dict[str, object]]) -> list[str]:
    if not reports:
        return ["runs: none recorded in data/runs"]
    lines = [f"last {len(reports)} runs:"]
    for report in reports:
        counts = report.get("counts") or {}
        summary = ", ".join(f"{n} {s}" for s, n in counts.items()) if isinstance(counts, dict) else ""
        if report.get("error"):
            result = "FAILED"
        elif _failed(report):
            result = "FAILED (pages)"
        elif report.get("published"):
            result = "published"
        else:
            result = "nothing new"
        lines.append(
            f"  {report.get('started_at', '?')}  {report.get('selector', '?'):<18} {result:<14} "
            f"{report.get('requests', 0)} requests; {summary or 'no pages'}"
        )
    newest = reports[-1]
    if newest.get("error") or _failed(newest):
        lines.append("the newest run failed; unresolved:")
        if newest.get("error"):
            lines.append(f"  {newest['error']}")
        for outcome in _failed(newest):
            what = f"{outcome.get('period')} {outcome.get('product')} {outcome.get('table')}"
            lines.append(f"  {what} {outcome.get('url')} — {outcome.get('detail')}")
    return lines
