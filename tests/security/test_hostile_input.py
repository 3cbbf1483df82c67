"""Hostile input (issue #12 "Trust"): every kind of hostile value or file, refused or made
harmless, each with a test that fails when its protection is removed.

Where another module already proves a protection, its test is imported here and runs again,
so that this file is the one list of what is covered:

- H5P packages: tests/courses/test_h5p_packages.py (path traversal, symlinks, zip bombs,
  forbidden file types, broken metadata, oversized packages);
- spreadsheet imports: tests/core/test_reading.py, tests/cohorts/test_import.py and
  tests/equipment/test_import.py (encodings, disguised files, size and row limits,
  all-or-nothing commits);
- formulas in exports: tests/cohorts/test_admin.py, tests/spaces/cpe/test_cpe.py,
  tests/equipment/test_import.py (each export), and the shared rule in
  tests/core/test_exports.py;
- signatures drawn on screen: tests/core/test_signatures.py;
- forged xAPI: tests/spaces/learner/test_exercises.py;
- brute force: tests/spaces/public/test_login.py and tests/spaces/public/test_learner_login.py.
"""

import csv
import datetime
import io
import json
import socket
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from cohorts import evidence, exercises, imports, services
from cohorts.models import Attempt, AttemptStatement, Learner, Programme
from core.spreadsheets import reading
from core.spreadsheets.exports import csv_lines
from courses.models import SessionPlanPage
from courses.printables import HandoutPrintable
from documents import renderer
from equipment.models import Device
from reports import exports
from tests.cohorts.factories import make_learner, today_cohort
from tests.cohorts.test_import import (  # noqa: F401 (re-run here)
    test_a_file_over_two_megabytes_is_refused,
    test_a_file_over_two_thousand_rows_is_refused,
    test_a_semicolon_csv_saved_by_excel_in_cp1252_keeps_its_accents,
    test_a_workbook_that_unzips_into_a_huge_file_is_refused,
    test_commit_writes_nothing_when_one_row_is_wrong,
    test_other_files_are_refused_with_a_french_message,
)
from tests.core.test_exports import (  # noqa: F401 (re-run here)
    test_numbers_stay_numbers,
    test_the_shared_rule_neutralises_every_formula_start,
)
from tests.core.test_signatures import (  # noqa: F401 (re-run here)
    test_an_oversized_signature_is_refused,
)
from tests.courses import test_h5p_packages
from tests.courses.test_h5p_packages import (  # noqa: F401 (re-run here)
    test_a_file_over_60_mb_is_refused_before_being_read,
    test_a_hostile_or_broken_package_is_refused_in_french_and_nothing_is_stored,
)
from tests.documents.factories import pdf_text
from tests.equipment.test_import import (  # noqa: F401 (re-run here)
    test_a_semicolon_cp1252_csv_is_read_and_its_columns_guessed,
    test_export_lists_the_stock_with_formulas_neutralised,
)
from tests.scoping import page_text
from tests.spaces.learner import test_exercises
from tests.spaces.learner.test_exercises import (  # noqa: F401 (re-run here)
    STATEMENTS,
    send,
    statement,
    test_a_forged_or_altered_ticket_is_refused,
    test_a_learner_cannot_post_into_another_learners_attempt,
    test_not_a_number_and_overflowing_values_are_refused_cleanly,
)
from tests.spaces.public.test_learner_login import (  # noqa: F401 (re-run here)
    test_five_wrong_pins_lock_the_account_even_against_the_right_pin,
    test_one_address_cannot_try_codes_endlessly,
)
from tests.spaces.public.test_login import (  # noqa: F401 (re-run here)
    test_allauth_rate_limit_stops_repeated_wrong_passwords,
    test_wagtail_login_page_brakes_repeated_wrong_passwords,
)

pytestmark = pytest.mark.django_db

