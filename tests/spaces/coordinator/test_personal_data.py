"""A coordinator reads, exports and erases a learner's personal data from the learner's page;
nobody else reaches it; every look is written to the audit log. The privacy notice is public
and linked from every page."""

import json

import pytest
from django.urls import reverse

from cohorts.models import AuditEntry, Learner
from cohorts.services import learner_enrol
from privacy.registry import ERASED_FIRST_NAME
from tests.cohorts.factories import make_cohort, make_learner
from tests.documents.factories import pdf_text
from tests.scoping import page_text

pytestmark = pytest.mark.django_db

VIEWS = ["learner_file", "learner_export_json", "learner_export_pdf", "learner_erase"]


@pytest.fixture
def awa(organisation):
    learner = make_learner(
        organisation, "Awa", "Traoré", phone="0601020304", email="awa@example.org"
    )
    learner_enrol(cohort=make_cohort(organisation, name="Cycle des Lilas"), learner=learner)
    return learner


def url(view, learner):
    return reverse(f"privacy:{view}", args=[learner.pk])


def actions(learner):
    return list(
        AuditEntry.objects.filter(learner_id=learner.pk)
        .order_by("pk")
        .values_list("action", "detail")
    )


def test_anonymous_people_are_sent_to_log_in(client, awa):
    for view in VIEWS:
        response = client.get(url(view, awa))
        assert response.status_code == 302 and "/comptes/login/" in response["Location"], view
    assert client.post(url("learner_erase", awa), {"confirm": "yes"}).status_code == 302
    assert Learner.objects.get(pk=awa.pk).first_name == "Awa"


def test_another_organisations_coordinator_gets_404(client, outsider, awa):
    client.force_login(outsider)
    for view in VIEWS:
        assert client.get(url(view, awa)).status_code == 404, view
    assert client.post(url("learner_erase", awa), {"confirm": "yes"}).status_code == 404
    assert Learner.objects.get(pk=awa.pk).first_name == "Awa"
    assert actions(awa) == []


def test_a_trainer_of_the_learner_cannot_export_or_erase(client, trainer, awa):
    client.force_login(trainer)
    for view in VIEWS:
        assert client.get(url(view, awa)).status_code == 403, view
    assert client.post(url("learner_erase", awa), {"confirm": "yes"}).status_code == 403


def test_a_coordinator_who_only_trains_in_the_learners_organisation_gets_404(
    client, make_member, organisation, other_organisation, awa
):
    user = make_member("coordinator", other_organisation)
    from accounts.services import membership_grant

    membership_grant(user=user, organisation=organisation, role="trainer")
    client.force_login(user)
    assert client.get(url("learner_file", awa)).status_code == 404
    assert client.post(url("learner_erase", awa), {"confirm": "yes"}).status_code == 404


def test_the_coordinator_reads_the_file_and_the_visit_is_logged(client, coordinator, awa):
    client.force_login(coordinator)
    response = client.get(url("learner_file", awa))
    assert response.status_code == 200
    text = page_text(response)
    assert "Données personnelles : Awa Traoré" in text
    assert "Télécharger le dossier (PDF, à lire)" in text
    assert "Présences et minutes suivies" not in text  # no attendance yet
    assert "Inscriptions" in text
    assert actions(awa) == [("viewed", "privacy")]
    assert "Consulté" in page_text(client.get(url("learner_file", awa)))


def test_the_json_export(client, coordinator, awa):
    client.force_login(coordinator)
    response = client.get(url("learner_export_json", awa))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert f"dossier-apprenant-{awa.pk}.json" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    sections = {section["model"]: section["rows"] for section in data["sections"]}
    assert sections["cohorts.Learner"][0]["phone"] == "0601020304"
    assert sections["cohorts.Enrolment"][0]["cohort"] == "Cycle des Lilas"
    assert actions(awa) == [("exported", "json")]


