"""Import of learners from a structure's spreadsheet (CSV or XLSX): read, check every row
with a French message a volunteer can act on, then create everyone or no one.

Reading and validating write nothing, so the preview can run as often as needed. Only
`learner_import_commit` writes, and it validates the same rows again against the database
as it is at that moment: someone may have added a learner between preview and commit.
"""

import csv
import datetime
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import Organisation
from accounts.scoping import LEARNER_ACCESS_ROLES, works_for

from . import services
from .models import Cohort, Enrolment, Learner

MAX_FILE_SIZE = 2 * 1024 * 1024
MAX_ROWS = 2000
# Columns beyond this are never read: a file with thousands of stray columns stays cheap.
MAX_COLUMNS = 60
# A workbook is a zip: a small file may open into a huge one.
MAX_XLSX_UNZIPPED_SIZE = 50 * 1024 * 1024
BIRTH_YEAR_MIN = 1900

# What the person agreed to when the structure ticked "Consentement" in its spreadsheet. It is
# stored with the learner as the record of that consent, so it stays in French, untranslated.
CONSENT_TEXT = (
    "La personne accepte que la structure enregistre ses coordonnées et le suivi de son "
    "parcours dans Tremplin, pour l'accompagner et rendre compte de son activité aux "
    "financeurs sous forme de chiffres anonymes. Elle peut à tout moment demander à "
    "consulter, corriger ou supprimer ces informations."
)

# File-level messages.
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
FILE_NO_ROWS = gettext_noop(
    "Ce fichier ne contient aucune personne : seulement la ligne des titres de colonnes."
)
FILE_COLUMNS_MISSING = gettext_noop(
    "La première ligne du fichier doit donner le titre de chaque colonne. Il manque : %(columns)s."
)
FILE_COLUMN_TWICE = gettext_noop(
    "Les colonnes « %(first)s » et « %(second)s » donnent la même information : gardez-en "
    "une seule."
)
COHORT_NO_ROOM = gettext_noop(
    "Le groupe « %(cohort)s » est complet : choisissez un autre groupe, ou importez les "
    "personnes sans groupe."
)
COHORT_TOO_SMALL = gettext_noop(
    "Le groupe « %(cohort)s » n'a pas assez de places libres : %(free)s pour %(count)s "
    "personnes. Choisissez un autre groupe, ou importez les personnes sans groupe."
)
COHORT_OTHER_ORGANISATION = gettext_noop("Ce groupe appartient à une autre structure.")
IMPORT_NOT_ALLOWED = gettext_noop(
    "Vous ne pouvez pas importer des apprenants dans cette structure."
)

# Row-level messages: the line as the spreadsheet shows it (titles on line 1), the column as
# the file names it.
ROW_COLUMN_ERROR = gettext_noop("Ligne %(line)s, colonne « %(column)s » : %(message)s")
ROW_ERROR = gettext_noop("Ligne %(line)s : %(message)s")
FIRST_NAME_MISSING = gettext_noop("le prénom manque.")
LAST_NAME_MISSING = gettext_noop("le nom manque.")
TEXT_TOO_LONG = gettext_noop("%(max)s caractères au plus.")
PHONE_INVALID = gettext_noop(
    "« %(value)s » n'est pas un numéro de téléphone français : écrivez 10 chiffres, par "
    "exemple 06 12 34 56 78."
)
EMAIL_INVALID = gettext_noop(
    "« %(value)s » n'est pas une adresse e-mail valide (exemple : prenom.nom@exemple.fr)."
)
BIRTH_YEAR_INVALID = gettext_noop(
    "« %(value)s » n'est pas une année de naissance : écrivez une année entre 1900 et "
    "%(max)s, par exemple 1985."
)
YES_NO_INVALID = gettext_noop(
    "« %(value)s » n'est pas compris : écrivez oui ou non, ou laissez vide."
)
GENDER_INVALID = gettext_noop(
    "« %(value)s » n'est pas compris : écrivez F, M, Femme, Homme, ou laissez vide."
)
LANGUAGE_INVALID = gettext_noop(
    "« %(value)s » n'est pas une langue connue : écrivez son nom (par exemple arabe) ou son "
    "code (par exemple ar)."
)
DUPLICATE_IN_FILE_PHONE = gettext_noop(
    "cette personne est déjà à la ligne %(first_line)s (même prénom, même nom, même "
    "téléphone). Gardez une seule ligne par personne."
)
DUPLICATE_IN_FILE_BIRTH_YEAR = gettext_noop(
    "cette personne est déjà à la ligne %(first_line)s (même prénom, même nom, même année de "
    "naissance). Gardez une seule ligne par personne."
)
ALREADY_FOLLOWED_PHONE = gettext_noop(
    "cette personne est déjà suivie par la structure (même prénom, même nom, même "
    "téléphone) : retirez cette ligne du fichier."
)
ALREADY_FOLLOWED_BIRTH_YEAR = gettext_noop(
    "cette personne est déjà suivie par la structure (même prénom, même nom, même année de "
    "naissance) : retirez cette ligne du fichier."
)