# The fixtures of the tests run again here.
activity = test_exercises.activity
awa = test_exercises.awa
awa_client = test_exercises.awa_client
cohort = test_exercises.cohort
admin_client = test_h5p_packages.admin_client
media = test_h5p_packages.media

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+33 6 12 34 56 78",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def csv_of(rows, encoding="utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def png_bytes(size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG")
    return buffer.getvalue()


def xlsx_formulas(content):
    """The formulas stored in a workbook's sheets (a cell typed as text has none)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [
            name
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name)
        ]


def streamed(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


# --- Formulas in spreadsheet exports -------------------------------------------------------


def test_names_imported_as_formulas_come_out_inert_in_the_admin_exports(
    client, coordinator, organisation
):
    """A spreadsheet imported with =HYPERLINK(…) names, then exported by the coordinator."""
    rows = [["Prénom", "Nom"], *[[value, f"Nom{index}"] for index, value in enumerate(FORMULAS)]]
    upload = imports.learner_import_read(SimpleUploadedFile("apprenants.csv", csv_of(rows)))
    assert upload.errors == []
    imports.learner_import_commit(
        actor=coordinator,
        organisation=organisation,
        upload_rows=upload.rows,
        columns=upload.columns,
    )
    assert Learner.objects.count() == len(FORMULAS)
    client.force_login(coordinator)
    index = reverse("cohorts_learner:index")
    text = streamed(client.get(index, {"export": "csv"})).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    for value in FORMULAS:
        stripped = " ".join(value.split())  # the import turns tabs and returns into spaces
        assert not any(cell.startswith(stripped) for cell in cells), stripped
    workbook = streamed(client.get(index, {"export": "xlsx"}))
    assert xlsx_formulas(workbook) == []


def test_the_cpe_export_neutralises_tabs_and_returns_too():
    lines = list(csv_lines(["Nom"], [["\t=1+1"], ["\r=2+2"], [3], ["Awa"]]))
    assert lines[1:] == ["'\t=1+1\r\n", '"\'\r=2+2"\r\n', "3\r\n", "Awa\r\n"]


def test_a_programme_named_like_a_formula_stays_text_and_figures_stay_numbers(
    organisation, funder_organisation
):
    programme = Programme.objects.create(
        name='=HYPERLINK("http://evil.example","Bilan")',
        organisation=organisation,
        funder=funder_organisation,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 6, 30),
        target_places=10,
        target_hours=20,
    )
    report = exports.Report.build(programme, programme.starts_on, programme.ends_on)
    content = exports.xlsx(report)
    assert xlsx_formulas(content) == []
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet["A1"].value == "'" + programme.name
    figures = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True) if row[1] is not None]
    assert figures and any(isinstance(value, int | float) for value in figures)


# --- Spreadsheet imports -------------------------------------------------------------------


def test_a_windows_1252_file_imports_its_accents_end_to_end(client, coordinator, organisation):
    content = csv_of([["Prénom", "Nom"], ["Hélène", "Lefèvre"], ["Zoë", "Gaëtan"]], "cp1252")
    client.force_login(coordinator)
    response = client.post(
        reverse("cohorts:learner_import"),
        {"file": SimpleUploadedFile("apprenants.csv", content), "organisation": organisation.pk},
    )
    assert response.status_code == 302
    preview = page_text(client.get(response["Location"]))
    assert "Hélène" in preview and "Lefèvre" in preview and "Gaëtan" in preview


@pytest.mark.parametrize("size", ["rows", "bytes"])
def test_a_file_of_a_hundred_thousand_rows_is_refused_in_french_and_nothing_is_imported(
    client, coordinator, organisation, size
):
    name = "A" if size == "rows" else "Prénom-très-long-" * 2
    content = csv_of([["Prénom", "Nom"], *[[f"{name}{i}", "Martin"] for i in range(100_000)]])
    client.force_login(coordinator)
    response = client.post(
        reverse("cohorts:learner_import"),
        {"file": SimpleUploadedFile("apprenants.csv", content), "organisation": organisation.pk},
    )
    assert response.status_code == 200
    text = page_text(response)
    if size == "rows":
        assert "Ce fichier a plus de 2000 lignes" in text
    else:
        assert "Ce fichier est trop lourd" in text
    assert not Learner.objects.exists()


@pytest.mark.parametrize(
    ("view", "role"),
    [("cohorts:learner_import", "coordinator"), ("equipment:device_import", "technician")],
)
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("apprenants.xlsx", "png"),
        ("apprenants.csv", "png"),
        ("apprenants.png", "png"),
        ("apprenants.xlsx", b"PK\x03\x04" + b"\x00" * 200),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_gets_a_french_message_not_an_error_page(
    client, request, organisation, view, role, name, content
):
    content = png_bytes() if content == "png" else content
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        reverse(view),
        {"file": SimpleUploadedFile(name, content), "organisation": organisation.pk},
    )
    assert response.status_code == 200
    text = page_text(response)
    assert any(
        str(message) in text
        for message in (
            reading.FILE_UNREADABLE_XLSX,
            reading.FILE_UNREADABLE_CSV,
            reading.FILE_KIND_UNKNOWN,
        )
    ), text
    assert not Learner.objects.exists() and not Device.objects.exists()


# --- Markup in names, notes and rich text --------------------------------------------------


@pytest.fixture
def hostile_meeting(organisation, trainer):
    group = today_cohort(organisation, trainer, learners=0)
    for first, last in ((SCRIPT, IMG), ("Awa", SCRIPT)):
        services.learner_enrol(cohort=group, learner=make_learner(organisation, first, last))
    meeting = group.meetings.get(number=1)
    meeting.notes = f"</textarea>{SCRIPT}"
    meeting.save(update_fields=["notes"])
    return meeting


def assert_escaped(html):
    assert SCRIPT not in html and "<img src=x" not in html and "</textarea><script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markup_in_names_is_escaped_on_the_trainer_pages(client, trainer, hostile_meeting):
    client.force_login(trainer)
    for name, args in (
        ("cohorts:meeting", [hostile_meeting.pk]),
        ("cohorts:cohort", [hostile_meeting.cohort_id]),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        assert_escaped(response.content.decode())


def test_markup_in_names_is_escaped_in_the_admin_listing_and_exported_as_plain_text(
    client, coordinator, hostile_meeting
):
    client.force_login(coordinator)
    index = reverse("cohorts_learner:index")
    assert_escaped(client.get(index).content.decode())
    text = streamed(client.get(index, {"export": "csv"})).decode("utf-8-sig")
    assert SCRIPT in text  # a spreadsheet shows text as it is: no HTML there


def test_markup_in_names_prints_as_text_in_the_attendance_sheet(client, trainer, hostile_meeting):
    client.force_login(trainer)
    response = client.get(reverse("cohorts:attendance_sheet_blank", args=[hostile_meeting.pk]))
    assert response.status_code == 200
    text, _reader = pdf_text(response.content)
    flat = "".join(text.split()).lower()  # last names print in capitals
    assert "<script>alert(1)</script>" in flat
    assert "<imgsrc=xonerror=" in flat


def test_rich_text_from_the_editor_keeps_no_script_nor_handler():
    """Coordinators write rich text in Draftail; what it stores is rebuilt from its own
    content model, so script and on…= attributes cannot reach a page or a handout."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    features = ["bold", "italic", "link", "ol", "ul", "image"]
    converter = ContentstateConverter(features=features)
    hostile = (
        f'<p>Bonjour {SCRIPT}<a href="javascript:alert(3)" onclick="alert(4)">lien</a>'
        '<img src="file:///etc/passwd"/></p><p onmouseover="alert(5)" style="color:red">b</p>'
    )
    stored = converter.to_database_format(converter.from_database_format(hostile))
    assert stored.startswith("<p") and "Bonjour" in stored and "lien" in stored
    for trace in ("<script", "onclick", "onmouseover", "style=", "javascript:", "file://"):
        assert trace not in stored


# --- PDFs never fetch what a user typed ----------------------------------------------------


def test_a_handout_for_hostile_names_fetches_nothing_and_prints_them_as_text(monkeypatch):
    asked = []
    real_callback = renderer.link_callback

    def spy(uri, rel):
        asked.append(uri)
        return real_callback(uri, rel)

    def no_network(*args, **kwargs):
        raise AssertionError(f"the PDF tried to connect: {args}")

    monkeypatch.setattr(renderer, "link_callback", spy)
    monkeypatch.setattr(socket, "create_connection", no_network)
    session = SessionPlanPage.objects.live().first()
    names = ['<img src="file:///etc/passwd">', '<img src="http://127.0.0.1:9/x.png">', SCRIPT]
    printable = HandoutPrintable(
        session=session, online_url="https://tremplin.example.org/s/1", learner_names=names
    )
    text, _reader = pdf_text(printable.render())
    assert not [uri for uri in asked if uri.startswith(("file:", "http:", "https:", "//"))]
    assert "root:" not in text  # /etc/passwd was not read
    flat = "".join(text.split())
    assert '<imgsrc="file:///etc/passwd">' in flat


# --- Oversized uploads ---------------------------------------------------------------------


def test_an_oversized_paper_sheet_is_refused_in_french_and_not_stored(
    client, trainer, hostile_meeting, monkeypatch
):
    monkeypatch.setattr(evidence, "PAPER_SHEET_MAX_BYTES", 10_000)
    photo = io.BytesIO()
    Image.effect_noise((300, 300), 100).convert("RGB").save(photo, format="JPEG", quality=100)
    assert len(photo.getvalue()) > 10_000
    client.force_login(trainer)
    response = client.post(
        reverse("cohorts:paper_sheet_upload", args=[hostile_meeting.pk]),
        {"paper_sheet": SimpleUploadedFile("feuille.jpg", photo.getvalue(), "image/jpeg")},
        follow=True,
    )
    assert str(evidence.PAPER_SHEET_INVALID) in page_text(response)
    hostile_meeting.refresh_from_db()
    assert not hostile_meeting.paper_sheet


def test_a_request_over_the_form_size_limit_gets_the_french_400_page(client):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    response = client.post(
        reverse("accounts:learner_login"),
        {"code": "ABCDEF", "pin": "1234", "padding": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE)},
    )
    assert response.status_code == 400
    assert "Demande refusée" in page_text(response)


