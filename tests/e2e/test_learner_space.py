"""The demo learner signs in on a 360-px phone and opens each part of her space, in French
then in Arabic (right to left), without ever scrolling sideways."""

import os

import pytest
from playwright.sync_api import expect

from demo.accounts import DEMO_LEARNER_CODE, DEMO_LEARNER_PIN, load_accounts
from demo.cohorts import load_cohorts

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TREMPLIN_SCREENSHOTS")  # a folder, to look at the pages

PARTS = [
    ("Mes séances", "Mes séances"),
    ("Mes fiches", "Mes fiches"),
    ("Mes exercices", "Mes exercices"),
    ("Mes progrès", "Mes progrès"),
    ("Mon ordinateur", "Mon ordinateur"),
]


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"learner-{name}.png"), full_page=True)


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_demo_learner_reaches_each_part_of_her_space_on_a_phone(
    live_server, phone, live_courses, axe
):
    load_accounts()
    load_cohorts()
    page = axe.watch(phone)
    page.goto(live_server.url + "/apprenant/connexion/")
    axe.check(page)
    page.get_by_label("Mon code", exact=True).fill(DEMO_LEARNER_CODE)
    page.get_by_label("Mon code PIN").fill(DEMO_LEARNER_PIN)
    page.get_by_role("button", name="Entrer").click()
    page.wait_for_url(live_server.url + "/apprenant/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Amina !")
    expect(page.get_by_role("heading", name="Ma prochaine séance")).to_be_visible()
    expect(page.get_by_text("Espace numérique de la Bastide").first).to_be_visible()
    map_link = page.get_by_role("link", name="Voir le lieu sur une carte")
    assert map_link.get_attribute("href").startswith("https://www.openstreetmap.org/search?")
    no_sideways_scroll(page)
    axe.check(page)
    shot(page, "1-home")

    for index, (tile, heading) in enumerate(PARTS, start=2):
        link = page.get_by_role("link", name=tile, exact=True)
        assert link.bounding_box()["height"] >= 48
        link.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        no_sideways_scroll(page)
        axe.check(page)
        shot(page, f"{index}-{tile}")
        if tile == "Mes fiches":
            expect(
                page.get_by_role("link", name="Télécharger la fiche (PDF)").first
            ).to_be_visible()
        if tile == "Mes exercices":
            expect(page.get_by_text("Faites les exercices de vos séances")).to_be_visible()
        page.get_by_role("link", name="Retour à mon espace").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Amina !")

    # Arabic, right to left: the same space, still no sideways scroll.
    page.locator(".lang-switch button[value=ar]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", level=1)).to_have_text("مرحبًا Amina!")
    no_sideways_scroll(page)
    axe.check(page)
    shot(page, "7-home-ar")
    page.get_by_role("link", name="حصصي").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    no_sideways_scroll(page)
    axe.check(page)
    shot(page, "8-meetings-ar")
