"""Loading is idempotent per release; publishing swaps whole files and keeps the previous one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import JANFEB_2025, MAR_2026, page

from warehouse.conform.release import conform
from warehouse.errors import LoadError, PublishError
from warehouse.load.build import build, needs_full_rebuild
from warehouse.load.database import apply_schema, connect
from warehouse.load.publish import publish
from warehouse.load.release import load_releases
from warehouse.parse.dispatch import parse_page
from warehouse.settings import Settings
from warehouse.sources.gacc.archive import RawArchive
from warehouse.sources.gacc.client import Response


def _release(settings: Settings, url: str):
    content = page(url)
    raw, _ = RawArchive(settings.raw_dir).store(
        Response(url, url, 200, content, "text/html", datetime(2026, 4, 8, tzinfo=UTC))
    )
    return conform(parse_page(content, url), raw)


def test_loading_twice_changes_nothing_and_values_are_exact(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    releases = [_release(settings, JANFEB_2025), _release(settings, MAR_2026)]
    first = build(settings, releases, run_id="r1")
    assert first.fresh and len(first.loaded) == 2
    publish(first.path, settings)
    assert not needs_full_rebuild(settings)
    second = build(settings, releases, run_id="r2")
    assert not second.fresh and second.loaded == [] and len(second.already) == 2
    con = connect(second.path, read_only=True)
    try:
        assert con.sql("select count(*) from fct_trade_by_partner").fetchall() == [(270,)]
        germany = con.sql(
            """select value, value_base, yoy_pct_published from fct_trade_by_partner
               where partner_key = 'DEU' and flow = 'import' and span = 'ytd'"""
        ).fetchall()[0]
        assert germany == (Decimal("1511.700"), Decimal("151170000000.000"), Decimal("2.100"))
        assert con.sql("select distinct loaded_by_run from meta.releases").fetchall() == [("r1",)]
    finally:
        con.close()


def test_a_batch_loads_only_what_is_new_once_and_says_what_was_held(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    janfeb, march = _release(settings, JANFEB_2025), _release(settings, MAR_2026)
    con = connect(tmp_path / "batch.duckdb")
    try:
        apply_schema(con)
        assert load_releases(con, [janfeb], run_id="r1", data_dir=tmp_path) == ([janfeb.release_key], [])
        loaded, already = load_releases(con, [janfeb, march, march], run_id="r2", data_dir=tmp_path)
        assert loaded == [march.release_key]
        assert already == [janfeb.release_key, march.release_key]  # held before; a second copy in the batch
        runs = con.sql(
            "select release_key, loaded_by_run from meta.releases order by loaded_by_run"
        ).fetchall()
        assert runs == [(janfeb.release_key, "r1"), (march.release_key, "r2")]
        facts = con.sql("select count(*) from fct_trade_by_partner").fetchall()[0][0]
        assert facts == janfeb.facts.height + march.facts.height == 270
        assert con.sql("select count(*) from meta.page_outcomes where status = 'loaded'").fetchall() == [(2,)]
    finally:
        con.close()


def test_a_release_that_does_not_load_whole_leaves_the_batch_out(tmp_path: Path) -> None:
    """An unknown value unit loads no row for its release: the count check names it, and the batch is rolled
    back — the good release beside it, the raw-file, release and ledger rows of both."""
    settings = Settings(data_dir=tmp_path)
    good = _release(settings, JANFEB_2025)
    march = _release(settings, MAR_2026)
    bad = replace(march, identity=replace(march.identity, unit_code="USD_7K"))
    con = connect(tmp_path / "batch.duckdb")
    try:
        apply_schema(con)
        with pytest.raises(LoadError, match="USD_7K") as caught:
            load_releases(con, [good, bad], run_id="r1", data_dir=tmp_path)
        assert march.identity.url in str(caught.value)
        for table in ("meta.releases", "meta.raw_files", "meta.page_outcomes", "fct_trade_by_partner"):
            assert con.sql(f"select count(*) from {table}").fetchall() == [(0,)], table
    finally:
        con.close()


def test_a_published_file_from_other_code_is_rebuilt(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    publish(build(settings, [_release(settings, MAR_2026)], run_id="r1").path, settings)
    con = connect(settings.warehouse_path)
    con.execute("update meta.build_info set value = 'older code' where key = 'fingerprint'")
    con.close()
    assert needs_full_rebuild(settings)


def test_publish_swaps_the_file_keeps_the_previous_and_drops_a_stale_wal(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    publish(build(settings, [_release(settings, JANFEB_2025)], run_id="r1").path, settings)
    first = settings.warehouse_path.read_bytes()
    stale = settings.warehouse_path.with_name("warehouse.duckdb.wal")
    stale.write_bytes(b"left by a crashed writer")
    publish(build(settings, [_release(settings, MAR_2026)], run_id="r2").path, settings)
    assert settings.previous_warehouse_path.read_bytes() == first
    assert not stale.exists()
    con = connect(settings.warehouse_path, read_only=True)
    try:
        assert con.sql("select count(*) from meta.releases").fetchall() == [(2,)]
    finally:
        con.close()


def test_an_unfinished_build_is_not_published(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    result = build(settings, [_release(settings, JANFEB_2025)], run_id="r1")
    result.path.with_name(result.path.name + ".wal").write_bytes(b"not checkpointed")
    with pytest.raises(PublishError, match="write-ahead log"):
        publish(result.path, settings)
    assert not settings.warehouse_path.exists()
