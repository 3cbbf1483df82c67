"""The default orientation rules, one by one (the field reports' programmes)."""

import pytest

from demo.diagnostics import load_rules
from diagnostics.models import OrientationRule
from diagnostics.services import orientation_for

from .factories import make_questionnaire
from .test_services import take


@pytest.fixture
def rules(db):
    load_rules()


def slugs(recommendation):
    from courses.models import TrackPage

    ids = [t["id"] for t in recommendation["tracks"]]
    return sorted(TrackPage.objects.filter(pk__in=ids).values_list("slug", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("audience", "level", "goals", "outcome", "expected"),
    [
        ("parents", "beginner", [], "track", ["parents-scolarite-college"]),
        ("parents", "advanced", ["emploi"], "track", ["parents-scolarite-college"]),
        ("job_seekers", "beginner", ["emploi"], "track", ["emploi-numerique-debutant"]),
        ("job_seekers", "intermediate", ["sante"], "track", ["emploi-numerique-intermediaire"]),
        ("job_seekers", "advanced", [], "track", ["emploi-numerique-avance"]),
        ("general", "beginner", ["sante"], "track", ["cycle-initiation-numerique"]),
        ("seniors", "beginner", [], "track", ["cycle-initiation-numerique"]),
        ("general", "intermediate", ["sante"], "track", ["atelier-sante-en-ligne"]),
        (
            "general",
            "advanced",
            ["demarches", "securite"],
            "track",
            ["atelier-demarches-administratives", "atelier-securite-arnaques"],
        ),
        ("general", "intermediate", ["contact"], "track", ["atelier-communication"]),
        ("general", "intermediate", [], "individual_help", ["permanence-connectee"]),
        ("general", "advanced", ["emploi"], "individual_help", ["permanence-connectee"]),
    ],
)
def test_default_rules(rules, audience, level, goals, outcome, expected):
    recommendation = orientation_for(audience=audience, level=level, goals=goals)
    assert recommendation["outcome"] == outcome
    assert slugs(recommendation) == expected
    assert recommendation["reason"]


@pytest.mark.django_db
def test_loading_rules_twice_changes_nothing_and_keeps_edits(rules):
    rule = OrientationRule.objects.get(name="Débutant")
    rule.reason = "Texte changé par la coordination."
    rule.save()
    count = OrientationRule.objects.count()
    load_rules()
    assert OrientationRule.objects.count() == count
    rule.refresh_from_db()
    assert rule.reason == "Texte changé par la coordination."


@pytest.mark.django_db
def test_a_coordinator_rule_takes_precedence_by_priority(rules):
    from courses.models import TrackPage

    OrientationRule.objects.create(
        name="Seniors débutants : atelier communication d'abord",
        priority=5,
        audience="seniors",
        level="beginner",
        outcome="track",
        track=TrackPage.objects.get(slug="atelier-communication"),
        reason="Pour garder le contact avec vos proches.",
    )
    recommendation = orientation_for(audience="seniors", level="beginner", goals=[])
    assert slugs(recommendation) == ["atelier-communication"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("equipment", "flagged"), [("aucun", True), ("telephone", True), ("ordinateur", False)]
)
def test_no_computer_at_home_flags_an_equipment_need(
    rules, trainer, organisation, equipment, flagged
):
    questionnaire = make_questionnaire()
    assessment = take(trainer, organisation, questionnaire, [0, 0, 0, 0, 0], equipment=equipment)
    assert assessment.needs["equipment_needed"] is flagged
    assert slugs(assessment.recommendation) == ["cycle-initiation-numerique"]
