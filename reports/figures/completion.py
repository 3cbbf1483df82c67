"""Tracks completed: the enrolments in the tracks that ended in the period, and how many met
their track's completion rule (the rule itself is cohorts.selectors.completion_rule_met, the
same that decides a device's hand-over)."""

from django.db.models import Count, Max, Q, Sum

from cohorts.models import Attendance, Cohort, Enrolment, Meeting
from cohorts.selectors import attended_minutes, completion_rule_met
from courses.models import TrackPage

from .common import CANCELLED, PRESENT, percent, tuples

Rule = TrackPage.CompletionRule


def _ended_cohorts(scope):
    """Cohorts whose last meeting that is not cancelled falls in the period."""
    return (
        Cohort.objects.filter(scope.q(""))
        .annotate(last=Max("meetings__starts_at", filter=~Q(meetings__status=CANCELLED)))
        .filter(last__gte=scope.starts_at, last__lt=scope.ends_before)
        .values("pk")
    )


def completion(scope):
    """Enrolments in the tracks that ended in the period, and how many completed. Three
    grouped queries (the ended cohorts' meetings; the marks per person and cohort; the
    enrolments), the rule applied here by cohorts.selectors.completion_rule_met: correlated
    subqueries per enrolment took 10 s for a network of 200,000 learners."""
    ended = _ended_cohorts(scope)
    # The ended cohorts' meetings, grouped in the same pass that finds them (their last
    # meeting that is not cancelled is in the period), as _ended_cohorts does.
    planned = {
        row[0]: row[1:]
        for row in tuples(
            Meeting.objects.filter(scope.q("cohort"))
            .exclude(status=CANCELLED)
            .order_by()
            .values(
                "cohort_id",
                "cohort__track__completion_rule",
                "cohort__track__completion_min_percent",
            )
            .annotate(
                n=Count("pk"),
                minutes=Sum("duration_minutes"),
                mandatory=Count("pk", filter=Q(session_plan__mandatory=True)),
            )
            .alias(last=Max("starts_at"))
            .filter(last__gte=scope.starts_at, last__lt=scope.ends_before)
        )
    }
    marks = {
        row[:2]: row[2:]  # (cohort, learner): (marks, minutes, mandatory marks)
        for row in tuples(
            Attendance.objects.filter(meeting__cohort_id__in=ended, mark__in=PRESENT)
            .exclude(meeting__status=CANCELLED)
            .order_by()
            .values("meeting__cohort_id", "learner_id")
            .annotate(
                n=Count("pk"),
                minutes=Sum(attended_minutes()),
                mandatory=Count("pk", filter=Q(meeting__session_plan__mandatory=True)),
            )
        )
    }
    nothing = (0, 0, 0)
    total = completed = 0
    enrolments = tuples(
        Enrolment.objects.filter(cohort_id__in=ended)
        .exclude(cohort__track__completion_rule=Rule.NONE)
        .order_by()
        .values_list("cohort_id", "learner_id", "status")
    )
    dropped = Enrolment.Status.DROPPED
    for cohort_id, learner_id, status in enrolments:
        total += 1
        cohort = planned.get(cohort_id)
        if cohort is None or status == dropped:
            continue
        rule, threshold, planned_n, planned_minutes, mandatory = cohort
        attended, minutes, attended_mandatory = marks.get((cohort_id, learner_id), nothing)
        completed += completion_rule_met(
            rule,
            threshold,
            planned=planned_n,
            planned_minutes=planned_minutes or 0,
            mandatory=mandatory,
            attended=attended,
            attended_minutes=minutes or 0,
            attended_mandatory=attended_mandatory,
        )
    return {
        "enrolments_in_ended_tracks": total,
        "tracks_completed": completed,
        "completion_rate": percent(completed, total),
    }
