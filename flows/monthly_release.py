"""The monthly_release flow: collect → parse, conform & check new pages → build → check build → publish.

One call handles one selector (``warehouse.sources.gacc.discover``): ``recent`` (the scheduled poll: the
current and last year's index pages of both products), ``latest``, a period ``YYYY-MM``, a range
``YYYY-MM..YYYY-MM`` (a backfill) or ``all``. ``offline=True`` reads the raw archive instead of the network.

Tasks are coarse on purpose — one per arrow, not one per page — so orchestration costs the same for 1 page or
3,000. Retries happen at two levels, on transient failures only (timeouts, resets, truncated bodies, 5xx):
each request inside the HTTP client (seconds apart), then the whole collect step (a minute apart, doubling,
with jitter), which asks again only for what is still missing. A 404, a 412 challenge page or a parse error
is never retried. A poll that finds nothing new stops before building anything.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import lxml.etree
import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.context import TaskRunContext
from prefect.serializers import CompressedSerializer
from prefect.settings import get_current_settings
from prefect.tasks import Task, exponential_backoff

from warehouse.errors import RunFailedError, TransientFetchError
from warehouse.load.build import (
    BuildResult,
    build,
    discard,
    discard_leftovers,
    needs_full_rebuild,
    new_run_id,
)
from warehouse.load.database import code_fingerprint
from warehouse.load.lock import writer_lock
from warehouse.load.pages import known_pages
from warehouse.load.publish import publish
from warehouse.outcomes import PageOutcome, RunReport, Status
from warehouse.prepare import Prepared, prepare
from warehouse.progress import silenced
from warehouse.quality.gate import GateReport, gate_build
from warehouse.runlog import write_report
from warehouse.settings import Settings
from warehouse.sources.gacc.archive import ArchiveClient, RawArchive
from warehouse.sources.gacc.client import HttpClient
from warehouse.sources.gacc.collect import Collected, IncompleteFetchError, collect
from warehouse.sources.gacc.discover import Selector
from warehouse.sources.gacc.fetch import Client, FetchBatch

_CACHE_PREFIX = "gacc-parse-"


def _transient_only(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Retry on timeouts, resets, truncated bodies, 5xx; never on a 4xx, a challenge page or a parse error."""
    try:
        state.result()
    except TransientFetchError:
        return True
    except Exception:
        return False
    return False


@task(cache_policy=NO_CACHE, retry_condition_fn=_transient_only, retry_jitter_factor=0.5)
def collect_pages(client: Client, raw_dir: Path, selector: Selector, offline: bool) -> Collected:
    """Read the index pages of both products, then fetch every linked page not yet kept."""
    return collect(selector, client, RawArchive(raw_dir), require_current=not offline)


def _page_versions(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """Cache key of the parse step: which page versions, as the index listed them, read by which code.

    Keyed on identities and content hashes only — never on the page bytes or the frames they become: the
    code fingerprint (sql/, reference/, warehouse/), the libraries that parse, the data directory (raw paths
    are in the result), each page's URL, product, family, period, currency and sha256, and what the published
    warehouse already records.
    """
    batch: FetchBatch = parameters["batch"]
    versions = " ".join(f"{lib.__name__}={lib.__version__}" for lib in (duckdb, lxml.etree, pl))
    digest = hashlib.sha256(f"{code_fingerprint()}\n{versions}\n{parameters['data_dir']}\n".encode())
    for link, fetched in sorted(batch.pages, key=lambda page: page[0].url):
        identity = (link.url, link.product, link.family, link.period, link.currency, fetched.raw.sha256)
        digest.update(" ".join(map(str, identity)).encode() + b"\n")
    for (url, sha), status in sorted(parameters["known"].items()):
        digest.update(f"known {url} {sha} {status}\n".encode())
    return f"{_CACHE_PREFIX}{digest.hexdigest()}"


@task(
    cache_key_fn=_page_versions,
    persist_result=True,
    # zlib, not Prefect's default lzma: a backfill's result pickles to ~60 MB, which lzma takes ~11 s to
    # compress (measured) and zlib a second, at 3-4x the size.
    result_serializer=CompressedSerializer(serializer="pickle", compressionlib="zlib"),
    cache_expiration=timedelta(days=30),
)
def parse_and_conform(
    batch: FetchBatch, known: dict[tuple[str, str], Status], data_dir: str, workers: int = 1
) -> Prepared:
    return prepare(batch.pages, known, workers=workers)


def _prune_parse_cache(keep: int = 3) -> None:
    """Keep the newest few cached parse results: a re-run after a failed build reuses the last one, and a
    backfill's result (frames of thousands of pages) must not pile up with every code change."""
    storage = Path(get_current_settings().results.local_storage_path)
    cached = sorted(storage.glob(f"{_CACHE_PREFIX}*"), key=lambda path: path.stat().st_mtime)
    for stale in cached[:-keep]:
        stale.unlink(missing_ok=True)


@task(cache_policy=NO_CACHE)
def build_warehouse(settings: Settings, prepared: Prepared, run_id: str) -> BuildResult:
    return build(settings, prepared.releases, run_id=run_id, terminal=prepared.outcomes)


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
    period: str = "recent",
    base_url: str | None = None,
    data_dir: str | None = None,
    offline: bool = False,
) -> RunReport:
    selector = Selector.parse(period)
    settings = Settings.from_env(base_url=base_url, data_dir=data_dir)
    run_id = new_run_id()
    report = RunReport(run_id=run_id, selector=str(selector), started_at=_now())
    # One writer at a time, for the whole run: it decides from the published file what to build.
    with writer_lock(settings.lock_path, run_id=run_id):
        discard_leftovers(settings)
        try:
            _run(settings, run_id, selector, offline, report)
        except Exception as exc:
            report.error = f"{type(exc).__name__}: {exc}"
            raise
        finally:
            report.finished_at = _now()
            write_report(settings.runs_dir, report)
    get_run_logger().info("%s", report.render())
    if report.failed:
        raise RunFailedError(report.render())
    return report


