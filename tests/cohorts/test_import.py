"""Import of learners from a CSV or XLSX file: reading, per-row French errors, the preview,
and the all-or-nothing commit."""

import csv
import datetime
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from openpyxl import Workbook, load_workbook

from accounts.models import Role
from accounts.services import membership_grant
from cohorts import imports
from cohorts.models import Enrolment, Learner
from cohorts.services import COHORT_FULL
from core.spreadsheets import reading
from core.spreadsheets.imports import FILE_COLUMN_TWICE, FILE_COLUMNS_MISSING, RowError, UploadRow
from tests.cohorts.factories import make_cohort, make_learner

HEADERS = [
    "Prénom",
    "Nom de famille",
    "Portable",
    "Courriel",
    "Année de naissance",
    "Sexe",
    "Langue",
    "Lit le français",
    "QPV",
    "RSA",
    "Demandeur d'emploi",
    "Prescripteur",
    "Consentement",
]
FATOUMATA = [
    "Fatoumata",
    "Diarra",
    "06.12.34.56.78",
    "fatoumata.diarra@exemple.fr",
    "1987",
    "F",
    "bambara",
    "non",
    "oui",
    "oui",
    "oui",
    "CCAS de Pessac",
    "oui",
]
HELENE = ["Hélène", "Lefèvre", "+33 7 98 76 54 32", "", "1952", "Femme", "", "", "", "", "", "", ""]


def csv_bytes(rows, encoding="cp1252", delimiter=";"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read(content, name="apprenants.csv"):
    return imports.learner_import_read(SimpleUploadedFile(name, content))


def validate(organisation, rows, cohort=None):
    upload = read(csv_bytes(rows, encoding="utf-8"))
    assert not upload.errors
    return imports.learner_import_validate(
        organisation=organisation, upload_rows=upload.rows, columns=upload.columns, cohort=cohort
    )


def row_column_error(line, column, message):
    return str(RowError(line, column, message))


def upload(client, content, name, **data):
    return client.post(
        reverse("cohorts:learner_import"), {"file": SimpleUploadedFile(name, content), **data}
    )


# --- Reading ----------------------------------------------------------------------------


def test_a_semicolon_csv_saved_by_excel_in_cp1252_keeps_its_accents():
    upload = read(csv_bytes([HEADERS, FATOUMATA, HELENE]))
    assert upload.errors == []
    assert upload.columns["last_name"] == "Nom de famille"
    assert upload.columns["phone"] == "Portable"
    assert [row.line for row in upload.rows] == [2, 3]
    assert upload.rows[1].values["first_name"] == "Hélène"
    assert upload.rows[1].values["last_name"] == "Lefèvre"


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("utf-8-sig", ","), ("utf-8", ";"), ("latin-1", ";")]
)
def test_csv_encodings_and_delimiters_are_recognised(encoding, delimiter):
    upload = read(csv_bytes([HEADERS, HELENE], encoding=encoding, delimiter=delimiter))
    assert upload.errors == []
    assert upload.rows[0].values["first_name"] == "Hélène"
    assert upload.rows[0].values["phone"] == "+33 7 98 76 54 32"


def test_titles_match_without_case_accents_or_spaces_and_unknown_columns_are_ignored():
    titles = ["PRENOM", " nom ", "E-mail", "Téléphone", "Genre", "Remarques", "QPV (oui/non)"]
    upload = read(csv_bytes([titles, ["Awa", "Traoré", "", "", "", "gentille", "oui"]]))
    assert upload.errors == []
    assert set(upload.columns) == {
        "first_name",
        "last_name",
        "email",
        "phone",
        "gender",
        "lives_in_qpv",
    }
    assert upload.ignored_columns == ["Remarques"]


def test_excel_delimiter_hint_is_followed_and_not_counted_as_a_line():
    content = b"sep=,\r\n" + csv_bytes([HEADERS, HELENE], delimiter=",")
    upload = read(content)
    assert upload.errors == []
    assert (upload.rows[0].line, upload.rows[0].values["last_name"]) == (2, "Lefèvre")


