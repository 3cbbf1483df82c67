"""Import of devices from a structure's stock spreadsheet (CSV or XLSX), and export of the
stock to XLSX.

The import runs in three steps: read the file (titles and text of every row), map each
column to a device field (guessed from the titles, changed by the person), then check every
row with a French message naming its line and column. Only `devices_import_commit` writes,
and it checks the rows again under a lock of the structure: all devices are created, or none.

File reading, titles comparison and the row-error shapes are the learner import's
(`cohorts.imports`): one way to read a structure's spreadsheet in Tremplin.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import Organisation
from accounts.scoping import WORKSHOP_ROLES, works_for
from accounts.spreadsheets import cell_safe
from cohorts.imports import (
    FILE_EMPTY,
    FILE_KIND_OLD_EXCEL,
    FILE_KIND_UNKNOWN,
    FILE_TOO_BIG,
    FILE_TOO_MANY_ROWS,
    FILE_UNREADABLE_CSV,
    FILE_UNREADABLE_XLSX,
    MAX_COLUMNS,
    MAX_FILE_SIZE,
    MAX_ROWS,
    MAX_XLSX_UNZIPPED_SIZE,
    TEXT_TOO_LONG,
    ImportResult,
    ImportRow,
    RowError,
    _cell_text,
    _csv_rows,
    _file_kind,
    _key,
    _megabytes,
    _unzipped_size,
    _xlsx_rows,
)

from .models import Device, DeviceEvent, Donor, Handover
from .services import inventory_code_next

IMPORT_ROLES = WORKSHOP_ROLES
CENT = Decimal("0.01")
PRICE_MAX = Decimal("999999.99")
MEMORY_MAX_GB = 32767  # PositiveSmallIntegerField
EXCEL_EPOCH = datetime.date(1899, 12, 30)

# File and mapping messages.
IMPORT_NOT_ALLOWED = gettext_noop("Vous ne pouvez pas importer des appareils dans cette structure.")
FILE_NO_DEVICES = gettext_noop(
    "Ce fichier ne contient aucun appareil : seulement la ligne des titres de colonnes."
)
MAPPING_KIND_MISSING = gettext_noop(
    "Choisissez la colonne qui donne le type d'appareil (portable, fixe, tablette…) : "
    "c'est la seule information obligatoire."
)
MAPPING_FIELD_TWICE = gettext_noop(
    "Les colonnes « %(first)s » et « %(second)s » sont toutes deux associées à "
    "« %(field)s » : choisissez « ignorer » pour l'une d'elles."
)
MAPPING_COLUMN_UNKNOWN = gettext_noop("La colonne « %(column)s » n'est pas dans le fichier.")
UNTITLED_COLUMN = gettext_noop("Colonne %(letter)s")

# Row messages, shown after "Ligne 12, colonne « Type » : ".
KIND_MISSING = gettext_noop("le type d'appareil manque.")
KIND_UNKNOWN = gettext_noop(
    "« %(value)s » n'est pas un type d'appareil connu : écrivez portable, fixe, tablette, "
    "smartphone, téléphone simple, écran ou autre."
)
SIZE_INVALID = gettext_noop(
    "« %(value)s » n'est pas une taille en Go : écrivez un nombre entier, par exemple 8, "
    "8 Go, 256 Go ou 1 To."
)
GRADE_INVALID = gettext_noop(
    "« %(value)s » n'est pas un grade : écrivez A, B ou C, ou laissez vide."
)
DATE_INVALID = gettext_noop(
    "« %(value)s » n'est pas une date : écrivez-la comme 15/03/2026, ou laissez vide."
)
DATE_IN_FUTURE = gettext_noop("la date de collecte %(value)s est dans le futur.")
PRICE_INVALID = gettext_noop(
    "« %(value)s » n'est pas un prix : écrivez un montant en euros, par exemple 120 ou 120,50 €."
)
SERIAL_TWICE_IN_FILE = gettext_noop(
    "le numéro de série %(serial)s est déjà à la ligne %(first_line)s. Gardez une seule ligne "
    "par appareil."
)
SERIAL_ALREADY_REGISTERED = gettext_noop(
    "le numéro de série %(serial)s est déjà enregistré (%(code)s) : retirez cette ligne du fichier."
)
DONOR_NEW = gettext_noop("nouveau donateur : %(name)s")


@dataclass(frozen=True)
class DeviceColumn:
    """A device field a column may give: its title in the model file (part of the file
    format, so not translated), its label, and the titles structures actually use
    (compared as `cohorts.imports._key` reads them)."""

    field: str
    header: str
    label: Any
    synonyms: tuple[str, ...]
    max_length: int | None = None


COLUMNS = (
    DeviceColumn(
        "serial_number",
        "N° de série",
        gettext_lazy("Numéro de série"),
        (
            "ndeserie",
            "nserie",
            "numerodeserie",
            "numeroserie",
            "noserie",
            "sn",
            "serial",
            "serialnumber",
            "serie",
            "numserie",
        ),
        100,
    ),  # fmt: skip
    DeviceColumn(
        "kind",
        "Type",
        gettext_lazy("Type d'appareil"),
        (
            "type",
            "typedappareil",
            "typeappareil",
            "typedemateriel",
            "categorie",
            "materiel",
            "appareil",
            "kind",
        ),
    ),  # fmt: skip
    DeviceColumn(
        "brand",
        "Marque",
        gettext_lazy("Marque"),
        ("marque", "fabricant", "constructeur", "brand", "manufacturer"),
        100,
    ),
    DeviceColumn("model", "Modèle", gettext_lazy("Modèle"), ("modele", "model", "reference"), 150),
    DeviceColumn(
        "processor",
        "Processeur",
        gettext_lazy("Processeur"),
        ("processeur", "proc", "cpu", "processor"),
        150,
    ),
    DeviceColumn(
        "memory_gb",
        "Mémoire (Go)",
        gettext_lazy("Mémoire vive (Go)"),
        ("memoire", "memoirevive", "ram", "memory", "memoireram"),
    ),
    DeviceColumn(
        "storage_gb",
        "Stockage (Go)",
        gettext_lazy("Stockage (Go)"),
        ("stockage", "disque", "disquedur", "ssd", "hdd", "capacite", "storage"),
    ),
    DeviceColumn(
        "operating_system",
        "Système",
        gettext_lazy("Système d'exploitation"),
        ("systeme", "os", "systemedexploitation", "systemeinstalle", "operatingsystem"),
        100,
    ),
    DeviceColumn(
        "grade",
        "Grade",
        gettext_lazy("Grade"),
        ("grade", "etat", "etatesthetique", "classe", "gradeesthetique"),
    ),
    DeviceColumn(
        "donor",
        "Donateur",
        gettext_lazy("Donateur"),
        ("donateur", "provenance", "donneur", "origine", "donor", "entreprisedonatrice"),
        200,
    ),
    DeviceColumn(
        "collected_on",
        "Date de collecte",
        gettext_lazy("Date de collecte"),
        (
            "datedecollecte",
            "collecte",
            "collectele",
            "datecollecte",
            "datedereception",
            "recule",
            "datedentree",
            "date",
        ),
    ),  # fmt: skip
    DeviceColumn(
        "batch", "Lot", gettext_lazy("Lot"), ("lot", "ndelot", "numerodelot", "batch"), 100
    ),
    DeviceColumn(
        "price",
        "Prix",
        gettext_lazy("Prix solidaire (€)"),
        ("prix", "prixsolidaire", "prixdevente", "tarif", "price"),
    ),
    DeviceColumn(
        "notes",
        "Notes",
        gettext_lazy("Notes"),
        ("notes", "note", "remarques", "remarque", "commentaire", "commentaires", "observations"),
    ),
)
COLUMNS_BY_FIELD = {column.field: column for column in COLUMNS}
HEADER_FIELDS = {synonym: column.field for column in COLUMNS for synonym in column.synonyms}
TEXT_FIELDS = ("serial_number", "brand", "model", "processor", "operating_system", "batch")

K = Device.Kind
KIND_WORDS = {
    **{_key(kind.label): kind.value for kind in K},
    **{kind.value: kind.value for kind in K},
    "portable": K.LAPTOP,
    "pcportable": K.LAPTOP,
    "ordiportable": K.LAPTOP,
    "notebook": K.LAPTOP,
    "fixe": K.DESKTOP,
    "pcfixe": K.DESKTOP,
    "tour": K.DESKTOP,
    "unitecentrale": K.DESKTOP,
    "uc": K.DESKTOP,
    "tablette": K.TABLET,
    "telephone": K.SMARTPHONE,
    "telephoneportable": K.SMARTPHONE,
    "mobile": K.SMARTPHONE,
    "telephonebasique": K.BASIC_PHONE,
    "ecran": K.SCREEN,
    "moniteur": K.SCREEN,
    "autre": K.OTHER,
}
GRADE_WORDS = {
    **{_key(grade.label): grade.value for grade in Device.Grade},
    **{key: grade for grade in "ABC" for key in (grade.lower(), f"grade{grade.lower()}")},
    "commeneuf": "A",
}


# --- Reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    """One non-empty row of the file: its line in the spreadsheet and its text per column
    title (titles are made unique when the file is read)."""

    line: int
    cells: Mapping[str, str]


@dataclass
class DeviceSheet:
    """What was read from a file: the column titles in order, the rows, file-level errors."""

    titles: list[str] = field(default_factory=list)
    rows: list[SheetRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def samples(self, title, count=3):
        """The first non-empty values of a column, for the mapping step."""
        values = (row.cells.get(title, "") for row in self.rows)
        return [value for value in values if value][:count]


def devices_import_read(file) -> DeviceSheet:
    """Read an uploaded CSV or XLSX file: titles on the first line, one device per line.
    File-level problems are in `errors`; no cell is checked yet."""
    sheet = DeviceSheet()
    raw = _raw_rows(file, sheet)
    if sheet.errors:
        return sheet
    header = next(raw, None)
    titles = [_cell_text(cell) for cell in header or ()]
    if not any(titles):
        sheet.errors.append(_(FILE_EMPTY))
        return sheet
    lines = []
    for line, row in enumerate(raw, start=2):
        cells = [_cell_text(cell) for cell in row]
        if not any(cells):
            continue
        if len(lines) == MAX_ROWS:
            return DeviceSheet(errors=[_(FILE_TOO_MANY_ROWS) % {"max": MAX_ROWS}])
        lines.append((line, cells))
    if not lines:
        sheet.errors.append(_(FILE_NO_DEVICES))
        return sheet
    width = max(len(titles), *(len(cells) for _line, cells in lines))
    positions = [
        position
        for position in range(min(width, MAX_COLUMNS))
        if (position < len(titles) and titles[position])
        or any(position < len(cells) and cells[position] for _line, cells in lines)
    ]
    sheet.titles = _unique_titles(titles, positions)
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


def _raw_rows(file, sheet):
    """The rows of the file as cells, after the learner import's checks of the file itself
    (size, kind, zip bomb); its readers handle encodings, delimiters and damaged files."""
    size = getattr(file, "size", None)
    data = file.read(MAX_FILE_SIZE + 1)
    if max(size or 0, len(data)) > MAX_FILE_SIZE:
        size = max(size or 0, len(data))
        sheet.errors.append(_(FILE_TOO_BIG) % {"size": _megabytes(size)})
        return iter(())
    kind = _file_kind(getattr(file, "name", ""), data) if data.strip() else "empty"
    message = {
        "empty": FILE_EMPTY,
        "old": FILE_KIND_OLD_EXCEL,
        None: FILE_KIND_UNKNOWN,
    }.get(kind)
    if kind == "xlsx" and _unzipped_size(data) > MAX_XLSX_UNZIPPED_SIZE:
        sheet.errors.append(_(FILE_TOO_BIG) % {"size": _megabytes(_unzipped_size(data))})
    elif message:
        sheet.errors.append(_(message))
    if sheet.errors:
        return iter(())
    reader, unreadable = (
        (_xlsx_rows, FILE_UNREADABLE_XLSX) if kind == "xlsx" else (_csv_rows, FILE_UNREADABLE_CSV)
    )
    try:
        # Read it all here: openpyxl and csv raise on damaged files while iterating.
        return iter(list(reader(data)))
    except (ValueError, KeyError, OSError, zipfile.BadZipFile, csv.Error):
        sheet.errors.append(_(unreadable))
        return iter(())


def _unique_titles(titles, positions):
    from openpyxl.utils import get_column_letter

    unique, seen = [], {}
    for position in positions:
        title = titles[position] if position < len(titles) else ""
        title = title or _(UNTITLED_COLUMN) % {"letter": get_column_letter(position + 1)}
        seen[title] = seen.get(title, 0) + 1
        unique.append(title if seen[title] == 1 else f"{title} ({seen[title]})")
    return unique


def mapping_guess(titles: Sequence[str]) -> dict[str, str]:
    """Column title → device field ("" to ignore), from the titles structures use; each
    field goes to the first column that names it."""
    mapping, taken = {}, set()
    for title in titles:
        key = _key(title)
        name = HEADER_FIELDS.get(key)
        if name is None:
            name = next(
                (
                    field_name
                    for synonym, field_name in HEADER_FIELDS.items()
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


def mapping_errors(titles: Sequence[str], mapping: Mapping[str, str]) -> list[str]:
    """What stops a mapping: the kind not given, a field given by two columns, a column
    not in the file."""
    errors, first_title = [], {}
    for title, name in mapping.items():
        if title not in titles:
            errors.append(_(MAPPING_COLUMN_UNKNOWN) % {"column": title})
        elif name in first_title:
            errors.append(
                _(MAPPING_FIELD_TWICE)
                % {
                    "first": first_title[name],
                    "second": title,
                    "field": COLUMNS_BY_FIELD[name].label,
                }
            )
        elif name:
            first_title[name] = title
    if "kind" not in first_title:
        errors.append(_(MAPPING_KIND_MISSING))
    return errors


# --- Validation ----------------------------------------------------------------------------


@dataclass
class DeviceImportResult(ImportResult):
    """The learner import's result, plus the donors the commit will create."""

    new_donors: list[str] = field(default_factory=list)

    def donor_notices(self):
        return [_(DONOR_NEW) % {"name": name} for name in self.new_donors]


