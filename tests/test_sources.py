"""The GACC edge: URLs, index pages, the raw archive, and the HTTP client over a real loopback server."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import GACC, JAN_2018, JANFEB_2025, MAR_2026, SITE, page, site_file

from warehouse.errors import ChallengePageError, ForeignHostError, NotFoundError, TransientFetchError
from warehouse.parse.titles import TableFamily
from warehouse.periods import Period
from warehouse.settings import Settings
from warehouse.sources.gacc.archive import ArchiveClient, CorruptRawFileError, RawArchive
from warehouse.sources.gacc.client import HttpClient, Response
from warehouse.sources.gacc.discover import discover
from warehouse.sources.gacc.fetch import fetch_pages
from warehouse.sources.gacc.index import parse_index
from warehouse.sources.gacc.mirror import Mirror
from warehouse.sources.gacc.site import Product, canonical_url, fetch_url, index_url

INDEX_2026 = f"{GACC}/statics/report/preliminary.html"


# --- URLs -----------------------------------------------------------------------------------------


def test_links_are_canonicalised_and_mapped_onto_the_base_url() -> None:
    excel = canonical_url(r"http://english.customs.gov.cn\Excel\7-en-人民币-2025-1-2_N21(2).xls")
    assert excel == f"{GACC}/Excel/7-en-%E4%BA%BA%E6%B0%91%E5%B8%81-2025-1-2_N21(2).xls"
    assert canonical_url("/Statics/x.html", page_url=INDEX_2026) == f"{GACC}/Statics/x.html"
    assert fetch_url(MAR_2026, "http://127.0.0.1:8123/") == (
        "http://127.0.0.1:8123/Statics/2e61c8a1-17b2-4074-b909-c039ccf8c8fb.html"
    )
    assert index_url(Product.PRELIMINARY, 2018) == f"{GACC}/statics/report/preliminary2018.html"
    assert index_url(Product.BULLETIN) == f"{GACC}/statics/report/monthly.html"


@pytest.mark.parametrize("link", ["http://evil.example/Statics/x.html", "https://www.customs.gov.cn/a.html"])
def test_links_to_other_hosts_are_refused(link: str) -> None:
    with pytest.raises(ForeignHostError, match="refusing a link"):
        canonical_url(link)


# --- index pages ----------------------------------------------------------------------------------


def test_the_real_2026_index() -> None:
    index = parse_index(page(INDEX_2026), INDEX_2026, Product.PRELIMINARY)
    assert index.year == 2026
    assert index.years == tuple(range(2018, 2027))
    # Tables (1)–(6) in CNY and USD, each linked under Feb. (the Jan–Feb page) and Mar.; (7), (8) skipped.
    assert len(index.links) == 24
    assert {link.period for link in index.links} == {Period(2026, 2), Period(2026, 3)}
    by_country = {
        (link.currency, str(link.period)): link.url
        for link in index.links
        if link.family is TableFamily.BY_COUNTRY
    }
    assert by_country == {
        ("CNY", "2026-02"): f"{GACC}/Statics/47e53257-a14f-4a19-a17c-b5beea64f822.html",
        ("CNY", "2026-03"): MAR_2026,
        ("USD", "2026-02"): f"{GACC}/Statics/0ed684ce-a5d7-45b8-ab53-0f30b3a8c7c1.html",
        ("USD", "2026-03"): f"{GACC}/Statics/66580503-6688-49b2-bd23-de154e5677d5.html",
    }
    families = {link.family for link in index.links}
    assert families == {  # the preliminary index lists tables (1)-(6); (7)/(8) are not trade values
        TableFamily.TOTALS,
        TableFamily.TRADE_MODE,
        TableFamily.BY_COUNTRY,
        TableFamily.MAJOR_EXPORTS,
        TableFamily.MAJOR_IMPORTS,
    }


def test_an_archive_year_takes_its_year_from_the_url() -> None:
    url = f"{GACC}/statics/report/preliminary2025.html"
    index = parse_index((SITE / "statics/report/preliminary2025.html").read_bytes(), url, Product.PRELIMINARY)
    assert index.year == 2025
    assert [(link.period, link.url) for link in index.links] == [(Period(2025, 2), JANFEB_2025)]


def test_an_index_link_to_another_host_is_refused_not_followed() -> None:
    content = page(INDEX_2026).replace(
        b"http://english.customs.gov.cn/Statics/2e61c8a1", b"http://evil.example/Statics/2e61c8a1"
    )
    index = parse_index(content, INDEX_2026, Product.PRELIMINARY)
    assert index.refused == ("http://evil.example/Statics/2e61c8a1-17b2-4074-b909-c039ccf8c8fb.html",)
    assert MAR_2026 not in {link.url for link in index.links}


# --- raw archive ----------------------------------------------------------------------------------


def _response(url: str, content: bytes) -> Response:
    return Response(url, url, 200, content, "text/html", datetime(2026, 4, 8, 10, 0, tzinfo=UTC))


def test_the_archive_keeps_bytes_and_a_sidecar_and_stores_a_body_once(tmp_path: Path) -> None:
    archive = RawArchive(tmp_path)
    content = page(MAR_2026)
    raw, new = archive.store(_response(MAR_2026, content))
    again, new_again = archive.store(_response(MAR_2026, content))
    assert (new, new_again) == (True, False)
    assert raw.path.read_bytes() == content and raw == again
    assert raw.sha256 == hashlib.sha256(content).hexdigest()
    sidecar = json.loads(raw.path.with_suffix(".json").read_text())
    assert sidecar["url"] == MAR_2026 and sidecar["sha256"] == raw.sha256 and sidecar["status"] == 200
    assert sidecar["retrieved_at"] == "2026-04-08T10:00:00+00:00"
    assert (
        raw.path.parent
        == tmp_path / "english.customs.gov.cn/Statics/2e61c8a1-17b2-4074-b909-c039ccf8c8fb.html"
    )
    assert len(list(raw.path.parent.iterdir())) == 2


def test_a_changed_index_page_becomes_a_new_version(tmp_path: Path) -> None:
    archive = RawArchive(tmp_path)
    archive.store(_response(INDEX_2026, b"<html>old</html>"))
    later = replace(_response(INDEX_2026, b"<html>new</html>"), retrieved_at=datetime(2026, 5, 9, tzinfo=UTC))
    archive.store(later)
    assert [v.size for v in archive.versions(INDEX_2026)] == [16, 16]
    assert ArchiveClient(archive).get(INDEX_2026).content == b"<html>new</html>"


def test_a_tampered_raw_file_is_detected(tmp_path: Path) -> None:
    archive = RawArchive(tmp_path)
    raw, _ = archive.store(_response(MAR_2026, page(MAR_2026)))
    raw.path.write_bytes(b"changed")
    with pytest.raises(CorruptRawFileError, match="does not match its sha256"):
        archive.read(raw)


# --- HTTP client against the loopback mirror ------------------------------------------------------


@pytest.fixture
def mirror():
    with Mirror(SITE) as server:
        yield server


def _client(mirror: Mirror, **overrides: object) -> HttpClient:
    settings = Settings(base_url=mirror.base_url, http_backoff_s=0.01, http_timeout_s=2.0)
    return HttpClient(replace(settings, **overrides))


def test_the_client_fetches_through_the_mirror_with_a_clear_user_agent(mirror: Mirror) -> None:
    with _client(mirror) as client:
        response = client.get(MAR_2026)
    assert response.content == page(MAR_2026)
    assert response.url == MAR_2026 and response.fetched_url.startswith("http://127.0.0.1:")
    assert mirror.paths() == ["/Statics/2e61c8a1-17b2-4074-b909-c039ccf8c8fb.html"]
    assert mirror.requests[0].user_agent.startswith("gacc-warehouse/0.1.0 (")


def test_paths_are_case_insensitive_like_gacc(mirror: Mirror) -> None:
    with _client(mirror) as client:
        assert client.get(f"{GACC}/STATICS/REPORT/Preliminary.html").content == page(INDEX_2026)


@pytest.mark.parametrize("fault", [500, 503, "reset", "truncate", "slow:3"])
def test_transient_faults_are_retried(mirror: Mirror, fault: int | str) -> None:
    path = "/Statics/2e61c8a1-17b2-4074-b909-c039ccf8c8fb.html"
    mirror.inject(path, fault)
    with _client(mirror, http_timeout_s=1.0) as client:
        assert client.get(MAR_2026).content == page(MAR_2026)
        assert client.attempts == 2
    assert mirror.paths() == [path, path]


def test_transient_faults_end_in_a_typed_error_after_the_retries(mirror: Mirror) -> None:
    mirror.inject("/Statics/2e61c8a1-17b2-4074-b909-c039ccf8c8fb.html", 500, 502, 503, 504)
    with _client(mirror, http_retries=3) as client, pytest.raises(TransientFetchError) as caught:
        client.get(MAR_2026)
    assert (caught.value.url, caught.value.status, client.attempts) == (MAR_2026, 504, 4)


@pytest.mark.parametrize(
    ("fault", "error"), [(404, NotFoundError), (412, ChallengePageError), ("challenge", ChallengePageError)]
)
def test_final_answers_are_not_retried(mirror: Mirror, fault: int | str, error: type) -> None:
    mirror.inject("/Statics/2e61c8a1-17b2-4074-b909-c039ccf8c8fb.html", fault)
    with _client(mirror) as client, pytest.raises(error) as caught:
        client.get(MAR_2026)
    assert caught.value.url == MAR_2026 and client.attempts == 1


def test_a_missing_page_is_a_404(mirror: Mirror) -> None:
    with _client(mirror) as client, pytest.raises(NotFoundError):
        client.get(f"{GACC}/Statics/00000000-0000-0000-0000-000000000000.html")


# --- discovery ------------------------------------------------------------------------------------


def test_discovery_of_every_year_reports_missing_archive_years(mirror: Mirror, tmp_path: Path) -> None:
    archive = RawArchive(tmp_path)
    with _client(mirror) as client:
        found = discover("all", client, archive)
    missing = sorted(error.url for error in found.missing)
    assert missing == [index_url(Product.PRELIMINARY, y) for y in range(2019, 2025)]
    by_country = sorted(
        (str(link.period), link.currency, link.url)
        for link in found.links
        if link.family.value == "by_country"
    )
    assert by_country[:2] == [("2018-01", "CNY", JAN_2018), ("2025-02", "CNY", JANFEB_2025)]
    assert len(by_country) == 6
    stored = {raw.url for raw in archive.all_files()}
    assert stored == {INDEX_2026, index_url(Product.PRELIMINARY, 2025), index_url(Product.PRELIMINARY, 2018)}


def test_latest_and_one_period(mirror: Mirror, tmp_path: Path) -> None:
    archive = RawArchive(tmp_path)
    with _client(mirror) as client:
        latest = discover("latest", client, archive)
        one = discover("2025-02", client, archive)
    assert {link.period for link in latest.links} == {Period(2026, 3)}
    assert [link.url for link in one.links] == [JANFEB_2025]
    assert site_file(JANFEB_2025).exists()


def test_a_challenge_page_stops_the_whole_fetch(mirror: Mirror, tmp_path: Path) -> None:
    archive = RawArchive(tmp_path)
    with _client(mirror) as client:
        links = [link for link in discover("all", client, archive).links if link.family.value == "by_country"]
        mirror.inject("/Statics/851cff3d-297f-4cf3-a500-5241199cc957.html", 412)
        mirror.requests.clear()
        with pytest.raises(ChallengePageError):
            fetch_pages(sorted(links, key=lambda link: link.period), client, archive)
    assert mirror.paths() == ["/Statics/851cff3d-297f-4cf3-a500-5241199cc957.html"]
