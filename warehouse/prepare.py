"""Fetched pages → releases ready to load: parse, conform, then the pre-load checks, page by page.

A page that fails any of the three becomes a ``failed`` outcome naming its URL, row and cell, and nothing of
it is loaded; pages with no table or no parser yet are terminal outcomes.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def prepare(
    pages: list[tuple[IndexLink, Fetched]], known: Mapping[tuple[str, str], Status] | None = None
) -> Prepared:
    """Parse, conform and check every fetched page; terminal pages and errors become outcomes.

    ``known`` maps (url, sha256) of page versions the published warehouse already records to their outcome:
    those are not parsed again (loaded ones are ``unchanged``; terminal ones keep their status, marked known).
    """
    known = known or {}
    prepared = Prepared(releases=[], outcomes=[])
    progress().stage("parse", len(pages))
    for link, fetched in pages:
        progress().advance()
        sha = fetched.raw.sha256
        if (recorded := known.get((link.url, sha))) is not None:
            status = Status.UNCHANGED if recorded is Status.LOADED else recorded
            prepared.outcomes.append(link.outcome(status, sha256=sha, known=True))
            continue
        hint = IndexHint(period=link.period, currency=link.currency, product=link.product)
        try:
            parsed = parse_page(fetched.content, link.url, hint)
            release = conform(parsed, fetched.raw)
            check_release(release)
            prepared.releases.append(release)
        except NoTableError as exc:
            prepared.outcomes.append(link.outcome(Status.NO_TABLE, exc.message, sha256=sha))
        except UnsupportedTableError as exc:
            if loadable(link):
                # The index lists a table we load, but the page reads as something else (a reworded title,
                # a changed layout): an error to fix, never a terminal page skipped from now on.
                detail = f"the index lists it as {link.product} {link.family}; {exc}"
                prepared.outcomes.append(link.outcome(Status.FAILED, detail, sha256=sha))
            else:
                prepared.outcomes.append(link.outcome(Status.UNSUPPORTED, exc.message, sha256=sha))
        except ParseError as exc:
            prepared.outcomes.append(link.outcome(Status.FAILED, str(exc), sha256=sha))
    return prepared


def loadable(link: IndexLink) -> bool:
    """Whether the warehouse parses and loads the table the index says this link is."""
    return (link.product, link.family) in PARSERS and link.family in LOADABLE_FAMILIES
