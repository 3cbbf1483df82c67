"""Spreadsheet exports: no cell a spreadsheet would run as a formula, numbers kept as
numbers, and the CSV dialect French Excel opens."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core.spreadsheets.exports import CSV_BOM, cell_safe, csv_bytes, csv_cell, csv_lines, xlsx_table

FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+33 6 12 34 56 78",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", FORMULAS)
def test_the_shared_rule_neutralises_every_formula_start(value):
    assert cell_safe(value) == "'" + value
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", [12, -3, 2.5, -0.5, Decimal("-1.5"), None, True])
def test_numbers_stay_numbers(value):
    assert cell_safe(value) is value
    assert csv_cell(value) == ("" if value is None else str(value))


def test_a_streamed_csv_starts_with_the_bom_and_neutralises_the_lines_not_the_header():
    lines = list(csv_lines(["Nom", "=titre"], [["=1+1", 3], ["Awa;Traoré", None]]))
    assert lines == [CSV_BOM + "Nom;=titre\r\n", "'=1+1;3\r\n", '"Awa;Traoré";\r\n']


def test_a_whole_csv_is_utf8_with_its_bom_and_semicolons():
    content = csv_bytes([["Prénom", "Nom"], ["Hélène", "Lefèvre"]])
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Prénom", "Nom"], ["Hélène", "Lefèvre"]]


def test_an_xlsx_table_has_a_bold_header_and_no_formula():
    content = xlsx_table("Stock", ["Nom", "Prix"], [["=HYPERLINK(1)", 12.5], ["Awa", None]])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert all(b"<f>" not in archive.read(name) for name in sheets)
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet.title == "Stock" and sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["Nom", "Prix"],
        ["'=HYPERLINK(1)", 12.5],
        ["Awa", None],
    ]
