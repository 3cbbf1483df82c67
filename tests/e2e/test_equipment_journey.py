"""On the demo data: the technician takes a received laptop to ready (refused without an
erasure record), prints its label; the trainer hands it over as a loan at the last meeting of
the parents' cohort; the loan agreement and the cohort dashboard show it."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from cohorts import services as cohort_services
from cohorts.models import Enrolment
from demo.accounts import DEMO_PASSWORD, load_accounts
from demo.branding import load_branding
from demo.cohorts import load_cohorts
from demo.equipment import load_equipment
from equipment.models import Device, Handover
from tests.documents.factories import pdf_text
from tests.e2e.test_trainer_meeting import sign

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n% rapport nwipe : NIST 800-88 Purge, 1 passe, verification OK\n%%EOF\n"


def log_in(page, live_server, username, axe=None):
    page.goto(live_server.url + "/comptes/login/")
    if axe:
        axe.check(page)
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    if axe:
        page.wait_for_url(lambda url: "/comptes/login/" not in url)
        axe.check(page)


def fetch(page, live_server, href):
    response = page.context.request.get(live_server.url + href)
    assert response.status == 200, href
    return pdf_text(response.body())


def test_from_the_workshop_to_the_last_meeting(live_server, browser, live_courses, tmp_path, axe):
    load_accounts()
    load_branding()
    parents, _beginners = load_cohorts()
    load_equipment()
    device = Device.objects.filter(status=Device.Status.RECEIVED, kind="laptop").first()
    device.serial_number = device.serial_number or "PF1E2XQZ"
    device.save()
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = axe.watch(context.new_page())
    page.set_default_timeout(10_000)

    # The technician, on a phone in the workshop, types the code from the label.
    log_in(page, live_server, "lucas.moreau", axe)
    page.get_by_label("Code d'inventaire").fill(device.inventory_code.lower())
    page.get_by_label("Code d'inventaire").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(device.inventory_code)
    axe.check(page)
    page.get_by_role("button", name="Passer à « Identifié »").click()
    expect(page.locator(".device-step")).to_contain_text("Identifié")
    axe.check(page)
    assert page.get_by_role("button", name="Passer à « Prêt »").count() == 0
    page.get_by_role("button", name="Passer à « Données effacées »").click()
    expect(page.get_by_role("alert").first).to_contain_text("Pas d'effacement réussi")
    axe.check(page)
    assert Device.objects.get(pk=device.pk).status == Device.Status.IDENTIFIED

    certificate = tmp_path / "rapport-nwipe.pdf"
    certificate.write_bytes(PDF)
    page.get_by_label("Logiciel ou méthode").select_option("nwipe")
    page.get_by_label("Norme").select_option("nist_purge")
    page.get_by_label("Certificat (PDF)").set_input_files(str(certificate))
    page.get_by_role("button", name="Enregistrer l'effacement").click()
    expect(page.locator(".device-step")).to_contain_text("Données effacées")
    page.get_by_role("button", name="Passer à « Réparé et testé »").click()
    page.get_by_role("button", name="Passer à « Prêt »").click()
    expect(page.locator(".device-step")).to_contain_text("Prêt")
    axe.check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    label_href = page.get_by_role("link", name="Imprimer l'étiquette").get_attribute("href")
    label_text, _reader = fetch(page, live_server, label_href)
    assert device.inventory_code in label_text

    # Today's last meeting of the parents' cohort: everyone present, the meeting ended.
    karim = User.objects.get(username="karim.benali")
    meeting = parents.meetings.order_by("number").last()
    for enrolment in parents.enrolments.exclude(status=Enrolment.Status.DROPPED):
        cohort_services.meeting_take_roll(
            actor=karim, meeting_id=meeting.pk, learner_id=enrolment.learner_id, mark="present"
        )
    cohort_services.meeting_close(actor=karim, meeting_id=meeting.pk)
    mamadou = parents.enrolments.get(learner__first_name="Mamadou")

    page.context.clear_cookies()
    log_in(page, live_server, "karim.benali", axe)
    page.goto(f"{live_server.url}/formateur/seances/groupe/{meeting.pk}/")
    axe.check(page)
    page.get_by_role("link", name="Remettre les ordinateurs").click()
    axe.check(page)
    row = page.locator(f"#apprenant-{mamadou.pk}")
    row.get_by_label("Appareil").select_option(str(device.pk))
    row.get_by_role("radio", name="Prêt").check()
    row.get_by_role("button", name="Remettre l'appareil").click()
    sign(page, axe)  # Mamadou signs the loan agreement on the phone
    expect(page.locator(f"#apprenant-{mamadou.pk}")).to_contain_text(device.inventory_code)
    expect(page.locator(f"#apprenant-{mamadou.pk}")).to_contain_text("Signé le")
    axe.check(page)
    handover = Handover.objects.get(device=device)
    assert (handover.formula, handover.enrolment) == ("loan", mamadou)

    document_href = (
        page.locator(f"#apprenant-{mamadou.pk}")
        .get_by_role("link", name="Document (PDF)")
        .get_attribute("href")
    )
    agreement, reader = fetch(page, live_server, document_href)
    assert device.inventory_code in agreement and device.serial_number in agreement
    assert "Mamadou" in agreement
    assert sum(len(p.images) for p in reader.pages) >= 1  # the signature drawn on screen

    page.goto(f"{live_server.url}/formateur/groupes/{parents.pk}/")
    matrix_row = page.locator("tr", has_text="Sow Mamadou")
    expect(matrix_row).to_contain_text(device.inventory_code)
    axe.check(page)
    expect(matrix_row.locator("td.cell-present").first).to_be_visible()
    context.close()
