"""Every real GACC table we hold, loaded into one warehouse through the real parse → conform → load path.

The corpus: the sample site's pages (three preliminary and two bulletin by-country pages), the real commodity
pages in ``samples/templates`` (bulletin and preliminary), the two preliminary commodity pages in
``shared/gacc/raw``, and every complete transcription in ``shared/gacc/tables`` of the loadable families with
no HTML page here (trade mode, customs regime, enterprise type). Each is stored in a raw archive exactly as
read (a transcription's raw file is its text), so every fact traces to a raw file.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from conftest import GACC, ROOT, SITE, real_pages
from transcripts import TABLES, read_transcript

from warehouse.conform.release import ConformedRelease, conform
from warehouse.errors import NoTableError
from warehouse.parse.dispatch import parse_article, parse_page
from warehouse.parse.titles import TableFamily, parse_title
from warehouse.settings import Settings
from warehouse.sources.gacc.archive import RawArchive
from warehouse.sources.gacc.client import Response

RAW = ROOT.parent / "shared" / "gacc" / "raw"
RAW_PAGES = (
    "hoyla-meridian__release_section5_major_exports_janfeb2025_cny.html",
    "hoyla-meridian__release_section5_major_exports_may2025_cny.html",
)
TRANSCRIBED_ONLY = (TableFamily.TRADE_MODE, TableFamily.ENTERPRISE_TRADE_MODE)
RETRIEVED = datetime(2026, 11, 24, tzinfo=UTC)


def _html_pages() -> list[tuple[str, Path]]:
    """Each real page once: the sample site serves some fixture pages under their real URL, which wins."""
    site = [(f"{GACC}/{path.relative_to(SITE)}", path) for path in sorted((SITE / "Statics").glob("*.html"))]
    templates = [path for path in real_pages() if path.name not in RAW_PAGES]  # those are loaded as raw-…
    fixtures = [(f"{GACC}/Statics/fixture-{path.stem}.html", path) for path in templates]
    raw = [(f"{GACC}/Statics/raw-{name.removesuffix('.html')}.html", RAW / name) for name in RAW_PAGES]
    on_site = {path.read_bytes() for _, path in site}
    return site + [(url, path) for url, path in fixtures + raw if path.read_bytes() not in on_site]


def complete_transcriptions() -> list[str]:
    """Whole transcriptions (not ``_PARTIAL``, not truncated) of loadable families with no HTML page here.

    The by-country and commodity transcriptions are of pages the corpus holds as HTML (and their text loses
    the indentation that nests partners under blocs), so the HTML is loaded instead."""
    names = []
    for path in sorted(TABLES.glob("*_usd.txt")) + sorted(TABLES.glob("*_cny.txt")):
        if "_PARTIAL" in path.name or "cn-express" in path.name:
            continue
        transcript = read_transcript(path.name)
        info = parse_title(transcript.page.title)
        if transcript.truncated or info.family not in TRANSCRIBED_ONLY:
            continue
        names.append(path.name)
    return names


def real_releases(settings: Settings) -> list[ConformedRelease]:
    archive = RawArchive(settings.raw_dir)
    releases = []
    for url, path in _html_pages():
        content = path.read_bytes()
        try:
            parsed = parse_page(content, url)
        except NoTableError:  # the January 2018 page prints its table as an image
            continue
        raw, _ = archive.store(Response(url, url, 200, content, "text/html", RETRIEVED))
        releases.append(conform(parsed, raw))
    for name in complete_transcriptions():
        transcript = read_transcript(name)
        content = (TABLES / name).read_bytes()
        raw, _ = archive.store(
            Response(transcript.url, transcript.url, 200, content, "text/plain", RETRIEVED)
        )
        releases.append(conform(parse_article(transcript.page), raw))
    return releases
