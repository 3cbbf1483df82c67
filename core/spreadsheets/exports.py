"""Spreadsheet exports (CSV and XLSX) whose cells a spreadsheet will never run, written the
way French Excel opens them.

Every export of Tremplin writes names, notes and labels people typed. Excel and LibreOffice
run a cell that starts with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(…)` sends the
reader to any address; DDE formulas start programs), and a leading tab or carriage return
hides such a start. This module sits in `core`, below every app, so that every export
(cohorts, equipment, reports, the admin listings) uses the same rule.
"""

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

# OWASP "CSV injection": the characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# French Excel reads a CSV as UTF-8 only after a byte-order mark, and splits it on `;`.
CSV_BOM = "\ufeff"
CSV_DIALECT = {"delimiter": ";", "lineterminator": "\r\n"}
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def csv_writer(stream):
    """A csv writer in French Excel's dialect (`;`, CRLF); the caller writes the BOM."""
    return csv.writer(stream, **CSV_DIALECT)


class _Echo:
    """A file that hands back what is written to it, to stream a CSV line by line."""

    def write(self, value):
        return value


def csv_lines(header, lines):
    """The lines of a CSV file to stream (BOM first): `header` as given, every cell of
    `lines` made safe with `csv_cell`."""
    writer = csv_writer(_Echo())
    yield CSV_BOM + writer.writerow(header)
    for line in lines:
        yield writer.writerow([csv_cell(cell) for cell in line])


def csv_bytes(rows):
    """A whole CSV file as UTF-8 bytes with its BOM; `rows` are written as given (make
    typed text safe with `csv_cell` first)."""
    buffer = io.StringIO()
    csv_writer(buffer).writerows(rows)
    return (CSV_BOM + buffer.getvalue()).encode("utf-8")


def workbook_bytes(workbook):
    """An openpyxl workbook saved to bytes."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_table(title, headers, rows):
    """A one-sheet XLSX workbook, streamed by openpyxl as it is written: bold `headers`
    frozen at the top, then `rows` with every cell made safe with `cell_safe`."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=str(text))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([cell_safe(value) for value in row])
    return workbook_bytes(workbook)
