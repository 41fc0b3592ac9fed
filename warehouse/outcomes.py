"""What happened to each page in a run, in words an operator can act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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


@dataclass(frozen=True)
class PageOutcome:
    url: str
    status: Status
    period: str | None = None
    table: str | None = None
    currency: str | None = None
    detail: str | None = None

    def line(self) -> str:
        what = " ".join(p for p in (self.period, self.table, self.currency) if p)
        detail = f" — {self.detail}" if self.detail else ""
        return f"{self.status.value:<28} {what:<28} {self.url}{detail}"


@dataclass
class RunReport:
    run_id: str
    selector: str
    outcomes: list[PageOutcome]
    index_missing: list[str]
    refused: list[str] = field(default_factory=list)  # index links to other hosts, not followed
    published: bool = False
    full_rebuild: bool = False
    requests: int = 0
    checks: str | None = None  # the quality gate's one-line summary, when it ran

    @property
    def failed(self) -> list[PageOutcome]:
        return [o for o in self.outcomes if o.status.blocks_publish]

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status is status)

    def render(self) -> str:
        lines = [f"run {self.run_id} ({self.selector}): {self.requests} HTTP requests"]
        for url in self.index_missing:
            lines.append(f"{Status.NOT_FOUND.value:<28} {'index page':<28} {url}")
        for link in self.refused:
            lines.append(f"{'refused (other host)':<28} {'index link':<28} {link}")
        order = list(Status)
        for outcome in sorted(self.outcomes, key=lambda o: (order.index(o.status), o.period or "", o.url)):
            lines.append(outcome.line())
        summary = ", ".join(f"{self.count(s)} {s.value}" for s in Status if self.count(s))
        lines.append(f"pages: {summary or 'none'}")
        if self.checks:
            lines.append(self.checks)
        if self.failed:
            lines.append("NOT PUBLISHED: the pages above marked 'failed' must be fixed first")
        elif self.published:
            lines.append(
                "published" + (" (full build: everything in data/raw replayed)" if self.full_rebuild else "")
            )
        else:
            lines.append("nothing new: the published warehouse is unchanged")
        return "\n".join(lines)