def _run(settings: Settings, run_id: str, selector: Selector, offline: bool, report: RunReport) -> None:
    full_rebuild = needs_full_rebuild(settings)
    report.full_rebuild = full_rebuild
    # A build from nothing must hold everything kept: offline, that is simply the whole archive.
    with report.timed("collect"):
        collected = _collect(settings, Selector("all") if full_rebuild and offline else selector, offline)
    batch = collected.batch
    if full_rebuild and not offline:
        # The published file is missing or was built by other code: replay everything already kept.
        with silenced(), report.timed("collect"):
            kept = _collect(settings, Selector("all"), offline=True).batch
        fresh_urls = {fetched.raw.url for _, fetched in batch.pages} | {o.url for o in batch.outcomes}
        batch.pages += [(link, page) for link, page in kept.pages if link.url not in fresh_urls]
    report.requests = collected.requests
    report.index_missing = [missing.url for missing in collected.found.missing]
    report.refused = collected.found.refused
    report.outcomes += batch.outcomes
    if report.failed:
        return
    recorded = known_pages(settings.warehouse_path)
    # Only this batch's page versions: the parse task's parameters (sent to Prefect, hashed for its cache)
    # then grow with the batch, not with the history the ledger holds.
    versions = {(link.url, fetched.raw.sha256) for link, fetched in batch.pages}
    known = {} if full_rebuild else {key: recorded[key] for key in versions & recorded.keys()}
    # (a rebuild re-reads everything: new code may read it anew)
    with report.timed("parse"):
        prepared = parse_and_conform(batch, known, str(settings.data_dir), settings.parse_workers)
    _prune_parse_cache()
    if full_rebuild:  # ... but a terminal page it reads as before was reported then, not news now
        prepared.outcomes = [
            replace(o, known=True)
            if o.status.terminal and recorded.get((o.url, o.sha256 or "")) is o.status
            else o
            for o in prepared.outcomes
        ]
    report.outcomes += prepared.outcomes
    if report.failed:
        return
    if (
        not full_rebuild
        and not prepared.releases
        and not any(o.status.terminal and not o.known for o in prepared.outcomes)
    ):
        return  # nothing new was published: no build, no checks, the served file untouched
    with report.timed("build"):
        result = build_warehouse(settings, prepared, run_id)
    report.seconds.update({f"build.{part}": seconds for part, seconds in result.seconds.items()})
    loaded = set(result.loaded)
    report.outcomes += [
        PageOutcome(
            release.identity.url,
            Status.LOADED if release.release_key in loaded else Status.UNCHANGED,
            period=str(release.identity.period),
            table=release.identity.family,
            currency=release.identity.currency,
            detail=release.identity.layout,
            product=release.identity.product,
            sha256=release.release_key,
        )
        for release in prepared.releases
    ]
    with report.timed("checks"):
        gate = check_warehouse(settings, result, run_id)
    report.checks = gate.summary() if gate else None
    with report.timed("publish"):
        report.published = publish_warehouse(settings, result)


def _collect(settings: Settings, selector: Selector, offline: bool) -> Collected:
    """The collect task, retried per the settings; after the last retry, what was collected is reported."""
    archive = RawArchive(settings.raw_dir)
    client: Client = ArchiveClient(archive) if offline else HttpClient(settings)
    retrying = collect_pages.with_options(
        retries=0 if offline else settings.fetch_retries,
        retry_delay_seconds=exponential_backoff(settings.fetch_retry_delay_s),
    )
    try:
        collected = retrying(client, settings.raw_dir, selector, offline)
    except IncompleteFetchError as exc:
        collected = exc.collected  # its failed pages are outcomes: the run reports them, publishes nothing
    finally:
        client.close()
    collected.requests = client.attempts  # one client for every attempt: the retries' requests count too
    return collected


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
