"""Enrolments and places: the enrolments made in the period, the places open and taken in
the cohorts that met, and the targets of the programmes."""

from django.db.models import OuterRef, Q, Sum

from cohorts.models import Cohort, Enrolment, Meeting, Programme

from .common import CANCELLED, correlated_count, percent


def _programmes(scope):
    """The programmes of the scope whose dates cross the period."""
    if scope.programme is not None:
        where = Q(pk=scope.programme.pk)
    elif scope.funder is not None:
        where = Q(funder=scope.funder)
    else:
        where = scope.q(organisation="organisation")
    return Programme.objects.filter(
        where, starts_on__lte=scope.ends_on, ends_on__gte=scope.starts_on
    )


def places(scope):
    """Enrolments made in the period; places open and taken in the cohorts that met; the
    programmes' targets. Three queries."""
    running = Meeting.objects.filter(scope.datetime_range("starts_at"), scope.q("cohort")).exclude(
        status=CANCELLED
    )
    taken = Enrolment.objects.filter(cohort=OuterRef("pk")).exclude(status=Enrolment.Status.DROPPED)
    cohorts = (
        Cohort.objects.filter(pk__in=running.values("cohort_id"))
        .annotate(taken_places=correlated_count(taken))
        .aggregate(places=Sum("capacity"), taken=Sum("taken_places"))
    )
    enrolments = Enrolment.objects.filter(
        scope.q("cohort"), scope.datetime_range("enrolled_at")
    ).count()
    targets = _programmes(scope).aggregate(places=Sum("target_places"), hours=Sum("target_hours"))
    open_places, places_taken = cohorts["places"] or 0, cohorts["taken"] or 0
    return {
        "enrolments": enrolments,
        "places": open_places,
        "places_taken": places_taken,
        "fill_rate": percent(places_taken, open_places),
        "target_places": targets["places"] or 0,
        "target_hours": targets["hours"] or 0,
    }
