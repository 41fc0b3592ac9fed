"""End to end on a simulated archive: two years of GACC-shaped pages, backfilled over HTTP, against the truth.

The simulator (``warehouse/simulate``) refills real GACC pages with numbers drawn from a ground truth it
writes as Parquet. Here the warehouse must hold exactly that truth: every printed by-country number of every
page and vintage, and the balance report built from them.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from conftest import query, sha256_of
from prefect.testing.utilities import prefect_test_harness

from flows.backfill import backfill
from flows.monthly_release import monthly_release
from warehouse.errors import ChallengePageError, RunFailedError
from warehouse.load.database import connect
from warehouse.outcomes import Status
from warehouse.periods import Period
from warehouse.prepare import PARALLEL_FROM, prepare
from warehouse.simulate.site import simulate
from warehouse.sources.gacc.archive import ArchiveClient, RawArchive
from warehouse.sources.gacc.collect import collect
from warehouse.sources.gacc.discover import Selector
from warehouse.sources.gacc.mirror import Mirror

FACT_COLUMNS = (
    "product",
    "currency",
    "period_key",
    "span",
    "flow",
    "partner_key",
    "unit_code",
    "value",
    "value_base",
    "yoy_pct_published",
    "url",
)


@pytest.fixture(scope="module", autouse=True)
def prefect_server():
    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("simulated")
    made = simulate(out, Period(2024, 1), Period(2025, 11), seed=11)
    data = out / "data"
    with Mirror(made.site) as mirror:
        report = backfill(start="2024-01", end="2025-11", base_url=mirror.base_url, data_dir=str(data))
    truth = pl.read_parquet(made.truth / "by_country.parquet")
    return made, report, data / "warehouse.duckdb", truth


def test_every_simulated_page_is_found_and_loaded(simulated) -> None:
    made, report, _, _ = simulated
    assert report.published and not report.failed
    assert report.count(Status.NOT_FOUND) == 0 and report.index_missing == []
    # 23 months: preliminary CNY + USD except each January (in the Jan–Feb release), bulletin every month;
    # by country, major exports and imports, trade mode (2)/(3) and customs regime (5), enterprise (6)/(7).
    by_country, commodities = 2 * 21 + 23, 2 * (2 * 21 + 23)
    regimes = 2 * 2 * 21 + 3 * 23
    assert report.count(Status.LOADED) == made.pages == by_country + commodities + regimes


def test_the_monthly_balance_report_is_the_truth_at_its_latest_vintage(simulated) -> None:
    _, _, warehouse, truth = simulated
    world = truth.filter((pl.col("partner_key") == "WORLD") & pl.col("span").is_in(["month", "jan_feb"]))
    # The bulletin restates the preliminary release: where both print a number, the bulletin's is the latest.
    latest = world.sort("product").unique(["currency", "period_key", "span", "flow"], keep="first")
    by_flow = latest.pivot("flow", index=["period_key", "currency", "span"], values="value_base")
    expected = {(row["period_key"], row["currency"], row["span"]): row for row in by_flow.to_dicts()}
    report = query(
        warehouse,
        "select period_key, currency, basis, exports, imports, balance, exports_yoy_pct, imports_yoy_pct, "
        "balance_change_yoy, exports_mom_pct, imports_mom_pct "
        "from rpt_trade_balance_monthly where not is_derived",
    )
    assert sorted((p, c, b) for p, c, b, *_ in report) == sorted(expected)
    compared = 0
    for period_key, currency, basis, exports, imports, balance, *computed in report:
        row = expected[(period_key, currency, basis)]
        assert (exports, imports) == (row["export"], row["import"])
        assert balance == row["export"] - row["import"]
        # y/y against the same basis a year earlier; m/m against the single previous month, never a Jan–Feb.
        before = expected.get((period_key.replace(year=period_key.year - 1), currency, basis))
        previous = expected.get((_month_before(period_key), currency, "month"))
        if previous is None or basis == "jan_feb":
            previous = None
        exports_yoy, imports_yoy, balance_change, exports_mom, imports_mom = computed
        assert _close(exports_yoy, _percent(exports, before and before["export"]))
        assert _close(imports_yoy, _percent(imports, before and before["import"]))
        assert balance_change == (before and balance - (before["export"] - before["import"]))
        assert _close(exports_mom, _percent(exports, previous and previous["export"]))
        assert _close(imports_mom, _percent(imports, previous and previous["import"]))
        compared += exports_yoy is not None and exports_mom is not None
    assert compared >= 2 * 8  # 2025: both currencies, March to November
    # A spot check against the anchors: 2025's simulated exports are within 15 % of GACC's US$3.77 tn.
    exports_2025 = sum(r[3] for r in report if r[1] == "USD" and r[2] == "month" and r[0].year == 2025)
    assert abs(exports_2025 / Decimal("3.77e12") * Decimal(12) / Decimal(11) - 1) < Decimal("0.15")


COMMODITY_COLUMNS = (
    "product",
    "currency",
    "period_key",
    "span",
    "flow",
    "commodity_key",
    "unit_code",
    "value",
    "value_base",
    "value_yoy_pct_published",
    "quantity",
    "quantity_base",
    "quantity_yoy_pct_published",
    "url",
)


def test_the_commodity_volumes_report_is_the_truth_one_page_per_row(simulated) -> None:
    made, _, warehouse, _ = simulated
    truth = pl.read_parquet(made.truth / "commodities.parquet")
    # One page per period, currency, flow and commodity: the bulletin where it printed it (February in USD
    # is also in the preliminary Jan–Feb release), then the page of that very month (not a later page's
    # prior-year block; a page's newest period is its own), then the newest.
    key = ["period_key", "currency", "flow", "commodity_key"]
    ranked = truth.with_columns(
        own=pl.col("period_key") == pl.col("period_key").max().over("url"),
        bulletin=pl.col("product") == "bulletin",
    ).sort("bulletin", "own", "published_on", descending=True)
    latest = ranked.filter(pl.col("url") == pl.col("url").first().over(key))
    month, cumulative = pl.col("span") == "month", pl.col("span").is_in(["ytd", "jan_feb"])
    expected = {
        row[:4]: row[4:]
        for row in latest.group_by("period_key", "currency", "flow", "commodity_key")
        .agg(
            (pl.col("span") == "jan_feb").any().alias("jan_feb"),
            pl.col("quantity_base").filter(month).first().alias("quantity_month"),
            pl.col("value_base").filter(month).first().alias("value_month"),
            pl.col("quantity_base").filter(cumulative).first().alias("quantity_ytd"),
            pl.col("value_base").filter(cumulative).first().alias("value_ytd"),
            pl.col("quantity_yoy_pct_published").filter(month).first().alias("quantity_yoy"),
            pl.col("value_yoy_pct_published").filter(month).first().alias("value_yoy"),
            pl.col("quantity_yoy_pct_published").filter(cumulative).first().alias("quantity_ytd_yoy"),
            pl.col("value_yoy_pct_published").filter(cumulative).first().alias("value_ytd_yoy"),
        )
        .rows()
    }
    report = query(
        warehouse,
        """
        select period_key, currency, flow, commodity_key, is_jan_feb_combined, quantity_month, value_month,
               quantity_ytd, value_ytd, quantity_yoy_pct_published, value_yoy_pct_published,
               quantity_ytd_yoy_pct_published, value_ytd_yoy_pct_published,
               quantity_previous_month, quantity_month_last_year, quantity_mom_pct, quantity_yoy_pct,
               value_yoy_pct, unit_value_month
        from rpt_commodity_volumes
        """,
    )
    assert len(report) == len(expected) > 10_000
    computed = 0
    for row in report:
        key, published, (previous, last_year, mom, yoy, value_yoy, unit_value) = row[:4], row[4:13], row[13:]
        assert published == expected[key], key
        period_key, currency, flow, commodity = key
        # The comparisons the view computes, from the truth's months: the previous month and a year earlier.
        before = expected.get((period_key.replace(year=period_key.year - 1), currency, flow, commodity))
        previous_row = expected.get((_month_before(period_key), currency, flow, commodity))
        assert last_year == (before[1] if before else None), key
        assert previous == (previous_row[1] if previous_row else None), key
        quantity, value = published[1], published[2]
        assert _close(yoy, _percent(quantity, last_year)), key
        assert _close(mom, _percent(quantity, previous)), key
        assert _close(value_yoy, _percent(value, before[2] if before else None)), key
        ratio = None if value is None or not quantity else value / quantity
        assert _close(unit_value, ratio, step=Decimal("0.0001")), key
        computed += yoy is not None
    assert computed > 1_000


def _month_before(period_key: date) -> date:
    return (period_key - timedelta(days=1)).replace(day=1)


def _percent(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """The change the view computes, exactly: null where there is nothing to compare with."""
    if now is None or before is None or before == 0:
        return None
    return 100 * (now - before) / before


def _share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    return None if part is None or not whole else 100 * part / whole


def _close(reported: float | None, exact: Decimal | None, step: Decimal = Decimal("0.01")) -> bool:
    """The view divides in floating point and rounds to ``step``: within one step of the exact ratio."""
    if reported is None or exact is None:
        return reported is None and exact is None
    return abs(Decimal(repr(reported)) - exact) <= step


REGIME_COLUMNS = (
    "product",
    "currency",
    "period_key",
    "span",
    "flow",
    "regime_key",
    "unit_code",
    "value",
    "value_base",
    "yoy_pct_published",
    "url",
)


def test_every_table_agrees_on_chinas_total(simulated) -> None:
    """The regime tables split the same total the by-country pages sum: one truth, however it is cut. (The
    only check here whose expectation is not derived by the code that wrote the pages.)"""
    _, _, warehouse, _ = simulated
    pairs = query(
        warehouse,
        """
        with regimes as (
            select r.product, f.* from fct_trade_by_regime as f join dim_release as r using (release_key)
            where f.regime_key = 'total'
        ),
        partners as (
            select r.product, f.* from fct_trade_by_partner as f join dim_release as r using (release_key)
            where f.partner_key = 'WORLD'
        )
        select distinct regimes.product, regimes.currency, regimes.period_key, regimes.span, regimes.flow,
               regimes.value_base, partners.value_base
        from regimes
        left join partners
          on (partners.period_key, partners.span, partners.flow, partners.currency, partners.product)
           = (regimes.period_key, regimes.span, regimes.flow, regimes.currency, regimes.product)
        """,
    )
    unmatched = [row for row in pairs if row[6] is None]
    # The bulletin's by-country January prints the month alone; its customs-regime page also prints 1-to-1.
    assert {(p, c, period.month, span) for p, c, period, span, *_ in unmatched} == {
        ("bulletin", "USD", 1, "ytd")
    }
    matched = [row for row in pairs if row[6] is not None]
    assert all(regimes == partners for *_, regimes, partners in matched)
    products = {(product, currency) for product, currency, *_ in matched}
    assert products == {("bulletin", "USD"), ("preliminary", "CNY"), ("preliminary", "USD")}
    assert len(matched) > 2 * 3 * 21 * 2  # both preliminary currencies: three flows, two spans, 21 releases
    # The enterprise tables' total column is the customs-regime year to date.
    enterprise = query(
        warehouse,
        """
        select count(*), count(*) filter (where e.value_base = r.value_base)
        from fct_trade_by_enterprise_latest as e
        join fct_trade_by_regime_latest as r
          on (r.period_key, r.span, r.flow) = (e.period_key, e.span, e.flow)
         and r.regime_key = 'total' and r.product = 'bulletin'
        where e.regime_key = 'total' and e.enterprise_key = 'total'
        """,
    )
    assert enterprise[0][0] == enterprise[0][1] == 2 * 23


def _observations(truth_dir: Path) -> pl.DataFrame:
    """Every printed number of the simulated site in the long shape of ``int_observations``."""
    by_country = pl.read_parquet(truth_dir / "by_country.parquet")
    commodities = pl.read_parquet(truth_dir / "commodities.parquet")
    regimes = pl.read_parquet(truth_dir / "regimes.parquet")
    keep = ["fact_table", "period_key", "span", "flow", "member_key", "measure", "currency"]
    keep += ["value_base", "product", "published_on", "url"]
    return pl.concat(
        [
            by_country.with_columns(
                fact_table=pl.lit("fct_trade_by_partner"), member_key="partner_key", measure=pl.lit("value")
            ).select(keep),
            commodities.with_columns(
                fact_table=pl.lit("fct_trade_by_commodity"),
                member_key="commodity_key",
                measure=pl.lit("value"),
            ).select(keep),
            commodities.filter(pl.col("quantity_base").is_not_null())
            .with_columns(
                fact_table=pl.lit("fct_trade_by_commodity"),
                member_key="commodity_key",
                measure=pl.lit("quantity"),
                value_base="quantity_base",
            )
            .select(keep),
            regimes.with_columns(
                fact_table=pl.when(pl.col("enterprise_key").is_null())
                .then(pl.lit("fct_trade_by_regime"))
                .otherwise(pl.lit("fct_trade_by_enterprise")),
                member_key=pl.when(pl.col("enterprise_key").is_null())
                .then("regime_key")
                .otherwise(pl.concat_str("regime_key", pl.lit("/"), "enterprise_key")),
                measure=pl.lit("value"),
            ).select(keep),
        ]
    )


def test_the_revisions_report_is_every_number_printed_twice_first_against_latest(simulated) -> None:
    made, _, warehouse, _ = simulated
    observations = _observations(made.truth).with_columns(
        authority=(pl.col("product") == "bulletin").cast(int)
    )
    grain = ["fact_table", "period_key", "span", "flow", "member_key", "measure", "currency"]
    # First print: the earliest page (the preliminary before the bulletin of the same day); latest: the most
    # authoritative, then the newest. Pages printing the same number on the same day print it alike.
    first = observations.sort("published_on", "authority").unique(grain, keep="first")
    latest = observations.sort("authority", "published_on", descending=True).unique(grain, keep="first")
    prints = observations.group_by(grain).len("prints").filter(pl.col("prints") > 1)
    expected = sorted(
        prints.join(first, on=grain)
        .join(latest, on=grain, suffix="_latest")
        .select(
            *grain,
            "prints",
            "value_base",
            "product",
            "published_on",
            "value_base_latest",
            "product_latest",
            "published_on_latest",
        )
        .rows(),
        key=repr,
    )
    report = query(
        warehouse,
        """
        select fact_table, period_key, span, flow, member_key, measure, currency, prints, first_value,
               first_product, first_known_on, latest_value, latest_product, latest_known_on
        from rpt_revisions
        """,
    )
    assert len(report) == len(expected) > 5_000
    assert sorted(report, key=repr) == expected
    # The simulated first estimates differ from the revised figures by a few per mille: most are revised.
    revised = sum(first_value != latest_value for *_, first_value, _, _, latest_value, _, _ in report)
    assert revised > len(report) // 4
    changes = query(warehouse, "select first_value, latest_value, revision, revision_pct from rpt_revisions")
    for first_value, latest_value, revision, revision_pct in changes:
        exact = None if first_value is None or latest_value is None else latest_value - first_value
        assert revision == exact
        assert _close(revision_pct, _percent(latest_value, first_value), step=Decimal("0.0001"))


def test_the_release_calendar_holds_exactly_the_simulated_releases(simulated) -> None:
    made, _, warehouse, _ = simulated
    pages = (
        _observations(made.truth)
        .group_by("url", "product")
        .agg(pl.col("period_key").max())  # a page's newest period is its own (older ones: prior-year blocks)
        .group_by("product", "period_key")
        .len("pages")
    )
    published = {(product, period): count for product, period, count in pages.rows()}
    con = connect(warehouse, read_only=True)
    try:
        con.execute("set variable status_date = date '2025-12-22'")  # after the last simulated release
        report = con.sql(
            "select product, period_key, state, pages_loaded, pages_terminal, first_loaded_at is not null "
            "from rpt_release_calendar"
        ).fetchall()
    finally:
        con.close()
    held = [(product, period, loaded) for product, period, state, loaded, _, _ in report if state == "held"]
    calendar = {(product, period) for product, period, *_ in report}
    assert sorted(held) == sorted((*key, count) for key, count in published.items() if key in calendar)
    assert len(held) >= 20
    for product, period, state, loaded, terminal, first_loaded in report:
        assert terminal == 0 and first_loaded == (state == "held")
        if (product, period) not in published:  # December 2025 onwards: none is due on 22 December 2025
            assert (state, loaded) == ("upcoming", 0), (product, period)


def test_lines_relabelled_in_2026_keep_their_history(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Across GACC's 2026 relabels (HS-style commodity labels, new pages of 2026), a line is one series."""
    out = tmp_path_factory.mktemp("relabels")
    made = simulate(out, Period(2025, 12), Period(2026, 2), seed=3)
    data = out / "data"
    with Mirror(made.site) as mirror:
        report = backfill(start="2025-12", end="2026-02", base_url=mirror.base_url, data_dir=str(data))
    assert report.published and not report.failed
    held, printed = _held_and_printed(made.truth, data / "warehouse.duckdb", "fct_trade_by_commodity")
    assert held == printed and len(held) > 1_000
    # Lines GACC printed under another label in 2026 (the preliminary (5) page renamed 15 of its 31 lines).
    relabelled = query(
        data / "warehouse.duckdb",
        """
        select distinct old.commodity_key
        from fct_trade_by_commodity as old
        join dim_release as old_page on old_page.release_key = old.release_key
        join fct_trade_by_commodity as new
          on (new.commodity_key, new.flow, new.currency) = (old.commodity_key, old.flow, old.currency)
        join dim_release as new_page on new_page.release_key = new.release_key
        where old_page.product = new_page.product
          and old_page.period_key = date '2025-12-01' and new_page.period_key >= date '2026-01-01'
          and old.label_printed <> new.label_printed
        """,
    )
    assert len(relabelled) >= 10
    # Each is one series in the report: December under its old label, 2026 under its new one.
    series = query(
        data / "warehouse.duckdb",
        f"""
        select commodity_key, count(distinct period_key)
        from rpt_commodity_volumes
        where currency = 'CNY' and commodity_key in ({", ".join(f"'{key}'" for (key,) in relabelled)})
          and period_key in (date '2025-12-01', date '2026-02-01')
        group by commodity_key
        """,
    )
    assert len(series) >= 10 and all(periods == 2 for _, periods in series)
    # And where the bulletin relabelled a counted line, January 2026 compares with December 2025.
    compared = query(
        data / "warehouse.duckdb",
        "select count(*) from rpt_commodity_volumes where period_key = date '2026-01-01' "
        "and currency = 'USD' and quantity_mom_pct is not null",
    )
    assert compared[0][0] > 100