def _size_gb(text):
    # "256 Go SSD": the kind of disk is often written with its size.
    text = re.sub(r"ssd|hdd|emmc|nvme|m\.2", "", text.lower()).replace(" ", "")
    match = re.fullmatch(r"(\d+(?:[.,]\d+)?)(go|gb|g|to|tb|t)?", text)
    if match is None:
        return None
    number = Decimal(match.group(1).replace(",", "."))
    if match.group(2) in ("to", "tb", "t"):
        number *= 1000
    return int(number) if number == number.to_integral_value() else None


def _date(text):
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


def _price(text):
    text = re.sub(r"(?i)\s|\u202f|€|euros?|eur", "", text)
    if "," in text and "." in text:
        text = text.replace(".", "")  # 1.200,50: the dot separates thousands
    try:
        price = Decimal(text.replace(",", ".")).quantize(CENT)
    except InvalidOperation:
        return None
    return price if Decimal("0") <= price <= PRICE_MAX else None


def _clean_row(sheet_row, columns):
    """`columns`: device field → column title."""
    row = ImportRow(line=sheet_row.line, raw={})
    cleaned = row.cleaned

    def text(name):
        value = sheet_row.cells.get(columns[name], "") if name in columns else ""
        row.raw[name] = value
        return value.strip()

    def error(name, message):
        row.errors.append(RowError(row.line, columns[name], message, name))

    for name in (*TEXT_FIELDS, "donor"):
        cleaned[name] = " ".join(text(name).split())
        limit = COLUMNS_BY_FIELD[name].max_length
        if len(cleaned[name]) > limit:
            error(name, _(TEXT_TOO_LONG) % {"max": limit})
    cleaned["notes"] = text("notes")

    kind = text("kind")
    cleaned["kind"] = KIND_WORDS.get(_key(kind), "")
    if not kind:
        error("kind", _(KIND_MISSING))
    elif not cleaned["kind"]:
        error("kind", _(KIND_UNKNOWN) % {"value": kind})

    for name, limit in (("memory_gb", MEMORY_MAX_GB), ("storage_gb", 2**31 - 1)):
        cleaned[name] = None
        if value := text(name):
            cleaned[name] = _size_gb(value)
            if cleaned[name] is None or cleaned[name] > limit:
                cleaned[name] = None
                error(name, _(SIZE_INVALID) % {"value": value})

    cleaned["grade"] = ""
    if grade := text("grade"):
        cleaned["grade"] = GRADE_WORDS.get(_key(grade), "")
        if not cleaned["grade"]:
            error("grade", _(GRADE_INVALID) % {"value": grade})

    cleaned["collected_on"] = None
    if collected := text("collected_on"):
        cleaned["collected_on"] = _date(collected)
        if cleaned["collected_on"] is None:
            error("collected_on", _(DATE_INVALID) % {"value": collected})
        elif cleaned["collected_on"] > timezone.localdate():
            error("collected_on", _(DATE_IN_FUTURE) % {"value": collected})

    cleaned["price"] = None
    if price := text("price"):
        cleaned["price"] = _price(price)
        if cleaned["price"] is None:
            error("price", _(PRICE_INVALID) % {"value": price})
    return row


