"""A trainer takes a diagnostic with a person on a tablet; a learner takes it on a phone."""

import pytest
from playwright.sync_api import expect

from demo.diagnostics import load_rules
from tests.diagnostics.factories import make_questionnaire

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user, password, axe):
    page.goto(live_server.url + "/comptes/login/")
    axe.check(page)
    page.locator("input[name=login]").fill(user.username)
    page.locator("input[name=password]").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/comptes/login/" not in url)
    axe.check(page)


def test_trainer_takes_a_diagnostic_on_a_tablet(
    live_server, browser, live_courses, trainer, password, axe
):
    from courses.framework import competences_ensure
    from courses.models import Competence

    competences_ensure(Competence)
    load_rules()
    questionnaire = make_questionnaire()
    context = browser.new_context(viewport={"width": 800, "height": 1200}, locale="fr-FR")
    page = axe.watch(context.new_page())
    page.set_default_timeout(10_000)
    log_in(page, live_server, trainer, password, axe)
    page.get_by_role("link", name="Diagnostic d'autonomie").click()
    axe.check(page)
    page.get_by_label("Prénom et nom de la personne").fill("Aïcha Benali")
    page.get_by_label("Questionnaire").select_option(str(questionnaire.pk))
    page.get_by_role("button", name="Commencer").click()

    expect(page.get_by_text("Question 1 sur 8")).to_be_visible()
    axe.check(page)
    page.get_by_label("Mes démarches").check()
    page.get_by_role("button", name="Valider").click()
    axe.check(page)  # one page per question: each is checked
    page.get_by_label("Un téléphone").check()
    page.get_by_role("button", name="Valider").click()
    page.get_by_role("button", name="Valider").click()  # nothing chosen: refused, kept here
    expect(page.get_by_role("alert")).to_have_text("Choisissez une réponse pour continuer.")
    axe.check(page)
    for _ in range(5):
        page.get_by_label("Non").check()
        page.get_by_role("button", name="Valider").click()
        axe.check(page)
    page.get_by_label("Pas encore").check()
    page.get_by_role("button", name="Valider").click()
    axe.check(page)
    page.get_by_role("button", name="Voir le résultat").click()

    expect(page.get_by_text("Niveau : Débutant")).to_be_visible()
    expect(page.get_by_role("link", name="Cycle d'initiation au numérique")).to_be_visible()
    expect(page.get_by_text("Besoin d'un ordinateur")).to_be_visible()
    assert page.locator("progress.bar").count() == 4
    axe.check(page)
    context.close()
