"""The end-of-track survey on a 360-px phone: big smiley buttons answered by touch or by
keyboard, the choices shown, then the thank-you page; and in Arabic, right to left."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cohorts import services
from cohorts.models import SatisfactionAnswer
from tests.cohorts.factories import today_cohort

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TREMPLIN_SCREENSHOTS")  # a folder, to look at the pages


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"survey-{name}.png"), full_page=True)


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_learner_answers_the_survey_on_a_phone(
    live_server, phone, live_courses, organisation, trainer, axe
):
    cohort = today_cohort(organisation, trainer)
    last = cohort.meetings.order_by("-number").first()
    last.starts_at = timezone.now() - datetime.timedelta(minutes=10)
    last.save(update_fields=["starts_at"])
    enrolment = cohort.enrolments.select_related("learner").first()
    account, pin = services.learner_give_access(actor=trainer, learner_id=enrolment.learner_id)

    page = axe.watch(phone)
    page.goto(live_server.url + "/apprenant/connexion/")
    axe.check(page)
    page.get_by_label("Mon code", exact=True).fill(account.code)
    page.get_by_label("Mon code PIN").fill(pin)
    page.get_by_role("button", name="Entrer").click()
    page.wait_for_url(live_server.url + "/apprenant/")
    expect(page.get_by_role("heading", name="Votre avis")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Donner mon avis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre avis")
    no_sideways_scroll(page)
    axe.check(page)

    first = page.get_by_role("group", name="1. Avez-vous aimé la formation ?")
    for label in ("Non", "Un peu", "Oui"):
        box = first.locator("label.smiley", has_text=label).bounding_box()
        assert box["height"] >= 96 and box["width"] >= 90, (label, box)
    # By touch: the whole button is the target.
    first.locator("label.smiley", has_text="Oui").click()
    expect(first.get_by_role("radio", name="Oui")).to_be_checked()
    # By keyboard: the arrows move within a question, Tab to the next one.
    second = page.get_by_role("group", name="2. Êtes-vous plus à l'aise")
    second.get_by_role("radio", name="Non").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    expect(second.get_by_role("radio", name="Un peu")).to_be_checked()
    outline = second.locator("label.smiley", has_text="Un peu").locator(".smiley-box")
    assert outline.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    shot(page, "1-form")

    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("alert")).to_contain_text("Répondez aux 3 questions")
    expect(first.get_by_role("radio", name="Oui")).to_be_checked()
    expect(second.get_by_role("radio", name="Un peu")).to_be_checked()
    no_sideways_scroll(page)
    axe.check(page)
    shot(page, "2-error")

    third = page.get_by_role("group", name="3. Avez-vous envie de conseiller")
    third.locator("label.smiley", has_text="Oui").click()
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci pour votre avis !")
    axe.check(page)
    shot(page, "3-thanks")
    answer = SatisfactionAnswer.objects.get()
    assert (answer.liked, answer.more_at_ease, answer.would_recommend) == (3, 2, 3)

    # Arabic, right to left: the three buttons still fit the screen.
    page.locator(".lang-switch button[value=ar]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.goto(live_server.url + "/apprenant/avis/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    no_sideways_scroll(page)
    axe.check(page)
    shot(page, "4-form-ar")
