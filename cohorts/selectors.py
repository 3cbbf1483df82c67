"""Reads of cohorts that aggregate: minutes attended and completion under the track's rule."""

from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Sum, When

from courses.models import TrackPage

from .models import Attendance, Meeting


@dataclass
class Completion:
    learner_id: int
    attended_minutes: int
    planned_minutes: int
    meetings_attended: int
    meetings_planned: int
    completed: bool


def cohort_completions(*, cohort):
    """For every enrolled learner: minutes and meetings attended, and whether the track's
    completion rule is met. Two queries whatever the size of the cohort."""
    meetings = cohort.meetings.exclude(status=Meeting.Status.CANCELLED)
    planned = meetings.aggregate(minutes=Sum("duration_minutes"))["minutes"] or 0
    count = meetings.count()
    attended = (
        Attendance.objects.filter(meeting__in=meetings, mark__in=["present", "late"])
        .values("learner_id")
        .annotate(
            minutes=Sum(
                Case(
                    When(mark="late", then=F("meeting__duration_minutes") - F("late_minutes")),
                    default=F("meeting__duration_minutes"),
                    output_field=IntegerField(),
                )
            ),
            meetings=Count("id"),
        )
    )
    by_learner = {row["learner_id"]: row for row in attended}
    rule = cohort.track.completion_rule
    threshold = cohort.track.completion_min_percent
    results = []
    for learner_id in cohort.enrolments.values_list("learner_id", flat=True):
        row = by_learner.get(learner_id, {"minutes": 0, "meetings": 0})
        if rule == TrackPage.CompletionRule.ALL_SESSIONS:
            completed = count > 0 and row["meetings"] == count
        elif rule == TrackPage.CompletionRule.ATTENDANCE_SHARE:
            completed = planned > 0 and 100 * row["minutes"] >= threshold * planned
        else:
            completed = False
        results.append(
            Completion(learner_id, row["minutes"], planned, row["meetings"], count, completed)
        )
    return results
