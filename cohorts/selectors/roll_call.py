"""Reads of the trainer's days: the meetings coming up, and a meeting's roll."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from accounts.scoping import STAFF_MANAGER_ROLES, organisation_ids_for, scoped_get

from ..models import Enrolment, Meeting, Signature


def trainer_meetings(*, actor, today, days=14):
    """The meetings a trainer runs (or, for a coordinator, every meeting of their
    structures) from `today` to `days` later, cancelled ones included so that nobody comes
    for nothing."""
    coordinated = organisation_ids_for(actor, STAFF_MANAGER_ROLES)
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


def meeting_for_roll_call(*, actor, meeting_id):
    """The meeting a roll-call tap marks, as `meeting_get` but with its cohort only: the
    trainer taps fast, and the page's joins of session plan, track and documents cost 4 ms
    to plan per tap at national size (more than they save)."""
    meetings = Meeting.objects.select_related("cohort")
    return scoped_get(meetings, actor=actor, pk=meeting_id)


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
    signatures = {s.learner_id: s for s in meeting.signatures.filter(role=Signature.Role.LEARNER)}
    enrolments = meeting.cohort.enrolments.select_related("learner").order_by(
        "learner__last_name", "learner__first_name"
    )
    rows = [
        RollRow(e.learner, e, marks.get(e.learner_id), signatures.get(e.learner_id))
        for e in enrolments
    ]
    rows.sort(key=lambda row: row.enrolment.status == Enrolment.Status.DROPPED)
    return rows
