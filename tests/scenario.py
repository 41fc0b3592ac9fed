"""A hand-made multi-release scenario, loaded through the real conform → load → SQL path.

Each release is a tidy frame (the parser's output contract) written by hand: small, readable, and with
figures chosen so that every expected view value can be worked out on paper in the tests. The raw "page"
stored for each release is the frame's CSV text, so every release has a real raw file and sha256.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from warehouse.conform.release import ConformedRelease, conform
from warehouse.load.build import build
from warehouse.load.database import connect
from warehouse.load.publish import publish
from warehouse.parse.tidy import PageIdentity, ParsedTable, tidy_frame
from warehouse.periods import Period
from warehouse.settings import Settings
from warehouse.sources.gacc.archive import RawArchive
from warehouse.sources.gacc.client import Response

UNITS = {("preliminary", "USD"): "USD_1M", ("preliminary", "CNY"): "CNY_100M", ("bulletin", "USD"): "USD_1K"}
FAMILY_FLOW = {"major_exports": "export", "major_imports": "import"}


@dataclass
class Scenario:
    settings: Settings
    releases: list[ConformedRelease] = field(default_factory=list)

    def add(
        self,
        product: str,
        family: str,
        currency: str,
        period: str,
        published_on: date,
        rows: list[tuple],
        parents: dict[str, str] | None = None,
    ) -> ConformedRelease:
        """``rows``: (label_key, span, flow, measure, value[, quantity unit token][, period]) — flow None for
        single-flow tables; period defaults to the page's. ``parents``: label_key → label printed above."""
        unit = UNITS[(product, currency)]
        records = []
        for number, row in enumerate(rows, start=1):
            label, span, flow, measure, value, *rest = row
            token = rest[0] if rest else None
            records.append(
                {
                    "period": rest[1] if len(rest) > 1 else period,
                    "span": span,
                    "flow": flow or FAMILY_FLOW[family],
                    "label": label,
                    "label_key": label,
                    "indent_level": 1 if label in (parents or {}) else 0,
                    "parent_label_key": (parents or {}).get(label),
                    "measure": measure,
                    "breakdown": None,
                    "value": None if value is None else Decimal(value),
                    "unit": token if measure == "quantity" else ("%" if measure.endswith("pct") else unit),
                    "source_row": number,
                    "source_column": 1,
                }
            )
        url = f"http://english.customs.gov.cn/Statics/{product}-{family}-{currency}-{period}.html"
        identity = PageIdentity(
            product=product,
            family=family,
            currency=currency,
            period=Period.parse(period),
            layout="hand_made",
            flow=FAMILY_FLOW.get(family),
            title=f"{family} {period} ({currency})",
            url=url,
            unit_printed=None,
            unit_code=unit,
            published_on=published_on,
            date_printed=published_on.strftime("%Y/%m/%d"),
            excel_url=None,
        )
        frame = tidy_frame(records)
        content = frame.write_csv().encode()
        retrieved = datetime.combine(published_on, datetime.min.time(), tzinfo=UTC)
        raw, _ = RawArchive(self.settings.raw_dir).store(
            Response(url, url, 200, content, "text/csv", retrieved)
        )
        release = conform(ParsedTable(identity=identity, frame=frame), raw)
        self.releases.append(release)
        return release

    def publish(self, run_id: str = "scenario") -> Path:
        return publish(build(self.settings, self.releases, run_id=run_id).path, self.settings)

    def connect(self) -> duckdb.DuckDBPyConnection:
        return connect(self.settings.warehouse_path, read_only=True)
