"""Import of devices from a structure's stock spreadsheet (CSV or XLSX).

The import runs in three steps: read the file (titles and text of every row), map each
column to a device field (guessed from the titles, changed by the person), then check every
row with a French message naming its line and column. Only `devices_import_commit` writes,
and it checks the rows again under a lock of the structure: all devices are created, or none.

File reading, titles comparison and the row-error shapes are the shared framework's
(`core.spreadsheets`), as for the learner import: one way to read a structure's spreadsheet
in Tremplin.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Organisation
from accounts.scoping import WORKSHOP_ROLES, works_for
from core.numbers import parse_euros
from core.spreadsheets.imports import (
    TEXT_TOO_LONG,
    ImportResult,
    ImportRow,
    RowError,
    Sheet,
    SheetRow,
    guess_mapping,
    read_sheet,
)
from core.spreadsheets.reading import date_cell
from core.text import collapse_spaces, loose_key

from .import_columns import COLUMNS_BY_FIELD, GRADE_WORDS, HEADER_FIELDS, KIND_WORDS, TEXT_FIELDS
from .models import Device, DeviceEvent, Donor
from .services import inventory_code_next

IMPORT_ROLES = WORKSHOP_ROLES
PRICE_MAX = Decimal("999999.99")
MEMORY_MAX_GB = 32767  # PositiveSmallIntegerField

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


# --- Reading -----------------------------------------------------------------------------


def devices_import_read(file) -> Sheet:
    """Read an uploaded CSV or XLSX file: titles on the first line, one device per line.
    File-level problems are in `errors`; no cell is checked yet."""
    return read_sheet(file, no_rows=FILE_NO_DEVICES)


def mapping_guess(titles: Sequence[str]) -> dict[str, str]:
    """Column title → device field ("" to ignore), from the titles structures use; each
    field goes to the first column that names it."""
    return guess_mapping(titles, HEADER_FIELDS)


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


def _price(text):
    price = parse_euros(text)
    return price if price is not None and Decimal("0") <= price <= PRICE_MAX else None


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
        cleaned[name] = collapse_spaces(text(name))
        limit = COLUMNS_BY_FIELD[name].max_length
        if len(cleaned[name]) > limit:
            error(name, _(TEXT_TOO_LONG) % {"max": limit})
    cleaned["notes"] = text("notes")

    kind = text("kind")
    cleaned["kind"] = KIND_WORDS.get(loose_key(kind), "")
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
        cleaned["grade"] = GRADE_WORDS.get(loose_key(grade), "")
        if not cleaned["grade"]:
            error("grade", _(GRADE_INVALID) % {"value": grade})

    cleaned["collected_on"] = None
    if collected := text("collected_on"):
        cleaned["collected_on"] = date_cell(collected)
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
    result.raise_unless_valid()
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
