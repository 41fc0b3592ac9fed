"""GACC index pages (``preliminary.html``, ``preliminary<YYYY>.html``): table rows × month links.

Each ``<tbody><tr>`` is one table × currency: cell 1 the title (no period), cell 2 twelve month items, a link
(unquoted absolute ``href``, text like `` Feb.``) where published and a ``<span>`` where not. In combined
years the January–February page is linked under ``Feb.``. The year of the current page (no suffix) is the
first option of the year selector; archive pages carry it in their URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html

from warehouse.errors import ForeignHostError, ParseError
from warehouse.outcomes import PageOutcome, Status
from warehouse.parse.titles import TableFamily, parse_title
from warehouse.periods import Period, month_number
from warehouse.sources.gacc.site import Product, canonical_url

_YEAR_IN_URL = re.compile(r"(?:preliminary|monthly)(\d{4})\.html$")


@dataclass(frozen=True)
class IndexLink:
    product: Product
    family: TableFamily
    currency: str | None
    period: Period
    row_title: str
    url: str  # canonical
    index_url: str

    def outcome(
        self, status: Status, detail: str | None = None, *, sha256: str | None = None, known: bool = False
    ) -> PageOutcome:
        """What happened to the page behind this link, labelled with what the index said it is."""
        return PageOutcome(
            self.url,
            status,
            period=str(self.period),
            table=self.family.value,
            currency=self.currency,
            detail=detail,
            product=self.product.value,
            sha256=sha256,
            known=known,
        )


@dataclass(frozen=True)
class IndexPage:
    url: str
    year: int
    years: tuple[int, ...]  # every year the selector offers
    links: tuple[IndexLink, ...]
    refused: tuple[str, ...]  # links to other hosts, not followed


def parse_index(content: bytes, url: str, product: Product) -> IndexPage:
    try:
        document = lxml.html.document_fromstring(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ParseError(f"index page is not readable HTML: {exc}", url=url, table="index") from None
    options = [o.strip() for o in document.xpath('//select[contains(@id, "sel")]/option/@value')]
    years = tuple(sorted({int(o) for o in options if o.isdigit()}))
    selected = document.xpath('//select[contains(@id, "sel")]/option[@selected]/@value')
    if match := _YEAR_IN_URL.search(url):
        year = int(match[1])
    elif selected and selected[0].strip().isdigit():
        year = int(selected[0])
    elif options and options[0].isdigit():
        year = int(options[0])  # the current page lists the current year first
    else:
        raise ParseError("cannot tell which year this index page is for", url=url, table="index")
    rows = document.xpath("//table//tbody/tr")
    if not rows:
        raise ParseError("no table rows on the index page", url=url, table="index")
    links: list[IndexLink] = []
    refused: list[str] = []
    for number, tr in enumerate(rows, start=1):
        cells = tr.xpath("./td")
        if len(cells) < 2:
            raise ParseError("index row without a month cell", url=url, table="index", row=number)
        row_title = " ".join(cells[0].text_content().split())
        info = parse_title(row_title)
        if info.family is None:
            continue  # freight supervision, inspection & quarantine: not trade values
        for anchor in cells[1].xpath(".//a[@href]"):
            label = anchor.text_content().strip()
            try:
                month = month_number(label)
            except ValueError:
                raise ParseError(
                    "month link with an unreadable label", url=url, table="index", row=number, cell=label
                ) from None
            try:
                target = canonical_url(anchor.get("href"), page_url=url)
            except ForeignHostError:
                refused.append(anchor.get("href"))
                continue
            links.append(
                IndexLink(
                    product=product,
                    family=info.family,
                    currency=info.currency,
                    period=Period(year, month),
                    row_title=row_title,
                    url=target,
                    index_url=url,
                )
            )
    return IndexPage(url=url, year=year, years=years, links=tuple(links), refused=tuple(refused))
