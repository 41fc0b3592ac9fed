"""The views reproduce the Total rows of real bulletin pages (table (2), January and January–June 2026).

The preliminary pages' Total rows are reproduced end to end through the flow in test_flow.py; these two
bulletin pages are loaded directly (parse → conform → load) with the figures as printed, in US$1,000.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from conftest import real_page

from warehouse.conform.release import conform
from warehouse.load.build import build
from warehouse.load.database import connect
from warehouse.load.publish import publish
from warehouse.parse.dispatch import parse_page
from warehouse.settings import Settings
from warehouse.sources.gacc.archive import RawArchive
from warehouse.sources.gacc.client import Response

PAGES = {
    "bulletin_t02_by_country_2026-01_usd.html": "http://english.customs.gov.cn/Statics/bulletin-2026-01-t02.html",
    "bulletin_t02_by_country_2026-06_usd.html": "http://english.customs.gov.cn/Statics/bulletin-2026-06-t02.html",
}
D = Decimal


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("bulletin"))
    releases = []
    for name, url in PAGES.items():
        content = real_page(name).read_bytes()
        raw, _ = RawArchive(settings.raw_dir).store(
            Response(url, url, 200, content, "text/html", datetime(2026, 11, 24, tzinfo=UTC))
        )
        releases.append(conform(parse_page(content, url), raw))
    publish(build(settings, releases, run_id="bulletin").path, settings)
    connection = connect(settings.warehouse_path, read_only=True)
    yield connection
    connection.close()


def test_monthly_totals_are_the_printed_total_rows(con) -> None:
    rows = con.sql(
        "select period_label, basis, exports, imports, balance, total_trade, products "
        "from rpt_trade_balance_monthly order by period_key"
    ).fetchall()
    assert rows == [
        ("2026-01", "month", D("356699626000.000"), D("234059059000.000"), D("122640567000.000"),
         D("590758685000.000"), "bulletin"),
        ("2026-06", "month", D("412387125000.000"), D("286764038000.000"), D("125623087000.000"),
         D("699151163000.000"), "bulletin"),
    ]  # fmt: skip


def test_ytd_totals_are_the_printed_total_rows(con) -> None:
    rows = con.sql(
        "select period_label, exports_ytd, imports_ytd, balance_ytd, exports_ytd_yoy_pct_published, "
        "imports_ytd_yoy_pct_published from rpt_trade_balance_ytd order by period_key"
    ).fetchall()
    assert rows == [
        # January alone is January to date: its printed y/y (10.0 / 25.6) is the y/y to date
        ("2026-01", D("356699626000.000"), D("234059059000.000"), D("122640567000.000"),
         D("10.000"), D("25.600")),
        ("2026-06", D("2125358846000.000"), D("1549382917000.000"), D("575975929000.000"),
         D("17.600"), D("26.600")),
    ]  # fmt: skip


def test_every_printed_partner_is_loaded(con) -> None:
    counts = con.sql(
        "select period_key, count(distinct partner_key) from fct_trade_by_partner group by all order by 1"
    ).fetchall()
    assert [n for _, n in counts] == [271, 271]
