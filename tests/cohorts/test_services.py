"""Cohorts: meetings from a rhythm, enrolment, the roll call, completion rules, scoping."""

import datetime
import threading
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from cohorts import services
from cohorts.models import Attendance, Cohort, Enrolment, Learner, Meeting
from cohorts.selectors import cohort_completions
from tests.cohorts.factories import make_cohort, make_learner
from tests.scoping import assert_visible_only_to_own_organisation

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.mark.django_db
def test_meetings_follow_the_rhythm_and_the_session_plans(organisation):
    cohort = make_cohort(organisation)
    meetings = list(cohort.meetings.order_by("number"))
    assert len(meetings) == 9
    first = meetings[0].starts_at.astimezone(PARIS)
    assert (first.date(), first.hour, first.minute) == (datetime.date(2026, 1, 6), 14, 0)
    assert [m.starts_at.astimezone(PARIS).date() for m in meetings[:3]] == [
        datetime.date(2026, 1, 6),
        datetime.date(2026, 1, 13),
        datetime.date(2026, 1, 20),
    ]
    assert all(m.duration_minutes == 120 for m in meetings)
    assert [m.session_plan.number for m in meetings] == list(range(1, 10))


@pytest.mark.django_db
def test_a_meeting_moved_by_hand_stays_moved_when_generating_again(organisation):
    cohort = make_cohort(organisation, every_weeks=2)
    holiday = cohort.meetings.get(number=4)
    moved = datetime.datetime(2026, 3, 5, 10, 0, tzinfo=PARIS)  # a Thursday after the holidays
    holiday.starts_at, holiday.room = moved, "Salle B"
    holiday.save()
    assert services.cohort_generate_meetings(cohort=cohort) == []
    holiday.refresh_from_db()
    assert holiday.starts_at == moved and holiday.room == "Salle B"
    assert cohort.meetings.count() == 9
    third = cohort.meetings.get(number=3).starts_at.astimezone(PARIS).date()
    assert third == datetime.date(2026, 2, 3)  # every two weeks


@pytest.mark.django_db
def test_enrolment_respects_capacity_and_organisation(organisation, other_organisation):
    cohort = make_cohort(organisation)
    for name in ("Awa", "Bruno", "Chloé"):
        services.learner_enrol(cohort=cohort, learner=make_learner(organisation, name))
    with pytest.raises(ValidationError, match="Ce groupe est complet : 3 places."):
        services.learner_enrol(cohort=cohort, learner=make_learner(organisation, "Driss"))
    with pytest.raises(ValidationError, match="n'est pas suivie par la structure"):
        services.learner_enrol(cohort=cohort, learner=make_learner(other_organisation, "Eva"))


@pytest.mark.django_db
def test_a_repeated_tap_keeps_one_mark_the_last_one(trainer, organisation):
    cohort = make_cohort(organisation)
    learner = make_learner(organisation)
    services.learner_enrol(cohort=cohort, learner=learner)
    meeting = cohort.meetings.get(number=1)
    for mark in ("present", "present", "late"):
        services.meeting_take_roll(
            actor=trainer, meeting_id=meeting.pk, learner_id=learner.pk, mark=mark, late_minutes=20
        )
    attendance = Attendance.objects.get(meeting=meeting, learner=learner)
    assert (attendance.mark, attendance.late_minutes, attendance.attended_minutes()) == (
        "late",
        20,
        100,
    )
    assert Attendance.objects.count() == 1
    assert Enrolment.objects.get(learner=learner).status == "active"
    meeting.refresh_from_db()
    assert meeting.status == "held"


