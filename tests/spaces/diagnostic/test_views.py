"""Taking the diagnostic through the pages, one question per screen."""

import pytest
from django.urls import reverse

from diagnostics.models import Assessment
from tests.diagnostics.factories import make_questionnaire
from tests.scoping import page_text


@pytest.fixture
def questionnaire(db):
    return make_questionnaire()


def start_assisted(client, organisation, questionnaire, **data):
    form = {
        "person_name": "Mamadou Keita",
        "organisation": str(organisation.pk),
        "audience": "general",
        "phase": "initial",
        "questionnaire": str(questionnaire.pk),
        **data,
    }
    response = client.post(reverse("diagnostics:assisted_start"), form)
    assert response.status_code == 302, page_text(response)[:2000]
    return Assessment.objects.latest("pk")


@pytest.mark.django_db
def test_trainer_takes_the_diagnostic_screen_by_screen(
    client, trainer, organisation, questionnaire
):
    client.force_login(trainer)
    assessment = start_assisted(client, organisation, questionnaire)
    url = reverse("diagnostics:question", args=[assessment.pk])
    answers = [
        ["demarches", "sante"],
        "telephone",
        "oui",
        "oui",
        "avec-aide",
        "non",
        "non",
        "reussi",
    ]
    for number, answer in enumerate(answers, start=1):
        page = client.get(url)
        assert f"Question {number} sur 8" in page_text(page)
        response = client.post(page.request["PATH_INFO"] + f"?q={number - 1}", {"answer": answer})
        assert response.status_code == 302
    review = client.get(url)
    assert "Voir le résultat" in page_text(review)
    result = client.post(reverse("diagnostics:complete", args=[assessment.pk]), follow=True)
    html = page_text(result)
    assessment.refresh_from_db()
    assert assessment.status == "completed"
    assert "Niveau : Intermédiaire" in html  # 7/12 = 58 %
    assert "Besoin d'un ordinateur" in html
    assert html.count('<progress class="bar"') == 4


@pytest.mark.django_db
def test_a_missing_answer_keeps_the_question_with_a_french_error(
    client, trainer, organisation, questionnaire
):
    client.force_login(trainer)
    assessment = start_assisted(client, organisation, questionnaire)
    response = client.post(reverse("diagnostics:question", args=[assessment.pk]) + "?q=1", {})
    assert response.status_code == 400
    assert "Choisissez une réponse pour continuer." in page_text(response)
    assessment.refresh_from_db()
    assert assessment.answers == {}


@pytest.mark.django_db
def test_coming_back_resumes_at_the_first_unanswered_question(
    client, trainer, organisation, questionnaire
):
    client.force_login(trainer)
    assessment = start_assisted(client, organisation, questionnaire)
    url = reverse("diagnostics:question", args=[assessment.pk])
    client.post(url + "?q=0", {"answer": ["emploi"]})
    client.post(url + "?q=1", {"answer": "ordinateur"})
    client.logout()
    client.force_login(trainer)
    assert "Question 3 sur 8" in page_text(client.get(url))


@pytest.mark.django_db
def test_the_start_form_keeps_what_was_typed(client, trainer, organisation, questionnaire):
    client.force_login(trainer)
    response = client.post(
        reverse("diagnostics:assisted_start"),
        {
            "person_name": "",
            "organisation": str(organisation.pk),
            "audience": "parents",
            "phase": "initial",
            "questionnaire": str(questionnaire.pk),
        },
    )
    html = page_text(response)
    assert "Écrivez le nom de la personne ou choisissez son accès apprenant." in html
    assert 'value="parents" selected' in html


@pytest.mark.django_db
def test_learner_takes_it_alone_without_observed_tasks(client, learner, questionnaire, monkeypatch):
    monkeypatch.setattr("spaces.diagnostic.views.DEFAULT_SLUG", questionnaire.slug)
    client.force_login(learner)
    response = client.post(reverse("diagnostics:self_start"))
    assessment = Assessment.objects.get(learner_user=learner)
    assert response["Location"] == reverse("diagnostics:question", args=[assessment.pk])
    assert assessment.mode == "self"
    assert "Question 1 sur 7" in page_text(client.get(response["Location"]))
    # Coming back to the learner's diagnostic page resumes it.
    assert client.get(reverse("diagnostics:self_start"))["Location"] == response["Location"]


@pytest.mark.django_db
def test_another_organisation_gets_404_and_anonymous_goes_to_log_in(
    client, trainer, outsider_trainer, funder, organisation, questionnaire
):
    client.force_login(trainer)
    assessment = start_assisted(client, organisation, questionnaire)
    for name in ("question", "result"):
        url = reverse(f"diagnostics:{name}", args=[assessment.pk])
        client.force_login(outsider_trainer)
        assert client.get(url).status_code == 404
        client.force_login(funder)
        assert client.get(url).status_code == 404
        client.logout()
        assert client.get(url).status_code == 302
    client.force_login(outsider_trainer)
    url = reverse("diagnostics:question", args=[assessment.pk]) + "?q=0"
    assert client.post(url, {"answer": ["emploi"]}).status_code == 404
    assert client.post(reverse("diagnostics:complete", args=[assessment.pk])).status_code == 404
    assessment.refresh_from_db()
    assert assessment.answers == {}


@pytest.mark.django_db
def test_a_learner_cannot_answer_an_assisted_diagnostic_about_them(
    client, trainer, learner, learner_account, organisation, questionnaire
):
    client.force_login(trainer)
    assessment = start_assisted(
        client, organisation, questionnaire, person_name="", learner_account=str(learner_account.pk)
    )
    client.force_login(learner)
    url = reverse("diagnostics:question", args=[assessment.pk]) + "?q=0"
    assert client.post(url, {"answer": ["emploi"]}).status_code == 403


@pytest.mark.django_db
def test_a_question_shows_its_picture(client, trainer, organisation):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = BytesIO()
    PILImage.new("RGB", (320, 200), "#0b5c8c").save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Une souris d'ordinateur", file=ImageFile(buffer, name="souris.png")
    )
    questionnaire = make_questionnaire()
    questionnaire.refresh_from_db()
    questionnaire.questions[2].value["image"] = image
    questionnaire.save()
    from diagnostics.services import questionnaire_publish_version

    questionnaire_publish_version(questionnaire=questionnaire)
    client.force_login(trainer)
    assessment = start_assisted(client, organisation, questionnaire)
    html = client.get(
        reverse("diagnostics:question", args=[assessment.pk]) + "?q=2"
    ).content.decode()
    assert 'class="question-picture"' in html
    assert 'alt="Une souris d&#x27;ordinateur"' in html
