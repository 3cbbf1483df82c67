"""A learner re-reads a session summary on a phone; a trainer opens a session plan."""

import pytest
from playwright.sync_api import expect

from courses.models import SessionPlanPage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_learner_reads_a_summary_on_a_phone_with_read_aloud(live_server, phone, live_courses, axe):
    session = SessionPlanPage.objects.live().order_by("path").first()
    axe.watch(phone)
    phone.goto(live_server.url + session.url)
    expect(phone.get_by_role("heading", level=1)).to_have_text(session.title)
    axe.check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    listen = phone.get_by_role("button", name="Écouter toute la page")
    if phone.evaluate("'speechSynthesis' in window"):
        expect(listen).to_be_visible()
        listen.click()
        expect(listen).to_have_attribute("aria-pressed", "true")
        listen.click()
        expect(listen).to_have_attribute("aria-pressed", "false")
    else:  # no speech synthesis: the buttons stay hidden rather than do nothing
        expect(listen).to_be_hidden()
    # Type is large enough to read on a small screen.
    size = phone.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.big-list li')).fontSize)"
    )
    assert size >= 18
    with phone.expect_download() as download_info:
        phone.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = 'f.pdf';"
            " document.body.appendChild(a); a.click(); }",
            phone.get_by_role("link", name="Télécharger la fiche (PDF)").get_attribute("href"),
        )
    assert download_info.value.path().read_bytes().startswith(b"%PDF")
