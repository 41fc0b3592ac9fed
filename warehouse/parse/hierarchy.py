"""Row hierarchy from printed indentation: level by rank of the distinct ``&nbsp;`` counts, parent = the
nearest row above at a lower level.

GACC's indent runs are irregular (2, 3, 4, 7, 8, 17, 18 no-break spaces on one page), so counts are ranked,
never divided by a fixed step. The result is what the page prints, not a verified tree: the preliminary
commodity tables print "Integrated circuits" one level deeper than its neighbours, right under "Audio or video
devices". Aggregates (``*``) overlap — never sum children to a parent.
"""

from __future__ import annotations

from collections.abc import Sequence


def indent_levels(indents: Sequence[int]) -> list[int]:
    ranks = {count: rank for rank, count in enumerate(sorted(set(indents)))}
    return [ranks[count] for count in indents]


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