def test_empty_rows_are_skipped_silently_and_lines_count_as_in_the_spreadsheet():
    upload = read(csv_bytes([HEADERS, FATOUMATA, [""] * len(HEADERS), [], HELENE]))
    assert upload.errors == []
    assert [row.line for row in upload.rows] == [2, 5]


def test_missing_first_and_last_name_columns_give_one_file_error():
    upload = read(csv_bytes([["Téléphone", "Courriel"], ["06 12 34 56 78", ""]]))
    assert upload.errors == [FILE_COLUMNS_MISSING % {"columns": "« Prénom », « Nom »"}]
    assert upload.rows == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("apprenants.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, reading.FILE_KIND_OLD_EXCEL),
        ("apprenants.ods", b"PK\x03\x04rest", reading.FILE_KIND_OLD_EXCEL),
        ("apprenants.pdf", b"%PDF-1.4", reading.FILE_KIND_UNKNOWN),
        ("apprenants.docx", b"PK\x03\x04rest", reading.FILE_KIND_UNKNOWN),
        ("apprenants.csv", b"PK\x03\x04rest", reading.FILE_KIND_UNKNOWN),
        ("apprenants.xlsx", b"PK\x03\x04 not really a workbook", reading.FILE_UNREADABLE_XLSX),
        ("apprenants.csv", b"", reading.FILE_EMPTY),
        ("apprenants.csv", "Prénom;Nom\r\n".encode(), imports.FILE_NO_ROWS),
    ],
)
def test_other_files_are_refused_with_a_french_message(name, content, message):
    assert read(content, name).errors == [message]


def test_a_file_over_two_megabytes_is_refused():
    content = csv_bytes([HEADERS]) + b"x" * reading.MAX_FILE_SIZE
    assert read(content).errors == [reading.FILE_TOO_BIG % {"size": "2,0"}]


def test_a_workbook_that_unzips_into_a_huge_file_is_refused():
    buffer = io.BytesIO(xlsx_bytes([["Prénom", "Nom"], ["Awa", "Traoré"]]))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"\0" * (reading.MAX_XLSX_UNZIPPED_SIZE + 1))
    content = buffer.getvalue()
    assert len(content) < reading.MAX_FILE_SIZE
    errors = read(content, "apprenants.xlsx").errors
    assert len(errors) == 1 and errors[0].startswith("Ce fichier est trop lourd (50,0 Mo)")


def test_a_file_over_two_thousand_rows_is_refused():
    rows = [["Prénom", "Nom"]] + [[f"Prénom{i}", "Martin"] for i in range(reading.MAX_ROWS + 1)]
    upload = read(csv_bytes(rows, encoding="utf-8"))
    assert upload.errors == [reading.FILE_TOO_MANY_ROWS % {"max": 2000}]
    assert upload.rows == []


def test_two_columns_saying_the_same_thing_are_refused():
    upload = read(csv_bytes([["Prénom", "Nom", "Téléphone", "Portable"], ["A", "B", "", ""]]))
    assert upload.errors == [FILE_COLUMN_TWICE % {"first": "Téléphone", "second": "Portable"}]


def test_xlsx_cells_of_any_type_are_read_as_a_person_sees_them():
    rows = [
        ["Prénom", "Nom", "Téléphone", "Date de naissance", "RSA"],
        ["Awa", "Traoré", 612345678, datetime.date(1990, 4, 12), True],
    ]
    upload = read(xlsx_bytes(rows), "apprenants.xlsx")
    assert upload.errors == []
    assert dict(upload.rows[0].values) == {
        "first_name": "Awa",
        "last_name": "Traoré",
        "phone": "612345678",
        "birth_year": "12/04/1990",
        "receives_rsa": "oui",
    }


