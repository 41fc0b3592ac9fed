"""Discovery: which article pages make up the releases asked for.

Selectors: ``latest`` (the newest month linked on the current index, or on last year's if this year has
none yet), ``YYYY-MM`` (one month), ``all`` (the current index and every past year the selector offers).
Every index page fetched is kept in the raw archive. An index page the server does not have (404) is
reported by URL and the rest carries on.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from warehouse.errors import NotFoundError, ParseError
from warehouse.parse.titles import TableFamily
from warehouse.periods import Period
from warehouse.sources.gacc.archive import RawArchive
from warehouse.sources.gacc.fetch import Client, fetch
from warehouse.sources.gacc.index import IndexLink, IndexPage, parse_index
from warehouse.sources.gacc.site import Product, index_url


@dataclass
class Discovery:
    links: list[IndexLink] = field(default_factory=list)
    missing: list[NotFoundError] = field(default_factory=list)  # index pages the server lacks
    refused: list[str] = field(default_factory=list)  # links to other hosts


def discover(
    selector: str,
    client: Client,
    archive: RawArchive,
    product: Product = Product.PRELIMINARY,
    families: Collection[TableFamily] | None = None,
) -> Discovery:
    """Index links for the selector, restricted to ``families`` (all trade tables when None)."""
    found = Discovery()

    def wanted(link: IndexLink) -> bool:
        return families is None or link.family in families

    current = _read_index(index_url(product), client, archive, product, found)
    if current is None:
        raise NotFoundError(index_url(product), "the current index page is missing")
    if selector == "all":
        pages = [current] + [
            page
            for year in sorted(current.years, reverse=True)
            if year != current.year
            and (page := _read_index(index_url(product, year), client, archive, product, found))
        ]
        found.links = [link for page in pages for link in page.links if wanted(link)]
    elif selector == "latest":
        links = [link for link in current.links if wanted(link)]
        if not links:
            previous = _read_index(index_url(product, current.year - 1), client, archive, product, found)
            links = [link for link in previous.links if wanted(link)] if previous else []
        newest = max((link.period for link in links), default=None)
        found.links = [link for link in links if link.period == newest]
    else:
        period = Period.parse(selector)
        page = current
        if period.year != current.year:
            page = _read_index(index_url(product, period.year), client, archive, product, found)
        found.links = [
            link for link in (page.links if page else ()) if link.period == period and wanted(link)
        ]
    return found


def _read_index(
    url: str, client: Client, archive: RawArchive, product: Product, found: Discovery
) -> IndexPage | None:
    try:
        fetched = fetch(url, client, archive, refresh=True)
    except NotFoundError as missing:
        found.missing.append(missing)
        return None
    try:
        page = parse_index(fetched.content, url, product)
    except ParseError as exc:
        raise exc.located(url=url, table="index") from None
    found.refused.extend(page.refused)
    return page