def test_the_pdf_export_is_readable(client, coordinator, awa):
    client.force_login(coordinator)
    response = client.get(url("learner_export_pdf", awa))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text, _reader = pdf_text(response.content)
    for expected in ("Dossier d'une personne accompagnée", "Traoré", "0601020304", "Téléphone"):
        assert expected in text, expected
    assert "Cycle des Lilas" in text
    assert actions(awa) == [("exported", "pdf")]


def test_erasing_asks_for_confirmation_then_erases(client, coordinator, awa):
    client.force_login(coordinator)
    page = client.get(url("learner_erase", awa))
    assert page.status_code == 200
    assert "On ne peut pas revenir en arrière." in page_text(page)
    assert Learner.objects.get(pk=awa.pk).first_name == "Awa"  # GET changes nothing

    refused = client.post(url("learner_erase", awa), {})
    assert refused.status_code == 400
    assert "Cochez la case pour confirmer l'effacement." in page_text(refused)
    assert Learner.objects.get(pk=awa.pk).first_name == "Awa"

    response = client.post(url("learner_erase", awa), {"confirm": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == url("learner_file", awa)
    text = page_text(response)
    assert "Les données personnelles sont effacées." in text
    assert "Effacer les données personnelles…" not in text
    awa.refresh_from_db()
    assert (awa.first_name, awa.phone, awa.email) == (ERASED_FIRST_NAME, "", "")
    assert ("erased", "coordination") in actions(awa)

    again = client.post(url("learner_erase", awa), {"confirm": "yes"})
    assert "déjà effacées" in page_text(again)


def test_the_admin_page_of_a_learner_links_to_the_file_and_logs_views_and_changes(
    client, coordinator, awa
):
    client.force_login(coordinator)
    response = client.get(reverse("cohorts_learner:inspect", args=[awa.pk]))
    assert response.status_code == 200
    assert url("learner_file", awa) in response.content.decode()
    assert actions(awa) == [("viewed", "admin")]

    edit = reverse("cohorts_learner:edit", args=[awa.pk])
    assert client.get(edit).status_code == 200
    data = {
        "organisation": str(awa.organisation_id),
        "first_name": "Awa",
        "last_name": "Traoré-Diallo",
        "phone": "0601020304",
        "email": "",
        "birth_year": "",
        "gender": "F",
        "language": "fr",
        "reads_french": "on",
        "referred_by": "",
        "consent_at": "",
        "consent_text": "",
    }
    response = client.post(edit, data)
    assert response.status_code == 302, page_text(response)
    assert actions(awa) == [("viewed", "admin"), ("viewed", "admin"), ("changed", "admin")]
    # Ids only in the log.
    entry = AuditEntry.objects.filter(learner_id=awa.pk).last()
    assert "Traoré" not in str(entry.__dict__)


def test_the_trainers_look_at_a_learners_exercises_is_logged(client, trainer, awa):
    client.force_login(trainer)
    response = client.get(reverse("cohorts:learner_exercise_results", args=[awa.pk]))
    assert response.status_code == 200
    assert actions(awa) == [("viewed", "exercices")]


def test_giving_a_learner_access_is_logged_as_a_change(client, trainer, awa):
    client.force_login(trainer)
    assert client.post(reverse("cohorts:learner_access", args=[awa.pk])).status_code == 200
    assert actions(awa) == [("changed", "acces")]


def test_the_privacy_notice_is_public_plain_and_linked_from_every_page(client):
    response = client.get(reverse("privacy:notice"))
    assert response.status_code == 200
    text = page_text(response)
    for heading in (
        "Qu'est-ce que nous gardons ?",
        "Pourquoi ?",
        "Combien de temps ?",
        "À qui demander ?",
    ):
        assert heading in text
    assert "Nous gardons vos données 2 ans après votre dernière venue." in text
    assert "Ils ne reçoivent jamais votre nom." in text
    login = client.get(reverse("accounts:learner_login"))
    assert reverse("privacy:notice") in login.content.decode()
