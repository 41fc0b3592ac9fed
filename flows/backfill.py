"""The backfill flow: every release of a range of months, both products, in one build and one publish.

A backfill is the monthly flow over a range selector, run as its subflow so that its run appears in Prefect
under its own name and deployment. Pages already kept cost no request and page versions already in the
warehouse are not parsed again, so a second backfill of the same range fetches no article page and changes
no fact.
"""

from __future__ import annotations

from prefect import flow

from flows.monthly_release import monthly_release
from warehouse.outcomes import RunReport
from warehouse.sources.gacc.discover import Selector


@flow(name="backfill")
def backfill(
    start: str,
    end: str,
    base_url: str | None = None,
    data_dir: str | None = None,
    offline: bool = False,
) -> RunReport:
    selector = Selector.parse(f"{start}..{end}")  # a bad range fails here, before any request
    return monthly_release(period=str(selector), base_url=base_url, data_dir=data_dir, offline=offline)
