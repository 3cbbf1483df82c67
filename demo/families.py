"""Demo families enrolled by the CPE of Collège Jasmin, Sophie Durand: three in the parents'
cohort whose last meeting is today (two places stay free for a visitor to enrol one more), and
a Thursday-evening group at the CDI, already full, with one family waiting.

Loading twice changes nothing: cohorts are found by their organisation and name, and
`family_enrol` does not enrol a known family twice.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from cohorts import services
from cohorts.families import family_enrol, reasons_join
from cohorts.models import Cohort
from courses.models import TrackPage

PARENTS_COHORT = "Parents du collège Jasmin"
PARENTS_CAPACITY = 12
EVENING_COHORT = "Parents du collège Jasmin — jeudi soir"
EVENING_CAPACITY = 4

# First name, last name, phone, language, reads French, child's class, reasons.
# fmt: off
PARENTS_FAMILIES = [
    ("Khadija", "Ouali", "06 14 27 38 49", "ar", False, "6e B", ["pronote", "computer"]),
    ("Sébastien", "Marchand", "07 62 41 85 20", "fr", True, "5e A", ["pronote", "internet"]),
    ("Ana", "Ferreira", "06 31 74 92 58", "pt", True, "4e C",
     ["pronote", "computer", "internet"]),
]
EVENING_FAMILIES = [
    ("Nadia", "Haddad", "06 20 30 41 52", "ar", True, "6e A", ["pronote"]),
    ("Ionuț", "Popescu", "07 53 64 75 86", "ro", False, "5e B", ["pronote", "french"]),
    ("Christelle", "Gomez", "06 84 95 16 27", "fr", True, "3e A", ["computer"]),
    ("Abdoulaye", "Keïta", "07 19 28 37 46", "fr", True, "6e C", ["pronote", "internet"]),
]
WAITING_FAMILY = ("Leïla", "Mansouri", "06 47 58 69 70", "ar", True, "4e B",
                  ["pronote", "computer"])
# fmt: on


def _enrol(cpe, cohort, row, waiting=False):
    first, last, phone, language, reads, child_class, reasons = row
    return family_enrol(
        actor=cpe,
        cohort_id=cohort.pk,
        first_name=first,
        last_name=last,
        phone=phone,
        language=language,
        reads_french=reads,
        child_class=child_class,
        reason=reasons_join(reasons),
        consent=True,
        waiting=waiting,
    )


def _evening_cohort(parents, today):
    cohort = Cohort.objects.filter(
        organisation_id=parents.organisation_id, name=EVENING_COHORT
    ).first()
    if cohort is not None:
        return cohort
    first_day = today + datetime.timedelta(weeks=3)
    cohort = Cohort.objects.create(
        organisation_id=parents.organisation_id,
        track=TrackPage.objects.get(slug="parents-scolarite-college"),
        programme=parents.programme,
        school=parents.school,
        name=EVENING_COHORT,
        venue="Collège Jasmin, CDI",
        capacity=EVENING_CAPACITY,
        starts_on=first_day,
        weekday=3,  # Thursday, after work
        start_time=datetime.time(18, 0),
    )
    cohort.trainers.set(parents.trainers.all())
    services.cohort_generate_meetings(cohort=cohort)
    return cohort


@transaction.atomic
def load_families(today=None):
    """The demo CPE's families; returns the two parents' cohorts of Collège Jasmin."""
    today = today or timezone.localdate()
    association = Organisation.objects.get(slug="passerelles-numeriques")
    cpe = User.objects.get(username="sophie.durand")
    parents = Cohort.objects.get(organisation=association, name=PARENTS_COHORT)
    if parents.capacity < PARENTS_CAPACITY:
        Cohort.objects.filter(pk=parents.pk).update(capacity=PARENTS_CAPACITY)
    for row in PARENTS_FAMILIES:
        _enrol(cpe, parents, row)
    evening = _evening_cohort(parents, today)
    for row in EVENING_FAMILIES:
        _enrol(cpe, evening, row)
    _enrol(cpe, evening, WAITING_FAMILY, waiting=True)
    return [parents, evening]
