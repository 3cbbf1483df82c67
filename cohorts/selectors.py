"""Reads of cohorts that aggregate: minutes attended and completion under the track's rule."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Sum, When
from django.db.models.functions import Coalesce
from django.utils import timezone

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
                Coalesce(
                    F("minutes"),
                    Case(
                        When(mark="late", then=F("meeting__duration_minutes") - F("late_minutes")),
                        default=F("meeting__duration_minutes"),
                        output_field=IntegerField(),
                    ),
                )
            ),
            meetings=Count("id"),
        )
    )
    by_learner = {row["learner_id"]: row for row in attended}
    mandatory = {}
    if cohort.track.completion_rule == TrackPage.CompletionRule.MANDATORY_SESSIONS:
        required = meetings.filter(session_plan__mandatory=True)
        mandatory_count = required.count()
        mandatory = dict(
            Attendance.objects.filter(meeting__in=required, mark__in=["present", "late"])
            .values("learner_id")
            .annotate(meetings=Count("id"))
            .values_list("learner_id", "meetings")
        )
    rule = cohort.track.completion_rule
    threshold = cohort.track.completion_min_percent
    results = []
    for learner_id in cohort.enrolments.values_list("learner_id", flat=True):
        row = by_learner.get(learner_id, {"minutes": 0, "meetings": 0})
        if rule == TrackPage.CompletionRule.ALL_SESSIONS:
            completed = count > 0 and row["meetings"] == count
        elif rule == TrackPage.CompletionRule.MANDATORY_SESSIONS:
            completed = mandatory_count > 0 and mandatory.get(learner_id, 0) == mandatory_count
        elif rule == TrackPage.CompletionRule.ATTENDANCE_SHARE:
            completed = planned > 0 and 100 * row["minutes"] >= threshold * planned
        else:
            completed = False
        results.append(
            Completion(learner_id, row["minutes"], planned, row["meetings"], count, completed)
        )
    return results


def trainer_meetings(*, actor, today, days=14):
    """The meetings a trainer runs (or, for a coordinator, every meeting of their
    structures) from `today` to `days` later, cancelled ones included so that nobody comes
    for nothing."""
    from django.db.models import Q

    from accounts.models import Role
    from accounts.querysets import organisation_ids_for

    coordinated = organisation_ids_for(actor, [Role.COORDINATOR])
    start = datetime.datetime.combine(
        today, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    return (
        Meeting.objects.visible_to(actor)
        .filter(Q(cohort__trainers=actor) | Q(cohort__organisation_id__in=coordinated))
        .filter(starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=days + 1))
        .select_related("cohort", "session_plan")
        .distinct()
        .order_by("starts_at")
    )


@dataclass
class RollRow:
    learner: object
    enrolment: object
    attendance: object | None


def meeting_roll(*, meeting):
    """One row per learner enrolled (dropped ones last), with their mark if any. Two
    queries whatever the size of the group."""
    marks = {a.learner_id: a for a in meeting.attendances.all()}
    enrolments = meeting.cohort.enrolments.select_related("learner").order_by(
        "learner__last_name", "learner__first_name"
    )
    rows = [RollRow(e.learner, e, marks.get(e.learner_id)) for e in enrolments]
    rows.sort(key=lambda row: row.enrolment.status == "dropped")
    return rows


@dataclass
class MatrixRow:
    learner: object
    enrolment: object
    cells: list
    completion: Completion


def cohort_matrix(*, cohort):
    """Learners × meetings with the marks, minutes attended and completion. A fixed number
    of queries whatever the number of learners or meetings."""
    meetings = list(cohort.meetings.order_by("number"))
    marks = {
        (a.learner_id, a.meeting_id): a
        for a in Attendance.objects.filter(meeting__cohort=cohort).only(
            "learner_id", "meeting_id", "mark", "late_minutes", "minutes"
        )
    }
    completions = {c.learner_id: c for c in cohort_completions(cohort=cohort)}
    rows = []
    for enrolment in cohort.enrolments.select_related("learner").order_by(
        "learner__last_name", "learner__first_name"
    ):
        learner = enrolment.learner
        rows.append(
            MatrixRow(
                learner,
                enrolment,
                [marks.get((learner.pk, meeting.pk)) for meeting in meetings],
                completions[learner.pk],
            )
        )
    return meetings, rows
