"""A trainer runs today's demo meeting on a 360-px phone — the last of the parents' track,
five already held: roll call, signatures, projection, end of the meeting, handouts of those
present, the completion list, the computer handed over and the diplomas printed; every page
passes the axe-core check (tests/e2e/axe.py)."""

import os

import pytest
from playwright.sync_api import expect

from cohorts.models import Attendance, Diploma
from demo.accounts import DEMO_PASSWORD, load_accounts
from demo.cohorts import load_cohorts
from demo.equipment import load_equipment
from equipment.models import Device, Handover
from tests.documents.factories import pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TREMPLIN_SCREENSHOTS")  # a folder, to look at the pages


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_trainer_runs_todays_demo_meeting_on_a_phone(live_server, phone, live_courses, axe):
    load_accounts()
    parents, _beginners = load_cohorts()
    load_equipment()
    page = axe.watch(phone)
    page.goto(live_server.url + "/comptes/login/")
    axe.check(page)
    page.locator("input[name=login]").fill("karim.benali")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()

    expect(page.get_by_role("heading", name="Aujourd'hui")).to_be_visible()
    axe.check(page)
    shot(page, "1-trainer-home")
    no_sideways_scroll(page)
    page.locator(".meeting-card a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Séance 6")
    axe.check(page)

    # Roll call: one tap each; the row is swapped in place by htmx, no page load.
    page.wait_for_function("window.htmx !== undefined")  # deferred; before it, a tap reloads
    page.evaluate("window.__samePage = true")
    rows = page.locator("li.roll-row:not(.dropped)")
    assert rows.count() == 7
    for index in range(7):
        row = rows.nth(index)
        row.get_by_role("button", name="Présent").click()
        expect(row.get_by_role("button", name="Présent")).to_have_attribute("aria-pressed", "true")
    fatima = page.locator("li.roll-row", has_text="Fatima")
    fatima.get_by_role("button", name="Présent").dblclick()  # a double tap
    expect(fatima.get_by_role("button", name="Présent")).to_have_attribute("aria-pressed", "true")
    lan = page.locator("li.roll-row", has_text="Thi Lan")
    lan.get_by_role("button", name="En retard").click()
    expect(lan.get_by_text("En retard de 15 min")).to_be_visible()
    assert page.evaluate("window.__samePage") is True
    assert Attendance.objects.filter(meeting__cohort=parents, meeting__number=6).count() == 7
    axe.check(page)  # the rows swapped in by htmx
    no_sideways_scroll(page)
    shot(page, "2-roll-call")

    # Fatima signs with a finger on the phone; then the trainer signs.
    fatima.get_by_role("link", name="Faire signer Fatima").click()
    sign(page, axe)
    expect(page.locator("li.roll-row", has_text="Fatima")).to_contain_text("Signé à")
    axe.check(page)
    page.get_by_role("link", name="Signer comme formateur").click()
    page.get_by_role("button", name="Valider la signature").click()  # empty: refused here
    expect(page.get_by_role("alert").first).to_contain_text("Le cadre est vide")
    sign(page, axe)
    expect(page.get_by_text("Vous avez signé la feuille.")).to_be_visible()
    axe.check(page)

    # The plan in projection mode: one step at a time, with its timer.
    page.get_by_role("link", name="Mode projection").click()
    clock = page.locator("[data-runner-clock]")
    expect(page.locator("[data-runner-position]")).to_contain_text("Étape 1 sur")
    axe.check(page)
    first_clock = clock.inner_text()
    page.get_by_role("button", name="Démarrer le minuteur").click()
    page.wait_for_timeout(1500)
    assert clock.inner_text() != first_clock
    page.keyboard.press("ArrowRight")
    expect(page.locator("[data-runner-position]")).to_contain_text("Étape 2 sur")
    expect(page.locator(".runner-steps li.current")).to_have_count(1)
    shot(page, "3-projection")
    page.get_by_role("link", name="Quitter la projection").click()
    axe.check(page)

    # End of the meeting, then the completion list and the handouts.
    page.get_by_role("button", name="Terminer la séance").click()
    expect(page.get_by_text("La séance est terminée. Merci !")).to_be_visible()
    axe.check(page)
    bilan = page.locator("#bilan")
    expect(bilan.get_by_text("Peut le recevoir")).to_have_count(5)
    expect(bilan.locator("tr", has_text="Élodie")).to_contain_text("Non")
    page.get_by_role("button", name="Préparer les fiches des présents").click()
    link = page.get_by_role("link", name="Télécharger les fiches (PDF)")
    expect(link).to_be_visible()
    axe.check(page)
    no_sideways_scroll(page)
    shot(page, "4-end")
    with page.expect_download() as download:
        link.click()
    with open(download.value.path(), "rb") as handle:
        text, reader = pdf_text(handle.read())
    assert "Fiche de Fatima Benhaddou" in text and "Fiche de Thi Lan Nguyen" in text
    assert "Rachid" not in text

    # The attendance sheets: blank to print before, signed with the drawings after.
    blank = fetch_pdf(page, "Feuille vierge à imprimer (PDF)")
    signed = fetch_pdf(page, "Feuille signée (PDF)")
    assert "BENHADDOU" in blank[0] and "Présent" not in blank[0].replace("Présence", "")
    assert signed[0].count("signé à l'écran") == 2  # Fatima and the trainer
    assert sum(len(p.images) for p in signed[1].pages) == 2

    # The computer: Fatima receives a ready laptop as a gift and signs the certificate.
    meeting_url = page.url
    page.get_by_role("link", name="Remettre les ordinateurs").click()
    axe.check(page)
    enrolment = parents.enrolments.get(learner__first_name="Fatima")
    device = Device.objects.filter(status=Device.Status.READY).order_by("inventory_code").first()
    row = page.locator(f"#apprenant-{enrolment.pk}")
    row.get_by_label("Appareil").select_option(str(device.pk))
    row.get_by_role("radio", name="Don").check()
    row.get_by_role("button", name="Remettre l'appareil").click()
    sign(page, axe)
    expect(page.locator(f"#apprenant-{enrolment.pk}")).to_contain_text(device.inventory_code)
    axe.check(page)
    assert Handover.objects.get(device=device).enrolment == enrolment
    no_sideways_scroll(page)
    page.goto(meeting_url)

    # Diplomas for the ceremony, in one PDF; then a public check of one of them.
    page.get_by_role("button", name="Préparer les diplômes et attestations").click()
    link = page.get_by_role("link", name="Télécharger les diplômes et attestations (PDF)")
    expect(link).to_be_visible()
    axe.check(page)
    with page.expect_download() as download:
        link.click()
    body = download.value.path().read_bytes()
    assert body.startswith(b"%PDF")
    text, reader = pdf_text(body)
    assert len(reader.pages) == 7
    assert text.count("DIPLÔME") == 5 and text.count("ATTESTATION DE PRÉSENCE") == 2
    code = Diploma.objects.get(first_name="Fatima", kind="diploma").code
    page.goto(f"{live_server.url}/verify/{code}/")
    expect(page.get_by_text("Ce diplôme est authentique.")).to_be_visible()
    axe.check(page)
    expect(page.get_by_text("Fatima B.", exact=True)).to_be_visible()
    assert "Benhaddou" not in page.content()
    shot(page, "5-verify")
    page.goto(f"{live_server.url}/verify/ABCD-EFGH-JK/")
    expect(page.get_by_text("Ce code est inconnu")).to_be_visible()
    axe.check(page)


def sign(page, axe=None):
    """Draw a signature with the mouse on the pad, then send it."""
    page.locator("form[data-signature-form][data-ready]").wait_for()  # scripts are deferred
    if axe:
        axe.check(page)
    canvas = page.locator("canvas[data-signature-pad]")
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] * 0.7)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(
            box["x"] + 20 + step * (box["width"] - 40) / 11,
            box["y"] + box["height"] * (0.3 if step % 2 else 0.7),
            steps=3,
        )
    page.mouse.up()
    page.get_by_role("button", name="Valider la signature").click()


def fetch_pdf(page, link_name):
    href = page.get_by_role("link", name=link_name).get_attribute("href")
    response = page.context.request.get(page.url.split("/formateur/")[0] + href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    return pdf_text(response.body())