# --- Forged xAPI ---------------------------------------------------------------------------


def test_a_statement_body_too_long_is_refused_and_nothing_is_stored(awa_client, awa, activity):
    token = exercises.attempt_token(awa, activity)
    padded = statement(activity, raw=1, maximum=1)
    padded["padding"] = "x" * 70_000
    response = send(awa_client, token, padded)
    assert response.status_code == 413
    huge = json.dumps({"token": token, "statement": padded, "more": "y" * 3_000_000})
    response = awa_client.post(STATEMENTS, huge, content_type="application/json")
    assert response.status_code in (400, 413)
    assert not Attempt.objects.exists() and not AttemptStatement.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "{pas du JSON",
        "[]",
        "null",
        '"token"',
        '{"token": 12, "statement": {}}',
        '{"statement": {}}',
        '{"token": "x"}',
        '{"token": ["a"], "statement": []}',
    ],
)
def test_a_statement_that_is_not_the_expected_json_is_refused(awa_client, awa, activity, body):
    response = awa_client.post(STATEMENTS, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["message"]
    assert not Attempt.objects.exists()


def test_a_ticket_for_another_exercise_is_refused(awa_client, awa, activity):
    from courses.h5p.packages import activity_store
    from courses.models import H5PActivity
    from tests.courses import h5p_factories

    other = activity_store(H5PActivity(title="Autre"), h5p_factories.probe_package())
    other.session_plans.add(*activity.session_plans.all())
    token = exercises.attempt_token(awa, other)
    assert send(awa_client, token, statement(activity)).status_code in (400, 403)
    assert not Attempt.objects.exists()


# --- Open redirects after log-in -----------------------------------------------------------

EVIL_NEXT = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "https:evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
]


