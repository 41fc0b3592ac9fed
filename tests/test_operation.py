"""Scheduled operation: backfill, the daily poll, the page ledger, retries, caching, the run log and status.

Flows run under Prefect (``prefect_test_harness``) against a site served on 127.0.0.1. Most tests use a
*complete* copy of the sample site: the real index pages with every link to a page the site does not hold
turned into a ``<span>`` (how GACC shows an unpublished month), so that every listed page exists.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from conftest import GACC, JAN_2018, JANFEB_2025, MAR_2026, SITE, query, sha256_of
from prefect import flow
from prefect.testing.utilities import prefect_test_harness

from flows.backfill import backfill
from flows.monthly_release import monthly_release, parse_and_conform
from warehouse.cli import main
from warehouse.errors import ChallengePageError, RunFailedError
from warehouse.load.database import connect
from warehouse.outcomes import Status
from warehouse.prepare import Prepared
from warehouse.progress import reporting_to
from warehouse.runlog import read_reports
from warehouse.settings import Settings
from warehouse.sources.gacc.archive import RawArchive
from warehouse.sources.gacc.client import HttpClient
from warehouse.sources.gacc.collect import collect
from warehouse.sources.gacc.discover import Selector
from warehouse.sources.gacc.mirror import Mirror

BULLETIN_JAN_2026 = f"{GACC}/Statics/6e9d4074-409f-46a1-883c-3278c5b5b31c.html"
BULLETIN_JUN_2026 = f"{GACC}/Statics/2d569f57-a86e-4d63-94fb-d3000b039aa7.html"
INDEX_PAGES = {
    "/statics/report/preliminary.html",
    "/statics/report/preliminary2025.html",
    "/statics/report/preliminary2018.html",
    "/statics/report/monthly.html",
}
_LINK = re.compile(rb"<a href=(http://english\.customs\.gov\.cn/Statics/[0-9a-f-]+\.html)>([^<]*)</a>")


@pytest.fixture(scope="module", autouse=True)
def prefect_server():
    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The production back-offs (seconds, then a minute) shrunk to nothing; the counts are the real ones."""
    monkeypatch.setenv("GACC_HTTP_BACKOFF", "0")
    monkeypatch.setenv("GACC_FETCH_RETRY_DELAY", "0")


@pytest.fixture
def complete_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    for index in (site / "statics" / "report").glob("*.html"):

        def unlink_missing(match: re.Match[bytes]) -> bytes:
            held = (site / match[1].decode().removeprefix(GACC + "/")).exists()
            return match[0] if held else b"<span>" + match[2].strip() + b"</span>"

        index.write_bytes(_LINK.sub(unlink_missing, index.read_bytes()))
    return site


@pytest.fixture
def mirror(complete_site: Path):
    with Mirror(complete_site) as server:
        yield server


