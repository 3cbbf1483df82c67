"""Cells for spreadsheet exports (CSV and XLSX) that a spreadsheet will never run.

Every export of Tremplin writes names, notes and labels people typed. Excel and LibreOffice
run a cell that starts with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(…)` sends the
reader to any address; DDE formulas start programs), and a leading tab or carriage return
hides such a start. This module sits in `accounts`, the leftmost app, so that every export
(cohorts, equipment, reports) uses the same rule.
"""

from decimal import Decimal

# OWASP "CSV injection": the characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value):
    """`value` as a cell: text that starts like a formula gets an apostrophe in front (the
    spreadsheet shows the text as typed); numbers, dates, booleans and None are kept as
    they are, so that figures stay numbers in XLSX."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(value):
    """`value` as the text of a CSV cell: numbers as written (a negative figure stays a
    number), anything else made safe like `cell_safe`."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    return cell_safe(str(value))