_TRUTH_OF = {  # fact table → (truth file, columns compared, rows of the file that are its)
    "fct_trade_by_partner": ("by_country.parquet", FACT_COLUMNS, None),
    "fct_trade_by_commodity": ("commodities.parquet", COMMODITY_COLUMNS, None),
    "fct_trade_by_regime": ("regimes.parquet", REGIME_COLUMNS, pl.col("enterprise_key").is_null()),
    "fct_trade_by_enterprise": (
        "regimes.parquet",
        (*REGIME_COLUMNS, "enterprise_key"),
        pl.col("enterprise_key").is_not_null(),
    ),
}


def _held_and_printed(truth_dir: Path, warehouse: Path, table: str) -> tuple[list, list]:
    """What the warehouse holds in a fact table and what the simulated pages printed, rows sorted alike."""
    file, columns, only = _TRUTH_OF[table]
    truth = pl.read_parquet(truth_dir / file)
    truth = truth.filter(only) if only is not None else truth
    names = ["r." + c if c in ("product", "url") else "f." + c for c in columns]
    loaded = query(
        warehouse, f"select {', '.join(names)} from {table} f join dim_release r using (release_key)"
    )
    return sorted(loaded, key=repr), sorted(truth.select(columns).rows(), key=repr)


@pytest.mark.parametrize(
    ("table", "floor"),
    [
        ("fct_trade_by_partner", 40_000),
        ("fct_trade_by_commodity", 20_000),
        ("fct_trade_by_regime", 5_000),
        ("fct_trade_by_enterprise", 3_000),
    ],
)
def test_the_warehouse_holds_every_printed_number_of_every_vintage(simulated, table: str, floor: int) -> None:
    made, _, warehouse, _ = simulated
    held, printed = _held_and_printed(made.truth, warehouse, table)
    assert len(held) == len(printed) > floor
    assert held == printed
    # Most cells carry a number: a member the pages print but the truth never fills would read "-" on both.
    value = _TRUTH_OF[table][1].index("value")
    assert sum(row[value] is not None for row in held) > 0.8 * len(held)
    if table == "fct_trade_by_commodity":  # some lines print no quantity, some "-": most print one
        quantity = COMMODITY_COLUMNS.index("quantity")
        assert sum(row[quantity] is not None for row in held) > 10_000


