"""Shared test fixtures: real pages from the sample site, and isolated data directories."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from warehouse.load.database import connect

# Prefect reads its settings at import: keep its state out of the project and out of other test sessions.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="gacc-prefect-")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "samples" / "gacc-site"
GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"

GACC = "http://english.customs.gov.cn"
JANFEB_2025 = f"{GACC}/Statics/2ab97956-c57d-4387-8d60-a141b5a5b48b.html"
MAR_2026 = f"{GACC}/Statics/2e61c8a1-17b2-4074-b909-c039ccf8c8fb.html"
JAN_2018 = f"{GACC}/Statics/851cff3d-297f-4cf3-a500-5241199cc957.html"


def query(path: Path, sql: str) -> list[tuple]:
    """Rows of a query on a warehouse file, opened read-only as an analyst would."""
    con = connect(path, read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def site_file(url: str) -> Path:
    return SITE / url.removeprefix(GACC + "/")


def page(url: str) -> bytes:
    return site_file(url).read_bytes()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A private copy of the sample site that a test may break."""
    copy = tmp_path / "site"
    shutil.copytree(SITE, copy)
    return copy
