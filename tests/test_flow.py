"""End to end: the monthly_release flow under Prefect, against the sample site served on 127.0.0.1."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import GACC, JAN_2018, JANFEB_2025, MAR_2026, page, query, sha256_of
from prefect.testing.utilities import prefect_test_harness

from flows.monthly_release import monthly_release
from warehouse.errors import QualityGateError, RunFailedError
from warehouse.outcomes import Status
from warehouse.sources.gacc.mirror import Mirror

MAR_2026_USD = f"{GACC}/Statics/66580503-6688-49b2-bd23-de154e5677d5.html"
D = Decimal


@pytest.fixture(scope="module", autouse=True)
def prefect_server():
    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def mirror(site: Path):
    with Mirror(site) as server:
        yield server


def _run(mirror: Mirror, data: Path, **kwargs: object):
    return monthly_release(base_url=mirror.base_url, data_dir=str(data), **kwargs)


MONTHLY = """
    select period_label, currency, basis, exports, imports, balance
    from rpt_trade_balance_monthly order by period_key
"""
YTD = """
    select period_label, currency, is_jan_feb_combined, exports_ytd, imports_ytd, balance_ytd
    from rpt_trade_balance_ytd order by period_key
"""
# The Total rows as printed (CNY 100 million), in whole yuan: Jan–Feb 2025 38,812.1 / 26,551.5 / 12,260.6;
# Mar 2026 month 22,297.0 / 18,749.4 / 3,547.6, Jan–Mar 68,466.7 / 49,913.3 / 18,553.4.
# The bulletin's TOTAL rows (US$1,000), in whole dollars: 1.2026 exports 356,699,626 / imports 234,059,059;
# 6.2026 June 412,387,125 / 286,764,038, 1-6 2,125,358,846 / 1,549,382,917.
EXPECTED_MONTHLY = [
    ("2025-02", "CNY", "jan_feb", D("3881210000000.000"), D("2655150000000.000"), D("1226060000000.000")),
    ("2026-01", "USD", "month", D("356699626000.000"), D("234059059000.000"), D("122640567000.000")),
    ("2026-03", "CNY", "month", D("2229700000000.000"), D("1874940000000.000"), D("354760000000.000")),
    ("2026-06", "USD", "month", D("412387125000.000"), D("286764038000.000"), D("125623087000.000")),
]
EXPECTED_YTD = [
    ("2025-02", "CNY", True, D("3881210000000.000"), D("2655150000000.000"), D("1226060000000.000")),
    ("2026-01", "USD", False, D("356699626000.000"), D("234059059000.000"), D("122640567000.000")),
    ("2026-03", "CNY", False, D("6846670000000.000"), D("4991330000000.000"), D("1855340000000.000")),
    ("2026-06", "USD", False, D("2125358846000.000"), D("1549382917000.000"), D("575975929000.000")),
]
BULLETIN_JAN_2026 = f"{GACC}/Statics/6e9d4074-409f-46a1-883c-3278c5b5b31c.html"
BULLETIN_JUN_2026 = f"{GACC}/Statics/2d569f57-a86e-4d63-94fb-d3000b039aa7.html"


def test_a_run_loads_the_real_pages_and_reproduces_their_totals(mirror: Mirror, tmp_path: Path) -> None:
    data = tmp_path / "data"
    report = _run(mirror, data, period="all")
    prelim = [o for o in report.outcomes if o.product == "preliminary"]
    bulletin = [o for o in report.outcomes if o.product == "bulletin"]
    assert len(prelim) + len(bulletin) == len(report.outcomes)
    by_country = {o.url: o.status for o in prelim if o.table == "by_country"}
    assert by_country == {
        JANFEB_2025: Status.LOADED,
        MAR_2026: Status.LOADED,
        JAN_2018: Status.NO_TABLE,
        f"{GACC}/Statics/47e53257-a14f-4a19-a17c-b5beea64f822.html": Status.NOT_FOUND,
        f"{GACC}/Statics/0ed684ce-a5d7-45b8-ab53-0f30b3a8c7c1.html": Status.NOT_FOUND,
        MAR_2026_USD: Status.NOT_FOUND,
    }
    # The 2026 index also links the totals, trade-mode and commodity pages (requested whether or not a parser
    # exists); the sample site does not hold them.
    others = [(o.table, o.status) for o in prelim if o.table != "by_country"]
    assert len(others) == 20 and {status for _, status in others} == {Status.NOT_FOUND}
    assert {table for table, _ in others} == {"totals", "trade_mode", "major_exports", "major_imports"}
    # The real 2026 bulletin index: 19 rows × Jan.–Jul., every trade table requested; two pages are here.
    assert len(bulletin) == 133
    assert {(o.period, o.status) for o in bulletin if o.url in (BULLETIN_JAN_2026, BULLETIN_JUN_2026)} == {
        ("2026-01", Status.LOADED),
        ("2026-06", Status.LOADED),
    }
    assert {o.status for o in bulletin if o.status is not Status.LOADED} == {Status.NOT_FOUND}
    assert len({o.table for o in bulletin}) == 11  # all families, parser or not
    # Archive years not on the site: preliminary 2019–2024, bulletin 2018–2025.
    assert len(report.index_missing) == 6 + 8 and report.published and not report.failed
    warehouse = data / "warehouse.duckdb"
    assert query(warehouse, MONTHLY) == EXPECTED_MONTHLY
    assert query(warehouse, YTD) == EXPECTED_YTD
    # Every fact traces to a release whose raw file is kept byte-identical under data/raw.
    releases = query(
        warehouse,
        """select r.url, r.sha256, r.raw_path, count(*) from fct_trade_by_partner f
           join dim_release r using (release_key) group by all order by r.url""",
    )
    # Bulletin (2): 271 partner rows × total, exports, imports — for the month (1.2026), and for the month
    # and Jan–Jun (6.2026).
    assert [(url, n) for url, _, _, n in releases] == [
        (JANFEB_2025, 90),
        (BULLETIN_JUN_2026, 271 * 6),
        (MAR_2026, 180),
        (BULLETIN_JAN_2026, 271 * 3),
    ]
    for url, sha, raw_path, _ in releases:
        assert (data / raw_path).read_bytes() == page(url) and sha256_of(data / raw_path) == sha
    exact = query(
        warehouse,
        "select value_base from fct_trade_by_partner where partner_key = 'WORLD' "
        "and flow = 'export' and span = 'jan_feb'",
    )
    assert exact == [(D("3881210000000.000"),)]
    assert not list((data / "build").glob("*.duckdb"))


def test_a_second_run_fetches_no_article_and_changes_nothing(mirror: Mirror, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _run(mirror, data, period="all")
    before = sha256_of(data / "warehouse.duckdb")
    raw_before = sorted(p.name for p in (data / "raw").rglob("*"))
    mirror.requests.clear()
    report = _run(mirror, data, period="all")
    assert not report.published
    assert {o.status for o in report.outcomes} == {Status.UNCHANGED, Status.NOT_FOUND, Status.NO_TABLE}
    # Nothing was parsed again: every page version is in the warehouse's page ledger.
    assert all(o.known for o in report.outcomes if o.status is not Status.NOT_FOUND)
    fetched_ok = {path for path in mirror.paths(status=200)}
    assert fetched_ok == {
        "/statics/report/preliminary.html",
        "/statics/report/preliminary2025.html",
        "/statics/report/preliminary2018.html",
        "/statics/report/monthly.html",
    }
    assert sha256_of(data / "warehouse.duckdb") == before
    assert sorted(p.name for p in (data / "raw").rglob("*")) == raw_before


def test_a_malformed_page_fails_the_run_and_leaves_the_warehouse_untouched(
    mirror: Mirror, site: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    _run(mirror, data, period="all")
    before = sha256_of(data / "warehouse.duckdb")
    # GACC publishes the Mar 2026 USD page, but with the CNY unit row (its June 2025 slip).
    broken = page(MAR_2026).decode().replace("(in CNY)", "(in USD)")
    (site / MAR_2026_USD.removeprefix(GACC + "/")).write_bytes(broken.encode())
    with pytest.raises(RunFailedError) as caught:
        _run(mirror, data, period="2026-03")
    message = str(caught.value)
    assert (
        MAR_2026_USD in message and "title says USD but the unit row says 'Unit: CNY 100 Million'" in message
    )
    assert "NOT PUBLISHED" in message
    assert sha256_of(data / "warehouse.duckdb") == before
    kept = list(
        (data / "raw/english.customs.gov.cn/Statics/66580503-6688-49b2-bd23-de154e5677d5.html").glob("*.html")
    )
    assert [p.read_bytes() for p in kept] == [broken.encode()]


def test_the_warehouse_rebuilds_offline_from_data_raw(mirror: Mirror, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _run(mirror, data, period="all")
    facts = "select * exclude (release_key) from fct_trade_by_partner order by all"
    published = query(data / "warehouse.duckdb", facts)
    (data / "warehouse.duckdb").unlink()
    mirror.requests.clear()
    # Even a narrow selector replays everything kept when the build starts from nothing.
    report = monthly_release(base_url="http://127.0.0.1:9", data_dir=str(data), period="latest", offline=True)
    assert report.published and report.full_rebuild and mirror.requests == []
    assert query(data / "warehouse.duckdb", facts) == published
    assert len(published) == 90 + 180 + 271 * 3 + 271 * 6


def test_a_bad_cell_fails_the_run_naming_url_row_and_cell(mirror: Mirror, site: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _run(mirror, data, period="all")
    before = sha256_of(data / "warehouse.duckdb")
    usd = (
        page(MAR_2026)
        .decode()
        .replace("(in CNY)", "(in USD)")
        .replace("Unit: CNY 100 Million", "Unit: USD1 Million")
        .replace("<b>4,873.2&nbsp;</b>", "<b>4,87E.2&nbsp;</b>")
    )
    (site / MAR_2026_USD.removeprefix(GACC + "/")).write_bytes(usd.encode())
    with pytest.raises(RunFailedError) as caught:
        _run(mirror, data, period="latest")
    message = str(caught.value)
    assert f"not a number; table=by_country; row=6; column=1; cell='4,87E.2'; url={MAR_2026_USD}" in message
    assert sha256_of(data / "warehouse.duckdb") == before


def test_a_page_breaking_a_quality_rule_fails_the_run_naming_it_and_publishes_nothing(
    mirror: Mirror, site: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    _run(mirror, data, period="all")
    before = sha256_of(data / "warehouse.duckdb")
    # A USD page whose US row has its month and January–March columns swapped: every row still adds up
    # (the parser's checks pass), but March alone would exceed January–March.
    usa = {"2,921.1": "9,016.7", "9,016.7": "2,921.1", "2,045.0": "6,777.6", "6,777.6": "2,045.0",
           "876.1": "2,239.0", "2,239.0": "876.1"}  # fmt: skip
    text = (
        page(MAR_2026)
        .decode()
        .replace("(in CNY)", "(in USD)")
        .replace("Unit: CNY 100 Million", "Unit: USD1 Million")
    )
    start = text.index("United States (US)")
    end = text.index("</tr>", start)
    row = text[start:end]
    for printed, swapped in usa.items():
        row = row.replace(f"<b>{printed}&nbsp;</b>", f"<b>@{swapped}&nbsp;</b>")
    (site / MAR_2026_USD.removeprefix(GACC + "/")).write_bytes(
        (text[:start] + row.replace("@", "") + text[end:]).encode()
    )
    with pytest.raises(QualityGateError) as caught:
        _run(mirror, data, period="latest")
    message = str(caught.value)
    assert "not published: error rules failed: month_within_ytd (3 rows)" in message
    assert (
        "fct_trade_by_partner 2026-03 export USA: month 6777600000.000 > year to date 2045000000.000"
        in message
    )
    assert sha256_of(data / "warehouse.duckdb") == before
    [refused] = (data / "rejected").glob("*.duckdb")
    assert query(refused, "select distinct rule from meta.check_failures where severity = 'error'") == [
        ("month_within_ytd",)
    ]
    assert not list((data / "build").glob("*.duckdb"))