@contextmanager
def no_build() -> Iterator[None]:
    """Nothing new was published: the flow must stop before building (not build, then throw it away)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a build was started although nothing was new")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("flows.monthly_release.build", refuse)
        yield


class Recorder:
    def __init__(self) -> None:
        self.stages: list[tuple[str, int]] = []
        self.steps: dict[str, int] = {}

    def stage(self, name: str, total: int) -> None:
        self.stages.append((name, total))
        self.steps.setdefault(name, 0)

    def advance(self, steps: int = 1) -> None:
        self.steps[self.stages[-1][0]] += steps


def test_a_backfill_loads_every_period_once_and_a_second_fetches_no_table(
    mirror: Mirror, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    recorder = Recorder()
    with reporting_to(recorder):
        report = backfill(start="2018-01", end="2026-07", base_url=mirror.base_url, data_dir=str(data))
    assert report.published and not report.failed and report.selector == "2018-01..2026-07"
    assert {(o.url, o.status) for o in report.outcomes if o.status is not Status.NOT_FOUND} == {
        (JAN_2018, Status.NO_TABLE),
        (JANFEB_2025, Status.LOADED),
        (MAR_2026, Status.LOADED),
        (BULLETIN_JAN_2026, Status.LOADED),
        (BULLETIN_JUN_2026, Status.LOADED),
    }
    # Every listed page exists: nothing is missing but the archive years the site does not have.
    assert report.count(Status.NOT_FOUND) == 0
    # The progress reporter installed by the caller saw every page fetched and parsed, through Prefect.
    assert recorder.stages == [("fetch", 5), ("parse", 5)] and recorder.steps == {"fetch": 5, "parse": 5}
    warehouse = data / "warehouse.duckdb"
    loaded = query(
        warehouse,
        "select product, table_family, currency, strftime(period_key, '%Y-%m'), count(*) "
        "from meta.releases group by all order by all",
    )
    assert loaded == [
        ("bulletin", "by_country", "USD", "2026-01", 1),
        ("bulletin", "by_country", "USD", "2026-06", 1),
        ("preliminary", "by_country", "CNY", "2025-02", 1),
        ("preliminary", "by_country", "CNY", "2026-03", 1),
    ]
    ledger = query(warehouse, "select url, status from meta.page_outcomes order by url")
    assert (JAN_2018, "no table on the page") in ledger and len(ledger) == 5
    published, facts = sha256_of(warehouse), query(warehouse, "select count(*) from fct_trade_by_partner")

    mirror.requests.clear()
    with no_build():
        again = backfill(start="2018-01", end="2026-07", base_url=mirror.base_url, data_dir=str(data))
    assert not again.published
    assert set(mirror.paths(status=200)) == INDEX_PAGES  # the index pages, and not one table page
    assert not [path for path in mirror.paths() if path.startswith("/Statics/")]
    assert {(o.status, o.known) for o in again.outcomes} == {
        (Status.UNCHANGED, True),
        (Status.NO_TABLE, True),
    }
    assert (
        "no table on the page" not in again.render().split("pages:")[0]
    )  # a terminal page is not news again
    assert sha256_of(warehouse) == published
    assert query(warehouse, "select count(*) from fct_trade_by_partner") == facts


def test_the_daily_poll_stops_before_building_when_nothing_is_new(mirror: Mirror, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = monthly_release(base_url=mirror.base_url, data_dir=str(data))  # period="recent"
    assert first.published and first.selector == "recent"
    served = sha256_of(data / "warehouse.duckdb")
    mirror.requests.clear()
    with no_build():
        poll = monthly_release(base_url=mirror.base_url, data_dir=str(data))
    # Four index pages (this and last year, both products); the bulletin archive of 2025 is not on the site.
    assert sorted(mirror.paths()) == sorted(
        [
            "/statics/report/preliminary.html",
            "/statics/report/preliminary2025.html",
            "/statics/report/monthly.html",
            "/statics/report/monthly2025.html",
        ]
    )
    assert poll.requests == 4 and not poll.published and poll.checks is None
    assert "nothing new: the published warehouse is unchanged" in poll.render()
    assert sha256_of(data / "warehouse.duckdb") == served


def test_a_new_terminal_page_is_recorded_once_and_published(complete_site: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    # A bulletin table without a parser: the real (2) page retitled as table (3), linked where the 2026
    # index lists (3) for June (constructed for this test; no real (3) page is held).
    composition = f"{GACC}/Statics/61592026-3036-4482-8ef4-4ed1f3d924eb.html"
    text = (complete_site / BULLETIN_JUN_2026.removeprefix(GACC + "/")).read_text(encoding="utf-8")
    text = text.replace(
        "Imports and Exports by Country （Region） of Origin/Destination",
        "Composition of Imports and Exports by Section and Division",
    )
    (complete_site / composition.removeprefix(GACC + "/")).write_text(text, encoding="utf-8")
    index = complete_site / "statics/report/monthly.html"
    row = "（3）Composition of Imports and Exports by Section and Division</td><td>"
    html = index.read_text(encoding="utf-8")
    start = html.index(row) + len(row)
    html = html[:start] + html[start:].replace("<span>Jun.</span>", f"<a href={composition}> Jun.</a>", 1)
    index.write_text(html, encoding="utf-8")
    with Mirror(complete_site) as mirror:
        first = monthly_release(base_url=mirror.base_url, data_dir=str(data), period="2026-06")
        second = monthly_release(base_url=mirror.base_url, data_dir=str(data), period="2026-06")
    [new] = [o for o in first.outcomes if o.url == composition]
    assert new.status is Status.UNSUPPORTED and not new.known and first.published
    assert "no parser for bulletin composition" in (new.detail or "")
    [again] = [o for o in second.outcomes if o.url == composition]
    assert again.status is Status.UNSUPPORTED and again.known and not second.published
    assert composition not in second.render()
    assert query(
        data / "warehouse.duckdb",
        f"select status, table_family from meta.page_outcomes where url = '{composition}'",
    ) == [("no parser for this table yet", "composition")]


def test_a_transient_failure_is_retried_by_the_collect_step(
    mirror: Mirror, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("GACC_HTTP_RETRIES", "0")  # the client gives up at once: the task retry must step in
    monkeypatch.setenv("GACC_FETCH_RETRIES", "2")
    path = "/Statics/2e61c8a1-17b2-4074-b909-c039ccf8c8fb.html"
    mirror.inject(path, 503, "reset")
    report = monthly_release(base_url=mirror.base_url, data_dir=str(tmp_path / "data"), period="2026-03")
    assert report.published and not report.failed
    assert [r.status for r in mirror.requests if r.path == path] == [503, 0, 200]  # 0: reset, no answer
    # Each attempt read the index pages again; pages already kept were not asked for again.
    assert mirror.paths().count("/statics/report/preliminary.html") == 3


def test_a_failure_still_transient_after_the_retries_is_reported_and_logged(
    mirror: Mirror, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("GACC_HTTP_RETRIES", "1")
    monkeypatch.setenv("GACC_FETCH_RETRIES", "1")
    data = tmp_path / "data"
    path = "/Statics/2e61c8a1-17b2-4074-b909-c039ccf8c8fb.html"
    mirror.inject(path, 500, 500, 500, 500)
    with pytest.raises(RunFailedError) as caught:
        monthly_release(base_url=mirror.base_url, data_dir=str(data), period="2026-03")
    assert f"{MAR_2026}: server error (HTTP 500)" in str(caught.value)
    assert [r.status for r in mirror.requests if r.path == path] == [500] * 4  # (1 + 1 client) × (1 + 1 task)
    assert not (data / "warehouse.duckdb").exists()
    [logged] = read_reports(data / "runs")
    assert logged["counts"] == {"failed": 1} and not logged["published"]
    assert run_status(data) == 1


@pytest.mark.parametrize("fault", [404, 403, 412, "challenge"])
def test_client_errors_and_challenge_pages_are_never_retried(
    fault: int | str, mirror: Mirror, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("GACC_FETCH_RETRIES", "3")
    path = "/Statics/2e61c8a1-17b2-4074-b909-c039ccf8c8fb.html"
    mirror.inject(path, fault)
    data = tmp_path / "data"
    if fault == 404:
        report = monthly_release(base_url=mirror.base_url, data_dir=str(data), period="2026-03")
        assert [o.status for o in report.outcomes if o.url == MAR_2026] == [Status.NOT_FOUND]
    elif fault == 403:
        with pytest.raises(RunFailedError, match="unexpected HTTP status"):
            monthly_release(base_url=mirror.base_url, data_dir=str(data), period="2026-03")
    else:
        with pytest.raises(ChallengePageError):
            monthly_release(base_url=mirror.base_url, data_dir=str(data), period="2026-03")
    assert len([r for r in mirror.requests if r.path == path]) == 1
    assert mirror.paths().count("/statics/report/preliminary.html") == 1


def test_the_parse_step_is_cached_on_page_versions_not_on_frames(mirror: Mirror, tmp_path: Path) -> None:
    settings = Settings.from_env(base_url=mirror.base_url, data_dir=str(tmp_path / "data"))
    archive = RawArchive(settings.raw_dir)
    with HttpClient(settings) as client:
        batch = collect(Selector.parse("2026-03"), client, archive).batch

    @flow
    def parse_twice() -> list[tuple[str, Prepared]]:
        states = [
            parse_and_conform(batch, {}, str(settings.data_dir), return_state=True),
            parse_and_conform(batch, {}, str(settings.data_dir), return_state=True),
            parse_and_conform(batch, {}, str(tmp_path / "other"), return_state=True),
        ]
        return [(state.name, state.result()) for state in states]

    (first, parsed), (second, cached), (third, _) = parse_twice()
    assert (first, second, third) == ("Completed", "Cached", "Completed")
    assert [r.release_key for r in cached.releases] == [r.release_key for r in parsed.releases]
    assert cached.releases[0].facts.equals(parsed.releases[0].facts)


def run_status(data: Path, *extra: str) -> int:
    return main(["status", "--data-dir", str(data), *extra])


def test_status_lists_pages_terminal_pages_runs_and_overdue_releases(
    mirror: Mirror, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    backfill(start="2018-01", end="2026-07", base_url=mirror.base_url, data_dir=str(data))
    capsys.readouterr()
    assert run_status(data, "--today", "2026-06-12", "--periods", "12") == 3  # releases are overdue
    out = capsys.readouterr().out
    sha = query(data / "warehouse.duckdb", f"select sha256 from meta.raw_files where url = '{MAR_2026}'")[0][
        0
    ]
    assert re.search(rf"2026-03 +preliminary +by_country +CNY +loaded +\S+ \S+  {sha[:12]}", out)
    assert re.search(r"2026-06 +bulletin +by_country +USD +loaded", out)
    assert re.search(rf"2018-01 +preliminary +by_country +CNY +no table on the page .*{JAN_2018}", out)
    # As of 12 June 2026: the May preliminary release (9 June, a Tuesday) is overdue from Thursday the 11th;
    # the May bulletin (18 June) is next; the March preliminary release is held, the March bulletin is not.
    assert "OVERDUE preliminary  2026-05  scheduled 2026-06-09, overdue from 2026-06-11" in out
    assert "next    bulletin     2026-05  scheduled 2026-06-18" in out
    assert (
        "OVERDUE bulletin     2026-03" in out
        and "preliminary  2026-03" not in out.split("release calendar")[1]
    )
    assert re.search(r"2018-01\.\.2026-07 +published", out)


def test_the_release_calendar_view_applies_the_working_day_and_25th_rules(
    mirror: Mirror, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    monthly_release(base_url=mirror.base_url, data_dir=str(data), period="2026-03")
    con = connect(data / "warehouse.duckdb", read_only=True)
    try:
        con.execute("set variable status_date = date '2026-04-16'")
        rows = con.sql(
            "select product, period_label, scheduled_on, overdue_from, state from rpt_release_calendar "
            "where period_label in ('2025-07', '2026-02', '2026-03', '2026-04') order by all"
        ).fetchall()
    finally:
        con.close()
    assert rows == [
        ("bulletin", "2025-07", date(2025, 8, 18), date(2025, 8, 25), "overdue"),
        ("bulletin", "2026-02", date(2026, 3, 18), date(2026, 3, 25), "overdue"),
        ("bulletin", "2026-03", date(2026, 4, 18), date(2026, 4, 25), "upcoming"),
        ("bulletin", "2026-04", date(2026, 5, 18), date(2026, 5, 25), "upcoming"),
        # Thursday 7 Aug 2025 + two working days = Monday 11 Aug.
        ("preliminary", "2025-07", date(2025, 8, 7), date(2025, 8, 11), "overdue"),
        ("preliminary", "2026-02", date(2026, 3, 10), date(2026, 3, 12), "overdue"),
        ("preliminary", "2026-03", date(2026, 4, 14), date(2026, 4, 16), "held"),
        ("preliminary", "2026-04", date(2026, 5, 9), date(2026, 5, 12), "upcoming"),
    ]


def test_gacc_backfill_prints_a_summary_per_product(
    mirror: Mirror, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    argv = ["backfill", "2018-01", "2026-07", "--base-url", mirror.base_url, "--data-dir", str(data)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "backfill 2018-01..2026-07: " in out
    assert "preliminary  2025-02..2026-03 (2 periods); pages: 2 loaded, 1 no table on the page" in out
    assert "bulletin     2026-01..2026-06 (2 periods); pages: 2 loaded" in out
    assert "checks: 13 rules, all error rules pass" in out and out.rstrip().endswith("published")
    assert main(argv) == 0
    again = capsys.readouterr().out
    assert "preliminary  2025-02..2026-03 (2 periods); pages: 2 unchanged, 1 no table on the page" in again
    assert again.rstrip().endswith("nothing new: the published warehouse is unchanged")


def test_a_loadable_table_that_no_longer_reads_as_itself_fails_and_is_not_written_off(
    complete_site: Path, tmp_path: Path
) -> None:
    # The index lists the Mar 2026 page as by-country (a table we load); GACC rewords its title.
    target = complete_site / MAR_2026.removeprefix(GACC + "/")
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("by Country/Region", "by Partner Economy"), encoding="utf-8")
    data = tmp_path / "data"
    with Mirror(complete_site) as mirror, pytest.raises(RunFailedError) as caught:
        monthly_release(base_url=mirror.base_url, data_dir=str(data), period="2026-03")
    message = str(caught.value)
    # It now reads as the totals table (1), which has no parser: the run fails, naming what the index said.
    assert "the index lists it as preliminary by_country; no parser for preliminary totals" in message
    assert MAR_2026 in message and "NOT PUBLISHED" in message
    assert not (data / "warehouse.duckdb").exists()  # nothing recorded as terminal, nothing published


def test_a_rebuild_by_new_code_keeps_when_pages_were_first_read_and_reports_no_old_news(
    mirror: Mirror, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    backfill(start="2018-01", end="2026-07", base_url=mirror.base_url, data_dir=str(data))
    ledger = "select url, status, recorded_by_run, recorded_at from meta.page_outcomes order by url"
    before = query(data / "warehouse.duckdb", ledger)
    # New code (a changed fingerprint) rebuilds the file from data/raw.
    monkeypatch.setattr("warehouse.load.build.code_fingerprint", lambda: "new code")
    monkeypatch.setattr("flows.monthly_release.needs_full_rebuild", lambda settings: True)
    report = backfill(start="2018-01", end="2026-07", base_url=mirror.base_url, data_dir=str(data))
    assert report.published and report.full_rebuild
    assert query(data / "warehouse.duckdb", ledger) == before
    [image] = [o for o in report.outcomes if o.url == JAN_2018]
    assert image.status is Status.NO_TABLE and image.known and JAN_2018 not in report.render()


def test_status_of_a_warehouse_built_before_the_page_ledger(
    mirror: Mirror, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    monthly_release(base_url=mirror.base_url, data_dir=str(data), period="2026-03")
    con = connect(data / "warehouse.duckdb")
    con.execute("drop view rpt_release_calendar")
    con.execute("drop table meta.page_outcomes")
    con.close()
    capsys.readouterr()
    assert run_status(data, "--today", "2026-04-01") == 0
    assert "built by older code, without the page ledger: the next run rebuilds it" in capsys.readouterr().out


def test_a_release_with_only_pages_we_cannot_load_is_not_held(mirror: Mirror, tmp_path: Path) -> None:
    data = tmp_path / "data"
    monthly_release(base_url=mirror.base_url, data_dir=str(data), period="2026-03")
    con = connect(data / "warehouse.duckdb")
    con.execute(
        "insert into meta.page_outcomes values ('http://x/4.html', 'abc', 'preliminary', 'totals', 'CNY', "
        "date '2026-04-01', 'no parser for this table yet', null, 'test', now())"
    )
    con.execute("set variable status_date = date '2026-05-20'")
    rows = con.sql(
        "select period_label, pages_loaded, pages_terminal, state from rpt_release_calendar "
        "where product = 'preliminary' and period_label in ('2026-03', '2026-04') order by 1"
    ).fetchall()
    con.close()
    assert rows == [("2026-03", 1, 0, "held"), ("2026-04", 0, 1, "overdue")]