def test_the_2019_catalogue_and_layouts_load_exactly(tmp_path_factory: pytest.TempPathFactory) -> None:
    """2019's layouts (January alone, the old commodity catalogue, the enterprise tables' FIE split) and the
    change to 2020's: a line counted in tonnes, then in pairs, is never compared across the change."""
    out = tmp_path_factory.mktemp("catalogue")
    made = simulate(out, Period(2019, 1), Period(2020, 3), seed=7)
    data = out / "data"
    with Mirror(made.site) as mirror:
        report = backfill(start="2019-01", end="2020-03", base_url=mirror.base_url, data_dir=str(data))
    assert report.published and not report.failed and report.count(Status.LOADED) == made.pages
    warehouse = data / "warehouse.duckdb"
    for table in _TRUTH_OF:
        held, printed = _held_and_printed(made.truth, warehouse, table)
        assert len(held) == len(printed) > 1_000, table
        assert held == printed, table
    footwear = query(
        warehouse,
        """
        select period_key, base_unit, is_jan_feb_combined, quantity_month, quantity_month_last_year,
               quantity_yoy_pct, value_yoy_pct, quantity_previous_month, mom_null_reason
        from rpt_commodity_volumes
        where commodity_key = 'footwear' and currency = 'CNY' and flow = 'export'
        order by period_key
        """,
    )
    units = {period.year: unit for period, unit, *_ in footwear}
    assert units[2019] != units[2020] and None not in units.values()
    by_period = {row[0]: row[1:] for row in footwear}
    # 2019-02 is held as its own month (not as the 2020 Jan–Feb page's prior-year block).
    assert by_period[date(2019, 2, 1)][1] is False and by_period[date(2019, 2, 1)][2] is not None
    march = by_period[date(2020, 3, 1)]
    assert march[3] is None and march[4] is None and march[5] is not None  # no quantity y/y across units
    december = by_period[date(2019, 12, 1)]
    assert december[6] is not None  # within one unit, m/m is computed


