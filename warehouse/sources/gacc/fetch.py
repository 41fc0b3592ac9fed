"""Fetch a URL into the raw archive, or take it from there when it is already kept.

Article pages are immutable at their URL (GACC publishes revisions as new pages), so one stored copy is
enough: asking again costs no request. Index pages change every month and are fetched each time; an
unchanged body is recognised by its sha256 and not stored again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from warehouse.errors import ChallengePageError, FetchError, NotFoundError, TransientFetchError
from warehouse.outcomes import PageOutcome, Status
from warehouse.progress import progress
from warehouse.sources.gacc.archive import RawArchive, RawFile
from warehouse.sources.gacc.client import Response
from warehouse.sources.gacc.index import IndexLink


class Client(Protocol):
    attempts: int

    def get(self, url: str) -> Response: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Fetched:
    raw: RawFile
    content: bytes


def fetch(url: str, client: Client, archive: RawArchive, *, refresh: bool) -> Fetched:
    if not refresh and (kept := archive.latest(url)) is not None:
        return Fetched(raw=kept, content=archive.read(kept))
    response = client.get(url)
    raw, _ = archive.store(response)
    return Fetched(raw=raw, content=response.content)


@dataclass
class FetchBatch:
    pages: list[tuple[IndexLink, Fetched]]
    outcomes: list[PageOutcome]
    transient: list[TransientFetchError] = field(default_factory=list)  # still failing after the retries


def fetch_pages(links: list[IndexLink], client: Client, archive: RawArchive) -> FetchBatch:
    """Fetch every linked article page not already kept; a 404 or a failure is an outcome, not a crash."""
    batch = FetchBatch(pages=[], outcomes=[])
    progress().stage("fetch", len(links))
    for link in links:
        try:
            batch.pages.append((link, fetch(link.url, client, archive, refresh=False)))
        except NotFoundError:
            batch.outcomes.append(link.outcome(Status.NOT_FOUND))
        except ChallengePageError:
            raise  # GACC's firewall: asking for more pages only digs deeper
        except FetchError as exc:
            if isinstance(exc, TransientFetchError):
                batch.transient.append(exc)
            batch.outcomes.append(link.outcome(Status.FAILED, str(exc)))
        progress().advance()
    return batch
