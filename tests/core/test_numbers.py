"""Numbers as people in France type and read them."""

from decimal import Decimal

import pytest

from core.numbers import decimal_comma, parse_decimal, parse_euros


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("120", Decimal("120")),
        ("120,50", Decimal("120.50")),
        ("120.5", Decimal("120.5")),
        ("1 200,50 €", Decimal("1200.50")),
        ("1\u202f200,50\u00a0€", Decimal("1200.50")),  # the spaces of a French spreadsheet
        ("1.200,50", Decimal("1200.50")),
        ("1,200.50", Decimal("1200.50")),
        ("12 euros", Decimal("12")),
        ("12 EUR", Decimal("12")),
        ("-5", Decimal("-5")),
        ("gratuit", None),
        ("", None),
        ("NaN", None),
        ("Infinity", None),
    ],
)
def test_numbers_as_typed(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("120,50 €", Decimal("120.50")),
        ("1 200,00 €", Decimal("1200.00")),
        ("90", Decimal("90.00")),
        ("19,999", Decimal("20.00")),
        ("-5", Decimal("-5.00")),  # the caller says whether a negative amount makes sense
        ("1e40", None),  # more digits than a Decimal context keeps
        ("gratuit", None),
    ],
)
def test_amounts_in_euros_are_rounded_to_the_cent(text, value):
    assert parse_euros(text) == value


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (2.5, None, "2,5"),
        (3.0, None, "3"),
        (12, None, "12"),
        (Decimal("120.50"), None, "120,50"),
        (2.04, 1, "2,0"),
        (2097153 / (1024 * 1024), 1, "2,0"),
    ],
)
def test_decimal_comma(value, places, text):
    assert decimal_comma(value, places) == text
