"""Reads of cohorts that aggregate: minutes attended and completion under the track's rule."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Prefetch, Sum, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from courses.models import TrackPage

from .models import Attendance, Diploma, Enrolment, Meeting, SatisfactionAnswer


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
    closed, else the meeting's duration less the lateness. The one definition, used by
    completions here and by the funder reports."""
    return Coalesce(
        F("minutes"),
        Case(
            When(
                mark=Attendance.Mark.LATE, then=F("meeting__duration_minutes") - F("late_minutes")
            ),
            default=F("meeting__duration_minutes"),
            output_field=IntegerField(),
        ),
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
        Attendance.objects.filter(meeting__in=meetings, mark__in=["present", "late"])
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
            Attendance.objects.filter(meeting__in=required, mark__in=["present", "late"])
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


def trainer_meetings(*, actor, today, days=14):
    """The meetings a trainer runs (or, for a coordinator, every meeting of their
    structures) from `today` to `days` later, cancelled ones included so that nobody comes
    for nothing."""
    from django.db.models import Q

    from accounts.models import Role
    from accounts.scoping import organisation_ids_for

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
    signature: object | None = None


def meeting_roll(*, meeting):
    """One row per learner enrolled (dropped ones last), with their mark and signature if
    any. Three queries whatever the size of the group."""
    marks = {a.learner_id: a for a in meeting.attendances.all()}
    signatures = {s.learner_id: s for s in meeting.signatures.filter(role="learner")}
    enrolments = meeting.cohort.enrolments.select_related("learner").order_by(
        "learner__last_name", "learner__first_name"
    )
    rows = [
        RollRow(e.learner, e, marks.get(e.learner_id), signatures.get(e.learner_id))
        for e in enrolments
    ]
    rows.sort(key=lambda row: row.enrolment.status == "dropped")
    return rows


@dataclass
class MatrixRow:
    learner: object
    enrolment: object
    cells: list
    completion: Completion
    diplomas: list
    handover: object | None = None


def _current_handover(enrolment):
    """The device the learner holds (or bought), else the last one handed over."""
    handovers = list(enrolment.handovers.all())
    return next((h for h in handovers if h.status != "returned"), None) or next(
        iter(handovers), None
    )


def cohort_matrix(*, cohort):
    """Learners × meetings with the marks, minutes attended, completion and, when the track
    hands a device over, the hand-over. A fixed number of queries whatever the number of
    learners or meetings."""
    meetings = list(cohort.meetings.order_by("number"))
    marks = {
        (a.learner_id, a.meeting_id): a
        for a in Attendance.objects.filter(meeting__cohort=cohort).only(
            "learner_id", "meeting_id", "mark", "late_minutes", "minutes"
        )
    }
    completions = {c.learner_id: c for c in cohort_completions(cohort=cohort)}
    diplomas = {}
    for diploma in Diploma.objects.filter(enrolment__cohort=cohort).order_by("kind"):
        diplomas.setdefault(diploma.enrolment_id, []).append(diploma)
    enrolments = cohort.enrolments.select_related("learner").order_by(
        "learner__last_name", "learner__first_name"
    )
    with_devices = cohort.track.device_handover
    if with_devices:
        # equipment sits above cohorts: its hand-overs are read through the reverse
        # relation, with their devices in the same query, without importing equipment.
        handovers = Enrolment._meta.get_field("handovers").related_model
        enrolments = enrolments.prefetch_related(
            Prefetch("handovers", queryset=handovers.objects.select_related("device"))
        )
    rows = []
    for enrolment in enrolments:
        learner = enrolment.learner
        rows.append(
            MatrixRow(
                learner,
                enrolment,
                [marks.get((learner.pk, meeting.pk)) for meeting in meetings],
                completions[learner.pk],
                diplomas.get(enrolment.pk, []),
                _current_handover(enrolment) if with_devices else None,
            )
        )
    return meetings, rows


def competences_attended(*, cohort):
    """For each learner, the competences of the session plans of the meetings they attended
    ("code name", in the framework's order). Two queries whatever the size of the cohort."""
    from courses.models import SessionPlanPage

    attended = Attendance.objects.filter(
        meeting__cohort=cohort,
        mark__in=[Attendance.Mark.PRESENT, Attendance.Mark.LATE],
        meeting__session_plan__isnull=False,
    ).values_list("learner_id", "meeting__session_plan_id")
    by_learner = {}
    for learner_id, plan_id in attended:
        by_learner.setdefault(learner_id, set()).add(plan_id)
    plan_ids = set().union(*by_learner.values()) if by_learner else set()
    through = SessionPlanPage.competences.through
    by_plan = {}
    for link in through.objects.filter(sessionplanpage_id__in=plan_ids).select_related(
        "competence"
    ):
        by_plan.setdefault(link.sessionplanpage_id, set()).add(
            (link.competence.code, link.competence.name)
        )
    result = {}
    for learner_id, plans in by_learner.items():
        found = set().union(*(by_plan.get(plan, set()) for plan in plans))
        result[learner_id] = [f"{code} {name}" for code, name in sorted(found)]
    return result


def format_minutes(minutes):
    """570 → '9 h 30'; for documents, where hours are what funders and families read."""
    from courses.models import format_duration

    return format_duration(minutes)


def cohort_survey_answered(*, cohort):
    """The enrolments of the cohort whose learner gave their end-of-track opinion (the
    answers themselves stay out of the trainer's pages). One query."""
    return set(
        SatisfactionAnswer.objects.filter(enrolment__cohort=cohort).values_list(
            "enrolment_id", flat=True
        )
    )
