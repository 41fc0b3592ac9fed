"""Row hierarchy from printed indentation: level by rank of the distinct ``&nbsp;`` counts, parent = the
nearest row above at a lower level.

GACC's indent runs are irregular (3/7/11 on one bulletin page, 4/8/12 on the next, a lone 5, 6 or 7 among
them), so counts are never divided by a fixed step. A count printed on few lines (under 5 % of them, or
under three) is a slip and snaps to the nearest count in common use (the deeper one on a tie); the common
counts are then ranked. The result is what the page prints, not a verified tree (a lone 6 between 4 and 8
reads as 8, whatever was meant). Aggregates (``*``) overlap — never sum children to a parent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

_COMMON_LINES, _COMMON_SHARE = 3, 0.05  # how often a count must appear to be a level of its own


def indent_levels(indents: Sequence[int]) -> list[int]:
    seen = Counter(indents)
    least = max(_COMMON_LINES, _COMMON_SHARE * len(indents))
    common = sorted(count for count, lines in seen.items() if lines >= least or count == min(seen))
    snapped = {count: min(common, key=lambda c: (abs(c - count), -c)) for count in seen}
    ranks = {count: rank for rank, count in enumerate(common)}
    return [ranks[snapped[count]] for count in indents]


def parents(levels: Sequence[int], keys: Sequence[str]) -> list[str | None]:
    """For each row, the key of the nearest row above it with a lower level (None at the top)."""
    stack: list[tuple[int, str]] = []
    found: list[str | None] = []
    for level, key in zip(levels, keys, strict=True):
        while stack and stack[-1][0] >= level:
            stack.pop()
        found.append(stack[-1][1] if stack else None)
        stack.append((level, key))
    return found
