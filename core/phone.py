"""Phone numbers as structures and families write them: the French normalisation of the
imports and referrals, and the looser check of numbers that may be foreign.

Stored numbers come from several forms and files, so comparisons go through the digits."""

import re

from django.utils.translation import gettext_noop

PHONE_INVALID = gettext_noop(
    "« %(value)s » n'est pas un numéro de téléphone français : écrivez 10 chiffres, par "
    "exemple 06 12 34 56 78."
)

# Overseas departments dial as +262, +590, +594 and +596 but their national numbers start with
# a 0 like mainland ones.
FRENCH_DIALLING_CODES = ("33", "262", "590", "594", "596")


def phone_normalise(raw):
    """A French number as 0X XX XX XX XX, or None when it is not one. Accepts spaces, dots,
    dashes, +33 or 0033, "+33 (0)6…", and the nine digits left when a spreadsheet drops the
    leading zero."""
    text = raw.replace("(0)", "")
    text = re.sub(r"[\s.\-/()]", "", text)
    if text.startswith("00"):
        text = "+" + text[2:]
    if text.startswith("+"):
        for code in FRENCH_DIALLING_CODES:
            if text.startswith("+" + code) and len(text) == len(code) + 10:
                text = "0" + text[len(code) + 1 :]
                break
        else:
            return None
    if len(text) == 9 and text.isdigit() and text[0] != "0":
        text = "0" + text
    if not re.fullmatch(r"0[1-9]\d{8}", text):
        return None
    return " ".join(text[i : i + 2] for i in range(0, 10, 2))


def phone_digits(phone):
    """The digits of a number, whatever spaces, dots or signs it was written with."""
    return re.sub(r"\D", "", phone or "")


def phone_key(phone):
    """What two numbers share when they are the same: the ten digits of a French number
    (so +33 6… and 06… match), else the digits as written."""
    normalised = phone_normalise(phone or "")
    return normalised.replace(" ", "") if normalised else phone_digits(phone)


def phone_valid(phone):
    """A number one can call, French or not: 8 to 15 digits, written with nothing but
    spaces, dots, dashes, brackets or a +."""
    return 8 <= len(phone_digits(phone)) <= 15 and not re.search(r"[^\d\s+.()-]", phone)
