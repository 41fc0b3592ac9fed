"""Each rule of sql/checks, broken on purpose in a hand-made scenario, fires — and only where it should.

The clean scenario passes every rule; each test adds one inconsistency (through the real conform → load path
where a page could print it, by editing the loaded build where only a bug or a tampered file could) and
asserts the rule's violating rows, with the numbers it compared.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest
from scenario import Scenario

from warehouse.errors import QualityGateError
from warehouse.load.build import build
from warehouse.load.database import connect
from warehouse.quality.gate import GateReport, check_scope, gate_build, run_checks
from warehouse.quality.rules import Severity, all_rules
from warehouse.settings import REFERENCE_DIR, Settings

USA, EU, DEU, FRA = "united states (us)", "european union", "germany", "france"
B = 10**6  # US$ million, the preliminary USD unit, in whole dollars


def _page(totals: dict[str, dict[str, str]], *partners: tuple) -> list[tuple]:
    """World rows per span ({span: {flow: value}}) and partner rows (label, span, flow, measure, value)."""
    rows = [
        ("total", span, flow, "value", value)
        for span, flows in totals.items()
        for flow, value in flows.items()
    ]
    return rows + list(partners)


CLEAN = _page(
    {"month": {"total": "900.0", "export": "600.0", "import": "300.0"},
     "ytd": {"total": "2700.0", "export": "1800.0", "import": "900.0"}},
    (USA, "month", "export", "value", "100.0"),
    (USA, "ytd", "export", "value", "300.0"),
    (EU, "month", "export", "value", "100.0"),
    (DEU, "month", "export", "value", "40.0"),
    (FRA, "month", "export", "value", "30.0"),
)  # fmt: skip
NESTED = {DEU: EU, FRA: EU}  # the preliminary release prints them under the EU


@dataclass
class Checked:
    report: GateReport
    scenario: Scenario

    def fired(self) -> dict[str, list[dict]]:
        """Rules with violations that are not excepted → their rows."""
        rows: dict[str, list[dict]] = {}
        for row in self.report.failures.filter(self.report.failures["exception_reason"].is_null()).to_dicts():
            rows.setdefault(row["rule"], []).append(row)
        return rows


def _scenario(tmp_path: Path) -> Scenario:
    return Scenario(Settings(data_dir=tmp_path / "data"))


def _check(scenario: Scenario, edit: str | None = None) -> Checked:
    """Publish the scenario, optionally edit the published file with SQL, and run every rule on it."""
    path = scenario.publish()
    con = connect(path)
    try:
        if edit:
            con.execute(edit)
        report = run_checks(con, data_dir=scenario.settings.data_dir, run_id="test", record=False)
    finally:
        con.close()
    return Checked(report, scenario)


def test_the_clean_scenario_passes_every_rule(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), CLEAN, parents=NESTED)
    checked = _check(s)
    assert [r.rule.name for r in checked.report.results] == [rule.name for rule in all_rules()]
    assert len(checked.report.results) == 13
    assert checked.fired() == {} and not checked.report.blocking


def test_every_rule_file_declares_a_severity_and_what_it_asserts() -> None:
    severities = {rule.name: rule.severity for rule in all_rules()}
    assert severities["month_chains_to_ytd"] is Severity.WARN
    assert severities["yoy_matches_prior_year"] is Severity.WARN
    assert sum(s is Severity.ERROR for s in severities.values()) == 11


def test_a_total_that_is_not_exports_plus_imports(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), _page(
        {"month": {"total": "910.0", "export": "600.0", "import": "300.0"}}
    ))  # fmt: skip
    [row] = _check(s).fired()["total_is_exports_plus_imports"]
    assert row["subject"] == "fct_trade_by_partner 2025-03 month WORLD"
    assert (row["observed"], row["expected"], row["tolerance"]) == (910 * B, 900 * B, 0.15 * B)
    # the last printed digit: 900.1 is within three half-units of 900.0, 900.2 is not
    s = _scenario(tmp_path / "rounding")
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), _page(
        {"month": {"total": "900.1", "export": "600.0", "import": "300.0"}}
    ))  # fmt: skip
    assert "total_is_exports_plus_imports" not in _check(s).fired()


def test_a_printed_balance_that_is_not_exports_minus_imports(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), _page(
        {"month": {"export": "600.0", "import": "300.0", "balance": "330.0"}}
    ))  # fmt: skip
    [row] = _check(s).fired()["balance_is_exports_minus_imports"]
    assert (row["observed"], row["expected"]) == (330 * B, 300 * B)
    assert row["detail"] == "balance 330000000.000 ≠ exports 600000000.000 − imports 300000000.000"


def test_a_month_above_its_year_to_date_and_a_january_that_is_not_its_own_ytd(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), [
        (USA, "month", "export", "value", "300.0"), (USA, "ytd", "export", "value", "100.0"),
    ])  # fmt: skip
    s.add("bulletin", "by_country", "USD", "2025-01", date(2025, 2, 20), [
        ("total", "month", "export", "value", "500000"), ("total", "ytd", "export", "value", "500002"),
    ])  # fmt: skip
    rows = _check(s).fired()["month_within_ytd"]
    assert [(r["subject"], r["detail"]) for r in rows] == [
        (
            "fct_trade_by_partner 2025-01 export WORLD",
            "January 500000000.000 ≠ January to date 500002000.000",
        ),
        ("fct_trade_by_partner 2025-03 export USA", "month 300000000.000 > year to date 100000000.000"),
    ]


def test_a_year_to_date_that_does_not_chain_is_a_warning_with_the_implied_revision(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("bulletin", "by_country", "USD", "2025-03", date(2025, 4, 20), [
        ("total", "month", "export", "value", "300000"), ("total", "ytd", "export", "value", "1000000"),
    ])  # fmt: skip
    s.add("bulletin", "by_country", "USD", "2025-04", date(2025, 5, 20), [
        ("total", "month", "export", "value", "310000"), ("total", "ytd", "export", "value", "1310007"),
    ])  # fmt: skip
    checked = _check(s)
    [row] = checked.fired()["month_chains_to_ytd"]
    assert row["severity"] == "warn" and row["subject"] == "fct_trade_by_partner 2025-04 export WORLD"
    assert (row["observed"], row["expected"], row["tolerance"]) == (1_310_007_000, 1_310_000_000, 1500)
    assert "+ 7000.000 (revision of earlier months)" in row["detail"]
    assert not checked.report.blocking  # recorded, published anyway


def test_a_printed_yoy_that_the_same_page_contradicts(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("preliminary", "major_exports", "CNY", "2025-05", date(2025, 6, 9), [
        ("rare earth", "ytd", None, "value", "110.0"),
        ("rare earth", "ytd", None, "value_yoy_pct", "25.0"),
        ("rare earth", "ytd", None, "value", "100.0", None, "2024-05"),
        ("steel products", "ytd", None, "value", "220.0"),
        ("steel products", "ytd", None, "value_yoy_pct", "10.0"),
        ("steel products", "ytd", None, "value", "200.0", None, "2024-05"),
    ])  # fmt: skip
    [row] = _check(s).fired()["yoy_matches_same_page"]
    assert row["subject"] == "fct_trade_by_commodity 2025-05 ytd export rare_earth"
    assert (row["observed"], row["expected"]) == (25.0, 10.0)
    assert row["tolerance"] == pytest.approx(0.155, abs=0.001)  # 100 × 0.05 × 210 / (100 × 99.95) + 0.05


def test_a_printed_yoy_that_the_held_prior_year_contradicts_is_a_warning(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add(
        "preliminary",
        "by_country",
        "USD",
        "2024-03",
        date(2024, 4, 12),
        [(USA, "ytd", "export", "value", "100.0")],
    )
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), [
        (USA, "ytd", "export", "value", "120.0"), (USA, "ytd", "export", "value_yoy_pct", "30.0"),
    ])  # fmt: skip
    checked = _check(s)
    [row] = checked.fired()["yoy_matches_prior_year"]
    assert (row["subject"], row["observed"], row["expected"]) == (
        "fct_trade_by_partner 2025-03 ytd export USA",
        30.0,
        20.0,
    )
    assert not checked.report.blocking


def test_a_partner_above_the_world(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), [
        ("total", "month", "export", "value", "600.0"), (USA, "month", "export", "value", "600.2"),
    ])  # fmt: skip
    assert [r["subject"] for r in _check(s).fired()["partners_within_world"]] == ["2025-03 month export USA"]


def test_members_of_a_group_adding_up_to_more_than_the_group(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    # The bulletin nests Germany and France under Europe, the EU under the world: only the EU is broken.
    s.add("bulletin", "by_country", "USD", "2025-03", date(2025, 4, 20), [
        ("europe:", "month", "export", "value", "200000"),
        ("eu", "month", "export", "value", "100000"),
        (DEU, "month", "export", "value", "60000"),
        (FRA, "month", "export", "value", "50000"),
    ], parents={DEU: "europe:", FRA: "europe:", "eu": "total", "europe:": "total"})  # fmt: skip
    fired = _check(s).fired()
    assert list(fired) == ["group_members_within_group"]
    [row] = fired["group_members_within_group"]
    assert row["detail"] == "2 members of EU add up to 110000000.000 > 100000000.000 printed for the group"


def test_of_which_children_adding_up_to_more_than_their_parent(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), [
        (EU, "month", "export", "value", "100.0"),
        (DEU, "month", "export", "value", "60.0"),
        (FRA, "month", "export", "value", "50.0"),
    ], parents={DEU: EU, FRA: EU})  # fmt: skip
    [row] = _check(s).fired()["children_within_parent"]
    assert row["subject"] == "fct_trade_by_partner 2025-03 month export EU"
    assert row["detail"] == "2 children add up to 110000000.000 > their parent 100000000.000"


def test_a_part_alone_above_its_whole_and_blocs_left_out_of_the_sum(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    # Under WORLD, the bulletin prints continents and blocs side by side: only the continents are disjoint.
    s.add("bulletin", "by_country", "USD", "2025-03", date(2025, 4, 20), [
        ("total", "month", "export", "value", "1000000"),
        ("asia:", "month", "export", "value", "600000"),
        ("europe:", "month", "export", "value", "300000"),
        ("eu", "month", "export", "value", "250000"),
        ("asean", "month", "export", "value", "200000"),
        (DEU, "month", "export", "value", "350000"),
    ], parents={"asia:": "total", "europe:": "total", "eu": "total", "asean": "total",
                DEU: "europe:"})  # fmt: skip
    [row] = _check(s).fired()["children_within_parent"]
    assert row["subject"] == "fct_trade_by_partner 2025-03 month export EUROPE"
    assert row["detail"] == "DEU 350000000.000 > its parent 300000000.000"


def test_a_regime_above_the_table_total(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("preliminary", "trade_mode", "CNY", "2024-05", date(2024, 6, 7), [
        ("total value", "month", "export", "value", "100.0"),
        ("ordinary trade", "month", "export", "value", "90.0"),
    ])  # fmt: skip
    assert _check(s).fired() == {}
    s = _scenario(tmp_path / "broken")
    s.add("preliminary", "trade_mode", "CNY", "2024-05", date(2024, 6, 7), [
        ("total value", "month", "export", "value", "100.0"),
        ("ordinary trade", "month", "export", "value", "900.0"),
    ])  # fmt: skip
    [row] = _check(s).fired()["children_within_parent"]
    assert row["subject"] == "fct_trade_by_regime 2024-05 month export total"


def test_a_trade_deficit_is_a_balance_not_an_error(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), [
        (USA, "month", "export", "value", "100.0"), (USA, "month", "import", "value", "400.0"),
        (USA, "month", "balance", "value", "-300.0"),
        (USA, "ytd", "export", "value", "900.0"), (USA, "ytd", "import", "value", "850.0"),
        (USA, "ytd", "balance", "value", "50.0"),
    ])  # fmt: skip
    assert _check(s).fired() == {}  # the sign check on rows: tests/test_quality_real_pages.py


def test_a_commodity_counted_in_another_dimension(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("preliminary", "major_exports", "CNY", "2025-05", date(2025, 6, 9), [
        ("rare earth", "month", None, "quantity", "5493.9", "Ton"),
        ("rare earth", "month", None, "value", "6.1"),
    ])  # fmt: skip
    assert "commodity_unit_dimension_stable" not in _check(s).fired()
    # A reference edit the loaded facts were not rebuilt for: rare earth counted in pieces.
    fired = _check(
        s, "update ref.commodities set dimension = 'count' where commodity_key = 'rare_earth'"
    ).fired()
    [row] = fired["commodity_unit_dimension_stable"]
    assert row["detail"] == "rare_earth printed in Ton (mass), but it is counted in count"


def test_a_member_no_dimension_knows(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), CLEAN, parents=NESTED)
    fired = _check(
        s, "update fct_trade_by_partner set partner_key = 'ATLANTIS' where partner_key = 'USA'"
    ).fired()
    [row] = fired["no_unmapped_members"]
    assert row["detail"] == 'ATLANTIS (printed "united states (us)") has no row in its dimension'


def test_a_duplicated_grain(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), CLEAN, parents=NESTED)
    # Only a table without its primary key can hold a duplicate: rebuild one that way.
    edit = """
        create table copied as select * from fct_trade_by_partner;
        drop table fct_trade_by_partner cascade;
        create table fct_trade_by_partner as
        select * from copied union all select * from copied where partner_key = 'USA' and span = 'ytd';
    """
    [row] = _check(s, edit).fired()["unique_grain"]
    assert row["subject"] == "fct_trade_by_partner 2025-03-01 ytd export USA" and row["observed"] == 2


def test_a_fact_whose_raw_file_is_gone_changed_or_unrecorded(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    release = s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), CLEAN, parents=NESTED)
    raw = release.raw.path
    kept = raw.relative_to(s.settings.data_dir)
    assert "facts_trace_to_raw" not in _check(s).fired()
    raw.write_bytes(raw.read_bytes() + b" ")
    [changed] = _check(s).fired()["facts_trace_to_raw"]
    assert changed["detail"].startswith(f"{kept} hashes to ")
    raw.unlink()
    [gone] = _check(s).fired()["facts_trace_to_raw"]
    assert gone["detail"] == f"{kept} is not on disk"
    fired = _check(s, "delete from meta.releases")
    assert {r["detail"] for r in fired.fired()["facts_trace_to_raw"]} == {
        f"rows of fct_trade_by_partner come from release {release.release_key}, "
        "which meta.releases does not hold"
    }


def test_a_unit_code_with_two_precisions(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), CLEAN, parents=NESTED)
    edit = """insert into ref.value_units (unit_key, unit_code, currency, factor, decimals)
              values ('usd1m-2dp', 'USD_1M', 'USD', '1000000', '2')"""
    rows = _check(s, edit).fired()["unique_grain"]
    # the duplicate code, and the fan-out it causes where dim_release joins the unit's label
    assert [r["subject"][:11] for r in rows] == ["dim_release", "ref.value_u"]
    assert rows[1]["subject"] == "ref.value_units USD_1M"


def test_a_documented_exception_excuses_exactly_its_row(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    release = s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), _page(
        {"month": {"total": "910.0", "export": "600.0", "import": "300.0"},
         "ytd": {"total": "2710.0", "export": "1800.0", "import": "900.0"}}
    ))  # fmt: skip
    edit = f"""insert into ref.check_exceptions values (
        'total_is_exports_plus_imports', '{release.release_key}', 'fct_trade_by_partner 2025-03 month WORLD',
        'test: a misprinted total', 'tests/test_quality_rules.py')"""
    checked = _check(s, edit)
    [result] = [r for r in checked.report.results if r.rule.name == "total_is_exports_plus_imports"]
    assert (result.violations, result.excepted, result.blocking) == (2, 1, True)  # the ytd row is not excused
    [left] = checked.fired()["total_is_exports_plus_imports"]
    assert left["subject"] == "fct_trade_by_partner 2025-03 ytd WORLD"
    assert checked.report.unmatched_exceptions == []
    stale = edit.replace("2025-03 month WORLD", "2025-03 month USA")
    assert _check(s, stale).report.unmatched_exceptions == [
        f"total_is_exports_plus_imports / {release.release_key} / fct_trade_by_partner 2025-03 month USA"
    ]


def test_the_shipped_exceptions_are_sourced_and_name_real_rules() -> None:
    import csv

    with open(REFERENCE_DIR / "check_exceptions.csv", newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["rule", "release_key", "subject", "reason", "source"]
        rows = list(reader)
    names = {rule.name for rule in all_rules()}
    for row in rows:
        assert row["rule"] in names and re.fullmatch(r"[0-9a-f]{64}", row["release_key"]), row
        assert row["subject"] and row["reason"] and row["source"], row
    keys = [(row["rule"], row["release_key"], row["subject"]) for row in rows]
    assert len(keys) == len(set(keys))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_build_failing_an_error_rule_is_refused_and_the_published_file_is_untouched(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), CLEAN, parents=NESTED)
    published = s.publish()
    before = _sha(published)
    s.add("preliminary", "by_country", "USD", "2025-04", date(2025, 5, 9), [
        ("total", "month", "export", "value", "600.0"), (USA, "month", "export", "value", "700.0"),
    ])  # fmt: skip
    result = build(s.settings, s.releases, run_id="run-broken")
    with pytest.raises(QualityGateError) as caught:
        gate_build(s.settings, result, run_id="run-broken")
    message = str(caught.value)
    assert message.startswith(
        "run run-broken not published: error rules failed: partners_within_world (1 rows)"
    )
    assert "2025-04 month export USA: USA 700000000.000 > world 600000000.000" in message
    assert _sha(published) == before and not result.path.exists()
    refused = s.settings.rejected_dir / "run-broken.duckdb"
    con = duckdb.connect(str(refused), read_only=True)
    try:
        failures = con.sql("select run_id, rule, subject, url from meta.check_failures").fetchall()
        [runs] = con.sql("select count(*), count(*) filter (where blocking) from meta.check_runs").fetchall()
    finally:
        con.close()
    url = "http://english.customs.gov.cn/Statics/preliminary-by_country-USD-2025-04.html"
    assert failures == [("run-broken", "partners_within_world", "2025-04 month export USA", url)]
    assert runs == (13, 1)


def test_a_passing_build_records_its_checks_and_warnings(tmp_path: Path) -> None:
    s = _scenario(tmp_path)
    s.add("bulletin", "by_country", "USD", "2025-03", date(2025, 4, 20), [
        ("total", "month", "export", "value", "300000"), ("total", "ytd", "export", "value", "1000000"),
    ])  # fmt: skip
    s.add("bulletin", "by_country", "USD", "2025-04", date(2025, 5, 20), [
        ("total", "month", "export", "value", "310000"), ("total", "ytd", "export", "value", "1310007"),
    ])  # fmt: skip
    result = build(s.settings, s.releases, run_id="run-ok")
    report = gate_build(s.settings, result, run_id="run-ok")
    assert report.summary() == "checks: 13 rules, all error rules pass; 1 warn rows"
    con = duckdb.connect(str(result.path), read_only=True)
    try:
        assert con.sql("select rule, severity from meta.check_failures").fetchall() == [
            ("month_chains_to_ytd", "warn")
        ]
        assert con.sql("select count(*) from meta.check_runs where run_id = 'run-ok'").fetchall() == [(13,)]
    finally:
        con.close()


def test_an_incremental_check_covers_the_new_months_and_their_comparisons_and_nothing_else(
    tmp_path: Path,
) -> None:
    s = _scenario(tmp_path)
    broken = _page({"month": {"total": "910.0", "export": "600.0", "import": "300.0"}})
    s.add("preliminary", "by_country", "USD", "2024-02", date(2024, 3, 14), broken)
    s.add("preliminary", "by_country", "USD", "2025-03", date(2025, 4, 14), CLEAN, parents=NESTED)
    path = s.publish()
    con = connect(path)
    try:
        [march] = con.sql("select release_key from meta.releases where period_key = '2025-03-01'").fetchall()
        scope = check_scope(con, [march[0]])
        # March 2025 and what it is compared with: the months beside it and the same months a year before.
        assert scope == [
            date(2024, 3, 1),
            date(2025, 2, 1),
            date(2025, 3, 1),
            date(2025, 4, 1),
            date(2026, 3, 1),
        ]
        scoped = run_checks(con, data_dir=s.settings.data_dir, run_id="t", record=False, scope=scope)
        full = run_checks(con, data_dir=s.settings.data_dir, run_id="t", record=False)
        around_2024 = run_checks(
            con, data_dir=s.settings.data_dir, run_id="t", record=False, scope=[date(2024, 2, 1)]
        )
        # The temporary views are gone: the connection sees every fact again.
        assert con.sql("select count(distinct period_key) from fct_trade_by_partner").fetchall() == [(2,)]
    finally:
        con.close()
    # February 2024's broken total (published earlier, checked then) is outside March 2025's scope.
    assert not scoped.blocking and [r.rule.name for r in full.blocking] == ["total_is_exports_plus_imports"]
    assert [r.rule.name for r in around_2024.blocking] == ["total_is_exports_plus_imports"]
