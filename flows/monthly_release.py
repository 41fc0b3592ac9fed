"""The monthly_release flow: discover → fetch → parse, conform & check pages → build → check build → publish.

One call handles one selector: ``latest`` (the scheduled case), a period ``YYYY-MM``, or ``all`` (every
year the index offers). ``offline=True`` reads the raw archive instead of the network (a rebuild). Tasks are
coarse on purpose — one per arrow, not one per page — so orchestration costs the same for 1 page or 1,000;
HTTP retries live in the client, by error class.
"""

from __future__ import annotations

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from warehouse.conform.release import LOADABLE_FAMILIES
from warehouse.errors import RunFailedError
from warehouse.load.build import (
    BuildResult,
    build,
    discard,
    discard_leftovers,
    needs_full_rebuild,
    new_run_id,
)
from warehouse.load.lock import writer_lock
from warehouse.load.publish import publish
from warehouse.outcomes import PageOutcome, RunReport, Status
from warehouse.prepare import Prepared, prepare
from warehouse.quality.gate import GateReport, gate_build
from warehouse.settings import Settings
from warehouse.sources.gacc.archive import ArchiveClient, RawArchive
from warehouse.sources.gacc.client import HttpClient
from warehouse.sources.gacc.discover import Discovery, discover
from warehouse.sources.gacc.fetch import FetchBatch, fetch_pages


def _client(settings: Settings, offline: bool) -> HttpClient | ArchiveClient:
    archive = RawArchive(settings.raw_dir)
    return ArchiveClient(archive) if offline else HttpClient(settings)


@task(cache_policy=NO_CACHE)
def discover_pages(settings: Settings, selector: str, offline: bool) -> tuple[Discovery, FetchBatch, int]:
    """Read the index pages, then fetch every linked page of a table family we can parse."""
    archive = RawArchive(settings.raw_dir)
    client = _client(settings, offline)
    try:
        found = discover(selector, client, archive, families=LOADABLE_FAMILIES)
        batch = fetch_pages(found.links, client, archive)
    finally:
        client.close()
    return found, batch, client.attempts


@task(cache_policy=NO_CACHE)
def parse_and_conform(batch: FetchBatch) -> Prepared:
    return prepare(batch.pages)


@task(cache_policy=NO_CACHE)
def build_warehouse(settings: Settings, prepared: Prepared, run_id: str) -> BuildResult:
    return build(settings, prepared.releases, run_id=run_id)


@task(cache_policy=NO_CACHE)
def check_warehouse(settings: Settings, result: BuildResult, run_id: str) -> GateReport | None:
    """Run sql/checks on the build; an error rule failing stops the run here, before publishing."""
    if not result.changed:
        return None  # nothing new to publish, so nothing to gate (and the file stays byte-identical)
    return gate_build(settings, result, run_id=run_id)


@task(cache_policy=NO_CACHE)
def publish_warehouse(settings: Settings, result: BuildResult) -> bool:
    if not result.changed:
        discard(result)
        return False
    publish(result.path, settings)
    return True


@flow(name="monthly-release")
def monthly_release(
    period: str = "latest",
    base_url: str | None = None,
    data_dir: str | None = None,
    offline: bool = False,
) -> RunReport:
    settings = Settings.from_env(base_url=base_url, data_dir=data_dir)
    run_id = new_run_id()
    # One writer at a time, for the whole run: it decides from the published file what to build.
    with writer_lock(settings.lock_path, run_id=run_id):
        discard_leftovers(settings)
        return _run(settings, run_id, period, offline)


def _run(settings: Settings, run_id: str, period: str, offline: bool) -> RunReport:
    full_rebuild = needs_full_rebuild(settings)
    # A build from nothing must hold everything kept: offline, that is simply the whole archive.
    found, batch, requests = discover_pages(settings, "all" if full_rebuild and offline else period, offline)
    if full_rebuild and not offline:
        # The published file is missing or was built by other code: replay everything already kept.
        _, kept, _ = discover_pages(settings, "all", True)
        fresh_urls = {fetched.raw.url for _, fetched in batch.pages} | {o.url for o in batch.outcomes}
        batch.pages += [(link, page) for link, page in kept.pages if link.url not in fresh_urls]
    prepared = parse_and_conform(batch)
    report = RunReport(
        run_id=run_id,
        selector=period,
        outcomes=batch.outcomes + prepared.outcomes,
        index_missing=[missing.url for missing in found.missing],
        refused=found.refused,
        full_rebuild=full_rebuild,
        requests=requests,
    )
    if report.failed:
        raise RunFailedError(report.render())
    result = build_warehouse(settings, prepared, run_id)
    loaded = set(result.loaded)
    report.outcomes += [
        PageOutcome(
            release.identity.url,
            Status.LOADED if release.release_key in loaded else Status.UNCHANGED,
            period=str(release.identity.period),
            table=release.identity.family,
            currency=release.identity.currency,
            detail=release.identity.layout,
        )
        for release in prepared.releases
    ]
    gate = check_warehouse(settings, result, run_id)
    report.checks = gate.summary() if gate else None
    report.published = publish_warehouse(settings, result)
    return report
