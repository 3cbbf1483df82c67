"""The pages people wait on, on a generated network: which rows they show, and their timings.

The subjects are drawn the same way at every size (the first of an ordered list), so that the
same page is compared at S and at L: a meeting of 8-12 learners planned from today, the
dashboard of a group half-way through, a learner in a running group, a collège's CPE, a
funder's programme over last year.
"""

import datetime

from django.db.models import Count, Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Organisation, Role, User
from cohorts.models import Attendance, Cohort, Enrolment, Learner, Meeting, Programme
from equipment.models import Device

PRESENT_MARKS = ["present", "late", "absent"]


def network_missing(generator):
    return not Organisation.objects.filter(slug=f"{generator.prefix}-reseau").exists()


def row_counts():
    return {
        "learners": Learner.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "meetings": Meeting.objects.count(),
        "attendance": Attendance.objects.count(),
        "devices": Device.objects.count(),
        "staff": Membership.objects.values("user_id").distinct().count(),
    }


def _in_network(generator, path="organisation__slug"):
    return Q(**{f"{path}__startswith": f"{generator.prefix}-"})


def subjects(generator):
    today = timezone.localdate()
    midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    sized = Count("enrolments", filter=~Q(enrolments__status="dropped"))
    meeting = (
        Meeting.objects.filter(
            _in_network(generator, "cohort__organisation__slug"),
            status="planned",
            starts_at__gte=midnight,
            cohort__track__slug="cycle-initiation-numerique",
            # Not the last of the cycle (its page adds the completions and the survey): the
            # same kind of page at every size.
            number__lte=5,
        )
        .annotate(people=Count("cohort__enrolments"))
        .filter(people__gte=8)
        .select_related("cohort")
        .order_by("starts_at", "pk")
        .first()
    )
    running = (
        Cohort.objects.filter(
            _in_network(generator),
            track__slug="cycle-initiation-numerique",
            meetings__status="held",
        )
        .filter(meetings__status="planned")
        .annotate(people=sized)
        .filter(people__gte=8)
        .distinct()
        .order_by("starts_on", "pk")
        .first()
    )
    learner = (
        Learner.objects.filter(
            user__isnull=False, enrolments__cohort=running, enrolments__status="active"
        )
        .order_by("pk")
        .first()
    )
    cpe = (
        User.objects.filter(
            memberships__role=Role.CPE,
            memberships__organisation__school_cohorts__isnull=False,
            memberships__organisation__slug__startswith=f"{generator.prefix}-",
        )
        .order_by("pk")
        .first()
    )
    last_year = today.year - 1
    programme = (
        Programme.objects.filter(_in_network(generator), starts_on__year=last_year)
        .annotate(cohorts_count=Count("cohorts"))
        .order_by("-cohorts_count", "pk")
        .first()
    )
    funder = User.objects.filter(
        memberships__role=Role.FUNDER, memberships__organisation=programme.funder
    ).first()
    coordinator = User.objects.filter(
        memberships__role=Role.COORDINATOR, memberships__organisation=running.organisation
    ).first()
    if None in (meeting, running, learner, cpe, programme, funder):
        raise SystemExit("The generated network lacks a subject for the pages: regenerate it.")
    return {
        "meeting": meeting,
        "trainer": meeting.cohort.trainers.first(),
        "cohort": running,
        "cohort_trainer": running.trainers.first(),
        "learner": learner,
        "cpe": cpe,
        "programme": programme,
        "funder": funder,
        "coordinator": coordinator,
        "period": (datetime.date(last_year, 1, 1), datetime.date(last_year, 12, 31)),
    }


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def describe(chosen):
    meeting, cohort = chosen["meeting"], chosen["cohort"]
    return {
        "meeting": f"{meeting.pk}: {meeting.cohort.name}, {meeting.starts_at:%Y-%m-%d %H:%M}",
        "cohort": f"{cohort.pk}: {cohort.name}",
        "learner": chosen["learner"].pk,
        "programme": f"{chosen['programme'].pk}: {chosen['programme'].name}",
        "funder": chosen["funder"].username,
        "cpe": chosen["cpe"].username,
        "period": [day.isoformat() for day in chosen["period"]],
    }


def run(timer, chosen):
    meeting = chosen["meeting"]
    trainer = client_for(chosen["trainer"])
    meeting_url = reverse("cohorts:meeting", args=[meeting.pk])
    timer.measure("meeting_page_roll_call", lambda: trainer.get(meeting_url))

    learners = list(meeting.cohort.enrolments.values_list("learner_id", flat=True))
    mark_url = reverse("cohorts:meeting_mark", args=[meeting.pk])
    taps = iter(range(10**6))

    def tap():
        number = next(taps)
        return trainer.post(
            mark_url,
            {
                "learner": learners[number % len(learners)],
                "mark": PRESENT_MARKS[number % len(PRESENT_MARKS)],
            },
            headers={"HX-Request": "true"},
        )

    timer.measure("roll_call_tap", tap)
    dashboard = client_for(chosen["cohort_trainer"])
    cohort_url = reverse("cohorts:cohort", args=[chosen["cohort"].pk])
    timer.measure("cohort_dashboard", lambda: dashboard.get(cohort_url))
    learner = client_for(chosen["learner"].user)
    timer.measure("learner_home", lambda: learner.get(reverse("cohorts:learner_home")))
    cpe = client_for(chosen["cpe"])
    timer.measure("cpe_families", lambda: cpe.get(reverse("cohorts:cpe_home")))
    funder = client_for(chosen["funder"])
    starts_on, ends_on = chosen["period"]
    report_url = (
        reverse("reports:programme_report", args=[chosen["programme"].pk])
        + f"?du={starts_on.isoformat()}&au={ends_on.isoformat()}"
    )
    timer.measure("funder_programme_report", lambda: funder.get(report_url), repeat=10)
    if chosen["coordinator"] is not None:
        coordinator = client_for(chosen["coordinator"])
        timer.measure(
            "coordinator_report",
            lambda: coordinator.get(reverse("reports:coordinator_dashboard")),
            repeat=5,
        )
