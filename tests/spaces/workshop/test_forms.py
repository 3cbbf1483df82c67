"""The workshop forms read what was typed; the services receive numbers."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from equipment import services
from spaces.workshop.forms import EurosField


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("45", Decimal("45.00")),
        ("30,00", Decimal("30.00")),
        ("12,5 €", Decimal("12.50")),
        (" 0 ", Decimal("0.00")),
        ("", None),
        (None, None),
    ],
)
def test_an_amount_is_read_as_typed_in_french(typed, amount):
    assert EurosField().clean(typed) == amount


@pytest.mark.parametrize("typed", ["douze", "-5", "NaN", "Infinity", "1e40"])
def test_what_is_not_an_amount_in_euros_is_refused_quoting_it(typed):
    with pytest.raises(ValidationError) as refused:
        EurosField().clean(typed)
    assert refused.value.messages == [services.AMOUNT_INVALID % {"value": typed}]


def test_the_amount_refused_before_reads_as_before():
    with pytest.raises(ValidationError, match="« douze » n'est pas un montant en euros."):
        EurosField().clean("douze")
