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


# Real GACC pages the tests read, each held once under samples/ (provenance: samples/templates/README.md).
TEMPLATES = ROOT / "samples" / "templates"
# The two bulletin (2) pages are the sample site's own, under their real URLs.
_ON_SITE = {
    "bulletin_t02_by_country_2026-01_usd.html": SITE
    / "Statics"
    / "6e9d4074-409f-46a1-883c-3278c5b5b31c.html",
    "bulletin_t02_by_country_2026-06_usd.html": SITE
    / "Statics"
    / "2d569f57-a86e-4d63-94fb-d3000b039aa7.html",
}


def real_page(name: str) -> Path:
    """A real page by its descriptive name (``bulletin_t13_major_exports_2026-07_usd.html``): the copy in
    ``samples/templates``, or the sample site's page for the two bulletin (2) pages."""
    return _ON_SITE.get(name, TEMPLATES / name)


def real_pages(pattern: str = "*.html") -> list[Path]:
    """Every page in ``samples/templates`` matching ``pattern``, by name (the sample site's not included)."""
    return sorted(TEMPLATES.glob(pattern))
