"""Minutes attended and completion under the track's rule: the one definition, read by the
cohort's pages, its diplomas and the funder reports."""

from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Greatest

from courses.models import TrackPage, format_duration

from ..models import Attendance, Meeting


@dataclass
class Completion:
    learner_id: int
    attended_minutes: int
    planned_minutes: int
    meetings_attended: int
    meetings_planned: int
    completed: bool


def attended_minutes():
    """Minutes attended, on an Attendance queryset: the minutes noted when the meeting was
    closed, else the meeting's duration less the lateness, never below 0 (a late arrival
    past the end attended nothing); 0 for an absence. The SQL twin of
    `Attendance.attended_minutes()` (a test pins them), used by completions here and by the
    funder reports."""
    duration = F("meeting__duration_minutes")
    return Case(
        When(~Q(mark__in=Attendance.ATTENDED_MARKS), then=Value(0)),
        When(minutes__isnull=False, then=F("minutes")),
        When(mark=Attendance.Mark.LATE, then=Greatest(duration - F("late_minutes"), Value(0))),
        default=duration,
        output_field=IntegerField(),
    )


def completion_rule_met(
    rule,
    threshold,
    *,
    planned,
    planned_minutes,
    mandatory,
    attended,
    attended_minutes,
    attended_mandatory,
):
    """Whether a learner met the track's completion rule, from the counts of the cohort's
    meetings that are not cancelled and of the learner's marks (present or late) at them.
    The one definition: cohort_completions here, the funder reports' completion rate."""
    if rule == TrackPage.CompletionRule.ALL_SESSIONS:
        return planned > 0 and attended == planned
    if rule == TrackPage.CompletionRule.MANDATORY_SESSIONS:
        return mandatory > 0 and attended_mandatory == mandatory
    if rule == TrackPage.CompletionRule.ATTENDANCE_SHARE:
        return planned_minutes > 0 and 100 * attended_minutes >= threshold * planned_minutes
    return False


def cohort_completions(*, cohort):
    """For every enrolled learner: minutes and meetings attended, and whether the track's
    completion rule is met. Two queries whatever the size of the cohort."""
    meetings = cohort.meetings.exclude(status=Meeting.Status.CANCELLED)
    planned = meetings.aggregate(minutes=Sum("duration_minutes"))["minutes"] or 0
    count = meetings.count()
    attended = (
        Attendance.objects.filter(meeting__in=meetings, mark__in=Attendance.ATTENDED_MARKS)
        .values("learner_id")
        .annotate(
            minutes=Sum(attended_minutes()),
            meetings=Count("id"),
        )
    )
    by_learner = {row["learner_id"]: row for row in attended}
    mandatory = {}
    if cohort.track.completion_rule == TrackPage.CompletionRule.MANDATORY_SESSIONS:
        required = meetings.filter(session_plan__mandatory=True)
        mandatory_count = required.count()
        mandatory = dict(
            Attendance.objects.filter(meeting__in=required, mark__in=Attendance.ATTENDED_MARKS)
            .values("learner_id")
            .annotate(meetings=Count("id"))
            .values_list("learner_id", "meetings")
        )
    else:
        mandatory_count = 0
    rule = cohort.track.completion_rule
    threshold = cohort.track.completion_min_percent
    results = []
    for learner_id in cohort.enrolments.values_list("learner_id", flat=True):
        row = by_learner.get(learner_id, {"minutes": 0, "meetings": 0})
        completed = completion_rule_met(
            rule,
            threshold,
            planned=count,
            planned_minutes=planned,
            mandatory=mandatory_count,
            attended=row["meetings"],
            attended_minutes=row["minutes"],
            attended_mandatory=mandatory.get(learner_id, 0),
        )
        results.append(
            Completion(learner_id, row["minutes"], planned, row["meetings"], count, completed)
        )
    return results


def format_minutes(minutes):
    """570 → '9 h 30'; for documents, where hours are what funders and families read."""
    return format_duration(minutes)