@dataclass(frozen=True)
class ImportColumn:
    """A column Tremplin understands: the learner field, its title in the model file, and
    the titles structures actually use (compared without case, accents, spaces or
    punctuation)."""

    field: str
    header: str  # the title in the model file: part of the file format, so not translated
    label: Any  # lazy, for the preview table
    synonyms: tuple[str, ...]
    help: Any = ""


COLUMNS = (
    ImportColumn(
        "first_name",
        "Prénom",
        gettext_lazy("Prénom"),
        ("prenom", "prenoms", "firstname"),
        gettext_lazy("Obligatoire."),
    ),
    ImportColumn(
        "last_name",
        "Nom",
        gettext_lazy("Nom"),
        ("nom", "nomdefamille", "nomdusage", "nomdenaissance", "lastname"),
        gettext_lazy("Obligatoire. Aussi « Nom de famille »."),
    ),
    ImportColumn(
        "phone",
        "Téléphone",
        gettext_lazy("Téléphone"),
        (
            "telephone",
            "tel",
            "portable",
            "mobile",
            "telephoneportable",
            "telportable",
            "numerodetelephone",
            "ndetelephone",
            "numerodeportable",
            "phone",
        ),
        gettext_lazy("Numéro français, avec ou sans espaces, ou en +33. Aussi « Portable »."),
    ),
    ImportColumn(
        "email",
        "E-mail",
        gettext_lazy("E-mail"),
        (
            "email",
            "mail",
            "courriel",
            "adresseemail",
            "adressemail",
            "adressecourriel",
            "adresseelectronique",
        ),
        gettext_lazy("Aussi « Courriel » ou « Mail »."),
    ),
    ImportColumn(
        "birth_year",
        "Année de naissance",
        gettext_lazy("Année de naissance"),
        ("anneedenaissance", "anneenaissance", "naissance", "datedenaissance", "birthyear"),
        gettext_lazy(
            "Par exemple 1985. Une date de naissance complète est acceptée : "
            "seule l'année est gardée."
        ),
    ),
    ImportColumn(
        "gender",
        "Genre",
        gettext_lazy("Genre"),
        ("genre", "sexe", "civilite"),
        gettext_lazy("F, M, Femme, Homme, ou vide. Aussi « Sexe »."),
    ),
    ImportColumn(
        "language",
        "Langue",
        gettext_lazy("Langue"),
        ("langue", "langueparlee", "languematernelle"),
        gettext_lazy("Le nom de la langue (arabe, dari…) ou son code. Vide : français."),
    ),
    ImportColumn(
        "reads_french",
        "Lit le français",
        gettext_lazy("Lit le français"),
        ("litlefrancais", "litfrancais", "lecturedufrancais", "lecturefrancais"),
        gettext_lazy("oui ou non. Vide : oui."),
    ),
    ImportColumn(
        "lives_in_qpv",
        "QPV",
        gettext_lazy("QPV"),
        ("qpv", "habiteenqpv", "habiteunqpv", "quartierprioritaire"),
        gettext_lazy("Habite un quartier prioritaire : oui ou non. Vide : non."),
    ),
    ImportColumn(
        "receives_rsa",
        "RSA",
        gettext_lazy("RSA"),
        ("rsa", "beneficiairedursa", "beneficiairersa", "allocatairedursa"),
        gettext_lazy("Reçoit le RSA : oui ou non. Vide : non."),
    ),
    ImportColumn(
        "is_job_seeker",
        "Demandeur d'emploi",
        gettext_lazy("Demandeur d'emploi"),
        (
            "demandeurdemploi",
            "demandeusedemploi",
            "demandeursedemploi",
            "demandeureusedemploi",
            "inscritafrancetravail",
        ),
        gettext_lazy("oui ou non. Vide : non."),
    ),
    ImportColumn(
        "referred_by",
        "Orienté par",
        gettext_lazy("Orienté par"),
        ("orientepar", "orienteepar", "prescripteur", "prescriptrice", "structureprescriptrice"),
        gettext_lazy("La structure qui a orienté la personne. Aussi « Prescripteur »."),
    ),
    ImportColumn(
        "consent",
        "Consentement",
        gettext_lazy("Consentement"),
        ("consentement", "consentementrgpd", "accordrgpd"),
        gettext_lazy(
            "oui si la personne a donné son accord pour l'enregistrement de ses données. "
            "Vide : à recueillir plus tard."
        ),
    ),
)
COLUMNS_BY_FIELD = {column.field: column for column in COLUMNS}
REQUIRED_FIELDS = ("first_name", "last_name")
TEXT_MAX_LENGTHS = {"first_name": 100, "last_name": 100, "referred_by": 200, "email": 254}
YES_NO_DEFAULTS = {
    "reads_french": True,
    "lives_in_qpv": False,
    "receives_rsa": False,
    "is_job_seeker": False,
    "consent": False,
}

