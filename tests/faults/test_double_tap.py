"""Fault: the same roll-call tap arrives twice (a double tap, a replay from the offline
queue, a retry after a timeout), one after the other or at the same moment: one record.

See also tests/spaces/trainer/test_views.py
(test_a_tap_marks_the_learner_and_a_repeated_tap_keeps_one_record) and
tests/cohorts/test_services.py (test_two_trainers_marking_the_same_learner_at_once_leave_one_mark).
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from cohorts.models import Attendance
from tests.cohorts.factories import today_cohort


def tap(client, meeting, learner, mark="present"):
    return client.post(
        reverse("cohorts:meeting_mark", args=[meeting.pk]),
        {"learner": learner.pk, "mark": mark},
        headers={"hx-request": "true"},
    )


@pytest.mark.django_db
def test_the_same_tap_sent_twice_leaves_one_record(organisation, trainer, client):
    cohort = today_cohort(organisation, trainer, learners=1)
    meeting = cohort.meetings.get(number=1)
    learner = cohort.enrolments.get().learner
    client.force_login(trainer)
    first, second = tap(client, meeting, learner), tap(client, meeting, learner)
    assert first.status_code == second.status_code == 200
    for response in (first, second):  # the same row comes back, "Présent" pressed
        assert response.content.decode().count('aria-pressed="true"') == 1
    assert Attendance.objects.filter(meeting=meeting, learner=learner).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_tap_sent_twice_at_the_same_moment_leaves_one_record(
    live_courses, organisation, trainer
):
    cohort = today_cohort(organisation, trainer, learners=1)
    meeting = cohort.meetings.get(number=1)
    learner = cohort.enrolments.get().learner
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(trainer)
    barrier = threading.Barrier(2)
    statuses, errors = [], []

    def send(client):
        try:
            barrier.wait(timeout=10)
            statuses.append(tap(client, meeting, learner).status_code)
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == [] and statuses == [200, 200]
    assert list(
        Attendance.objects.filter(meeting=meeting, learner=learner).values_list("mark", flat=True)
    ) == ["present"]