def _check_serials(rows, columns, organisation):
    """A serial twice in the file names the first line; one the structure already holds
    names the device's inventory code. Serials are compared without case."""
    existing = dict(
        Device.objects.filter(organisation=organisation)
        .exclude(serial_number="")
        .values_list("serial_number", "inventory_code")
        .iterator(chunk_size=2000)
    )
    existing = {serial.casefold(): code for serial, code in existing.items()}
    seen = {}
    for row in rows:
        serial = row.cleaned["serial_number"]
        if not serial:
            continue
        key = serial.casefold()
        title = columns["serial_number"]
        if key in seen:
            message = _(SERIAL_TWICE_IN_FILE) % {"serial": serial, "first_line": seen[key]}
            row.errors.append(RowError(row.line, title, message, "serial_number"))
        elif key in existing:
            message = _(SERIAL_ALREADY_REGISTERED) % {"serial": serial, "code": existing[key]}
            row.errors.append(RowError(row.line, title, message, "serial_number"))
        seen.setdefault(key, row.line)


def _donors_by_key(organisation):
    return {
        donor.name.casefold(): donor for donor in Donor.objects.filter(organisation=organisation)
    }


def devices_import_validate(
    *,
    organisation: Organisation,
    rows: Iterable[SheetRow],
    mapping: Mapping[str, str],
    donors: Mapping[str, Donor] | None = None,
) -> DeviceImportResult:
    """Check every row against the rules and the structure's stock. Writes nothing.

    `mapping`: column title → device field ("" or absent to ignore the column)."""
    rows = list(rows)
    titles = list(rows[0].cells) if rows else list(mapping)
    columns = {name: title for title, name in mapping.items() if name}
    result = DeviceImportResult(columns=columns, errors=mapping_errors(titles, mapping))
    if not rows:
        result.errors.append(_(FILE_NO_DEVICES))
    if result.errors:
        return result
    result.rows = [_clean_row(row, columns) for row in rows]
    _check_serials(result.rows, columns, organisation)
    donors = _donors_by_key(organisation) if donors is None else donors
    new = {}
    for row in result.rows:
        name = row.cleaned["donor"]
        if name and name.casefold() not in donors:
            new.setdefault(name.casefold(), name)
    result.new_donors = list(new.values())
    return result


