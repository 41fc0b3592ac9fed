from decimal import Decimal

import pytest

from warehouse.parse.labels import has_of_which, label_key, split_indent
from warehouse.parse.numbers import parse_number
from warehouse.parse.titles import TableFamily, parse_title
from warehouse.parse.units import unit_key, value_unit
from warehouse.periods import Period, Span, month_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("65,363.6\xa0", Decimal("65363.6")),
        ("\n\t\t-1.2", Decimal("-1.2")),
        ("12", Decimal("12")),
        ("1,400,763,016", Decimal("1400763016")),
        ("0.0", Decimal("0.0")),
        ("-", None),
        ("—", None),
        ("\xa0", None),
        ("", None),
    ],
)
def test_numbers_parse_exactly_and_missing_is_null(text: str, expected: Decimal | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["12,34.5", "1.2.3", "n/a", "3,4", "1.23456", "12%", "１２"])
def test_garbage_numbers_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_indent_is_counted_in_no_break_spaces_only() -> None:
    cell = "\n\t\t\t\t\xa0\xa0\xa0\xa0\xa0\xa0\xa0of which: Germany\n\t\t\t"
    assert split_indent(cell) == (7, "of which: Germany")
    assert split_indent("\xa0\xa0\xa0ASEAN\xa0") == (3, "ASEAN")


def test_label_key_folds_width_case_whitespace_and_of_which() -> None:
    assert label_key("of which: Germany") == "germany"
    assert label_key("Hong Kong，China") == label_key("Hong Kong, China") == "hong kong, china"
    assert label_key("United  States\xa0(US)") == "united states (us)"
    assert label_key("（1）Summary") == "(1)summary"
    assert has_of_which("Of which:Brazil") and not has_of_which("Brazil")


@pytest.mark.parametrize(
    ("title", "family", "period", "span", "currency"),
    [
        (
            "(4) China's Total Export & Import Values by Country/Region, January-February 2025 (in CNY)",
            TableFamily.BY_COUNTRY,
            Period(2025, 2),
            Span.JAN_FEB,
            "CNY",
        ),
        (
            "(4) China's Total Export & Import Values by Country/Region, Mar 2026 (in CNY)",
            TableFamily.BY_COUNTRY,
            Period(2026, 3),
            Span.MONTH,
            "CNY",
        ),
        (
            "China's Total Value of Imports and Exports by Major Country (Region), Jan. 2018",
            TableFamily.BY_COUNTRY,
            Period(2018, 1),
            Span.MONTH,
            None,
        ),
        (
            "(2) China's Total Export & Import Values by Trade Mode, August 2019 (Only August, in CNY)",
            TableFamily.TRADE_MODE,
            Period(2019, 8),
            Span.MONTH,
            "CNY",
        ),
        (
            "(3) China's Total Export & Import Values by Trade Mode, January-May 2024 (in USD)",
            TableFamily.TRADE_MODE,
            Period(2024, 5),
            Span.YTD,
            "USD",
        ),
        (
            "China's Total Export & Import Values by Country/Region, June 2018 (in RMB)",
            TableFamily.BY_COUNTRY,
            Period(2018, 6),
            Span.MONTH,
            "CNY",
        ),
        (
            "China's Total Export & Import Values by Country/Region (in CNY)",
            TableFamily.BY_COUNTRY,
            None,
            None,
            "CNY",
        ),
        (
            "(5) China's Major Exports by Quantity and Value, May 2025 (in CNY)",
            TableFamily.MAJOR_EXPORTS,
            Period(2025, 5),
            Span.MONTH,
            "CNY",
        ),
        (
            "(6) China's Major Imports by Quantity and Value (in USD)",
            TableFamily.MAJOR_IMPORTS,
            None,
            None,
            "USD",
        ),
        ("(1) China's Total Export & Import Values (in USD)", TableFamily.TOTALS, None, None, "USD"),
        ("(8)Statistics Bulletin on Goods Inspection & Quarantine", None, None, None, None),
    ],
)
def test_titles_give_family_period_span_and_currency(title, family, period, span, currency) -> None:
    info = parse_title(title)
    assert (info.family, info.period, info.span, info.currency) == (family, period, span, currency)


