"""`gacc docs`: the data dictionary comes from the catalog's comments, and the committed copy is current."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from warehouse.cli import main
from warehouse.dictionary import render_dictionary


def test_gacc_docs_writes_every_view_with_its_columns_and_macros(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dictionary.md"
    assert main(["docs", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    text = out.read_text(encoding="utf-8")
    assert "### `rpt_trade_balance_ytd` (view)" in text
    assert (
        "| `balance_ytd_minus_last_full_year` | DECIMAL(38,3) | balance_ytd − balance_last_full_year: "
        "positive = this year's surplus so far already exceeds all of last year's. |"
    ) in text
    assert "| `fct_trade_by_partner_as_of(as_of_date)` |" in text
    assert "### `meta.releases` (table)" in text and "*(no comment)*" not in text


def test_the_committed_data_dictionary_is_current() -> None:
    committed = (ROOT / "docs" / "data_dictionary.md").read_text(encoding="utf-8")
    assert committed == render_dictionary(), "docs/data_dictionary.md is stale: run `gacc docs`"
