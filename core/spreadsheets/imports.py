"""The import framework on top of `reading`: the columns an import understands, the two ways
of finding them in a file, and the per-row errors that make an import all-or-nothing.

- `read_known_columns`: the titles of the first line are matched to the import's columns
  (compared as `core.text.loose_key` reads them); other columns are ignored.
- `read_sheet`: every column is kept under a unique title, for a mapping step where the
  person says what each column gives (`guess_mapping` proposes one).

Each import then cleans its rows into an `ImportResult`; nothing is written unless
`is_valid`, and the commit checks the rows again (`raise_unless_valid`).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl.utils import get_column_letter

from core.text import loose_key

from .reading import (
    FILE_EMPTY,
    FILE_TOO_MANY_ROWS,
    MAX_COLUMNS,
    MAX_ROWS,
    UnreadableFile,
    text_rows,
)

FILE_COLUMNS_MISSING = gettext_noop(
    "La première ligne du fichier doit donner le titre de chaque colonne. Il manque : %(columns)s."
)
FILE_COLUMN_TWICE = gettext_noop(
    "Les colonnes « %(first)s » et « %(second)s » donnent la même information : gardez-en "
    "une seule."
)
UNTITLED_COLUMN = gettext_noop("Colonne %(letter)s")

# Row-level messages: the line as the spreadsheet shows it (titles on line 1), the column as
# the file names it.
ROW_COLUMN_ERROR = gettext_noop("Ligne %(line)s, colonne « %(column)s » : %(message)s")
ROW_ERROR = gettext_noop("Ligne %(line)s : %(message)s")
TEXT_TOO_LONG = gettext_noop("%(max)s caractères au plus.")

YES_WORDS = {"oui", "o", "yes", "y", "x", "1", "vrai", "true"}
NO_WORDS = {"non", "n", "no", "0", "faux", "false"}


@dataclass(frozen=True)
class Column:
    """A column an import understands: the field it gives, its title in the model file
    (part of the file format, so not translated), its label, and the titles structures
    actually use (compared without case, accents, spaces or punctuation)."""

    field: str
    header: str
    label: Any  # lazy, for the preview table
    synonyms: tuple[str, ...]
    help: Any = ""
    max_length: int | None = None


def synonyms_index(columns: Iterable[Column]) -> dict[str, str]:
    """Title as `loose_key` reads it → field."""
    return {synonym: column.field for column in columns for synonym in column.synonyms}


def yes_no(text):
    """True for oui (yes, x, 1…), False for non (no, 0…), None when neither."""
    key = loose_key(text)
    if key in YES_WORDS:
        return True
    if key in NO_WORDS:
        return False
    return None


# --- Reading known columns -----------------------------------------------------------------


@dataclass(frozen=True)
class UploadRow:
    """One non-empty row of the file: its line in the spreadsheet and its text per field."""

    line: int
    values: Mapping[str, str]


@dataclass
class UploadFile:
    """What was read from a file, before any check of its values."""

    columns: dict[str, str] = field(default_factory=dict)  # field -> title as in the file
    rows: list[UploadRow] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_known_columns(
    file, columns: Sequence[Column], *, required: Sequence[str], no_rows: str
) -> UploadFile:
    """Read an uploaded CSV or XLSX file whose first line gives the titles of `columns`.

    Returns what could be read; file-level problems (kind, size, titles, row count, and
    `no_rows` when only the titles are there) are in `errors`, and the values are not
    checked yet. Rows empty in every known column are skipped."""
    upload = UploadFile()
    try:
        _read_known_rows(upload, text_rows(file), columns, required, no_rows)
    except UnreadableFile as error:
        return UploadFile(errors=[error.message])
    return upload


def _read_known_rows(upload, rows, columns, required, no_rows):
    header = next(rows, None)
    if header is None or not any(header):
        upload.errors.append(_(FILE_EMPTY))
        return
    positions = _match_titles(upload, header, columns, required)
    if upload.errors:
        return
    for line, cells in enumerate(rows, start=2):
        values = {
            name: cells[position] if position < len(cells) else ""
            for name, position in positions.items()
        }
        if not any(values.values()):
            continue  # empty rows, and rows filled only in ignored columns, are skipped
        if len(upload.rows) == MAX_ROWS:
            upload.errors.append(_(FILE_TOO_MANY_ROWS) % {"max": MAX_ROWS})
            upload.rows = []
            return
        upload.rows.append(UploadRow(line=line, values=values))
    if not upload.rows:
        upload.errors.append(_(no_rows))


def _match_titles(upload, titles, columns, required):
    header_fields = synonyms_index(columns)
    positions = {}
    for position, title in enumerate(titles):
        if not title:
            continue
        name = header_fields.get(loose_key(title))
        if name is None:
            upload.ignored_columns.append(title)
        elif name in positions:
            upload.errors.append(
                _(FILE_COLUMN_TWICE) % {"first": upload.columns[name], "second": title}
            )
        else:
            positions[name] = position
            upload.columns[name] = title
    headers = {column.field: column.header for column in columns}
    missing = [headers[name] for name in required if name not in positions]
    if missing:
        upload.errors.append(
            _(FILE_COLUMNS_MISSING) % {"columns": ", ".join(f"« {title} »" for title in missing)}
        )
    return positions


# --- Reading every column, for a mapping step ------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    """One non-empty row of the file: its line in the spreadsheet and its text per column
    title (titles are made unique when the file is read)."""

    line: int
    cells: Mapping[str, str]


@dataclass
class Sheet:
    """What was read from a file: the column titles in order, the rows, file-level errors."""

    titles: list[str] = field(default_factory=list)
    rows: list[SheetRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def samples(self, title, count=3):
        """The first non-empty values of a column, for the mapping step."""
        values = (row.cells.get(title, "") for row in self.rows)
        return [value for value in values if value][:count]


def read_sheet(file, *, no_rows: str) -> Sheet:
    """Read an uploaded CSV or XLSX file: titles on the first line, then the rows. Columns
    without a title get one ("Colonne B"), repeated titles a number; columns empty from
    top to bottom are dropped. File-level problems are in `errors` (`no_rows` when only the
    titles are there); no cell is checked yet."""
    try:
        # Read it all here: openpyxl and csv raise on damaged files while iterating.
        raw = iter(list(text_rows(file)))
    except UnreadableFile as error:
        return Sheet(errors=[error.message])
    titles = next(raw, None) or []
    if not any(titles):
        return Sheet(errors=[_(FILE_EMPTY)])
    lines = []
    for line, cells in enumerate(raw, start=2):
        if not any(cells):
            continue
        if len(lines) == MAX_ROWS:
            return Sheet(errors=[_(FILE_TOO_MANY_ROWS) % {"max": MAX_ROWS}])
        lines.append((line, cells))
    if not lines:
        return Sheet(errors=[_(no_rows)])
    width = max(len(titles), *(len(cells) for _line, cells in lines))
    positions = [
        position
        for position in range(min(width, MAX_COLUMNS))
        if (position < len(titles) and titles[position])
        or any(position < len(cells) and cells[position] for _line, cells in lines)
    ]
    sheet = Sheet(titles=unique_titles(titles, positions))
    sheet.rows = [
        SheetRow(
            line=line,
            cells={
                title: cells[position] if position < len(cells) else ""
                for title, position in zip(sheet.titles, positions, strict=True)
            },
        )
        for line, cells in lines
    ]
    return sheet


def unique_titles(titles, positions):
    """The titles of the columns at `positions`, each one unique: "Colonne B" for an
    untitled column, "Type (2)" for the second "Type"."""
    unique, seen = [], {}
    for position in positions:
        title = titles[position] if position < len(titles) else ""
        title = title or _(UNTITLED_COLUMN) % {"letter": get_column_letter(position + 1)}
        seen[title] = seen.get(title, 0) + 1
        unique.append(title if seen[title] == 1 else f"{title} ({seen[title]})")
    return unique


def guess_mapping(titles: Sequence[str], header_fields: Mapping[str, str]) -> dict[str, str]:
    """Column title → field ("" to ignore), from the titles structures use (`header_fields`,
    as `synonyms_index` builds it; a title may also start with a synonym of four letters or
    more); each field goes to the first column that names it."""
    mapping, taken = {}, set()
    for title in titles:
        key = loose_key(title)
        name = header_fields.get(key)
        if name is None:
            name = next(
                (
                    field_name
                    for synonym, field_name in header_fields.items()
                    if len(synonym) >= 4 and key.startswith(synonym)
                ),
                None,
            )
        if name is None or name in taken:
            mapping[title] = ""
        else:
            mapping[title] = name
            taken.add(name)
    return mapping


# --- Checked rows ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    line: int
    column: str  # the column title as in the file; empty for a problem with the whole row
    message: str
    field: str = ""

    def __str__(self):
        if self.column:
            return _(ROW_COLUMN_ERROR) % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _(ROW_ERROR) % {"line": self.line, "message": self.message}


@dataclass
class ImportRow:
    line: int
    raw: Mapping[str, str]
    cleaned: dict[str, Any] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_valid(self):
        return not self.errors

    @property
    def error_fields(self):
        return {error.field for error in self.errors if error.field}


@dataclass
class ImportResult:
    """Every row with its cleaned values and its errors, and the file-level errors."""

    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def ready_count(self):
        return sum(1 for row in self.rows if row.is_valid)

    @property
    def error_count(self):
        return sum(1 for row in self.rows if not row.is_valid)

    @property
    def row_errors(self):
        return [error for row in self.rows for error in row.errors]

    @property
    def is_valid(self):
        """Whether the import can be committed: rows to create, and nothing to correct."""
        return bool(self.rows) and not self.errors and not self.error_count

    def all_errors(self):
        return [*self.errors, *(str(error) for error in self.row_errors)]

    def raise_unless_valid(self):
        """All or nothing: one error anywhere refuses the whole file, every message given."""
        if not self.is_valid:
            raise ValidationError(self.all_errors())
