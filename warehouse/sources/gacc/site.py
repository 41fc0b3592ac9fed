"""Where things are on GACC's English site, and how its links map onto the configured base URL.

Index pages link articles with absolute ``http://english.customs.gov.cn/...`` URLs (unquoted, sometimes with
backslashes). The warehouse stores every page under its *canonical* GACC URL, whatever server actually served
it, so a raw archive fetched from a mirror rebuilds exactly like one fetched from GACC.
"""

from __future__ import annotations

from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from warehouse.errors import ForeignHostError
from warehouse.parse.titles import Product

__all__ = ["CANONICAL_HOST", "CANONICAL_ORIGIN", "Product", "canonical_url", "fetch_url", "index_url"]

CANONICAL_ORIGIN = "http://english.customs.gov.cn"
CANONICAL_HOST = "english.customs.gov.cn"


_INDEX_STEM = {Product.PRELIMINARY: "preliminary", Product.BULLETIN: "monthly"}


def index_url(product: Product, year: int | None = None) -> str:
    """Canonical index URL: the current year has no suffix, past years ``<stem><YYYY>.html``."""
    suffix = "" if year is None else str(year)
    return f"{CANONICAL_ORIGIN}/statics/report/{_INDEX_STEM[product]}{suffix}.html"


def canonical_url(link: str, *, page_url: str = CANONICAL_ORIGIN + "/") -> str:
    """Resolve a link found on a GACC page to its canonical absolute URL.

    Backslashes become slashes and non-ASCII or unsafe characters are percent-encoded (GACC's Excel links
    carry Chinese characters, spaces and parentheses). Links to any host but GACC's are refused.
    """
    cleaned = link.strip().replace("\\", "/")
    absolute = urljoin(page_url, cleaned)
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or parts.hostname != CANONICAL_HOST:
        raise ForeignHostError(link, f"refusing a link outside {CANONICAL_HOST}")
    path = quote(parts.path, safe="/%()-._~!$&'*+,;=:@")
    return urlunsplit(("http", CANONICAL_HOST, path, parts.query, ""))


def fetch_url(canonical: str, base_url: str) -> str:
    """Map a canonical GACC URL onto the configured base URL (GACC itself, or a mirror)."""
    parts = urlsplit(canonical)
    if parts.hostname != CANONICAL_HOST:
        raise ForeignHostError(canonical, f"not a {CANONICAL_HOST} URL")
    base = urlsplit(base_url.rstrip("/"))
    path = base.path.rstrip("/") + parts.path
    return urlunsplit((base.scheme, base.netloc, path, parts.query, ""))
