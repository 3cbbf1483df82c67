"""Numbers as people in France type and read them: a decimal comma, spaces between
thousands, a euro sign. Forms and imports parse with these, so services get numbers."""

import re
from decimal import Decimal, InvalidOperation

CENT = Decimal("0.01")


def parse_decimal(text):
    """The number written in `text`, or None when there is none: "120", "120,50",
    "1 200,50 €", "12.5 euros"; with both a dot and a comma, the last one is the decimal
    separator ("1.200,50", "1,200.50"). Not a number, an infinity or NaN give None."""
    text = re.sub(r"(?i)\s|€|euros?|eur", "", str(text))
    if "," in text and "." in text:
        thousands = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(thousands, "")
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_euros(text):
    """An amount in euros rounded to the cent, or None when `text` is not one (negative
    amounts are returned: the caller says whether they make sense)."""
    number = parse_decimal(text)
    if number is None:
        return None
    try:
        return number.quantize(CENT)
    except InvalidOperation:  # too many digits for the context's precision
        return None


def decimal_comma(value, places=None):
    """`value` written with a decimal comma: 2.5 → '2,5', 3.0 → '3', Decimal('120.50') →
    '120,50'; with `places`, that many decimals (2.04, 1 → '2,0')."""
    if places is not None:
        return f"{value:.{places}f}".replace(".", ",")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")
