"""Every real GACC table we hold passes the quality gate: the pre-load checks and every error rule.

The corpus (tests/real_corpus.py) is 41 releases: 17 real pages and 24 complete transcriptions. The only
rule that fires is the warning month_chains_to_ytd, on the bulletin's customs-regime tables of 2019 and
2023, where each month's year to date restates the months before (GACC's revisions, kept as warnings).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest
from real_corpus import real_releases

from warehouse.cli import main
from warehouse.conform.release import ConformedRelease
from warehouse.errors import FrameCheckError
from warehouse.load.build import build
from warehouse.load.database import connect
from warehouse.load.publish import publish
from warehouse.quality.frames import check_release
from warehouse.quality.gate import GateReport, run_checks
from warehouse.settings import Settings


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, list[ConformedRelease]]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("corpus"))
    releases = real_releases(settings)
    publish(build(settings, releases, run_id="corpus").path, settings)
    return settings, releases


@pytest.fixture(scope="module")
def report(corpus) -> GateReport:
    settings, _ = corpus
    con = connect(settings.warehouse_path, read_only=True)
    try:
        return run_checks(con, data_dir=settings.data_dir, run_id="corpus", record=False)
    finally:
        con.close()


def test_the_corpus_is_every_loadable_real_table(corpus) -> None:
    _, releases = corpus
    families = sorted({(r.identity.product, r.identity.family) for r in releases})
    assert len(releases) == 41 and len(families) == 9


def test_every_real_release_passes_the_pre_load_checks(corpus) -> None:
    _, releases = corpus
    for release in releases:
        check_release(release)


def test_every_real_table_passes_every_error_rule(report: GateReport) -> None:
    assert not report.blocking
    statuses = {result.rule.name: result.status for result in report.results}
    assert statuses == {
        "balance_is_exports_minus_imports": "pass",
        "children_within_parent": "pass",
        "commodity_unit_dimension_stable": "pass",
        "facts_trace_to_raw": "pass",
        "group_members_within_group": "pass",
        "month_chains_to_ytd": "warn",
        "month_within_ytd": "pass",
        "no_unmapped_members": "pass",
        "partners_within_world": "pass",
        "total_is_exports_plus_imports": "pass",
        "unique_grain": "pass",
        "yoy_matches_prior_year": "pass",
        "yoy_matches_same_page": "pass",
    }


def test_the_rules_compare_real_figures_not_nothing(corpus) -> None:
    """The passes above are not vacuous: the pairs each rule compares exist in the corpus."""
    settings, _ = corpus
    con = connect(settings.warehouse_path, read_only=True)
    try:
        same_page_yoy = con.sql(
            """select count(*) from int_observations now join int_observations prior
               on prior.release_key = now.release_key and prior.fact_table = now.fact_table
              and prior.member_key = now.member_key and prior.span = now.span and prior.flow = now.flow
              and prior.measure = 'value' and prior.period_key = now.period_key - interval 1 year
               where now.measure = 'value' and now.yoy_pct_published is not null"""
        ).fetchall()
        group_sums = con.sql(
            """select count(distinct (p.release_key, p.period_key, p.span, p.flow, b.group_key))
               from fct_trade_by_partner p join bridge_partner_group b on b.partner_key = p.partner_key
               join fct_trade_by_partner g on g.release_key = p.release_key and g.partner_key = b.group_key
                and g.period_key = p.period_key and g.span = p.span and g.flow = p.flow"""
        ).fetchall()
    finally:
        con.close()
    assert same_page_yoy == [(221,)]  # commodity pages printing last year's value beside this year's
    assert group_sums == [(153,)]  # 11 groups × 9 bulletin and 6 groups × 9 preliminary page × span × flow


def test_the_bulletins_restatements_are_recorded_as_warnings(report: GateReport) -> None:
    warnings = report.failures.filter(pl.col("rule") == "month_chains_to_ytd")
    assert warnings.height == 133
    # Dec 2019 imports: Jan–Nov 1,881,977,078 + Dec 191,057,245 = 2,073,034,323, but the December bulletin
    # prints Jan–Dec 2,077,097,114 (US$1,000): earlier months revised up by US$4.06 bn.
    [total] = warnings.filter(pl.col("subject") == "fct_trade_by_regime 2019-12 import total").to_dicts()
    assert (total["observed"], total["expected"]) == (2_077_097_114_000, 2_073_034_323_000)
    assert total["detail"].endswith("+ 4062791000.000 (revision of earlier months)")


def test_gacc_check_prints_every_rule_and_exits_0_on_the_real_tables(corpus, capsys) -> None:
    settings, _ = corpus
    assert main(["check", "--data-dir", str(settings.data_dir)]) == 0
    out = capsys.readouterr().out
    assert "partners_within_world                error             0        0  pass" in out
    assert "month_chains_to_ytd                  warn            133        0  warn" in out
    assert out.rstrip().endswith("checks: 13 rules, all error rules pass; 133 warn rows")


def test_gacc_check_exits_1_naming_a_failing_rule(corpus, tmp_path: Path, capsys) -> None:
    settings, _ = corpus
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(settings.warehouse_path.read_bytes())
    con = connect(broken)
    # US$/CNY 10 bn more US exports on every page (6 page × span rows with a total; 3 bulletin ones nested
    # under North America, which with APEC makes 6 group sums)
    con.execute(
        "update fct_trade_by_partner set value_base = value_base + 10e9 "
        "where partner_key = 'USA' and flow = 'export'"
    )
    con.close()
    code = main(["check", "--data-dir", str(settings.data_dir), "--file", str(broken)])
    out = capsys.readouterr().out
    assert code == 1
    assert "total_is_exports_plus_imports        error             6        0  FAIL" in out
    assert out.rstrip().endswith(
        "checks: 13 rules, FAILED children_within_parent (3), group_members_within_group (6), "
        "total_is_exports_plus_imports (6); 133 warn rows"
    )
    assert main(["check", "--rule", "no_such_rule", "--data-dir", str(settings.data_dir)]) == 2


def _first(releases: list[ConformedRelease], family: str, product: str) -> ConformedRelease:
    return next(r for r in releases if r.identity.family == family and r.identity.product == product)


def test_a_truncated_page_is_refused_before_loading(corpus) -> None:
    _, releases = corpus
    release = _first(releases, "by_country", "bulletin")
    kept = release.facts["partner_key"].unique().sort().head(200)
    truncated = replace(release, facts=release.facts.filter(pl.col("partner_key").is_in(kept.implode())))
    with pytest.raises(FrameCheckError, match=r"200 members, fewer than any whole bulletin by_country page"):
        check_release(truncated)


def test_a_negative_value_is_refused_naming_its_row_and_cell(corpus) -> None:
    _, releases = corpus
    release = _first(releases, "major_exports", "preliminary")
    facts = release.facts.with_columns(
        value=pl.when(pl.col("source_row") == pl.col("source_row").max())
        .then(-pl.col("value"))
        .otherwise("value")
    )
    with pytest.raises(FrameCheckError) as caught:
        check_release(replace(release, facts=facts))
    error = caught.value
    assert error.message.startswith("negative value -") and error.row == release.facts["source_row"].max()
    assert error.url == release.identity.url and error.cell.startswith("-")


def test_an_unknown_unit_and_a_missing_column_are_refused(corpus) -> None:
    _, releases = corpus
    release = _first(releases, "major_exports", "bulletin")
    facts = release.facts.with_columns(
        quantity_unit_code=pl.when(pl.col("quantity_unit_code").is_not_null()).then(pl.lit("BUSHEL"))
    )
    with pytest.raises(
        FrameCheckError, match=r"quantity unit 'BUSHEL' is not in reference/quantity_units\.csv"
    ):
        check_release(replace(release, facts=facts))
    with pytest.raises(FrameCheckError, match=r"missing \['label_printed'\]"):
        check_release(replace(release, facts=release.facts.drop("label_printed")))
    with pytest.raises(FrameCheckError, match=r"value unit 'USD_10K' is not in reference/value_units\.csv"):
        check_release(replace(release, identity=replace(release.identity, unit_code="USD_10K")))


def test_a_printed_deficit_is_not_refused_as_a_negative_value(corpus) -> None:
    _, releases = corpus
    release = _first(releases, "by_country", "preliminary")
    world = release.facts.filter(pl.col("partner_key") == "WORLD", pl.col("flow") == "import")
    deficit = world.with_columns(flow=pl.lit("balance"), value=-pl.col("value"))
    check_release(replace(release, facts=pl.concat([release.facts, deficit])))
    negative_import = world.with_columns(value=-pl.col("value"))
    with pytest.raises(FrameCheckError, match="negative value -"):
        check_release(replace(release, facts=pl.concat([release.facts, negative_import])))
