"""The import framework: finding known columns, reading every column for a mapping step,
guessing the mapping, and the all-or-nothing result."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.spreadsheets import imports, reading
from core.spreadsheets.imports import Column, ImportResult, ImportRow, RowError

COLUMNS = (
    Column("first_name", "Prénom", "Prénom", ("prenom",)),
    Column("last_name", "Nom", "Nom", ("nom", "nomdefamille")),
    Column("phone", "Téléphone", "Téléphone", ("telephone", "portable")),
)
NO_ROWS = "Aucune ligne."


def upload(text, name="fichier.csv"):
    return SimpleUploadedFile(name, text.encode())


def read_known(text):
    return imports.read_known_columns(
        upload(text), COLUMNS, required=("first_name", "last_name"), no_rows=NO_ROWS
    )


def test_known_columns_are_found_by_their_titles_and_others_ignored():
    result = read_known("NOM DE FAMILLE;Prénom;Remarques\r\nTraoré;Awa;gentille\r\n;;seule\r\n")
    assert result.errors == []
    assert result.columns == {"last_name": "NOM DE FAMILLE", "first_name": "Prénom"}
    assert result.ignored_columns == ["Remarques"]
    # The third line is filled only in an ignored column: skipped.
    assert [(row.line, dict(row.values)) for row in result.rows] == [
        (2, {"last_name": "Traoré", "first_name": "Awa"})
    ]


def test_missing_or_repeated_known_columns_are_file_errors():
    assert read_known("Téléphone\r\n0612345678\r\n").errors == [
        imports.FILE_COLUMNS_MISSING % {"columns": "« Prénom », « Nom »"}
    ]
    assert read_known("Prénom;Nom;Téléphone;Portable\r\nA;B;;\r\n").errors == [
        imports.FILE_COLUMN_TWICE % {"first": "Téléphone", "second": "Portable"}
    ]


def test_only_titles_or_too_many_rows_or_an_unreadable_file_are_file_errors():
    assert read_known("Prénom;Nom\r\n").errors == [NO_ROWS]
    many = "Prénom;Nom\r\n" + "A;B\r\n" * (reading.MAX_ROWS + 1)
    result = read_known(many)
    assert (result.errors, result.rows) == ([reading.FILE_TOO_MANY_ROWS % {"max": 2000}], [])
    assert read_known("").errors == [reading.FILE_EMPTY]


def test_a_sheet_keeps_every_column_under_a_unique_title():
    sheet = imports.read_sheet(upload("Type;;Type;\r\nportable;x;fixe;\r\n\r\n"), no_rows=NO_ROWS)
    assert sheet.errors == []
    assert sheet.titles == ["Type", "Colonne B", "Type (2)"]  # the empty fourth is dropped
    assert [(row.line, dict(row.cells)) for row in sheet.rows] == [
        (2, {"Type": "portable", "Colonne B": "x", "Type (2)": "fixe"})
    ]
    assert sheet.samples("Type") == ["portable"]
    assert imports.read_sheet(upload("Type\r\n"), no_rows=NO_ROWS).errors == [NO_ROWS]


def test_the_guessed_mapping_gives_each_field_to_the_first_column_naming_it():
    fields = imports.synonyms_index(COLUMNS)
    titles = ["Nom", "Portable perso", "Nom de famille", "Ville"]
    assert imports.guess_mapping(titles, fields) == {
        "Nom": "last_name",
        "Portable perso": "phone",  # starts with a synonym of four letters or more
        "Nom de famille": "",  # the field is taken
        "Ville": "",
    }


@pytest.mark.parametrize(
    ("text", "value"), [("Oui", True), ("x", True), ("NON", False), ("0", False), ("bof", None)]
)
def test_yes_and_no_as_structures_write_them(text, value):
    assert imports.yes_no(text) is value


def test_one_wrong_row_refuses_the_whole_result_with_every_message():
    good = ImportRow(line=2, raw={})
    bad = ImportRow(line=3, raw={}, errors=[RowError(3, "Nom", "le nom manque.", "last_name")])
    result = ImportResult(rows=[good, bad])
    assert (result.ready_count, result.error_count, result.is_valid) == (1, 1, False)
    with pytest.raises(ValidationError) as refusal:
        result.raise_unless_valid()
    assert refusal.value.messages == ["Ligne 3, colonne « Nom » : le nom manque."]
    assert not ImportResult().is_valid  # nothing to import is not a valid import
    ImportResult(rows=[good]).raise_unless_valid()