def assert_stays_on_site(response):
    location = response["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "evil.example" not in location and "javascript" not in location


@pytest.mark.parametrize("target", EVIL_NEXT)
def test_staff_log_in_never_sends_elsewhere(client, trainer, password, target):
    response = client.post(
        reverse("account_login") + "?next=" + target,
        {"login": trainer.username, "password": password, "next": target},
    )
    assert response.status_code == 302
    assert_stays_on_site(response)


@pytest.mark.parametrize("target", EVIL_NEXT)
def test_wagtail_admin_log_in_never_sends_elsewhere(client, coordinator, password, target):
    response = client.post(
        "/admin/login/?next=" + target,
        {"username": coordinator.username, "password": password, "next": target},
    )
    assert response.status_code == 302
    assert_stays_on_site(response)


@pytest.mark.parametrize("target", EVIL_NEXT)
def test_learner_log_in_never_sends_elsewhere(client, learner_account, target):
    from tests.accounts.factories import LEARNER_PIN

    response = client.post(
        reverse("accounts:learner_login") + "?next=" + target,
        {"code": learner_account.code, "pin": LEARNER_PIN, "next": target},
    )
    assert response.status_code == 302
    assert_stays_on_site(response)


@pytest.mark.parametrize("target", EVIL_NEXT)
def test_the_language_switch_never_sends_elsewhere(client, target):
    response = client.post(reverse("set_language"), {"language": "en", "next": target})
    assert response.status_code == 302
    assert_stays_on_site(response)
    response = client.post(
        reverse("set_language"), {"language": "en"}, HTTP_REFERER=target.replace("\\", "/")
    )
    assert_stays_on_site(response)
