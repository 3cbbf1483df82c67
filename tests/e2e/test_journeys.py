"""Journeys of the people who use Tremplin, on the demo data, with an axe-core check of every
page they see (tests/e2e/axe.py). The trainer's, the technician's and the learner's journeys
live beside their older tests: test_trainer_meeting.py, test_equipment_journey.py,
test_exercises.py."""

import io
import zipfile

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from cohorts.models import Enrolment, Programme
from demo.accounts import DEMO_PASSWORD, load_accounts
from demo.cohorts import load_cohorts
from demo.families import PARENTS_COHORT, load_families
from tests.documents.factories import pdf_text
from tests.e2e.axe import violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_axe_check_sees_what_it_must_refuse(browser):
    """The check itself: a page with the faults it exists for fails it."""
    page = browser.new_page()
    page.set_content(
        '<html lang="fr"><head><title>Essai</title></head><body><main>'
        '<p style="color:#aaa;background:#fff">Pâle</p><img src="data:,">'
        '<input type="text"><ul role="status"><li>Message</li></ul>'
        '<iframe id="exercise-frame" title="Exercice"></iframe></main></body></html>'
    )
    found = {violation["id"] for violation in violations(page)}
    page.close()
    assert {"color-contrast", "image-alt", "label", "listitem"} <= found, found


def log_in(page, live_server, axe, username):
    page.goto(live_server.url + "/comptes/login/")
    axe.check(page)
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/comptes/login/" not in url)
    axe.check(page)


def test_a_cpe_enrols_a_family(live_server, browser, live_courses, axe):
    load_accounts()
    load_cohorts()
    load_families()
    # A CPE at the school office: a laptop.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    page = axe.watch(context.new_page())
    page.set_default_timeout(10_000)

    log_in(page, live_server, axe, "sophie.durand")
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace CPE")
    expect(page.get_by_role("heading", name="Familles à rappeler")).to_be_visible()
    card = page.locator(".cpe-cohorts li.card").filter(
        has=page.get_by_role("heading", name=PARENTS_COHORT, exact=True)
    )
    card.get_by_role("link", name="Inscrire une famille").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inscrire une famille")
    axe.check(page)

    # Sent without the family's consent: refused, with a summary that links to the fields.
    page.get_by_label("Prénom du parent").fill("Yasmina")
    page.get_by_label("Nom du parent :", exact=True).fill("Cherki")
    page.get_by_label("Téléphone").fill("06 58 69 70 81")
    page.get_by_label("Langue parlée à la maison").select_option("ar")
    page.get_by_role("group", name="Le parent lit-il le français ?").get_by_label("Non").check()
    page.get_by_label("Classe de l'enfant").fill("6e B")
    page.get_by_label("Identifiants Pronote jamais activés").check()
    page.get_by_label("Pas d'ordinateur à la maison").check()
    page.get_by_role("button", name="Inscrire la famille").click()
    expect(page.get_by_role("alert")).to_contain_text("Il manque quelque chose")
    expect(page.get_by_label("Prénom du parent")).to_have_value("Yasmina")
    axe.check(page)

    page.get_by_label("La famille a entendu ce texte et elle est d'accord.").check()
    page.get_by_role("button", name="Inscrire la famille").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace CPE")
    expect(page.get_by_text("est inscrit(e) dans le groupe")).to_be_visible()
    expect(page.locator("table.cpe-families")).to_contain_text("Cherki")
    axe.check(page)
    enrolment = Enrolment.objects.get(learner__last_name="Cherki")
    assert enrolment.cohort.name == PARENTS_COHORT

    # Last year's page, a click away.
    page.get_by_role("link", name="Année précédente").click()
    axe.check(page)
    context.close()


def test_a_funder_downloads_the_report(live_server, browser, live_courses, axe):
    load_accounts()
    load_cohorts()
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="fr-FR", accept_downloads=True
    )
    page = axe.watch(context.new_page())
    page.set_default_timeout(10_000)

    log_in(page, live_server, axe, "julien.roux")
    programme = Programme.objects.filter(funder__slug="departement-47").order_by("name").first()
    page.get_by_role("link", name=programme.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(programme.name)
    axe.check(page)

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Document PDF (bilan.pdf)").click()
    assert pdf_download.value.suggested_filename.endswith(".pdf")
    body = pdf_download.value.path().read_bytes()
    assert body.startswith(b"%PDF")
    text, _reader = pdf_text(body)
    assert programme.name in text

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Tableur (bilan.xlsx)").click()
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    body = xlsx_download.value.path().read_bytes()
    assert zipfile.is_zipfile(io.BytesIO(body))
    workbook = load_workbook(io.BytesIO(body), read_only=True)
    assert len(workbook.sheetnames) > 1

    page.get_by_role("link", name="Comment les chiffres sont calculés (glossaire)").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe.check(page)
    context.close()