YES = {"oui", "o", "yes", "y", "x", "1", "vrai", "true"}
NO = {"non", "n", "no", "0", "faux", "false"}
GENDERS = {
    "f": "F",
    "femme": "F",
    "feminin": "F",
    "mme": "F",
    "madame": "F",
    "mlle": "F",
    "mademoiselle": "F",
    "m": "M",
    "h": "M",
    "homme": "M",
    "masculin": "M",
    "monsieur": "M",
    "nc": "",
    "noncommunique": "",
}
# The languages the structures' learners speak most: the name shown, then its code. Other
# names for the same language follow in LANGUAGE_ALIASES.
LANGUAGE_CODES = (
    ("français", "fr"),
    ("anglais", "en"),
    ("arabe", "ar"),
    ("espagnol", "es"),
    ("portugais", "pt"),
    ("italien", "it"),
    ("allemand", "de"),
    ("turc", "tr"),
    ("russe", "ru"),
    ("ukrainien", "uk"),
    ("roumain", "ro"),
    ("bulgare", "bg"),
    ("polonais", "pl"),
    ("albanais", "sq"),
    ("géorgien", "ka"),
    ("arménien", "hy"),
    ("serbe", "sr"),
    ("tchétchène", "ce"),
    ("persan", "fa"),
    ("dari", "prs"),
    ("pachto", "ps"),
    ("ourdou", "ur"),
    ("bengali", "bn"),
    ("tamoul", "ta"),
    ("kurde", "ku"),
    ("berbère", "ber"),
    ("kabyle", "kab"),
    ("tigrigna", "ti"),
    ("amharique", "am"),
    ("somali", "so"),
    ("wolof", "wo"),
    ("bambara", "bm"),
    ("soninké", "snk"),
    ("peul", "ff"),
    ("lingala", "ln"),
    ("swahili", "sw"),
    ("malgache", "mg"),
    ("créole haïtien", "ht"),
    ("chinois", "zh"),
    ("vietnamien", "vi"),
    ("khmer", "km"),
    ("lao", "lo"),
    ("tagalog", "tl"),
    ("mongol", "mn"),
)
LANGUAGE_ALIASES = {
    "farsi": "fa",
    "pashto": "ps",
    "tamazight": "ber",
    "tigrinya": "ti",
    "pular": "ff",
    "creole": "ht",
    "mandarin": "zh",
    "cambodgien": "km",
    "laotien": "lo",
}
LANGUAGE_NAMES = {code: name for name, code in LANGUAGE_CODES}


# Overseas departments dial as +262, +590, +594 and +596 but their national numbers start with
# a 0 like mainland ones.
FRENCH_DIALLING_CODES = ("33", "262", "590", "594", "596")


def _key(text):
    """Compare titles and values the way a person reads them: no case, accents, spaces,
    punctuation, nor notes in parentheses ("QPV (oui/non)")."""
    text = re.sub(r"\(.*?\)", "", str(text))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _name_key(first_name, last_name):
    return (_key(first_name), _key(last_name))