# --- Validation ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_good_rows_are_cleaned(organisation):
    result = validate(organisation, [HEADERS, FATOUMATA, HELENE])
    assert result.is_valid and (result.ready_count, result.error_count) == (2, 0)
    assert result.rows[0].cleaned == {
        "first_name": "Fatoumata",
        "last_name": "Diarra",
        "phone": "06 12 34 56 78",
        "email": "fatoumata.diarra@exemple.fr",
        "birth_year": 1987,
        "gender": "F",
        "language": "bm",
        "reads_french": False,
        "lives_in_qpv": True,
        "receives_rsa": True,
        "is_job_seeker": True,
        "referred_by": "CCAS de Pessac",
        "consent": True,
    }
    helene = result.rows[1].cleaned
    assert (helene["phone"], helene["language"], helene["reads_french"]) == (
        "07 98 76 54 32",
        "fr",
        True,
    )
    assert (helene["lives_in_qpv"], helene["consent"]) == (False, False)


@pytest.mark.django_db
def test_bad_rows_get_a_french_message_naming_the_line_and_the_column(organisation):
    year = timezone.localdate().year
    rows = [
        HEADERS,
        ["", "Diarra", "06 12 34 56 78", "", "", "", "", "", "", "", "", "", ""],
        ["Awa", "", "12 34", "awa@", "1850", "X", "klingon", "", "peut-être", "", "", "", ""],
        HELENE,
    ]
    result = validate(organisation, rows)
    assert not result.is_valid
    assert (result.ready_count, result.error_count) == (1, 2)
    assert [str(error) for error in result.row_errors] == [
        row_column_error(2, "Prénom", imports.FIRST_NAME_MISSING),
        row_column_error(3, "Nom de famille", imports.LAST_NAME_MISSING),
        row_column_error(3, "Portable", imports.PHONE_INVALID % {"value": "12 34"}),
        row_column_error(3, "Courriel", imports.EMAIL_INVALID % {"value": "awa@"}),
        row_column_error(
            3, "Année de naissance", imports.BIRTH_YEAR_INVALID % {"value": "1850", "max": year}
        ),
        row_column_error(3, "Sexe", imports.GENDER_INVALID % {"value": "X"}),
        row_column_error(3, "Langue", imports.LANGUAGE_INVALID % {"value": "klingon"}),
        row_column_error(3, "QPV", imports.YES_NO_INVALID % {"value": "peut-être"}),
    ]
    assert str(result.row_errors[0]) == "Ligne 2, colonne « Prénom » : le prénom manque."


@pytest.mark.django_db
def test_the_same_person_twice_in_the_file_is_refused_on_the_second_row(organisation):
    rows = [
        ["Prénom", "Nom", "Téléphone", "Année de naissance"],
        ["Fatoumata", "Diarra", "06 12 34 56 78", ""],
        ["Awa", "Traoré", "", "1990"],
        ["FATOUMATA", "diarra", "+33612345678", ""],  # case and number format differ
        ["Awa", "Traore", "", "1990"],  # no accent
        ["Awa", "Traoré", "", "1991"],  # another Awa Traoré
        ["Jean", "Martin", "", ""],
        ["Jean", "Martin", "", ""],  # homonyms without phone or year: cannot tell
    ]
    result = validate(organisation, rows)
    assert [str(error) for error in result.row_errors] == [
        str(RowError(4, "", imports.DUPLICATE_IN_FILE_PHONE % {"first_line": 2})),
        str(RowError(5, "", imports.DUPLICATE_IN_FILE_BIRTH_YEAR % {"first_line": 3})),
    ]
    assert str(result.row_errors[0]).startswith("Ligne 4 : cette personne est déjà à la ligne 2")


@pytest.mark.django_db
def test_a_person_the_structure_already_follows_is_not_created_twice(
    organisation, other_organisation
):
    make_learner(organisation, "Fatoumata", "Diarra", phone="0612345678")
    make_learner(organisation, "Hélène", "Lefèvre", birth_year=1952)
    make_learner(other_organisation, "Awa", "Traoré", phone="06 00 00 00 01")
    rows = [
        ["Prénom", "Nom", "Téléphone", "Année de naissance"],
        ["Fatoumata", "Diarra", "06 12 34 56 78", ""],
        ["Helene", "LEFEVRE", "", "1952"],
        ["Awa", "Traoré", "06 00 00 00 01", ""],  # followed by another structure: fine
    ]
    result = validate(organisation, rows)
    assert [str(error) for error in result.row_errors] == [
        str(RowError(2, "", imports.ALREADY_FOLLOWED_PHONE)),
        str(RowError(3, "", imports.ALREADY_FOLLOWED_BIRTH_YEAR)),
    ]
    assert "déjà suivie par la structure" in str(result.row_errors[0])


