"""HTTP client for GACC pages: timeouts, a clear User-Agent, retries on transient failures only.

Transient = timeout, connection failure (refused, reset), a body shorter than its Content-Length, or
HTTP 5xx. Everything else is final at once: 404 (not published, or gone), 412 or a JavaScript-challenge
body (GACC's firewall; retrying only digs deeper), any other 4xx. Back-off doubles from
``http_backoff_s`` with full jitter.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import requests

from warehouse.errors import (
    ChallengePageError,
    FetchError,
    NotFoundError,
    TransientFetchError,
)
from warehouse.settings import Settings
from warehouse.sources.gacc.site import fetch_url

# GACC's firewall answers some clients with a small page of obfuscated JavaScript instead of the content.
_CHALLENGE_MARKERS = (b"$_ts", b"_$_ts", b"document.cookie", b"eval(function")


@dataclass(frozen=True)
class Response:
    url: str  # canonical GACC URL
    fetched_url: str  # what was actually requested (the mirror, in tests)
    status: int
    content: bytes
    content_type: str
    retrieved_at: datetime


class HttpClient:
    """Fetch canonical GACC URLs through ``settings.base_url``."""

    def __init__(self, settings: Settings, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self._settings = settings
        self._sleep = sleep
        self._session = requests.Session()
        self._session.headers["User-Agent"] = settings.user_agent
        self.attempts = 0  # requests sent, retries included (for the run report)

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Response:
        target = fetch_url(url, self._settings.base_url)
        retries = self._settings.http_retries
        for attempt in range(retries + 1):
            try:
                return self._get_once(url, target)
            except TransientFetchError:
                if attempt == retries:
                    raise
                backoff = self._settings.http_backoff_s * (2**attempt)
                self._sleep(random.uniform(0, backoff))
        raise AssertionError("unreachable")

    def _get_once(self, url: str, target: str) -> Response:
        self.attempts += 1
        timeout = self._settings.http_timeout_s
        try:
            reply = self._session.get(target, timeout=(timeout, timeout))
            content = reply.content
        except requests.Timeout as exc:
            raise TransientFetchError(url, f"timed out after {timeout:g} s") from exc
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            raise TransientFetchError(url, f"connection failed: {type(exc).__name__}") from exc
        status = reply.status_code
        declared = reply.headers.get("Content-Length")
        encoded = "Content-Encoding" in reply.headers  # then Content-Length counts compressed bytes
        if declared is not None and declared.isdigit() and int(declared) != len(content) and not encoded:
            raise TransientFetchError(url, f"truncated body: {len(content)} of {declared} bytes", status)
        if status >= 500:
            raise TransientFetchError(url, "server error", status)
        if status == 404:
            raise NotFoundError(url, "not found", status)
        if status == 412:
            raise ChallengePageError(url, "JavaScript challenge (HTTP 412)", status)
        if status != 200:
            raise FetchError(url, "unexpected HTTP status", status)
        content_type = reply.headers.get("Content-Type", "")
        if "html" in content_type and _looks_like_challenge(content):
            raise ChallengePageError(url, "JavaScript challenge page instead of content", status)
        return Response(
            url=url,
            fetched_url=target,
            status=status,
            content=content,
            content_type=content_type,
            retrieved_at=datetime.now(UTC),
        )


def _looks_like_challenge(content: bytes) -> bool:
    # A real GACC page is tens of kilobytes with the site's navigation; a challenge is a short script.
    return (
        len(content) < 8192
        and b"atcl" not in content
        and any(marker in content for marker in _CHALLENGE_MARKERS)
    )