@pytest.mark.parametrize(
    ("title", "number", "family", "period", "span", "flow"),
    [
        (
            "(5) Imports and Exports by Customs Regime, 10.2019",
            5,
            TableFamily.TRADE_MODE,
            (2019, 10),
            Span.MONTH,
            None,
        ),
        (
            "(5)Imports and Exports by Customs Regime,1.2023",
            5,
            TableFamily.TRADE_MODE,
            (2023, 1),
            Span.MONTH,
            None,
        ),
        (
            "(5) Imports and Exports by Customs Regime, 11. 2019",
            5,
            TableFamily.TRADE_MODE,
            (2019, 11),
            Span.MONTH,
            None,
        ),
        (
            "5Imports and Exports by Customs Regime10.2023",
            5,
            TableFamily.TRADE_MODE,
            (2023, 10),
            Span.MONTH,
            None,
        ),
        (
            "(7) Imports by Type Enterprise and by Customs Regime, 1-11. 2019",
            7,
            TableFamily.ENTERPRISE_TRADE_MODE,
            (2019, 11),
            Span.YTD,
            "import",
        ),
        (
            "(6)Exports by Type Enterprise and by Customs Regime,1-1.2023",
            6,
            TableFamily.ENTERPRISE_TRADE_MODE,
            (2023, 1),
            Span.YTD,
            "export",
        ),
        (
            "（13）Major Export Commodities in Quantity and Value,1-6.2025",
            13,
            TableFamily.MAJOR_EXPORTS,
            (2025, 6),
            Span.YTD,
            None,
        ),
        (
            "(18)Import of Selected Commodities by Major Customs Regimes,11.2019",
            18,
            TableFamily.COMMODITY_TRADE_MODE,
            (2019, 11),
            Span.MONTH,
            "import",
        ),
        (
            "（2）Imports and Exports by Country （Region） of Origin/Destination,6.2026",
            2,
            TableFamily.BY_COUNTRY,
            (2026, 6),
            Span.MONTH,
            None,
        ),
    ],
)
def test_bulletin_titles(title, number, family, period, span, flow) -> None:
    info = parse_title(title)
    if family is None:  # not a title GACC prints: no guess
        assert info.family is TableFamily.MAJOR_IMPORTS and info.product.value == "bulletin"
        assert (info.span, info.period) == (
            Span.YTD,
            Period(2025, 2),
        )  # bulletin 1-2 is cumulative, not jan_feb
        return
    assert info.product is not None and info.product.value == "bulletin"
    assert (info.number, info.family, info.period, info.span, info.flow, info.currency) == (
        number,
        family,
        Period(*period),
        span,
        flow,
        None,
    )


def test_bulletin_january_february_is_cumulative_not_the_combined_release() -> None:
    info = parse_title("(14)Major Import Commodities in Quantity and Value,1-2.2025")
    assert (info.span, info.period) == (Span.YTD, Period(2025, 2))


def test_titles_use_keywords_not_the_table_number() -> None:
    # GACC numbered the 2020 Jan–Feb by-country page "(3)".
    info = parse_title(
        "(3) China's Total Export & Import Values by Country/Region, January-February 2020 (in USD)"
    )
    assert info.number == 3 and info.family is TableFamily.BY_COUNTRY


def test_month_names_and_periods() -> None:
    assert [month_number(m) for m in (" Feb.", "January", "Sept", "DEC")] == [2, 1, 9, 12]
    with pytest.raises(ValueError):
        month_number("Ja")
    assert str(Period.parse("2025-2")) == "2025-02"
    with pytest.raises(ValueError):
        Period.parse("2025/02")


def test_value_units_come_from_the_reference_table() -> None:
    assert unit_key("Unit:US$1,000") == unit_key("Unit: US$1,000") == "us$1000"
    unit = value_unit("Unit: CNY 100 Million")
    assert (unit.code, unit.currency, unit.factor, unit.decimals) == ("CNY_100M", "CNY", Decimal(10**8), 1)
    assert value_unit("Unit: USD1 Million").factor == Decimal(10**6)
    assert value_unit("Unit:RMB￥10,000").code == "CNY_10K"  # the Chinese bulletin's 万元, misprinted on (13)
    with pytest.raises(KeyError, match="EUR"):
        value_unit("Unit: EUR 1,000")


def test_numbers_too_long_to_store_exactly_are_refused() -> None:
    assert parse_number("999,999,999,999,999") == Decimal("999999999999999")
    with pytest.raises(ValueError, match="more than 15 integer digits"):
        parse_number("1,234,567,890,123,456")
