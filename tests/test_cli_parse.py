"""``gacc parse``: the operator's tool for a saved page — identity and tidy frame, or the typed error."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import real_page

from warehouse.cli import main


def test_json_output_carries_identity_warnings_and_rows(capsys: pytest.CaptureFixture[str]) -> None:
    page = real_page("bulletin_t13_major_exports_2026-07_usd.html")
    assert (
        main(
            ["parse", str(page), "--url", "http://english.customs.gov.cn/Statics/x.html", "--format", "json"]
        )
        == 0
    )
    out = capsys.readouterr()
    document = json.loads(out.out)
    assert document["identity"]["product"] == "bulletin"
    assert document["identity"]["family"] == "major_exports"
    assert document["identity"]["period"] == "2026-07"
    assert len(document["warnings"]) == 3 and "'*REF!'" in document["warnings"][0]
    assert "warning: row 209, column 3" in out.err
    rare = [
        row
        for row in document["rows"]
        if row["label_key"] == "rare-earth ore, metals, compounds" and row["measure"] == "quantity"
    ]
    assert [(row["span"], row["unit"]) for row in rare] == [("month", "T"), ("ytd", "T")]


def test_csv_output_keeps_codes_as_printed(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["parse", str(real_page("release_section6_major_imports_may2026_cny.html")), "--format", "csv"])
        == 0
    )
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    soy = [
        r
        for r in rows
        if r["label_key"] == "soya beans" and r["span"] == "month" and r["measure"] == "quantity"
    ]
    assert len(soy) == 1 and soy[0]["unit"] == "10,000 Tons" and soy[0]["period"] == "2026-05"
    assert len(rows) == 272


def test_a_broken_page_prints_the_typed_error_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = (real_page("release_section6_major_imports_may2026_cny.html")).read_text(encoding="utf-8")
    broken = tmp_path / "broken.html"
    broken.write_text(content.replace("10,000 Tons", "10,000 Widgets", 1), encoding="utf-8")
    assert main(["parse", str(broken), "--url", "http://english.customs.gov.cn/Statics/y.html"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ParseError: unknown quantity unit '10,000 Widgets'")
    assert (
        "table=major_imports" in err
        and "column=1" in err
        and "url=http://english.customs.gov.cn/Statics/y.html" in err
    )


def test_index_hints_check_the_page(capsys: pytest.CaptureFixture[str]) -> None:
    page = str(real_page("release_section5_major_exports_may2026_usd.html"))
    assert main(["parse", page, "--period", "2026-05", "--currency", "USD", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["identity"]["currency"] == "USD"
    assert main(["parse", page, "--period", "2026-04"]) == 2
    assert "title says 2026-05 but the index links it as 2026-04" in capsys.readouterr().err
