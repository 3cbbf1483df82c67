"""The coordinator's dashboard and the "Activités" export of their structure."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Organisation, Role
from cohorts.models import Attendance, Enrolment, HelpVisit, Meeting, Programme
from courses.models import TrackPage
from reports import activities
from reports.figures import Scope, figures
from tests.cohorts.factories import make_cohort, make_learner

PERIOD = {"du": "2026-01-01", "au": "2026-03-31"}
HEADERS = [
    "Date",
    "Enregistré le",
    "Dernière modification le",
    "Médiateur",
    "Type",
    "Participants",
    "Bénéficiaire",
    "Canaux d'accompagnement",
    "Nom du lieu",
    "Adresse",
    "Commune",
    "Code postal",
    "Code Insee",
    "Durée (min)",
    "Nom de l'atelier",
    "Matériel numérique utilisé",
    "Thématique(s) d'accompagnement",
    "Tags",
    "Nom de la démarche administrative",
    "Niveau d'autonomie (ou de l'atelier)",
    "Bénéficiaire réorienté",
    "Structure de redirection",
    "Commune / Code postal / Code Insee du bénéficiaire",
    "Genre",
    "Tranche d'âge",
    "Statut du bénéficiaire",
    "Notes",
    "ID",
]
XLSX = "reports:coordinator_activities_xlsx"


def hold(meeting, present, absent=()):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD, duration_minutes=120)
    for person in present:
        Attendance.objects.create(meeting=meeting, learner=person, mark=Attendance.Mark.PRESENT)
    for person in absent:
        Attendance.objects.create(meeting=meeting, learner=person, mark=Attendance.Mark.ABSENT)


def programme_of(organisation, funder, name):
    return Programme.objects.create(
        name=name,
        organisation=organisation,
        funder=funder,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 6, 30),
        target_places=10,
        target_hours=20,
    )


@pytest.fixture
def world(organisation, other_organisation, funder_organisation, trainer, make_member):
    programme = programme_of(organisation, funder_organisation, "Dispositif des Lilas")
    cohort = make_cohort(organisation, programme=programme, capacity=10)
    cohort.trainers.add(trainer)
    people = [
        make_learner(
            organisation, "Awa", "Traoré", gender="F", birth_year=1980, is_job_seeker=True
        ),
        make_learner(organisation, "Jules", "Martin", birth_year=1950),
        make_learner(organisation, "Lina", "Benali"),
    ]
    for person in people:
        Enrolment.objects.create(cohort=cohort, learner=person)
    first, second = cohort.meetings.order_by("number")[:2]
    hold(first, people)
    hold(second, people[:2], absent=people[2:])
    visit = HelpVisit.objects.create(
        organisation=organisation,
        learner=people[0],
        helper=trainer,
        date=datetime.date(2026, 2, 3),
        duration_minutes=45,
        theme=HelpVisit.Theme.EMAIL,
        place=HelpVisit.Place.HOME,
        notes='=HYPERLINK("http://example.org")',
    )
    before = HelpVisit.objects.create(
        organisation=organisation,
        helper=trainer,
        date=datetime.date(2025, 12, 20),
        duration_minutes=30,
        theme=HelpVisit.Theme.EMAIL,
    )
    foreign_programme = programme_of(other_organisation, funder_organisation, "Dispositif voisin")
    foreign = make_cohort(other_organisation, programme=foreign_programme, name="Voisins")
    stranger = make_learner(other_organisation, "Zoé", "Ailleurs")
    Enrolment.objects.create(cohort=foreign, learner=stranger)
    hold(foreign.meetings.order_by("number").first(), [stranger])
    return {
        "programme": programme,
        "cohort": cohort,
        "meetings": [first, second],
        "visit": visit,
        "before": before,
        "foreign": foreign,
        "coordinator": make_member(Role.COORDINATOR, organisation),
        "other": make_member(Role.COORDINATOR, other_organisation),
    }


def get(client, user, name, data=PERIOD):
    client.force_login(user)
    return client.get(reverse(name), data)


def test_dashboard_figures_are_the_structures(client, world, organisation):
    response = get(client, world["coordinator"], "reports:coordinator_dashboard")
    assert response.status_code == 200
    [dashboard] = response.context["dashboards"]
    scope = Scope(
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 3, 31),
        organisation=organisation,
    )
    assert dashboard["organisation"] == organisation
    assert dashboard["figures"] == figures(scope)
    assert dashboard["figures"]["people_helped"] == 3  # small counts are not hidden here
    assert "Dispositif des Lilas" in response.content.decode()


def test_progress_against_targets(client, world):
    response = get(client, world["coordinator"], "reports:coordinator_dashboard")
    [item] = response.context["dashboards"][0]["programmes"]
    assert item["programme"] == world["programme"]
    # Three places taken (nobody dropped) out of ten planned.
    assert item["places"] == {"done": 3, "target": 10, "percent": 30.0, "width": 30}
    # Two meetings of two hours held, out of twenty hours planned.
    assert item["hours"] == {"done": 4.0, "target": 20, "percent": 20.0, "width": 20}
    # Five presences of two hours.
    assert item["learner_hours"] == 10.0
    html = response.content.decode()
    assert "Heures de séances collectives" in html
    assert "3 / 10" in html


def test_another_structures_coordinator_sees_none_of_it(client, world, other_organisation):
    response = get(client, world["other"], "reports:coordinator_dashboard")
    assert response.status_code == 200
    [dashboard] = response.context["dashboards"]
    assert dashboard["organisation"] == other_organisation
    assert [item["programme"].name for item in dashboard["programmes"]] == ["Dispositif voisin"]
    assert "Dispositif des Lilas" not in response.content.decode()
    sheet = load_workbook(io.BytesIO(get(client, world["other"], XLSX).content)).active
    ids = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids == [f"seance-{world['foreign'].meetings.order_by('number').first().pk}"]


@pytest.mark.parametrize(
    "name",
    [
        "reports:coordinator_dashboard",
        XLSX,
        "reports:coordinator_activities_csv",
    ],
)
def test_funders_and_trainers_are_refused(client, world, funder, trainer, name):
    for user in (funder, trainer):
        assert get(client, user, name).status_code == 403


@pytest.mark.parametrize("data", [{"du": "hier", "au": "2026-13-45"}, {"du": "2026-05-01"}])
def test_bad_dates_fall_back_to_the_current_year(client, world, data):
    response = get(client, world["coordinator"], "reports:coordinator_dashboard", data)
    assert response.status_code == 200
    today = timezone.localdate()
    assert response.context["starts_on"] == datetime.date(today.year, 1, 1)
    assert get(client, world["coordinator"], XLSX, data).status_code == 200


def test_activities_spreadsheet(client, world, trainer):
    response = get(client, world["coordinator"], XLSX)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('activites-20260101-20260331.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    column = {header: index for index, header in enumerate(HEADERS)}
    by_id = {row[column["ID"]]: row for row in rows[1:]}
    first, second = world["meetings"]
    visit = world["visit"]
    assert sorted(by_id) == sorted(
        [f"seance-{first.pk}", f"seance-{second.pk}", f"aide-{visit.pk}"]
    )
    assert f"aide-{world['before'].pk}" not in by_id

    workshop = by_id[f"seance-{first.pk}"]
    assert workshop[column["Type"]] == "Atelier collectif"
    assert workshop[column["Participants"]] == 3
    assert by_id[f"seance-{second.pk}"][column["Participants"]] == 2
    assert workshop[column["Durée (min)"]] == 120
    assert workshop[column["Nom du lieu"]] == "Salle Jean-Moulin"
    track = world["cohort"].track
    assert workshop[column["Nom de l'atelier"]] == f"{track.title} — séance 1"
    assert workshop[column["Médiateur"]] == (trainer.get_full_name() or trainer.username)
    # An empty cell reads back as None; "Tous niveaux" has no national level.
    level = workshop[column["Niveau d'autonomie (ou de l'atelier)"]]
    assert level == activities.LEVELS.get(track.level)
    assert workshop[column["Genre"]] in ("", None)  # no person-level columns for a workshop

    help_row = by_id[f"aide-{visit.pk}"]
    assert help_row[column["Type"]] == "Accompagnement individuel"
    assert help_row[column["Canaux d'accompagnement"]] == "À domicile"
    assert help_row[column["Thématique(s) d'accompagnement"]] == "E-mail"
    assert help_row[column["Genre"]] == "Femme"
    assert help_row[column["Tranche d'âge"]] == "40-59 ans"
    assert help_row[column["Statut du bénéficiaire"]] == "Sans emploi"
    assert help_row[column["Notes"]] == '\'=HYPERLINK("http://example.org")'
    for unknown in ("Adresse", "Commune", "Code Insee", "Matériel numérique utilisé"):
        assert help_row[column[unknown]] in ("", None)


def test_activities_csv_has_the_same_rows(client, world):
    response = get(client, world["coordinator"], "reports:coordinator_activities_csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == HEADERS
    assert len(rows) == 4
    assert any(row[HEADERS.index("Notes")].startswith("'=") for row in rows[1:])


def test_level_mapping_covers_the_track_levels():
    assert set(activities.LEVELS) | {TrackPage.Level.ALL} == set(TrackPage.Level.values)


def queries_for(world, organisation, held):
    meetings = list(world["cohort"].meetings.order_by("number"))
    assert len(meetings) >= held
    Meeting.objects.filter(pk__in=[m.pk for m in meetings[:held]]).update(
        status=Meeting.Status.HELD
    )
    organisations = Organisation.objects.filter(pk=organisation.pk)
    with CaptureQueriesContext(connection) as queries:
        rows = activities.rows(
            organisations, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
        )
    assert len(rows) == held + 1  # and the help visit
    return len(queries)


def test_query_count_does_not_grow_with_the_rows(world, organisation):
    assert queries_for(world, organisation, 2) == 3
    assert queries_for(world, organisation, 6) == 3


def view_queries(client, world, held):
    meetings = list(world["cohort"].meetings.order_by("number")[:held])
    Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(status=Meeting.Status.HELD)
    client.force_login(world["coordinator"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(XLSX), {"du": "2026-01-01", "au": "2026-12-31"})
    assert load_workbook(io.BytesIO(response.content)).active.max_row == 1 + held + 1
    return len(queries)


def test_export_view_query_count_is_pinned(client, world):
    assert view_queries(client, world, 2) == view_queries(client, world, 6)
