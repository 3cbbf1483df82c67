"""Cohorts and learners for tests, on the real seeded tracks."""

import datetime

from cohorts import services
from cohorts.models import Cohort, Learner
from courses.models import TrackPage


def make_cohort(organisation, slug="cycle-initiation-numerique", **extra):
    """A Tuesday 14:00 cohort of the track `slug`, with its meetings generated."""
    fields = {
        "organisation": organisation,
        "track": TrackPage.objects.get(slug=slug),
        "name": "Cycle du mardi",
        "venue": "Salle Jean-Moulin",
        "capacity": 3,
        "starts_on": datetime.date(2026, 1, 5),  # a Monday
        "weekday": 1,  # Tuesday
        "start_time": datetime.time(14, 0),
    }
    fields.update(extra)
    cohort = Cohort.objects.create(**fields)
    services.cohort_generate_meetings(cohort=cohort)
    return cohort


def make_learner(organisation, first_name="Awa", last_name="Traoré", **extra):
    return Learner.objects.create(
        organisation=organisation, first_name=first_name, last_name=last_name, **extra
    )
