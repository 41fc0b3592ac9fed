"""Fetched pages → releases ready to load: parse, conform, then the pre-load checks, page by page.

A page that fails any of the three becomes a ``failed`` outcome naming its URL, row and cell, and nothing of
it is loaded; pages with no table or no parser yet are terminal outcomes.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from warehouse.conform.release import LOADABLE_FAMILIES, ConformedRelease, conform
from warehouse.errors import NoTableError, ParseError, UnsupportedTableError
from warehouse.outcomes import PageOutcome, Status
from warehouse.parse.dispatch import PARSERS, parse_page
from warehouse.parse.identity import IndexHint
from warehouse.progress import progress
from warehouse.quality.frames import check_release
from warehouse.sources.gacc.fetch import Fetched
from warehouse.sources.gacc.index import IndexLink


@dataclass
class Prepared:
    releases: list[ConformedRelease]
    outcomes: list[PageOutcome]


PARALLEL_FROM = 24  # pages; fewer are parsed in this process (starting workers costs about a second)


def prepare(
    pages: list[tuple[IndexLink, Fetched]],
    known: Mapping[tuple[str, str], Status] | None = None,
    *,
    workers: int = 1,
) -> Prepared:
    """Parse, conform and check every fetched page; terminal pages and errors become outcomes.

    ``known`` maps (url, sha256) of page versions the published warehouse already records to their outcome:
    those are not parsed again (loaded ones are ``unchanged``; terminal ones keep their status, marked known).
    With ``workers`` > 1 and enough pages (a backfill), pages are parsed in that many processes: parsing is
    pure CPU, one page at a time. Results keep the input order either way.
    """
    known = known or {}
    prepared = Prepared(releases=[], outcomes=[])
    progress().stage("parse", len(pages))
    todo: list[tuple[IndexLink, Fetched]] = []
    for link, fetched in pages:
        sha = fetched.raw.sha256
        if (recorded := known.get((link.url, sha))) is not None:
            status = Status.UNCHANGED if recorded is Status.LOADED else recorded
            prepared.outcomes.append(link.outcome(status, sha256=sha, known=True))
            progress().advance()
        else:
            todo.append((link, fetched))
    if workers > 1 and len(todo) >= PARALLEL_FROM:
        # spawn, not fork: the caller may run threads (Prefect's), which a forked child would inherit broken.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            results = []
            for result in pool.map(prepare_page, todo, chunksize=4):
                results.append(result)
                progress().advance()
    else:
        results = []
        for page in todo:
            results.append(prepare_page(page))
            progress().advance()
    for result in results:
        if isinstance(result, PageOutcome):
            prepared.outcomes.append(result)
        else:
            prepared.releases.append(result)
    return prepared


def prepare_page(page: tuple[IndexLink, Fetched]) -> ConformedRelease | PageOutcome:
    """One page: its release ready to load, or the outcome that says why it loads nothing."""
    link, fetched = page
    sha = fetched.raw.sha256
    hint = IndexHint(period=link.period, currency=link.currency, product=link.product)
    try:
        parsed = parse_page(fetched.content, link.url, hint)
        release = conform(parsed, fetched.raw)
        check_release(release)
        return release
    except NoTableError as exc:
        return link.outcome(Status.NO_TABLE, exc.message, sha256=sha)
    except UnsupportedTableError as exc:
        if loadable(link):
            # The index lists a table we load, but the page reads as something else (a reworded title, a
            # changed layout): an error to fix, never a terminal page skipped from now on.
            detail = f"the index lists it as {link.product} {link.family}; {exc}"
            return link.outcome(Status.FAILED, detail, sha256=sha)
        return link.outcome(Status.UNSUPPORTED, exc.message, sha256=sha)
    except ParseError as exc:
        return link.outcome(Status.FAILED, str(exc), sha256=sha)


def loadable(link: IndexLink) -> bool:
    """Whether the warehouse parses and loads the table the index says this link is."""
    return (link.product, link.family) in PARSERS and link.family in LOADABLE_FAMILIES
