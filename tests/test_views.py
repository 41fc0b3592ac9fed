"""The rpt_ views and vintages over a hand-made multi-release scenario (tests/scenario.py).

Releases: by-country USD pages for Nov and Dec 2024, the combined Jan–Feb 2025 page, Mar, Oct and Nov 2025,
the bulletin restating Nov 2025, and 2026's Feb page that prints both February and January–February; rare
earth exports (CNY) for Nov 2024, Oct and Nov 2025; integrated circuit imports relabelled and rescaled
(preliminary "Integrated circuits" in 100 million pieces, then the bulletin's "Electronic integrated
circuits" in millions); trade-mode totals restated by the bulletin. Preliminary values are in US$ million
(CNY 100 million), bulletin values in US$1,000; views report whole currency units.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from scenario import Scenario

from warehouse.settings import Settings

B = 10**9  # whole units per billion


def _by_country(months: dict, ytd: dict, *, partners: dict | None = None, span: str = "ytd") -> list[tuple]:
    rows = [("total", "month", flow, "value", v) for flow, v in months.items()]
    rows += [("total", span, flow, "value", v) for flow, v in ytd.items()]
    for label, cells in (partners or {}).items():
        rows += [(label, s, flow, measure, v) for (s, flow, measure), v in cells.items()]
    return rows


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    s = Scenario(Settings(data_dir=tmp_path_factory.mktemp("views")))
    usa, eu = "united states (us)", "european union"
    s.add("preliminary", "by_country", "USD", "2024-11", date(2024, 12, 7), _by_country(
        {"export": "300000.0", "import": "200000.0", "total": "500000.0"},
        {"export": "3200000.0", "import": "2300000.0"},
        partners={
            usa: {("month", "export", "value"): "40000.0", ("ytd", "export", "value"): "480000.0"},
            eu: {("month", "export", "value"): "45000.0"},
        },
    ))  # fmt: skip
    s.add("preliminary", "by_country", "USD", "2024-12", date(2025, 1, 13), _by_country(
        {"export": "330000.0", "import": "230000.0"}, {"export": "3530000.0", "import": "2530000.0"}
    ))  # fmt: skip
    s.add("preliminary", "by_country", "USD", "2025-02", date(2025, 3, 7), [
        ("total", "jan_feb", "export", "value", "540000.0"),
        ("total", "jan_feb", "import", "value", "370000.0"),
        (usa, "jan_feb", "export", "value", "70000.0"),
    ])  # fmt: skip
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), _by_country(
        {"export": "310000.0", "import": "220000.0"}, {"export": "850000.0", "import": "590000.0"},
        partners={usa: {("month", "export", "value"): "36000.0"}},
    ))  # fmt: skip
    s.add("preliminary", "by_country", "USD", "2025-10", date(2025, 11, 7), _by_country(
        {"export": "305000.0", "import": "215000.0"}, {"export": "3070000.0", "import": "2101330.0"},
        partners={
            usa: {("month", "export", "value"): "30000.0"},
            eu: {("month", "export", "value"): "50000.0"},
        },
    ))  # fmt: skip
    s.add("preliminary", "by_country", "USD", "2025-11", date(2025, 12, 8), _by_country(
        {"export": "330350.0", "import": "218670.0", "total": "549020.0"},
        {"export": "3400350.0", "import": "2320000.0"},
        partners={
            usa: {
                ("month", "export", "value"): "28560.0",
                ("ytd", "export", "value"): "420000.0",
                ("ytd", "export", "value_yoy_pct"): "-12.5",
            },
            eu: {("month", "export", "value"): "51660.0"},
            "total": {("ytd", "export", "value_yoy_pct"): "6.3"},
        },
    ))  # fmt: skip
    s.add("bulletin", "by_country", "USD", "2025-11", date(2025, 12, 18), _by_country(
        {"export": "330400123", "import": "218670000", "total": "549070123"},
        {"export": "3400400123", "import": "2320000000"},
    ))  # fmt: skip
    s.add("preliminary", "by_country", "USD", "2026-02", date(2026, 3, 7), _by_country(
        {"export": "200000.0", "import": "150000.0"}, {"export": "520000.0", "import": "330000.0"}
    ))  # fmt: skip
    s.add("preliminary", "by_country", "USD", "2026-03", date(2026, 4, 13), _by_country(
        {"export": "300000.0", "import": "210000.0"}, {"export": "820000.0", "import": "540000.0"}
    ))  # fmt: skip
    for period, published, quantity, value in (
        ("2024-11", date(2024, 12, 7), "4500.0", "5.5"),
        ("2025-10", date(2025, 11, 7), "4000.0", "5.0"),
        ("2025-11", date(2025, 12, 8), "5493.9", "6.1"),
    ):
        s.add("preliminary", "major_exports", "CNY", period, published, [
            ("rare earth", "month", None, "quantity", quantity, "Ton"),
            ("rare earth", "month", None, "value", value),
        ])  # fmt: skip
    s.add("preliminary", "major_imports", "USD", "2025-11", date(2025, 12, 8), [
        ("integrated circuits", "month", None, "quantity", "500.0", "100 Million PCS"),
        ("integrated circuits", "month", None, "value", "35000.0"),
    ])  # fmt: skip
    s.add("bulletin", "major_imports", "USD", "2025-12", date(2026, 1, 18), [
        ("electronic integrated circuits", "month", None, "quantity", "52000", "MN"),
        ("electronic integrated circuits", "month", None, "value", "36000000"),
    ])  # fmt: skip
    s.add("preliminary", "trade_mode", "USD", "2025-11", date(2025, 12, 8), [
        ("total value", "month", "export", "value", "330350.0"),
        ("ordinary trade", "month", "export", "value", "210000.0"),
    ])  # fmt: skip
    s.add("bulletin", "trade_mode", "USD", "2025-11", date(2025, 12, 18), [
        ("total", "month", "export", "value", "330400123"),
        ("ordinary trade", "month", "export", "value", "210012345"),
    ])  # fmt: skip
    s.publish()
    connection = s.connect()
    yield connection
    connection.close()


def _one(con, query: str, *params) -> tuple:
    rows = con.execute(query, list(params)).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_the_month_takes_the_bulletin_and_compares_across_the_year_boundary(con) -> None:
    row = _one(
        con,
        """select exports, imports, balance, exports_yoy_pct, exports_mom_pct, products, basis
           from rpt_trade_balance_monthly where period_label = '2025-11' and currency = 'USD'""",
    )
    assert row == (
        Decimal("330400123000.000"),
        Decimal("218670000000.000"),
        Decimal("111730123000.000"),
        10.13,  # 330.400123 bn vs 300 bn in Nov 2024
        8.33,  # vs 305 bn in Oct 2025
        "bulletin",
        "month",
    )


def test_jan_feb_is_one_combined_row_and_months_around_it_say_why_they_have_no_m_m(con) -> None:
    rows = con.sql(
        """select period_label, basis, exports, exports_mom_pct, mom_null_reason
           from rpt_trade_balance_monthly
           where currency = 'USD' and period_label between '2025-01' and '2025-03'
           order by period_key"""
    ).fetchall()
    assert rows == [
        ("2025-02", "jan_feb", Decimal("540000000000.000"), None,
         "combined January–February release: no single month to compare"),
        ("2025-03", "month", Decimal("310000000000.000"), None,
         "previous period is the combined January–February release"),
    ]  # fmt: skip


def test_january_2026_is_derived_inside_the_february_page_and_labelled(con) -> None:
    rows = con.sql(
        """select period_label, basis, is_derived, exports, imports, exports_mom_pct, exports_yoy_pct,
                  yoy_null_reason
           from rpt_trade_balance_monthly where currency = 'USD' and period_label like '2026-%'
           order by period_key"""
    ).fetchall()
    assert rows == [
        ("2026-01", "derived_january", True, Decimal("320000000000.000"), Decimal("180000000000.000"),
         None, None, "same period of last year not loaded on the same basis"),
        ("2026-02", "month", False, Decimal("200000000000.000"), Decimal("150000000000.000"),
         -37.5, None, "same period of last year not loaded on the same basis"),
        ("2026-03", "month", False, Decimal("300000000000.000"), Decimal("210000000000.000"),
         50.0, -3.23, None),  # vs March 2025's 310 bn
    ]  # fmt: skip


def test_ytd_surplus_beats_last_full_year_and_resets_in_january(con) -> None:
    row = _one(
        con,
        """select exports_ytd, balance_ytd, balance_last_full_year, balance_ytd_minus_last_full_year,
                  best_earlier_full_year, is_above_every_earlier_full_year, exports_ytd_yoy_pct,
                  exports_ytd_yoy_pct_published
           from rpt_trade_balance_ytd where period_label = '2025-11' and currency = 'USD'""",
    )
    assert row == (
        Decimal("3400400123000.000"),
        Decimal("1080400123000.000"),
        Decimal("1000000000000.000"),
        Decimal("80400123000.000"),
        2024,
        True,
        6.26,  # vs Jan–Nov 2024's 3,200 bn
        None,  # this bulletin's Total row printed no y/y; the preliminary's 6.3 is an older vintage
    )
    feb = _one(
        con,
        """select exports_ytd, is_jan_feb_combined, exports_ytd_yoy_pct
           from rpt_trade_balance_ytd where period_label = '2026-02' and currency = 'USD'""",
    )
    assert feb == (Decimal("520000000000.000"), False, -3.7)  # vs Jan–Feb 2025's 540 bn, combined or not


def test_as_of_a_date_answers_with_what_was_published_by_then(con) -> None:
    query = """select value_base, product from fct_trade_by_partner_as_of(cast(? as date))
               where partner_key = 'WORLD' and period_key = date '2025-11-01' and span = 'month'
                 and flow = 'export' and currency = 'USD'"""
    assert con.execute(query, ["2025-12-07"]).fetchall() == []
    assert con.execute(query, ["2025-12-10"]).fetchall() == [(Decimal("330350000000.000"), "preliminary")]
    assert con.execute(query, ["2025-12-18"]).fetchall() == [(Decimal("330400123000.000"), "bulletin")]
    latest = con.sql(
        """select value_base, product from fct_trade_by_regime_latest
           where regime_key = 'ordinary_trade' and period_key = date '2025-11-01'"""
    ).fetchall()
    assert latest == [(Decimal("210012345000.000"), "bulletin")]


def test_revisions_show_first_print_against_latest(con) -> None:
    row = _one(
        con,
        """select prints, first_value, first_product, latest_value, latest_product, revision, revision_pct
           from rpt_revisions
           where fact_table = 'fct_trade_by_partner' and member_key = 'WORLD' and period_label = '2025-11'
             and span = 'month' and flow = 'export'""",
    )
    assert row == (
        2,
        Decimal("330350000000.000"),
        "preliminary",
        Decimal("330400123000.000"),
        "bulletin",
        Decimal("50123000.000"),
        0.0152,
    )
    tables = con.sql("select distinct fact_table from rpt_revisions order by 1").fetchall()
    assert tables == [("fct_trade_by_partner",), ("fct_trade_by_regime",)]


def test_partner_growth_computed_beside_published(con) -> None:
    rows = con.sql(
        """select partner_key, value_month, yoy_pct, mom_pct, ytd_yoy_pct, ytd_yoy_pct_published,
                  share_of_world_month_pct
           from rpt_partner_growth
           where period_label = '2025-11' and currency = 'USD' and flow = 'export'
           order by partner_key"""
    ).fetchall()
    assert rows == [
        ("EU", Decimal("51660000000.000"), 14.8, 3.32, None, None, 15.64),
        ("USA", Decimal("28560000000.000"), -28.6, -4.8, -12.5, Decimal("-12.500"), 8.64),
        ("WORLD", Decimal("330400123000.000"), 10.13, 8.33, 6.26, None, 100.0),
    ]
    march = _one(
        con,
        """select mom_pct, mom_null_reason from rpt_partner_growth
           where period_label = '2025-03' and partner_key = 'USA' and flow = 'export'""",
    )
    assert march == (None, "previous period is the combined January–February release")


def test_commodity_volumes_in_base_units_across_a_relabel_and_a_unit_scale_change(con) -> None:
    rare = _one(
        con,
        """select quantity_month, base_unit, value_month, unit_value_month, quantity_mom_pct, quantity_yoy_pct
           from rpt_commodity_volumes
           where commodity_key = 'rare_earth' and period_label = '2025-11' and currency = 'CNY'""",
    )
    # 5,493.9 t = 5,493,900 kg; CNY 610 million / 5,493,900 kg; +37.35 % on 4,000 t; +22.09 % on 4,500 t
    assert rare == (Decimal("5493900.000"), "kg", Decimal("610000000.000"), 111.0322, 37.35, 22.09)
    chips = con.sql(
        """select period_label, quantity_month, quantity_mom_pct, products from rpt_commodity_volumes
           where commodity_key = 'integrated_circuits' order by period_key"""
    ).fetchall()
    # 500 × 100 million pieces, then 52,000 × 1 million pieces: one commodity, one unit
    assert chips == [
        ("2025-11", Decimal("50000000000.000"), None, "preliminary"),
        ("2025-12", Decimal("52000000000.000"), 4.0, "bulletin"),
    ]
    labels = con.sql(
        """select distinct label_printed from fct_trade_by_commodity
           where commodity_key = 'integrated_circuits' order by 1"""
    ).fetchall()
    assert labels == [("electronic integrated circuits",), ("integrated circuits",)]


def test_dim_release_ranks_vintages_and_keeps_provenance(con) -> None:
    rows = con.sql(
        """select product, vintage_rank, known_on, spans, length(sha256), raw_path like 'raw/%'
           from dim_release
           where table_family = 'by_country' and period_key = date '2025-11-01' order by vintage_rank"""
    ).fetchall()
    assert rows == [
        ("bulletin", 1, date(2025, 12, 18), ["month", "ytd"], 64, True),
        ("preliminary", 2, date(2025, 12, 8), ["month", "ytd"], 64, True),
    ]


def test_every_object_and_column_carries_a_comment(con) -> None:
    uncommented = con.sql(
        """select schema_name, table_name, null as column_name from duckdb_tables()
           where not internal and comment is null
           union all select schema_name, view_name, null from duckdb_views()
           where not internal and comment is null
           union all select schema_name, table_name, column_name from duckdb_columns()
           where not internal and comment is null and schema_name in ('main', 'meta', 'ref')"""
    ).fetchall()
    assert uncommented == []
