"""A small questionnaire built for tests: five 2-point questions (10 points in all)."""

from courses.models import Competence
from diagnostics.models import Questionnaire
from diagnostics.services import questionnaire_publish_version

YES_NO_HELP = [
    {"value": "oui", "label": "Oui, seul", "points": 2},
    {"value": "avec-aide", "label": "Oui, avec de l'aide", "points": 1},
    {"value": "non", "label": "Non", "points": 0},
]


def question(key, competence, kind="yes_no_help", answers=YES_NO_HELP, **extra):
    return (
        "question",
        {
            "key": key,
            "kind": kind,
            "text": f"Savez-vous faire « {key} » ?",
            "observation": "",
            "image": None,
            "competence": Competence.objects.get(code=competence) if competence else None,
            "need": extra.get("need", ""),
            "multiple": extra.get("multiple", False),
            "answers": answers,
        },
    )


NEEDS = [
    question(
        "objectifs",
        None,
        kind="need",
        need="goals",
        multiple=True,
        answers=[
            {"value": "demarches", "label": "Mes démarches", "points": 0},
            {"value": "sante", "label": "Ma santé", "points": 0},
            {"value": "emploi", "label": "Un emploi", "points": 0},
        ],
    ),
    question(
        "equipement",
        None,
        kind="need",
        need="equipment",
        answers=[
            {"value": "aucun", "label": "Aucun appareil", "points": 0},
            {"value": "telephone", "label": "Un téléphone", "points": 0},
            {"value": "ordinateur", "label": "Un ordinateur", "points": 0},
        ],
    ),
]
SCORED_KEYS = ["souris", "clavier", "recherche", "courriel", "mot-de-passe"]
COMPETENCES = ["B.2", "B.3", "1.1", "2.1", "4.1"]


def make_questionnaire(slug="test-diagnostic", intermediate_from=40, advanced_from=80):
    questionnaire = Questionnaire(
        slug=slug,
        title="Diagnostic de test",
        intro="Quelques questions.",
        intermediate_from=intermediate_from,
        advanced_from=advanced_from,
        questions=[
            *NEEDS,
            *[question(k, c) for k, c in zip(SCORED_KEYS, COMPETENCES, strict=True)],
            question(
                "double-clic",
                "B.2",
                kind="observed_task",
                answers=[
                    {"value": "reussi", "label": "Réussi", "points": 2},
                    {"value": "aide", "label": "Avec de l'aide", "points": 1},
                    {"value": "pas-encore", "label": "Pas encore", "points": 0},
                ],
            ),
        ],
    )
    questionnaire.full_clean()
    questionnaire.save()
    questionnaire_publish_version(questionnaire=questionnaire)
    return questionnaire
