"""Fetched pages → releases ready to load: identity, raw file and fact rows (parse, then conform)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from warehouse.conform.partners import conform_by_country
from warehouse.errors import NoTableError, ParseError, UnsupportedTableError
from warehouse.outcomes import PageOutcome, Status
from warehouse.parse.dispatch import parse_page
from warehouse.parse.identity import IndexHint
from warehouse.parse.tidy import PageIdentity, ParsedTable
from warehouse.parse.titles import TableFamily
from warehouse.sources.gacc.archive import RawFile
from warehouse.sources.gacc.fetch import Fetched
from warehouse.sources.gacc.index import IndexLink

_CONFORMERS = {TableFamily.BY_COUNTRY.value: ("fct_trade_by_partner", conform_by_country)}
# Families the warehouse can load today; the others parse (``gacc parse``) but have no fact table yet.
LOADABLE_FAMILIES = frozenset(TableFamily(family) for family in _CONFORMERS)


@dataclass(frozen=True)
class ConformedRelease:
    identity: PageIdentity
    raw: RawFile
    fact_table: str
    facts: pl.DataFrame

    @property
    def release_key(self) -> str:
        return self.raw.sha256


def conform(parsed: ParsedTable, raw: RawFile) -> ConformedRelease:
    table, conformer = _CONFORMERS[parsed.identity.family]
    return ConformedRelease(identity=parsed.identity, raw=raw, fact_table=table, facts=conformer(parsed))


@dataclass
class Prepared:
    releases: list[ConformedRelease]
    outcomes: list[PageOutcome]


def prepare(pages: list[tuple[IndexLink, Fetched]]) -> Prepared:
    """Parse and conform every fetched page; terminal pages and errors become outcomes."""
    prepared = Prepared(releases=[], outcomes=[])
    for link, fetched in pages:
        hint = IndexHint(period=link.period, currency=link.currency)
        try:
            parsed = parse_page(fetched.content, link.url, hint)
            prepared.releases.append(conform(parsed, fetched.raw))
        except NoTableError as exc:
            prepared.outcomes.append(link.outcome(Status.NO_TABLE, exc.message))
        except UnsupportedTableError as exc:
            prepared.outcomes.append(link.outcome(Status.UNSUPPORTED, exc.message))
        except ParseError as exc:
            prepared.outcomes.append(link.outcome(Status.FAILED, str(exc)))
    return prepared
