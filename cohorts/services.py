"""Writes of cohorts: meetings from a rhythm, enrolment, the roll call."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.querysets import works_for

from .models import Attendance, Cohort, Enrolment, HelpVisit, Meeting

COHORT_FULL = gettext_noop("Ce groupe est complet : %(capacity)s places.")
LEARNER_OTHER_ORGANISATION = gettext_noop(
    "Cette personne n'est pas suivie par la structure du groupe."
)
ROLL_NOT_ALLOWED = gettext_noop("Vous ne pouvez pas faire l'appel de cette séance.")
ROLL_NOT_ENROLLED = gettext_noop("Cette personne n'est pas inscrite dans ce groupe.")
ROLL_CANCELLED = gettext_noop("Cette séance est annulée : pas d'appel.")
MARK_INVALID = gettext_noop("Choisissez présent, en retard, absent ou excusé.")
LATE_MINUTES_INVALID = gettext_noop(
    "Indiquez le retard en minutes, entre 1 et la durée de la séance."
)


def first_date_on_weekday(start, weekday):
    return start + datetime.timedelta(days=(weekday - start.weekday()) % 7)


@transaction.atomic
def cohort_generate_meetings(*, cohort):
    """One meeting per live session plan of the track, on the cohort's rhythm.

    Safe to run again: existing meetings (perhaps moved by hand) are left as they are and
    only the missing numbers are added.
    """
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    existing = set(cohort.meetings.values_list("number", flat=True))
    paris = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    day = first_date_on_weekday(cohort.starts_on, cohort.weekday)
    created = []
    for index, plan in enumerate(cohort.track.sessions()):
        date = day + datetime.timedelta(weeks=index * cohort.every_weeks)
        if plan.number in existing:
            continue
        created.append(
            Meeting(
                cohort=cohort,
                session_plan=plan,
                number=plan.number,
                starts_at=datetime.datetime.combine(date, cohort.start_time, tzinfo=paris),
                duration_minutes=plan.duration_minutes,
                room=cohort.venue,
            )
        )
    Meeting.objects.bulk_create(created)
    return created


@transaction.atomic
def learner_enrol(*, cohort, learner):
    """Enrol a learner of the cohort's organisation, within the cohort's capacity."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if learner.organisation_id != cohort.organisation_id:
        raise ValidationError(_(LEARNER_OTHER_ORGANISATION))
    enrolment = Enrolment.objects.filter(cohort=cohort, learner=learner).first()
    if enrolment is not None:
        return enrolment
    taken = cohort.enrolments.exclude(status=Enrolment.Status.DROPPED).count()
    if taken >= cohort.capacity:
        raise ValidationError(_(COHORT_FULL) % {"capacity": cohort.capacity})
    return Enrolment.objects.create(cohort=cohort, learner=learner)


def meeting_take_roll(*, actor, meeting_id, learner_id, mark, late_minutes=0):
    """Record one tap of the roll call. The same tap twice, or two trainers at once, leave
    exactly one mark per learner: the last one."""
    if mark not in Attendance.Mark.values:
        raise ValidationError(_(MARK_INVALID))
    for attempt in range(2):
        try:
            with transaction.atomic():
                return _take_roll(actor, meeting_id, learner_id, mark, late_minutes)
        except IntegrityError:
            # Another request created the row between our read and our insert: update it.
            if attempt:
                raise
    raise AssertionError("unreachable")


def _take_roll(actor, meeting_id, learner_id, mark, late_minutes):
    meeting = (
        Meeting.objects.visible_to(actor)
        .select_for_update()
        .select_related("cohort")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise PermissionDenied(_(ROLL_NOT_ALLOWED))
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_(ROLL_CANCELLED))
    if not Enrolment.objects.filter(cohort_id=meeting.cohort_id, learner_id=learner_id).exists():
        raise ValidationError(_(ROLL_NOT_ENROLLED))
    if mark == Attendance.Mark.LATE:
        if not 1 <= int(late_minutes or 0) < meeting.duration_minutes:
            raise ValidationError(_(LATE_MINUTES_INVALID))
    else:
        late_minutes = 0
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        learner_id=learner_id,
        defaults={"mark": mark, "late_minutes": late_minutes, "marked_by": actor},
    )
    if meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status"])
    Enrolment.objects.filter(
        cohort_id=meeting.cohort_id, learner_id=learner_id, status=Enrolment.Status.ENROLLED
    ).update(status=Enrolment.Status.ACTIVE)
    return attendance


HELP_DURATION_INVALID = gettext_noop("Indiquez une durée entre 5 minutes et 8 heures.")
HELP_NOT_ALLOWED = gettext_noop("Vous ne pouvez pas noter une aide pour cette structure.")


@transaction.atomic
def help_visit_log(
    *,
    actor,
    organisation,
    date,
    duration_minutes,
    theme,
    learner=None,
    cohort=None,
    place="venue",
    notes="",
):
    """Log an individual-help visit for a structure where the actor trains or coordinates."""
    if not works_for(actor, organisation):
        raise PermissionDenied(_(HELP_NOT_ALLOWED))
    if not 5 <= int(duration_minutes or 0) <= 480:
        raise ValidationError(_(HELP_DURATION_INVALID))
    for linked in (learner, cohort):
        if linked is not None and linked.organisation_id != organisation.pk:
            raise ValidationError(_(LEARNER_OTHER_ORGANISATION))
    visit = HelpVisit(
        organisation=organisation,
        learner=learner,
        cohort=cohort,
        helper=actor,
        date=date,
        duration_minutes=duration_minutes,
        theme=theme,
        place=place,
        notes=notes,
    )
    visit.full_clean()
    visit.save()
    return visit