# --- Commit --------------------------------------------------------------------------------


@transaction.atomic
def devices_import_commit(
    *, actor, organisation: Organisation, rows: Iterable[SheetRow], mapping: Mapping[str, str]
) -> list[Device]:
    """Create every device of the file at "received", with its inventory code, or none.

    The rows are checked again here under a lock of the structure, so a serial registered
    since the preview is not created twice, and codes are drawn in sequence without gaps or
    clashes. Queries do not grow with the rows: one insert of the new donors, the devices
    and their first events (in the database's batches)."""
    if not works_for(actor, organisation, IMPORT_ROLES):
        raise PermissionDenied(_(IMPORT_NOT_ALLOWED))
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    donors = _donors_by_key(locked)
    result = devices_import_validate(organisation=locked, rows=rows, mapping=mapping, donors=donors)
    if not result.is_valid:
        raise ValidationError(result.all_errors())
    created = Donor.objects.bulk_create(
        [Donor(organisation=locked, name=name) for name in result.new_donors]
    )
    donors.update({donor.name.casefold(): donor for donor in created})

    # The service's own rule for codes, then the following numbers: the lock is held.
    prefix, first = inventory_code_next(locked).rsplit("-", 1)
    devices = []
    for number, row in enumerate(result.rows, start=int(first)):
        fields = dict(row.cleaned)
        donor = fields.pop("donor")
        device = Device(
            organisation=locked,
            inventory_code=f"{prefix}-{number:05d}",
            donor=donors[donor.casefold()] if donor else None,
            status=Device.Status.RECEIVED,
            **fields,
        )
        # Uniqueness was checked above under the lock; per-row checks would cost queries.
        device.full_clean(
            exclude=["organisation", "donor"], validate_unique=False, validate_constraints=False
        )
        devices.append(device)
    devices = Device.objects.bulk_create(devices)
    DeviceEvent.objects.bulk_create(
        DeviceEvent(device=device, from_status="", to_status=Device.Status.RECEIVED, actor=actor)
        for device in devices
    )
    return devices