# --- Commit --------------------------------------------------------------------------------


def upload_rows(count, start=2):
    return [
        UploadRow(
            line=line,
            values={
                "first_name": f"Personne{line}",
                "last_name": "Martin",
                "phone": f"06 12 34 {line // 100:02d} {line % 100:02d}",
            },
        )
        for line in range(start, start + count)
    ]


@pytest.mark.django_db
def test_commit_creates_learners_with_consent_only_when_given(coordinator, organisation):
    upload = read(csv_bytes([HEADERS, FATOUMATA, HELENE]))
    learners = imports.learner_import_commit(
        actor=coordinator, organisation=organisation, upload_rows=upload.rows
    )
    assert len(learners) == 2
    fatoumata = Learner.objects.get(first_name="Fatoumata")
    assert fatoumata.organisation == organisation
    assert (fatoumata.phone, fatoumata.language, fatoumata.reads_french) == (
        "06 12 34 56 78",
        "bm",
        False,
    )
    assert fatoumata.consent_at is not None
    assert fatoumata.consent_text == imports.CONSENT_TEXT
    helene = Learner.objects.get(last_name="Lefèvre")
    assert (helene.consent_at, helene.consent_text) == (None, "")


@pytest.mark.django_db
def test_commit_writes_nothing_when_one_row_is_wrong(coordinator, organisation):
    rows = [*upload_rows(3), UploadRow(line=5, values={"first_name": "", "last_name": "Sow"})]
    with pytest.raises(ValidationError) as raised:
        imports.learner_import_commit(
            actor=coordinator, organisation=organisation, upload_rows=rows
        )
    assert raised.value.messages == [
        str(RowError(5, "Prénom", imports.FIRST_NAME_MISSING, "first_name"))
    ]
    assert not Learner.objects.exists()


@pytest.mark.django_db
def test_commit_checks_again_against_learners_added_since_the_preview(trainer, organisation):
    rows = upload_rows(2)
    assert imports.learner_import_validate(organisation=organisation, upload_rows=rows).is_valid
    make_learner(organisation, "Personne3", "Martin", phone="06 12 34 00 03")
    with pytest.raises(ValidationError) as raised:
        imports.learner_import_commit(actor=trainer, organisation=organisation, upload_rows=rows)
    assert raised.value.messages == [str(RowError(3, "", imports.ALREADY_FOLLOWED_PHONE))]
    assert Learner.objects.count() == 1


@pytest.mark.django_db
def test_commit_enrols_everyone_in_the_cohort(coordinator, organisation):
    cohort = make_cohort(organisation, capacity=3)
    learners = imports.learner_import_commit(
        actor=coordinator, organisation=organisation, upload_rows=upload_rows(3), cohort=cohort
    )
    assert set(cohort.enrolments.values_list("learner_id", flat=True)) == {
        learner.pk for learner in learners
    }


@pytest.mark.django_db
def test_a_cohort_too_small_refuses_the_whole_import(coordinator, organisation):
    cohort = make_cohort(organisation, capacity=3)
    imports.learner_import_commit(
        actor=coordinator, organisation=organisation, upload_rows=upload_rows(1), cohort=cohort
    )
    with pytest.raises(ValidationError) as raised:
        imports.learner_import_commit(
            actor=coordinator,
            organisation=organisation,
            upload_rows=upload_rows(3, start=10),
            cohort=cohort,
        )
    assert raised.value.messages == [
        imports.COHORT_TOO_SMALL % {"cohort": "Cycle du mardi", "free": 2, "count": 3}
    ]
    assert Learner.objects.count() == 1


