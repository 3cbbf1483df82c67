"""Reading a structure's spreadsheet (CSV or XLSX) as rows of text, with a French message
a volunteer can act on for every file that cannot be read.

Files come from Excel, LibreOffice, phones and old software: CSVs in UTF-8, UTF-16 or
Windows-1252 with `;`, `,` or tabs, workbooks that are zips (a small file may open into a
huge one). Every limit here is checked before the content is trusted.
"""

import csv
import datetime
import io
import re
import warnings
import zipfile
from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import load_workbook

from core.numbers import decimal_comma

MAX_FILE_SIZE = 2 * 1024 * 1024
MAX_ROWS = 2000
# Columns beyond this are never read: a file with thousands of stray columns stays cheap.
MAX_COLUMNS = 60
# A workbook is a zip: a small file may open into a huge one.
MAX_XLSX_UNZIPPED_SIZE = 50 * 1024 * 1024
EXCEL_EPOCH = datetime.date(1899, 12, 30)

FILE_TOO_BIG = gettext_noop(
    "Ce fichier est trop lourd (%(size)s Mo) : 2 Mo au plus. Gardez seulement les colonnes "
    "utiles, ou coupez-le en plusieurs fichiers."
)
FILE_EMPTY = gettext_noop("Ce fichier est vide.")
FILE_KIND_OLD_EXCEL = gettext_noop(
    "Ce fichier est au format .xls (ancien Excel) ou .ods, ou protégé par un mot de passe : "
    "ouvrez-le, puis enregistrez-le au format Excel (.xlsx) ou CSV, sans mot de passe, avant "
    "de le déposer."
)
FILE_KIND_UNKNOWN = gettext_noop(
    "Ce type de fichier n'est pas accepté : déposez un fichier Excel (.xlsx) ou CSV (.csv)."
)
FILE_UNREADABLE_XLSX = gettext_noop(
    "Ce fichier Excel est illisible. Ouvrez-le dans votre tableur, enregistrez-le de nouveau "
    "au format .xlsx, puis déposez-le."
)
FILE_UNREADABLE_CSV = gettext_noop(
    "Ce fichier CSV est illisible. Dans votre tableur, choisissez « Enregistrer sous », "
    "puis le format CSV, et déposez le nouveau fichier."
)
FILE_TOO_MANY_ROWS = gettext_noop(
    "Ce fichier a plus de %(max)s lignes : coupez-le en plusieurs fichiers et importez-les "
    "l'un après l'autre."
)


class UnreadableFile(Exception):
    """A file that cannot be read, with the French message to show."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def text_rows(file) -> Iterator[list[str]]:
    """The rows of an uploaded CSV or XLSX file, each a list of cells as a person sees them
    (`cell_text`), at most MAX_COLUMNS wide.

    A generator: nothing is read before the first row is asked for. The size, the kind and
    the unzipped size of the file are checked then; a damaged file may only show while its
    rows are read. Either way `UnreadableFile` is raised, so iterate inside `try`."""
    data, kind = _checked_content(file)
    reader, unreadable = (
        (xlsx_rows, FILE_UNREADABLE_XLSX) if kind == "xlsx" else (csv_rows, FILE_UNREADABLE_CSV)
    )
    try:
        for row in reader(data):
            yield [cell_text(cell) for cell in row]
    except (ValueError, KeyError, OSError, zipfile.BadZipFile, csv.Error) as error:
        # openpyxl raises all of these on damaged or disguised files.
        raise UnreadableFile(_(unreadable)) from error


def _checked_content(file):
    size = getattr(file, "size", None)
    if size is not None and size > MAX_FILE_SIZE:
        raise UnreadableFile(_(FILE_TOO_BIG) % {"size": megabytes(size)})
    data = file.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        raise UnreadableFile(_(FILE_TOO_BIG) % {"size": megabytes(len(data))})
    if not data.strip():
        raise UnreadableFile(_(FILE_EMPTY))
    kind = file_kind(getattr(file, "name", ""), data)
    if kind == "old":
        raise UnreadableFile(_(FILE_KIND_OLD_EXCEL))
    if kind not in ("xlsx", "csv"):
        raise UnreadableFile(_(FILE_KIND_UNKNOWN))
    if kind == "xlsx":
        unzipped = unzipped_size(data)
        if unzipped > MAX_XLSX_UNZIPPED_SIZE:
            raise UnreadableFile(_(FILE_TOO_BIG) % {"size": megabytes(unzipped)})
    return data, kind


def cell_text(value):
    """A cell as a person sees it in the spreadsheet: whole numbers without ".0", dates as
    15/03/2026, booleans as oui/non, and one plain space between words."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    # Also turns the non-breaking spaces of French spreadsheets into plain ones.
    return " ".join(str(value).split())


def decode(data):
    """Text of a CSV as Excel, LibreOffice or a phone may have saved it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte.
        return data.decode("latin-1")


def csv_rows(data):
    """The rows of a CSV file's bytes, split on Excel's `sep=` hint or else on the most
    frequent of `;`, `,` and tab in the first line."""
    text = decode(data)
    if "\x00" in text:
        raise ValueError("binary content")
    first_line = text.split("\n", 1)[0]
    if re.fullmatch(r"sep=.\r?", first_line):
        # Excel's own hint for the delimiter; Excel hides that line, so it is not counted.
        delimiter, text = first_line[4], text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter = max((";", ",", "\t"), key=first_line.count)
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield row[:MAX_COLUMNS]


def xlsx_rows(data):
    """The rows of the first sheet of a workbook's bytes, as values (formulas' results)."""
    with warnings.catch_warnings():
        # Files from other tools raise harmless style and validation warnings.
        warnings.simplefilter("ignore")
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        # Some tools write a wrong sheet size; reading the cells themselves is reliable.
        sheet.reset_dimensions()
        yield from sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    finally:
        workbook.close()


def file_kind(name, data):
    """The kind of file: "xlsx", "csv", "old" (.xls, .ods, an encrypted workbook) or None."""
    name = (name or "").lower()
    if name.endswith((".xls", ".ods")) or data.startswith(b"\xd0\xcf\x11\xe0"):
        return "old"
    if name.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if name.endswith((".csv", ".txt", ".tsv")) and not data.startswith(b"PK\x03\x04"):
        return "csv"
    return None


def unzipped_size(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return 0  # openpyxl then says the file is unreadable


def megabytes(size):
    """A size in bytes as the messages give it: 2097153 → '2,0'."""
    return decimal_comma(size / (1024 * 1024), places=1)


def date_cell(text):
    """A date as spreadsheets write it — 15/03/2026, 2026-03-15 (with a time or not), or an
    Excel serial number whose format was lost — or None."""
    text = text.strip()
    if re.fullmatch(r"\d{5}(?:[.,]0+)?", text):  # an Excel date the file lost the format of
        return EXCEL_EPOCH + datetime.timedelta(days=int(text.split(".")[0].split(",")[0]))
    for pattern, order in (
        (r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", "dmy"),
        (r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", "ymd"),
    ):
        match = re.fullmatch(pattern, text)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            try:
                return datetime.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                return None
    return None
