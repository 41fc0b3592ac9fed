"""Discovery: which article pages make up the releases asked for, from both products' index pages.

Selectors:

* ``latest`` — per product, the newest month linked on its current index (or last year's, early in a year);
* ``recent`` — every month linked on the current and the previous year's index: what the daily poll reads,
  so a month missed by a stopped scheduler is picked up by the next poll;
* ``YYYY-MM`` — one month; ``YYYY-MM..YYYY-MM`` — every month in the range, both ends included (a backfill);
* ``all`` — the current index and every past year its year selector offers.

Every index page fetched is kept in the raw archive. An archive-year index the server does not have (404) is
reported by URL and the rest carries on; a product's *current* index missing is an error (the site moved),
except offline, where it only means the archive never held that product.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from warehouse.errors import NotFoundError, ParseError
from warehouse.parse.titles import TableFamily
from warehouse.periods import Period
from warehouse.sources.gacc.archive import RawArchive
from warehouse.sources.gacc.fetch import Client, fetch
from warehouse.sources.gacc.index import IndexLink, IndexPage, parse_index
from warehouse.sources.gacc.site import Product, index_url


@dataclass(frozen=True)
class Selector:
    """Which periods a run asks for; see the module docstring for the forms."""

    kind: str  # latest | recent | all | range
    start: Period | None = None
    end: Period | None = None

    @classmethod
    def parse(cls, text: str) -> Selector:
        text = text.strip()
        if text in ("latest", "recent", "all"):
            return cls(text)
        first, dots, last = text.partition("..")
        try:
            start = Period.parse(first)
            end = Period.parse(last) if dots else start
        except ValueError:
            raise ValueError(
                f"not a selector: {text!r} (latest, recent, all, YYYY-MM or YYYY-MM..YYYY-MM)"
            ) from None
        if end < start:
            raise ValueError(f"range ends before it starts: {text!r}")
        return cls("range", start, end)

    def __str__(self) -> str:
        if self.kind != "range":
            return self.kind
        return str(self.start) if self.start == self.end else f"{self.start}..{self.end}"


@dataclass
class Discovery:
    links: list[IndexLink] = field(default_factory=list)
    missing: list[NotFoundError] = field(default_factory=list)  # index pages the server lacks
    refused: list[str] = field(default_factory=list)  # links to other hosts


def discover(
    selector: str | Selector,
    client: Client,
    archive: RawArchive,
    products: Iterable[Product] = tuple(Product),
    families: Collection[TableFamily] | None = None,
    *,
    require_current: bool = True,
) -> Discovery:
    """Index links for the selector in each product, restricted to ``families`` (None: every trade table)."""
    chosen = selector if isinstance(selector, Selector) else Selector.parse(selector)
    found = Discovery()
    for product in products:
        links = _discover_product(chosen, product, client, archive, found, require_current)
        found.links += [link for link in links if families is None or link.family in families]
    return found


def _discover_product(
    selector: Selector,
    product: Product,
    client: Client,
    archive: RawArchive,
    found: Discovery,
    require_current: bool,
) -> list[IndexLink]:
    current = _read_index(index_url(product), client, archive, product, found)
    if current is None:
        if not require_current:
            return []  # an offline rebuild of an archive that never held this product
        raise NotFoundError(index_url(product), f"the current {product} index page is missing")

    def page_of(year: int) -> IndexPage | None:
        if year == current.year:
            return current
        if year > current.year:
            return None  # not published yet
        return _read_index(index_url(product, year), client, archive, product, found)

    if selector.kind == "all":
        years = sorted({*current.years, current.year}, reverse=True)
        return [link for year in years if (page := page_of(year)) for link in page.links]
    if selector.kind == "recent":
        years = (current.year, current.year - 1)
        return [link for year in years if (page := page_of(year)) for link in page.links]
    if selector.kind == "latest":
        links = list(current.links)
        if not links:
            previous = page_of(current.year - 1)
            links = list(previous.links) if previous else []
        newest = max((link.period for link in links), default=None)
        return [link for link in links if link.period == newest]
    assert selector.start is not None and selector.end is not None
    years = range(selector.start.year, selector.end.year + 1)
    return [
        link
        for year in years
        if (page := page_of(year))
        for link in page.links
        if selector.start <= link.period <= selector.end
    ]


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