@pytest.mark.django_db
def test_a_cohort_filled_meanwhile_rolls_the_whole_import_back(
    coordinator, organisation, monkeypatch
):
    """The capacity check of the enrolment service itself, if the cohort fills up between
    the check of the rows and the enrolments."""
    cohort = make_cohort(organisation, capacity=2)
    monkeypatch.setattr(imports, "_cohort_free_places", lambda cohort: 99)
    with pytest.raises(ValidationError) as raised:
        imports.learner_import_commit(
            actor=coordinator, organisation=organisation, upload_rows=upload_rows(3), cohort=cohort
        )
    assert raised.value.messages == [COHORT_FULL % {"capacity": 2}]
    assert not Learner.objects.exists()
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_commit_is_for_the_structure_staff_only(
    outsider, outsider_trainer, make_member, organisation, other_organisation, trainer
):
    for actor in (outsider, outsider_trainer, make_member(Role.TECHNICIAN, organisation)):
        with pytest.raises(PermissionDenied):
            imports.learner_import_commit(
                actor=actor, organisation=organisation, upload_rows=upload_rows(1)
            )
    their_cohort = make_cohort(other_organisation)
    with pytest.raises(ValidationError) as raised:
        imports.learner_import_commit(
            actor=trainer,
            organisation=organisation,
            upload_rows=upload_rows(1),
            cohort=their_cohort,
        )
    assert raised.value.messages == [imports.COHORT_OTHER_ORGANISATION]
    assert not Learner.objects.exists()


@pytest.mark.django_db
def test_commit_of_fifty_rows_stays_within_a_few_queries(
    coordinator, organisation, django_assert_max_num_queries
):
    make_learner(organisation)
    # Access, lock, the structure's learners, one insert, and the savepoint around them.
    with django_assert_max_num_queries(6):
        imports.learner_import_commit(
            actor=coordinator, organisation=organisation, upload_rows=upload_rows(50)
        )
    assert Learner.objects.count() == 51


@pytest.mark.django_db
def test_commit_of_fifty_rows_into_a_cohort_costs_one_enrolment_each(
    coordinator, organisation, django_assert_max_num_queries
):
    """Enrolment goes through the service, one rule in one place; a cohort holds a dozen
    people, so this is the rare worst case."""
    cohort = make_cohort(organisation, capacity=50)
    with django_assert_max_num_queries(7 + 6 * 50):
        imports.learner_import_commit(
            actor=coordinator, organisation=organisation, upload_rows=upload_rows(50), cohort=cohort
        )
    assert cohort.enrolments.count() == 50


# --- Views -------------------------------------------------------------------------------


def outsider_org(user):
    return user.memberships.get().organisation_id


@pytest.mark.django_db
def test_csv_import_end_to_end(client, coordinator, organisation):
    client.force_login(coordinator)
    page = client.get(reverse("cohorts:learner_import"))
    assert page.status_code == 200
    assert 'name="organisation"' in page.content.decode()
    assert 'type="hidden" name="organisation"' in page.content.decode()

    content = csv_bytes([HEADERS, FATOUMATA, HELENE])
    response = upload(client, content, "apprenants.csv", organisation=organisation.pk)
    assert response.status_code == 302
    preview_url = response["Location"]
    assert not Learner.objects.exists()

    preview = client.get(preview_url)
    html = preview.content.decode()
    assert "2 lignes prêtes," in html and "aucune à corriger." in html
    assert "Importer les 2 personnes" in html
    assert "Lefèvre" in html and "06 12 34 56 78" in html
    assert preview.context["result"].is_valid

    confirm_url = reverse("cohorts:learner_import_confirm", args=[preview.context["token"]])
    response = client.post(confirm_url)
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert "2 personnes ont été ajoutées aux apprenants de Association des Lilas." in (
        done.content.decode()
    )
    assert set(Learner.objects.values_list("last_name", flat=True)) == {"Diarra", "Lefèvre"}

    # The same confirmation again (a double click, the back button) imports nothing more.
    client.post(confirm_url)
    assert Learner.objects.count() == 2
    assert client.get(preview_url).status_code == 302


