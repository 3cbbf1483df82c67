"""Phone numbers: the French normalisation of the imports and referrals, the digits they are
compared by, and the looser check of the families' numbers."""

import pytest

from core.phone import phone_digits, phone_key, phone_normalise, phone_valid


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("06 12 34 56 78", "06 12 34 56 78"),
        ("06.12.34.56.78", "06 12 34 56 78"),
        ("0612345678", "06 12 34 56 78"),
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
        ("+33 (0)6 12 34 56 78", "06 12 34 56 78"),
        ("0033612345678", "06 12 34 56 78"),
        ("612345678", "06 12 34 56 78"),  # the leading zero a spreadsheet dropped
        ("05-56-12-34-56", "05 56 12 34 56"),
        ("+262 692 12 34 56", "06 92 12 34 56"),
        ("06 12 34 56", None),
        ("+44 20 7946 0958", None),
        ("00 12 34 56 78", None),
        ("pas de téléphone", None),
    ],
)
def test_french_phone_numbers_are_normalised_and_others_refused(raw, expected):
    assert phone_normalise(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("06 12-34.56/78", "0612345678"), ("+33 6 12", "33612"), ("", ""), (None, "")],
)
def test_digits_are_the_digits_whatever_was_written_around_them(raw, expected):
    assert phone_digits(raw) == expected


def test_the_same_french_number_written_two_ways_has_one_key():
    assert phone_key("+33 6 12 34 56 78") == phone_key("06.12.34.56.78") == "0612345678"
    # A number that is not French keeps its digits, so two spellings still match.
    assert phone_key("+44 20 7946 0958") == phone_key("+44 (20) 7946-0958") == "442079460958"
    assert phone_key("") == phone_key(None) == ""


@pytest.mark.parametrize(
    ("raw", "valid"),
    [
        ("06 12 34 56 78", True),
        ("+44 20 7946 0958", True),  # families may keep a foreign number
        ("(0)6.12.34.56.78", True),
        ("1234567", False),  # too short to call
        ("1234567890123456", False),  # too long
        ("06 12 34 56 78 poste 2", False),  # words are not a number
        ("", False),
    ],
)
def test_a_family_number_needs_8_to_15_digits_and_nothing_but_separators(raw, valid):
    assert phone_valid(raw) is valid
