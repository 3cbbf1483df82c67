"""A structure's activity for a period, in the shape of the national activity reports of
médiation numérique ("Activités" export): one row per held group meeting, one row per
individual-help visit.

This is for the structure's own coordinator, not for a funder: rows are not aggregated. A
column Tremplin does not know stays empty; nothing is guessed. Three queries, whatever the
number of rows."""

import csv
import datetime
import io

from django.db.models import Count, Prefetch, Q
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Font

from accounts.models import User
from cohorts.models import HelpVisit, Learner, Meeting
from core.spreadsheets.exports import cell_safe
from courses.models import TrackPage

from .figures.common import HELD, PRESENT
from .glossary import AGE_BANDS

# The national format's column names and values are fixed French words, whatever the
# language of the person downloading: they are not translated.
HEADERS = (
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
)

WORKSHOP = "Atelier collectif"
INDIVIDUAL = "Accompagnement individuel"

# The track's level, as the national report's workshop levels ("Tous niveaux" has none).
LEVELS = {
    TrackPage.Level.BEGINNER: "Débutant",
    TrackPage.Level.INTERMEDIATE: "Intermédiaire",
    TrackPage.Level.ADVANCED: "Avancé",
}

# The track's public, as themes of the national list, where one follows from it; a public
# that says nothing of the content (tout public, seniors, jeunes, allophones) gives none.
AUDIENCE_THEMES = {
    TrackPage.Audience.JOB_SEEKERS: ("Insertion professionnelle",),
    TrackPage.Audience.PARENTS: (
        "Parentalité",
        "Scolarité et numérique",
    ),
}

# The national report's channels, for the place of an individual help; group meetings are
# held at the cohort's venue.
VENUE_CHANNEL = "Lieu d'activité"

JOB_SEEKER = "Sans emploi"
UNSAID = "Non communiqué"


def _age_band(birth_year, year):
    if birth_year is None:
        return UNSAID
    age = year - birth_year
    bounds = [
        ("under_12", age < 12),
        ("12_18", 12 <= age < 18),
        ("18_24", 18 <= age <= 24),
        ("25_39", 25 <= age <= 39),
        ("40_59", 40 <= age <= 59),
        ("60_69", 60 <= age <= 69),
        ("70_plus", age >= 70),
    ]
    key = next(key for key, holds in bounds if holds)
    return dict(AGE_BANDS)[key]


def _name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else ""


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _meetings(organisations, starts_on, ends_on):
    trainers = Prefetch("cohort__trainers", queryset=User.objects.order_by("last_name", "pk"))
    return (
        Meeting.objects.filter(
            cohort__organisation__in=organisations,
            status=HELD,
            starts_at__gte=_midnight(starts_on),
            starts_at__lt=_midnight(ends_on + datetime.timedelta(days=1)),
        )
        .select_related("cohort__track")
        .prefetch_related(trainers)
        .annotate(participants=Count("attendances", filter=Q(attendances__mark__in=PRESENT)))
        .order_by("starts_at", "pk")
    )


def _visits(organisations, starts_on, ends_on):
    return (
        HelpVisit.objects.filter(
            organisation__in=organisations, date__gte=starts_on, date__lte=ends_on
        )
        .select_related("learner", "helper", "cohort")
        .order_by("date", "pk")
    )


def _meeting_row(meeting):
    cohort, track = meeting.cohort, meeting.cohort.track
    themes = AUDIENCE_THEMES.get(track.audience, ())
    row = dict.fromkeys(range(len(HEADERS)), "")
    row.update(
        {
            0: _local(meeting.starts_at).date(),
            1: _local(meeting.closed_at),
            3: ", ".join(_name(user) for user in cohort.trainers.all()),
            4: str(WORKSHOP),
            5: meeting.participants,
            7: str(VENUE_CHANNEL),
            8: cohort.venue,
            13: meeting.duration_minutes,
            14: f"{track.title} — séance {meeting.number}",
            16: ", ".join(str(theme) for theme in themes),
            19: str(LEVELS.get(track.level, "")),
            26: meeting.notes,
            27: f"seance-{meeting.pk}",
        }
    )
    return row


def _visit_row(visit):
    learner = visit.learner
    row = dict.fromkeys(range(len(HEADERS)), "")
    row.update(
        {
            0: visit.date,
            3: _name(visit.helper),
            4: str(INDIVIDUAL),
            5: 1,
            6: str(learner) if learner else "",
            7: visit.get_place_display(),
            8: visit.cohort.venue if visit.cohort and visit.place == HelpVisit.Place.VENUE else "",
            13: visit.duration_minutes,
            16: visit.get_theme_display(),
            26: visit.notes,
            27: f"aide-{visit.pk}",
        }
    )
    if learner is not None:
        genders = {Learner.Gender.FEMALE: "Femme", Learner.Gender.MALE: "Homme"}
        row[23] = genders.get(learner.gender, str(UNSAID))
        row[24] = str(_age_band(learner.birth_year, visit.date.year))
        row[25] = str(JOB_SEEKER if learner.is_job_seeker else UNSAID)
    return row


def rows(organisations, starts_on, ends_on):
    """The rows of the export for `organisations` (a queryset) from `starts_on` to `ends_on`
    (included), by date: lists of cells in the order of HEADERS, text made safe for
    spreadsheets."""
    with translation.override("fr"):  # the themes, places and age bands in French
        meetings = [
            _meeting_row(meeting) for meeting in _meetings(organisations, starts_on, ends_on)
        ]
        visits = [_visit_row(visit) for visit in _visits(organisations, starts_on, ends_on)]
    dated = [(row[0], 0, row) for row in meetings] + [(row[0], 1, row) for row in visits]
    dated.sort(key=lambda item: (item[0], item[1]))
    return [[cell_safe(row[index]) for index in range(len(HEADERS))] for _day, _kind, row in dated]


def headers():
    return list(HEADERS)


def xlsx(organisations, starts_on, ends_on):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Activités"
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(organisations, starts_on, ends_on):
        sheet.append(row)
    for cell in sheet["A"][1:]:
        cell.number_format = "DD/MM/YYYY"
    for cell in sheet["B"][1:]:
        cell.number_format = "DD/MM/YYYY HH:MM"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_bytes(organisations, starts_on, ends_on):
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers())
    for row in rows(organisations, starts_on, ends_on):
        writer.writerow(
            [
                cell.strftime("%d/%m/%Y %H:%M")
                if hasattr(cell, "hour")
                else cell.strftime("%d/%m/%Y")
                if hasattr(cell, "strftime")
                else cell
                for cell in row
            ]
        )
    return ("\ufeff" + output.getvalue()).encode("utf-8")