LANGUAGE_KEYS = {**{_key(name): code for name, code in LANGUAGE_CODES}, **LANGUAGE_ALIASES}
HEADER_FIELDS = {synonym: column.field for column in COLUMNS for synonym in column.synonyms}


# --- Reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadRow:
    """One non-empty row of the file: its line in the spreadsheet and its text per field."""

    line: int
    values: Mapping[str, str]


@dataclass
class UploadFile:
    """What was read from a file, before any check against the organisation."""

    columns: dict[str, str] = field(default_factory=dict)  # field -> title as in the file
    rows: list[UploadRow] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _cell_text(value):
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


def _decode(data):
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


def _csv_rows(data):
    text = _decode(data)
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


def _xlsx_rows(data):
    from openpyxl import load_workbook

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


def _file_kind(name, data):
    name = (name or "").lower()
    if name.endswith((".xls", ".ods")) or data.startswith(b"\xd0\xcf\x11\xe0"):
        return "old"
    if name.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if name.endswith((".csv", ".txt", ".tsv")) and not data.startswith(b"PK\x03\x04"):
        return "csv"
    return None


def learner_import_read(file) -> UploadFile:
    """Read an uploaded CSV or XLSX file: titles on the first line, one person per line.

    Returns what could be read; file-level problems (kind, size, titles, row count) are in
    `errors`, and the rows are not checked yet.
    """
    upload = UploadFile()
    size = getattr(file, "size", None)
    if size is not None and size > MAX_FILE_SIZE:
        upload.errors.append(_(FILE_TOO_BIG) % {"size": _megabytes(size)})
        return upload
    data = file.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        upload.errors.append(_(FILE_TOO_BIG) % {"size": _megabytes(len(data))})
        return upload
    if not data.strip():
        upload.errors.append(_(FILE_EMPTY))
        return upload
    kind = _file_kind(getattr(file, "name", ""), data)
    if kind == "old":
        upload.errors.append(_(FILE_KIND_OLD_EXCEL))
        return upload
    if kind not in ("xlsx", "csv"):
        upload.errors.append(_(FILE_KIND_UNKNOWN))
        return upload
    if kind == "xlsx":
        unzipped = _unzipped_size(data)
        if unzipped > MAX_XLSX_UNZIPPED_SIZE:
            upload.errors.append(_(FILE_TOO_BIG) % {"size": _megabytes(unzipped)})
            return upload
    reader, unreadable = (
        (_xlsx_rows, FILE_UNREADABLE_XLSX) if kind == "xlsx" else (_csv_rows, FILE_UNREADABLE_CSV)
    )
    try:
        _read_rows(upload, reader(data))
    except (ValueError, KeyError, OSError, zipfile.BadZipFile, csv.Error):
        # openpyxl raises all of these on damaged or disguised files.
        return UploadFile(errors=[_(unreadable)])
    return upload


