"""The run's closing table: total exports, imports and balance per loaded period, read from the warehouse.

Figures are whole currency units (the views' ``value_base``), printed in full: exact, whatever page unit.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from warehouse.load.database import connect

_COLUMNS = (
    "exports_month",
    "imports_month",
    "balance_month",
    "exports_ytd",
    "imports_ytd",
    "balance_ytd",
)


def balance_rows(warehouse: Path) -> list[dict[str, object]]:
    con = connect(warehouse, read_only=True)
    try:
        cursor = con.sql(
            """
            select ytd.period_label, ytd.currency, ytd.is_jan_feb_combined,
                   month.exports as exports_month, month.imports as imports_month,
                   month.balance as balance_month, ytd.exports_ytd, ytd.imports_ytd, ytd.balance_ytd
            from rpt_trade_balance_ytd as ytd
            left join rpt_trade_balance_monthly as month
              on month.period_key = ytd.period_key and month.currency = ytd.currency and month.basis = 'month'
            order by ytd.period_key, ytd.currency
            """
        )
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def format_number(value: Decimal | None, decimals: int) -> str:
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}"
    if Decimal(text.replace(",", "")) != value:
        raise ValueError(f"{value} does not print exactly with {decimals} decimals")
    return text


def format_balance(rows: list[dict[str, object]]) -> str:
    header = ("period", "cur", *_COLUMNS)
    lines = [header]
    for row in rows:
        label = str(row["period_label"]) + (" (Jan–Feb)" if row["is_jan_feb_combined"] else "")
        numbers = tuple(format_number(row[c], 0) for c in _COLUMNS)  # type: ignore[arg-type]
        lines.append((label, str(row["currency"]), *numbers))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    rendered = [
        "  ".join(
            cell.ljust(w) if i < 2 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    ]
    return "\n".join(rendered)
