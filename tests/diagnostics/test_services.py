"""Taking a diagnostic: levels, versions, resuming, bad answers, scoping, orientation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from diagnostics import services
from diagnostics.models import Assessment, Questionnaire
from diagnostics.selectors import assessment_progress, group_progress
from tests.scoping import assert_visible_only_to_own_organisation

from .factories import SCORED_KEYS, make_questionnaire


def take(
    actor,
    organisation,
    questionnaire,
    points_each,
    *,
    mode="assisted",
    audience="general",
    goals=("demarches",),
    equipment="ordinateur",
    double_click="reussi",
    **extra,
):
    """Answer every question; `points_each` is a list of 2/1/0 for the five scored questions."""
    assessment = services.assessment_start(
        actor=actor,
        organisation=organisation,
        questionnaire=questionnaire,
        mode=mode,
        audience=audience,
        **extra,
    )
    services.assessment_answer(
        actor=actor, assessment_id=assessment.pk, key="objectifs", value=list(goals)
    )
    services.assessment_answer(
        actor=actor, assessment_id=assessment.pk, key="equipement", value=equipment
    )
    value_for = {2: "oui", 1: "avec-aide", 0: "non"}
    for key, points in zip(SCORED_KEYS, points_each, strict=True):
        services.assessment_answer(
            actor=actor, assessment_id=assessment.pk, key=key, value=value_for[points]
        )
    if mode == "assisted":
        services.assessment_answer(
            actor=actor, assessment_id=assessment.pk, key="double-clic", value=double_click
        )
    return services.assessment_complete(actor=actor, assessment_id=assessment.pk)


@pytest.fixture
def questionnaire(db):
    return make_questionnaire()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("points", "double_click", "expected_percent", "level"),
    [
        # 12 points in the assisted mode: five questions of 2 and the observed task of 2.
        ([0, 0, 0, 0, 0], "pas-encore", 0.0, "beginner"),
        ([2, 1, 1, 0, 0], "pas-encore", 33.3, "beginner"),  # 4/12 just under 40 %
        ([2, 2, 0, 0, 0], "reussi", 50.0, "intermediate"),
        ([2, 2, 2, 2, 1], "pas-encore", 75.0, "intermediate"),  # 9/12 under 80 %
        ([2, 2, 2, 2, 2], "pas-encore", 83.3, "advanced"),
        ([2, 2, 2, 2, 2], "reussi", 100.0, "advanced"),
    ],
)
def test_levels_from_the_thresholds(
    trainer, organisation, questionnaire, points, double_click, expected_percent, level
):
    assessment = take(trainer, organisation, questionnaire, points, double_click=double_click)
    assert assessment.score_max == 12
    assert round(100 * assessment.score / assessment.score_max, 1) == expected_percent
    assert assessment.level == level


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("points", "level"),
    [
        ([2, 1, 1, 0, 0], "intermediate"),  # 4/10 = 40 %: exactly the intermediate threshold
        ([2, 1, 0, 0, 0], "beginner"),  # 3/10 = 30 %
        ([2, 2, 2, 2, 0], "advanced"),  # 8/10 = 80 %: exactly the advanced threshold
        ([2, 2, 2, 1, 0], "intermediate"),  # 7/10 = 70 %
    ],
)
def test_exact_threshold_values_reach_the_level(
    learner, organisation, questionnaire, points, level
):
    """In the self mode the observed task is not asked: 10 points, so 1 point = 10 %."""
    assessment = take(
        learner, organisation, questionnaire, points, mode="self", learner_user=learner
    )
    assert assessment.score_max == 10
    assert assessment.level == level


@pytest.mark.django_db
def test_scores_per_domain(trainer, organisation, questionnaire):
    assessment = take(trainer, organisation, questionnaire, [2, 1, 2, 0, 1], double_click="aide")
    # B.2 souris (2) + B.3 clavier (1) + double-clic (1) in the basics; 1.1, 2.1, 4.1 alone.
    assert assessment.domain_scores == {"0": [4, 6], "1": [2, 2], "2": [0, 2], "4": [1, 2]}


@pytest.mark.django_db
def test_observed_tasks_are_only_asked_with_a_trainer(learner, organisation, questionnaire):
    assessment = services.assessment_start(
        actor=learner,
        organisation=organisation,
        questionnaire=questionnaire,
        mode="self",
        learner_user=learner,
    )
    keys = [q["key"] for q in services.assessment_questions(assessment)]
    assert "double-clic" not in keys
    with pytest.raises(ValidationError, match="ne fait pas partie"):
        services.assessment_answer(
            actor=learner, assessment_id=assessment.pk, key="double-clic", value="reussi"
        )


@pytest.mark.django_db
def test_an_interrupted_diagnostic_resumes_where_it_stopped(trainer, organisation, questionnaire):
    assessment = services.assessment_start(
        actor=trainer, organisation=organisation, questionnaire=questionnaire, mode="assisted"
    )
    services.assessment_answer(
        actor=trainer, assessment_id=assessment.pk, key="objectifs", value=["sante"]
    )
    services.assessment_answer(
        actor=trainer, assessment_id=assessment.pk, key="equipement", value="aucun"
    )
    assessment.refresh_from_db()
    index, question = services.assessment_next_question(assessment)
    assert (index, question["key"]) == (2, "souris")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("souris", "peut-etre", "Choisissez une des réponses proposées."),
        ("souris", "", "Choisissez une réponse pour continuer."),
        ("objectifs", ["demarches", "voyage"], "Choisissez une des réponses proposées."),
        ("objectifs", [], "Choisissez une réponse pour continuer."),
        ("inconnue", "oui", "Cette question ne fait pas partie de ce diagnostic."),
    ],
)
def test_invalid_answers_are_refused_and_change_nothing(
    trainer, organisation, questionnaire, key, value, message
):
    assessment = services.assessment_start(
        actor=trainer, organisation=organisation, questionnaire=questionnaire, mode="assisted"
    )
    services.assessment_answer(
        actor=trainer, assessment_id=assessment.pk, key="equipement", value="telephone"
    )
    with pytest.raises(ValidationError) as error:
        services.assessment_answer(actor=trainer, assessment_id=assessment.pk, key=key, value=value)
    assert message in error.value.messages
    assessment.refresh_from_db()
    assert assessment.answers == {"equipement": "telephone"}


@pytest.mark.django_db
def test_an_incomplete_diagnostic_cannot_be_closed(trainer, organisation, questionnaire):
    assessment = services.assessment_start(
        actor=trainer, organisation=organisation, questionnaire=questionnaire, mode="assisted"
    )
    with pytest.raises(ValidationError, match="Il manque des réponses : 8 question"):
        services.assessment_complete(actor=trainer, assessment_id=assessment.pk)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.IN_PROGRESS and assessment.level == ""


@pytest.mark.django_db
def test_a_closed_diagnostic_keeps_its_answers(trainer, organisation, questionnaire):
    assessment = take(trainer, organisation, questionnaire, [2, 2, 2, 2, 2])
    with pytest.raises(ValidationError, match="terminé"):
        services.assessment_answer(
            actor=trainer, assessment_id=assessment.pk, key="souris", value="non"
        )


@pytest.mark.django_db
def test_editing_makes_a_new_version_and_past_results_do_not_change(
    trainer, organisation, questionnaire
):
    before = take(trainer, organisation, questionnaire, [2, 1, 1, 0, 0], double_click="pas-encore")
    assert before.level == "beginner" and before.version.number == 1

    questionnaire.refresh_from_db()
    questionnaire.intermediate_from = 30
    first = questionnaire.questions[2].value
    first["text"] = "Savez-vous faire un clic droit ?"
    questionnaire.save()
    version = services.questionnaire_publish_version(questionnaire=questionnaire)
    assert version.number == 2

    before.refresh_from_db()
    assert before.version.number == 1
    assert before.level == "beginner"
    assert before.version.content["intermediate_from"] == 40
    after = take(trainer, organisation, questionnaire, [2, 1, 1, 0, 0], double_click="pas-encore")
    assert after.version.number == 2 and after.level == "intermediate"
    # Saving without a change makes no new version.
    assert services.questionnaire_publish_version(questionnaire=questionnaire).number == 2


@pytest.mark.django_db
def test_thresholds_must_go_up():
    questionnaire = Questionnaire(
        slug="x", title="x", intro="x", intermediate_from=70, advanced_from=40, questions=[]
    )
    with pytest.raises(ValidationError, match="Les seuils vont en montant"):
        questionnaire.full_clean()


@pytest.mark.django_db
def test_only_staff_of_the_organisation_take_assisted_diagnostics(
    outsider_trainer, funder, organisation, questionnaire
):
    for actor in (outsider_trainer, funder):
        with pytest.raises(PermissionDenied):
            services.assessment_start(
                actor=actor, organisation=organisation, questionnaire=questionnaire, mode="assisted"
            )


@pytest.mark.django_db
def test_assessments_are_invisible_to_another_organisation(
    trainer, coordinator, outsider, outsider_trainer, organisation, questionnaire, learner
):
    mine = [
        take(trainer, organisation, questionnaire, [2, 2, 0, 0, 0]),
        take(
            learner, organisation, questionnaire, [1, 1, 1, 1, 1], mode="self", learner_user=learner
        ),
    ]
    for other in (outsider, outsider_trainer):
        assert_visible_only_to_own_organisation(
            Assessment.objects, member=coordinator, outsider=other, objects=mine
        )
    # Another organisation's trainer cannot answer or close it either.
    with pytest.raises(PermissionDenied):
        services.assessment_answer(
            actor=outsider_trainer, assessment_id=mine[0].pk, key="souris", value="oui"
        )


@pytest.mark.django_db
def test_progress_between_the_first_and_the_last_diagnostic(
    trainer, organisation, questionnaire, learner
):
    first = take(
        trainer,
        organisation,
        questionnaire,
        [1, 0, 0, 0, 0],
        learner_user=learner,
        double_click="aide",
    )
    last = take(
        trainer,
        organisation,
        questionnaire,
        [2, 2, 2, 1, 0],
        learner_user=learner,
        phase="final",
        double_click="reussi",
    )
    progress = assessment_progress(initial=first, final=last)
    assert (progress.initial_level, progress.final_level, progress.moved_up) == (
        "beginner",
        "intermediate",
        True,
    )
    assert progress.domain_gain["0"] == round(100 * 6 / 6 - 100 * 2 / 6, 1)
    figures = group_progress(actor=trainer, learner_user_ids=[learner.pk])
    assert figures["people"] == 1 and figures["moved_up"] == 1
    assert figures["mean_gain_by_domain"]["1"] == 100.0
