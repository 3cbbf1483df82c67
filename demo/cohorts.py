"""Demo cohorts: the parents' track at Collège Jasmin, whose last meeting is today, and an
initiation cycle half-way through. Past meetings are marked and closed, so that a visitor
sees a realistic dashboard and can run today's meeting as a trainer.

Loading twice changes nothing: cohorts are found by their organisation and name.
"""

import base64
import datetime
import io
import random

from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import LearnerAccount, Organisation, User
from cohorts import evidence, services
from cohorts.models import Cohort, Enrolment, Learner, Meeting, Programme
from courses.models import TrackPage

CONSENT_TEXT = (
    "J'accepte que l'association garde mon nom, mon téléphone et mes présences pour "
    "organiser la formation et rendre compte au financeur. Je peux demander à les voir, "
    "à les corriger ou à les effacer."
)

# First name, last name, phone, birth year, gender, language, reads French, QPV, RSA,
# job seeker, referred by; then the marks of the past meetings: P present, Rn late by n
# minutes, A absent, E excused; "D" at the end: dropped after the last mark.
# fmt: off
PARENTS = [
    ("Fatima", "Benhaddou", "06 12 45 78 90", 1984, "F", "ar", True, True, False, False,
     "Collège Jasmin (CPE)", "P P P P P"),
    ("Mamadou", "Sow", "07 81 22 34 56", 1979, "M", "fr", True, True, True, False,
     "Collège Jasmin (CPE)", "P P R10 P P"),
    ("Élodie", "Lefèvre", "06 45 10 20 30", 1990, "F", "fr", True, False, False, True,
     "Collège Jasmin (CPE)", "P A P P P"),
    ("Thi Lan", "Nguyen", "06 98 76 54 32", 1982, "F", "vi", False, True, False, False,
     "Collège Jasmin (CPE)", "P P P E P"),
    ("Olena", "Kovalenko", "07 66 55 44 33", 1987, "F", "uk", False, True, False, False,
     "CCAS de Bordeaux", "P P P P R20"),
    ("Rachid", "Amrani", "06 33 21 09 87", 1975, "M", "fr", True, True, False, True,
     "Collège Jasmin (CPE)", "P P A D"),
    ("Sandrine", "Petit", "06 07 08 09 10", 1986, "F", "fr", True, False, True, False,
     "Collège Jasmin (CPE)", "P P P P P"),
    ("Aïssatou", "Ba", "07 50 60 70 80", 1983, "F", "fr", True, True, False, False,
     "Collège Jasmin (CPE)", "R15 P P P P"),
]

BEGINNERS = [
    ("Amina", "Diallo", "06 52 41 30 29", 1969, "F", "fr", True, True, True, False,
     "CCAS de Bordeaux", "P P P P"),
    ("Gérard", "Lambert", "05 56 12 34 56", 1948, "M", "fr", True, False, False, False,
     "Mairie de quartier Bastide", "P P E P"),
    ("Josiane", "Moreau", "06 71 82 93 04", 1952, "F", "fr", True, False, False, False,
     "Bouche-à-oreille", "P R30 P A"),
    ("Yusuf", "Demir", "07 45 56 67 78", 1971, "M", "tr", False, True, True, True,
     "France Travail", "P P P P"),
    ("Marie-Thérèse", "Dubois", "05 56 98 76 54", 1945, "F", "fr", True, False, False, False,
     "CCAS de Bordeaux", "P P P P"),
    ("Kévin", "Roussel", "07 12 23 34 45", 1996, "M", "fr", True, True, True, True,
     "Mission locale", "A P A A D"),
    ("Samira", "Touati", "06 23 34 45 56", 1977, "F", "ar", True, True, False, True,
     "France Travail", "P P R10 P"),
]
# fmt: on

NOTES = [
    "Bon démarrage : tout le monde a allumé l'appareil seul à la fin.",
    "Groupe attentif. Deux personnes ont besoin de plus de temps pour le clavier.",
    "Exercice réussi par presque tous ; reprendre les mots de passe la prochaine fois.",
    "Beaucoup de questions sur les arnaques par SMS : prévoir dix minutes de plus.",
    "Séance dense mais bonne ambiance. Penser à imprimer les fiches en gros caractères.",
]


