"""Row labels: the label as printed, its indentation, and a normalised key for mapping.

GACC indents with ``&nbsp;`` runs of irregular length and prints full-/half-width punctuation, double spaces
and ``of which:`` prefixes inconsistently. The key folds all of that (NFKC, no-break spaces, whitespace,
case) so one alias table can map every printing of a label onto a stable id.
"""

from __future__ import annotations

import re
import unicodedata

_ASCII_WS = " \t\r\n\f\v"
_OF_WHICH = re.compile(r"^of\s+which\s*:\s*", re.IGNORECASE)


def split_indent(cell_text: str) -> tuple[int, str]:
    """Leading no-break-space count and the label as printed (outer whitespace removed).

    Only ASCII whitespace from the HTML source is stripped before counting, so the ``&nbsp;`` run that GACC
    uses for indentation is measured exactly.
    """
    inner = cell_text.strip(_ASCII_WS)
    indent = len(inner) - len(inner.lstrip("\xa0"))
    label = inner.replace("\xa0", " ").strip()
    return indent, re.sub(r"\s+", " ", label)


def has_of_which(label: str) -> bool:
    return bool(_OF_WHICH.match(label))


def label_key(label: str) -> str:
    """Normalised key: NFKC, no ``of which:``, single spaces, casefolded."""
    text = unicodedata.normalize("NFKC", label).replace("\xa0", " ")
    text = _OF_WHICH.sub("", text.strip())
    text = re.sub(
        r"\s*,\s*", ", ", text
    )  # "Hong Kong，China" (full-width comma, no space) = "Hong Kong, China"
    return re.sub(r"\s+", " ", text).strip().casefold()
