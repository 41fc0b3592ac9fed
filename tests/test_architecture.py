"""House rules that code review alone would let slip."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_warehouse_never_imports_prefect() -> None:
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "warehouse").rglob("*.py")
        if path.name != "__init__.py"
    )
    assert "warehouse.cli" in modules and len(modules) > 20
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + ("assert not [m for m in sys.modules if m.split('.')[0] == 'prefect'], 'prefect imported'")
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_sql_file_states_its_grain() -> None:
    files = sorted((ROOT / "sql").rglob("*.sql"))
    assert files
    for path in files:
        header = path.read_text().splitlines()[:4]
        assert header[0].startswith(f"-- {path.stem}") or header[0].startswith(f"-- meta.{path.stem}"), path
        assert any(line.startswith("-- Grain:") for line in header), path
