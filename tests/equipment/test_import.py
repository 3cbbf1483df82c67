"""Import of devices from a CSV or XLSX stock sheet (mapping, per-row French errors,
all-or-nothing commit) and export of the stock to XLSX."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from accounts.models import Role
from cohorts.services import learner_enrol
from core.spreadsheets import reading
from core.spreadsheets.imports import RowError
from core.text import loose_key
from equipment import import_columns, imports, services
from equipment.models import Device, DeviceEvent, Donor
from tests.cohorts.factories import make_cohort, make_learner
from tests.cohorts.test_import import csv_bytes, xlsx_bytes
from tests.equipment.factories import make_device, make_ready

HEADERS = [
    "N° de série",
    "Type",
    "Marque",
    "Modèle",
    "Processeur",
    "RAM",
    "Disque",
    "OS",
    "État",
    "Provenance",
    "Date de collecte",
    "Lot",
    "Prix",
    "Remarques",
]
T480 = [
    "PF1K2XYZ",
    "PC portable",
    "Lenovo",
    "ThinkPad T480",
    "i5-8350U",
    "8 Go",
    "256Go",
    "Windows 11",
    "B",
    "Caisse d'Épargne Aquitaine",
    "12/03/2026",
    "2026-03",
    "120,50 €",
    "Chargeur fourni",
]
ELITEDESK = [
    "CZC8123ABC",
    "Unité centrale",
    "HP",
    "EliteDesk 800 G4",
    "i5-8500",
    "16",
    "1 To",
    "Linux Mint",
    "a",
    "Mairie de Pessac",
    "2026-02-01",
    "2026-02",
    "90",
    "",
]
GUESSED = {
    "N° de série": "serial_number",
    "Type": "kind",
    "Marque": "brand",
    "Modèle": "model",
    "Processeur": "processor",
    "RAM": "memory_gb",
    "Disque": "storage_gb",
    "OS": "operating_system",
    "État": "grade",
    "Provenance": "donor",
    "Date de collecte": "collected_on",
    "Lot": "batch",
    "Prix": "price",
    "Remarques": "notes",
}


@pytest.fixture
def technician(make_member, organisation):
    return make_member(Role.TECHNICIAN, organisation)


def read(content, name="stock.csv"):
    return imports.devices_import_read(SimpleUploadedFile(name, content))


def validate(organisation, rows, mapping=None):
    sheet = read(csv_bytes(rows, encoding="utf-8"))
    assert not sheet.errors
    return imports.devices_import_validate(
        organisation=organisation,
        rows=sheet.rows,
        mapping=mapping or imports.mapping_guess(sheet.titles),
    )


def error(line, column, message):
    return str(RowError(line, column, message))


def stock_rows(count, bad=()):
    """`count` laptops with distinct serials; the lines in `bad` get a wrong kind."""
    rows = [HEADERS]
    for index in range(count):
        row = list(T480)
        row[0] = f"SN{index:05d}"
        if index + 2 in bad:
            row[1] = "grille-pain"
        rows.append(row)
    return rows


def sheet_rows(rows):
    sheet = read(xlsx_bytes(rows), "stock.xlsx")
    assert not sheet.errors
    return sheet


# --- Reading and mapping -----------------------------------------------------------------


def test_a_semicolon_cp1252_csv_is_read_and_its_columns_guessed():
    sheet = read(csv_bytes([HEADERS, T480, ELITEDESK]))
    assert sheet.errors == []
    assert sheet.titles == HEADERS
    assert [row.line for row in sheet.rows] == [2, 3]
    assert sheet.rows[0].cells["Provenance"] == "Caisse d'Épargne Aquitaine"
    assert sheet.samples("Type") == ["PC portable", "Unité centrale"]
    assert imports.mapping_guess(sheet.titles) == GUESSED


@pytest.mark.parametrize(
    ("title", "field"),
    [
        ("Numéro de série", "serial_number"),
        ("S/N", "serial_number"),
        ("Mémoire (Go)", "memory_gb"),
        ("Stockage", "storage_gb"),
        ("Système", "operating_system"),
        ("Grade", "grade"),
        ("Donateur", "donor"),
        ("Prix solidaire", "price"),
        ("Couleur", ""),
    ],
)
def test_french_and_english_titles_are_guessed(title, field):
    assert imports.mapping_guess([title]) == {title: field}


def test_untitled_and_repeated_columns_get_a_name_and_only_the_first_is_guessed():
    sheet = read(csv_bytes([["Type", "", "Type"], ["portable", "x", "fixe"]], encoding="utf-8"))
    assert sheet.titles == ["Type", "Colonne B", "Type (2)"]
    assert imports.mapping_guess(sheet.titles) == {"Type": "kind", "Colonne B": "", "Type (2)": ""}


def test_a_mapping_needs_the_kind_and_each_field_once():
    titles = ["Marque", "Fabricant"]
    assert imports.mapping_errors(titles, {"Marque": "brand", "Fabricant": "brand"}) == [
        imports.MAPPING_FIELD_TWICE % {"first": "Marque", "second": "Fabricant", "field": "Marque"},
        imports.MAPPING_KIND_MISSING,
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("stock.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, reading.FILE_KIND_OLD_EXCEL),
        ("stock.pdf", b"%PDF-1.4", reading.FILE_KIND_UNKNOWN),
        ("stock.xlsx", b"PK\x03\x04 not really a workbook", reading.FILE_UNREADABLE_XLSX),
        ("stock.csv", b"", reading.FILE_EMPTY),
        ("stock.csv", b"Type;Marque\r\n", imports.FILE_NO_DEVICES),
    ],
)
def test_other_files_are_refused_with_a_french_message(name, content, message):
    assert read(content, name).errors == [message]


# --- Validation ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_good_rows_are_cleaned_and_new_donors_announced(organisation, technician):
    Donor.objects.create(organisation=organisation, name="MAIRIE DE PESSAC")
    result = validate(organisation, [HEADERS, T480, ELITEDESK])
    assert result.is_valid
    assert result.rows[0].cleaned == {
        "serial_number": "PF1K2XYZ",
        "kind": "laptop",
        "brand": "Lenovo",
        "model": "ThinkPad T480",
        "processor": "i5-8350U",
        "memory_gb": 8,
        "storage_gb": 256,
        "operating_system": "Windows 11",
        "grade": "B",
        "donor": "Caisse d'Épargne Aquitaine",
        "collected_on": datetime.date(2026, 3, 12),
        "batch": "2026-03",
        "price": Decimal("120.50"),
        "notes": "Chargeur fourni",
    }
    second = result.rows[1].cleaned
    assert (second["kind"], second["storage_gb"], second["grade"]) == ("desktop", 1000, "A")
    assert result.new_donors == ["Caisse d'Épargne Aquitaine"]
    assert result.donor_notices() == ["nouveau donateur : Caisse d'Épargne Aquitaine"]


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("portable", "laptop"),
        ("Ordinateur portable", "laptop"),
        ("PC portable", "laptop"),
        ("fixe", "desktop"),
        ("Tour", "desktop"),
        ("unité centrale", "desktop"),
        ("Tablette", "tablet"),
        ("téléphone", "smartphone"),
        ("Smartphone", "smartphone"),
        ("Téléphone simple", "basic_phone"),
        ("écran", "screen"),
        ("Autre", "other"),
    ],
)
def test_french_kinds_are_understood(word, kind):
    assert import_columns.KIND_WORDS[loose_key(word)] == kind


@pytest.mark.django_db
def test_each_bad_cell_gets_a_french_message_naming_line_and_column(organisation, technician):
    make_device(technician, organisation, serial="ALREADY1")
    code = Device.objects.get().inventory_code
    rows = [
        HEADERS,
        ["S1", "grille-pain", *T480[2:]],
        ["S2", "portable", "", "", "", "huit", "256 Mo", "", "Z", "", "31/02/2026", "",
         "gratuit", ""],
        ["S3", "", "", "", "", "", "", "", "", "", "", "", "-5", ""],
        ["S1", "fixe", *[""] * 12],
        ["already1", "fixe", *[""] * 12],
        ["S6", "écran", *[""] * 8, "2099-01-01", "", "", ""],
    ]  # fmt: skip
    result = validate(organisation, rows)
    assert not result.is_valid and result.error_count == 6
    assert [str(e) for e in result.row_errors] == [
        error(2, "Type", imports.KIND_UNKNOWN % {"value": "grille-pain"}),
        error(3, "RAM", imports.SIZE_INVALID % {"value": "huit"}),
        error(3, "Disque", imports.SIZE_INVALID % {"value": "256 Mo"}),
        error(3, "État", imports.GRADE_INVALID % {"value": "Z"}),
        error(3, "Date de collecte", imports.DATE_INVALID % {"value": "31/02/2026"}),
        error(3, "Prix", imports.PRICE_INVALID % {"value": "gratuit"}),
        error(4, "Type", imports.KIND_MISSING),
        error(4, "Prix", imports.PRICE_INVALID % {"value": "-5"}),
        error(5, "N° de série", imports.SERIAL_TWICE_IN_FILE % {"serial": "S1", "first_line": 2}),
        error(
            6,
            "N° de série",
            imports.SERIAL_ALREADY_REGISTERED % {"serial": "already1", "code": code},
        ),
        error(7, "Date de collecte", imports.DATE_IN_FUTURE % {"value": "2099-01-01"}),
    ]
    assert str(result.row_errors[0]).startswith("Ligne 2, colonne « Type » : « grille-pain »")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("8 Go", 8),
        ("256Go", 256),
        ("1 To", 1000),
        ("16 GB", 16),
        ("1,5 To", 1500),
        ("256 Go SSD", 256),
        ("8,5", None),
    ],
)
def test_sizes_in_gigabytes(text, value):
    assert imports._size_gb(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("120,50 €", Decimal("120.50")), ("1 200,00 €", Decimal("1200.00")), ("90", Decimal("90"))],
)
def test_prices_in_euros(text, value):
    assert imports._price(text) == value


# --- Commit --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_five_hundred_rows_with_three_bad_show_three_errors_and_import_nothing(
    organisation, technician
):
    sheet = sheet_rows(stock_rows(500, bad=(10, 250, 501)))
    mapping = imports.mapping_guess(sheet.titles)
    result = imports.devices_import_validate(
        organisation=organisation, rows=sheet.rows, mapping=mapping
    )
    expected = [
        error(line, "Type", imports.KIND_UNKNOWN % {"value": "grille-pain"})
        for line in (10, 250, 501)
    ]
    assert [str(e) for e in result.row_errors] == expected
    with pytest.raises(ValidationError) as raised:
        imports.devices_import_commit(
            actor=technician, organisation=organisation, rows=sheet.rows, mapping=mapping
        )
    assert raised.value.messages == expected
    assert not Device.objects.exists() and not Donor.objects.exists()


def _commit_queries(actor, organisation, count):
    sheet = sheet_rows(stock_rows(count))
    with CaptureQueriesContext(connection) as queries:
        devices = imports.devices_import_commit(
            actor=actor,
            organisation=organisation,
            rows=sheet.rows,
            mapping=imports.mapping_guess(sheet.titles),
        )
    return devices, len(queries)


@pytest.mark.django_db
def test_five_hundred_fixed_rows_import_in_sequence_without_a_query_per_row(
    organisation, other_organisation, technician, make_member
):
    prefix = services.inventory_prefix(organisation)
    devices, queries = _commit_queries(technician, organisation, 500)
    assert len(devices) == 500
    codes = list(Device.objects.values_list("inventory_code", flat=True))
    assert codes == [f"{prefix}-{number:05d}" for number in range(1, 501)]
    assert set(Device.objects.values_list("status", flat=True)) == {Device.Status.RECEIVED}
    assert (
        DeviceEvent.objects.filter(to_status=Device.Status.RECEIVED, actor=technician).count()
        == 500
    )
    donor = Donor.objects.get()
    assert (donor.name, donor.devices.count()) == ("Caisse d'Épargne Aquitaine", 500)
    device = Device.objects.get(serial_number="SN00042")
    assert (device.memory_gb, device.storage_gb, device.price) == (8, 256, Decimal("120.50"))

    # Access, lock, existing donors and serials, donors insert, next code, then the device
    # and event inserts in the database's batches (SQLite takes 999 parameters a query).
    other = make_member(Role.TECHNICIAN, other_organisation)
    _devices, queries_50 = _commit_queries(other, other_organisation, 50)
    assert queries_50 <= 11  # 10 on PostgreSQL
    batches = len(range(0, 500, connection.ops.bulk_batch_size(["a"] * 22, [None] * 500)))
    assert queries - queries_50 <= 2 * batches < 30


@pytest.mark.django_db
def test_commit_checks_again_a_serial_registered_since_the_preview(organisation, technician):
    sheet = sheet_rows([HEADERS, T480, ELITEDESK])
    make_device(technician, organisation, serial="CZC8123ABC")
    with pytest.raises(ValidationError) as raised:
        imports.devices_import_commit(
            actor=technician,
            organisation=organisation,
            rows=sheet.rows,
            mapping=imports.mapping_guess(sheet.titles),
        )
    assert "CZC8123ABC" in raised.value.messages[0]
    assert Device.objects.count() == 1


@pytest.mark.django_db
def test_only_the_structure_coordinators_and_technicians_may_commit(
    organisation, trainer, outsider, coordinator
):
    sheet = sheet_rows([HEADERS, T480])
    mapping = imports.mapping_guess(sheet.titles)
    for actor in (trainer, outsider):
        with pytest.raises(PermissionDenied):
            imports.devices_import_commit(
                actor=actor, organisation=organisation, rows=sheet.rows, mapping=mapping
            )
    assert not Device.objects.exists()
    imports.devices_import_commit(
        actor=coordinator, organisation=organisation, rows=sheet.rows, mapping=mapping
    )
    assert Device.objects.get().organisation == organisation


# --- Views -------------------------------------------------------------------------------


def upload(client, content, name, **data):
    return client.post(
        reverse("equipment:device_import"), {"file": SimpleUploadedFile(name, content), **data}
    )


def mapping_post(client, url, mapping, titles):
    data = {f"col_{position}": mapping.get(title, "") for position, title in enumerate(titles)}
    return client.post(url, data)


@pytest.mark.django_db
def test_csv_import_end_to_end_with_the_mapping_changed(client, technician, organisation):
    client.force_login(technician)
    assert client.get(reverse("equipment:device_import")).status_code == 200
    titles = [*HEADERS, "Couleur"]
    rows = [titles, [*T480, "noir"], [*ELITEDESK, "gris"]]
    response = upload(client, csv_bytes(rows), "stock.csv", organisation=organisation.pk)
    assert response.status_code == 302
    mapping_url = response["Location"]
    page = client.get(mapping_url)
    html = page.content.decode()
    assert escape("« PC portable », « Unité centrale »") in html
    assert '<option value="kind" selected>' in html

    # No kind: refused with the message; then "Couleur" goes to the notes instead.
    bad = {**GUESSED, "Type": ""}
    page = mapping_post(client, mapping_url, bad, titles)
    assert page.status_code == 200 and 'role="alert"' in page.content.decode()
    assert escape(imports.MAPPING_KIND_MISSING) in page.content.decode()
    changed = {**GUESSED, "Remarques": "", "Couleur": "notes"}
    response = mapping_post(client, mapping_url, changed, titles)
    assert response.status_code == 302
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert "2 lignes prêtes," in html and "Importer les 2 appareils" in html
    assert escape("Nouveau donateur : Caisse d'Épargne Aquitaine") in html
    assert not Device.objects.exists()

    confirm = reverse("equipment:device_import_confirm", args=[preview.context["token"]])
    done = client.get(client.post(confirm)["Location"])
    assert "2 appareils ont été ajoutés" in done.content.decode()
    assert sorted(Device.objects.values_list("notes", flat=True)) == ["gris", "noir"]
    # A double click imports nothing more.
    client.post(confirm)
    assert Device.objects.count() == 2


@pytest.mark.django_db
def test_xlsx_with_bad_rows_shows_errors_and_cannot_be_committed(client, coordinator, organisation):
    client.force_login(coordinator)
    rows = [
        ["Numéro de série", "Type", "Mémoire", "Date de collecte", "Prix"],
        ["A1", "tablette", 4, datetime.date(2026, 3, 1), 45.5],
        ["A1", "frigo", "8 Go", "hier", "12 €"],
    ]
    response = upload(client, xlsx_bytes(rows), "stock.xlsx", organisation=organisation.pk)
    response = client.post(response["Location"], {})  # every column ignored: no kind
    assert response.status_code == 200
    token = response.context["token"]
    mapping = imports.mapping_guess(rows[0])
    response = mapping_post(
        client, reverse("equipment:device_import_mapping", args=[token]), mapping, rows[0]
    )
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert 'role="alert"' in html and "1 ligne à corriger." in html
    serial = imports.SERIAL_TWICE_IN_FILE % {"serial": "A1", "first_line": 2}
    assert escape(error(3, "Numéro de série", serial)) in html
    assert escape(error(3, "Type", imports.KIND_UNKNOWN % {"value": "frigo"})) in html
    assert escape(error(3, "Date de collecte", imports.DATE_INVALID % {"value": "hier"})) in html
    assert "Importer les" not in html
    response = client.post(reverse("equipment:device_import_confirm", args=[token]))
    assert response.status_code == 200
    assert not Device.objects.exists()


@pytest.mark.django_db
def test_another_structure_cannot_import_into_yours_nor_reuse_your_preview(
    client, technician, outsider, organisation
):
    content = csv_bytes([HEADERS, T480])
    client.force_login(outsider)
    response = upload(client, content, "stock.csv", organisation=organisation.pk)
    assert response.status_code == 200 and response.context["form"].errors["organisation"]

    client.force_login(technician)
    mapping_url = upload(client, content, "stock.csv", organisation=organisation.pk)["Location"]
    token = mapping_url.rstrip("/").split("/")[-2]
    client.force_login(outsider)
    assert client.get(mapping_url).status_code == 302
    client.post(reverse("equipment:device_import_confirm", args=[token]))
    assert not Device.objects.exists()


@pytest.mark.django_db
def test_anonymous_logs_in_and_trainers_are_refused(client, trainer):
    urls = [
        reverse("equipment:device_import"),
        reverse("equipment:device_import_template"),
        reverse("equipment:device_import_mapping", args=["abc"]),
        reverse("equipment:device_import_preview", args=["abc"]),
        reverse("equipment:device_import_done", args=["abc"]),
        reverse("equipment:device_export"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(trainer)
    for url in urls:
        assert client.get(url).status_code == 403
    assert client.post(reverse("equipment:device_import_confirm", args=["abc"])).status_code == 403


@pytest.mark.django_db
def test_the_model_file_imports_as_it_is(client, technician, organisation):
    client.force_login(technician)
    response = client.get(reverse("equipment:device_import_template"))
    assert "modele-import-appareils.xlsx" in response["Content-Disposition"]
    sheet = read(response.content, "modele.xlsx")
    mapping = imports.mapping_guess(sheet.titles)
    assert sorted(mapping.values()) == sorted(column.field for column in import_columns.COLUMNS)
    result = imports.devices_import_validate(
        organisation=organisation, rows=sheet.rows, mapping=mapping
    )
    assert result.is_valid and result.ready_count == 2
    assert result.rows[0].cleaned["model"] == "ThinkPad T480"


# --- Export --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_lists_the_stock_with_formulas_neutralised(
    client, technician, coordinator, organisation, outsider, other_organisation
):
    donor = Donor.objects.create(organisation=organisation, name="=Donateur")
    make_device(
        technician,
        organisation,
        serial='=HYPERLINK("http://evil.example","x")',
        donor=donor,
        memory_gb=8,
        price=Decimal("120.50"),
        notes="@SUM(A1)",
    )
    reserved = make_ready(technician, organisation, serial="R1")
    cohort = make_cohort(organisation)
    enrolment = learner_enrol(cohort=cohort, learner=make_learner(organisation))
    services.device_move(
        actor=coordinator,
        device_id=reserved.pk,
        to_status=Device.Status.RESERVED,
        enrolment=enrolment,
    )
    make_device(outsider, other_organisation, serial="THEIRS")

    client.force_login(technician)
    response = client.get(reverse("equipment:device_export"))
    assert response.status_code == 200
    assert 'filename="stock-' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["Code d'inventaire", "N° de série", "Type"]
    assert len(rows) == 3  # the other structure's device is not there
    first, second = rows[1], rows[2]
    assert first[1] == '\'=HYPERLINK("http://evil.example","x")'
    assert (first[2], first[6], first[10]) == ("Ordinateur portable", 8, "Reçu")
    assert (first[12], first[15], first[17]) == ("'=Donateur", 120.5, "'@SUM(A1)")
    assert sheet.cell(row=2, column=2).data_type == "s"
    assert (second[1], second[10], second[16]) == ("R1", "Réservé", "Awa Traoré")

    client.force_login(outsider)
    theirs = load_workbook(io.BytesIO(client.get(reverse("equipment:device_export")).content))
    assert [row[1] for row in theirs.active.iter_rows(min_row=2, values_only=True)] == ["THEIRS"]
