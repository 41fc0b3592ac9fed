"""The GACC edge: URLs, index pages, the raw archive, and the HTTP client over a real loopback server."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
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
from warehouse.sources.gacc.discover import Selector, discover
from warehouse.sources.gacc.fetch import fetch_pages
from warehouse.sources.gacc.index import parse_index
from warehouse.sources.gacc.mirror import Mirror
from warehouse.sources.gacc.site import Product, canonical_url, fetch_url, index_url

INDEX_2026 = f"{GACC}/statics/report/preliminary.html"
INDEX_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "index"


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
    assert missing == sorted(
        [index_url(Product.PRELIMINARY, y) for y in range(2019, 2025)]
        + [index_url(Product.BULLETIN, y) for y in range(2018, 2026)]
    )
    by_country = sorted(
        (str(link.period), link.product.value, link.currency, link.url)
        for link in found.links
        if link.family.value == "by_country"
    )
    assert by_country[:2] == [
        ("2018-01", "preliminary", "CNY", JAN_2018),
        ("2025-02", "preliminary", "CNY", JANFEB_2025),
    ]
    assert len(by_country) == 6 + 7  # preliminary: 2018, 2025, 4 in 2026; bulletin (2): Jan.–Jul. 2026
    stored = {raw.url for raw in archive.all_files()}
    assert stored == {
        INDEX_2026,
        index_url(Product.PRELIMINARY, 2025),
        index_url(Product.PRELIMINARY, 2018),
        index_url(Product.BULLETIN),
    }


def test_latest_and_one_period(mirror: Mirror, tmp_path: Path) -> None:
    archive = RawArchive(tmp_path)
    with _client(mirror) as client:
        latest = discover("latest", client, archive)
        one = discover("2025-02", client, archive)
    # Each product's newest month: the preliminary index reaches March, the bulletin index July.
    assert {(link.product, link.period) for link in latest.links} == {
        (Product.PRELIMINARY, Period(2026, 3)),
        (Product.BULLETIN, Period(2026, 7)),
    }
    assert [link.url for link in one.links] == [JANFEB_2025]
    assert site_file(JANFEB_2025).exists()


def test_a_range_reads_only_the_index_pages_of_its_years(mirror: Mirror, tmp_path: Path) -> None:
    archive = RawArchive(tmp_path)
    with _client(mirror) as client:
        found = discover("2026-01..2026-06", client, archive)
    assert mirror.paths() == ["/statics/report/preliminary.html", "/statics/report/monthly.html"]
    periods = {(link.product, str(link.period)) for link in found.links}
    assert periods == {(Product.PRELIMINARY, "2026-02"), (Product.PRELIMINARY, "2026-03")} | {
        (Product.BULLETIN, f"2026-0{month}") for month in range(1, 7)
    }
    assert sum(link.product is Product.BULLETIN for link in found.links) == 19 * 6


def test_recent_reads_this_and_last_years_index_pages(mirror: Mirror, tmp_path: Path) -> None:
    archive = RawArchive(tmp_path)
    with _client(mirror) as client:
        found = discover("recent", client, archive)
    assert sorted(mirror.paths()) == sorted(
        [
            "/statics/report/preliminary.html",
            "/statics/report/preliminary2025.html",
            "/statics/report/monthly.html",
            "/statics/report/monthly2025.html",
        ]
    )
    assert [missing.url for missing in found.missing] == [index_url(Product.BULLETIN, 2025)]
    assert {str(link.period) for link in found.links if link.product is Product.PRELIMINARY} == {
        "2025-02",
        "2026-02",
        "2026-03",
    }


def test_a_missing_current_index_is_an_error_online_and_nothing_offline(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "statics" / "report").mkdir(parents=True)
    (site / "statics" / "report" / "preliminary.html").write_bytes(page(INDEX_2026))
    with Mirror(site) as mirror, _client(mirror) as client, pytest.raises(NotFoundError) as caught:
        discover("recent", client, RawArchive(tmp_path / "raw"))
    assert caught.value.url == index_url(Product.BULLETIN)
    offline = ArchiveClient(RawArchive(tmp_path / "raw"))
    found = discover("recent", offline, RawArchive(tmp_path / "raw"), require_current=False)
    assert {link.product for link in found.links} == {Product.PRELIMINARY}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("recent", Selector("recent")),
        ("latest", Selector("latest")),
        ("all", Selector("all")),
        ("2025-02", Selector("range", Period(2025, 2), Period(2025, 2))),
        ("2018-01..2025-11", Selector("range", Period(2018, 1), Period(2025, 11))),
    ],
)
def test_selectors(text: str, expected: Selector) -> None:
    assert Selector.parse(text) == expected
    assert str(Selector.parse(text)) == text


@pytest.mark.parametrize("text", ["2025-13", "2025-11..2018-01", "yesterday", "2025-01..", "2025-1-1"])
def test_a_bad_selector_is_refused_before_any_request(text: str) -> None:
    with pytest.raises(ValueError, match=r"not a selector|range ends before it starts"):
        Selector.parse(text)


def test_the_real_bulletin_index_pages_parse_by_title_and_month(tmp_path: Path) -> None:
    index_2026 = (INDEX_FIXTURES / "bulletin_index_2026.html").read_bytes()
    page_2026 = parse_index(index_2026, index_url(Product.BULLETIN), Product.BULLETIN)
    assert page_2026.year == 2026 and page_2026.years == tuple(range(2018, 2027))
    # 19 rows, each linking Jan.–Jul. (the bulletin publishes January alone; Aug.–Dec. are <span>s).
    assert len(page_2026.links) == 19 * 7 and page_2026.refused == ()
    assert {link.period.month for link in page_2026.links} == set(range(1, 8))
    by_family = Counter(link.family.value for link in page_2026.links)
    assert by_family == {
        "summary": 14,
        "by_country": 7,
        "composition": 14,
        "trade_mode": 7,
        "enterprise_trade_mode": 14,
        "location": 21,
        "special": 14,
        "major_exports": 7,
        "major_imports": 7,
        "partner_hs": 14,
        "commodity_trade_mode": 14,
    }
    [june] = [
        link for link in page_2026.links if link.family.value == "by_country" and link.period.month == 6
    ]
    assert june.url == f"{GACC}/Statics/2d569f57-a86e-4d63-94fb-d3000b039aa7.html" and june.currency is None
    index_2018 = (INDEX_FIXTURES / "bulletin_index_2018.html").read_bytes()
    page_2018 = parse_index(index_2018, index_url(Product.BULLETIN, 2018), Product.BULLETIN)
    assert page_2018.year == 2018 and len(page_2018.links) == 19 * 12
    assert {link.period for link in page_2018.links} == {Period(2018, m) for m in range(1, 13)}


def test_a_challenge_page_stops_the_whole_fetch(mirror: Mirror, tmp_path: Path) -> None:
    archive = RawArchive(tmp_path)
    with _client(mirror) as client:
        links = [link for link in discover("all", client, archive).links if link.family.value == "by_country"]
        mirror.inject("/Statics/851cff3d-297f-4cf3-a500-5241199cc957.html", 412)
        mirror.requests.clear()
        with pytest.raises(ChallengePageError):
            fetch_pages(sorted(links, key=lambda link: link.period), client, archive)
    assert mirror.paths() == ["/Statics/851cff3d-297f-4cf3-a500-5241199cc957.html"]
