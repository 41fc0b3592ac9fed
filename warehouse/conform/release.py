"""A parsed page → a release ready to load: its identity, raw file and fact rows in the fact table's shape."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from warehouse.conform.commodities import conform_commodities
from warehouse.conform.enterprises import conform_enterprise_trade_mode
from warehouse.conform.partners import conform_by_country
from warehouse.conform.regimes import conform_trade_mode
from warehouse.errors import UnsupportedTableError
from warehouse.parse.tidy import PageIdentity, ParsedTable
from warehouse.parse.titles import TableFamily
from warehouse.sources.gacc.archive import RawFile

_CONFORMERS = {
    TableFamily.BY_COUNTRY.value: ("fct_trade_by_partner", conform_by_country),
    TableFamily.MAJOR_EXPORTS.value: ("fct_trade_by_commodity", conform_commodities),
    TableFamily.MAJOR_IMPORTS.value: ("fct_trade_by_commodity", conform_commodities),
    TableFamily.TRADE_MODE.value: ("fct_trade_by_regime", conform_trade_mode),
    TableFamily.ENTERPRISE_TRADE_MODE.value: ("fct_trade_by_enterprise", conform_enterprise_trade_mode),
}
# Families the warehouse can load; the others parse (``gacc parse``) but have no fact table: the commodity ×
# regime tables (17)/(18) exist only as partial transcriptions, so their grain is not yet proven on a page.
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
    if parsed.identity.family not in _CONFORMERS:
        raise UnsupportedTableError(
            f"{parsed.identity.family} tables parse but have no fact table yet",
            url=parsed.identity.url,
            table=parsed.identity.family,
        )
    table, conformer = _CONFORMERS[parsed.identity.family]
    return ConformedRelease(identity=parsed.identity, raw=raw, fact_table=table, facts=conformer(parsed))
