"""What happened to each page in a run, in words an operator can act on."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from enum import StrEnum

_NOT_FOUND_SHOWN = 10


class Status(StrEnum):
    LOADED = "loaded"  # new release loaded in this run
    UNCHANGED = "unchanged"  # already in the warehouse (same sha256)
    NOT_FOUND = "not found"  # HTTP 404: listed but not on the server; reported, not fatal
    NO_TABLE = "no table on the page"  # terminal: e.g. the 2018 pages show the table as an image
    UNSUPPORTED = "no parser for this table yet"  # terminal until a parser exists
    FAILED = "failed"  # fetch, parse or conform error: blocks publishing

    @property
    def blocks_publish(self) -> bool:
        return self is Status.FAILED

    @property
    def terminal(self) -> bool:
        """Parsing this page version again cannot change the answer (only new code can: a full rebuild)."""
        return self in (Status.NO_TABLE, Status.UNSUPPORTED)


@dataclass(frozen=True)
class PageOutcome:
    url: str
    status: Status
    period: str | None = None
    table: str | None = None
    currency: str | None = None
    detail: str | None = None
    product: str | None = None
    sha256: str | None = None  # the page version the outcome is about, when it was fetched
    known: bool = False  # recorded by an earlier run: skipped now, not reported again

    def line(self) -> str:
        what = " ".join(p for p in (self.period, self.product, self.table, self.currency) if p)
        detail = f" — {self.detail}" if self.detail else ""
        return f"{self.status.value:<28} {what:<40} {self.url}{detail}"


@dataclass
class RunReport:
    run_id: str
    selector: str
    outcomes: list[PageOutcome] = field(default_factory=list)
    index_missing: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # index links to other hosts, not followed
    published: bool = False
    full_rebuild: bool = False
    requests: int = 0
    checks: str | None = None  # the quality gate's one-line summary, when it ran
    started_at: str | None = None
    finished_at: str | None = None
    error: str | None = None  # why the run stopped, when it did
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage, task overhead included

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started

    @property
    def failed(self) -> list[PageOutcome]:
        return [o for o in self.outcomes if o.status.blocks_publish]

    def count(self, status: Status, *, known: bool | None = None) -> int:
        return sum(1 for o in self.outcomes if o.status is status and (known is None or o.known is known))

    def render(self) -> str:
        lines = [f"run {self.run_id} ({self.selector}): {self.requests} HTTP requests"]
        for url in self.index_missing:
            lines.append(f"{Status.NOT_FOUND.value:<28} {'index page':<40} {url}")
        for link in self.refused:
            lines.append(f"{'refused (other host)':<28} {'index link':<40} {link}")
        order = list(Status)
        shown = [o for o in self.outcomes if not o.known]  # known pages were reported when first seen
        shown.sort(key=lambda o: (order.index(o.status), o.period or "", o.url))
        missing = sum(1 for o in shown if o.status is Status.NOT_FOUND)
        listed = 0
        for outcome in shown:
            if outcome.status is Status.NOT_FOUND:
                # A partial mirror, or an index linking ahead of its pages: count them; the run log lists all.
                listed += 1
                if listed == _NOT_FOUND_SHOWN + 1:
                    more = missing - _NOT_FOUND_SHOWN
                    lines.append(f"... and {more} more not found (all in data/runs/{self.run_id}.json)")
                if listed > _NOT_FOUND_SHOWN:
                    continue
            lines.append(outcome.line())
        summary = ", ".join(f"{self.count(s)} {s.value}" for s in Status if self.count(s))
        lines.append(f"pages: {summary or 'none'}")
        skipped = sum(1 for o in self.outcomes if o.known)
        if skipped:
            lines.append(f"  ({skipped} recorded by earlier runs were not parsed again)")
        if self.checks:
            lines.append(self.checks)
        if self.error:
            lines.append(f"STOPPED: {self.error}")
        elif self.failed:
            lines.append("NOT PUBLISHED: the pages above marked 'failed' must be fixed first")
        elif self.published:
            lines.append(
                "published" + (" (full build: everything in data/raw replayed)" if self.full_rebuild else "")
            )
        else:
            lines.append("nothing new: the published warehouse is unchanged")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        record = asdict(self)
        record["outcomes"] = [{**asdict(o), "status": o.status.value} for o in self.outcomes]
        record["counts"] = {s.value: self.count(s) for s in Status if self.count(s)}
        return record
