"""Numbers as GACC prints them → exact decimals.

``65,363.6&nbsp;`` → Decimal('65363.6'); ``-``, ``—``, ``–`` and an empty cell → None (missing, never 0);
YoY may lack decimals (``12``). Anything else is not a number and raises ``ValueError`` for the caller to turn
into a ``ParseError`` that names the row and column.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

# Excel error values GACC's export left in a page (the 2026-07 bulletin (13) "New trio" line prints "*REF!";
# the 6.2026 bulletin (2) prints "############", Excel's too-narrow column, for five 1-to-6 totals): no number
# was published there, so they read as missing, and the parser reports each one as a warning.
SPREADSHEET_ERRORS = frozenset({"*REF!", "#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?"})


def is_spreadsheet_error(text: str) -> bool:
    cleaned = clean_cell_text(text)
    if not cleaned or cleaned[0] not in "*#":  # every error value starts so: most cells leave here
        return False
    return cleaned in SPREADSHEET_ERRORS or (len(cleaned) > 1 and set(cleaned) == {"#"})


MAX_DECIMALS = 3  # the warehouse stores published numbers as DECIMAL(18,3); more would round silently
MAX_INTEGER_DIGITS = 15  # ... and more integer digits would not fit (polars turns them into null)
_MISSING = {"", "-", "—", "–", "--"}
_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?", re.ASCII)  # no full-width digits


def clean_cell_text(text: str) -> str:
    """Drop HTML layout whitespace and no-break spaces around a value."""
    return text.replace("\xa0", " ").strip()


# A page is read cell by cell more than once (the grid checks each value cell, the records read it): the
# same texts come back, and a Decimal is immutable, so they are parsed once.
@lru_cache(maxsize=1 << 16)
def parse_number(text: str) -> Decimal | None:
    cleaned = clean_cell_text(text)
    if cleaned in _MISSING or is_spreadsheet_error(cleaned):
        return None
    match = _NUMBER.fullmatch(cleaned)
    if not match:
        raise ValueError(f"not a number: {text.strip()!r}")
    decimals = match.group(1) or ""
    if len(decimals) > MAX_DECIMALS:
        raise ValueError(f"more than {MAX_DECIMALS} decimals: {text.strip()!r}")
    digits = len(cleaned.partition(".")[0].replace(",", "").lstrip("+-"))
    if digits > MAX_INTEGER_DIGITS:
        raise ValueError(f"more than {MAX_INTEGER_DIGITS} integer digits: {text.strip()!r}")
    return Decimal(cleaned.replace(",", ""))


def is_number(text: str) -> bool:
    """True for a printed number or a missing marker: what a value cell may hold."""
    try:
        parse_number(text)
    except ValueError:
        return False
    return True
