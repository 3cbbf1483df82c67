"""Sign-in journeys as people live them, in a real browser."""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from accounts.services import learner_account_create

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_learner_signs_in_on_a_phone_with_the_code_as_typed(live_server, phone, organisation, axe):
    account, pin = learner_account_create(
        organisation=organisation, first_name="Mariama", last_name="Camara"
    )
    axe.watch(phone)
    phone.goto(live_server.url + "/")
    axe.check(phone)
    assert phone.locator("html").get_attribute("lang") == "fr"
    assert no_horizontal_scroll(phone)

    phone.get_by_role("link", name="Je me connecte").click()
    axe.check(phone)
    phone.get_by_label("Mon code", exact=True).fill(
        f"{account.code[:3].lower()} {account.code[3:]}"
    )
    phone.get_by_label("Mon code PIN").fill("0000" if pin != "0000" else "1111")
    phone.get_by_role("button", name="Entrer").click()
    assert phone.get_by_role("alert").inner_text().startswith("Le code ou le code PIN")
    axe.check(phone)
    assert no_horizontal_scroll(phone)

    phone.get_by_label("Mon code PIN").fill(pin)
    phone.get_by_role("button", name="Entrer").click()
    phone.wait_for_url(live_server.url + "/apprenant/")
    assert phone.get_by_role("heading", level=1).inner_text() == "Bonjour Mariama !"
    axe.check(phone)
    assert no_horizontal_scroll(phone)


def test_trainer_gives_a_new_pin_and_the_learner_uses_it(
    live_server, desktop, phone, make_member, organisation, password, axe
):
    trainer = make_member(Role.TRAINER, organisation)
    account, _old_pin = learner_account_create(
        organisation=organisation, first_name="Yacine", last_name="Brahimi"
    )

    axe.watch(desktop)
    desktop.goto(live_server.url + "/comptes/login/")
    axe.check(desktop)
    desktop.locator("input[name=login]").fill(trainer.username)
    desktop.locator("input[name=password]").fill(password)
    desktop.locator("main button[type=submit]").click()
    desktop.wait_for_url(live_server.url + "/formateur/")
    axe.check(desktop)
    desktop.get_by_role("link", name="Accès des apprenants").click()
    axe.check(desktop)
    desktop.get_by_role("button", name="Nouveau code PIN pour Yacine Brahimi").click()
    card = desktop.locator(".pin-card")
    card.wait_for()
    axe.check(desktop)
    new_pin = card.locator(".code").nth(1).inner_text().strip()
    assert card.locator("svg").count() == 1
    assert len(new_pin) == 4

    phone.goto(live_server.url + f"/apprenant/connexion/?code={account.code}")
    phone.get_by_label("Mon code PIN").fill(new_pin)
    phone.get_by_role("button", name="Entrer").click()
    phone.wait_for_url(live_server.url + "/apprenant/")


def test_language_switch_in_the_browser(live_server, desktop):
    desktop.goto(live_server.url + "/")
    desktop.get_by_role("button", name="English").click()
    expect(desktop.locator("html")).to_have_attribute("lang", "en")
    expect(desktop.get_by_role("link", name="I sign in")).to_be_visible()
    desktop.get_by_role("button", name="Français").click()
    expect(desktop.locator("html")).to_have_attribute("lang", "fr")
    expect(desktop.get_by_role("link", name="Je me connecte")).to_be_visible()