@pytest.mark.django_db
def test_roll_call_refuses_bad_input_and_other_organisations(
    trainer, outsider_trainer, organisation
):
    cohort = make_cohort(organisation)
    learner = make_learner(organisation)
    stranger = make_learner(organisation, "Inconnu")
    services.learner_enrol(cohort=cohort, learner=learner)
    meeting = cohort.meetings.get(number=1)
    with pytest.raises(ValidationError, match="entre 1 et la durée"):
        services.meeting_take_roll(
            actor=trainer, meeting_id=meeting.pk, learner_id=learner.pk, mark="late", late_minutes=0
        )
    with pytest.raises(ValidationError, match="pas inscrite"):
        services.meeting_take_roll(
            actor=trainer, meeting_id=meeting.pk, learner_id=stranger.pk, mark="present"
        )
    with pytest.raises(PermissionDenied):
        services.meeting_take_roll(
            actor=outsider_trainer, meeting_id=meeting.pk, learner_id=learner.pk, mark="present"
        )
    assert not Attendance.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_trainers_marking_the_same_learner_at_once_leave_one_mark(
    live_courses, make_member, organisation
):
    trainers = [make_member("trainer", organisation) for _ in range(2)]
    cohort = make_cohort(organisation)
    learner = make_learner(organisation)
    services.learner_enrol(cohort=cohort, learner=learner)
    meeting = cohort.meetings.get(number=1)
    barrier = threading.Barrier(2)
    errors = []

    def tap(actor, mark):
        try:
            barrier.wait(timeout=10)
            services.meeting_take_roll(
                actor=actor, meeting_id=meeting.pk, learner_id=learner.pk, mark=mark
            )
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=tap, args=(t, m))
        for t, m in zip(trainers, ("present", "absent"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    marks = list(
        Attendance.objects.filter(meeting=meeting, learner=learner).values_list("mark", flat=True)
    )
    assert len(marks) == 1 and marks[0] in {"present", "absent"}


def mark_all(trainer, cohort, learner, marks):
    for number, mark in enumerate(marks, start=1):
        if mark:
            services.meeting_take_roll(
                actor=trainer,
                meeting_id=cohort.meetings.get(number=number).pk,
                learner_id=learner.pk,
                mark=mark,
                late_minutes=30 if mark == "late" else 0,
            )


@pytest.mark.django_db
def test_completion_by_share_of_hours(trainer, organisation):
    """Initiation cycle: 80 % of 18 h = 864 minutes."""
    cohort = make_cohort(organisation, capacity=10)
    full, just, short = (make_learner(organisation, n) for n in ("Plein", "Juste", "Court"))
    for learner in (full, just, short):
        services.learner_enrol(cohort=cohort, learner=learner)
    mark_all(trainer, cohort, full, ["present"] * 9)
    mark_all(trainer, cohort, just, ["present"] * 7 + ["late", "absent"])  # 840 + 90 = 930 ≥ 864
    mark_all(trainer, cohort, short, ["present"] * 7 + ["absent", "excused"])  # 840 < 864
    results = {r.learner_id: r for r in cohort_completions(cohort=cohort)}
    assert results[full.pk].completed and results[full.pk].attended_minutes == 1080
    assert results[just.pk].completed and results[just.pk].attended_minutes == 930
    assert not results[short.pk].completed and results[short.pk].attended_minutes == 840


@pytest.mark.django_db
def test_completion_by_mandatory_sessions_ignores_the_optional_ones(trainer, organisation):
    """A track may make some sessions optional: completing means attending every other one,
    and a cancelled mandatory meeting is not required."""
    from courses.models import SessionPlanPage, TrackPage

    track = TrackPage.objects.get(slug="cycle-initiation-numerique")
    track.completion_rule = TrackPage.CompletionRule.MANDATORY_SESSIONS
    track.save()
    SessionPlanPage.objects.child_of(track).filter(number__in=[8, 9]).update(mandatory=False)
    cohort = make_cohort(organisation, capacity=10)
    cancelled = cohort.meetings.get(number=3)
    cancelled.status = Meeting.Status.CANCELLED
    cancelled.save()
    keen, skipped_optional, missed_one = (
        make_learner(organisation, n) for n in ("Assidu", "Partiel", "Absent")
    )
    for learner in (keen, skipped_optional, missed_one):
        services.learner_enrol(cohort=cohort, learner=learner)
    every = ["present", "present", None, "present", "present", "present", "present"]
    mark_all(trainer, cohort, keen, [*every, "present", "present"])
    mark_all(trainer, cohort, skipped_optional, [*every, "absent", None])
    mark_all(trainer, cohort, missed_one, ["present", "absent", None, *every[3:], "present"])
    results = {r.learner_id: r.completed for r in cohort_completions(cohort=cohort)}
    assert results == {keen.pk: True, skipped_optional.pk: True, missed_one.pk: False}


@pytest.mark.django_db
def test_completion_needs_every_session_in_the_parent_track(trainer, organisation):
    cohort = make_cohort(organisation, slug="parents-scolarite-college")
    assiduous, missed_one = (
        make_learner(organisation, "Assidu"),
        make_learner(organisation, "Absent"),
    )
    for learner in (assiduous, missed_one):
        services.learner_enrol(cohort=cohort, learner=learner)
    mark_all(
        trainer, cohort, assiduous, ["present", "late", "present", "present", "present", "present"]
    )
    mark_all(
        trainer,
        cohort,
        missed_one,
        ["present", "present", "present", "present", "absent", "present"],
    )
    cancelled = cohort.meetings.get(number=5)
    results = {r.learner_id: r.completed for r in cohort_completions(cohort=cohort)}
    assert results == {assiduous.pk: True, missed_one.pk: False}
    # A cancelled meeting no longer counts.
    Attendance.objects.filter(meeting=cancelled).delete()
    cancelled.status = Meeting.Status.CANCELLED
    cancelled.save()
    results = {r.learner_id: r.completed for r in cohort_completions(cohort=cohort)}
    assert results == {assiduous.pk: True, missed_one.pk: True}


@pytest.mark.django_db
def test_completion_takes_a_fixed_number_of_queries(trainer, organisation):
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (2, 12):
        cohort = make_cohort(organisation, capacity=20, name=f"Groupe de {size}")
        for i in range(size):
            learner = make_learner(organisation, f"P{size}-{i}")
            services.learner_enrol(cohort=cohort, learner=learner)
            mark_all(trainer, cohort, learner, ["present", "late", "absent"])
        cohort = Cohort.objects.select_related("track").get(pk=cohort.pk)
        with CaptureQueriesContext(connection) as queries:
            assert len(cohort_completions(cohort=cohort)) == size
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 4


@pytest.mark.django_db
def test_another_organisation_sees_none_of_the_cohorts_data(
    coordinator, trainer, outsider, organisation
):
    cohort = make_cohort(organisation)
    learner = make_learner(organisation)
    enrolment = services.learner_enrol(cohort=cohort, learner=learner)
    attendance = services.meeting_take_roll(
        actor=trainer,
        meeting_id=cohort.meetings.get(number=1).pk,
        learner_id=learner.pk,
        mark="present",
    )
    for queryset, objects in [
        (Learner.objects, [learner]),
        (Cohort.objects, [cohort]),
        (Meeting.objects, list(cohort.meetings.all())),
        (Enrolment.objects, [enrolment]),
        (Attendance.objects, [attendance]),
    ]:
        assert_visible_only_to_own_organisation(
            queryset, member=coordinator, outsider=outsider, objects=objects
        )


@pytest.mark.django_db
def test_help_visits_are_logged_checked_and_scoped(
    trainer, coordinator, outsider, outsider_trainer, organisation
):
    from cohorts.models import HelpVisit

    learner = make_learner(organisation)
    visit = services.help_visit_log(
        actor=trainer,
        organisation=organisation,
        date=datetime.date(2026, 11, 20),
        duration_minutes=45,
        theme="admin",
        learner=learner,
        notes="Déclaration trimestrielle CAF.",
    )
    assert visit.helper == trainer
    with pytest.raises(ValidationError, match="entre 5 minutes et 8 heures"):
        services.help_visit_log(
            actor=trainer,
            organisation=organisation,
            date=visit.date,
            duration_minutes=600,
            theme="admin",
        )
    with pytest.raises(PermissionDenied):
        services.help_visit_log(
            actor=outsider_trainer,
            organisation=organisation,
            date=visit.date,
            duration_minutes=30,
            theme="email",
        )
    assert HelpVisit.objects.count() == 1
    assert_visible_only_to_own_organisation(
        HelpVisit.objects, member=coordinator, outsider=outsider, objects=[visit]
    )