@pytest.mark.django_db
def test_xlsx_import_into_a_cohort_end_to_end(client, trainer, organisation):
    cohort = make_cohort(organisation, capacity=5)
    client.force_login(trainer)
    content = xlsx_bytes(
        [
            ["Prénom", "Nom", "Portable", "Année de naissance", "Lit le français"],
            ["Fatoumata", "Diarra", 612345678, 1987, "NON"],
            [None, None, None, None, None],
            ["Awa", "Traoré", "07 11 22 33 44", datetime.date(1990, 4, 12), None],
        ]
    )
    response = upload(
        client, content, "inscriptions.xlsx", organisation=organisation.pk, cohort=cohort.pk
    )
    preview = client.get(response["Location"])
    assert "Cycle du mardi" in preview.content.decode()
    assert "Importer les 2 personnes" in preview.content.decode()
    response = client.post(
        reverse("cohorts:learner_import_confirm", args=[preview.context["token"]])
    )
    done = client.get(response["Location"])
    assert "Elles sont inscrites dans le groupe « Cycle du mardi »." in done.content.decode()
    fatoumata = Learner.objects.get(first_name="Fatoumata")
    assert (fatoumata.phone, fatoumata.birth_year, fatoumata.reads_french) == (
        "06 12 34 56 78",
        1987,
        False,
    )
    assert Learner.objects.get(first_name="Awa").birth_year == 1990
    assert cohort.enrolments.count() == 2


@pytest.mark.django_db
def test_a_file_with_errors_shows_them_and_cannot_be_committed(client, coordinator, organisation):
    client.force_login(coordinator)
    rows = [
        HEADERS,
        FATOUMATA,
        ["Awa", "Traoré", "12 34", *[""] * 10],
        HELENE,
        ["", "Sow", *[""] * 11],
    ]
    response = upload(client, csv_bytes(rows), "apprenants.csv", organisation=organisation.pk)
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert 'role="alert"' in html
    assert "2 lignes prêtes,\n" in html and "2 lignes à corriger." in html
    assert escape(row_column_error(3, "Portable", imports.PHONE_INVALID % {"value": "12 34"})) in (
        html
    )
    assert escape(row_column_error(5, "Prénom", imports.FIRST_NAME_MISSING)) in html
    assert "Importer les" not in html
    assert "Déposer le fichier corrigé" in html

    response = client.post(
        reverse("cohorts:learner_import_confirm", args=[preview.context["token"]])
    )
    assert response.status_code == 200
    assert not Learner.objects.exists()