def scribble(seed):
    """A signature-like drawing, the same for the same seed, as the pad would send it."""
    rng = random.Random(seed)  # noqa: S311 (a drawing, not a secret)
    image = Image.new("RGB", (480, 160), "white")
    draw = ImageDraw.Draw(image)
    x, points = 30, []
    while x < 440:
        points.append((x, rng.randint(40, 120)))
        x += rng.randint(18, 42)
    draw.line(points, fill=(15, 25, 80), width=4, joint="curve")
    draw.line(
        [(40, 135), (rng.randint(250, 440), rng.randint(125, 145))], fill=(15, 25, 80), width=3
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _learner(organisation, row, when):
    first, last, phone, year, gender, language, reads, qpv, rsa, seeker, referred, _m = row
    learner, _created = Learner.objects.get_or_create(
        organisation=organisation,
        first_name=first,
        last_name=last,
        defaults={
            "phone": phone,
            "birth_year": year,
            "gender": gender,
            "language": language,
            "reads_french": reads,
            "lives_in_qpv": qpv,
            "receives_rsa": rsa,
            "is_job_seeker": seeker,
            "referred_by": referred,
            "consent_at": when,
            "consent_text": CONSENT_TEXT,
        },
    )
    return learner


def _mark_past(trainer, cohort, rows, learners, today):
    """Mark and close the meetings before today from each row's marks, then record
    drop-outs. Today's meeting is left for the visitor to run."""
    past = list(cohort.meetings.filter(starts_at__date__lt=today).order_by("number"))
    for position, meeting in enumerate(past):
        for row, learner in zip(rows, learners, strict=True):
            marks = row[-1].split()
            if position >= len(marks):
                continue
            code = marks[position]
            if code == "D":
                Enrolment.objects.filter(cohort=cohort, learner=learner).update(
                    status=Enrolment.Status.DROPPED,
                    drop_reason="A retrouvé un emploi sur les horaires du groupe.",
                )
                continue
            mark = {"P": "present", "A": "absent", "E": "excused"}.get(code[0], "late")
            services.meeting_take_roll(
                actor=trainer,
                meeting_id=meeting.pk,
                learner_id=learner.pk,
                mark=mark,
                late_minutes=int(code[1:]) if code.startswith("R") else 0,
            )
        for attendance in meeting.attendances.filter(mark__in=["present", "late"]):
            evidence.meeting_sign(
                actor=trainer,
                meeting_id=meeting.pk,
                learner_id=attendance.learner_id,
                data_url=scribble(f"{attendance.learner_id}-{position}"),
            )
        evidence.meeting_sign(
            actor=trainer, meeting_id=meeting.pk, data_url=scribble(f"trainer-{position}")
        )
        services.meeting_close(
            actor=trainer, meeting_id=meeting.pk, notes=NOTES[position % len(NOTES)]
        )
        # As if it had happened then: signatures at the start, closed at the end.
        meeting.signatures.update(signed_at=meeting.starts_at + datetime.timedelta(minutes=5))
        Meeting.objects.filter(pk=meeting.pk).update(closed_at=meeting.ends_at)


def _cohort(
    *, organisation, trainer, programme, track_slug, name, venue, first_day, time, rows, today
):
    cohort = Cohort.objects.filter(organisation=organisation, name=name).first()
    if cohort is not None:
        return cohort
    cohort = Cohort.objects.create(
        organisation=organisation,
        track=TrackPage.objects.get(slug=track_slug),
        programme=programme,
        name=name,
        venue=venue,
        capacity=max(10, len(rows)),
        starts_on=first_day,
        weekday=first_day.weekday(),
        start_time=time,
    )
    cohort.trainers.add(trainer)
    services.cohort_generate_meetings(cohort=cohort)
    consent = timezone.make_aware(datetime.datetime.combine(first_day, time))
    learners = [_learner(organisation, row, consent) for row in rows]
    for learner in learners:
        services.learner_enrol(cohort=cohort, learner=learner)
    _mark_past(trainer, cohort, rows, learners, today)
    return cohort


@transaction.atomic
def load_cohorts(today=None):
    """The two demo cohorts of Les Passerelles numériques, run by Karim Benali."""
    today = today or timezone.localdate()
    association = Organisation.objects.get(slug="passerelles-numeriques")
    funder = Organisation.objects.get(slug="departement-47")
    trainer = User.objects.get(username="karim.benali")
    year = today.year
    parents_programme, _created = Programme.objects.get_or_create(
        organisation=association,
        name="Parents connectés 47",
        defaults={
            "funder": funder,
            "starts_on": datetime.date(year, 1, 1),
            "ends_on": datetime.date(year, 12, 31),
            "target_places": 60,
            "target_hours": 720,
        },
    )
    inclusion_programme, _created = Programme.objects.get_or_create(
        organisation=association,
        name="Premiers pas numériques",
        defaults={
            "funder": funder,
            "starts_on": datetime.date(year, 1, 1),
            "ends_on": datetime.date(year, 12, 31),
            "target_places": 80,
            "target_hours": 1440,
        },
    )
    parents_sessions = TrackPage.objects.get(slug="parents-scolarite-college").sessions().count()
    parents = _cohort(
        organisation=association,
        trainer=trainer,
        programme=parents_programme,
        track_slug="parents-scolarite-college",
        name="Parents du collège Jasmin",
        venue="Collège Jasmin, salle polyvalente",
        # Weekly, so that the last meeting falls today.
        first_day=today - datetime.timedelta(weeks=parents_sessions - 1),
        time=datetime.time(9, 0),
        rows=PARENTS,
        today=today,
    )
    beginners = _cohort(
        organisation=association,
        trainer=trainer,
        programme=inclusion_programme,
        track_slug="cycle-initiation-numerique",
        name="Cycle d'initiation — Bastide",
        venue="Espace numérique de la Bastide, salle 2",
        # Four meetings held, the fourth four days ago.
        first_day=today - datetime.timedelta(days=4, weeks=3),
        time=datetime.time(14, 0),
        rows=BEGINNERS,
        today=today,
    )
    # The parents' track meets at Collège Jasmin: its CPE enrols families there.
    Cohort.objects.filter(pk=parents.pk, school=None).update(
        school=Organisation.objects.get(slug="college-jasmin")
    )
    amina = LearnerAccount.objects.filter(code="BRD246").select_related("user").first()
    if amina is not None and not Learner.objects.filter(user=amina.user).exists():
        Learner.objects.filter(
            organisation=association, first_name="Amina", last_name="Diallo", user=None
        ).update(user=amina.user)
    return [parents, beginners]


def todays_meeting():
    return (
        Meeting.objects.filter(
            cohort__name="Parents du collège Jasmin", starts_at__date=timezone.localdate()
        )
        .order_by("number")
        .first()
    )
