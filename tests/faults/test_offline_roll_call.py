"""Fault: the tablet loses the network during the roll call. Taps are kept in the browser
(localStorage), a French banner counts them, and they are sent when the network returns (or
at the next load of the page), each saved once. Real Chromium, Playwright's offline mode."""

import pytest
from django.template.loader import render_to_string
from playwright.sync_api import expect

from cohorts.models import Attendance
from tests.cohorts.factories import today_cohort

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
BANNER = "Hors ligne : {} appel(s) en attente, ils seront envoyés au retour du réseau"


def marks(meeting):
    return sorted(
        Attendance.objects.filter(meeting=meeting).values_list("learner__first_name", "mark")
    )


def wait_until(page, expression, seconds=10):
    """page.wait_for_function compiles its predicate with eval, which the site's
    Content-Security-Policy forbids; page.evaluate goes through the debugger instead."""
    for _tick in range(seconds * 10):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {seconds} s: {expression}")


def open_meeting(page, live_server, client, trainer, meeting):
    """Signed in as the trainer (the session cookie of a Django test client)."""
    client.force_login(trainer)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.goto(f"{live_server.url}/formateur/seances/groupe/{meeting.pk}/")
    wait_until(page, "window.htmx !== undefined")


def test_taps_made_offline_are_queued_shown_and_sent_once_when_back_online(
    live_server, desktop, live_courses, organisation, trainer, client
):
    cohort = today_cohort(organisation, trainer, learners=3)
    meeting = cohort.meetings.get(number=1)
    page = desktop
    open_meeting(page, live_server, client, trainer, meeting)
    rows = page.locator("li.roll-row")
    banner = page.locator("[data-roll-offline-banner]")
    expect(banner).to_be_hidden()

    rows.nth(0).get_by_role("button", name="Présent").click()  # online: saved at once
    expect(rows.nth(0).get_by_role("button", name="Présent")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert marks(meeting) == [("Prénom00", "present")]

    page.context.set_offline(True)
    rows.nth(1).get_by_role("button", name="Absent").click()
    rows.nth(2).get_by_role("button", name="Présent").click()
    rows.nth(2).get_by_role("button", name="En retard").click()  # changed her mind: the last wins
    expect(banner).to_be_visible()
    expect(banner).to_have_text(BANNER.format(2))
    expect(rows.nth(2).locator(".roll-state")).to_contain_text("en attente d'envoi")
    expect(rows.nth(2).get_by_role("button", name="En retard")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert marks(meeting) == [("Prénom00", "present")]  # nothing reached the server

    page.context.set_offline(False)  # fires `online`: the queue is sent
    expect(banner).to_be_hidden()
    expect(rows.nth(2)).to_contain_text("En retard de 15 min")
    assert marks(meeting) == [("Prénom00", "present"), ("Prénom01", "absent"), ("Prénom02", "late")]
    assert Attendance.objects.filter(meeting=meeting).count() == 3
    assert page.evaluate("Object.keys(localStorage).length") == 0

    # The database restarting answers 503 (tests/faults/test_database_restart.py): the
    # server's French message shows in the learner's row, and nothing is queued.
    unsaved = render_to_string("trainer/_roll_unsaved.html")
    page.route(
        "**/appel/", lambda route: route.fulfill(status=503, body=unsaved, content_type="text/html")
    )
    rows.nth(1).get_by_role("button", name="Présent").click()
    expect(rows.nth(1).locator("[data-roll-unsaved]")).to_contain_text(
        "Cette présence n'a pas été enregistrée"
    )
    expect(banner).to_be_hidden()


def test_a_queue_left_in_the_browser_is_sent_at_the_next_load_once(
    live_server, desktop, live_courses, organisation, trainer, client
):
    cohort = today_cohort(organisation, trainer, learners=2)
    meeting = cohort.meetings.get(number=1)
    page = desktop
    open_meeting(page, live_server, client, trainer, meeting)
    page.context.set_offline(True)
    page.locator("li.roll-row").nth(1).get_by_role("button", name="Excusé").click()
    expect(page.locator("[data-roll-offline-banner]")).to_have_text(BANNER.format(1))
    # The same tap was in fact saved before the network went (a reply lost on the way): the
    # replay must not make a second record.
    learner = cohort.enrolments.order_by("learner__first_name")[1].learner
    Attendance.objects.create(meeting=meeting, learner=learner, mark="excused")

    # The tablet is put away offline (the page closed); later, the page is opened again.
    context = page.context
    page.close()
    context.set_offline(False)
    page = context.new_page()
    page.goto(f"{live_server.url}/formateur/seances/groupe/{meeting.pk}/")
    expect(
        page.locator("li.roll-row").nth(1).get_by_role("button", name="Excusé")
    ).to_have_attribute("aria-pressed", "true")
    wait_until(page, "Object.keys(localStorage).length === 0")
    expect(page.locator("[data-roll-offline-banner]")).to_be_hidden()
    assert marks(meeting) == [("Prénom01", "excused")]
