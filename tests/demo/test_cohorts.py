"""The demo cohorts: a realistic dashboard, today's meeting to run, the right completions."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from cohorts import services
from cohorts.models import Cohort, Enrolment, Learner
from cohorts.selectors import cohort_completions, trainer_meetings
from demo.accounts import load_accounts
from demo.cohorts import load_cohorts


@pytest.fixture
def demo(db):
    load_accounts()
    return load_cohorts()


@pytest.mark.django_db
def test_todays_meeting_is_the_last_of_the_parents_track_and_is_left_to_run(demo):
    parents, beginners = demo
    karim = User.objects.get(username="karim.benali")
    today = timezone.localdate()
    todays = [
        m
        for m in trainer_meetings(actor=karim, today=today)
        if timezone.localdate(m.starts_at) == today
    ]
    assert [m.cohort for m in todays] == [parents]
    meeting = todays[0]
    assert services.meeting_is_last(meeting)
    assert meeting.closed_at is None and not meeting.attendances.exists()
    held = parents.meetings.exclude(pk=meeting.pk)
    assert held.count() == 5 and not held.filter(closed_at=None).exists()
    assert beginners.meetings.filter(closed_at__isnull=False).count() == 4
    upcoming = trainer_meetings(actor=karim, today=today + datetime.timedelta(days=1))
    assert any(m.cohort == beginners for m in upcoming)
    assert Learner.objects.get(first_name="Amina", last_name="Diallo").user.learner_account


@pytest.mark.django_db
def test_the_completion_list_is_right_once_the_roll_of_the_last_meeting_is_taken(demo):
    parents, _beginners = demo
    karim = User.objects.get(username="karim.benali")
    meeting = parents.meetings.order_by("number").last()
    active = parents.enrolments.exclude(status=Enrolment.Status.DROPPED).select_related("learner")
    for enrolment in active:
        services.meeting_take_roll(
            actor=karim, meeting_id=meeting.pk, learner_id=enrolment.learner_id, mark="present"
        )
    services.meeting_close(actor=karim, meeting_id=meeting.pk)
    names = {c.learner_id: c for c in cohort_completions(cohort=parents)}
    completed = sorted(
        Learner.objects.get(pk=pk).first_name for pk, c in names.items() if c.completed
    )
    # Élodie missed one meeting, Thi Lan was excused once, Rachid dropped out: the parents'
    # track asks for every meeting.
    assert completed == ["Aïssatou", "Fatima", "Mamadou", "Olena", "Sandrine"]
    statuses = dict(parents.enrolments.values_list("learner__first_name", "status"))
    assert statuses["Rachid"] == "dropped" and statuses["Élodie"] == "active"
    assert statuses["Fatima"] == "completed"


@pytest.mark.django_db
def test_loading_the_demo_twice_adds_nothing(demo):
    counts = (Cohort.objects.count(), Learner.objects.count(), Enrolment.objects.count())
    load_cohorts()
    assert (Cohort.objects.count(), Learner.objects.count(), Enrolment.objects.count()) == counts