@pytest.fixture(scope="module")
def two_months(tmp_path_factory: pytest.TempPathFactory):
    """A simulated site of October and November 2025; the warehouse holds October."""
    out = tmp_path_factory.mktemp("faults")
    made = simulate(out, Period(2025, 10), Period(2025, 11), seed=5)
    history = out / "history"
    with Mirror(made.site) as mirror:
        backfill(start="2025-10", end="2025-10", base_url=mirror.base_url, data_dir=str(history))
    return made, history


def _november_page(made) -> str:
    truth = pl.read_parquet(made.truth / "by_country.parquet")
    [url] = truth.filter(
        (pl.col("period_key") == Period(2025, 11).first_day) & (pl.col("product") == "bulletin")
    )["url"].unique()
    return "/" + url.split("/", 3)[3]


@pytest.mark.parametrize("fault", [500, "slow:3", "reset", "truncate"])
def test_a_transient_fault_on_a_simulated_page_is_retried_and_the_month_loads_exactly(
    fault: int | str, two_months, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made, history = two_months
    monkeypatch.setenv("GACC_HTTP_TIMEOUT", "1")
    monkeypatch.setenv("GACC_HTTP_RETRIES", "0")
    monkeypatch.setenv("GACC_FETCH_RETRIES", "1")
    monkeypatch.setenv("GACC_FETCH_RETRY_DELAY", "0")
    data = tmp_path / "data"
    shutil.copytree(history, data)
    path = _november_page(made)
    with Mirror(made.site) as mirror:
        mirror.inject(path, fault)
        report = monthly_release(period="2025-11", base_url=mirror.base_url, data_dir=str(data))
        statuses = [r.status for r in mirror.requests if r.path == path]
    assert report.published and not report.failed
    assert len(statuses) == 2 and statuses[-1] == 200  # the fault, then the collect step's retry
    truth = pl.read_parquet(made.truth / "by_country.parquet").filter(pl.col("product") == "bulletin")
    loaded = query(
        data / "warehouse.duckdb",
        "select f.period_key, f.span, f.flow, f.partner_key, f.value from fct_trade_by_partner f "
        "join dim_release r using (release_key) where r.product = 'bulletin'",
    )
    expected = truth.select("period_key", "span", "flow", "partner_key", "value").rows()
    assert sorted(loaded, key=repr) == sorted(expected, key=repr)


@pytest.mark.parametrize("fault", [412, "challenge", "layout"])
def test_a_permanent_fault_on_a_simulated_page_stops_the_run_and_changes_nothing(
    fault: int | str, two_months, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made, history = two_months
    monkeypatch.setenv("GACC_FETCH_RETRIES", "2")
    data = tmp_path / "data"
    shutil.copytree(history, data)
    served = sha256_of(data / "warehouse.duckdb")
    path = _november_page(made)
    with Mirror(made.site) as mirror:
        mirror.inject(path, fault)
        with pytest.raises((ChallengePageError, RunFailedError)) as caught:
            monthly_release(period="2025-11", base_url=mirror.base_url, data_dir=str(data))
        asked = [r.path for r in mirror.requests].count(path)
    assert asked == 1  # never retried
    if fault == "layout":
        assert isinstance(caught.value, RunFailedError) and path.split("/")[-1] in str(caught.value)
        assert "NOT PUBLISHED" in str(caught.value)
    else:
        assert isinstance(caught.value, ChallengePageError)
    assert sha256_of(data / "warehouse.duckdb") == served
    assert not list((data / "build").glob("*"))


def test_parsing_in_worker_processes_gives_exactly_the_in_process_result(simulated) -> None:
    _, _, warehouse, _ = simulated
    archive = RawArchive(warehouse.parent / "raw")
    pages = collect(Selector("all"), ArchiveClient(archive), archive, require_current=False).batch.pages
    assert len(pages) >= PARALLEL_FROM
    alone, pooled = prepare(pages, workers=1), prepare(pages, workers=2)
    assert pooled.outcomes == alone.outcomes
    assert [r.release_key for r in pooled.releases] == [r.release_key for r in alone.releases]
    assert all(p.facts.equals(a.facts) for p, a in zip(pooled.releases, alone.releases, strict=True))


def test_the_year_to_date_report_is_the_truth_at_its_latest_vintage(simulated) -> None:
    _, _, warehouse, truth = simulated
    january = (pl.col("span") == "month") & (pl.col("period_key").dt.month() == 1)
    world = truth.filter(
        (pl.col("partner_key") == "WORLD") & (pl.col("span").is_in(["ytd", "jan_feb"]) | january)
    )
    # One vintage per period and currency: the bulletin's where it printed the period, else the preliminary.
    chosen = world.filter(
        pl.col("product") == pl.col("product").min().over("period_key", "currency")  # "bulletin" < "prelim…"
    )
    by_flow = chosen.pivot("flow", index=["period_key", "currency", "span"], values="value_base")
    expected = sorted(
        (row["period_key"], row["currency"], row["span"] == "jan_feb", row["export"], row["import"])
        for row in by_flow.to_dicts()
    )
    report = query(
        warehouse,
        "select period_key, currency, is_jan_feb_combined, exports_ytd, imports_ytd "
        "from rpt_trade_balance_ytd order by all",
    )
    assert report == expected
    # What the view computes from them: y/y (and GACC's printed y/y beside it), and the balance against last
    # year's and every earlier full year (December to date).
    ytd = {(p, c): (e, i) for p, c, _, e, i in expected}
    published = {
        (p, c, f): y
        for p, c, f, y in chosen.select("period_key", "currency", "flow", "yoy_pct_published").rows()
    }
    full_years = {(p.year, c): e - i for (p, c), (e, i) in ytd.items() if p.month == 12}
    computed = query(
        warehouse,
        """
        select period_key, currency, exports_ytd_yoy_pct, imports_ytd_yoy_pct, exports_ytd_yoy_pct_published,
               imports_ytd_yoy_pct_published, balance_ytd_last_year, balance_last_full_year,
               best_earlier_full_year, best_earlier_full_year_balance, is_above_every_earlier_full_year
        from rpt_trade_balance_ytd
        """,
    )
    above = 0
    for period_key, currency, exports_yoy, imports_yoy, *rest in computed:
        exports, imports = ytd[(period_key, currency)]
        before = ytd.get((period_key.replace(year=period_key.year - 1), currency))
        assert _close(exports_yoy, _percent(exports, before and before[0]))
        assert _close(imports_yoy, _percent(imports, before and before[1]))
        earlier = {y: b for (y, c), b in full_years.items() if c == currency and y < period_key.year}
        best = max(earlier, key=earlier.__getitem__) if earlier else None
        assert rest == [
            published[(period_key, currency, "export")],
            published[(period_key, currency, "import")],
            before and before[0] - before[1],
            full_years.get((period_key.year - 1, currency)),
            best,
            earlier.get(best),
            None if best is None else exports - imports > earlier[best],
        ]
        above += best is not None
    assert above == 2 * 11 - 1  # 2025, both currencies (CNY has no January alone): 2024 is held whole


def test_the_partner_growth_report_is_the_truth_at_its_latest_vintage(simulated) -> None:
    _, _, warehouse, truth = simulated
    # Per period, currency, partner and flow, one vintage: the bulletin's where it printed it.
    chosen = truth.filter(
        pl.col("product") == pl.col("product").min().over("period_key", "currency", "partner_key", "flow")
    )
    cumulative = pl.col("span").is_in(["ytd", "jan_feb"])
    expected = sorted(
        chosen.group_by("period_key", "currency", "partner_key", "flow")
        .agg(
            (pl.col("span") == "jan_feb").any().alias("jan_feb"),
            pl.col("value_base").filter(pl.col("span") == "month").first().alias("month"),
            # January alone is its own year to date only in the month column: the report keeps it there.
            pl.col("value_base").filter(cumulative).first().alias("ytd"),
        )
        .rows()
    )
    report = query(
        warehouse,
        "select period_key, currency, partner_key, flow, is_jan_feb_combined, value_month, value_ytd "
        "from rpt_partner_growth order by all",
    )
    assert len(report) == len(expected) > 10_000
    assert report == expected
    # What the view computes from them: y/y, m/m, year-to-date y/y, and the share of China's total.
    values = {row[:4]: row[5:] for row in expected}
    computed = query(
        warehouse,
        "select period_key, currency, partner_key, flow, yoy_pct, mom_pct, ytd_yoy_pct, "
        "share_of_world_month_pct, share_of_world_ytd_pct from rpt_partner_growth",
    )
    for (
        period_key,
        currency,
        partner,
        flow,
        yoy_pct,
        mom_pct,
        ytd_yoy_pct,
        share_month,
        share_ytd,
    ) in computed:
        month, ytd = values[(period_key, currency, partner, flow)]
        before = values.get(
            (period_key.replace(year=period_key.year - 1), currency, partner, flow), (None, None)
        )
        previous = values.get((_month_before(period_key), currency, partner, flow), (None, None))
        world = values[(period_key, currency, "WORLD", flow)]
        assert _close(yoy_pct, _percent(month, before[0]))
        assert _close(mom_pct, _percent(month, previous[0]))
        assert _close(ytd_yoy_pct, _percent(ytd, before[1]))
        assert _close(share_month, _share(month, world[0]))
        assert _close(share_ytd, _share(ytd, world[1]))