@pytest.mark.django_db
def test_a_file_level_error_keeps_the_form_as_chosen(client, coordinator, organisation):
    cohort = make_cohort(organisation)
    client.force_login(coordinator)
    content = csv_bytes([["Téléphone"], ["06 12 34 56 78"]])
    response = upload(
        client, content, "apprenants.csv", organisation=organisation.pk, cohort=cohort.pk
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(FILE_COLUMNS_MISSING % {"columns": "« Prénom », « Nom »"}) in html
    assert 'role="alert"' in html
    assert f'<option value="{cohort.pk}" selected>' in html


@pytest.mark.django_db
def test_a_cohort_too_small_is_shown_in_the_preview(client, coordinator, organisation):
    cohort = make_cohort(organisation, capacity=1)
    client.force_login(coordinator)
    content = csv_bytes([HEADERS, FATOUMATA, HELENE])
    response = upload(
        client, content, "apprenants.csv", organisation=organisation.pk, cohort=cohort.pk
    )
    html = client.get(response["Location"]).content.decode()
    message = imports.COHORT_TOO_SMALL % {"cohort": "Cycle du mardi", "free": 1, "count": 2}
    assert escape(message) in html
    assert "Importer les" not in html


@pytest.mark.django_db
def test_a_person_of_several_structures_chooses_and_cannot_mix_them(
    client, make_member, organisation, other_organisation
):
    member = make_member(Role.COORDINATOR, organisation)
    membership_grant(user=member, organisation=other_organisation, role=Role.TRAINER)
    their_cohort = make_cohort(other_organisation, name="Groupe des Tilleuls")
    client.force_login(member)
    page = client.get(reverse("cohorts:learner_import")).content.decode()
    assert '<select name="organisation"' in page
    assert "Association des Tilleuls · Groupe des Tilleuls" in page
    content = csv_bytes([HEADERS, FATOUMATA])
    response = upload(
        client, content, "apprenants.csv", organisation=organisation.pk, cohort=their_cohort.pk
    )
    assert response.status_code == 200
    assert "Ce groupe appartient à une autre structure que celle choisie." in (
        response.content.decode()
    )
    assert not Learner.objects.exists()


@pytest.mark.django_db
def test_another_structure_cannot_import_into_yours_nor_pick_your_cohort(
    client, coordinator, outsider, organisation
):
    cohort = make_cohort(organisation)
    content = csv_bytes([HEADERS, FATOUMATA])
    client.force_login(outsider)
    response = upload(client, content, "apprenants.csv", organisation=organisation.pk)
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]
    response = upload(
        client, content, "apprenants.csv", organisation=outsider_org(outsider), cohort=cohort.pk
    )
    assert response.status_code == 200
    assert response.context["form"].errors["cohort"]

    # A preview belongs to the session and the person who uploaded the file.
    client.force_login(coordinator)
    response = upload(client, content, "apprenants.csv", organisation=organisation.pk)
    preview_url = response["Location"]
    token = preview_url.rstrip("/").rsplit("/", 1)[-1]
    client.force_login(outsider)
    assert client.get(preview_url).status_code == 302
    client.post(reverse("cohorts:learner_import_confirm", args=[token]))
    assert not Learner.objects.exists()


@pytest.mark.django_db
def test_a_tampered_preview_is_refused(client, coordinator, organisation, other_organisation):
    client.force_login(coordinator)
    response = upload(
        client, csv_bytes([HEADERS, FATOUMATA]), "a.csv", organisation=organisation.pk
    )
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    session = client.session
    signed = session["cohorts_learner_imports"][token]
    session["cohorts_learner_imports"][token] = signed.replace(signed[-5:], "AAAAA")
    session.save()
    response = client.post(reverse("cohorts:learner_import_confirm", args=[token]))
    assert response.status_code == 302
    assert response["Location"] == reverse("cohorts:learner_import")
    assert not Learner.objects.exists()


@pytest.mark.django_db
def test_anonymous_goes_to_log_in_and_other_roles_are_refused(client, funder, technician):
    urls = [
        reverse("cohorts:learner_import"),
        reverse("cohorts:learner_import_template", args=["xlsx"]),
        reverse("cohorts:learner_import_preview", args=["abc"]),
        reverse("cohorts:learner_import_done", args=["abc"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post(reverse("cohorts:learner_import_confirm", args=["abc"]))
    assert response.status_code == 302 and "/login/" in response["Location"]
    for user in (funder, technician):
        client.force_login(user)
        assert client.get(urls[0]).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_model_file_imports_as_it_is(client, trainer, organisation, fmt):
    client.force_login(trainer)
    response = client.get(reverse("cohorts:learner_import_template", args=[fmt]))
    assert response.status_code == 200
    assert f"modele-import-apprenants.{fmt}" in response["Content-Disposition"]
    upload = imports.learner_import_read(SimpleUploadedFile(f"modele.{fmt}", response.content))
    assert upload.errors == [] and upload.ignored_columns == []
    assert set(upload.columns) == {column.field for column in imports.COLUMNS}
    result = imports.learner_import_validate(
        organisation=organisation, upload_rows=upload.rows, columns=upload.columns
    )
    assert result.is_valid and result.ready_count == 1
    assert result.rows[0].cleaned["first_name"] == "Fatoumata"
    if fmt == "xlsx":
        workbook = load_workbook(io.BytesIO(response.content))
        assert workbook.sheetnames[1] == "Mode d'emploi"
    assert client.get(reverse("cohorts:learner_import_template", args=["pdf"])).status_code == 404