def _unzipped_size(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return 0  # openpyxl then says the file is unreadable


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def _read_rows(upload, rows: Iterator[Sequence[Any]]):
    header = next(rows, None)
    if header is None or not any(_cell_text(cell) for cell in header):
        upload.errors.append(_(FILE_EMPTY))
        return
    positions = _match_headers(upload, [_cell_text(cell) for cell in header])
    if upload.errors:
        return
    for line, row in enumerate(rows, start=2):
        cells = [_cell_text(cell) for cell in row]
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
        upload.errors.append(_(FILE_NO_ROWS))


def _match_headers(upload, titles):
    positions = {}
    for position, title in enumerate(titles):
        if not title:
            continue
        name = HEADER_FIELDS.get(_key(title))
        if name is None:
            upload.ignored_columns.append(title)
        elif name in positions:
            upload.errors.append(
                _(FILE_COLUMN_TWICE) % {"first": upload.columns[name], "second": title}
            )
        else:
            positions[name] = position
            upload.columns[name] = title
    missing = [COLUMNS_BY_FIELD[name].header for name in REQUIRED_FIELDS if name not in positions]
    if missing:
        upload.errors.append(
            _(FILE_COLUMNS_MISSING) % {"columns": ", ".join(f"« {title} »" for title in missing)}
        )
    return positions


# --- Validation ----------------------------------------------------------------------------


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


def _phone_digits(phone):
    normalised = phone_normalise(phone or "")
    return normalised.replace(" ", "") if normalised else re.sub(r"\D", "", phone or "")


def _birth_year(raw):
    text = raw.strip()
    match = (
        re.fullmatch(r"(\d{4})", text)
        or re.fullmatch(r"\d{1,2}[/.\-]\d{1,2}[/.\-](\d{4})", text)
        or re.fullmatch(r"(\d{4})-\d{1,2}-\d{1,2}(?:[ T].*)?", text)
    )
    if match is None:
        return None
    year = int(match.group(1))
    return year if BIRTH_YEAR_MIN <= year <= timezone.localdate().year else None


def _language(raw):
    key = _key(raw)
    if key in LANGUAGE_KEYS:
        return LANGUAGE_KEYS[key]
    if re.fullmatch(r"[a-z]{2,3}", key):
        return key
    return None


def _text(values, name):
    return " ".join(str(values.get(name, "")).split())


def _clean_row(upload_row, columns):
    row = ImportRow(line=upload_row.line, raw=dict(upload_row.values))
    values, cleaned = upload_row.values, row.cleaned

    def error(name, message):
        title = columns.get(name) or COLUMNS_BY_FIELD[name].header
        row.errors.append(RowError(row.line, title, message, name))

    for name in ("first_name", "last_name", "email", "referred_by"):
        cleaned[name] = _text(values, name)
    for name, missing in (("first_name", FIRST_NAME_MISSING), ("last_name", LAST_NAME_MISSING)):
        if not cleaned[name]:
            error(name, _(missing))
    for name, max_length in TEXT_MAX_LENGTHS.items():
        if len(cleaned[name]) > max_length:
            error(name, _(TEXT_TOO_LONG) % {"max": max_length})

    cleaned["phone"] = ""
    if phone := _text(values, "phone"):
        cleaned["phone"] = phone_normalise(phone) or ""
        if not cleaned["phone"]:
            error("phone", _(PHONE_INVALID) % {"value": phone})

    email = cleaned["email"]
    if email and len(email) <= TEXT_MAX_LENGTHS["email"]:
        try:
            validate_email(email)
        except ValidationError:
            error("email", _(EMAIL_INVALID) % {"value": email})

    cleaned["birth_year"] = None
    if birth_year := _text(values, "birth_year"):
        cleaned["birth_year"] = _birth_year(birth_year)
        if cleaned["birth_year"] is None:
            year = timezone.localdate().year
            error("birth_year", _(BIRTH_YEAR_INVALID) % {"value": birth_year, "max": year})

    cleaned["gender"] = ""
    if gender := _text(values, "gender"):
        if _key(gender) in GENDERS:
            cleaned["gender"] = GENDERS[_key(gender)]
        else:
            error("gender", _(GENDER_INVALID) % {"value": gender})

    cleaned["language"] = "fr"
    if language := _text(values, "language"):
        cleaned["language"] = _language(language) or "fr"
        if _language(language) is None:
            error("language", _(LANGUAGE_INVALID) % {"value": language})

    for name, default in YES_NO_DEFAULTS.items():
        cleaned[name] = default
        if text := _text(values, name):
            if _key(text) in YES:
                cleaned[name] = True
            elif _key(text) in NO:
                cleaned[name] = False
            else:
                error(name, _(YES_NO_INVALID) % {"value": text})
    return row


def _check_duplicates(rows, organisation):
    """Within the file, the second row names the first; against the organisation's learners,
    the row is refused. The same person: same first and last name (read without case or
    accents) and the same phone, or the same birth year."""
    seen = {}
    for row in rows:
        if not row.cleaned["first_name"] or not row.cleaned["last_name"]:
            continue
        names = _name_key(row.cleaned["first_name"], row.cleaned["last_name"])
        for kind, value in (("phone", row.cleaned["phone"]), ("year", row.cleaned["birth_year"])):
            if not value:
                continue
            key = (*names, kind, _phone_digits(value) if kind == "phone" else value)
            if key in seen:
                message = (
                    DUPLICATE_IN_FILE_PHONE if kind == "phone" else DUPLICATE_IN_FILE_BIRTH_YEAR
                )
                row.errors.append(RowError(row.line, "", _(message) % {"first_line": seen[key]}))
                break
            seen[key] = row.line

    # One read of the organisation's learners: names must be compared as people read them,
    # which SQL cannot do portably. A structure follows thousands of people at most.
    existing = set()
    learners = Learner.objects.filter(organisation=organisation).values_list(
        "first_name", "last_name", "phone", "birth_year"
    )
    for first_name, last_name, phone, birth_year in learners.iterator(chunk_size=2000):
        names = _name_key(first_name, last_name)
        if phone:
            existing.add((*names, "phone", _phone_digits(phone)))
        if birth_year:
            existing.add((*names, "year", birth_year))
    for row in rows:
        if not row.cleaned["first_name"] or not row.cleaned["last_name"]:
            continue
        names = _name_key(row.cleaned["first_name"], row.cleaned["last_name"])
        if (
            row.cleaned["phone"]
            and (*names, "phone", _phone_digits(row.cleaned["phone"])) in existing
        ):
            row.errors.append(RowError(row.line, "", _(ALREADY_FOLLOWED_PHONE)))
        elif row.cleaned["birth_year"] and (*names, "year", row.cleaned["birth_year"]) in existing:
            row.errors.append(RowError(row.line, "", _(ALREADY_FOLLOWED_BIRTH_YEAR)))


def _cohort_free_places(cohort):
    taken = cohort.enrolments.exclude(status=Enrolment.Status.DROPPED).count()
    return cohort.capacity - taken


def _check_cohort(result, organisation, cohort):
    if cohort.organisation_id != organisation.pk:
        result.errors.append(_(COHORT_OTHER_ORGANISATION))
        return
    count = len(result.rows)
    free = _cohort_free_places(cohort)
    if count <= free:
        return
    if free <= 0:
        result.errors.append(_(COHORT_NO_ROOM) % {"cohort": cohort.name})
        return
    result.errors.append(
        _(COHORT_TOO_SMALL) % {"cohort": cohort.name, "free": free, "count": count}
    )


def learner_import_validate(
    *,
    organisation: Organisation,
    upload_rows: Iterable[UploadRow],
    columns: Mapping[str, str] | None = None,
    cohort: Cohort | None = None,
) -> ImportResult:
    """Check every row against the rules and the organisation's learners. Writes nothing."""
    columns = dict(columns or {})
    result = ImportResult(columns=columns)
    result.rows = [_clean_row(row, columns) for row in upload_rows]
    _check_duplicates(result.rows, organisation)
    if cohort is not None:
        _check_cohort(result, organisation, cohort)
    return result


# --- Commit --------------------------------------------------------------------------------


@transaction.atomic
def learner_import_commit(
    *,
    actor,
    organisation: Organisation,
    upload_rows: Iterable[UploadRow],
    cohort: Cohort | None = None,
    columns: Mapping[str, str] | None = None,
) -> list[Learner]:
    """Create every learner of the file, and enrol them in `cohort` if given, or nothing.

    The rows are checked again here, so a learner added since the preview is not created
    twice; any error, including a cohort that fills up meanwhile, rolls everything back.
    """
    if not works_for(actor, organisation, LEARNER_ACCESS_ROLES):
        raise PermissionDenied(_(IMPORT_NOT_ALLOWED))
    # Two imports of the same file at once would both pass the duplicate check: one waits.
    list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk"))
    upload_rows = list(upload_rows)
    if not upload_rows:
        raise ValidationError(_(FILE_NO_ROWS))
    result = learner_import_validate(
        organisation=organisation, upload_rows=upload_rows, columns=columns, cohort=cohort
    )
    if not result.is_valid:
        raise ValidationError(result.all_errors())
    now = timezone.now()
    learners = []
    for row in result.rows:
        fields = dict(row.cleaned)
        consent = fields.pop("consent")
        learner = Learner(
            organisation=organisation,
            consent_at=now if consent else None,
            consent_text=CONSENT_TEXT if consent else "",
            **fields,
        )
        # The organisation was checked above; checking it per row would cost a query each.
        learner.full_clean(exclude=["organisation", "user"])
        learners.append(learner)
    learners = Learner.objects.bulk_create(learners)
    if cohort is not None:
        # One rule for enrolment, in one place. A cohort holds a dozen people, so calling the
        # service per learner stays cheap.
        for learner in learners:
            services.learner_enrol(cohort=cohort, learner=learner)
    return learners
