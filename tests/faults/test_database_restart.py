"""Fault: PostgreSQL restarted during a roll call. The bounded equivalent of a restart is to
terminate the test database's server processes (pg_terminate_backend): the connection
Django holds dies exactly as it does when the server restarts, and the real server keeps
running for everybody else. The tap in progress gets a French 503 saying the mark was not
saved; the next taps reconnect and are saved; no earlier mark is lost."""

import psycopg
import pytest
from django.db import close_old_connections, connection
from django.urls import reverse

from cohorts import services
from cohorts.models import Attendance
from tests.cohorts.factories import today_cohort
from tests.scoping import page_text

pytestmark = pytest.mark.django_db(transaction=True)
NOT_SAVED = "Cette présence n'a pas été enregistrée"


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no server to restart")


def terminate_backends():
    """What a PostgreSQL restart does to Django's connections to the test database."""
    db = connection.settings_dict
    with psycopg.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        autocommit=True,
        connect_timeout=5,
    ) as admin:
        killed = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [db["NAME"]],
        ).fetchone()[0]
    return killed


def tap(client, meeting, learner, mark, htmx=True):
    headers = {"hx-request": "true"} if htmx else {}
    return client.post(
        reverse("cohorts:meeting_mark", args=[meeting.pk]),
        {"learner": learner.pk, "mark": mark},
        headers=headers,
    )


def marks(meeting):
    return dict(Attendance.objects.filter(meeting=meeting).values_list("learner_id", "mark"))


def test_a_restart_in_the_middle_of_a_tap_loses_that_tap_only_and_says_so(
    postgresql, live_courses, organisation, trainer, client, monkeypatch
):
    cohort = today_cohort(organisation, trainer, learners=3)
    meeting = cohort.meetings.get(number=1)
    amina, bruno, chloe = (e.learner for e in cohort.enrolments.order_by("learner__first_name"))
    client.force_login(trainer)
    assert tap(client, meeting, amina, "present").status_code == 200

    real = services.meeting_take_roll

    def restart_then_take_roll(**kwargs):
        assert terminate_backends() >= 1  # the request's own connection, mid-request
        return real(**kwargs)

    monkeypatch.setattr(services, "meeting_take_roll", restart_then_take_roll)
    response = tap(client, meeting, bruno, "present")
    assert response.status_code == 503
    assert NOT_SAVED in page_text(response) and "Touchez à nouveau" in page_text(response)
    # Without JavaScript, a whole page with the way back to the roll call.
    response = tap(client, meeting, bruno, "present", htmx=False)
    assert response.status_code == 503
    assert NOT_SAVED in page_text(response)
    assert reverse("cohorts:meeting", args=[meeting.pk]) in response.content.decode()
    monkeypatch.setattr(services, "meeting_take_roll", real)

    # The server is back: the next taps reconnect and are saved; the earlier one is kept.
    assert marks(meeting) == {amina.pk: "present"}
    assert tap(client, meeting, bruno, "present").status_code == 200
    assert tap(client, meeting, chloe, "absent").status_code == 200
    assert marks(meeting) == {amina.pk: "present", bruno.pk: "present", chloe.pk: "absent"}


def test_a_kept_connection_is_checked_after_a_restart_and_the_tap_is_saved(
    postgresql, live_courses, organisation, trainer, client, settings
):
    """Production keeps connections (CONN_MAX_AGE); CONN_HEALTH_CHECKS makes the first
    request after a restart notice the dead connection and open a new one."""
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    cohort = today_cohort(organisation, trainer, learners=2)
    meeting = cohort.meetings.get(number=1)
    amina, bruno = (e.learner for e in cohort.enrolments.order_by("learner__first_name"))
    client.force_login(trainer)
    connection.settings_dict["CONN_MAX_AGE"] = 600
    connection.close()  # the next one opens with a lifetime of 600 s
    try:
        assert tap(client, meeting, amina, "present").status_code == 200
        kept = connection.connection
        assert kept is not None and not kept.closed
        terminate_backends()  # the restart, between two taps
        # What the WSGI handler does when a request starts (the test client skips it):
        # the kept connection will be checked before its first use.
        close_old_connections()
        assert connection.connection is kept
        assert tap(client, meeting, bruno, "late").status_code == 200
        assert connection.connection is not kept  # a new one
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = 0
        connection.close()
    assert marks(meeting) == {amina.pk: "present", bruno.pk: "late"}


def test_a_restart_while_any_page_loads_gives_a_french_page_to_try_again(
    postgresql, live_courses, organisation, trainer, client, monkeypatch
):
    """Every page, not only the roll call: the French 503 of cms.middleware instead of the
    generic error page; the next load works."""
    from cohorts import selectors

    today_cohort(organisation, trainer, learners=1)
    client.force_login(trainer)
    real = selectors.trainer_meetings

    def restart_then_read(**kwargs):
        assert terminate_backends() >= 1
        return list(real(**kwargs))

    monkeypatch.setattr(selectors, "trainer_meetings", restart_then_read)
    response = client.get(reverse("cohorts:trainer_home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    text = page_text(response)
    assert "Tremplin ne répond pas pour le moment" in text
    assert "n'a pas été enregistré" in text
    monkeypatch.setattr(selectors, "trainer_meetings", real)
    # What the WSGI handler does at the end of every request (the test client skips it): the
    # connection that failed is dropped, and the next request opens a new one.
    close_old_connections()
    assert client.get(reverse("cohorts:trainer_home")).status_code == 200
