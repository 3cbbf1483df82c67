"""Reading a structure's spreadsheet: encodings, delimiters, kinds of file, limits, cells as
a person sees them. The learner and stock imports (tests/cohorts/test_import.py,
tests/equipment/test_import.py) run the same reading end to end."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from core.spreadsheets import reading
from core.spreadsheets.reading import UnreadableFile, text_rows


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rows_of(content, name="fichier.csv"):
    return list(text_rows(SimpleUploadedFile(name, content)))


def refusal(content, name="fichier.csv"):
    with pytest.raises(UnreadableFile) as error:
        rows_of(content, name)
    return error.value.message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"], ids=str)
def test_csv_encodings_of_excel_libreoffice_and_phones_keep_their_accents(encoding):
    content = "Prénom;Nom\r\nHélène;Lefèvre\r\n".encode(encoding)
    assert rows_of(content) == [["Prénom", "Nom"], ["Hélène", "Lefèvre"]]


def test_bytes_windows_1252_leaves_undefined_are_read_as_latin_1():
    assert reading.decode(b"caf\xe9 \x81") == "café \x81"


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_most_frequent_delimiter_of_the_first_line_splits_the_rows(delimiter):
    content = delimiter.join(["Prénom", "Nom", "Ville"]).encode() + b"\r\nAwa" + b"\r\n"
    assert rows_of(content)[0] == ["Prénom", "Nom", "Ville"]


def test_excel_delimiter_hint_is_followed_and_not_a_row():
    assert rows_of(b"sep=,\r\nPr\xc3\xa9nom,Nom\r\nAwa,Traor\xc3\xa9\r\n") == [
        ["Prénom", "Nom"],
        ["Awa", "Traoré"],
    ]


def test_rows_are_cut_at_the_column_limit():
    content = ";".join(f"c{i}" for i in range(reading.MAX_COLUMNS + 10)).encode()
    assert len(rows_of(content)[0]) == reading.MAX_COLUMNS


def test_xlsx_cells_are_read_as_a_person_sees_them():
    rows = [["Nom", "Téléphone", "Né le", "RSA", "Note"]]
    rows.append(["Traoré", 612345678.0, datetime.date(1990, 4, 12), True, "  deux\u00a0 mots "])
    # openpyxl gives every row MAX_COLUMNS cells, empty ones after the last value.
    assert rows_of(xlsx_bytes(rows), "fichier.xlsx")[1][:6] == [
        "Traoré",
        "612345678",
        "12/04/1990",
        "oui",
        "deux mots",
        "",
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, reading.FILE_KIND_OLD_EXCEL),
        ("a.xlsx", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, reading.FILE_KIND_OLD_EXCEL),  # encrypted
        ("a.ods", b"PK\x03\x04rest", reading.FILE_KIND_OLD_EXCEL),
        ("a.pdf", b"%PDF-1.4", reading.FILE_KIND_UNKNOWN),
        ("a.csv", b"PK\x03\x04rest", reading.FILE_KIND_UNKNOWN),  # a zip named .csv
        ("a.xlsx", b"PK\x03\x04 not really a workbook", reading.FILE_UNREADABLE_XLSX),
        ("a.csv", b"Nom\x00;\x00\x00", reading.FILE_UNREADABLE_CSV),  # binary content
        ("a.csv", b"  \r\n", reading.FILE_EMPTY),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_a_french_message(name, content, message):
    assert refusal(content, name) == message


def test_a_file_over_the_size_limit_is_refused_with_its_size():
    content = b"x" * (reading.MAX_FILE_SIZE + 1)
    assert refusal(content) == reading.FILE_TOO_BIG % {"size": "2,0"}


def test_a_workbook_that_unzips_into_a_huge_file_is_refused_before_openpyxl_reads_it():
    buffer = io.BytesIO(xlsx_bytes([["Nom"], ["Awa"]]))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"\0" * (reading.MAX_XLSX_UNZIPPED_SIZE + 1))
    assert refusal(buffer.getvalue(), "a.xlsx").startswith("Ce fichier est trop lourd (50,0 Mo)")


def test_nothing_is_read_before_the_first_row_is_asked_for():
    class Unread:
        name = "a.csv"

        def read(self, size):
            raise AssertionError("read too early")

    text_rows(Unread())  # a generator: no error yet


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15/03/2026", datetime.date(2026, 3, 15)),
        ("2026-03-15", datetime.date(2026, 3, 15)),
        ("2026-03-15 00:00:00", datetime.date(2026, 3, 15)),
        ("46096", datetime.date(2026, 3, 15)),  # an Excel serial date
        ("mars 2026", None),
    ],
)
def test_dates_as_spreadsheets_write_them(text, value):
    assert reading.date_cell(text) == value


def test_a_date_that_does_not_exist_is_none():
    assert reading.date_cell("31/02/2026") is None
