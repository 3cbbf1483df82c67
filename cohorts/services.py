"""Writes of cohorts: meetings from a rhythm, enrolment, the roll call."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.scoping import scoped_get, works_for
from accounts.services import learner_account_create, learner_pin_reset
from courses.services import handout_batch_request

from .models import Attendance, Cohort, Enrolment, HelpVisit, Learner, Meeting
from .selectors import cohort_completions

COHORT_FULL = gettext_noop("Ce groupe est complet : %(capacity)s places.")
LEARNER_OTHER_ORGANISATION = gettext_noop(
    "Cette personne n'est pas suivie par la structure du groupe."
)
ROLL_NOT_ALLOWED = gettext_noop("Vous ne pouvez pas faire l'appel de cette séance.")
ROLL_NOT_ENROLLED = gettext_noop("Cette personne n'est pas inscrite dans ce groupe.")
ROLL_CANCELLED = gettext_noop("Cette séance est annulée : pas d'appel.")
ROLL_CLOSED = gettext_noop("Cette séance est terminée : l'appel ne peut plus changer.")
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


def meeting_take_roll(*, actor, meeting_id, learner_id, mark, late_minutes: int | None = 0):
    """Record one tap of the roll call. The same tap twice, or two trainers at once, leave
    exactly one mark per learner: the last one. `late_minutes` counts for a late mark only
    (None: not given, refused)."""
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
    meeting = scoped_get(
        Meeting.objects.select_for_update().select_related("cohort"),
        actor=actor,
        pk=meeting_id,
        denied=ROLL_NOT_ALLOWED,
    )
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_(ROLL_CANCELLED))
    if meeting.closed_at is not None:
        raise ValidationError(_(ROLL_CLOSED))
    if not Enrolment.objects.filter(cohort_id=meeting.cohort_id, learner_id=learner_id).exists():
        raise ValidationError(_(ROLL_NOT_ENROLLED))
    if mark == Attendance.Mark.LATE:
        if late_minutes is None or not 1 <= late_minutes < meeting.duration_minutes:
            raise ValidationError(_(LATE_MINUTES_INVALID))
    else:
        late_minutes = 0
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        learner_id=learner_id,
        defaults={
            "mark": mark,
            "late_minutes": late_minutes,
            "minutes": None,
            "marked_by": actor,
        },
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
    duration_minutes: int | None,
    theme,
    learner=None,
    cohort=None,
    place="venue",
    notes="",
):
    """Log an individual-help visit for a structure where the actor trains or coordinates."""
    if not works_for(actor, organisation):
        raise PermissionDenied(_(HELP_NOT_ALLOWED))
    if duration_minutes is None or not 5 <= duration_minutes <= 480:
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


WALK_IN_NAME_MISSING = gettext_noop("Indiquez le prénom et le nom de la personne.")


@transaction.atomic
def meeting_add_walk_in(
    *,
    actor,
    meeting,
    learner=None,
    first_name="",
    last_name="",
    phone="",
    late_minutes: int = 0,
):
    """Someone who was not on the list arrives: enrol them (an existing learner of the
    structure, or a new one from a first and last name) and mark them present or late."""
    if not Meeting.objects.visible_to(actor).filter(pk=meeting.pk).exists():
        raise PermissionDenied(_(ROLL_NOT_ALLOWED))
    if meeting.closed_at is not None:
        raise ValidationError(_(ROLL_CLOSED))
    if learner is None:
        first_name, last_name = first_name.strip(), last_name.strip()
        if not first_name or not last_name:
            raise ValidationError(_(WALK_IN_NAME_MISSING))
        learner = Learner(
            organisation_id=meeting.cohort.organisation_id,
            first_name=first_name,
            last_name=last_name,
            phone=phone.strip(),
        )
        learner.full_clean()
        learner.save()
    learner_enrol(cohort=meeting.cohort, learner=learner)
    mark = Attendance.Mark.LATE if late_minutes > 0 else Attendance.Mark.PRESENT
    _take_roll(actor, meeting.pk, learner.pk, mark, late_minutes)
    return learner


CLOSE_MINUTES_INVALID = gettext_noop("%(name)s : indiquez entre 0 et %(duration)s minutes suivies.")


def meeting_is_last(meeting):
    """True for the last meeting of the cohort that is not cancelled."""
    return not (
        meeting.cohort.meetings.exclude(status=Meeting.Status.CANCELLED)
        .filter(number__gt=meeting.number)
        .exists()
    )


@transaction.atomic
def meeting_close(*, actor, meeting_id, notes="", minutes=None):
    """End a meeting: minutes attended per learner present (by default the duration less
    the lateness), the trainer's notes, and the learners never marked recorded as absent.
    At the last meeting, enrolments whose attendance meets the track's rule are completed.

    Safe to send twice: the second call only updates the notes and minutes."""
    meeting = scoped_get(
        Meeting.objects.select_for_update().select_related("cohort__track"),
        actor=actor,
        pk=meeting_id,
        denied=ROLL_NOT_ALLOWED,
    )
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_(ROLL_CANCELLED))
    minutes = minutes or {}
    attendances = {
        a.learner_id: a
        for a in meeting.attendances.select_related("learner").filter(
            mark__in=[Attendance.Mark.PRESENT, Attendance.Mark.LATE]
        )
    }
    errors = []
    changed = []
    for learner_id, value in minutes.items():
        attendance = attendances.get(int(learner_id))
        if attendance is None or value in (None, ""):
            continue
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = -1
        if not 0 <= value <= meeting.duration_minutes:
            errors.append(
                _(CLOSE_MINUTES_INVALID)
                % {"name": attendance.learner, "duration": meeting.duration_minutes}
            )
            continue
        attendance.minutes = value
        changed.append(attendance)
    if errors:
        raise ValidationError(errors)
    Attendance.objects.bulk_update(changed, ["minutes"])
    marked = meeting.attendances.values_list("learner_id", flat=True)
    missing = (
        meeting.cohort.enrolments.exclude(status=Enrolment.Status.DROPPED)
        .exclude(learner_id__in=marked)
        .values_list("learner_id", flat=True)
    )
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=meeting, learner_id=learner_id, mark=Attendance.Mark.ABSENT, marked_by=actor
            )
            for learner_id in missing
        ]
    )
    meeting.notes = notes.strip()
    meeting.status = Meeting.Status.HELD
    if meeting.closed_at is None:
        meeting.closed_at = timezone.now()
        meeting.closed_by = actor
    meeting.save(update_fields=["notes", "status", "closed_at", "closed_by"])
    if meeting_is_last(meeting):
        completed = [c.learner_id for c in cohort_completions(cohort=meeting.cohort) if c.completed]
        meeting.cohort.enrolments.filter(learner_id__in=completed).exclude(
            status=Enrolment.Status.DROPPED
        ).update(status=Enrolment.Status.COMPLETED)
    return meeting


ASSESSMENT_COHORT_INVALID = gettext_noop(
    "Ce groupe n'est pas ouvert à votre structure pour ce diagnostic."
)


@transaction.atomic
def assessment_enrol(*, actor, assessment, cohort, first_name, last_name, phone="", **fields):
    """Enrol the person of a diagnostic in a cohort: their learner file is created (or the
    one already linked to this diagnostic is reused) and the enrolment keeps the diagnostic."""
    if not (
        Cohort.objects.visible_to(actor).filter(pk=cohort.pk).exists()
        and cohort.organisation_id == assessment.organisation_id
    ):
        raise ValidationError(_(ASSESSMENT_COHORT_INVALID))
    linked = Enrolment.objects.filter(assessment=assessment).select_related("learner").first()
    if linked is not None:
        learner = linked.learner
    else:
        first_name, last_name = first_name.strip(), last_name.strip()
        if not first_name or not last_name:
            raise ValidationError(_(WALK_IN_NAME_MISSING))
        learner = Learner(
            organisation_id=cohort.organisation_id,
            first_name=first_name,
            last_name=last_name,
            phone=phone.strip(),
            **fields,
        )
        learner.full_clean()
        learner.save()
    enrolment = learner_enrol(cohort=cohort, learner=learner)
    if enrolment.assessment_id is None:
        enrolment.assessment = assessment
        enrolment.save(update_fields=["assessment"])
    return enrolment


HANDOUTS_NOBODY = gettext_noop("Personne n'est noté présent : aucune fiche à imprimer.")
HANDOUTS_NO_PLAN = gettext_noop("Cette séance n'a pas de déroulé publié : pas de fiche.")


def meeting_request_handouts(*, actor, meeting_id, online_url):
    """Ask for the handouts of the learners present (one page each, their name printed on
    it), made by a worker. The same meeting and the same learners give the same document."""
    meeting = scoped_get(
        Meeting.objects.select_related("session_plan"),
        actor=actor,
        pk=meeting_id,
        denied=ROLL_NOT_ALLOWED,
    )
    if meeting.session_plan is None or not meeting.session_plan.live:
        raise ValidationError(_(HANDOUTS_NO_PLAN))
    names = [
        str(attendance.learner)
        for attendance in meeting.attendances.filter(
            mark__in=[Attendance.Mark.PRESENT, Attendance.Mark.LATE]
        )
        .select_related("learner")
        .order_by("learner__last_name", "learner__first_name")
    ]
    if not names:
        raise ValidationError(_(HANDOUTS_NOBODY))
    document = handout_batch_request(
        session=meeting.session_plan,
        learner_names=names,
        online_url=online_url,
        requested_by=actor,
    )
    Meeting.objects.filter(pk=meeting.pk).update(handouts=document)
    return document


@transaction.atomic
def learner_give_access(*, actor, learner_id):
    """Open a learner's space (code + PIN) for a learner file, or give a new PIN if it is
    already open. Returns the account and the PIN in clear, to print once."""
    learner = scoped_get(
        Learner.objects.select_related("user__learner_account"),
        actor=actor,
        pk=learner_id,
        for_update=True,
        denied=ROLL_NOT_ALLOWED,
    )
    account = getattr(learner.user, "learner_account", None) if learner.user_id else None
    if account is not None:
        return learner_pin_reset(actor=actor, account_id=account.pk)
    account, pin = learner_account_create(
        organisation=learner.organisation,
        first_name=learner.first_name,
        last_name=learner.last_name,
        actor=actor,
    )
    learner.user = account.user
    learner.save(update_fields=["user"])
    return account, pin
