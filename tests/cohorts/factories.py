"""Cohorts and learners for tests, on the real seeded tracks."""

import datetime

from django.utils import timezone

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


def today_cohort(organisation, trainer, learners=3, slug="cycle-initiation-numerique", **extra):
    """A cohort whose first meeting is today, taught by `trainer`, with `learners` enrolled."""
    today = timezone.localdate()
    extra.setdefault("capacity", max(learners, 3))
    cohort = make_cohort(organisation, slug=slug, starts_on=today, weekday=today.weekday(), **extra)
    cohort.trainers.add(trainer)
    for index in range(learners):
        services.learner_enrol(
            cohort=cohort, learner=make_learner(organisation, f"Prénom{index:02d}", "Durand")
        )
    return cohort


def finished_cohort(organisation, trainer, slug="parents-scolarite-college", learners=3, absent=()):
    """A cohort whose meetings are all held: every learner present, except `absent`
    (indexes) missing the first meeting."""
    cohort = today_cohort(organisation, trainer, learners=learners, slug=slug, capacity=10)
    enrolments = list(cohort.enrolments.order_by("learner__first_name"))
    for meeting in cohort.meetings.all():
        for index, enrolment in enumerate(enrolments):
            mark = "absent" if index in absent and meeting.number == 1 else "present"
            services.meeting_take_roll(
                actor=trainer, meeting_id=meeting.pk, learner_id=enrolment.learner_id, mark=mark
            )
    return cohort, enrolments
