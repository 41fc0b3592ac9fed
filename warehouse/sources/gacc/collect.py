"""Collect the pages of a selector: read both products' index pages, then fetch every linked article.

Kept article pages cost no request (``fetch``), so collecting again after a failure asks only for what is
still missing — which is why a failure that stays transient after the client's own retries raises
``IncompleteFetchError`` and the caller may simply run ``collect`` again, later.
"""

from __future__ import annotations

from dataclasses import dataclass

from warehouse.errors import TransientFetchError
from warehouse.sources.gacc.archive import RawArchive
from warehouse.sources.gacc.discover import Discovery, Selector, discover
from warehouse.sources.gacc.fetch import Client, FetchBatch, fetch_pages


@dataclass
class Collected:
    found: Discovery
    batch: FetchBatch
    requests: int  # HTTP requests sent, retries included


class IncompleteFetchError(TransientFetchError):
    """Pages still failing transiently after the client's retries; carries everything collected."""

    def __init__(self, collected: Collected) -> None:
        first = collected.batch.transient[0]
        count = len(collected.batch.transient)
        super().__init__(first.url, f"{count} page(s) still failing transiently; first: {first.reason}")
        self.collected = collected


def collect(
    selector: Selector,
    client: Client,
    archive: RawArchive,
    *,
    require_current: bool = True,
) -> Collected:
    found = discover(selector, client, archive, require_current=require_current)
    batch = fetch_pages(found.links, client, archive)
    collected = Collected(found=found, batch=batch, requests=client.attempts)
    if batch.transient:
        raise IncompleteFetchError(collected)
    return collected
