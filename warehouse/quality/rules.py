"""The rules of the quality gate: one SQL file per rule in ``sql/checks``, its severity in its header.

A rule is a query returning the rows that violate it, in one shape (``release_key``, ``subject``,
``observed``, ``expected``, ``tolerance``, ``detail``); an empty result is a pass. ``error`` rules block
publishing, ``warn`` rules are recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from warehouse.settings import SQL_DIR

CHECKS_DIR = SQL_DIR / "checks"
COLUMNS = ("release_key", "subject", "observed", "expected", "tolerance", "detail")
_CHECK = re.compile(r"^-- (?P<name>[a-z0-9_]+): (?P<text>.+)$")
_SEVERITY = re.compile(r"^-- severity: (?P<severity>\w+)\s*$", re.MULTILINE)


class Severity(StrEnum):
    ERROR = "error"  # blocks publishing
    WARN = "warn"  # recorded in meta.check_failures, published anyway


@dataclass(frozen=True)
class Rule:
    name: str
    severity: Severity
    description: str
    sql: str
    path: Path


def read_rule(path: Path) -> Rule:
    """A rule file: ``-- <name>: <what it asserts>`` (continued on ``--`` lines), then ``-- severity: …``."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    head = _CHECK.match(lines[0]) if lines else None
    if head is None or head["name"] != path.stem:
        raise ValueError(f"{path}: the first line must be '-- {path.stem}: <what the rule asserts>'")
    severity = _SEVERITY.search(text)
    if severity is None or severity["severity"] not in Severity.__members__.values():
        raise ValueError(f"{path}: needs a '-- severity: error|warn' line")
    description = [head["text"]]
    for line in lines[1:]:
        if not line.startswith("-- ") or line.startswith("-- severity:"):
            break
        description.append(line.removeprefix("-- "))
    return Rule(
        name=path.stem,
        severity=Severity(severity["severity"]),
        description=" ".join(description),
        sql=text.strip().removesuffix(";"),
        path=path,
    )


@cache
def all_rules() -> tuple[Rule, ...]:
    return tuple(read_rule(path) for path in sorted(CHECKS_DIR.glob("*.sql")))
