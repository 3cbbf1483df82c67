"""A coordinator edits a question and a threshold in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses.models import Competence
from diagnostics.models import Questionnaire
from tests.diagnostics.test_services import take
from tests.scoping import page_text

from .factories import make_questionnaire


def list_block(items):
    data = {
        str(i): {"value": item, "deleted": "", "order": str(i), "id": ""}
        for i, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def questionnaire_form(questionnaire, *, text_of=None, intermediate_from=None):
    competences = {c.code: str(c.pk) for c in Competence.objects.all()}
    questions = []
    for question in questionnaire.current_version.content["questions"]:
        questions.append(
            (
                "question",
                {
                    "key": question["key"],
                    "kind": question["kind"],
                    "text": (text_of or {}).get(question["key"], question["text"]),
                    "observation": question["observation"],
                    "image": "",
                    "competence": competences.get(question["competence"], ""),
                    "need": question["need"] or "",
                    "multiple": "on" if question["multiple"] else "",
                    "answers": list_block(
                        [
                            {"value": a["value"], "label": a["label"], "points": str(a["points"])}
                            for a in question["answers"]
                        ]
                    ),
                },
            )
        )
    return nested_form_data(
        {
            "title": questionnaire.title,
            "slug": questionnaire.slug,
            "audience": questionnaire.audience,
            "intro": questionnaire.intro,
            "intermediate_from": str(intermediate_from or questionnaire.intermediate_from),
            "advanced_from": str(questionnaire.advanced_from),
            "questions": streamfield(questions),
        }
    )


@pytest.mark.django_db
def test_coordinator_edits_a_question_and_a_threshold_and_old_results_stay(
    client, coordinator, trainer, organisation
):
    questionnaire = make_questionnaire()
    questionnaire.refresh_from_db()
    before = take(trainer, organisation, questionnaire, [2, 1, 0, 0, 0], double_click="pas-encore")
    assert before.level == "beginner"  # 3 / 12 = 25 %

    client.force_login(coordinator)
    url = reverse("wagtailsnippets_diagnostics_questionnaire:edit", args=[questionnaire.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        questionnaire_form(
            questionnaire,
            text_of={"souris": "Savez-vous faire un clic droit ?"},
            intermediate_from=20,
        ),
    )
    assert response.status_code == 302, page_text(response)[:3000]

    questionnaire.refresh_from_db()
    version = questionnaire.current_version
    assert version.number == 2
    assert version.content["intermediate_from"] == 20
    assert version.content["questions"][2]["text"] == "Savez-vous faire un clic droit ?"
    before.refresh_from_db()
    assert before.version.number == 1 and before.level == "beginner"
    assert before.version.content["questions"][2]["text"] == "Savez-vous faire « souris » ?"
    after = take(trainer, organisation, questionnaire, [2, 1, 0, 0, 0], double_click="pas-encore")
    assert after.level == "intermediate"


@pytest.mark.django_db
def test_a_wrong_threshold_is_refused_in_french(client, coordinator):
    questionnaire = make_questionnaire()
    questionnaire.refresh_from_db()
    client.force_login(coordinator)
    url = reverse("wagtailsnippets_diagnostics_questionnaire:edit", args=[questionnaire.pk])
    response = client.post(url, questionnaire_form(questionnaire, intermediate_from=90))
    assert response.status_code == 200
    assert "Les seuils vont en montant" in page_text(response)
    assert Questionnaire.objects.get(pk=questionnaire.pk).current_version.number == 1


@pytest.mark.django_db
def test_trainers_do_not_edit_questionnaires(client, trainer):
    questionnaire = make_questionnaire()
    client.force_login(trainer)
    url = reverse("wagtailsnippets_diagnostics_questionnaire:edit", args=[questionnaire.pk])
    assert client.get(url).status_code in (302, 403)