# --- Export --------------------------------------------------------------------------------

EXPORT_HEADERS = (
    gettext_lazy("Code d'inventaire"),
    gettext_lazy("N° de série"),
    gettext_lazy("Type"),
    gettext_lazy("Marque"),
    gettext_lazy("Modèle"),
    gettext_lazy("Processeur"),
    gettext_lazy("Mémoire (Go)"),
    gettext_lazy("Stockage (Go)"),
    gettext_lazy("Système"),
    gettext_lazy("Grade"),
    gettext_lazy("Étape"),
    gettext_lazy("Depuis le"),
    gettext_lazy("Donateur"),
    gettext_lazy("Collecté le"),
    gettext_lazy("Lot"),
    gettext_lazy("Prix solidaire (€)"),
    gettext_lazy("Réservé pour / remis à"),
    gettext_lazy("Notes"),
)


def _holder(device):
    handover = next(iter(device.current_handovers), None)
    if handover is not None:
        return str(handover.enrolment.learner)
    if device.reserved_for is not None:
        return str(device.reserved_for.learner)
    return ""


def _export_rows(devices):
    for device in devices:
        yield [
            device.inventory_code,
            device.serial_number,
            str(device.get_kind_display()),
            device.brand,
            device.model,
            device.processor,
            device.memory_gb,
            device.storage_gb,
            device.operating_system,
            device.grade,
            str(device.get_status_display()),
            timezone.localtime(device.status_changed_at).date(),
            device.donor.name if device.donor else "",
            device.collected_on,
            device.batch,
            device.price,
            _holder(device),
            device.notes,
        ]


def devices_export_xlsx(*, actor, queryset) -> bytes:
    """The devices of `queryset` the actor may see, one row each, as an XLSX workbook."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    devices = (
        Device.objects.visible_to(actor)
        .filter(pk__in=queryset.values("pk"))
        .select_related("donor", "reserved_for__learner")
        .prefetch_related(
            Prefetch(
                "handovers",
                queryset=Handover.objects.exclude(status=Handover.Status.RETURNED).select_related(
                    "enrolment__learner"
                ),
                to_attr="current_handovers",
            )
        )
        .order_by("inventory_code")
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Stock"))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in EXPORT_HEADERS:
        cell = WriteOnlyCell(sheet, value=str(title))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in _export_rows(devices.iterator(chunk_size=500)):
        sheet.append([cell_safe(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
